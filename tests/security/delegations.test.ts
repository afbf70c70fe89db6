import { AreaRoleKind, BodyKind, MembershipRole, TriadSide } from '../../src/entities/enums';
import { Proposal } from '../../src/entities/proposal.entity';
import { expectBadInput, expectRefused, leakChecked, type Api } from '../support/api-assertions';
import { aBody, aPerson, aRole, aSeat } from '../support/factories';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { codes, startTestApp, type TestApp } from '../support/test-app';
import type { Person } from '../../src/entities/person.entity';

/**
 * Deputies and delegation: a chair's power delegated for a term acts like the chair's seat, only
 * within the term and only while the delegate sits in the body, and every act done under it
 * records on whose behalf.
 */

let app: TestApp;
let api: Api;
let world: PipelineWorld;
let deputy: Person;
let guest: Person;

const GRANT = 'mutation($input: GrantDelegationInput!) { grantDelegation(input: $input) { id power validFrom validTo active onBehalfOf { name } delegate { name } } }';
const REVOKE = 'mutation($input: RevokeDelegationInput!) { revokeDelegation(input: $input) { id active revokedAt } }';
const TRANSITION = 'mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }';
const AVAILABLE = 'query($id: ID!) { proposal(id: $id) { availableTransitions { event allowed refusals { code } } } }';
const HISTORY = 'query($id: ID!) { proposal(id: $id) { history { event actorRole actor { name } onBehalfOf { name } } } verifyHistory(proposalId: $id) { valid } }';

beforeAll(async () => {
  app = await startTestApp();
  api = leakChecked(app);
  world = await aPipelineWorld(app.em());
  deputy = await aPerson(app.em(), world.area, { name: 'Zástupkyně Předsedy' });
  guest = await aPerson(app.em(), world.area, { name: 'Host Skupiny' });
  await aSeat(app.em(), world.group, deputy, { role: MembershipRole.DEPUTY, triadSide: TriadSide.PUBLIC });
  await aSeat(app.em(), world.group, guest, { role: MembershipRole.GUEST, triadSide: TriadSide.PUBLIC, votingRight: false });
});
afterAll(async () => {
  await app.close();
});

const as = (key: keyof PipelineWorld['actors']) => ({ as: world.actors[key]!.subject });

async function submitted(title: string): Promise<string> {
  const created = await api.gql<{ createProposal: { id: string } }>(
    'mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }',
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title, summary: 'Shrnutí' } },
    as('author'),
  );
  const id = created.data!.createProposal.id;
  expect((await api.gql(TRANSITION, { input: { proposalId: id, event: 'SUBMIT', expectedVersion: 1 } }, as('author'))).errors).toBeUndefined();
  return id;
}

const recommendAs = async (id: string, subject: string) =>
  api.gql(TRANSITION, { input: { proposalId: id, event: 'RECOMMEND', expectedVersion: (await app.em().findOneOrFail(Proposal, { id })).version } }, { as: subject });

test('a deputy acts for the chair only within the delegation, and the history says for whom', async () => {
  const id = await submitted('Odlehčovací služba');
  const before = await api.gql<{ proposal: { availableTransitions: Array<{ event: string; allowed: boolean; refusals: Array<{ code: string }> }> } }>(AVAILABLE, { id }, { as: deputy.subject! });
  expect(before.data!.proposal.availableTransitions.find((t) => t.event === 'RECOMMEND')).toEqual({ event: 'RECOMMEND', allowed: false, refusals: [{ code: 'NOT_YOUR_ROLE' }] });

  const granted = await api.gql<{ grantDelegation: { id: string } }>(GRANT, { input: { bodyId: world.group.id, delegatePersonId: deputy.id, power: 'CHAIR', note: 'Dovolená předsedkyně' } }, as('groupChair'));
  expect(granted.data!.grantDelegation).toMatchObject({ power: 'CHAIR', active: true, onBehalfOf: { name: 'groupChair' }, delegate: { name: 'Zástupkyně Předsedy' } });

  expect((await recommendAs(id, deputy.subject!)).errors).toBeUndefined();
  const history = await api.gql<{ proposal: { history: Array<Record<string, unknown>> }; verifyHistory: { valid: boolean } }>(HISTORY, { id }, as('coordinator'));
  expect(history.data!.proposal.history.at(-1)).toEqual({ event: 'RECOMMEND', actorRole: 'CHAIR', actor: { name: 'Zástupkyně Předsedy' }, onBehalfOf: { name: 'groupChair' } });
  expect(history.data!.proposal.history[0]).toMatchObject({ event: 'SUBMIT', onBehalfOf: null });
  expect(history.data!.verifyHistory).toEqual({ valid: true });

  // Revoked, the deputy is a member again.
  const revoked = await api.gql<{ revokeDelegation: { active: boolean } }>(REVOKE, { input: { delegationId: granted.data!.grantDelegation.id } }, { as: deputy.subject! });
  expect(revoked.data!.revokeDelegation.active).toBe(false);
  const next = await submitted('Terénní služba');
  expect(codes(await recommendAs(next, deputy.subject!))).toEqual(['TRANSITION_NOT_ALLOWED']);
});

test('a delegation counts only on the days of its term, and only while the delegate sits in the body', async () => {
  const past = await api.gql(GRANT, { input: { bodyId: world.group.id, delegatePersonId: deputy.id, power: 'CHAIR', validFrom: '2024-01-01', validTo: '2024-12-31' } }, as('coordinator'));
  expect(past.errors).toBeUndefined();
  const future = await api.gql(GRANT, { input: { bodyId: world.group.id, delegatePersonId: deputy.id, power: 'CHAIR', validFrom: '2099-01-01' } }, as('coordinator'));
  expect(future.errors).toBeUndefined();
  const id = await submitted('Mimo termín');
  expect(codes(await recommendAs(id, deputy.subject!))).toEqual(['TRANSITION_NOT_ALLOWED']);

  const leaving = await aPerson(app.em(), world.area, { name: 'Odcházející člen' });
  const seat = await aSeat(app.em(), world.group, leaving, { role: MembershipRole.MEMBER, triadSide: TriadSide.PUBLIC });
  expect((await api.gql(GRANT, { input: { bodyId: world.group.id, delegatePersonId: leaving.id, power: 'CHAIR' } }, as('groupChair'))).errors).toBeUndefined();
  const whileSeated = await api.gql<{ proposal: { availableTransitions: Array<{ event: string; allowed: boolean }> } }>(AVAILABLE, { id }, { as: leaving.subject! });
  expect(whileSeated.data!.proposal.availableTransitions.find((t) => t.event === 'RECOMMEND')?.allowed).toBe(true);
  await app.em().nativeUpdate('Membership', { id: seat.id }, { validTo: '2020-12-31', validFrom: '2020-01-01' });
  // Out of the group, they neither act for its chair nor see its proposal any more.
  expect(codes(await recommendAs(id, leaving.subject!))).toEqual(['NOT_FOUND']);
});

test('who may delegate: the chair or the coordinator, to a member of the body who is not the chair, never to oneself', async () => {
  const input = (delegatePersonId: string) => ({ input: { bodyId: world.group.id, delegatePersonId, power: 'CONVENE' } });
  await expectRefused(app, GRANT, input(deputy.id), as('provider'), 'FORBIDDEN');
  await expectRefused(app, GRANT, input(deputy.id), as('support'), 'FORBIDDEN');
  await expectRefused(app, GRANT, input(deputy.id), {}, 'UNAUTHENTICATED');
  await expectRefused(app, GRANT, input(world.actors.coordinator.person.id), as('coordinator'), 'FORBIDDEN');
  await expectBadInput(app, GRANT, input(guest.id), as('groupChair'), ['delegatePersonId']);
  await expectBadInput(app, GRANT, input(world.actors.groupChair.person.id), as('coordinator'), ['delegatePersonId']);
  await expectBadInput(app, GRANT, input(world.actors.outsider.person.id), as('coordinator'), ['delegatePersonId']);
  const other = await aPipelineWorld(app.em());
  await expectRefused(app, GRANT, input(deputy.id), { as: other.actors.coordinator.subject }, 'NOT_FOUND');
  expect((await api.gql(GRANT, input(deputy.id), as('groupChair'))).errors).toBeUndefined();
  await expectRefused(app, GRANT, input(deputy.id), as('groupChair'), 'CONFLICT');
});

test("a secretary convenes the commission on its chair's behalf; the meeting records for whom", async () => {
  const commission = world.commission!;
  const secretary = await aPerson(app.em(), world.area, { name: 'Tajemnice Komise' });
  await aSeat(app.em(), commission, secretary, { role: MembershipRole.SECRETARY, triadSide: TriadSide.COMMISSIONER });
  const schedule = { input: { bodyId: commission.id, title: 'Jednání komise', startsAt: '2027-02-01T15:00:00Z', place: 'Radnice' } };
  const SCHEDULE = 'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }';
  await expectRefused(app, SCHEDULE, schedule, { as: secretary.subject! }, 'FORBIDDEN');
  expect((await api.gql(GRANT, { input: { bodyId: commission.id, delegatePersonId: secretary.id, power: 'CONVENE' } }, as('commissionChair'))).errors).toBeUndefined();
  const meeting = await api.gql<{ scheduleMeeting: { id: string } }>(SCHEDULE, schedule, { as: secretary.subject! });
  const meetingId = meeting.data!.scheduleMeeting.id;
  expect((await api.gql('mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }', { input: { meetingId, title: 'Plán' } }, { as: secretary.subject! })).errors).toBeUndefined();
  expect((await api.gql('mutation($input: MeetingActionInput!) { conveneMeeting(input: $input) { status } }', { input: { meetingId } }, { as: secretary.subject! })).errors).toBeUndefined();
  const read = await api.gql<{ meeting: unknown }>('query($id: ID!) { meeting(id: $id) { status convenedBy { name } convenedOnBehalfOf { name } } }', { id: meetingId }, as('coordinator'));
  expect(read.data!.meeting).toEqual({ status: 'CONVENED', convenedBy: { name: 'Tajemnice Komise' }, convenedOnBehalfOf: { name: 'commissionChair' } });
  // Convening is not the chair's other powers: the commission's recommendation stays the chair's.
  const id = await submitted('Pro komisi');
  for (const [who, event] of [['groupChair', 'RECOMMEND'], ['steeringChair', 'RECOMMEND']] as const) {
    expect((await api.gql(TRANSITION, { input: { proposalId: id, event, expectedVersion: (await app.em().findOneOrFail(Proposal, { id })).version } }, as(who))).errors).toBeUndefined();
  }
  expect(codes(await recommendAs(id, secretary.subject!))).toEqual(['TRANSITION_NOT_ALLOWED']);
});

test('seed 003: the managerial group\'s minutes, written by its manager, are verified by a member named for it', async () => {
  const em = app.em();
  const manager = await aPerson(em, world.area, { name: 'Manažerka MS' });
  await aRole(em, manager, AreaRoleKind.COORDINATOR);
  const named = await aPerson(em, world.area, { name: 'Ověřovatel zápisu' });
  const ms = await aBody(em, world.area, BodyKind.STEERING_GROUP, { name: 'MS – manažerská skupina', reportsTo: world.commission! });
  await aSeat(em, ms, manager, { role: MembershipRole.CHAIR, triadSide: TriadSide.COMMISSIONER });
  await aSeat(em, ms, named, { role: MembershipRole.MEMBER, triadSide: TriadSide.PROVIDER });
  const mine = { as: manager.subject! };
  const m = await api.gql<{ scheduleMeeting: { id: string } }>('mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }', { input: { bodyId: ms.id, title: 'MS č. 2', startsAt: '2025-03-03T08:00:00Z', place: 'MÚ', alreadyHeld: true } }, mine);
  const meetingId = m.data!.scheduleMeeting.id;
  for (const [mutation, input] of [['addAgendaItem', { meetingId, title: 'Zpráva' }], ['draftMinutes', { meetingId, text: 'Zápis MS č. 2' }]] as const) {
    const type = mutation === 'addAgendaItem' ? 'AddAgendaItemInput' : mutation === 'draftMinutes' ? 'DraftMinutesInput' : 'MeetingActionInput';
    expect((await api.gql(`mutation($input: ${type}!) { ${mutation}(input: $input) { __typename } }`, { input }, mine)).errors).toBeUndefined();
  }
  const VERIFY = 'mutation($input: MinutesActionInput!) { verifyMinutes(input: $input) { status } }';
  const own = await app.gql(VERIFY, { input: { meetingId } }, mine);
  expect(own.errors![0].extensions!.refusals).toEqual([expect.objectContaining({ code: 'OWN_MINUTES' })]);
  expect(codes(await app.gql(VERIFY, { input: { meetingId } }, { as: named.subject! }))).toEqual(['TRANSITION_NOT_ALLOWED']);
  expect((await api.gql(GRANT, { input: { bodyId: ms.id, delegatePersonId: named.id, power: 'VERIFY_MINUTES', note: 'Určen ověřovatelem zápisu' } }, mine)).errors).toBeUndefined();
  expect((await api.gql(VERIFY, { input: { meetingId } }, { as: named.subject! })).data).toEqual({ verifyMinutes: { status: 'MINUTES_VERIFIED' } });
  const read = await api.gql<{ meeting: { minutes: unknown } }>('query($id: ID!) { meeting(id: $id) { minutes { verifiedBy { name } verifiedOnBehalfOf { name } } } }', { id: meetingId }, mine);
  expect(read.data!.meeting.minutes).toEqual({ verifiedBy: { name: 'Ověřovatel zápisu' }, verifiedOnBehalfOf: { name: 'Manažerka MS' } });
});
