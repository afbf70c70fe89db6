import fs from 'node:fs';
import path from 'node:path';
import { AreaRoleKind, MembershipRole, TriadSide } from '../../src/entities/enums';
import { type Person } from '../../src/entities/person.entity';
import { Proposal } from '../../src/entities/proposal.entity';
import { expectRefused, leakChecked, type Api } from '../support/api-assertions';
import { dbFingerprint } from '../support/db-fingerprint';
import { aGlobalAdmin, aPerson, aRole, aSeat } from '../support/factories';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { movePlanProposal, PLAN_TO_ASSEMBLY, ASSEMBLY_APPROVES } from '../support/plan-world';
import { codes, startTestApp, type TestApp } from '../support/test-app';
import { buildTransitionFacts } from '../../src/workflows/transition-facts';

/**
 * Escalations found from outside, one case each: a role doing what the rules forbid. Each of these
 * passed before the authority rework; every refusal leaves every table as it was.
 */

let app: TestApp;
let limited: TestApp;
let api: Api;
let world: PipelineWorld;
let admin: Person;
let secondAdmin: Person;
let globalAdmin: string;

const UPDATE_PERSON = 'mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { id subject } }';
const CREATE_PERSON = 'mutation($input: CreatePersonInput!) { createPerson(input: $input) { id subject } }';
const TRANSITION = 'mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state version } }';
const UPDATE_PROPOSAL = 'mutation($input: UpdateProposalInput!) { updateProposal(input: $input) { kind version } }';
const CREATE_PROPOSAL = 'mutation($input: CreateProposalInput!) { createProposal(input: $input) { id kind } }';
const CREATE_PLAN = 'mutation($input: CreatePlanInput!) { createPlan(input: $input) { id proposalId status } }';
const OPEN_HEARING = 'mutation($input: OpenPublicHearingInput!) { openPublicHearing(input: $input) { id closesAt } }';
const COMMENT = 'mutation($input: SubmitHearingCommentInput!) { submitHearingComment(input: $input) { id } }';
const ANSWER = 'mutation($input: AnswerHearingCommentInput!) { answerHearingComment(input: $input) { id } }';
const IMPORT = 'mutation($input: ImportProviderRegisterInput!) { importProviderRegister(input: $input) { id } }';

beforeAll(async () => {
  app = await startTestApp();
  limited = await startTestApp({ mutationsPerMinutePerViewer: 3 });
  api = leakChecked(app);
  world = await aPipelineWorld(app.em());
  admin = await aPerson(app.em(), world.area, { name: 'Správce' });
  secondAdmin = await aPerson(app.em(), world.area, { name: 'Druhý správce' });
  await aRole(app.em(), admin, AreaRoleKind.ADMIN);
  await aRole(app.em(), secondAdmin, AreaRoleKind.ADMIN);
  globalAdmin = await aGlobalAdmin(app.em());
});
afterAll(async () => {
  await Promise.all([app.close(), limited.close()]);
});

const as = (key: keyof PipelineWorld['actors']) => ({ as: world.actors[key]!.subject });
const version = async (id: string) => (await app.em().findOneOrFail(Proposal, { id })).version;

async function fire(proposalId: string, event: string, who: keyof PipelineWorld['actors'], extra: Record<string, unknown> = {}) {
  return api.gql<{ transitionProposal: { state: string } }>(TRANSITION, { input: { proposalId, event, expectedVersion: await version(proposalId), ...extra } }, as(who));
}

describe('a login identity is changed only by an admin, and an admin\'s only by a global admin', () => {
  test('the coordinator cannot take over the admin\'s or the commission chair\'s login, nor link one to a new person', async () => {
    for (const target of [admin, world.actors.commissionChair!.person, world.actors.groupChair.person]) {
      await expectRefused(app, UPDATE_PERSON, { input: { personId: target.id, subject: 'coordinators-second-login' } }, as('coordinator'), 'FORBIDDEN');
    }
    await expectRefused(app, CREATE_PERSON, { input: { areaId: world.area.id, name: 'Loutka', subject: 'coordinators-second-login' } }, as('coordinator'), 'FORBIDDEN');
    // Signing in with that login gives no one's rights.
    const me = await app.gql<{ me: { person: unknown; areaRoles: unknown[] } }>('{ me { person { id } areaRoles { role } } }', {}, { as: 'coordinators-second-login' });
    expect(me.data!.me).toEqual({ person: null, areaRoles: [] });
  });

  test('an admin links and changes the logins of people without the admin role; another admin\'s only a global admin', async () => {
    const res = await api.gql(UPDATE_PERSON, { input: { personId: world.actors.outsider.person.id, subject: 'outsider-new-login' } }, { as: admin.subject! });
    expect(res.data).toEqual({ updatePerson: { id: world.actors.outsider.person.id, subject: 'outsider-new-login' } });
    await expectRefused(app, UPDATE_PERSON, { input: { personId: secondAdmin.id, subject: 'admins-second-login' } }, { as: admin.subject! }, 'FORBIDDEN');
    const byGlobal = await api.gql(UPDATE_PERSON, { input: { personId: secondAdmin.id, subject: 'second-admin-new-login' } }, { as: globalAdmin });
    expect(byGlobal.data).toEqual({ updatePerson: { id: secondAdmin.id, subject: 'second-admin-new-login' } });
  });
});

test('an area\'s coordinator or admin does not rewrite the national provider catalogue; a global admin imports it', async () => {
  const content = fs.readFileSync(path.join(__dirname, '../fixtures/rpss-sample.json'), 'utf8');
  await expectRefused(app, IMPORT, { input: { content } }, as('coordinator'), 'FORBIDDEN');
  await expectRefused(app, IMPORT, { input: { content } }, { as: admin.subject! }, 'FORBIDDEN');
  const imported = await api.gql(IMPORT, { input: { content } }, { as: globalAdmin });
  expect(imported.errors).toBeUndefined();
});

describe('what a proposal is cannot be edited away', () => {
  test('the kind of a draft that carries a plan is fixed, so the council can never adopt the plan', async () => {
    const plan = await api.gql<{ createPlan: { proposalId: string } }>(
      CREATE_PLAN,
      { input: { areaId: world.area.id, title: 'Plán 2028–2030', yearFrom: 2028, yearTo: 2030, workingGroupBodyId: world.group.id } },
      as('coordinator'),
    );
    const proposalId = plan.data!.createPlan.proposalId;
    for (const who of ['author', 'groupChair', 'coordinator'] as const) {
      const res = await app.gql(UPDATE_PROPOSAL, { input: { proposalId, expectedVersion: await version(proposalId), kind: 'MEASURE' } }, as(who));
      expect({ who, codes: codes(res) }).toEqual({ who, codes: [expect.stringMatching(/^(BAD_USER_INPUT|FORBIDDEN)$/)] });
    }
    expect((await app.em().findOneOrFail(Proposal, { id: proposalId })).kind).toBe('PLAN');
  });

  test('a PLAN or PROJECT_INTENT proposal is born with its plan or intent, never typed in', async () => {
    for (const kind of ['PLAN', 'PROJECT_INTENT']) {
      await expectRefused(app, CREATE_PROPOSAL, { input: { workingGroupBodyId: world.group.id, kind, title: 'Plán', summary: 'Shrnutí' } }, as('author'), 'BAD_USER_INPUT');
    }
    const draft = await api.gql<{ createProposal: { id: string } }>(CREATE_PROPOSAL, { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Opatření', summary: 'Shrnutí' } }, as('author'));
    const id = draft.data!.createProposal.id;
    await expectRefused(app, UPDATE_PROPOSAL, { input: { proposalId: id, expectedVersion: 1, kind: 'PLAN' } }, as('author'), 'BAD_USER_INPUT');
    const material = await api.gql(UPDATE_PROPOSAL, { input: { proposalId: id, expectedVersion: 1, kind: 'MATERIAL' } }, as('author'));
    expect(material.data).toEqual({ updateProposal: { kind: 'MATERIAL', version: 2 } });
  });
});

describe('the public hearing holds whenever it was opened', () => {
  async function planAt(steps: typeof PLAN_TO_ASSEMBLY, years: [number, number]) {
    const plan = await api.gql<{ createPlan: { id: string; proposalId: string } }>(
      CREATE_PLAN,
      { input: { areaId: world.area.id, title: `Plán ${years[0]}`, yearFrom: years[0], yearTo: years[1], workingGroupBodyId: world.group.id } },
      as('coordinator'),
    );
    const { id: planId, proposalId } = plan.data!.createPlan;
    await movePlanProposal(app, world, proposalId, steps);
    return { planId, proposalId };
  }
  const openHearing = async (planId: string) =>
    (await api.gql<{ openPublicHearing: { id: string } }>(OPEN_HEARING, { input: { planId, closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString() } }, as('coordinator'))).data!
      .openPublicHearing.id;

  test('a hearing opened after the steering group still keeps the plan from passing a stage while a comment is unanswered', async () => {
    const { planId, proposalId } = await planAt(PLAN_TO_ASSEMBLY.slice(0, 3), [2031, 2033]);
    expect((await app.em().findOneOrFail(Proposal, { id: proposalId })).state).toBe('SOCIAL_COMMISSION');
    const hearingId = await openHearing(planId);
    const comment = await api.gql<{ submitHearingComment: { id: string } }>(COMMENT, { input: { hearingId, text: 'Chybí noclehárna.' } });
    const before = await dbFingerprint(app.em());
    const refused = await fire(proposalId, 'RECOMMEND', 'commissionChair');
    expect(codes(refused)).toEqual(['TRANSITION_NOT_ALLOWED']);
    expect(await dbFingerprint(app.em())).toEqual(before);
    await api.gql(ANSWER, { input: { hearingCommentId: comment.data!.submitHearingComment.id, decision: 'ACCEPTED', justification: 'Doplněno.' } }, as('coordinator'));
    // Answered, but the hearing is still open: the plan waits for it to close.
    expect(codes(await fire(proposalId, 'RECOMMEND', 'commissionChair'))).toEqual(['TRANSITION_NOT_ALLOWED']);
  });

  test('the steering group cannot recommend while the hearing is open, even with no comment', async () => {
    const { planId, proposalId } = await planAt(PLAN_TO_ASSEMBLY.slice(0, 2), [2034, 2036]);
    await openHearing(planId);
    expect(codes(await fire(proposalId, 'RECOMMEND', 'steeringChair'))).toEqual(['TRANSITION_NOT_ALLOWED']);
    // Returning it for rework is not passing a stage.
    expect((await fire(proposalId, 'RETURN', 'steeringChair', { reason: 'Dopracovat po projednání.' })).data).toEqual({ transitionProposal: { state: 'WORKING_GROUP', version: 4 } });
  });

  test('adoption closes the hearing for good, also for a plan in flight on a definition from before the rule', async () => {
    const { planId, proposalId } = await planAt(PLAN_TO_ASSEMBLY, [2037, 2039]);
    const hearingId = await openHearing(planId);
    // A proposal started on version 1 of the definition, before any hearing guard existed.
    await app.em().nativeUpdate(Proposal, { id: proposalId }, { workflowVersion: 1 });
    await movePlanProposal(app, world, proposalId, ASSEMBLY_APPROVES);
    await expectRefused(app, COMMENT, { input: { hearingId, text: 'Po schválení.' } }, {}, 'TRANSITION_NOT_ALLOWED');
    await expectRefused(app, OPEN_HEARING, { input: { planId, closesAt: new Date(Date.now() + 86_400_000).toISOString() } }, as('coordinator'), 'CONFLICT');
  });
});

test('a required reason or resolution number made only of invisible characters is no reason', async () => {
  const draft = await api.gql<{ createProposal: { id: string } }>(CREATE_PROPOSAL, { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Neviditelný důvod', summary: 'Shrnutí' } }, as('author'));
  const id = draft.data!.createProposal.id;
  expect((await fire(id, 'SUBMIT', 'author')).errors).toBeUndefined();
  for (const invisible of ['\u200b', '\u2060\ufeff', ' \u200b\u00a0', '\u2028']) {
    const res = await fire(id, 'RETURN', 'groupChair', { reason: invisible });
    // Refused at the door (text that says nothing), and by the guard should it get past it.
    expect({ invisible, codes: codes(res) }).toEqual({ invisible, codes: [expect.stringMatching(/^(BAD_USER_INPUT|TRANSITION_NOT_ALLOWED)$/)] });
  }
  const facts = buildTransitionFacts({
    proposal: { kind: 'MEASURE', title: '\u200b', summary: ' \ufeff', authorId: 'a', concernedOrganisationId: null },
    actorPersonId: 'a',
    actorAreaRoles: [],
    chain: [],
    actorRepresentsConcerned: false,
    actorChairOf: [],
    votingSides: [],
    reason: '\u2060\u200b',
    resolutionNumber: '\u00a0\u2028',
  });
  expect([facts.hasTitle, facts.hasSummary, facts.reason, facts.resolutionNumber]).toEqual([false, false, null, null]);
  await movePlanLikeToCouncil(id);
  const res = await fire(id, 'APPROVE', 'clerk', { resolutionNumber: '\u200b\u2060' });
  expect(codes(res)).toEqual([expect.stringMatching(/^(BAD_USER_INPUT|TRANSITION_NOT_ALLOWED)$/)]);
  const title = await app.gql(CREATE_PROPOSAL, { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: '\u200b\ufeff', summary: 'Shrnutí' } }, as('author'));
  expect(codes(title)).toEqual(['BAD_USER_INPUT']);
});

async function movePlanLikeToCouncil(id: string) {
  for (const [who, event] of [['groupChair', 'RECOMMEND'], ['steeringChair', 'RECOMMEND'], ['commissionChair', 'RECOMMEND']] as const) {
    expect((await fire(id, event, who)).errors).toBeUndefined();
  }
}

test('the per-viewer mutation limit counts mutations, not requests: aliases do not share one count', async () => {
  const lw = await aPipelineWorld(limited.em());
  const aliased = `mutation { ${[1, 2, 3, 4, 5].map((i) => `m${i}: markNotificationRead(input: { notificationId: "00000000-0000-4000-8000-00000000000${i}" }) { id }`).join(' ')} }`;
  const res = await limited.gql(aliased, {}, { as: lw.actors.author.subject });
  expect(codes(res)).toEqual(['RATE_LIMITED']);
});

test('an erased person is given no new area role and no new seat', async () => {
  const erased = await aPerson(app.em(), world.area, { name: 'Bude smazán' });
  await aSeat(app.em(), world.group, erased, { role: MembershipRole.MEMBER, triadSide: TriadSide.PUBLIC, validTo: '2025-12-31' });
  const erase = await api.gql('mutation($input: ErasePersonInput!) { erasePerson(input: $input) { id } }', { input: { personId: erased.id } }, { as: globalAdmin });
  expect(erase.errors).toBeUndefined();
  await expectRefused(app, 'mutation($input: GrantAreaRoleInput!) { grantAreaRole(input: $input) { id } }', { input: { areaId: world.area.id, personId: erased.id, role: 'SUPPORT' } }, as('coordinator'), 'CONFLICT');
  await expectRefused(
    app,
    'mutation($input: AddMembershipInput!) { addMembership(input: $input) { id } }',
    { input: { bodyId: world.steering.id, personId: erased.id, role: 'MEMBER', triadSide: 'PUBLIC' } },
    as('coordinator'),
    'CONFLICT',
  );
});
