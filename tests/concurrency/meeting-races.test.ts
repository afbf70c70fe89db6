import { Attendance } from '../../src/entities/attendance.entity';
import { Meeting } from '../../src/entities/meeting.entity';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
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

/** A working-group meeting that started an hour ago, with an opening item, convened. */
async function convenedMeeting(title: string): Promise<string> {
  const starts = new Date(Date.now() - 3600_000).toISOString();
  const { scheduleMeeting } = await must<{ scheduleMeeting: { id: string } }>(SCHEDULE, { input: { bodyId: world.group.id, title, startsAt: starts, place: 'Radnice' } });
  await must(AGENDA, { input: { meetingId: scheduleMeeting.id, title: 'Zahájení' } });
  await must(ACT('conveneMeeting'), { input: { meetingId: scheduleMeeting.id } });
  return scheduleMeeting.id;
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
