import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../context';
import { cutPage, decodedCursor, decodeNameCursor, encodeCursor, pageRequest, type Page, type PageArgs } from '../common/cursor';
import { Municipality } from '../entities/municipality.entity';
import { PlanningArea } from '../entities/planning-area.entity';
import { Provider, ProviderRegisterImport, SocialService, type SocialServiceType } from '../entities/provider.entity';
import { badInput, notFound, requireId } from '../errors/app-errors';
import { authorize } from '../auth/authority';
import { SHARED } from '../auth/resources';
import { lockRegisterImports, providerRows, type ProviderQuery } from '../data/providers';
import { parseProviderRegister, RegisterFileError, type ParsedProvider, type ParsedService } from './provider-register.parser';
import { targetGroupCode } from '../common/social-service-types';

/** Largest register file accepted (bytes of UTF-8). */
export const PROVIDER_REGISTER_MAX_BYTES = 20 * 1024 * 1024;

export interface ProviderFilter {
  search?: string | null;
  serviceType?: SocialServiceType | null;
  areaId?: string | null;
  municipalityId?: string | null;
  targetGroup?: string | null;
}

export interface ProviderPage extends Page<Provider> {
  totalCount: number;
}

/** Cursor of a provider in a page sorted by name. */
export function providerCursor(p: Provider): string {
  return encodeCursor([p.name, p.id]);
}

/** JSON with sorted keys, so that values read back from jsonb compare equal to fresh ones. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

const providerValues = (p: ParsedProvider | Provider) => ({
  name: p.name,
  legalFormCode: p.legalFormCode,
  emails: p.emails,
  phones: p.phones,
  websites: p.websites,
  address: p.address,
});

const serviceValues = (s: ParsedService | SocialService, providerId: string) => ({
  providerId,
  serviceType: s.serviceType,
  providedFrom: s.providedFrom,
  providedTo: s.providedTo,
  targetGroups: s.targetGroups,
  forms: s.forms,
  facilities: s.facilities,
  municipalityCodes: s.municipalityCodes,
  emails: s.emails,
  phones: s.phones,
  websites: s.websites,
});

/**
 * The public catalogue of providers and their registered services, and its import from the
 * national register. Anyone reads it; a global admin imports the register.
 */
export class ProviderService {
  async get(ctx: RequestContext, id: string): Promise<Provider> {
    requireId(ctx.locale, 'id', id);
    const provider = await ctx.em.findOne(Provider, { id });
    if (!provider) throw notFound(ctx.locale, 'Provider', id);
    return provider;
  }

  /** A page of providers by name; service criteria must all hold for one active service. */
  async page(ctx: RequestContext, filter: ProviderFilter, args: PageArgs): Promise<ProviderPage> {
    const request = pageRequest(ctx, args);
    const query: ProviderQuery = { today: ctx.today };
    if (filter.search) {
      const search = filter.search.trim();
      // PostgreSQL text cannot hold NUL: refused here, it would otherwise fail the query as an internal error.
      if (search.length > 200 || search.includes('\u0000')) {
        throw badInput(ctx.locale, [{ field: 'search', text: { cs: 'Neplatný hledaný text.', en: 'Invalid search text.' } }]);
      }
      query.search = search;
    }
    if (filter.serviceType) query.serviceType = filter.serviceType;
    if (filter.targetGroup) {
      if (filter.targetGroup.length > 100 || filter.targetGroup.includes('\u0000')) {
        throw badInput(ctx.locale, [{ field: 'targetGroup', text: { cs: 'Neplatná cílová skupina.', en: 'Invalid target group.' } }]);
      }
      query.targetGroup = targetGroupCode(filter.targetGroup.trim());
    }
    if (filter.areaId) {
      requireId(ctx.locale, 'areaId', filter.areaId);
      if (!(await ctx.em.findOne(PlanningArea, { id: filter.areaId }))) throw notFound(ctx.locale, 'Area', filter.areaId);
      query.areaId = filter.areaId;
    }
    if (filter.municipalityId) {
      requireId(ctx.locale, 'municipalityId', filter.municipalityId);
      const municipality = await ctx.em.findOne(Municipality, { id: filter.municipalityId });
      if (!municipality) throw notFound(ctx.locale, 'Municipality', filter.municipalityId);
      // A municipality without a code matches no service.
      query.municipalityCode = municipality.code ?? -1;
    }
    const cursor = decodedCursor(request, (c, field) => decodeNameCursor(ctx, c, field));
    const { rows, totalCount } = await providerRows(ctx.em, query, request, cursor);
    return { ...cutPage(request, rows), totalCount };
  }

  /**
   * Imports a register file: the catalogue is shared by every area, so a global admin (or the
   * operator's `npm run import-providers`) imports it, never one area. The whole file is checked before anything is written; a bad file is BAD_USER_INPUT.
   */
  async importRegister(ctx: RequestContext, content: string): Promise<ProviderRegisterImport> {
    authorize(ctx, 'provider.importRegister', SHARED, 'ProviderRegister');
    if (Buffer.byteLength(content, 'utf8') > PROVIDER_REGISTER_MAX_BYTES) {
      throw badInput(ctx.locale, [
        {
          field: 'content',
          text: {
            cs: `Soubor je větší než ${PROVIDER_REGISTER_MAX_BYTES / 1024 / 1024} MB.`,
            en: `The file is larger than ${PROVIDER_REGISTER_MAX_BYTES / 1024 / 1024} MB.`,
          },
        },
      ]);
    }
    try {
      return await this.importContent(ctx.em, content, ctx.viewer.subject ?? 'unknown', ctx.today);
    } catch (err) {
      if (err instanceof RegisterFileError) throw badInput(ctx.locale, err.problems);
      throw err;
    }
  }

  /**
   * Checks the whole file, then in one transaction upserts providers by IČO and services by their
   * register identifier. A service of a provider in the file that the file no longer lists is
   * marked removed (kept, with the day it left the register), never deleted; providers absent
   * from the file are left as they are, so an extract of one region touches nothing else.
   */
  async importContent(em: EntityManager, content: string, importedBy: string, today: string): Promise<ProviderRegisterImport> {
    const parsed = parseProviderRegister(content, today);
    return em.transactional(async (tx) => {
      await lockRegisterImports(tx);
      const now = new Date();
      const counts = { providersCreated: 0, providersUpdated: 0, providersUnchanged: 0, servicesCreated: 0, servicesUpdated: 0, servicesUnchanged: 0, servicesEnded: 0 };

      const existingProviders = new Map((await tx.find(Provider, { ico: { $in: [...parsed.providers.keys()] } })).map((p) => [p.ico, p]));
      const providers = new Map<string, Provider>();
      for (const [ico, values] of parsed.providers) {
        const found = existingProviders.get(ico);
        if (!found) {
          providers.set(ico, tx.create(Provider, { ico, ...providerValues(values) }));
          counts.providersCreated += 1;
        } else {
          if (canonical(providerValues(found)) === canonical(providerValues(values))) counts.providersUnchanged += 1;
          else {
            tx.assign(found, providerValues(values));
            counts.providersUpdated += 1;
          }
          providers.set(ico, found);
        }
      }

      const providerIds = [...existingProviders.values()].map((p) => p.id);
      const existingServices = await tx.find(SocialService, {
        $or: [{ identifier: { $in: parsed.services.map((s) => s.identifier) } }, { provider: { $in: providerIds } }],
      });
      const byIdentifier = new Map(existingServices.map((s) => [s.identifier, s]));
      for (const values of parsed.services) {
        const provider = providers.get(values.ico) as Provider;
        const found = byIdentifier.get(values.identifier);
        if (!found) {
          const { ico: _ico, ...fields } = values;
          tx.create(SocialService, { ...fields, provider, removedAt: null });
          counts.servicesCreated += 1;
        } else if (found.removedAt === null && canonical(serviceValues(found, found.provider.id)) === canonical(serviceValues(values, provider.id))) {
          counts.servicesUnchanged += 1;
        } else {
          const { ico: _ico, ...fields } = values;
          tx.assign(found, { ...fields, provider, removedAt: null });
          counts.servicesUpdated += 1;
        }
      }
      const inFile = new Set(parsed.services.map((s) => s.identifier));
      for (const s of existingServices) {
        if (!inFile.has(s.identifier) && s.removedAt === null && providerIds.includes(s.provider.id)) {
          s.removedAt = now;
          counts.servicesEnded += 1;
        }
      }

      const record = tx.create(ProviderRegisterImport, {
        sha256: createHash('sha256').update(content, 'utf8').digest('hex'),
        sizeBytes: Buffer.byteLength(content, 'utf8'),
        providersInFile: parsed.providers.size,
        servicesInFile: parsed.services.length,
        ...counts,
        importedBy,
        importedAt: now,
      });
      await tx.flush();
      return record;
    });
  }
}
