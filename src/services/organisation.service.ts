import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadForChange } from '../data/load-for-change';
import { authorize, can } from '../auth/authority';
import { inArea } from '../auth/resources';
import { isValidIco } from '../common/ico';
import { cutPage, decodeNameCursor, decodedCursor, encodeCursor, keysetFilter, pageRequest, readingOrder, type Page, type PageArgs } from '../common/cursor';
import { containsPattern } from '../common/search';
import type { RequestContext } from '../context';
import { Organisation } from '../entities/organisation.entity';
import { badInput, conflict, notFound, requireId } from '../errors/app-errors';
import { uniqueOrConflict } from './unique';

/** What the service is asked to do (a resolver passes its GraphQL input, which has these shapes). */
export interface CreateOrganisationCommand {
  areaId: string;
  name: string;
  ico?: string | null;
}

export interface UpdateOrganisationCommand {
  organisationId: string;
  name?: string;
  ico?: string | null;
}

const ICO_TAKEN = {
  cs: 'Organizace s tímto IČO už v oblasti je.',
  en: 'An organisation of the area already has this IČO.',
};

export interface OrganisationPage extends Page<Organisation> {
  totalCount: number;
}

/** Cursor of an organisation in a page sorted by name. */
export function organisationCursor(o: Organisation): string {
  return encodeCursor([o.name, o.id]);
}

/**
 * Organisations of an area: its admins and coordinators record them; the area's people (and global
 * admins) read them. Other records refer to them by id (`requireInArea`).
 */
export class OrganisationService {
  async get(ctx: RequestContext, id: string): Promise<Organisation> {
    requireId(ctx.locale, 'id', id);
    const found = await ctx.loaders.organisationById.load(id);
    if (!found) throw notFound(ctx.locale, 'Organisation', id);
    authorize(ctx, 'organisation.read', inArea(found.areaId), 'Organisation', id);
    return found;
  }

  /** An organisation another record refers to; the caller has checked the viewer may see that record. */
  async referred(ctx: RequestContext, id: string | null): Promise<Organisation | null> {
    return id ? ctx.loaders.organisationById.load(id) : null;
  }

  /**
   * A page of an area's organisations by name, for its people; empty for anyone else. `search`
   * matches part of the name, or the beginning of the IČO.
   */
  async page(ctx: RequestContext, areaId: string, args: PageArgs & { search?: string | null }): Promise<OrganisationPage> {
    requireId(ctx.locale, 'areaId', areaId);
    const request = pageRequest(ctx, args);
    const cursor = decodedCursor(request, (c, field) => decodeNameCursor(ctx, c, field));
    if (!can(ctx.viewer, 'organisation.read', inArea(areaId))) return { ...cutPage(request, []), totalCount: 0 };
    const and: Array<FilterQuery<Organisation>> = [{ areaId }];
    if (args.search) {
      const digits = args.search.replace(/\s+/g, '');
      const byName: FilterQuery<Organisation> = { name: { $ilike: containsPattern(ctx, args.search.trim()) } };
      and.push(/^\d{1,8}$/.test(digits) ? { $or: [byName, { ico: { $like: `${digits}%` } }] } : byName);
    }
    const totalCount = await ctx.em.count(Organisation, { $and: and });
    if (cursor) and.push(keysetFilter(request, 'asc', 'name', cursor));
    const { order } = readingOrder(request, 'asc');
    const rows = await ctx.em.find(Organisation, { $and: and }, { orderBy: { name: order, id: order }, limit: request.size + 1 });
    return { ...cutPage(request, rows), totalCount };
  }

  /** The area's admins and coordinators. */
  async create(ctx: RequestContext, input: CreateOrganisationCommand): Promise<Organisation> {
    authorize(ctx, 'organisation.create', inArea(input.areaId), 'Area', input.areaId);
    const ico = this.validIco(ctx, input.ico);
    return uniqueOrConflict(ctx, ICO_TAKEN, 'ico', () =>
      ctx.em.transactional(async (em) => {
        if (ico) await this.assertIcoFree(ctx, em, input.areaId, ico, null);
        const organisation = em.create(Organisation, { areaId: input.areaId, name: input.name, ico });
        await em.flush();
        return organisation;
      }),
    );
  }

  /** The area's admins and coordinators. */
  async update(ctx: RequestContext, input: UpdateOrganisationCommand): Promise<Organisation> {
    const found = await loadForChange(ctx, Organisation, input.organisationId, 'Organisation');
    authorize(ctx, 'organisation.update', inArea(found.areaId), 'Organisation', found.id);
    if (input.name === null) {
      throw badInput(ctx.locale, [{ field: 'name', text: { cs: 'Název nelze smazat.', en: 'The name cannot be cleared.' } }]);
    }
    const ico = input.ico === undefined ? undefined : this.validIco(ctx, input.ico);
    const updated = await uniqueOrConflict(ctx, ICO_TAKEN, 'ico', () =>
      ctx.em.transactional(async (em) => {
        const row = await em.findOneOrFail(Organisation, { id: found.id });
        if (ico) await this.assertIcoFree(ctx, em, row.areaId, ico, row.id);
        if (input.name !== undefined) row.name = input.name;
        if (ico !== undefined) row.ico = ico;
        await em.flush();
        return row;
      }),
    );
    ctx.loaders.organisationById.clear(updated.id);
    return updated;
  }

  /**
   * Checks that `id` names an organisation of the area, for a record that refers to it (a person, a
   * seat, a proposal, a guarantor): NOT_FOUND otherwise, also for another area's organisation.
   */
  async requireInArea(ctx: RequestContext, areaId: string, id: string): Promise<Organisation> {
    requireId(ctx.locale, 'organisationId', id);
    const found = await ctx.em.findOne(Organisation, { id, areaId });
    if (!found) throw notFound(ctx.locale, 'Organisation', id);
    return found;
  }

  /** The IČO without spaces, or null; BAD_USER_INPUT on `ico` unless it has eight digits and a valid check digit. */
  private validIco(ctx: RequestContext, raw: string | null | undefined): string | null {
    if (raw === null || raw === undefined) return null;
    const ico = raw.replace(/\s+/g, '');
    if (!isValidIco(ico)) {
      throw badInput(ctx.locale, [
        {
          field: 'ico',
          text: {
            cs: `IČO „${raw}“ není platné: má osm číslic a poslední je kontrolní (vážený součet modulo 11).`,
            en: `IČO "${raw}" is not valid: it has eight digits, the last a check digit (weighted sum modulo 11).`,
          },
        },
      ]);
    }
    return ico;
  }

  private async assertIcoFree(ctx: RequestContext, em: EntityManager, areaId: string, ico: string, self: string | null): Promise<void> {
    const holder = await em.findOne(Organisation, { areaId, ico, ...(self ? { id: { $ne: self } } : {}) });
    if (holder) throw conflict(ctx.locale, ICO_TAKEN, { field: 'ico', organisationId: holder.id });
  }
}
