import { QuorumRule } from './enums';

/** Whether a meeting can decide: voting members present, of those seated, and how many it takes. */
export interface QuorumResult {
  presentVoting: number;
  totalVoting: number;
  required: number;
  reached: boolean;
}

/**
 * A body's quorum (its rules of procedure, see the seeds): more than half of its voting members
 * (MAJORITY), at least two thirds of them (TWO_THIRDS), or none needed (NONE). A body with no
 * voting member seated reaches a quorum only when it needs none.
 */
export function quorumOf(rule: QuorumRule, presentVoting: number, totalVoting: number): QuorumResult {
  const required = rule === QuorumRule.NONE ? 0 : rule === QuorumRule.TWO_THIRDS ? Math.ceil((2 * totalVoting) / 3) : Math.floor(totalVoting / 2) + 1;
  return { presentVoting, totalVoting, required, reached: presentVoting >= required && (required > 0 || rule === QuorumRule.NONE) };
}

/** A resolution is adopted by a meeting with a quorum when more than half of the voting members present vote for it. */
export function isAdopted(quorum: QuorumResult, votesFor: number): boolean {
  return quorum.reached && votesFor * 2 > quorum.presentVoting;
}
