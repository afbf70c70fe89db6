import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pragueDay } from '../../src/common/dates';
import { DelegatedPower, MeetingStatus } from '../../src/entities/enums';
import { WorkflowEvent } from '../../src/entities/workflow-event.entity';
import { eventHash, type HashedEvent } from '../../src/workflows/history-hash';
import { csvRecords, parseCsv } from '../support/csv';
import { expectReadsRefused } from '../support/api-assertions';
import { aDelegation, aMeetingOf, anotherAreasCoordinator } from '../support/factories';
import { aPipelineWorld, aSubmittedProposal, type PipelineWorld } from '../support/pipeline-world';
import { codes, startTestApp, type TestApp } from '../support/test-app';

/**
 * An area's decision history exported through GraphQL: what the file holds for a small world, the
 * periods as Prague days, CSV as Czech Excel opens it with formulas made text, who may export and
 * what each exporter's file holds, and the offline check an auditor runs on the JSON
 * (scripts/verify-history.mjs), passing on the service's chains and naming the link a change broke.
 */

let app: TestApp;
let world: PipelineWorld;
let ids: { returned: string; delegated: string; backdated: string; steeringMeeting: string; groupMeeting: string };
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'triada-history-'));

const SCRIPT = path.join(__dirname, '../../scripts/verify-history.mjs');
const EXPORT = `query($areaId: ID!, $from: LocalDate!, $to: LocalDate!, $format: DecisionHistoryFormat!) {
  exportDecisionHistory(areaId: $areaId, from: $from, to: $to, format: $format) { fileName mediaType encoding content sizeBytes sha256 }
}`;
const TRANSITION = `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { version } }`;
const INJECTED_REASON = '=HYPERLINK("https://evil.example","Doplnit rozpočet")';

const today = pragueDay(new Date());
const yesterday = pragueDay(new Date(Date.now() - 86_400_000));

interface HistoryEvent extends Record<string, unknown> {
  proposalId: string;
  seq: number;
  event: string;
  reason: string | null;
  onBehalfOfId: string | null;
  workflowChange: string | null;
  prevHash: string | null;
  hash: string;
  names: { actor: string | null; onBehalfOf: string | null; body: string | null; meeting: string | null };
}
interface History {
  format: string;
  area: { id: string; name: string };
  period: { from: string; to: string; startsAt: string; endsBefore: string };
  exportedBy: { name: string } | null;
  proposals: Array<{ id: string; title: string; author: { name: string }; workingGroup: { name: string }; stateAtPeriodEnd: string; events: HistoryEvent[] }>;
  meetings: Array<{ id: string; title: string; body: { name: string }; resolutions: Array<{ number: string; text: string; votesFor: number; adopted: boolean; recordedBy: { name: string } }> }>;
}

async function exported(as: string, from: string, to: string, format: 'JSON' | 'CSV' = 'JSON', areaId = world.area.id) {
  return app.gql<{ exportDecisionHistory: { fileName: string; mediaType: string; encoding: string; content: string; sizeBytes: number; sha256: string } }>(
    EXPORT,
    { areaId, from, to, format },
    { as },
  );
}

async function historyOf(as: string, from: string, to: string): Promise<History> {
  const res = await exported(as, from, to);
  expect(res.errors).toBeUndefined();
  return JSON.parse(res.data!.exportDecisionHistory.content) as History;
}

/** Runs the offline check on a file as an auditor would: its exit code and what it printed. */
async function verifyOffline(file: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [SCRIPT, file]);
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}

function saved(name: string, content: string): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, content);
  return file;
}

/**
 * Appends to a proposal's history events as the service records them (its hash function), at the
 * times given: a history that began before today, with a deputy's act and a change of version.
 */
async function appendRecorded(proposalId: string, events: Array<Omit<HashedEvent, 'proposalId' | 'seq'>>): Promise<void> {
  const em = app.em();
  let prevHash: string | null = null;
  for (const [i, e] of events.entries()) {
    const hashed: HashedEvent = { ...e, proposalId, seq: i + 1 };
    const hash = eventHash(prevHash, hashed);
    em.create(WorkflowEvent, { ...hashed, areaId: world.area.id, onBehalfOfId: e.onBehalfOfId ?? null, workflowChange: e.workflowChange ?? null, prevHash, hash });
    prevHash = hash;
  }
  await em.flush();
}

beforeAll(async () => {
  app = await startTestApp();
  const em = app.em();
  world = await aPipelineWorld(em);
  const { author, groupChair, provider, coordinator, steeringChair } = world.actors;

  // A proposal returned with a reason a spreadsheet would run as a formula, submitted again and recommended.
  const returned = await aSubmittedProposal(app.url, world, 'Odlehčovací služba v Jirkově');
  for (const [event, who, version, reason] of [
    ['RETURN', groupChair, 2, INJECTED_REASON],
    ['SUBMIT', author, 3, null],
    ['RECOMMEND', groupChair, 4, null],
  ] as const) {
    expect((await app.gql(TRANSITION, { input: { proposalId: returned, event, expectedVersion: version, reason } }, { as: who.subject })).errors).toBeUndefined();
  }

  // A proposal the provider recommends as the chair's deputy: the event records on whose behalf.
  const delegated = await aSubmittedProposal(app.url, world, 'Terénní péče v obcích');
  await aDelegation(em, world.group, groupChair.person, provider.person, DelegatedPower.CHAIR);
  expect((await app.gql(TRANSITION, { input: { proposalId: delegated, event: 'RECOMMEND', expectedVersion: 2 } }, { as: provider.subject })).errors).toBeUndefined();

  // A draft whose history began in 2025: one event in 2025, the next at 00:30 on 1 January 2026 in Prague (23:30 UTC the day before).
  const draft = await app.gql<{ createProposal: { id: string } }>(
    `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
    { input: { workingGroupBodyId: world.group.id, kind: 'MATERIAL', title: 'Katalog služeb 2026', summary: 'Aktualizace katalogu.' } },
    { as: author.subject },
  );
  const backdated = draft.data!.createProposal.id;
  const base = { actorRole: null, actorTriadSide: null, bodyId: world.group.id, meetingId: null, reason: null, resolutionNumber: null };
  await appendRecorded(backdated, [
    { ...base, event: 'SUBMIT', fromState: 'DRAFT', toState: 'WORKING_GROUP', actorId: author.person.id, actorRole: 'AUTHOR', occurredAt: new Date('2025-03-01T09:00:00.000Z') },
    { ...base, event: 'RETURN', fromState: 'WORKING_GROUP', toState: 'DRAFT', actorId: groupChair.person.id, actorRole: 'CHAIR', reason: 'Doplnit.', occurredAt: new Date('2025-12-31T23:30:00.000Z') },
    { ...base, event: 'SUBMIT', fromState: 'DRAFT', toState: 'WORKING_GROUP', actorId: provider.person.id, actorRole: 'CHAIR', onBehalfOfId: groupChair.person.id, occurredAt: new Date('2026-02-01T10:00:00.000Z') },
    { ...base, event: 'workflow:migrated', fromState: 'WORKING_GROUP', toState: 'WORKING_GROUP', actorId: coordinator.person.id, actorRole: 'ADMIN', reason: 'Nová verze postupu.', workflowChange: 'standard@2 → standard@3', occurredAt: new Date('2026-03-01T10:00:00.000Z') },
  ]);

  // Meetings of yesterday: the steering group's (not public) with a resolution, and the working group's (public).
  const steeringMeeting = await aMeetingOf(em, world.steering, MeetingStatus.HELD);
  const groupMeeting = await aMeetingOf(em, world.group, MeetingStatus.HELD);
  const asCoordinator = { as: coordinator.subject };
  expect(
    (await app.gql(`mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { id } }`, { input: { meetingId: steeringMeeting.id, entries: [{ personId: steeringChair.person.id, status: 'PRESENT' }] } }, asCoordinator)).errors,
  ).toBeUndefined();
  const resolution = await app.gql(
    `mutation($input: RecordResolutionInput!) { recordResolution(input: $input) { id } }`,
    { input: { meetingId: steeringMeeting.id, number: 'RS/1/2026', text: '+420 Řídící skupina bere na vědomí @všichni', votesFor: 1, votesAgainst: 0, votesAbstain: 0 } },
    asCoordinator,
  );
  expect(resolution.errors).toBeUndefined();
  ids = { returned, delegated, backdated, steeringMeeting: steeringMeeting.id, groupMeeting: groupMeeting.id };
});

afterAll(async () => {
  await app.close();
  fs.rmSync(work, { recursive: true, force: true });
});

test('the JSON holds the proposals that moved in the period with every hashed field of their events, and the meetings with their resolutions', async () => {
  const res = await exported(world.actors.coordinator.subject, yesterday, today);
  const doc = res.data!.exportDecisionHistory;
  expect(doc).toMatchObject({ mediaType: 'application/json', encoding: 'TEXT' });
  expect(doc.fileName).toMatch(new RegExp(`-historie-rozhodovani-${yesterday}-${today}\\.json$`));
  expect(doc.sizeBytes).toBe(Buffer.byteLength(doc.content));
  const h = JSON.parse(doc.content) as History;
  expect(h).toMatchObject({ format: 'triada-decision-history', area: { id: world.area.id, name: world.area.name }, period: { from: yesterday, to: today }, exportedBy: { name: 'coordinator' } });
  // The backdated draft did not move in these days.
  expect(h.proposals.map((p) => p.title)).toEqual(['Odlehčovací služba v Jirkově', 'Terénní péče v obcích']);
  const [returned, delegated] = h.proposals;
  expect(returned).toMatchObject({ id: ids.returned, author: { name: 'author' }, workingGroup: { name: 'PS Senioři' }, stateAtPeriodEnd: 'STEERING_GROUP' });
  expect(returned.events.map((e) => [e.seq, e.event, e.names.actor])).toEqual([
    [1, 'SUBMIT', 'author'],
    [2, 'RETURN', 'groupChair'],
    [3, 'SUBMIT', 'author'],
    [4, 'RECOMMEND', 'groupChair'],
  ]);
  expect(Object.keys(returned.events[1]).sort()).toEqual(
    ['proposalId', 'seq', 'event', 'fromState', 'toState', 'actorId', 'actorRole', 'actorTriadSide', 'bodyId', 'meetingId', 'reason', 'resolutionNumber', 'occurredAt', 'onBehalfOfId', 'workflowChange', 'prevHash', 'hash', 'names'].sort(),
  );
  expect(returned.events[1]).toMatchObject({ reason: INJECTED_REASON, actorRole: 'CHAIR', actorTriadSide: 'COMMISSIONER', bodyId: world.group.id, prevHash: returned.events[0].hash });
  // Exactly the rows the service stored: the same hashes.
  const stored = await app.em().find(WorkflowEvent, { proposalId: ids.returned }, { orderBy: { seq: 'asc' } });
  expect(returned.events.map((e) => e.hash)).toEqual(stored.map((e) => e.hash));
  expect(delegated.events[1]).toMatchObject({ event: 'RECOMMEND', actorId: world.actors.provider.person.id, onBehalfOfId: world.actors.groupChair.person.id, names: { actor: 'provider', onBehalfOf: 'groupChair' } });

  expect(h.meetings.map((m) => [m.id, m.body.name])).toEqual(expect.arrayContaining([[ids.steeringMeeting, 'Řídící skupina'], [ids.groupMeeting, 'PS Senioři']]));
  const steering = h.meetings.find((m) => m.id === ids.steeringMeeting)!;
  expect(steering.resolutions).toEqual([
    expect.objectContaining({ number: 'RS/1/2026', text: '+420 Řídící skupina bere na vědomí @všichni', votesFor: 1, votesAgainst: 0, votesAbstain: 0, adopted: true, recordedBy: { id: world.actors.coordinator.person.id, name: 'coordinator' } }),
  ]);
});

test('the offline check passes on the exported file and names the proposal and seq a changed field or a removed event breaks', async () => {
  const res = await exported(world.actors.coordinator.subject, '2025-01-01', today);
  const content = res.data!.exportDecisionHistory.content;
  const h = JSON.parse(content) as History;
  expect(h.proposals.map((p) => p.id)).toEqual([ids.returned, ids.delegated, ids.backdated]);

  const passed = await verifyOffline(saved('history.json', content));
  expect(passed.out).toContain('All 3 proposal histories verify: 10 events');
  expect(passed.code).toBe(0);

  // One field of one event changed: the reason the chair gave.
  const changed = structuredClone(h);
  changed.proposals[0].events[1].reason = 'Vše v pořádku.';
  const broken = await verifyOffline(saved('changed.json', JSON.stringify(changed)));
  expect(broken.code).toBe(1);
  expect(broken.out).toContain(`BROKEN  proposal ${ids.returned} "Odlehčovací služba v Jirkově" at seq 2: the hash does not match the event`);
  expect(broken.out).toContain(`ok      proposal ${ids.delegated}`);
  expect(broken.out).toContain('1 of 3 proposal histories BROKEN');

  // The deputy's act passed off as the chair's own: the optional field the hash covers only when set.
  const unattributed = structuredClone(h);
  unattributed.proposals[1].events[1].onBehalfOfId = null;
  expect((await verifyOffline(saved('unattributed.json', JSON.stringify(unattributed)))).out).toContain(`BROKEN  proposal ${ids.delegated} "Terénní péče v obcích" at seq 2: the hash does not match`);

  // An event left out: the next one is not where the chain expects it.
  const removed = structuredClone(h);
  removed.proposals[2].events.splice(1, 1);
  expect((await verifyOffline(saved('removed.json', JSON.stringify(removed)))).out).toContain(`BROKEN  proposal ${ids.backdated} "Katalog služeb 2026" at seq 3: seq 2 was expected`);

  // Not an export at all.
  expect((await verifyOffline(saved('other.json', '{"proposals": []}'))).code).toBe(2);
});

test('periods are Prague days: a history is exported from its first event up to the last before the period ends, and the optional hashed fields verify', async () => {
  const as = world.actors.coordinator.subject;
  const in2025 = await historyOf(as, '2025-01-01', '2025-12-31');
  // 23:30 UTC on 31 December 2025 is 00:30 on 1 January 2026 in Prague: not in 2025.
  expect(in2025.period).toMatchObject({ startsAt: '2024-12-31T23:00:00.000Z', endsBefore: '2025-12-31T23:00:00.000Z' });
  expect(in2025.proposals.map((p) => [p.id, p.events.map((e) => e.seq), p.stateAtPeriodEnd])).toEqual([[ids.backdated, [1], 'WORKING_GROUP']]);
  expect(in2025.meetings).toEqual([]);

  const january = await historyOf(as, '2026-01-01', '2026-01-31');
  expect(january.proposals.map((p) => [p.id, p.events.map((e) => e.seq)])).toEqual([[ids.backdated, [1, 2]]]);

  const spring = await historyOf(as, '2026-02-01', '2026-03-31');
  const events = spring.proposals[0].events;
  expect(events.map((e) => [e.seq, e.onBehalfOfId, e.workflowChange])).toEqual([
    [1, null, null],
    [2, null, null],
    [3, world.actors.groupChair.person.id, null],
    [4, null, 'standard@2 → standard@3'],
  ]);
  expect((await verifyOffline(saved('spring.json', JSON.stringify(spring)))).code).toBe(0);

  expect((await historyOf(as, '2020-01-01', '2020-12-31')).proposals).toEqual([]);
});

test('the CSV opens in Czech Excel (BOM, `;`) with a row per event, meeting and resolution, and formulas made text', async () => {
  const res = await exported(world.actors.coordinator.subject, yesterday, today, 'CSV');
  const doc = res.data!.exportDecisionHistory;
  expect(doc).toMatchObject({ mediaType: 'text/csv; charset=utf-8', encoding: 'TEXT' });
  expect(doc.fileName).toMatch(/\.csv$/);
  expect(doc.content.startsWith('\uFEFF"Záznam";"Čas (Praha)";"Orgán"')).toBe(true);
  const rows = parseCsv(doc.content);
  expect(new Set(rows.map((r) => r.length))).toEqual(new Set([rows[0].length]));
  const records = csvRecords(doc.content);
  // The events proposal by proposal, then each meeting followed by its resolutions (the steering group's was scheduled first).
  expect(records.map((r) => r['Záznam'])).toEqual([...Array<string>(6).fill('Událost návrhu'), 'Jednání', 'Usnesení', 'Jednání']);
  const returnRow = records.find((r) => r['ID návrhu'] === ids.returned && r['Pořadí'] === '2')!;
  expect(returnRow).toMatchObject({ 'Návrh': 'Odlehčovací služba v Jirkově', 'Událost': 'RETURN', 'Kdo': 'groupChair', 'Strana triády': 'Zadavatelé', 'Orgán': 'PS Senioři' });
  // A spreadsheet shows these as typed: the leading apostrophe keeps them from running.
  expect(returnRow['Odůvodnění / text']).toBe(`'${INJECTED_REASON}`);
  const resolutionRow = records.find((r) => r['Záznam'] === 'Usnesení')!;
  expect(resolutionRow).toMatchObject({ 'Číslo usnesení': 'RS/1/2026', 'Odůvodnění / text': "'+420 Řídící skupina bere na vědomí @všichni", 'Pro': '1', 'Přijato': 'ano', 'Orgán': 'Řídící skupina' });
  const stored = await app.em().findOneOrFail(WorkflowEvent, { proposalId: ids.returned, seq: 2 });
  expect(returnRow).toMatchObject({ 'Hash': stored.hash, 'Předchozí hash': stored.prevHash, 'Čas UTC (hashovaný)': stored.occurredAt.toISOString() });
  expect(doc.content).not.toContain(';"=');

  const english = await app.gql<{ exportDecisionHistory: { content: string; fileName: string } }>(EXPORT, { areaId: world.area.id, from: yesterday, to: today, format: 'CSV' }, {
    as: world.actors.coordinator.subject,
    headers: { 'accept-language': 'en' },
  });
  expect(english.data!.exportDecisionHistory.content.startsWith('\uFEFF"Record";"Time (Prague)"')).toBe(true);
  expect(english.data!.exportDecisionHistory.fileName).toMatch(/-decision-history-/);
});

test('who may export: the area roles, each file holding what its exporter may read; others refused with nothing of the area', async () => {
  const { support, clerk, coordinator, author, outsider } = world.actors;
  const all = await historyOf(coordinator.subject, '2025-01-01', today);
  expect(all.proposals.map((p) => p.id)).toContain(ids.backdated);
  expect(all.meetings.map((m) => m.id)).toEqual(expect.arrayContaining([ids.steeringMeeting, ids.groupMeeting]));

  // The clerk reads no drafts and no meetings of the steering group (not public, no seat there).
  const clerks = await historyOf(clerk.subject, '2025-01-01', today);
  expect(clerks.proposals.map((p) => p.id)).toEqual([ids.returned, ids.delegated]);
  expect(clerks.meetings.map((m) => m.id)).toEqual([ids.groupMeeting]);
  // Support reads the steering group's meetings, still no drafts.
  const supports = await historyOf(support.subject, '2025-01-01', today);
  expect(supports.proposals.map((p) => p.id)).toEqual([ids.returned, ids.delegated]);
  expect(supports.meetings.map((m) => m.id).sort()).toEqual([ids.steeringMeeting, ids.groupMeeting].sort());

  const otherCoordinator = await anotherAreasCoordinator(app.em());
  const refused = {
    anonymous: await app.gql(EXPORT, { areaId: world.area.id, from: '2025-01-01', to: today, format: 'JSON' }),
    outsider: await exported(outsider.subject, '2025-01-01', today),
    member: await exported(author.subject, '2025-01-01', today),
    // Days in the wrong order are the service's to refuse, after the permission check.
    memberWithBadDates: await exported(author.subject, today, '2025-01-01'),
    // What is no day at all is refused before the operation runs, for anyone: it reveals nothing of the area.
    memberWithNoDay: await exported(author.subject, 'včera', today),
    otherArea: await exported(otherCoordinator.subject!, '2025-01-01', today),
    unknownArea: await exported(coordinator.subject, '2025-01-01', today, 'JSON', '00000000-0000-4000-8000-000000000000'),
  };
  expectReadsRefused(
    refused,
    { anonymous: 'UNAUTHENTICATED', outsider: 'FORBIDDEN', member: 'FORBIDDEN', memberWithBadDates: 'FORBIDDEN', memberWithNoDay: 'BAD_USER_INPUT', otherArea: 'NOT_FOUND', unknownArea: 'NOT_FOUND' },
    new RegExp(`Odlehčovací|Katalog|RS/1/2026|${ids.returned}`),
  );

  const badDates = await exported(coordinator.subject, 'včera', '2025-13-01');
  // Each variable that is no LocalDate is an error of its own, naming it.
  expect(codes(badDates)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
  expect(badDates.errors!.flatMap((e) => (e.extensions!.fields as Array<{ field: string }>).map((f) => f.field))).toEqual(['from', 'to']);
  expect((await exported(coordinator.subject, today, '2025-01-01')).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'to' })] });
});
