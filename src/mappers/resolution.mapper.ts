import type { Resolution } from '../entities/resolution.entity';

/**
 * A resolution as it is shown: the API's `Resolution` and the exported decision history take this
 * view, so both say the same of its vote and of the proposal it decided.
 */
export function resolutionView(r: Resolution) {
  return {
    id: r.id,
    number: r.number,
    text: r.text,
    votesFor: r.votesFor,
    votesAgainst: r.votesAgainst,
    votesAbstain: r.votesAbstain,
    adopted: r.adopted,
    event: r.event,
    proposalId: r.proposal?.id ?? null,
  };
}
