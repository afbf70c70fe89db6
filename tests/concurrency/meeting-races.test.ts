import { Attendance } from '../../src/entities/attendance.entity';
import { AgendaItem } from '../../src/entities/agenda-item.entity';
import { Meeting } from '../../src/entities/meeting.entity';
import { MinutesRecipient } from '../../src/entities/minutes-recipient.entity';
import { Minutes } from '../../src/entities/minutes.entity';
import { Proposal } from '../../src/entities/proposal.entity';
import { Resolution } from '../../src/entities/resolution.entity';
import { startHasCome } from '../support/factories';
import { aPipelineWorld, aSubmittedProposal, type PipelineWorld } from '../support/pipeline-world';
import { atOnce, outcome, RACERS } from '../support/races';
import { startTestApp, type RequestOptions, type TestApp } from '../support/test-app';

/**
 * Meetings under concurrency: twenty identical and twenty conflicting calls at once of each meeting
 * mutation that can race. Exactly the allowed effects happen, every other call is CONFLICT or
 * TRANSITION_NOT_ALLOWED, never a 500 or a 503.
 */

let app: TestApp;
let world: PipelineWorld;
let chair: RequestOptions;

beforeAll(async () => {
  app = await startTestApp();
  world = await aPipelineWorld(app.em());
  chair = { as: world.actors.groupChair.subject };
});
afterAll(async () => {
  await app.close();
});

const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`;
const AGENDA = `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }`;
const ACT = (name: string) => `mutation($input: MeetingActionInput!) { ${name}(input: $input) { status } }`;
const ATTEND = `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { version attendance { person { id } status } } }`;

/** Runs a mutation that must succeed and returns its data. */
async function must<T>(query: string, variables: Record<string, unknown>, options: RequestOptions = chair): Promise<T> {
  const res = await app.gql<T>(query, variables, options);
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

/** A working-group meeting with an opening item and one about each proposal, convened, that started an hour ago. */
async function convenedMeeting(title: string, proposalIds: string[] = []): Promise<string> {
  const starts = new Date(Date.now() + 86_400_000).toISOString();
  const { scheduleMeeting } = await must<{ scheduleMeeting: { id: string } }>(SCHEDULE, { input: { bodyId: world.group.id, title, startsAt: starts, place: 'Radnice' } });
  await must(AGENDA, { input: { meetingId: scheduleMeeting.id, title: 'Zahájení' } });
  for (const proposalId of proposalIds) {
    await must(AGENDA, { input: { meetingId: scheduleMeeting.id, title: 'Návrh', proposalId, urgencyReason: 'Projednání před termínem dotace' } });
  }
  await must(ACT('conveneMeeting'), { input: { meetingId: scheduleMeeting.id } });
  await startHasCome(app.em(), scheduleMeeting.id);
  return scheduleMeeting.id;
}

/** The meeting held with every side of the triad present and voting (the chair, the provider, the author). */
async function holdWithTriad(meetingId: string): Promise<void> {
  const present = [world.actors.groupChair, world.actors.provider, world.actors.author].map((a) => ({ personId: a.person.id, status: 'PRESENT' }));
  await must(ATTEND, { input: { meetingId, entries: present } });
  await must(ACT('holdMeeting'), { input: { meetingId } });
}

test('attendance of one person recorded twenty times at once, the same and then conflicting: every call succeeds, one row, the last write stands', async () => {
  const meetingId = await convenedMeeting('Prezence naráz');
  const personId = world.actors.provider.person.id;
  const versionBefore = (await app.em().findOneOrFail(Meeting, { id: meetingId })).version;
  type Attended = { recordAttendance: { version: number; attendance: Array<{ person: { id: string }; status: string }> } };

  const same = outcome(await atOnce(RACERS, () => app.gql<Attended>(ATTEND, { input: { meetingId, entries: [{ personId, status: 'PRESENT' }] } }, chair)));
  expect(same.refused).toEqual([]);
  expect(same.won.map((w) => w.data.recordAttendance.attendance)).toEqual(Array(RACERS).fill([{ person: { id: personId }, status: 'PRESENT' }]));
  // One after another: each call saw the meeting as the one before left it.
  expect(same.won.map((w) => w.data.recordAttendance.version).sort((a, b) => a - b)).toEqual(Array.from({ length: RACERS }, (_v, i) => versionBefore + i + 1));

  const statuses = ['PRESENT', 'EXCUSED', 'ABSENT'];
  const conflicting = outcome(
    await atOnce(RACERS, (i) => app.gql<Attended>(ATTEND, { input: { meetingId, entries: [{ personId, status: statuses[i % 3] }] } }, chair)),
  );
  expect(conflicting.refused).toEqual([]);
  const last = conflicting.won.reduce((a, b) => (b.data.recordAttendance.version > a.data.recordAttendance.version ? b : a));
  expect(last.data.recordAttendance.version).toBe(versionBefore + 2 * RACERS);
  const rows = await app.em().find(Attendance, { meetingId });
  expect(rows.map((r) => ({ personId: r.personId, status: r.status }))).toEqual([{ personId, status: statuses[last.index % 3] }]);
});

const RESOLVE = `mutation($input: RecordResolutionInput!) { recordResolution(input: $input) { number adopted } }`;
const VERIFY = `query($id: ID!) { proposal(id: $id) { state version } verifyHistory(proposalId: $id) { valid checkedEvents } }`;

test('a resolution moving a proposal recorded twenty times at once, the same and then conflicting: one is recorded and moves it, every other call is refused at once', async () => {
  const same = await aSubmittedProposal(app.url, world, 'Odlehčovací služba');
  const other = await aSubmittedProposal(app.url, world, 'Sociální šatník');
  const meetingId = await convenedMeeting('Usnesení naráz', [same, other]);
  await holdWithTriad(meetingId);
  const resolution = (proposalId: string, number: string, event: string) => ({
    meetingId, number, text: 'Pracovní skupina rozhodla.', votesFor: 3, votesAgainst: 0, votesAbstain: 0, proposalId, event, reason: event === 'RETURN' ? 'Doplňte rozpočet.' : null,
  });
  type Resolved = { recordResolution: { number: string; adopted: boolean } };

  // Twenty identical calls: the same number, the same event.
  const identical = outcome(await atOnce(RACERS, () => app.gql<Resolved>(RESOLVE, { input: resolution(same, 'PS/1/2026', 'RECOMMEND') }, chair)));
  expect(identical.won.map((w) => w.data)).toEqual([{ recordResolution: { number: 'PS/1/2026', adopted: true } }]);
  expect(identical.refused).toEqual(Array(RACERS - 1).fill('CONFLICT'));

  // Twenty conflicting calls: numbers of their own, recommending or returning the other proposal.
  const conflicting = outcome(
    await atOnce(RACERS, (i) => app.gql<Resolved>(RESOLVE, { input: resolution(other, `PS/2/${i + 1}`, i % 2 ? 'RETURN' : 'RECOMMEND') }, chair)),
  );
  expect(conflicting.won).toHaveLength(1);
  expect(conflicting.refused).toHaveLength(RACERS - 1);
  const winner = conflicting.won[0].index;

  const em = app.em();
  expect((await em.find(Resolution, { meeting: meetingId }, { orderBy: { number: 'asc' } })).map((r) => r.number)).toEqual(['PS/1/2026', `PS/2/${winner + 1}`]);
  expect((await em.findOneOrFail(Proposal, { id: same })).state).toBe('STEERING_GROUP');
  expect((await em.findOneOrFail(Proposal, { id: other })).state).toBe(winner % 2 ? 'DRAFT' : 'STEERING_GROUP');
  for (const id of [same, other]) {
    const read = await app.gql<{ proposal: { version: number }; verifyHistory: { valid: boolean; checkedEvents: number } }>(VERIFY, { id }, { as: world.actors.coordinator.subject });
    expect(read.data!.verifyHistory).toEqual({ valid: true, checkedEvents: 2 });
    expect(read.data!.proposal.version).toBe(3);
  }
});

test('a meeting held twenty times at once, then one held and cancelled at once: one call changes it, the rest are TRANSITION_NOT_ALLOWED', async () => {
  const first = await convenedMeeting('Konání naráz');
  const held = outcome(await atOnce(RACERS, () => app.gql(ACT('holdMeeting'), { input: { meetingId: first } }, chair)));
  expect([held.won.length, held.refused]).toEqual([1, Array(RACERS - 1).fill('TRANSITION_NOT_ALLOWED')]);

  const second = await convenedMeeting('Konání nebo zrušení');
  type Acted = { holdMeeting?: { status: string }; cancelMeeting?: { status: string } };
  const either = outcome(
    await atOnce(RACERS, (i) =>
      app.gql<Acted>(i % 2 ? ACT('cancelMeeting') : ACT('holdMeeting'), { input: { meetingId: second, reason: i % 2 ? 'Nemoc předsedy' : null } }, chair),
    ),
  );
  expect([either.won.length, either.refused]).toEqual([1, Array(RACERS - 1).fill('TRANSITION_NOT_ALLOWED')]);
  const status = Object.values(either.won[0].data)[0].status;
  expect((await app.em().findOneOrFail(Meeting, { id: second })).status).toBe(status);
});

test('minutes verified twenty times at once, then verified and distributed at once: verified once, distributed at most once and only after', async () => {
  const draft = (meetingId: string) => must(`mutation($input: DraftMinutesInput!) { draftMinutes(input: $input) { status } }`, { input: { meetingId, text: 'Zápis z jednání.' } }, { as: world.actors.coordinator.subject });
  const VERIFY_MINUTES = `mutation($input: MinutesActionInput!) { verifyMinutes(input: $input) { status } }`;
  const DISTRIBUTE = `mutation($input: MinutesActionInput!) { distributeMinutes(input: $input) { status } }`;

  const first = await convenedMeeting('Ověření naráz');
  await holdWithTriad(first);
  await draft(first);
  const verified = outcome(await atOnce(RACERS, () => app.gql(VERIFY_MINUTES, { input: { meetingId: first } }, chair)));
  expect([verified.won.length, verified.refused]).toEqual([1, Array(RACERS - 1).fill('TRANSITION_NOT_ALLOWED')]);
  const minutes = await app.em().find(Minutes, { meeting: first });
  expect(minutes.map((m) => [m.version, m.verifiedBy?.id])).toEqual([[1, world.actors.groupChair.person.id]]);

  const second = await convenedMeeting('Ověření a rozeslání');
  await holdWithTriad(second);
  await draft(second);
  const mixed = outcome(
    await atOnce(RACERS, (i) =>
      i % 2 ? app.gql(DISTRIBUTE, { input: { meetingId: second } }, { as: world.actors.coordinator.subject }) : app.gql(VERIFY_MINUTES, { input: { meetingId: second } }, chair),
    ),
  );
  expect(mixed.refused.every((code) => code === 'TRANSITION_NOT_ALLOWED')).toBe(true);
  const won = mixed.won.map((w) => (w.index % 2 ? 'distributed' : 'verified'));
  expect(won.filter((w) => w === 'verified')).toEqual(['verified']);
  const distributed = won.includes('distributed');
  expect(won.filter((w) => w === 'distributed').length).toBeLessThanOrEqual(1);
  expect((await app.em().findOneOrFail(Meeting, { id: second })).status).toBe(distributed ? 'MINUTES_DISTRIBUTED' : 'MINUTES_VERIFIED');
  const [current] = await app.em().find(Minutes, { meeting: second });
  // Each member of the group once, when distributed.
  expect(await app.em().count(MinutesRecipient, { minutesId: current.id })).toBe(distributed ? 3 : 0);
});

test('agenda items added and moved twenty at a time: positions stay 1…n, each once, and the order is one a caller was answered', async () => {
  const meetingId = await convenedMeeting('Program naráz');
  const ADD = `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }`;
  const MOVE = `mutation($input: MoveAgendaItemInput!) { moveAgendaItem(input: $input) { agenda { id position } } }`;
  type Moved = { moveAgendaItem: { agenda: Array<{ id: string; position: number }> } };
  const positions = async () => (await app.em().find(AgendaItem, { meeting: meetingId }, { orderBy: { position: 'asc' } })).map((i) => ({ id: i.id, position: i.position }));

  const added = outcome(await atOnce(RACERS, (i) => app.gql<{ addAgendaItem: { id: string } }>(ADD, { input: { meetingId, title: `Bod ${i + 1}` } }, chair)));
  expect(added.won).toHaveLength(RACERS);
  const items = await positions();
  expect(items.map((i) => i.position)).toEqual(Array.from({ length: RACERS + 1 }, (_v, i) => i + 1));

  // The same move twenty times: the item ends first, the others keep their order.
  const last = items.at(-1)!.id;
  const same = outcome(await atOnce(RACERS, () => app.gql<Moved>(MOVE, { input: { agendaItemId: last, position: 1 } }, chair)));
  expect(same.won).toHaveLength(RACERS);
  expect((await positions()).map((i) => i.id)).toEqual([last, ...items.slice(0, -1).map((i) => i.id)]);

  // Twenty different moves: the final order is the one the last of them answered.
  const ids = items.map((i) => i.id);
  const different = outcome(await atOnce(RACERS, (i) => app.gql<Moved>(MOVE, { input: { agendaItemId: ids[i], position: ((i * 7) % ids.length) + 1 } }, chair)));
  expect(different.won).toHaveLength(RACERS);
  const final = await positions();
  expect(final.map((i) => i.position)).toEqual(Array.from({ length: ids.length }, (_v, i) => i + 1));
  expect(different.won.map((w) => w.data.moveAgendaItem.agenda)).toContainEqual(final);
});
