import type { EntityManager } from '@mikro-orm/postgresql';
import type { Proposal } from '../entities/proposal.entity';

/**
 * Adoption closes a plan's public hearing for good: a hearing still taking comments ends at the
 * moment of adoption (in the adopting transaction). Comments are refused once the plan is adopted
 * anyway (src/services/hearing.service.ts); this keeps the record of the hearing true.
 */
export async function closeHearingsOfAdoptedPlan(em: EntityManager, proposal: Pick<Proposal, 'id' | 'areaId'>, at: Date): Promise<void> {
  await em.getConnection().execute(
    `update hearing h set closes_at = ?, updated_at = ?
      from plan p
     where p.area_id = h.area_id and p.id = h.plan_id and p.area_id = ? and p.proposal_id = ?
       and h.opens_at < ? and h.closes_at > ?`,
    [at, at, proposal.areaId, proposal.id, at, at],
    'run',
    em.getTransactionContext(),
  );
}
