import { pragueDay } from '../../src/common/dates';
import type { Organisation } from '../../src/entities/organisation.entity';
import type { Person } from '../../src/entities/person.entity';
import { scanIndicatorReminders } from '../../src/services/reminders';
import { expectBadInput, expectRefused, leakChecked, type Api } from '../support/api-assertions';
import { anOrganisation, aPerson, aSeat } from '../support/factories';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { ASSEMBLY_APPROVES, movePlanProposal, PLAN_TO_ASSEMBLY, planWithStructure } from '../support/plan-world';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Goal and indicator guarantors (issue 12, item 4): several each, people or organisations. A person
 * guarantor and the people of a guarantor organisation — by their person record or a seat held
 * today — record an indicator's values and change a goal's status, and are reminded of values due.
 * The plan is adopted, as in monitoring: its guarantors stay open, and the public reads it.
 */

let app: TestApp;
let api: Api;
let world: PipelineWorld;
let other: PipelineWorld;
let plan: Awaited<ReturnType<typeof planWithStructure>>;
/** A second indicator of the plan, whose only guarantor is an organisation nobody works for. */
let unstaffed: string;
/** Člověk v tísni, and another organisation of the very same name. */
let cvt: Organisation;
let lookalike: Organisation;
let odbor: Organisation;
let foreign: Organisation;
/** People of Člověk v tísni: by their person record, by a seat held today, by a seat that ended. */
let byRecord: Person;
let bySeat: Person;
let formerSeat: Person;
let ofLookalike: Person;
let ofOdbor: Person;

const THIS_YEAR = Number(pragueDay(new Date()).slice(0, 4));
const subject = (p: { subject: string | null }) => ({ as: p.subject as string });

const ASSIGN_INDICATOR = `mutation($input: AssignIndicatorGuarantorInput!) { assignIndicatorGuarantor(input: $input) { id guarantors { person { name } organisation { name } } } }`;
const REMOVE_INDICATOR = `mutation($input: RemoveGuarantorInput!) { removeIndicatorGuarantor(input: $input) { id guarantors { person { name } organisation { name } } } }`;
const ASSIGN_GOAL = `mutation($input: AssignGoalGuarantorInput!) { assignGoalGuarantor(input: $input) { id guarantors { municipality { name } person { name } organisation { name } } } }`;
const REMOVE_GOAL = `mutation($input: RemoveGuarantorInput!) { removeGoalGuarantor(input: $input) { id guarantors { organisation { name } } } }`;
const RECORD = `mutation($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { values { value measuredOn recordedBy { name } } } }`;
const STATUS = `mutation($input: UpdateGoalStatusInput!) { updateGoalStatus(input: $input) { status } }`;
const GUARANTORS = `query($id: ID!) { plan(id: $id) { priorities { goals { guarantors { id organisation { name } } measures { indicators { id guarantors { id person { name } organisation { name } } } } } } } }`;

interface PlanGuarantors {
  plan: { priorities: Array<{ goals: Array<{ guarantors: Array<{ id: string; organisation: { name: string } | null }>; measures: Array<{ indicators: Array<{ id: string; guarantors: Array<{ id: string; person: { name: string } | null; organisation: { name: string } | null }> }> }> }> }> };
}

async function guarantorsOf(planId: string) {
  const res = await api.gql<PlanGuarantors>(GUARANTORS, { id: planId }, subject(world.actors.coordinator.person));
  const goal = res.data!.plan.priorities[0].goals[0];
  return { goal: goal.guarantors, indicator: goal.measures[0].indicators.find((i) => i.id === plan.indicatorId)!.guarantors };
}

beforeAll(async () => {
  app = await startTestApp();
  api = leakChecked(app);
  const em = app.em();
  world = await aPipelineWorld(em);
  other = await aPipelineWorld(em);
  plan = await planWithStructure(app, world, { yearFrom: THIS_YEAR, yearTo: THIS_YEAR + 2, reportingPeriod: 'QUARTERLY' });
  const nobody = await anOrganisation(em, world.area, { name: 'Spolek bez lidí, z. s.' });
  const second = await api.gql<{ addIndicator: { indicators: Array<{ id: string; name: string; guarantors: Array<{ organisation: { name: string } }> }> } }>(
    `mutation($input: AddIndicatorInput!) { addIndicator(input: $input) { indicators { id name guarantors { organisation { name } } } } }`,
    {
      input: {
        measureId: plan.measure, name: 'Počet klientů', unit: 'osob', baselineValue: 10, baselineDate: `${THIS_YEAR - 1}-01-01`,
        targetValue: 20, targetDate: `${THIS_YEAR + 2}-12-31`, direction: 'UP', reportingPeriod: 'QUARTERLY', guarantorOrganisationIds: [nobody.id],
      },
    },
    subject(world.actors.coordinator.person),
  );
  const added = second.data!.addIndicator.indicators.find((i) => i.name === 'Počet klientů')!;
  expect(added.guarantors).toEqual([{ organisation: { name: 'Spolek bez lidí, z. s.' } }]);
  unstaffed = added.id;
  await movePlanProposal(app, world, plan.proposalId, [...PLAN_TO_ASSEMBLY, ...ASSEMBLY_APPROVES]);
  cvt = await anOrganisation(em, world.area, { name: 'Člověk v tísni, o.p.s.', ico: '26593017' });
  lookalike = await anOrganisation(em, world.area, { name: 'Člověk v tísni, o.p.s.' });
  odbor = await anOrganisation(em, world.area, { name: 'Magistrát města Chomutova, odbor sociálních věcí' });
  foreign = await anOrganisation(em, other.area, { name: 'Člověk v tísni, o.p.s.' });
  byRecord = await aPerson(em, world.area, { name: 'Dana Terénní', organisation: cvt });
  bySeat = await aPerson(em, world.area, { name: 'Filip Sedící' });
  await aSeat(em, world.steering, bySeat, { organisation: cvt });
  formerSeat = await aPerson(em, world.area, { name: 'Karla Bývalá' });
  await aSeat(em, world.group, formerSeat, { organisation: cvt, validFrom: '2020-01-01', validTo: '2021-12-31' });
  ofLookalike = await aPerson(em, world.area, { name: 'Jan Jmenovec', organisation: lookalike });
  ofOdbor = await aPerson(em, world.area, { name: 'Petr Úředník', organisation: odbor });
});
afterAll(async () => {
  await app.close();
});

describe('indicator guarantors', () => {
  test('support adds an organisation beside the person guarantor; the same one twice is CONFLICT; bad, foreign and unauthorised requests write nothing', async () => {
    const support = subject(world.actors.support.person);
    const added = await api.gql(ASSIGN_INDICATOR, { input: { indicatorId: plan.indicatorId, organisationId: cvt.id } }, support);
    // The indicator comes back with the new guarantor beside the person guarantor.
    expect(added.data).toEqual({
      assignIndicatorGuarantor: { id: plan.indicatorId, guarantors: [{ person: { name: 'provider' }, organisation: null }, { person: null, organisation: { name: 'Člověk v tísni, o.p.s.' } }] },
    });
    const listed = await guarantorsOf(plan.planId);
    expect(listed.indicator.map((g) => [g.person?.name ?? null, g.organisation?.name ?? null])).toEqual([
      ['provider', null],
      [null, 'Člověk v tísni, o.p.s.'],
    ]);

    const coordinator = subject(world.actors.coordinator.person);
    const conflict = await expectRefused(app, ASSIGN_INDICATOR, { input: { indicatorId: plan.indicatorId, organisationId: cvt.id } }, coordinator, 'CONFLICT');
    expect(conflict.errors![0].extensions!.reason).toBe('ALREADY_GUARANTOR');
    await expectRefused(app, ASSIGN_INDICATOR, { input: { indicatorId: plan.indicatorId, personId: world.actors.provider.person.id } }, coordinator, 'CONFLICT');
    await expectBadInput(app, ASSIGN_INDICATOR, { input: { indicatorId: plan.indicatorId } }, coordinator, ['personId']);
    await expectBadInput(app, ASSIGN_INDICATOR, { input: { indicatorId: plan.indicatorId, personId: byRecord.id, organisationId: odbor.id } }, coordinator, ['organisationId']);
    await expectRefused(app, ASSIGN_INDICATOR, { input: { indicatorId: plan.indicatorId, organisationId: foreign.id } }, coordinator, 'NOT_FOUND');
    // The guarantor itself, a chair, a member and the clerk do not name guarantors.
    for (const who of [world.actors.provider, world.actors.groupChair, world.actors.author, world.actors.clerk]) {
      await expectRefused(app, ASSIGN_INDICATOR, { input: { indicatorId: plan.indicatorId, organisationId: odbor.id } }, subject(who.person), 'FORBIDDEN');
    }
    // Another area's coordinator reads the adopted plan as the public does; changing another area's record is NOT_FOUND, as everywhere.
    await expectRefused(app, ASSIGN_INDICATOR, { input: { indicatorId: plan.indicatorId, organisationId: odbor.id } }, subject(other.actors.coordinator.person), 'NOT_FOUND');
    await expectRefused(app, ASSIGN_INDICATOR, { input: { indicatorId: plan.indicatorId, organisationId: odbor.id } }, {}, 'UNAUTHENTICATED');
  });

  test('values are recorded by a person guarantor, and by people of a guarantor organisation: by their record or a seat held today', async () => {
    for (const [who, value] of [[world.actors.provider.person, 6], [byRecord, 7], [bySeat, 8], [world.actors.coordinator.person, 9]] as const) {
      // One value per day: each on a day of its own.
      const measuredOn = `${THIS_YEAR - 1}-03-${20 + value}`;
      const res = await api.gql<{ recordIndicatorValue: { values: Array<{ value: number; measuredOn: string; recordedBy: { name: string } }> } }>(
        RECORD,
        { input: { indicatorId: plan.indicatorId, value, measuredOn } },
        subject(who),
      );
      // Whoever records a value reads the indicator it returns, the new value listed.
      expect({ who: who.name, errors: res.errors }).toEqual({ who: who.name, errors: undefined });
      expect(res.data!.recordIndicatorValue.values).toContainEqual({ value, measuredOn, recordedBy: { name: who.name } });
    }
  });

  test('refused (FORBIDDEN, nothing written): a seat that ended, an organisation of the same name, a member, support', async () => {
    for (const who of [formerSeat, ofLookalike, world.actors.author.person, world.actors.support.person]) {
      await expectRefused(app, RECORD, { input: { indicatorId: plan.indicatorId, value: 1, measuredOn: `${THIS_YEAR - 1}-06-30` } }, subject(who), 'FORBIDDEN');
    }
  });

  test('a value due is reminded to the person guarantors and the people of guarantor organisations, else to the coordinators; the export names them', async () => {
    await scanIndicatorReminders(app.orm, new Date());
    const reminders = await app.em().getConnection().execute<Array<{ subject: string; recipients: string[] }>>(
      `select payload->>'subjectId' as subject, array(select jsonb_array_elements_text(payload->'recipients')) as recipients
         from outbox where area_id = ? and kind = 'INDICATOR_VALUE_DUE'`,
      [world.area.id],
    );
    const to = (indicatorId: string) => reminders.find((r) => r.subject === indicatorId)?.recipients;
    // Not the seat that ended, nor the person of the same-named organisation.
    expect(to(plan.indicatorId)).toEqual([world.actors.provider.person.id, byRecord.id, bySeat.id].sort());
    expect(to(unstaffed)).toEqual([world.actors.coordinator.person.id]);
    expect(reminders).toHaveLength(2);

    const coordinator = subject(world.actors.coordinator.person);
    const markdown = (await api.gql<{ exportPlan: { content: string } }>(`query($id: ID!) { exportPlan(planId: $id) { content } }`, { id: plan.planId }, coordinator)).data!.exportPlan.content;
    expect(markdown).toMatch(/\| Počet obcí s terénní službou \|.*\| Člověk v tísni, o\.p\.s\.; provider \|/);
    expect(markdown).toMatch(/\| Počet klientů \|.*\| Spolek bez lidí, z\. s\. \|/);
    const json = JSON.parse((await api.gql<{ exportPlan: { content: string } }>(`query($id: ID!) { exportPlan(planId: $id, format: JSON) { content } }`, { id: plan.planId }, coordinator)).data!.exportPlan.content) as {
      priorities: Array<{ goals: Array<{ measures: Array<{ indicators: Array<{ name: string; guarantors: unknown[] }> }> }> }>;
    };
    expect(json.priorities[0].goals[0].measures[0].indicators.find((i) => i.name === 'Počet obcí s terénní službou')!.guarantors).toEqual([
      { person: null, organisation: 'Člověk v tísni, o.p.s.' },
      { person: 'provider', organisation: null },
    ]);
  });

  test("removing the organisation ends its people's right; a member may not remove; another area's coordinator does not find it", async () => {
    const guarantorId = (await guarantorsOf(plan.planId)).indicator.find((g) => g.organisation)!.id;
    await expectRefused(app, REMOVE_INDICATOR, { input: { guarantorId } }, subject(world.actors.author.person), 'FORBIDDEN');
    await expectRefused(app, REMOVE_INDICATOR, { input: { guarantorId } }, subject(other.actors.coordinator.person), 'NOT_FOUND');
    const removed = await api.gql(REMOVE_INDICATOR, { input: { guarantorId } }, subject(world.actors.coordinator.person));
    expect(removed.data).toEqual({ removeIndicatorGuarantor: { id: plan.indicatorId, guarantors: [{ person: { name: 'provider' }, organisation: null }] } });
    await expectRefused(app, REMOVE_INDICATOR, { input: { guarantorId } }, subject(world.actors.coordinator.person), 'NOT_FOUND');
    await expectRefused(app, RECORD, { input: { indicatorId: plan.indicatorId, value: 1, measuredOn: `${THIS_YEAR - 1}-06-30` } }, subject(byRecord), 'FORBIDDEN');
  });
});

describe('goal guarantors', () => {
  test('an organisation is a goal guarantor on its own; with a person or none it is BAD_USER_INPUT; twice CONFLICT', async () => {
    const coordinator = subject(world.actors.coordinator.person);
    const added = await api.gql(ASSIGN_GOAL, { input: { goalId: plan.goal, organisationId: odbor.id } }, coordinator);
    expect(added.data!.assignGoalGuarantor).toMatchObject({ id: plan.goal });
    expect((added.data as { assignGoalGuarantor: { guarantors: unknown[] } }).assignGoalGuarantor.guarantors).toContainEqual({
      municipality: null, person: null, organisation: { name: 'Magistrát města Chomutova, odbor sociálních věcí' },
    });
    await expectBadInput(app, ASSIGN_GOAL, { input: { goalId: plan.goal, organisationId: cvt.id, personId: byRecord.id } }, coordinator, ['organisationId']);
    await expectBadInput(app, ASSIGN_GOAL, { input: { goalId: plan.goal } }, coordinator, ['municipalityId']);
    await expectRefused(app, ASSIGN_GOAL, { input: { goalId: plan.goal, organisationId: odbor.id } }, coordinator, 'CONFLICT');
    await expectRefused(app, ASSIGN_GOAL, { input: { goalId: plan.goal, organisationId: foreign.id } }, coordinator, 'NOT_FOUND');
    await expectRefused(app, ASSIGN_GOAL, { input: { goalId: plan.goal, organisationId: cvt.id } }, subject(world.actors.groupChair.person), 'FORBIDDEN');
    const markdown = (await api.gql<{ exportPlan: { content: string } }>(`query($id: ID!) { exportPlan(planId: $id) { content } }`, { id: plan.planId }, coordinator)).data!.exportPlan.content;
    expect(markdown).toContain('Gestor cíle: Magistrát města Chomutova, odbor sociálních věcí ·');
  });

  test("the people of a guarantor organisation change the goal's status; others are refused, nothing written", async () => {
    const ok = await api.gql(STATUS, { input: { goalId: plan.goal, status: 'IN_PROGRESS', comment: 'Odbor zahájil.' } }, subject(ofOdbor));
    expect(ok.data).toEqual({ updateGoalStatus: { status: 'IN_PROGRESS' } });
    for (const who of [byRecord, ofLookalike, world.actors.provider.person]) {
      await expectRefused(app, STATUS, { input: { goalId: plan.goal, status: 'ACHIEVED' } }, subject(who), 'FORBIDDEN');
    }
  });

  test('support removes a goal guarantor; its people then may not change the status', async () => {
    const guarantorId = (await guarantorsOf(plan.planId)).goal.find((g) => g.organisation)!.id;
    await expectRefused(app, REMOVE_GOAL, { input: { guarantorId } }, subject(ofOdbor), 'FORBIDDEN');
    const removed = await api.gql(REMOVE_GOAL, { input: { guarantorId } }, subject(world.actors.support.person));
    expect(removed.data).toEqual({ removeGoalGuarantor: { id: plan.goal, guarantors: [] } });
    await expectRefused(app, STATUS, { input: { goalId: plan.goal, status: 'ACHIEVED' } }, subject(ofOdbor), 'FORBIDDEN');
  });
});

test("a new indicator's guarantors are people and organisations of its area: NOT_FOUND otherwise, nothing written", async () => {
  const draft = await planWithStructure(app, world);
  const ADD = `mutation($input: AddIndicatorInput!) { addIndicator(input: $input) { id } }`;
  const base = { measureId: draft.measure, name: 'Cizí gestor', unit: 'osob', baselineValue: 1, baselineDate: '2026-01-01', targetValue: 2, targetDate: '2029-12-31', direction: 'UP' };
  const as = subject(world.actors.coordinator.person);
  await expectRefused(app, ADD, { input: { ...base, guarantorOrganisationIds: [cvt.id, foreign.id] } }, as, 'NOT_FOUND');
  await expectRefused(app, ADD, { input: { ...base, guarantorPersonIds: [other.actors.provider.person.id] } }, as, 'NOT_FOUND');
  await expectBadInput(app, ADD, { input: { ...base, guarantorPersonIds: ['provider'] } }, as, ['guarantorPersonIds']);
});
