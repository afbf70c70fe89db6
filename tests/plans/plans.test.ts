import { IndicatorValue } from '../../src/entities/plan.entity';
import { aMunicipality } from '../support/factories';
import { dbFingerprint } from '../support/db-fingerprint';
import { ACTIVE_MARKDOWN, HOSTILE_TEXT, markdownView } from '../support/markdown-view';
import { aPipelineWorld } from '../support/pipeline-world';
import { addPlanPart, ASSEMBLY_APPROVES, movePlanProposal, PLAN_TO_ASSEMBLY, planWithStructure, type PlanPartMutation } from '../support/plan-world';
import { codes, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

test('a plan is built priority → goal → measure → indicator, with goal guarantors (a municipality and a person)', async () => {
  const world = await aPipelineWorld(app.em());
  const vysluni = await aMunicipality(app.em(), world.area, 'Výsluní', 420);
  const p = await planWithStructure(app, world);
  const guarantor = await app.gql(
    `mutation($input: AssignGoalGuarantorInput!) { assignGoalGuarantor(input: $input) { id guarantors { municipality { name } person { name } } } }`,
    { input: { goalId: p.goal, municipalityId: vysluni.id, personId: world.actors.groupChair.person.id } },
    { as: world.actors.coordinator.subject },
  );
  // The goal comes back, listing its new guarantor.
  expect(guarantor.data).toEqual({ assignGoalGuarantor: { id: p.goal, guarantors: [{ municipality: { name: 'Výsluní' }, person: { name: 'groupChair' } }] } });
  const read = await app.gql(
    `query($id: ID!) { plan(id: $id) { title status priorities { title goals { title guarantors { municipality { name } } measures { title indicators { name unit guarantors { person { name } organisation { name } } } } } } } }`,
    { id: p.planId },
    { as: world.actors.author.subject },
  );
  expect(read.data).toEqual({
    plan: {
      title: 'Střednědobý plán 2027–2029',
      status: 'DRAFT',
      priorities: [
        {
          title: 'Dostupnost služeb',
          goals: [
            {
              title: 'Zvýšení nabídky sociálních služeb',
              guarantors: [{ municipality: { name: 'Výsluní' } }],
              measures: [{ title: 'Terénní služby v malých obcích', indicators: [{ name: 'Počet obcí s terénní službou', unit: 'obcí', guarantors: [{ person: { name: 'provider' }, organisation: null }] }] }],
            },
          ],
        },
      ],
    },
  });
  const member = await app.gql(`mutation($input: AddPlanPartInput!) { addGoal(input: $input) { id } }`, { input: { parentId: p.priority, title: 'X' } }, { as: world.actors.author.subject });
  expect(codes(member)).toEqual(['FORBIDDEN']);
});

test("only the indicator's guarantor or the coordinator records its values; progress follows", async () => {
  const world = await aPipelineWorld(app.em());
  const p = await planWithStructure(app, world);
  const RECORD = `mutation($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { id progress values { value measuredOn recordedBy { name } } } }`;
  const value = { indicatorId: p.indicatorId, value: 8, measuredOn: '2025-12-31', note: 'Výroční zpráva' };
  const before = await dbFingerprint(app.em());
  for (const who of [world.actors.author, world.actors.support, world.actors.groupChair]) {
    expect(codes(await app.gql(RECORD, { input: value }, { as: who.subject }))).toEqual(['FORBIDDEN']);
  }
  expect(await dbFingerprint(app.em())).toEqual(before);
  const ok = await app.gql(RECORD, { input: value }, { as: world.actors.provider.subject });
  // The guarantor gets the indicator back: its values list the new one, its progress counts it (baseline 5, target 15).
  expect(ok.data).toEqual({ recordIndicatorValue: { id: p.indicatorId, progress: 0.3, values: [{ value: 8, measuredOn: '2025-12-31', recordedBy: { name: 'provider' } }] } });
  const second = await app.gql(RECORD, { input: { ...value, value: 11, measuredOn: '2026-06-30' } }, { as: world.actors.coordinator.subject });
  expect(second.data).toMatchObject({ recordIndicatorValue: { progress: 0.6, values: [{ value: 8 }, { value: 11 }] } });
  expect(await app.em().count(IndicatorValue, { indicatorId: p.indicatorId })).toBe(2);
  const progress = await app.gql(
    `query($id: ID!) { plan(id: $id) { priorities { goals { measures { indicators { progress values { value } } } } } } }`,
    { id: p.planId },
    { as: world.actors.coordinator.subject },
  );
  expect(progress.data).toEqual({ plan: { priorities: [{ goals: [{ measures: [{ indicators: [{ progress: 0.6, values: [{ value: 8 }, { value: 11 }] }] }] }] }] } });
});

test('the public sees an adopted plan and not a draft', async () => {
  const world = await aPipelineWorld(app.em());
  const p = await planWithStructure(app, world);
  const QUERY = `query($id: ID!) { plan(id: $id) { status } }`;
  expect(codes(await app.gql(QUERY, { id: p.planId }))).toEqual(['NOT_FOUND']);
  expect((await app.gql<{ plans: unknown[] }>(`query($a: ID!) { plans(areaId: $a) { id } }`, { a: world.area.id })).data!.plans).toEqual([]);

  await movePlanProposal(app, world, p.proposalId, PLAN_TO_ASSEMBLY);
  expect((await app.gql(QUERY, { id: p.planId }, { as: world.actors.coordinator.subject })).data).toEqual({ plan: { status: 'IN_APPROVAL' } });
  await movePlanProposal(app, world, p.proposalId, ASSEMBLY_APPROVES);
  expect((await app.gql(QUERY, { id: p.planId })).data).toEqual({ plan: { status: 'ADOPTED' } });
});

test('the Markdown export shows every text of the plan as typed: no HTML, links, images or formatting, tables intact', async () => {
  const world = await aPipelineWorld(app.em());
  const as = { as: world.actors.coordinator.subject };
  const run = async <T = Record<string, { id: string }>>(query: string, input: Record<string, unknown>): Promise<T> => {
    const res = await app.gql<T>(query, { input }, as);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const text = (what: string) => `${what} ${HOSTILE_TEXT}`;
  const planTitle = text('Plán');
  const description = `${HOSTILE_TEXT}\n- není seznam\n1. není číslovaný\n    není kód\n> není citace\n===\n\nDalší odstavec | s rourou`;
  const planId = (await run(`mutation($input: CreatePlanInput!) { createPlan(input: $input) { id } }`, { areaId: world.area.id, title: planTitle, yearFrom: 2027, yearTo: 2029 })).createPlan.id;
  const part = (mutation: PlanPartMutation, parentId: string, title: string, extra: { description?: string } = {}) => addPlanPart(app, mutation, { parentId, title, ...extra }, as);
  const priority = await part('addPriority', planId, text('Priorita'));
  const goal = await part('addGoal', priority, text('Cíl'));
  const measure = await part('addMeasure', goal, text('Opatření'), { description });
  const indicator = { name: text('Indikátor'), unit: '<i>osob</i> |' };
  await run(`mutation($input: AddIndicatorInput!) { addIndicator(input: $input) { id } }`, {
    measureId: measure, ...indicator, baselineValue: 5, baselineDate: '2026-01-01', targetValue: 15, targetDate: '2029-12-31', direction: 'UP', guarantorPersonIds: [world.actors.provider.person.id],
  });
  const risk = { description: text('Riziko'), mitigation: text('Zmírnění'), owner: '[Obec](javascript:alert(1)) | NNO' };
  await run(`mutation($input: AddRiskInput!) { addRisk(input: $input) { id } }`, { planId, riskArea: 'FINANCIAL', probability: 2, impact: 3, ...risk });
  const stakeholder = text('Strana');
  await run(`mutation($input: AddStakeholderInput!) { addStakeholder(input: $input) { id } }`, { planId, name: stakeholder, influence: 'HIGH', interest: 'HIGH' });
  const actionPlanId = (await run(`mutation($input: CreateActionPlanInput!) { createActionPlan(input: $input) { id } }`, { planId, year: 2027 })).createActionPlan.id;
  const intent = { title: text('Záměr'), responsibleOrganisation: '<b>Světlo</b>, z.s. | ~~x~~', fundingSources: '`OPZ+` *rozpočet*' };
  await run(`mutation($input: AddProjectIntentInput!) { addProjectIntent(input: $input) { id } }`, { actionPlanId, measureId: measure, ...intent, budgetCzk: 480000, startsOn: '2027-01-01', endsOn: '2027-12-31' });

  const exported = await app.gql<{ exportPlan: { content: string } }>(`query($id: ID!) { exportPlan(planId: $id, format: MARKDOWN) { content } }`, { id: planId }, as);
  const view = markdownView(exported.data!.exportPlan.content);
  expect(ACTIVE_MARKDOWN.filter((kind) => view.kinds.has(kind))).toEqual([]);
  expect(view.blocks).toEqual(
    expect.arrayContaining([
      planTitle,
      `1. ${text('Priorita')}`,
      `Cíl 1.1: ${text('Cíl')}`,
      `Opatření 1.1.1: ${text('Opatření')}`,
      `${HOSTILE_TEXT} - není seznam 1. není číslovaný není kód > není citace ===`,
      'Další odstavec | s rourou',
      `Gestor cíle: — · Stav: Nezahájen`,
    ]),
  );
  const row = (first: string) => view.rows.find((r) => r[0] === first);
  expect(row(indicator.name)).toEqual([indicator.name, '5 <i>osob</i> | (2026-01-01)', '15 <i>osob</i> | (2029-12-31)', '—', 'provider']);
  // Values of enumerations print as words, not codes.
  expect(row('Finanční')).toEqual(['Finanční', risk.description, '2', '3', '6', risk.mitigation, risk.owner]);
  expect(row(stakeholder)).toEqual([stakeholder, 'vysoký', 'vysoký', 'D. Klíčoví hráči']);
  expect(row(intent.title)).toEqual([intent.title, text('Opatření'), intent.responsibleOrganisation, (480000).toLocaleString('cs-CZ'), intent.fundingSources, '2027-01-01 – 2027-12-31', 'Plánován']);
});
