import type { EntityManager } from '@mikro-orm/postgresql';
import { readingOrder, type PageRequest } from '../common/cursor';
import { Municipality } from '../entities/municipality.entity';
import { Provider, SocialService, type SocialServiceType } from '../entities/provider.entity';

/** Key of the advisory lock that runs imports of the register one at a time. */
const IMPORT_LOCK = 71_082_006;

/** Services in the register today: not removed by an import, and not past their last day. */
const ACTIVE_SQL = 's.removed_at is null and (s.provided_to is null or s.provided_to >= ?)';

/** Which providers a page holds, its criteria already checked; the service criteria must all hold for one active service. */
export interface ProviderQuery {
  search?: string;
  serviceType?: SocialServiceType;
  /** A register code of a target group. */
  targetGroup?: string;
  /** Only services in a municipality of this area. */
  areaId?: string;
  /** Only services in the municipality with this code (-1: a municipality without a code, matching none). */
  municipalityCode?: number;
  /** The service criteria are judged on this day. */
  today: string;
}

/**
 * The rows of a page of providers by name and id, read in the page's reading order beyond its
 * cursor (name, id), one more than its size (`cutPage`); and how many match in all.
 */
export async function providerRows(em: EntityManager, query: ProviderQuery, request: PageRequest, cursor: [string, string] | null): Promise<{ rows: Provider[]; totalCount: number }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.search !== undefined) {
    where.push('(p.name ilike ? or p.ico like ?)');
    params.push(`%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, `${query.search.replace(/\D/g, '') || '-'}%`);
  }
  const service: string[] = [];
  const serviceParams: unknown[] = [];
  if (query.serviceType !== undefined) {
    service.push('s.service_type = ?');
    serviceParams.push(query.serviceType);
  }
  if (query.targetGroup !== undefined) {
    service.push('? = any(s.target_groups)');
    serviceParams.push(query.targetGroup);
  }
  if (query.areaId !== undefined) {
    service.push('s.municipality_codes && array(select m.code from municipality m where m.area_id = ? and m.code is not null)');
    serviceParams.push(query.areaId);
  }
  if (query.municipalityCode !== undefined) {
    service.push('? = any(s.municipality_codes)');
    serviceParams.push(query.municipalityCode);
  }
  if (service.length > 0) {
    where.push(`exists (select 1 from social_service s where s.provider_id = p.id and ${ACTIVE_SQL} and ${service.join(' and ')})`);
    params.push(query.today, ...serviceParams);
  }
  const qb = em.createQueryBuilder(Provider, 'p');
  if (where.length > 0) qb.where(where.join(' and '), params);
  const totalCount = await qb.clone().getCount();
  const { order, sql } = readingOrder(request, 'asc');
  if (cursor) qb.andWhere(`(p.name, p.id) ${sql} (?, ?)`, cursor);
  const rows = await qb.orderBy({ name: order, id: order }).limit(request.size + 1).getResultList();
  return { rows, totalCount };
}

/** The services of providers, by identifier; only those in the register on `today` unless `activeOnly` is false. */
export async function servicesOf(em: EntityManager, providerIds: readonly string[], activeOnly: boolean, today: string): Promise<SocialService[]> {
  const qb = em.createQueryBuilder(SocialService, 's').where({ provider: { $in: [...providerIds] } });
  if (activeOnly) qb.andWhere(ACTIVE_SQL, [today]);
  return qb.orderBy({ identifier: 'asc' }).getResultList();
}

/** Municipalities of our areas with these codes, by name. */
export async function municipalitiesWithCodes(em: EntityManager, codes: readonly number[]): Promise<Municipality[]> {
  if (codes.length === 0) return [];
  return em.find(Municipality, { code: { $in: [...codes] } }, { orderBy: { name: 'asc', id: 'asc' } });
}

/** Waits for any other import of the register to end; held until `tx` ends. */
export async function lockRegisterImports(tx: EntityManager): Promise<void> {
  await tx.getConnection().execute('select pg_advisory_xact_lock(?)', [IMPORT_LOCK], 'all', tx.getTransactionContext());
}
