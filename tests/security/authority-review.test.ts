import { MeetingStatus, MembershipRole, TriadSide } from '../../src/entities/enums';
import { Membership } from '../../src/entities/membership.entity';
import type { Person } from '../../src/entities/person.entity';
import { Proposal } from '../../src/entities/proposal.entity';
import { expectRefused, leakChecked, type Api } from '../support/api-assertions';
import { anOrganisation, aPerson, aSeat } from '../support/factories';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { ASSEMBLY_APPROVES, movePlanProposal, PLAN_TO_ASSEMBLY, planWithStructure } from '../support/plan-world';
import { codes, startTestApp, type TestApp } from '../support/test-app';

/**
 * What a review of the authority rework found, tried from outside: a deputy acting for a former
 * chair, a conflict of interest edited away, nested fields showing what their records' readers may
 * not see, drafts of minutes, self-named guarantors, a settlement rewritten after adoption, late
 * materials by rescheduling, documents added after the decision, spoofed file names, an erased
 * person in the triad, a calendar link outliving a login. Each case failed before its fix.
 */

let app: TestApp;
let api: Api;
let world: PipelineWorld;

const TRANSITION = 'mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }';
const GRANT = 'mutation($input: GrantDelegationInput!) { grantDelegation(input: $input) { id } }';
const as = (key: keyof PipelineWorld['actors']) => ({ as: world.actors[key]!.subject });
const version = async (id: string) => (await app.em().findOneOrFail(Proposal, { id })).version;
const fire = async (id: string, event: string, who: { as?: string }, extra: Record<string, unknown> = {}) =>
  app.gql<{ transitionProposal: { state: string } }>(TRANSITION, { input: { proposalId: id, event, expectedVersion: await version(id), ...extra } }, who);
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

async function submitted(title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await api.gql<{ createProposal: { id: string } }>(
    'mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }',
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title, summary: 'Shrnutí', ...extra } },
    as('author'),
  );
  const id = created.data!.createProposal.id;
  expect((await fire(id, 'SUBMIT', as('author'))).errors).toBeUndefined();
  return id;
}

beforeAll(async () => {
  app = await startTestApp();
  api = leakChecked(app);
  world = await aPipelineWorld(app.em());
});
afterAll(async () => {
  await app.close();
});

test('a deputy acts for the chair who delegated, and no longer once that chair leaves the chair', async () => {
  const w = await aPipelineWorld(app.em());
  const deputyOfW = await aPerson(app.em(), w.area, { name: 'Zástupce' });
  await aSeat(app.em(), w.group, deputyOfW, { role: MembershipRole.DEPUTY, triadSide: TriadSide.PUBLIC });
  const draftIn = async (title: string) => {
    const created = await app.gql<{ createProposal: { id: string } }>(
      'mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }',
      { input: { workingGroupBodyId: w.group.id, kind: 'MEASURE', title, summary: 'Shrnutí' } },
      { as: w.actors.author.subject },
    );
    const id = created.data!.createProposal.id;
    expect((await fire(id, 'SUBMIT', { as: w.actors.author.subject })).errors).toBeUndefined();
    return id;
  };
  expect((await api.gql(GRANT, { input: { bodyId: w.group.id, delegatePersonId: deputyOfW.id, power: 'CHAIR' } }, { as: w.actors.groupChair.subject })).errors).toBeUndefined();
  const first = await draftIn('Před změnou předsedy');
  expect((await fire(first, 'RECOMMEND', { as: deputyOfW.subject! })).errors).toBeUndefined();
  const seat = await app.em().findOneOrFail(Membership, { person: w.actors.groupChair.person.id, body: w.group.id });
  expect((await api.gql('mutation($input: EndMembershipInput!) { endMembership(input: $input) { id } }', { input: { membershipId: seat.id, validTo: yesterday() } }, { as: w.actors.coordinator.subject })).errors).toBeUndefined();
  const newChair = await aPerson(app.em(), w.area, { name: 'Nová předsedkyně' });
  await aSeat(app.em(), w.group, newChair, { role: MembershipRole.CHAIR, triadSide: TriadSide.COMMISSIONER });
  const second = await draftIn('Po změně předsedy');
  expect(codes(await fire(second, 'RECOMMEND', { as: deputyOfW.subject! }))).toEqual(['TRANSITION_NOT_ALLOWED']);
  const listed = await api.gql<{ body: { delegations: unknown[] } }>('query($id: ID!) { body(id: $id) { delegations(activeOnly: true) { id } } }', { id: w.group.id }, { as: w.actors.coordinator.subject });
  expect(listed.data!.body.delegations).toEqual([]);
  // The new chair delegates anew, on their own behalf.
  expect((await api.gql(GRANT, { input: { bodyId: w.group.id, delegatePersonId: deputyOfW.id, power: 'CHAIR' } }, { as: newChair.subject! })).errors).toBeUndefined();
  expect((await fire(second, 'RECOMMEND', { as: deputyOfW.subject! })).errors).toBeUndefined();
});

test('a conflict of interest is judged on every seat of the area, and cannot be edited away by whoever has it', async () => {
  const other = await aPipelineWorld(app.em());
  const diakonie = await anOrganisation(app.em(), other.area, { name: 'Diakonie Test, z. s.' });
  // The chair represents the organisation only through a seat in the steering group.
  await aSeat(app.em(), other.steering, other.actors.groupChair.person, { triadSide: TriadSide.PROVIDER, organisation: diakonie });
  const created = await app.gql<{ createProposal: { id: string } }>(
    'mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }',
    { input: { workingGroupBodyId: other.group.id, kind: 'MEASURE', title: 'Pro Diakonii', summary: 'Shrnutí', concernedOrganisationId: diakonie.id } },
    { as: other.actors.author.subject },
  );
  const id = created.data!.createProposal.id;
  await app.gql(TRANSITION, { input: { proposalId: id, event: 'SUBMIT', expectedVersion: 1 } }, { as: other.actors.author.subject });
  const refused = await fire(id, 'RECOMMEND', { as: other.actors.groupChair.subject });
  expect(refused.errors?.[0]?.extensions?.refusals).toEqual([expect.objectContaining({ code: 'CONFLICT_OF_INTEREST' })]);
  // Returned to the draft, the chair may not strike the organisation out.
  expect((await fire(id, 'RETURN', { as: other.actors.groupChair.subject }, { reason: 'Dopracovat.' })).errors).toBeUndefined();
  await expectRefused(
    app,
    'mutation($input: UpdateProposalInput!) { updateProposal(input: $input) { id } }',
    { input: { proposalId: id, expectedVersion: await version(id), concernedOrganisationId: null } },
    { as: other.actors.groupChair.subject },
    'FORBIDDEN',
  );
});

test('nested fields show no more than their records\' readers may see: members of a non-public body, delegation notes, draft minutes', async () => {
  const id = await submitted('Do řídící skupiny');
  expect((await fire(id, 'RECOMMEND', as('coordinator'))).errors).toBeUndefined();
  const nested = await api.gql<{ proposal: { currentBody: { name: string; memberships: unknown[] } } }>(
    'query($id: ID!) { proposal(id: $id) { currentBody { name memberships { person { name } } } } }',
    { id },
    as('author'),
  );
  expect(nested.data!.proposal.currentBody).toEqual({ name: 'Řídící skupina', memberships: [] });

  const secretary = await aPerson(app.em(), world.area, { name: 'Tajemnice PS' });
  await aSeat(app.em(), world.group, secretary, { role: MembershipRole.SECRETARY, triadSide: TriadSide.COMMISSIONER });
  expect((await api.gql(GRANT, { input: { bodyId: world.group.id, delegatePersonId: secretary.id, power: 'CONVENE', note: 'Pracovní neschopnost předsedy' } }, as('coordinator'))).errors).toBeUndefined();
  const NOTES = 'query($id: ID!) { body(id: $id) { delegations { power note } } }';
  const publicView = await api.gql<{ body: { delegations: Array<{ power: string; note: string | null }> } }>(NOTES, { id: world.group.id });
  expect(publicView.data!.body.delegations.find((d) => d.power === 'CONVENE')).toEqual({ power: 'CONVENE', note: null });
  const coordinatorView = await api.gql<{ body: { delegations: Array<{ power: string; note: string | null }> } }>(NOTES, { id: world.group.id }, as('coordinator'));
  expect(coordinatorView.data!.body.delegations.find((d) => d.power === 'CONVENE')?.note).toBe('Pracovní neschopnost předsedy');

  const meeting = await api.gql<{ scheduleMeeting: { id: string } }>(
    'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }',
    { input: { bodyId: world.group.id, title: 'PS veřejně', startsAt: '2025-02-02T08:00:00Z', place: 'Radnice', alreadyHeld: true } },
    as('coordinator'),
  );
  const meetingId = meeting.data!.scheduleMeeting.id;
  for (const [mutation, type, input] of [
    ['addAgendaItem', 'AddAgendaItemInput', { meetingId, title: 'Různé' }],
    ['draftMinutes', 'DraftMinutesInput', { meetingId, text: 'Koncept zápisu' }],
  ] as const) {
    expect((await api.gql(`mutation($input: ${type}!) { ${mutation}(input: $input) { __typename } }`, { input }, as('coordinator'))).errors).toBeUndefined();
  }
  const MINUTES = 'query($id: ID!) { meeting(id: $id) { minutes { text } minutesVersions { text } } }';
  expect((await api.gql(MINUTES, { id: meetingId })).data).toEqual({ meeting: { minutes: null, minutesVersions: [] } });
  expect((await api.gql(MINUTES, { id: meetingId }, as('provider'))).data).toEqual({ meeting: { minutes: { text: 'Koncept zápisu' }, minutesVersions: [{ text: 'Koncept zápisu' }] } });
  expect((await api.gql('mutation($input: MinutesActionInput!) { verifyMinutes(input: $input) { status } }', { input: { meetingId } }, as('groupChair'))).errors).toBeUndefined();
  expect((await api.gql(MINUTES, { id: meetingId })).data).toEqual({ meeting: { minutes: { text: 'Koncept zápisu' }, minutesVersions: [{ text: 'Koncept zápisu' }] } });
});

test('nobody names themselves a guarantor; the settlement of an adopted plan is closed', async () => {
  const plan = await planWithStructure(app, world, { yearFrom: 2040, yearTo: 2042 });
  await expectRefused(
    app,
    'mutation($input: AssignIndicatorGuarantorInput!) { assignIndicatorGuarantor(input: $input) { id } }',
    { input: { indicatorId: plan.indicatorId, personId: world.actors.support.person.id } },
    as('support'),
    'FORBIDDEN',
  );
  await expectRefused(
    app,
    'mutation($input: AssignGoalGuarantorInput!) { assignGoalGuarantor(input: $input) { id } }',
    { input: { goalId: plan.goal, personId: world.actors.coordinator.person.id } },
    as('coordinator'),
    'FORBIDDEN',
  );
  const hearing = await api.gql<{ openPublicHearing: { id: string } }>(
    'mutation($input: OpenPublicHearingInput!) { openPublicHearing(input: $input) { id } }',
    { input: { planId: plan.planId, opensAt: '2025-01-01T00:00:00Z', closesAt: '2025-02-01T00:00:00Z' } },
    as('coordinator'),
  );
  // A comment taken during the hearing (its period is over), answered before the adoption.
  const [comment] = await app.em().getConnection().execute<Array<{ id: string }>>(
    `insert into hearing_comment (area_id, id, hearing_id, text, created_at, updated_at) values (?, gen_random_uuid(), ?, 'Připomínka', '2025-01-15', '2025-01-15') returning id`,
    [world.area.id, hearing.data!.openPublicHearing.id],
  );
  const ANSWER = 'mutation($input: AnswerHearingCommentInput!) { answerHearingComment(input: $input) { id } }';
  expect((await api.gql(ANSWER, { input: { hearingCommentId: comment.id, decision: 'ACCEPTED', justification: 'Zapracováno.' } }, as('coordinator'))).errors).toBeUndefined();
  await movePlanProposal(app, world, plan.proposalId, [...PLAN_TO_ASSEMBLY, ...ASSEMBLY_APPROVES]);
  await expectRefused(
    app,
    ANSWER,
    { input: { hearingCommentId: comment.id, decision: 'REJECTED', justification: 'Přepsáno po schválení.' } },
    as('coordinator'),
    'CONFLICT',
  );
});

test('moving a meeting earlier makes no materials late behind the chair\'s back', async () => {
  const id = await submitted('Včas podané');
  const meeting = await api.gql<{ scheduleMeeting: { id: string } }>(
    'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }',
    { input: { bodyId: world.group.id, title: 'PS za měsíc', startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), place: 'Radnice' } },
    as('coordinator'),
  );
  const meetingId = meeting.data!.scheduleMeeting.id;
  expect((await api.gql('mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { agenda { late } } }', { input: { meetingId, title: 'Návrh', proposalId: id } }, as('coordinator'))).data).toEqual({ addAgendaItem: { agenda: [{ late: false }] } });
  const UPDATE = 'mutation($input: UpdateMeetingInput!) { updateMeeting(input: $input) { id } }';
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
  await expectRefused(app, UPDATE, { input: { meetingId, startsAt: tomorrow } }, as('coordinator'), 'BAD_USER_INPUT');
  expect((await api.gql(UPDATE, { input: { meetingId, startsAt: tomorrow } }, as('groupChair'))).errors).toBeUndefined();
  const agenda = await api.gql<{ meeting: { agenda: Array<{ late: boolean; urgencyReason: string | null }> } }>('query($id: ID!) { meeting(id: $id) { agenda { late urgencyReason } } }', { id: meetingId }, as('coordinator'));
  expect(agenda.data!.meeting.agenda.map((i) => [i.late, /přesunuto/.test(i.urgencyReason ?? '')])).toEqual([[true, true]]);
});

test('a decided proposal takes no more documents, and no file name hides its real extension', async () => {
  const ATTACH = 'mutation($input: AttachMaterialInput!) { attachMaterial(input: $input) { id } }';
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n').toString('base64');
  const id = await submitted('Stažený návrh');
  await expectRefused(app, ATTACH, { input: { proposalId: id, name: 'zapis_\u202efdp.bat', mediaType: 'application/pdf', contentBase64: pdf } }, as('author'), 'BAD_USER_INPUT');
  expect((await fire(id, 'WITHDRAW', as('author'))).errors).toBeUndefined();
  await expectRefused(app, ATTACH, { input: { proposalId: id, name: 'dodatek.pdf', mediaType: 'application/pdf', contentBase64: pdf } }, as('author'), 'CONFLICT');
  expect(MeetingStatus.MINUTES_VERIFIED).toBe('MINUTES_VERIFIED');
});

test('an erased person no longer completes the triad, and a new login holder gets no old calendar link', async () => {
  const w = await aPipelineWorld(app.em());
  const id = (
    await app.gql<{ createProposal: { id: string } }>(
      'mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }',
      { input: { workingGroupBodyId: w.group.id, kind: 'MEASURE', title: 'Triáda', summary: 'Shrnutí' } },
      { as: w.actors.provider.subject },
    )
  ).data!.createProposal.id;
  await app.gql(TRANSITION, { input: { proposalId: id, event: 'SUBMIT', expectedVersion: 1 } }, { as: w.actors.provider.subject });
  // The author is the group's only service user; erased, their seat ends today and counts no more.
  const admin = await aPerson(app.em(), w.area, { name: 'Správce' });
  await app.em().getConnection().execute(`insert into area_role (area_id, id, person_id, role, valid_from) values (?, gen_random_uuid(), ?, 'ADMIN', '2020-01-01')`, [w.area.id, admin.id]);
  expect((await app.gql('mutation($input: ErasePersonInput!) { erasePerson(input: $input) { id } }', { input: { personId: w.actors.author.person.id } }, { as: admin.subject! })).errors).toBeUndefined();
  const refused = await fire(id, 'RECOMMEND', { as: w.actors.groupChair.subject });
  expect(refused.errors?.[0]?.extensions?.refusals).toEqual([expect.objectContaining({ code: 'TRIAD_INCOMPLETE' })]);

  const feed = await app.gql<{ issueCalendarFeed: { url: string } }>(
    'mutation($input: IssueCalendarFeedInput!) { issueCalendarFeed(input: $input) { url } }',
    { input: { personId: w.actors.provider.person.id, label: 'Telefon' } },
    { as: w.actors.provider.subject },
  );
  const path = new URL(feed.data!.issueCalendarFeed.url).pathname + new URL(feed.data!.issueCalendarFeed.url).search;
  const base = app.url.replace(/\/graphql$/, '');
  expect((await fetch(`${base}${path}`)).status).toBe(200);
  expect((await app.gql('mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { id } }', { input: { personId: w.actors.provider.person.id, subject: 'provider-new-login' } }, { as: admin.subject! })).errors).toBeUndefined();
  expect((await fetch(`${base}${path}`)).status).toBe(401);
});

test('a guest attends and reads, but does not propose', async () => {
  const guest: Person = await aPerson(app.em(), world.area, { name: 'Host PS' });
  await aSeat(app.em(), world.group, guest, { role: MembershipRole.GUEST, triadSide: TriadSide.PUBLIC, votingRight: false });
  await expectRefused(
    app,
    'mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }',
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Od hosta', summary: 'Shrnutí' } },
    { as: guest.subject! },
    'FORBIDDEN',
  );
});
