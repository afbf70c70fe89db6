import { pragueDay } from '../../src/common/dates';
import { MembershipRole, TriadSide } from '../../src/entities/enums';
import { Plan } from '../../src/entities/plan.entity';
import { Proposal } from '../../src/entities/proposal.entity';
import { aMunicipality, anOrganisation, aPerson, aSeat } from '../support/factories';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { planWithStructure } from '../support/plan-world';
import { codes, startTestApp, type TestApp } from '../support/test-app';

/**
 * A plan brought from one area into another (issue 18, item 1): the JSON that exportPlan writes is
 * imported through POST /imports/plan — a dry run that lists every problem by its path and writes
 * nothing, then an all-or-nothing apply — and the imported plan exports as the same document, ids
 * aside. The two areas hold people, an organisation and a municipality of the same names, as an
 * area onboarded from the same spreadsheets would.
 */

let app: TestApp;
let source: PipelineWorld;
let target: PipelineWorld;
let sourcePlanId: string;
let exported: string;

const THIS_YEAR = Number(pragueDay(new Date()).slice(0, 4));
const LAST_YEAR = THIS_YEAR - 1;

interface Problem {
  path: string;
  code: string;
  value: string | null;
  message: { cs: string; en: string };
}
interface Report {
  areaId: string;
  dryRun: boolean;
  applied: boolean;
  planId: string | null;
  problems: Problem[];
  summary: Record<string, number>;
}

async function upload(areaId: string, file: string | Buffer, opts: { dryRun?: boolean; as?: string; workingGroupBodyId?: string } = {}) {
  const base = app.url.replace(/\/graphql$/, '');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.as) headers.authorization = `Bearer ${await app.token(opts.as)}`;
  const group = opts.workingGroupBodyId ? `&workingGroupBodyId=${opts.workingGroupBodyId}` : '';
  const res = await fetch(`${base}/imports/plan?areaId=${areaId}&dryRun=${opts.dryRun === false ? 'false' : 'true'}${group}`, { method: 'POST', headers, body: file });
  return { status: res.status, body: (await res.json()) as { data?: Report; errors?: Array<{ extensions: { code: string } }> } };
}

async function exportOf(planId: string, as: string, format: 'JSON' | 'MARKDOWN') {
  const res = await app.gql<{ exportPlan: { content: string; fileName: string; mediaType: string } }>(
    `query($id: ID!, $format: PlanExportFormat!) { exportPlan(planId: $id, format: $format) { content fileName mediaType } }`,
    { id: planId, format },
    { as },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.exportPlan;
}

/** The document without the ids of the exporting area (a measure's id and the intents' references to it). */
function withoutIds(json: string): unknown {
  return JSON.parse(json, (key, value: unknown) => (key === 'id' || key === 'measureId' ? undefined : value));
}

async function ok<T>(query: string, input: Record<string, unknown>, as: string): Promise<T> {
  const res = await app.gql<T>(query, { input }, { as });
  expect(res.errors).toBeUndefined();
  return res.data!;
}

beforeAll(async () => {
  app = await startTestApp();
  source = await aPipelineWorld(app.em());
  target = await aPipelineWorld(app.em());
  const places = [];
  for (const world of [source, target]) {
    places.push({ jirkov: await aMunicipality(app.em(), world.area, 'Jirkov', 19_000), svetlo: await anOrganisation(app.em(), world.area, { name: 'Světlo, z.s.' }) });
  }
  const [here] = places;
  const coordinator = source.actors.coordinator.subject;

  // A plan with every part the document carries.
  const plan = await planWithStructure(app, source, { yearFrom: LAST_YEAR, yearTo: THIS_YEAR + 2 });
  sourcePlanId = plan.planId;
  await ok(`mutation($input: AssignGoalGuarantorInput!) { assignGoalGuarantor(input: $input) { id } }`, { goalId: plan.goal, municipalityId: here.jirkov.id, personId: source.actors.author.person.id }, coordinator);
  await ok(`mutation($input: AssignIndicatorGuarantorInput!) { assignIndicatorGuarantor(input: $input) { id } }`, { indicatorId: plan.indicatorId, organisationId: here.svetlo.id }, coordinator);
  await ok(`mutation($input: UpdateGoalStatusInput!) { updateGoalStatus(input: $input) { id } }`, { goalId: plan.goal, status: 'IN_PROGRESS', comment: 'Dvě obce přibyly.' }, coordinator);
  for (const [measuredOn, value] of [[`${LAST_YEAR}-06-30`, 7], [`${LAST_YEAR}-12-31`, 9]] as const) {
    await ok(`mutation($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { __typename } }`, { indicatorId: plan.indicatorId, value, measuredOn, note: `Stav k ${measuredOn}` }, coordinator);
  }
  const goal = await ok<{ addMeasure: { measures: Array<{ id: string; title: string }> } }>(
    `mutation($input: AddPlanPartInput!) { addMeasure(input: $input) { measures { id title } } }`,
    { parentId: plan.goal, title: 'Sdílený svoz k lékaři', description: 'Pro obce do 500 obyvatel.\nDvakrát týdně.' },
    coordinator,
  );
  const second = goal.addMeasure.measures.find((m) => m.title === 'Sdílený svoz k lékaři')!;
  await ok(`mutation($input: AddSwotItemInput!) { addSwotItem(input: $input) { id } }`, { planId: plan.planId, kind: 'STRENGTH', text: 'Fungující síť terénních služeb' }, coordinator);
  await ok(`mutation($input: AddSwotItemInput!) { addSwotItem(input: $input) { id } }`, { planId: plan.planId, kind: 'THREAT', text: 'Nejisté financování z kraje' }, coordinator);
  await ok(`mutation($input: AddSolutionVariantInput!) { addSolutionVariant(input: $input) { id } }`, { planId: plan.planId, title: 'Varianta č. 1', description: 'Beze změny.', chosen: false }, coordinator);
  await ok(`mutation($input: AddSolutionVariantInput!) { addSolutionVariant(input: $input) { id } }`, { planId: plan.planId, title: 'Varianta č. 4', chosen: true }, coordinator);
  await ok(`mutation($input: AddRiskInput!) { addRisk(input: $input) { id } }`, { planId: plan.planId, riskArea: 'FINANCIAL', description: 'Výpadek dotace', probability: 3, impact: 4, mitigation: 'Vícezdrojové financování', owner: 'Odbor sociálních věcí', reviewDate: `${THIS_YEAR}-09-30` }, coordinator);
  await ok(`mutation($input: AddStakeholderInput!) { addStakeholder(input: $input) { id } }`, { planId: plan.planId, name: 'Senioři v malých obcích', description: 'Uživatelé terénních služeb', influence: 'LOW', interest: 'HIGH' }, coordinator);
  const actionPlan = await ok<{ createActionPlan: { id: string } }>(`mutation($input: CreateActionPlanInput!) { createActionPlan(input: $input) { id } }`, { planId: plan.planId, year: THIS_YEAR }, coordinator);
  const intents = [
    { measureId: plan.measure, title: 'Terénní program v Jirkově', status: 'IN_PROGRESS' },
    { measureId: second.id, title: 'Svoz seniorů', status: null },
  ];
  for (const [n, i] of intents.entries()) {
    const intent = await ok<{ addProjectIntent: { id: string } }>(
      `mutation($input: AddProjectIntentInput!) { addProjectIntent(input: $input) { id } }`,
      { actionPlanId: actionPlan.createActionPlan.id, measureId: i.measureId, title: i.title, responsibleOrganisation: 'Světlo, z.s.', budgetCzk: 480_000 + n, fundingSources: 'MPSV', startsOn: `${THIS_YEAR}-01-01`, endsOn: `${THIS_YEAR}-12-31` },
      coordinator,
    );
    if (i.status) {
      await ok(`mutation($input: ReportProjectIntentInput!) { reportProjectIntent(input: $input) { id } }`, { projectIntentId: intent.addProjectIntent.id, status: i.status, note: 'Běží od února.' }, coordinator);
    }
  }
  exported = (await exportOf(sourcePlanId, coordinator, 'JSON')).content;
});

afterAll(async () => {
  await app.close();
});

test("exportPlan writes a file: JSON marked as a plan document with every part, Markdown named after the plan", async () => {
  const json = await exportOf(sourcePlanId, source.actors.coordinator.subject, 'JSON');
  expect(json.mediaType).toBe('application/json');
  expect(json.fileName).toMatch(/^strednedoby-plan-\d{4}-\d{4}\.json$/);
  const doc = JSON.parse(json.content) as Record<string, unknown> & { priorities: Array<{ goals: Array<{ status: string; statusComment: string; measures: Array<{ indicators: Array<{ values: unknown[] }> }> }> }> };
  expect(doc).toMatchObject({ format: 'triada-plan', formatVersion: 1, status: 'DRAFT' });
  expect(doc.priorities[0].goals[0]).toMatchObject({ status: 'IN_PROGRESS', statusComment: 'Dvě obce přibyly.' });
  expect(doc.priorities[0].goals[0].measures[0].indicators[0].values).toEqual([
    { date: `${LAST_YEAR}-06-30`, value: 7, note: `Stav k ${LAST_YEAR}-06-30` },
    { date: `${LAST_YEAR}-12-31`, value: 9, note: `Stav k ${LAST_YEAR}-12-31` },
  ]);
  expect(doc.swot).toHaveLength(2);
  expect(doc.solutionVariants).toEqual([
    { title: 'Varianta č. 1', description: 'Beze změny.', chosen: false },
    { title: 'Varianta č. 4', description: null, chosen: true },
  ]);
  const markdown = await exportOf(sourcePlanId, source.actors.coordinator.subject, 'MARKDOWN');
  expect(markdown).toMatchObject({ mediaType: 'text/markdown; charset=utf-8', fileName: json.fileName.replace(/\.json$/, '.md') });
});

test('the round trip: a dry run lists what would be made and writes nothing; the apply makes a plan that exports as the same document, ids aside', async () => {
  const coordinator = target.actors.coordinator.subject;
  const dry = await upload(target.area.id, exported, { as: coordinator });
  expect(dry.status).toBe(200);
  expect(dry.body.data).toMatchObject({ dryRun: true, applied: false, planId: null, problems: [] });
  expect(dry.body.data!.summary).toEqual({
    priorities: 1,
    goals: 1,
    measures: 2,
    indicators: 1,
    values: 2,
    guarantors: 3,
    swotItems: 2,
    solutionVariants: 2,
    actionPlans: 1,
    projectIntents: 2,
    risks: 1,
    stakeholders: 1,
  });
  expect(await app.em().count(Plan, { areaId: target.area.id })).toBe(0);

  const applied = await upload(target.area.id, exported, { as: coordinator, dryRun: false });
  expect(applied.status).toBe(200);
  expect(applied.body.data).toMatchObject({ dryRun: false, applied: true, problems: [] });
  const planId = applied.body.data!.planId!;
  expect(await app.em().count(Plan, { areaId: target.area.id })).toBe(1);

  const again = await exportOf(planId, coordinator, 'JSON');
  expect(withoutIds(again.content)).toEqual(withoutIds(exported));
  // The readable document too: nothing in it depends on the area.
  expect((await exportOf(planId, coordinator, 'MARKDOWN')).content).toBe((await exportOf(sourcePlanId, source.actors.coordinator.subject, 'MARKDOWN')).content);

  // The new plan is the target area's own: its guarantors are its people, and its readers are its roles.
  const view = await app.gql<{ plan: { priorities: Array<{ goals: Array<{ guarantors: Array<{ person: { id: string } | null; municipality: { id: string } | null }> }> }> } }>(
    `query($id: ID!) { plan(id: $id) { priorities { goals { guarantors { person { id } municipality { id } } } } } }`,
    { id: planId },
    { as: coordinator },
  );
  expect(view.errors).toBeUndefined();
  expect(await app.em().findOneOrFail(Plan, { id: planId })).toMatchObject({ areaId: target.area.id, proposalId: null });
  expect(view.data!.plan.priorities[0].goals[0].guarantors[0].person!.id).toBe(target.actors.author.person.id);
  const foreign = await app.gql(`query($id: ID!) { plan(id: $id) { id } }`, { id: planId }, { as: source.actors.coordinator.subject });
  expect(foreign.errors?.[0].extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);

  // With a working group, the import starts the plan's approval there, as createPlan does.
  const started = await upload(target.area.id, exported, { as: coordinator, dryRun: false, workingGroupBodyId: target.group.id });
  expect(started.status).toBe(200);
  const withProposal = await app.em().findOneOrFail(Plan, { id: started.body.data!.planId! });
  expect(withProposal.proposalId).not.toBeNull();
});

test('a broken document: every problem by its path and code, and nothing written even where the rest was fine', async () => {
  const coordinator = target.actors.coordinator.subject;
  const before = await app.em().count(Plan, { areaId: target.area.id });
  const doc = JSON.parse(exported) as {
    period: { from: number; to: number };
    priorities: Array<{ goals: Array<{ guarantors: Array<Record<string, unknown>>; measures: Array<{ indicators: Array<{ baseline: { date: string }; values: Array<{ date: string }> }> }> }> }>;
    risks: Array<{ probability: number }>;
    actionPlans: Array<{ intents: Array<Record<string, unknown>> }>;
    stakeholders: Array<Record<string, unknown>>;
  };
  const goal = doc.priorities[0].goals[0];
  goal.guarantors[0].person = 'Nikdo Neznámý';
  goal.measures[0].indicators[0].baseline.date = `${LAST_YEAR}-02-30`;
  goal.measures[0].indicators[0].values[1].date = `${THIS_YEAR + 1}-01-01`;
  doc.risks[0].probability = 9;
  doc.actionPlans[0].intents[1] = { ...doc.actionPlans[0].intents[1], measureId: 'jinde', measure: 'Opatření, které v plánu není' };
  doc.stakeholders[0].influence = 'MEDIUM';
  doc.period.to = doc.period.from - 1;

  const res = await upload(target.area.id, JSON.stringify(doc), { as: coordinator, dryRun: false });
  expect(res.status).toBe(422);
  expect(res.body.data).toMatchObject({ dryRun: false, applied: false, planId: null });
  const found = res.body.data!.problems.map((p) => [p.path, p.code]);
  expect(found).toEqual(
    expect.arrayContaining([
      ['$.priorities[0].goals[0].measures[0].indicators[0].baseline.date', 'NOT_A_DAY'],
      ['$.risks[0].probability', 'OUT_OF_RANGE'],
      ['$.stakeholders[0].influence', 'UNKNOWN_CODE'],
      ['$', 'BAD_USER_INPUT'],
    ]),
  );
  for (const p of res.body.data!.problems) expect(p.message.cs.length && p.message.en.length).toBeTruthy();
  expect(await app.em().count(Plan, { areaId: target.area.id })).toBe(before);

  // With the period mended, the parts found or refused on the way are named too: a guarantor the area lacks, a value of a day to come, an intent's measure not in the document.
  doc.period.to = doc.period.from + 3;
  doc.priorities[0].goals[0].measures[0].indicators[0].baseline.date = `${LAST_YEAR}-01-01`;
  const second = await upload(target.area.id, JSON.stringify(doc), { as: coordinator, dryRun: true });
  expect(second.body.data!.problems.map((p) => [p.path, p.code])).toEqual(
    expect.arrayContaining([
      ['$.priorities[0].goals[0].guarantors[0].person', 'UNKNOWN_NAME'],
      ['$.priorities[0].goals[0].measures[0].indicators[0].values[1]', 'BAD_USER_INPUT'],
      ['$.actionPlans[0].intents[1].measure', 'UNKNOWN_MEASURE'],
    ]),
  );
  expect(await app.em().count(Plan, { areaId: target.area.id })).toBe(before);

  // More parts than one import takes (a file made to hold the area's plans for minutes): refused before anything is tried.
  const huge = { ...JSON.parse(exported), swot: Array.from({ length: 1000 }, (_, i) => ({ kind: 'STRENGTH', text: `Silná stránka ${i}` })) } as { priorities: unknown[] };
  huge.priorities = Array.from({ length: 1000 }, (_, i) => ({ title: `Priorita ${i}`, goals: Array.from({ length: 5 }, (__, j) => ({ title: `Cíl ${j}` })) }));
  const tooMany = await upload(target.area.id, JSON.stringify(huge), { as: coordinator, dryRun: false });
  expect(tooMany.status).toBe(422);
  expect(tooMany.body.data!.problems).toEqual([expect.objectContaining({ path: '$', code: 'TOO_MANY_PARTS' })]);
  expect(await app.em().count(Plan, { areaId: target.area.id })).toBe(before);

  // A value nested thousands deep is named, not echoed (echoing it overflowed the stack: a 500).
  const deep = `${'['.repeat(20_000)}"x"${']'.repeat(20_000)}`;
  const nested = await upload(target.area.id, `{"format":"triada-plan","formatVersion":1,"period":{"from":2027,"to":2029},"title":${deep}}`, { as: coordinator });
  expect(nested.status).toBe(200);
  expect(nested.body.data!.problems).toEqual([expect.objectContaining({ path: '$.title', code: 'NOT_TEXT', value: '[…]' })]);

  // Two measures of one id, and an intent whose measure id and title name different measures.
  const twice = JSON.parse(exported) as { priorities: Array<{ goals: Array<{ measures: Array<{ id: string; title: string }> }> }>; actionPlans: Array<{ intents: Array<{ measureId: string; measure: string }> }> };
  const [firstMeasure, secondMeasure] = twice.priorities[0].goals[0].measures;
  const intent = twice.actionPlans[0].intents.find((i) => i.measureId === firstMeasure.id)!;
  intent.measure = secondMeasure.title;
  const mismatched = await upload(target.area.id, JSON.stringify(twice), { as: coordinator });
  expect(mismatched.body.data!.problems.map((p) => [p.path, p.code])).toEqual([[`$.actionPlans[0].intents[${twice.actionPlans[0].intents.indexOf(intent)}].measure`, 'UNKNOWN_MEASURE']]);
  secondMeasure.id = firstMeasure.id;
  const duplicate = await upload(target.area.id, JSON.stringify(twice), { as: coordinator });
  expect(duplicate.body.data!.problems).toEqual([expect.objectContaining({ path: '$.priorities[0].goals[0].measures[1].id', code: 'DUPLICATE_ID' })]);
  expect(await app.em().count(Plan, { areaId: target.area.id })).toBe(before);

  // A list that is not one, and one longer than a document's list may be.
  const shapes = await upload(target.area.id, JSON.stringify({ ...JSON.parse(exported), swot: 'silné stránky', risks: Array.from({ length: 1001 }, () => ({})) }), { as: coordinator });
  expect(shapes.body.data!.problems.map((p) => [p.path, p.code])).toEqual([['$.swot', 'NOT_A_LIST'], ['$.risks', 'TOO_MANY']]);

  // Not JSON, or JSON of something else.
  const notJson = await upload(target.area.id, 'jméno;organizace\nJana;Světlo', { as: coordinator });
  expect(notJson.body.data!.problems).toEqual([expect.objectContaining({ path: '$', code: 'NOT_JSON' })]);
  const other = await upload(target.area.id, JSON.stringify({ format: 'something-else', title: 'x' }), { as: coordinator });
  expect(other.body.data!.problems).toEqual([expect.objectContaining({ path: '$.format', code: 'NOT_A_PLAN_DOCUMENT' })]);
});

test('who may import: the area\'s coordinator; a member of the area, another area\'s coordinator and the public are refused', async () => {
  const before = await app.em().count(Plan, { areaId: target.area.id });
  const provider = await upload(target.area.id, exported, { as: target.actors.provider.subject, dryRun: false });
  expect([provider.status, provider.body.errors?.[0].extensions.code]).toEqual([403, 'FORBIDDEN']);
  // Another area's coordinator does not see the area at all.
  const foreign = await upload(target.area.id, exported, { as: source.actors.coordinator.subject, dryRun: false });
  expect([foreign.status, foreign.body.errors?.[0].extensions.code]).toEqual([404, 'NOT_FOUND']);
  const anonymous = await upload(target.area.id, exported, { dryRun: false });
  expect([anonymous.status, anonymous.body.errors?.[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
  const badFlag = await fetch(`${app.url.replace(/\/graphql$/, '')}/imports/plan?areaId=${target.area.id}&dryRun=maybe`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await app.token(target.actors.coordinator.subject)}` },
    body: exported,
  });
  expect(badFlag.status).toBe(400);

  // The coordinator holding a seat in the other area's working group too (one login, a person in each
  // area): the plan's approval starts only in a group of the plan's own area. It was a 500 (a
  // foreign key), and createPlan left a PLAN proposal behind in the other area.
  const twoAreas = await aPerson(app.em(), source.area, { name: 'coordinator', subject: target.actors.coordinator.subject });
  await aSeat(app.em(), source.group, twoAreas, { role: MembershipRole.MEMBER, triadSide: TriadSide.COMMISSIONER });
  const proposalsThere = await app.em().count(Proposal, { areaId: source.area.id });
  const elsewhere = await upload(target.area.id, exported, { as: target.actors.coordinator.subject, dryRun: false, workingGroupBodyId: source.group.id });
  expect([elsewhere.status, elsewhere.body.data?.problems.map((p) => [p.path, p.code])]).toEqual([422, [['$', 'NOT_FOUND']]]);
  const created = await app.gql(
    `mutation($input: CreatePlanInput!) { createPlan(input: $input) { id } }`,
    { input: { areaId: target.area.id, title: 'Plán', yearFrom: 2027, yearTo: 2029, workingGroupBodyId: source.group.id } },
    { as: target.actors.coordinator.subject },
  );
  expect(codes(created)).toEqual(['NOT_FOUND']);
  expect(await app.em().count(Proposal, { areaId: source.area.id })).toBe(proposalsThere);
  expect(await app.em().count(Plan, { areaId: target.area.id })).toBe(before);
});
