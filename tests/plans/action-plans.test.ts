import { Proposal } from '../../src/entities/proposal.entity';
import { dbFingerprint } from '../support/db-fingerprint';
import { aPipelineWorld } from '../support/pipeline-world';
import { codes, startTestApp, type TestApp } from '../support/test-app';
import { addPlanPart, type PlanPartMutation } from '../support/plan-world';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

test('an action plan for a year of the plan holds project intents linked to measures; one goes through the pipeline', async () => {
  const world = await aPipelineWorld(app.em());
  const as = { as: world.actors.coordinator.subject };
  const plan = await app.gql<{ createPlan: { id: string } }>(`mutation($input: CreatePlanInput!) { createPlan(input: $input) { id } }`, { input: { areaId: world.area.id, title: 'Plán', yearFrom: 2027, yearTo: 2029 } }, as);
  const planId = plan.data!.createPlan.id;
  const part = (m: PlanPartMutation, parentId: string) => addPlanPart(app, m, { parentId, title: m }, as);
  const measureId = await part('addMeasure', await part('addGoal', await part('addPriority', planId)));

  const CREATE = `mutation($input: CreateActionPlanInput!) { createActionPlan(input: $input) { id year } }`;
  const before = await dbFingerprint(app.em());
  expect(codes(await app.gql(CREATE, { input: { planId, year: 2031 } }, as))).toEqual(['BAD_USER_INPUT']);
  expect(codes(await app.gql(CREATE, { input: { planId, year: 2028 } }, { as: world.actors.author.subject }))).toEqual(['FORBIDDEN']);
  expect(await dbFingerprint(app.em())).toEqual(before);
  const actionPlan = await app.gql<{ createActionPlan: { id: string } }>(CREATE, { input: { planId, year: 2028 } }, { as: world.actors.support.subject });
  expect(codes(await app.gql(CREATE, { input: { planId, year: 2028 } }, as))).toEqual(['CONFLICT']);

  const ADD = `mutation($input: AddProjectIntentInput!) { addProjectIntent(input: $input) { title budgetCzk status proposalId } }`;
  const intent = {
    actionPlanId: actionPlan.data!.createActionPlan.id,
    measureId,
    title: 'Sociálně aktivizační služba pro rodiny',
    responsibleOrganisation: 'Rodinné centrum Sluníčko, z.s.',
    budgetCzk: 1250000.5,
    fundingSources: 'rozpočet města, OPZ+',
    startsOn: '2028-01-01',
    endsOn: '2028-12-31',
    workingGroupBodyId: world.group.id,
  };
  const added = await app.gql<{ addProjectIntent: { title: string; budgetCzk: number; status: string; proposalId: string } }>(ADD, { input: intent }, as);
  expect(added.data!.addProjectIntent).toMatchObject({ budgetCzk: 1250000.5, status: 'PLANNED' });
  const proposal = await app.em().findOneOrFail(Proposal, { id: added.data!.addProjectIntent.proposalId });
  expect({ kind: proposal.kind, state: proposal.state, title: proposal.title }).toEqual({ kind: 'PROJECT_INTENT', state: 'DRAFT', title: intent.title });
  expect(codes(await app.gql(ADD, { input: { ...intent, workingGroupBodyId: null, endsOn: '2027-01-01' } }, as))).toEqual(['BAD_USER_INPUT']);

  const read = await app.gql(`query($id: ID!) { plan(id: $id) { actionPlans { year projectIntents { title responsibleOrganisation } } } }`, { id: planId }, as);
  expect(read.data).toEqual({ plan: { actionPlans: [{ year: 2028, projectIntents: [{ title: intent.title, responsibleOrganisation: intent.responsibleOrganisation }] }] } });
});
