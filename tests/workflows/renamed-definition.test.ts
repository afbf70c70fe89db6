import { Hearing } from '../../src/entities/hearing.entity';
import { Proposal } from '../../src/entities/proposal.entity';
import type { WorkflowDefinition } from '../../src/workflows/workflow-definition';
import { WorkflowVersion } from '../../src/entities/workflow-version.entity';
import { WORKFLOW_DEFINITIONS } from '../../src/workflows/workflow-registry';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A definition owns its vocabulary. The standard pipeline with the hearing rule (standard@3) is
 * renamed — every stage and every event gets another name — and run as an area's workflow through
 * the API: the commission's recommendation, the council's and the assembly's resolutions, the
 * phases, the submission time and the hearing rule must come out exactly as on the original,
 * because they follow what the definition declares, never what its stages or events are called.
 */

const STAGES: Record<string, string> = {
  DRAFT: 'ROZPRACOVANO',
  WORKING_GROUP: 'U_SKUPINY',
  STEERING_GROUP: 'U_RIDICICH',
  SOCIAL_COMMISSION: 'U_KOMISE',
  COUNCIL: 'U_RADY',
  ASSEMBLY: 'U_ZASTUPITELU',
  APPROVED: 'PRIJATO',
  REJECTED: 'ODMITNUTO',
  WITHDRAWN: 'ODVOLANO',
};
const EVENTS: Record<string, string> = {
  SUBMIT: 'PREDAT',
  WITHDRAW: 'ODVOLAT',
  RETURN: 'VRATIT',
  RECOMMEND: 'PODPORIT',
  NOT_RECOMMEND: 'NEPODPORIT',
  REJECT: 'ODMITNOUT',
  APPROVE: 'PRIJMOUT',
  REFER_TO_ASSEMBLY: 'POSTOUPIT',
};

const original = WORKFLOW_DEFINITIONS.find((d) => d.key === 'standard' && d.hearingRule === 'EVERY_PASS')!;
const renamed: WorkflowDefinition = {
  ...original,
  key: 'prejmenovany',
  version: 1,
  initial: STAGES[original.initial],
  stages: original.stages.map((s) => ({ ...s, key: STAGES[s.key] })),
  transitions: original.transitions.map((t) => ({ ...t, from: t.from.map((f) => STAGES[f]), to: STAGES[t.to], event: EVENTS[t.event] })),
};

let app: TestApp;
let world: PipelineWorld;
beforeAll(async () => {
  app = await startTestApp();
  // Published as a template, as a global admin's draft would be.
  const em = app.em();
  em.create(WorkflowVersion, { key: renamed.key, version: renamed.version, areaId: null, definition: renamed });
  await em.flush();
  world = await aPipelineWorld(app.em(), renamed.key);
});
afterAll(async () => {
  await app.close();
});

const as = (key: keyof PipelineWorld['actors']) => ({ as: world.actors[key]!.subject });
const RECORD = `state phase version submittedAt decidedAt commissionRecommendation councilResolution assemblyResolution`;

async function fire(id: string, who: keyof PipelineWorld['actors'], event: string, extra: Record<string, unknown> = {}) {
  const { version } = await app.em().findOneOrFail(Proposal, { id });
  return app.gql<{ transitionProposal: Record<string, unknown> }>(
    `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { ${RECORD} } }`,
    { input: { proposalId: id, event, expectedVersion: version, ...extra } },
    as(who),
  );
}
async function moved(id: string, who: keyof PipelineWorld['actors'], event: string, extra: Record<string, unknown> = {}) {
  const res = await fire(id, who, event, extra);
  expect({ event, errors: res.errors }).toEqual({ event, errors: undefined });
  return res.data!.transitionProposal;
}
const refusalCodes = (res: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) =>
  ((res.errors?.[0]?.extensions?.refusals ?? []) as Array<{ code: string }>).map((r) => r.code);

test('the renamed definition is served as it is named, with what each transition records', async () => {
  const res = await app.gql<{ workflowDefinitions: Array<{ key: string; stages: Array<{ key: string; phase: string }>; transitions: Array<{ event: string; from: string[]; effects: string[]; returns: boolean }> }> }>(
    `{ workflowDefinitions { key stages { key phase } transitions { event from effects returns } } }`,
  );
  const def = res.data!.workflowDefinitions.find((d) => d.key === 'prejmenovany')!;
  expect(def.stages.map((s) => [s.key, s.phase])).toEqual([
    ['ROZPRACOVANO', 'DRAFT'],
    ['U_SKUPINY', 'IN_REVIEW'],
    ['U_RIDICICH', 'IN_REVIEW'],
    ['U_KOMISE', 'IN_REVIEW'],
    ['U_RADY', 'IN_REVIEW'],
    ['U_ZASTUPITELU', 'IN_REVIEW'],
    ['PRIJATO', 'APPROVED'],
    ['ODMITNUTO', 'REJECTED'],
    ['ODVOLANO', 'WITHDRAWN'],
  ]);
  expect(def.transitions.filter((t) => t.from.includes('U_KOMISE')).map((t) => [t.event, t.effects, t.returns])).toEqual([
    ['PODPORIT', ['COMMISSION_RECOMMENDS'], false],
    ['NEPODPORIT', ['COMMISSION_DOES_NOT_RECOMMEND'], false],
    ['VRATIT', [], true],
  ]);
});

test("a measure: submitted, the commission's 'not recommended' and the council's resolution recorded, approved", async () => {
  const created = await app.gql<{ createProposal: { id: string; state: string; phase: string } }>(
    `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id state phase } }`,
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Denní stacionář', summary: 'Nová služba pro seniory.' } },
    as('author'),
  );
  const { id, state, phase } = created.data!.createProposal;
  expect([state, phase]).toEqual(['ROZPRACOVANO', 'DRAFT']);

  const submitted = await moved(id, 'author', 'PREDAT');
  expect(submitted).toMatchObject({ state: 'U_SKUPINY', phase: 'IN_REVIEW', decidedAt: null, commissionRecommendation: null });
  expect(submitted.submittedAt).toEqual(expect.any(String));
  await moved(id, 'groupChair', 'PODPORIT');
  await moved(id, 'steeringChair', 'PODPORIT');

  const available = await app.gql<{ proposal: { availableTransitions: Array<{ event: string; allowed: boolean; requiredInputs: string[] }> } }>(
    `query($id: ID!) { proposal(id: $id) { availableTransitions { event allowed requiredInputs } } }`,
    { id },
    as('commissionChair'),
  );
  expect(available.data!.proposal.availableTransitions).toEqual([
    { event: 'PODPORIT', allowed: true, requiredInputs: [] },
    { event: 'NEPODPORIT', allowed: true, requiredInputs: ['REASON'] },
    { event: 'VRATIT', allowed: true, requiredInputs: ['REASON'] },
  ]);
  expect(refusalCodes(await fire(id, 'commissionChair', 'NEPODPORIT'))).toEqual(['REASON_REQUIRED']);
  expect(await moved(id, 'commissionChair', 'NEPODPORIT', { reason: 'Chybí finanční rozvaha.' })).toMatchObject({
    state: 'U_RADY',
    commissionRecommendation: 'NOT_RECOMMENDED',
    councilResolution: null,
  });
  expect(refusalCodes(await fire(id, 'clerk', 'PRIJMOUT'))).toEqual(['RESOLUTION_NUMBER_REQUIRED']);
  const approved = await moved(id, 'clerk', 'PRIJMOUT', { resolutionNumber: 'RM/41/2026' });
  expect(approved).toMatchObject({ state: 'PRIJATO', phase: 'APPROVED', commissionRecommendation: 'NOT_RECOMMENDED', councilResolution: 'RM/41/2026', assemblyResolution: null });
  expect(approved.decidedAt).toEqual(expect.any(String));
  // Decided: nothing leaves the stage, whatever it is called.
  expect(refusalCodes(await fire(id, 'coordinator', 'ODVOLAT', { reason: 'Pozdě.' }))).toEqual(['EVENT_NOT_AVAILABLE']);
});

test('a plan: the hearing rule binds its renamed passing events, not its return; the assembly adopts it with its resolution', async () => {
  const plan = await app.gql<{ createPlan: { id: string; proposalId: string } }>(
    `mutation($input: CreatePlanInput!) { createPlan(input: $input) { id proposalId } }`,
    { input: { areaId: world.area.id, title: 'Střednědobý plán 2028–2030', yearFrom: 2028, yearTo: 2030, workingGroupBodyId: world.group.id } },
    as('coordinator'),
  );
  const { id: planId, proposalId: id } = plan.data!.createPlan;
  await moved(id, 'coordinator', 'PREDAT');
  await moved(id, 'groupChair', 'PODPORIT');

  const hearing = await app.gql<{ openPublicHearing: { id: string } }>(
    `mutation($input: OpenPublicHearingInput!) { openPublicHearing(input: $input) { id } }`,
    { input: { planId, closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString() } },
    as('coordinator'),
  );
  const hearingId = hearing.data!.openPublicHearing.id;
  const comment = await app.gql<{ submitHearingComment: { id: string } }>(
    `mutation($input: SubmitHearingCommentInput!) { submitHearingComment(input: $input) { id } }`,
    { input: { hearingId, text: 'Chybí noclehárna.' } },
  );
  expect(refusalCodes(await fire(id, 'steeringChair', 'PODPORIT'))).toEqual(['HEARING_OPEN', 'HEARING_UNANSWERED']);
  // A return is no passing: it goes.
  expect(await moved(id, 'steeringChair', 'VRATIT', { reason: 'Dopracovat po projednání.' })).toMatchObject({ state: 'U_SKUPINY' });
  expect(refusalCodes(await fire(id, 'groupChair', 'PODPORIT'))).toEqual(['HEARING_OPEN', 'HEARING_UNANSWERED']);

  await app.gql(
    `mutation($input: AnswerHearingCommentInput!) { answerHearingComment(input: $input) { id } }`,
    { input: { hearingCommentId: comment.data!.submitHearingComment.id, decision: 'ACCEPTED', justification: 'Doplněno do plánu.' } },
    as('coordinator'),
  );
  await app.em().nativeUpdate(Hearing, { id: hearingId }, { opensAt: new Date(Date.now() - 2 * 86_400_000), closesAt: new Date(Date.now() - 1000) });
  await moved(id, 'groupChair', 'PODPORIT');
  await moved(id, 'steeringChair', 'PODPORIT');
  expect(await moved(id, 'commissionChair', 'PODPORIT')).toMatchObject({ state: 'U_RADY', commissionRecommendation: 'RECOMMENDED' });
  expect(refusalCodes(await fire(id, 'clerk', 'PRIJMOUT', { resolutionNumber: 'RM/50/2026' }))).toEqual(['DECIDED_ELSEWHERE']);
  expect(await moved(id, 'clerk', 'POSTOUPIT', { resolutionNumber: 'RM/51/2026' })).toMatchObject({ state: 'U_ZASTUPITELU', councilResolution: 'RM/51/2026', phase: 'IN_REVIEW' });
  expect(await moved(id, 'clerk', 'PRIJMOUT', { resolutionNumber: 'ZM/7/2026' })).toMatchObject({
    state: 'PRIJATO',
    phase: 'APPROVED',
    councilResolution: 'RM/51/2026',
    assemblyResolution: 'ZM/7/2026',
  });

  // Adopted: the plan is in force, its hearing closed for good.
  const adopted = await app.gql<{ plan: { status: string } }>(`query($id: ID!) { plan(id: $id) { status } }`, { id: planId }, as('coordinator'));
  expect(adopted.data!.plan.status).toBe('ADOPTED');
  const late = await app.gql(`mutation($input: SubmitHearingCommentInput!) { submitHearingComment(input: $input) { id } }`, { input: { hearingId, text: 'Po schválení.' } });
  expect(late.errors?.[0]?.extensions?.code).toBe('TRANSITION_NOT_ALLOWED');
});
