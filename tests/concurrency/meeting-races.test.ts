import { Attendance } from '../../src/entities/attendance.entity';
import { Meeting } from '../../src/entities/meeting.entity';
import { Proposal } from '../../src/entities/proposal.entity';
import { Resolution } from '../../src/entities/resolution.entity';
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

/** A working-group meeting that started an hour ago, with an opening item and one about each proposal, convened. */
async function convenedMeeting(title: string, proposalIds: string[] = []): Promise<string> {
  const starts = new Date(Date.now() - 3600_000).toISOString();
  const { scheduleMeeting } = await must<{ scheduleMeeting: { id: string } }>(SCHEDULE, { input: { bodyId: world.group.id, title, startsAt: starts, place: 'Radnice' } });
  await must(AGENDA, { input: { meetingId: scheduleMeeting.id, title: 'Zahájení' } });
  for (const proposalId of proposalIds) {
    await must(AGENDA, { input: { meetingId: scheduleMeeting.id, title: 'Návrh', proposalId, urgencyReason: 'Projednání před termínem dotace' } });
  }
  await must(ACT('conveneMeeting'), { input: { meetingId: scheduleMeeting.id } });
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
