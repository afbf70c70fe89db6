import { IndicatorValue } from '../../src/entities/plan.entity';
import { Proposal } from '../../src/entities/proposal.entity';
import { aMunicipality } from '../support/factories';
import { dbFingerprint } from '../support/db-fingerprint';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { codes, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

async function planWithStructure(world: PipelineWorld) {
  const as = { as: world.actors.coordinator.subject };
  const plan = await app.gql<{ createPlan: { id: string; status: string; proposalId: string } }>(
    `mutation($input: CreatePlanInput!) { createPlan(input: $input) { id status proposalId } }`,
    { input: { areaId: world.area.id, title: 'Střednědobý plán 2027–2029', yearFrom: 2027, yearTo: 2029, workingGroupId: world.group.id } },
    as,
  );
  expect(plan.errors).toBeUndefined();
  const planId = plan.data!.createPlan.id;
  const add = async (mutation: string, parentId: string, title: string, who = as) =>
    (await app.gql<Record<string, { id: string }>>(`mutation($input: AddPlanPartInput!) { ${mutation}(input: $input) { id } }`, { input: { parentId, title } }, who)).data![mutation].id;
  const priority = await add('addPriority', planId, 'Dostupnost služeb', { as: world.actors.support.subject });
  const goal = await add('addGoal', priority, 'Zvýšení nabídky sociálních služeb');
  const measure = await add('addMeasure', goal, 'Terénní služby v malých obcích');
  const indicator = await app.gql<{ addIndicator: { id: string } }>(
    `mutation($input: AddIndicatorInput!) { addIndicator(input: $input) { id } }`,
    {
      input: {
        measureId: measure,
        name: 'Počet obcí s terénní službou',
        unit: 'obcí',
        baselineValue: 5,
        baselineDate: '2026-01-01',
        targetValue: 15,
        targetDate: '2029-12-31',
        direction: 'UP',
        guarantorId: world.actors.provider.person.id,
      },
    },
    as,
  );
  expect(indicator.errors).toBeUndefined();
  return { planId, proposalId: plan.data!.createPlan.proposalId, priority, goal, measure, indicatorId: indicator.data!.addIndicator.id };
}

test('a plan is built priority → goal → measure → indicator, with goal guarantors (a municipality and a person)', async () => {
  const world = await aPipelineWorld(app.em());
  const vysluni = await aMunicipality(app.em(), world.area, 'Výsluní', 420);
  const p = await planWithStructure(world);
  const guarantor = await app.gql(
    `mutation($input: AssignGoalGuarantorInput!) { assignGoalGuarantor(input: $input) { municipality { name } person { name } } }`,
    { input: { goalId: p.goal, municipalityId: vysluni.id, personId: world.actors.groupChair.person.id } },
    { as: world.actors.coordinator.subject },
  );
  expect(guarantor.data).toEqual({ assignGoalGuarantor: { municipality: { name: 'Výsluní' }, person: { name: 'groupChair' } } });
  const read = await app.gql(
    `query($id: ID!) { plan(id: $id) { title status priorities { title goals { title guarantors { municipality { name } } measures { title indicators { name unit guarantor { name } } } } } } }`,
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
              measures: [{ title: 'Terénní služby v malých obcích', indicators: [{ name: 'Počet obcí s terénní službou', unit: 'obcí', guarantor: { name: 'provider' } }] }],
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
  const p = await planWithStructure(world);
  const RECORD = `mutation($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { value measuredOn recordedBy { name } } }`;
  const value = { indicatorId: p.indicatorId, value: 8, measuredOn: '2027-12-31', note: 'Výroční zpráva' };
  const before = await dbFingerprint(app.em());
  for (const who of [world.actors.author, world.actors.support, world.actors.groupChair]) {
    expect(codes(await app.gql(RECORD, { input: value }, { as: who.subject }))).toEqual(['FORBIDDEN']);
  }
  expect(await dbFingerprint(app.em())).toEqual(before);
  const ok = await app.gql(RECORD, { input: value }, { as: world.actors.provider.subject });
  expect(ok.data).toEqual({ recordIndicatorValue: { value: 8, measuredOn: '2027-12-31', recordedBy: { name: 'provider' } } });
  expect((await app.gql(RECORD, { input: { ...value, value: 11, measuredOn: '2028-12-31' } }, { as: world.actors.coordinator.subject })).errors).toBeUndefined();
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
  const p = await planWithStructure(world);
  const QUERY = `query($id: ID!) { plan(id: $id) { status } }`;
  expect(codes(await app.gql(QUERY, { id: p.planId }))).toEqual(['NOT_FOUND']);
  expect((await app.gql<{ plans: unknown[] }>(`query($a: ID!) { plans(areaId: $a) { id } }`, { a: world.area.id })).data!.plans).toEqual([]);

  const steps: Array<[keyof PipelineWorld['actors'], string, Record<string, unknown>?]> = [
    ['coordinator', 'SUBMIT'],
    ['groupChair', 'RECOMMEND'],
    ['steeringChair', 'RECOMMEND'],
    ['commissionChair', 'RECOMMEND'],
    ['clerk', 'REFER_TO_ASSEMBLY', { resolutionNumber: 'RM/9/2026' }],
  ];
  for (const [who, event, extra] of steps) {
    const version = (await app.em().findOneOrFail(Proposal, { id: p.proposalId })).version;
    const res = await app.gql(`mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }`, { input: { proposalId: p.proposalId, event, expectedVersion: version, ...extra } }, {
      as: world.actors[who]!.subject,
    });
    expect({ event, errors: res.errors }).toEqual({ event, errors: undefined });
  }
  expect((await app.gql(QUERY, { id: p.planId }, { as: world.actors.coordinator.subject })).data).toEqual({ plan: { status: 'IN_APPROVAL' } });
  const version = (await app.em().findOneOrFail(Proposal, { id: p.proposalId })).version;
  await app.gql(`mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }`, { input: { proposalId: p.proposalId, event: 'APPROVE', expectedVersion: version, resolutionNumber: 'ZM/3/2026' } }, {
    as: world.actors.clerk.subject,
  });
  expect((await app.gql(QUERY, { id: p.planId })).data).toEqual({ plan: { status: 'ADOPTED' } });
});
