import type { EntityManager } from '@mikro-orm/postgresql';
import { ProposalPhase } from '../entities/enums';

export interface PlanStandingRow {
  id: string;
  yearFrom: number;
  yearTo: number;
  /** Phase of its PLAN proposal; null without one. */
  proposalPhase: ProposalPhase | null;
  adoptedAt: Date | null;
}

/** Every plan of an area with its PLAN proposal's phase and adoption time, in one statement. */
export async function planStandingRows(em: EntityManager, areaId: string): Promise<PlanStandingRow[]> {
  const rows = await em.getConnection().execute<Array<{ id: string; year_from: number; year_to: number; phase: ProposalPhase | null; adopted_at: Date | null }>>(
    `select p.id, p.year_from, p.year_to, pr.phase,
            case when pr.phase = '${ProposalPhase.APPROVED}' then pr.decided_at end as adopted_at
       from plan p
       left join proposal pr on pr.area_id = p.area_id and pr.id = p.proposal_id
      where p.area_id = ?`,
    [areaId],
    'all',
    em.getTransactionContext(),
  );
  return rows.map((r) => ({ id: r.id, yearFrom: r.year_from, yearTo: r.year_to, proposalPhase: r.phase, adoptedAt: r.adopted_at ? new Date(r.adopted_at) : null }));
}
