#!/usr/bin/env node
// Verifies, offline, the hash chains of a decision history exported from Triáda as JSON
// (`exportDecisionHistory(areaId, from, to, format: JSON)`): every proposal's events, from its
// first, are hashed again exactly as the service hashed them (src/workflows/history-hash.ts) and
// linked to the one before. Plain Node (20 or later), nothing but node:crypto and node:fs: an
// auditor runs it on their own computer with the file and this script alone.
//
//   node scripts/verify-history.mjs <export.json>
//
// Prints one line per proposal and, for a chain that breaks, which proposal and which event (seq)
// and why. Exit code 0 when every chain verifies, 1 when one breaks, 2 when the file cannot be read.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const FORMAT = 'triada-decision-history';

/**
 * The event as the service hashes it: a JSON array in a fixed order, the time as an ISO string,
 * the chair a delegate acted for appended only when there is one, and a change of workflow
 * version appended (as an object) only for the event that records one.
 */
function canonicalEvent(e) {
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
    new Date(e.occurredAt).toISOString(),
    ...onBehalfOf,
    ...workflowChange,
  ]);
}

/** SHA-256 over the previous hash (empty for the first event), a line break and the canonical event, hex. */
function eventHash(prevHash, e) {
  return createHash('sha256')
    .update(prevHash ?? '')
    .update('\n')
    .update(canonicalEvent(e))
    .digest('hex');
}

/** Why a proposal's chain breaks, at which seq; null when it holds. */
function firstBreak(proposal) {
  let prev = null;
  let expectedSeq = 1;
  for (const e of proposal.events ?? []) {
    if (e.proposalId !== proposal.id) return { seq: e.seq, why: `the event names another proposal (${e.proposalId})` };
    if (e.seq !== expectedSeq) return { seq: e.seq, why: `seq ${expectedSeq} was expected: an event is missing or out of order` };
    if ((e.prevHash ?? null) !== prev) return { seq: e.seq, why: "prevHash is not the previous event's hash" };
    if (Number.isNaN(new Date(e.occurredAt).getTime())) return { seq: e.seq, why: 'occurredAt is not a time' };
    if (eventHash(prev, e) !== e.hash) return { seq: e.seq, why: 'the hash does not match the event: a hashed field was changed' };
    prev = e.hash;
    expectedSeq += 1;
  }
  return null;
}

function main(args) {
  if (args.length !== 1 || args[0] === '--help' || args[0] === '-h') {
    console.error('usage: node scripts/verify-history.mjs <export.json>');
    return 2;
  }
  let history;
  try {
    history = JSON.parse(readFileSync(args[0], 'utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    console.error(`cannot read ${args[0]}: ${err.message}`);
    return 2;
  }
  if (history?.format !== FORMAT || !Array.isArray(history.proposals)) {
    console.error(`${args[0]} is not a decision history exported as JSON (format "${FORMAT}")`);
    return 2;
  }
  let broken = 0;
  let events = 0;
  for (const proposal of history.proposals) {
    const count = (proposal.events ?? []).length;
    events += count;
    const found = firstBreak(proposal);
    if (found) {
      broken += 1;
      console.log(`BROKEN  proposal ${proposal.id} "${proposal.title}" at seq ${found.seq}: ${found.why}`);
    } else {
      console.log(`ok      proposal ${proposal.id} "${proposal.title}": ${count} event(s)`);
    }
  }
  const where = `${history.area?.name ?? 'area'}, ${history.period?.from} to ${history.period?.to}`;
  if (broken > 0) {
    console.log(`${broken} of ${history.proposals.length} proposal histories BROKEN (${where}).`);
    return 1;
  }
  console.log(`All ${history.proposals.length} proposal histories verify: ${events} events (${where}).`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
