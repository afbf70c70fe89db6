import { IndicatorValue } from '../../src/entities/plan.entity';
import { aMunicipality } from '../support/factories';
import { dbFingerprint } from '../support/db-fingerprint';
import { aPipelineWorld } from '../support/pipeline-world';
import { ASSEMBLY_APPROVES, movePlanProposal, PLAN_TO_ASSEMBLY, planWithStructure } from '../support/plan-world';
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
    `mutation($input: AssignGoalGuarantorInput!) { assignGoalGuarantor(input: $input) { municipality { name } person { name } } }`,
    { input: { goalId: p.goal, municipalityId: vysluni.id, personId: world.actors.groupChair.person.id } },
    { as: world.actors.coordinator.subject },
  );
  expect(guarantor.data).toEqual({ assignGoalGuarantor: { municipality: { name: 'Výsluní' }, person: { name: 'groupChair' } } });
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
  const p = await planWithStructure(app, world);
  const QUERY = `query($id: ID!) { plan(id: $id) { status } }`;
  expect(codes(await app.gql(QUERY, { id: p.planId }))).toEqual(['NOT_FOUND']);
  expect((await app.gql<{ plans: unknown[] }>(`query($a: ID!) { plans(areaId: $a) { id } }`, { a: world.area.id })).data!.plans).toEqual([]);

  await movePlanProposal(app, world, p.proposalId, PLAN_TO_ASSEMBLY);
  expect((await app.gql(QUERY, { id: p.planId }, { as: world.actors.coordinator.subject })).data).toEqual({ plan: { status: 'IN_APPROVAL' } });
  await movePlanProposal(app, world, p.proposalId, ASSEMBLY_APPROVES);
  expect((await app.gql(QUERY, { id: p.planId })).data).toEqual({ plan: { status: 'ADOPTED' } });
});
