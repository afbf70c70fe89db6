import type { EntityManager } from '@mikro-orm/postgresql';
import { type ProposalPhase } from '../entities/enums';
import type { Proposal } from '../entities/proposal.entity';

/**
 * Where a plan's public hearings stand, read inside the caller's transaction. A transition of the
 * plan's PLAN proposal, the opening of a hearing, a comment and an answer all take the proposal's
 * row lock first (for update, or for share), so a hearing can neither open nor take a comment
 * between the moment a transition judges the hearing rule and its commit.
 */

/** Locks the plan's PLAN proposal row (if it has one) and returns its state. */
export async function lockPlanProposal(
  em: EntityManager,
  plan: { areaId: string; proposalId: string | null },
  mode: 'update' | 'share',
): Promise<ProposalPhase | null> {
  if (!plan.proposalId) return null;
  const [row] = await em
    .getConnection()
    .execute<Array<{ phase: ProposalPhase }>>(`select phase from proposal where area_id = ? and id = ? for ${mode}`, [plan.areaId, plan.proposalId], 'all', em.getTransactionContext());
  return row?.phase ?? null;
}

/** Comments without an answer and hearings opened and not yet closed, of the plan a PLAN proposal carries. */
export async function hearingStanding(em: EntityManager, proposal: Pick<Proposal, 'id' | 'areaId'>): Promise<{ unanswered: number; open: number }> {
  const [row] = await em.getConnection().execute<Array<{ unanswered: string; open: string }>>(
    `select (select count(*) from hearing h join hearing_comment c on c.area_id = h.area_id and c.hearing_id = h.id
              where h.area_id = p.area_id and h.plan_id = p.id and c.decision is null) as unanswered,
            (select count(*) from hearing h where h.area_id = p.area_id and h.plan_id = p.id and h.closes_at > now()) as open
       from plan p where p.area_id = ? and p.proposal_id = ?`,
    [proposal.areaId, proposal.id],
    'all',
    em.getTransactionContext(),
  );
  return { unanswered: Number(row?.unanswered ?? 0), open: Number(row?.open ?? 0) };
}

/**
 * Adoption closes a plan's public hearing for good: a hearing still taking comments ends at the
 * moment of adoption (in the adopting transaction). Comments and answers are refused once the plan
 * is adopted (src/services/hearing.service.ts); this keeps the record of the hearing true.
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
