import { createHash } from 'node:crypto';

/** The fields of a workflow event the hash covers: ids, never names, so erasure keeps it valid. */
export interface HashedEvent {
  proposalId: string;
  seq: number;
  event: string;
  fromState: string;
  toState: string;
  actorId: string;
  actorRole: string | null;
  actorTriadSide: string | null;
  bodyId: string | null;
  meetingId: string | null;
  reason: string | null;
  resolutionNumber: string | null;
  occurredAt: Date;
  /** The chair on whose behalf a delegate acted; absent (null) for everyone acting in their own right. */
  onBehalfOfId?: string | null;
  /** For a proposal moved to another workflow version on purpose: from which version to which (`standard@3 → chomutov@1`). */
  workflowChange?: string | null;
}

/**
 * Keys in a fixed order, dates as ISO strings: the same event always gives the same text. Who a
 * delegate acted for is appended only when there is someone, and a change of workflow version (as an
 * object, so it is never mistaken for someone) only for the event that records one, so events
 * recorded before either existed hash as they always did.
 *
 * Auditors check exported histories offline with scripts/verify-history.mjs, which repeats this
 * function and `eventHash` in plain JavaScript (it must run with nothing but Node): change the
 * three together; tests/exports/decision-history.test.ts runs the script on the service's chains.
 */
export function canonicalEvent(e: HashedEvent): string {
  const onBehalfOf = e.onBehalfOfId ? [e.onBehalfOfId] : [];
  const workflowChange = e.workflowChange ? [{ workflowChange: e.workflowChange }] : [];
  return JSON.stringify([
    e.proposalId,
    e.seq,
    e.event,
    e.fromState,
    e.toState,
    e.actorId,
    e.actorRole,
    e.actorTriadSide,
    e.bodyId,
    e.meetingId,
    e.reason,
    e.resolutionNumber,
    e.occurredAt.toISOString(),
    ...onBehalfOf,
    ...workflowChange,
  ]);
}

/** SHA-256 over the previous hash and the canonical event, hex. */
export function eventHash(prevHash: string | null, e: HashedEvent): string {
  return createHash('sha256')
    .update(prevHash ?? '')
    .update('\n')
    .update(canonicalEvent(e))
    .digest('hex');
}

/** Walks a proposal's chain; returns the first seq whose hash or link does not match, or null. */
export function firstBrokenLink(events: Array<HashedEvent & { prevHash: string | null; hash: string }>): number | null {
  let prev: string | null = null;
  let expectedSeq = 1;
  for (const e of events) {
    if (e.seq !== expectedSeq || e.prevHash !== prev || eventHash(prev, e) !== e.hash) return e.seq;
    prev = e.hash;
    expectedSeq += 1;
  }
  return null;
}
