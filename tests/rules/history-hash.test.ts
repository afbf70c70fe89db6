import { createHash } from 'node:crypto';
import { canonicalEvent, eventHash, firstBrokenLink, type HashedEvent } from '../../src/workflows/history-hash';

/**
 * The hash chain of a proposal's history (../shared/DESIGN.md §3, README "Verifying an exported
 * history"): each event's hash is SHA-256 over the previous hash (nothing for the first), a newline
 * and the event as a JSON array in a fixed order — proposal, seq, event, from, to, actor, capacity,
 * side, body, meeting, reason, resolution number, instant (ISO) — followed by who a delegate acted
 * for and a change of workflow version, each only when there is one. Judged on its own, without a
 * database (tests/proposals/history-tamper.test.ts changes the stored columns through PostgreSQL).
 */

const EVENT: HashedEvent = {
  proposalId: '0195f3a0-0000-7000-8000-000000000001',
  seq: 1,
  event: 'SUBMIT',
  fromState: 'DRAFT',
  toState: 'WORKING_GROUP',
  actorId: '0195f3a0-0000-7000-8000-0000000000a1',
  actorRole: 'AUTHOR',
  actorTriadSide: 'PROVIDER',
  bodyId: '0195f3a0-0000-7000-8000-0000000000b1',
  meetingId: '0195f3a0-0000-7000-8000-0000000000c1',
  reason: 'Podklady doplněny.',
  resolutionNumber: 'RM/12/2026',
  occurredAt: new Date('2026-11-11T09:30:00.123Z'),
};
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const ORDER = ['proposalId', 'seq', 'event', 'fromState', 'toState', 'actorId', 'actorRole', 'actorTriadSide', 'bodyId', 'meetingId', 'reason', 'resolutionNumber'] as const;

test('the canonical text is the documented JSON array, in its fixed order', () => {
  expect(canonicalEvent(EVENT)).toBe(JSON.stringify([...ORDER.map((key) => EVENT[key]), '2026-11-11T09:30:00.123Z']));
  const bare: HashedEvent = { ...EVENT, actorRole: null, actorTriadSide: null, bodyId: null, meetingId: null, reason: null, resolutionNumber: null };
  expect(canonicalEvent(bare)).toBe(`["${EVENT.proposalId}",1,"SUBMIT","DRAFT","WORKING_GROUP","${EVENT.actorId}",null,null,null,null,null,null,"2026-11-11T09:30:00.123Z"]`);
});

test('who a delegate acted for and a change of workflow version are appended only when there is one', () => {
  const plain = canonicalEvent(EVENT);
  for (const absent of [undefined, null, '']) {
    expect(canonicalEvent({ ...EVENT, onBehalfOfId: absent, workflowChange: absent })).toBe(plain);
  }
  const chair = '0195f3a0-0000-7000-8000-0000000000d1';
  expect(canonicalEvent({ ...EVENT, onBehalfOfId: chair })).toBe(`${plain.slice(0, -1)},"${chair}"]`);
  expect(canonicalEvent({ ...EVENT, workflowChange: 'standard@3 → chomutov@1' })).toBe(`${plain.slice(0, -1)},{"workflowChange":"standard@3 → chomutov@1"}]`);
  expect(canonicalEvent({ ...EVENT, onBehalfOfId: chair, workflowChange: 'standard@3 → chomutov@1' })).toBe(`${plain.slice(0, -1)},"${chair}",{"workflowChange":"standard@3 → chomutov@1"}]`);
});

test('the hash is SHA-256 of the previous hash, a newline and the canonical text; the first has no previous hash', () => {
  expect(eventHash(null, EVENT)).toBe(sha256(`\n${canonicalEvent(EVENT)}`));
  const prev = sha256('earlier');
  expect(eventHash(prev, EVENT)).toBe(sha256(`${prev}\n${canonicalEvent(EVENT)}`));
  expect(eventHash(null, EVENT)).toMatch(/^[0-9a-f]{64}$/);
});

test('a change to any hashed value changes the hash', () => {
  const changed: Record<string, Partial<HashedEvent>> = {
    proposalId: { proposalId: '0195f3a0-0000-7000-8000-000000000002' },
    seq: { seq: 2 },
    event: { event: 'RETURN' },
    fromState: { fromState: 'STEERING_GROUP' },
    toState: { toState: 'REJECTED' },
    actorId: { actorId: '0195f3a0-0000-7000-8000-0000000000a2' },
    actorRole: { actorRole: 'CHAIR' },
    actorTriadSide: { actorTriadSide: 'SERVICE_USER' },
    bodyId: { bodyId: null },
    meetingId: { meetingId: '0195f3a0-0000-7000-8000-0000000000c2' },
    reason: { reason: 'Podklady doplněny' },
    resolutionNumber: { resolutionNumber: 'RM/13/2026' },
    occurredAt: { occurredAt: new Date('2026-11-11T09:30:00.124Z') },
    onBehalfOfId: { onBehalfOfId: '0195f3a0-0000-7000-8000-0000000000d1' },
    workflowChange: { workflowChange: 'standard@3 → standard@4' },
  };
  expect(Object.keys(changed).sort()).toEqual([...ORDER, 'occurredAt', 'onBehalfOfId', 'workflowChange'].sort());
  const original = eventHash(null, EVENT);
  for (const [column, change] of Object.entries(changed)) expect([column, eventHash(null, { ...EVENT, ...change }) === original]).toEqual([column, false]);
  expect(eventHash(sha256('other'), EVENT) === eventHash(sha256('earlier'), EVENT)).toBe(false);
});

/** A valid chain of `n` events. */
function chain(n: number): Array<HashedEvent & { prevHash: string | null; hash: string }> {
  const events: Array<HashedEvent & { prevHash: string | null; hash: string }> = [];
  let prevHash: string | null = null;
  for (let seq = 1; seq <= n; seq++) {
    const e = { ...EVENT, seq, occurredAt: new Date(EVENT.occurredAt.getTime() + seq * 60_000) };
    const hash = eventHash(prevHash, e);
    events.push({ ...e, prevHash, hash });
    prevHash = hash;
  }
  return events;
}

test('a whole chain verifies; the first broken link is named: a changed value, a wrong link, a gap, a start past 1', () => {
  expect(firstBrokenLink([])).toBeNull();
  expect(firstBrokenLink(chain(1))).toBeNull();
  expect(firstBrokenLink(chain(4))).toBeNull();

  const changedReason = chain(4);
  changedReason[2] = { ...changedReason[2], reason: 'Jiný důvod.' };
  expect(firstBrokenLink(changedReason)).toBe(3);

  const rehashed = chain(4);
  // The third event changed and its hash recomputed: the fourth no longer links to it.
  rehashed[2] = { ...rehashed[2], reason: 'Jiný důvod.', hash: eventHash(rehashed[2].prevHash, { ...rehashed[2], reason: 'Jiný důvod.' }) };
  expect(firstBrokenLink(rehashed)).toBe(4);

  const wrongLink = chain(3);
  wrongLink[1] = { ...wrongLink[1], prevHash: null };
  expect(firstBrokenLink(wrongLink)).toBe(2);

  const firstWithPrevious = chain(2);
  firstWithPrevious[0] = { ...firstWithPrevious[0], prevHash: sha256('invented') };
  expect(firstBrokenLink(firstWithPrevious)).toBe(1);

  const dropped = chain(4);
  dropped.splice(1, 1);
  expect(firstBrokenLink(dropped)).toBe(3);

  const noFirst = chain(3).slice(1);
  expect(firstBrokenLink(noFirst)).toBe(2);

  const repeated = chain(2);
  repeated.push({ ...repeated[1] });
  expect(firstBrokenLink(repeated)).toBe(2);

  // Every link and hash right, but a number skipped: the history is numbered from 1 without gaps.
  const renumbered: Array<HashedEvent & { prevHash: string | null; hash: string }> = [];
  for (const [i, seq] of [1, 2, 4].entries()) {
    const e = { ...EVENT, seq };
    const prevHash = i === 0 ? null : renumbered[i - 1].hash;
    renumbered.push({ ...e, prevHash, hash: eventHash(prevHash, e) });
  }
  expect(firstBrokenLink(renumbered)).toBe(4);
  const fromZero = [{ ...EVENT, seq: 0, prevHash: null, hash: eventHash(null, { ...EVENT, seq: 0 }) }];
  expect(firstBrokenLink(fromZero)).toBe(0);

  const wrongHash = chain(2);
  wrongHash[1] = { ...wrongHash[1], hash: sha256('not it') };
  expect(firstBrokenLink(wrongHash)).toBe(2);
});
