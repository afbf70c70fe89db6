import type { EntityManager } from '@mikro-orm/postgresql';
import { ProposalPhase } from '../entities/enums';

/**
 * The public hearings taking comments at `at` (opened, not closed, their plan not adopted), of one
 * area or of all, among the plans `visible` admits (a condition over the plan alias `p`, with its
 * bound values): their ids, soonest closing first.
 */
export async function openHearingIds(em: EntityManager, at: Date, areaId: string | null, visible: { sql: string; params: unknown[] }): Promise<string[]> {
  const rows = await em.getConnection().execute<Array<{ id: string }>>(
    `select h.id
       from hearing h
       join plan p on p.area_id = h.area_id and p.id = h.plan_id
       left join proposal pr on pr.area_id = p.area_id and pr.id = p.proposal_id
      where h.opens_at <= ? and h.closes_at > ?
        and pr.phase is distinct from '${ProposalPhase.APPROVED}'
        ${areaId ? 'and h.area_id = ?' : ''}
        and ${visible.sql}
      order by h.closes_at, h.opens_at, h.id`,
    [at, at, ...(areaId ? [areaId] : []), ...visible.params],
    'all',
    em.getTransactionContext(),
  );
  return rows.map((r) => r.id);
}
