import type { EntityManager } from '@mikro-orm/postgresql';
import { ProposalPhase } from '../entities/enums';

/** A hearing comment without an answer, with the plan whose hearing took it. */
export interface UnansweredComment {
  id: string;
  plan_id: string;
}

/**
 * The comments without an answer of the public hearings of `areaIds`' plans not yet adopted (once
 * a plan is adopted its settlement is closed): one statement.
 */
export async function unansweredComments(em: EntityManager, areaIds: readonly string[]): Promise<UnansweredComment[]> {
  if (areaIds.length === 0) return [];
  return em.getConnection().execute<UnansweredComment[]>(
    `select c.id, h.plan_id
       from hearing_comment c
       join hearing h on h.area_id = c.area_id and h.id = c.hearing_id
       join plan p on p.area_id = h.area_id and p.id = h.plan_id
       left join proposal pr on pr.area_id = p.area_id and pr.id = p.proposal_id
      where c.area_id = any(?::uuid[]) and c.decision is null and pr.phase is distinct from '${ProposalPhase.APPROVED}'`,
    [`{${areaIds.join(',')}}`],
    'all',
    em.getTransactionContext(),
  );
}
