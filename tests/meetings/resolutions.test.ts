import { Proposal } from '../../src/entities/proposal.entity';
import { Resolution } from '../../src/entities/resolution.entity';
import { WorkflowEvent } from '../../src/entities/workflow-event.entity';
import { dbFingerprint } from '../support/db-fingerprint';
import { startHasCome } from '../support/factories';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { codes, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const RESOLVE = `mutation($input: RecordResolutionInput!) { recordResolution(input: $input) { number adopted event } }`;

/** A submitted proposal on the agenda of a held working-group meeting, with attendance recorded. */
async function heldMeetingAbout(world: PipelineWorld, present: Array<keyof PipelineWorld['actors']>) {
  const chair = { as: world.actors.groupChair.subject };
  const created = await app.gql<{ createProposal: { id: string } }>(
    `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Terénní služba', summary: 'S' } },
    { as: world.actors.author.subject },
  );
  const proposalId = created.data!.createProposal.id;
  await app.gql(`mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }`, { input: { proposalId, event: 'SUBMIT', expectedVersion: 1 } }, {
    as: world.actors.author.subject,
  });
  const starts = new Date(Date.now() + 86_400_000).toISOString();
  const m = await app.gql<{ scheduleMeeting: { id: string } }>(
    `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`,
    { input: { bodyId: world.group.id, title: 'PS', startsAt: starts, place: 'Radnice' } },
    chair,
  );
  const meetingId = m.data!.scheduleMeeting.id;
  const item = await app.gql(
    `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }`,
    { input: { meetingId, title: 'Terénní služba', proposalId, urgencyReason: 'Projednání před termínem dotace' } },
    chair,
  );
  expect(item.errors).toBeUndefined();
  await app.gql(`mutation($input: MeetingActionInput!) { conveneMeeting(input: $input) { status } }`, { input: { meetingId } }, chair);
  const attendance = await app.gql(
    `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { id } }`,
    { input: { meetingId, entries: present.map((k) => ({ personId: world.actors[k]!.person.id, status: 'PRESENT' })) } },
    chair,
  );
  expect(attendance.errors).toBeUndefined();
  await startHasCome(app.em(), meetingId);
  const held = await app.gql(`mutation($input: MeetingActionInput!) { holdMeeting(input: $input) { status } }`, { input: { meetingId } }, chair);
  expect(held.errors).toBeUndefined();
  return { proposalId, meetingId };
}

test('an adopted resolution moves the proposal, with the meeting and resolution in its history', async () => {
  const world = await aPipelineWorld(app.em());
  const { proposalId, meetingId } = await heldMeetingAbout(world, ['groupChair', 'provider', 'author']);
  const res = await app.gql(
    RESOLVE,
    { input: { meetingId, number: 'PS/1/2026', text: 'PS doporučuje návrh řídící skupině.', votesFor: 3, votesAgainst: 0, votesAbstain: 0, proposalId, event: 'RECOMMEND' } },
    { as: world.actors.groupChair.subject },
  );
  expect(res.data).toEqual({ recordResolution: { number: 'PS/1/2026', adopted: true, event: 'RECOMMEND' } });
  expect((await app.em().findOneOrFail(Proposal, { id: proposalId })).state).toBe('STEERING_GROUP');
  const last = await app.em().findOneOrFail(WorkflowEvent, { proposalId, seq: 2 });
  expect({ meetingId: last.meetingId, resolutionNumber: last.resolutionNumber, bodyId: last.bodyId }).toEqual({ meetingId, resolutionNumber: 'PS/1/2026', bodyId: world.group.id });
});

test('without a service-user voter present the resolution cannot recommend: refused with the reason, nothing written', async () => {
  const world = await aPipelineWorld(app.em());
  const { proposalId, meetingId } = await heldMeetingAbout(world, ['groupChair', 'provider']);
  const before = await dbFingerprint(app.em());
  const res = await app.gql(
    RESOLVE,
    { input: { meetingId, number: 'PS/2/2026', text: 'Doporučuje.', votesFor: 2, votesAgainst: 0, votesAbstain: 0, proposalId, event: 'RECOMMEND' } },
    { as: world.actors.groupChair.subject, headers: { 'accept-language': 'en' } },
  );
  expect(codes(res)).toEqual(['TRANSITION_NOT_ALLOWED']);
  expect(res.errors![0].extensions!.reasons).toEqual(['No voting member for the service-user side.']);
  expect(await dbFingerprint(app.em())).toEqual(before);
});

test("a body that is not the proposal's current stage cannot move it", async () => {
  const world = await aPipelineWorld(app.em());
  const { proposalId, meetingId } = await heldMeetingAbout(world, ['groupChair', 'provider', 'author']);
  // The coordinator moves the proposal on outside the meeting; the group's later resolution is too late.
  await app.gql(`mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }`, { input: { proposalId, event: 'RECOMMEND', expectedVersion: 2 } }, {
    as: world.actors.coordinator.subject,
  });
  const before = await dbFingerprint(app.em());
  const res = await app.gql(
    RESOLVE,
    { input: { meetingId, number: 'PS/3/2026', text: 'Vrací.', votesFor: 3, votesAgainst: 0, votesAbstain: 0, proposalId, event: 'RETURN', reason: 'x' } },
    { as: world.actors.groupChair.subject },
  );
  expect(codes(res)).toEqual(['TRANSITION_NOT_ALLOWED']);
  expect(await dbFingerprint(app.em())).toEqual(before);
});

test('a resolution voted down is recorded and moves nothing; more votes than voters is refused', async () => {
  const world = await aPipelineWorld(app.em());
  const { proposalId, meetingId } = await heldMeetingAbout(world, ['groupChair', 'provider', 'author']);
  const input = { meetingId, number: 'PS/4/2026', text: 'Doporučuje.', votesFor: 1, votesAgainst: 2, votesAbstain: 0, proposalId, event: 'RECOMMEND' };
  expect(codes(await app.gql(RESOLVE, { input: { ...input, votesFor: 4 } }, { as: world.actors.groupChair.subject }))).toEqual(['BAD_USER_INPUT']);
  const res = await app.gql(RESOLVE, { input }, { as: world.actors.groupChair.subject });
  expect(res.data).toEqual({ recordResolution: { number: 'PS/4/2026', adopted: false, event: 'RECOMMEND' } });
  expect(await app.em().count(Resolution, { meeting: meetingId })).toBe(1);
  expect((await app.em().findOneOrFail(Proposal, { id: proposalId })).state).toBe('WORKING_GROUP');
  expect(codes(await app.gql(RESOLVE, { input }, { as: world.actors.groupChair.subject }))).toEqual(['CONFLICT']);
  expect(codes(await app.gql(RESOLVE, { input: { ...input, number: 'PS/5/2026' } }, { as: world.actors.provider.subject }))).toEqual(['FORBIDDEN']);
});

test('two mutations in one request: the second answers with what the first wrote too (the loaders are read afresh after each)', async () => {
  const world = await aPipelineWorld(app.em());
  const chair = { as: world.actors.groupChair.subject };
  const m = await app.gql<{ scheduleMeeting: { id: string } }>(
    `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`,
    { input: { bodyId: world.group.id, title: 'PS', startsAt: new Date(Date.now() + 86_400_000).toISOString(), place: 'Radnice' } },
    chair,
  );
  const meetingId = m.data!.scheduleMeeting.id;
  await app.gql(`mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }`, { input: { meetingId, title: 'Zahájení' } }, chair);
  await app.gql(`mutation($input: MeetingActionInput!) { conveneMeeting(input: $input) { status } }`, { input: { meetingId } }, chair);
  const entry = (k: 'groupChair' | 'provider') => ({ meetingId, entries: [{ personId: world.actors[k].person.id, status: 'PRESENT' }] });
  type Answer = { attendance: Array<{ person: { name: string } }>; quorum: { presentVoting: number } };
  const res = await app.gql<{ first: Answer; second: Answer }>(
    `mutation($a: RecordAttendanceInput!, $b: RecordAttendanceInput!) {
      first: recordAttendance(input: $a) { attendance { person { name } } quorum { presentVoting } }
      second: recordAttendance(input: $b) { attendance { person { name } } quorum { presentVoting } }
    }`,
    { a: entry('groupChair'), b: entry('provider') },
    chair,
  );
  expect(res.errors).toBeUndefined();
  expect([res.data!.first.attendance.length, res.data!.first.quorum.presentVoting]).toEqual([1, 1]);
  expect([res.data!.second.attendance.length, res.data!.second.quorum.presentVoting]).toEqual([2, 2]);
});
