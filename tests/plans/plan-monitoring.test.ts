import { pragueDay } from '../../src/common/dates';
import { PlanStatus, ProposalPhase } from '../../src/entities/enums';
import { HearingComment } from '../../src/entities/hearing.entity';
import { addMonths, nextValueDue } from '../../src/services/indicator-due';
import { planStandings } from '../../src/services/plan-standing';
import { scanIndicatorReminders } from '../../src/services/reminders';
import { ReportingPeriod } from '../../src/entities/enums';
import { expectRefused, oneRow } from '../support/api-assertions';
import { dbFingerprint } from '../support/db-fingerprint';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { ASSEMBLY_APPROVES, movePlanProposal, PLAN_TO_ASSEMBLY, planWithStructure } from '../support/plan-world';
import { codes, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const THIS_YEAR = Number(pragueDay(new Date()).slice(0, 4));
const PLAN = `query($id: ID!) { plan(id: $id) { status inForceYears textClosed adoptedAt } }`;
const IN_FORCE = `query($a: ID!, $y: Int!) { planInForce(areaId: $a, year: $y) { id } }`;

async function adopted(world: PipelineWorld, yearFrom: number, yearTo: number, reportingPeriod?: string) {
  const p = await planWithStructure(app, world, { yearFrom, yearTo, reportingPeriod });
  await movePlanProposal(app, world, p.proposalId, [...PLAN_TO_ASSEMBLY, ...ASSEMBLY_APPROVES]);
  return p;
}

describe('only one plan of an area is in force for a year', () => {
  test('a year is governed by the plan adopted last among those covering it; the public asks which', async () => {
    const world = await aPipelineWorld(app.em());
    const first = await adopted(world, THIS_YEAR + 1, THIS_YEAR + 3);
    const second = await adopted(world, THIS_YEAR + 3, THIS_YEAR + 5);
    const read = async (id: string) => (await app.gql<{ plan: { status: string; inForceYears: number[]; textClosed: boolean } }>(PLAN, { id })).data!.plan;
    expect(await read(first.planId)).toMatchObject({ status: 'ADOPTED', inForceYears: [THIS_YEAR + 1, THIS_YEAR + 2], textClosed: true });
    expect(await read(second.planId)).toMatchObject({ status: 'ADOPTED', inForceYears: [THIS_YEAR + 3, THIS_YEAR + 4, THIS_YEAR + 5] });
    const governing = async (year: number) => (await app.gql<{ planInForce: { id: string } | null }>(IN_FORCE, { a: world.area.id, y: year })).data!.planInForce?.id ?? null;
    expect(await governing(THIS_YEAR)).toBeNull();
    expect(await governing(THIS_YEAR + 2)).toBe(first.planId);
    expect(await governing(THIS_YEAR + 3)).toBe(second.planId);
    expect(await governing(THIS_YEAR + 6)).toBeNull();

    const draft = await planWithStructure(app, world, { yearFrom: THIS_YEAR + 1, yearTo: THIS_YEAR + 1 });
    expect(await governing(THIS_YEAR + 1)).toBe(first.planId);
    expect(codes(await app.gql(PLAN, { id: draft.planId }))).toEqual(['NOT_FOUND']);
  });

  test('the rule itself: a plan displaced with nothing left from this year on is SUPERSEDED; one whose period ran out stays ADOPTED', () => {
    const at = (day: string) => new Date(`${day}T10:00:00Z`);
    const standings = planStandings(
      [
        { id: 'old', yearFrom: 2019, yearTo: 2021, proposalPhase: ProposalPhase.APPROVED, adoptedAt: at('2018-12-01') },
        { id: 'a', yearFrom: 2022, yearTo: 2024, proposalPhase: ProposalPhase.APPROVED, adoptedAt: at('2021-12-01') },
        { id: 'b', yearFrom: 2024, yearTo: 2027, proposalPhase: ProposalPhase.APPROVED, adoptedAt: at('2023-12-01') },
        { id: 'same-period-earlier', yearFrom: 2026, yearTo: 2028, proposalPhase: ProposalPhase.APPROVED, adoptedAt: at('2025-06-01') },
        { id: 'same-period-later', yearFrom: 2026, yearTo: 2028, proposalPhase: ProposalPhase.APPROVED, adoptedAt: at('2025-09-01') },
        { id: 'in-approval', yearFrom: 2028, yearTo: 2030, proposalPhase: ProposalPhase.IN_REVIEW, adoptedAt: null },
        { id: 'rejected', yearFrom: 2028, yearTo: 2030, proposalPhase: ProposalPhase.REJECTED, adoptedAt: null },
        { id: 'no-proposal', yearFrom: 2028, yearTo: 2030, proposalPhase: null, adoptedAt: null },
      ],
      2026,
    );
    const view = Object.fromEntries([...standings].map(([id, s]) => [id, [s.status, s.inForceYears.join(',')]]));
    expect(view).toEqual({
      old: [PlanStatus.ADOPTED, '2019,2020,2021'],
      a: [PlanStatus.SUPERSEDED, '2022,2023'],
      b: [PlanStatus.SUPERSEDED, '2024,2025'],
      'same-period-earlier': [PlanStatus.SUPERSEDED, ''],
      'same-period-later': [PlanStatus.ADOPTED, '2026,2027,2028'],
      'in-approval': [PlanStatus.IN_APPROVAL, ''],
      rejected: [PlanStatus.DRAFT, ''],
      'no-proposal': [PlanStatus.DRAFT, ''],
    });
  });
});

test("an adopted plan's text is closed (CONFLICT, nothing written); monitoring, registers and action plans go on", async () => {
  const world = await aPipelineWorld(app.em());
  const p = await adopted(world, THIS_YEAR, THIS_YEAR + 2);
  const as = { as: world.actors.coordinator.subject };
  await expectRefused(app, `mutation($input: AddPlanPartInput!) { addGoal(input: $input) { id } }`, { input: { parentId: p.priority, title: 'Nový cíl' } }, as, 'CONFLICT');
  await expectRefused(app, `mutation($input: AddPlanPartInput!) { addMeasure(input: $input) { id } }`, { input: { parentId: p.goal, title: 'Nové opatření' } }, as, 'CONFLICT');
  await expectRefused(app, `mutation($input: AddSwotItemInput!) { addSwotItem(input: $input) { id } }`, { input: { planId: p.planId, kind: 'THREAT', text: 'Nová hrozba' } }, as, 'CONFLICT');

  const goes = async (query: string, input: Record<string, unknown>, who = as) => expect((await app.gql(query, { input }, who)).errors).toBeUndefined();
  await goes(`mutation($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { id } }`, { indicatorId: p.indicatorId, value: 7, measuredOn: `${THIS_YEAR}-01-15` }, { as: world.actors.provider.subject });
  await goes(`mutation($input: UpdateGoalStatusInput!) { updateGoalStatus(input: $input) { status } }`, { goalId: p.goal, status: 'IN_PROGRESS', comment: 'Běží.' });
  await goes(`mutation($input: AddRiskInput!) { addRisk(input: $input) { risks { score } } }`, { planId: p.planId, riskArea: 'FINANCIAL', description: 'Výpadek dotace', probability: 2, impact: 4 });
  await goes(`mutation($input: CreateActionPlanInput!) { createActionPlan(input: $input) { year } }`, { planId: p.planId, year: THIS_YEAR + 1 });
  await goes(`mutation($input: AssignIndicatorGuarantorInput!) { assignIndicatorGuarantor(input: $input) { id } }`, { indicatorId: p.indicatorId, personId: world.actors.groupChair.person.id });
  await goes(`mutation($input: AssignGoalGuarantorInput!) { assignGoalGuarantor(input: $input) { id } }`, { goalId: p.goal, personId: world.actors.groupChair.person.id });
});

describe('indicator values come due by their reporting period', () => {
  test('the due day follows the latest value (or the baseline), month ends kept', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(nextValueDue(ReportingPeriod.YEARLY, '2025-01-01', null)).toBe('2026-01-01');
    expect(nextValueDue(ReportingPeriod.QUARTERLY, '2025-01-01', '2026-05-20')).toBe('2026-08-20');
    expect(nextValueDue(ReportingPeriod.HALF_YEARLY, '2025-03-01', '2024-12-31')).toBe('2025-09-01');
  });

  test('the guarantor of an adopted plan is reminded once per due day; a draft is not; a recorded value moves the day', async () => {
    const world = await aPipelineWorld(app.em());
    const draft = await planWithStructure(app, world, { yearFrom: THIS_YEAR, yearTo: THIS_YEAR + 2, reportingPeriod: 'QUARTERLY' });
    const p = await adopted(world, THIS_YEAR, THIS_YEAR + 2, 'QUARTERLY');
    const due = `${THIS_YEAR - 1}-04-01`;
    const INDICATOR = `query($id: ID!) { plan(id: $id) { priorities { goals { measures { indicators { id reportingPeriod nextValueDue } } } } } }`;
    const indicator = async () =>
      (await app.gql<{ plan: { priorities: Array<{ goals: Array<{ measures: Array<{ indicators: Array<{ reportingPeriod: string; nextValueDue: string }> }> }> }> } }>(INDICATOR, { id: p.planId }))
        .data!.plan.priorities[0].goals[0].measures[0].indicators[0];
    expect(await indicator()).toMatchObject({ reportingPeriod: 'QUARTERLY', nextValueDue: due });

    const reminders = async () =>
      (
        await app
          .em()
          .getConnection()
          .execute<Array<{ subject: string; recipients: string[]; dedupe_key: string }>>(
            `select payload->>'subjectId' as subject, array(select jsonb_array_elements_text(payload->'recipients')) as recipients, dedupe_key
               from outbox where area_id = ? and kind = 'INDICATOR_VALUE_DUE' order by id`,
            [world.area.id],
          )
      ).map((r) => ({ ...r }));
    await scanIndicatorReminders(app.orm, new Date());
    await scanIndicatorReminders(app.orm, new Date());
    expect(await reminders()).toEqual([{ subject: p.indicatorId, recipients: [world.actors.provider.person.id], dedupe_key: `indicator-value-due:${p.indicatorId}:${due}` }]);
    expect((await reminders()).some((r) => r.subject === draft.indicatorId)).toBe(false);

    const today = pragueDay(new Date());
    const recorded = await app.gql(
      `mutation($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { id } }`,
      { input: { indicatorId: p.indicatorId, value: 9, measuredOn: today } },
      { as: world.actors.provider.subject },
    );
    expect(recorded.errors).toBeUndefined();
    expect((await indicator()).nextValueDue).toBe(addMonths(today, 3));
    await scanIndicatorReminders(app.orm, new Date());
    expect(await reminders()).toHaveLength(1);
  });
});

describe('an indicator holds one value per day, none for a day to come, and a wrong one is corrected, not overwritten', () => {
  // Both return the indicator: its values in force and the progress they make.
  const RECORD = `mutation($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { id progress values { id value measuredOn } } }`;
  const CORRECT = `mutation($input: CorrectIndicatorValueInput!) { correctIndicatorValue(input: $input) { id progress values { id value measuredOn note correction { previousValue previousMeasuredOn reason } recordedBy { name } } } }`;
  type Returned = { id: string; progress: number | null; values: Value[] };
  /** The value in force on a day, in the indicator a mutation returned. */
  const on = (indicator: Returned, day: string): Value => indicator.values.find((v) => v.measuredOn === day)!;
  const VALUES = `query($id: ID!) { plan(id: $id) { priorities { goals { measures { indicators { progress nextValueDue values { id value measuredOn note correction { previousValue previousMeasuredOn reason } } } } } } } }`;
  type Value = { id: string; value: number; measuredOn: string; note: string | null; correction: { previousValue: number; previousMeasuredOn: string; reason: string } | null };

  test('recorded, refused, corrected, and the record kept', async () => {
    const world = await aPipelineWorld(app.em());
    const p = await planWithStructure(app, world);
    const guarantor = { as: world.actors.provider.subject };
    const coordinator = { as: world.actors.coordinator.subject };
    const read = async () =>
      (await app.gql<{ plan: { priorities: Array<{ goals: Array<{ measures: Array<{ indicators: Array<{ progress: number | null; nextValueDue: string; values: Value[] }> }> }> }> } }>(VALUES, { id: p.planId }, coordinator))
        .data!.plan.priorities[0].goals[0].measures[0].indicators[0];
    const record = (input: Record<string, unknown>, as = guarantor) => app.gql<{ recordIndicatorValue: Returned }>(RECORD, { input: { indicatorId: p.indicatorId, ...input } }, as);
    const correct = (input: Record<string, unknown>, as = guarantor) => app.gql<{ correctIndicatorValue: Returned }>(CORRECT, { input }, as);

    const recorded = (await record({ value: 7, measuredOn: `${THIS_YEAR - 1}-12-31`, note: 'Výroční zpráva' })).data!.recordIndicatorValue;
    // The indicator comes back with the value listed and its progress (baseline 5, target 15).
    expect({ id: recorded.id, progress: recorded.progress, values: recorded.values.map((v) => [v.value, v.measuredOn]) }).toEqual({ id: p.indicatorId, progress: 0.2, values: [[7, `${THIS_YEAR - 1}-12-31`]] });
    const first = on(recorded, `${THIS_YEAR - 1}-12-31`);
    const today = pragueDay(new Date());
    const tomorrow = pragueDay(new Date(Date.now() + 86_400_000));

    // A day still to come, and a second value for a day that has one: refused, nothing written.
    const before = await dbFingerprint(app.em());
    const future = await record({ value: 8, measuredOn: tomorrow });
    expect([codes(future), future.errors?.[0].extensions?.fields]).toEqual([['BAD_USER_INPUT'], [{ field: 'measuredOn', message: 'Hodnotu nelze zapsat ke dni, který teprve přijde.' }]]);
    const twice = await record({ value: 8, measuredOn: `${THIS_YEAR - 1}-12-31` }, coordinator);
    expect([codes(twice), twice.errors?.[0].message]).toEqual([['CONFLICT'], 'Hodnota k tomuto dni je už zapsána: opravte ji (correctIndicatorValue) s uvedením důvodu.']);
    expect(codes(await correct({ indicatorValueId: first.id, value: 8, measuredOn: tomorrow, reason: 'Posun.' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await correct({ indicatorValueId: first.id, value: 8, reason: ' \u200b' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await correct({ indicatorValueId: first.id, value: 8, reason: 'Chyba.' }, { as: world.actors.author.subject }))).toEqual(['FORBIDDEN']);
    expect(codes(await correct({ indicatorValueId: '00000000-0000-4000-8000-000000000000', value: 8, reason: 'Chyba.' }))).toEqual(['NOT_FOUND']);
    expect(await dbFingerprint(app.em())).toEqual(before);

    // Corrected: the new value is in force and says what it replaced; the progress and the due day follow it.
    const fixed = await correct({ indicatorValueId: first.id, value: 9, reason: 'Chyba v přepisu z výroční zprávy.' }, coordinator);
    expect(fixed.errors).toBeUndefined();
    // The indicator comes back with the correction in force in place of the old value, and the progress it makes.
    expect(fixed.data!.correctIndicatorValue.progress).toBeCloseTo(0.4);
    expect(fixed.data!.correctIndicatorValue.values).toEqual([
      expect.objectContaining({
        value: 9, measuredOn: `${THIS_YEAR - 1}-12-31`, note: 'Výroční zpráva', recordedBy: { name: 'coordinator' },
        correction: { previousValue: 7, previousMeasuredOn: `${THIS_YEAR - 1}-12-31`, reason: 'Chyba v přepisu z výroční zprávy.' },
      }),
    ]);
    const afterFix = await read();
    expect(afterFix.values.map((v) => [v.value, v.measuredOn])).toEqual([[9, `${THIS_YEAR - 1}-12-31`]]);
    // The corrected one cannot be corrected again: the value in force is.
    const stale = await correct({ indicatorValueId: first.id, value: 10, reason: 'Znovu.' });
    expect([codes(stale), stale.errors?.[0].message]).toEqual([['CONFLICT'], 'Tato hodnota už byla opravena: opravujte hodnotu, která platí.']);

    // A wrong day corrected to another day; not onto a day that has a value.
    const second = on((await record({ value: 11, measuredOn: today })).data!.recordIndicatorValue, today);
    expect(codes(await correct({ indicatorValueId: second.id, value: 11, measuredOn: `${THIS_YEAR - 1}-12-31`, reason: 'Den.' }))).toEqual(['CONFLICT']);
    const moved = await correct({ indicatorValueId: second.id, value: 11, measuredOn: `${THIS_YEAR}-01-31`, note: null, reason: 'Hodnota je k 31. lednu.' });
    expect(moved.data!.correctIndicatorValue.values.map((v) => [v.value, v.measuredOn])).toEqual([[9, `${THIS_YEAR - 1}-12-31`], [11, `${THIS_YEAR}-01-31`]]);
    expect(on(moved.data!.correctIndicatorValue, `${THIS_YEAR}-01-31`)).toMatchObject({ measuredOn: `${THIS_YEAR}-01-31`, note: null, correction: { previousValue: 11, previousMeasuredOn: today } });
    const now = await read();
    expect(now.values.map((v) => [v.value, v.measuredOn])).toEqual([[9, `${THIS_YEAR - 1}-12-31`], [11, `${THIS_YEAR}-01-31`]]);
    expect(now.nextValueDue).toBe(addMonths(`${THIS_YEAR}-01-31`, 12));

    // Every value stays in the record: four rows, two of them superseded by the corrections that name them.
    const rows = await app.em().getConnection().execute<Array<{ value: string; superseded: boolean; corrects: boolean }>>(
      'select value::text, superseded_by_id is not null as superseded, corrects_id is not null as corrects from indicator_value where indicator_id = ? order by created_at, id',
      [p.indicatorId],
    );
    expect(rows.map((r) => [Number(r.value), r.superseded, r.corrects])).toEqual([[7, true, false], [9, false, true], [11, true, false], [11, false, true]]);
  });

  test('two corrections crossing each other\'s days at once: each CONFLICT (the other day has a value), never an internal error', async () => {
    const world = await aPipelineWorld(app.em());
    const p = await planWithStructure(app, world);
    const as = { as: world.actors.coordinator.subject };
    const CORRECT_ID = `mutation($input: CorrectIndicatorValueInput!) { correctIndicatorValue(input: $input) { id } }`;
    const seen: string[] = [];
    for (let round = 0; round < 6; round++) {
      const [d1, d2] = [1, 2].map((k) => `${THIS_YEAR - 2}-01-${String(round * 2 + k).padStart(2, '0')}`);
      const a = on((await app.gql<{ recordIndicatorValue: Returned }>(RECORD, { input: { indicatorId: p.indicatorId, value: 1, measuredOn: d1 } }, as)).data!.recordIndicatorValue, d1).id;
      const b = on((await app.gql<{ recordIndicatorValue: Returned }>(RECORD, { input: { indicatorId: p.indicatorId, value: 2, measuredOn: d2 } }, as)).data!.recordIndicatorValue, d2).id;
      const results = await Promise.all([
        app.gql(CORRECT_ID, { input: { indicatorValueId: a, value: 1, measuredOn: d2, reason: 'Den.' } }, as),
        app.gql(CORRECT_ID, { input: { indicatorValueId: b, value: 2, measuredOn: d1, reason: 'Den.' } }, as),
      ]);
      for (const r of results) seen.push(r.errors ? String(r.errors[0].extensions?.code) : 'DONE');
    }
    expect([...new Set(seen)]).toEqual(['CONFLICT']);
  });

  test('two values for one day at once: one is recorded, the other is CONFLICT (no internal error)', async () => {
    const world = await aPipelineWorld(app.em());
    const p = await planWithStructure(app, world);
    const day = `${THIS_YEAR - 1}-06-30`;
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) => app.gql(RECORD, { input: { indicatorId: p.indicatorId, value: n, measuredOn: day } }, { as: n % 2 ? world.actors.provider.subject : world.actors.coordinator.subject })),
    );
    expect(results.map((r) => (r.errors ? r.errors[0].extensions?.code : 'RECORDED')).sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'RECORDED']);
    expect(await app.em().getConnection().execute('select count(*)::int as n from indicator_value where indicator_id = ?', [p.indicatorId])).toEqual([{ n: 1 }]);
  });
});

describe('project intents report their progress', () => {
  const REPORT = `mutation($input: ReportProjectIntentInput!) { reportProjectIntent(input: $input) { status monitoringNote } }`;

  async function intents(world: PipelineWorld) {
    const as = { as: world.actors.coordinator.subject };
    const p = await planWithStructure(app, world, { yearFrom: THIS_YEAR, yearTo: THIS_YEAR + 2 });
    const ap = await app.gql<{ createActionPlan: { id: string } }>(`mutation($input: CreateActionPlanInput!) { createActionPlan(input: $input) { id } }`, { input: { planId: p.planId, year: THIS_YEAR } }, as);
    const add = async (title: string, workingGroupBodyId: string | null) =>
      (
        await app.gql<{ addProjectIntent: { id: string } }>(
          `mutation($input: AddProjectIntentInput!) { addProjectIntent(input: $input) { id } }`,
          {
            input: {
              actionPlanId: ap.data!.createActionPlan.id,
              measureId: p.measure,
              title,
              responsibleOrganisation: 'Světlo, z.s.',
              budgetCzk: 480000,
              startsOn: `${THIS_YEAR}-02-01`,
              endsOn: `${THIS_YEAR}-11-30`,
              workingGroupBodyId,
            },
          },
          as,
        )
      ).data!.addProjectIntent.id;
    return { plan: p, plain: await add('Terénní program v Jirkově', null), viaPipeline: await add('Noclehárna Chomutov', world.group.id) };
  }

  test('PLANNED → IN_PROGRESS → DONE with notes, each report kept; wrong moves refused with nothing written', async () => {
    const world = await aPipelineWorld(app.em());
    const { plan, plain, viaPipeline } = await intents(world);
    const as = { as: world.actors.coordinator.subject };
    const started = await app.gql(REPORT, { input: { projectIntentId: plain, status: 'IN_PROGRESS', note: 'Zahájeno 1. 2.' } }, { as: world.actors.support.subject });
    expect(started.data).toEqual({ reportProjectIntent: { status: 'IN_PROGRESS', monitoringNote: 'Zahájeno 1. 2.' } });
    expect((await app.gql(REPORT, { input: { projectIntentId: plain, note: 'Pololetí: 40 klientů.' } }, as)).errors).toBeUndefined();
    expect((await app.gql(REPORT, { input: { projectIntentId: plain, status: 'DONE' } }, as)).errors).toBeUndefined();

    const refused = await expectRefused(app, REPORT, { input: { projectIntentId: plain, status: 'CANCELLED' } }, as, 'TRANSITION_NOT_ALLOWED');
    expect(refused.errors![0].extensions!.reasons).toEqual(['Ze stavu DONE nelze přejít do CANCELLED.']);
    await expectRefused(app, REPORT, { input: { projectIntentId: plain } }, as, 'BAD_USER_INPUT');
    await expectRefused(app, REPORT, { input: { projectIntentId: plain, note: 'Já taky.' } }, { as: world.actors.author.subject }, 'FORBIDDEN');
    const waiting = await expectRefused(app, REPORT, { input: { projectIntentId: viaPipeline, status: 'IN_PROGRESS' } }, as, 'TRANSITION_NOT_ALLOWED');
    expect(waiting.errors![0].extensions!.reasons).toEqual(['Záměr prochází schvalováním; začít lze až po schválení.']);
    expect((await app.gql(REPORT, { input: { projectIntentId: viaPipeline, status: 'CANCELLED', note: 'Bez financí.' } }, as)).errors).toBeUndefined();

    const read = await app.gql<{ plan: { actionPlans: Array<{ projectIntents: Array<{ title: string; status: string; reports: Array<Record<string, unknown>> }> }> } }>(
      `query($id: ID!) { plan(id: $id) { actionPlans { projectIntents { title status reports { statusFrom statusTo note reportedBy { name } } } } } }`,
      { id: plan.planId },
      as,
    );
    const byTitle = (title: string) => read.data!.plan.actionPlans[0].projectIntents.find((i) => i.title === title);
    const [terrain, shelter] = [byTitle('Terénní program v Jirkově'), byTitle('Noclehárna Chomutov')];
    expect(terrain).toEqual({
      title: 'Terénní program v Jirkově',
      status: 'DONE',
      reports: [
        { statusFrom: 'PLANNED', statusTo: 'IN_PROGRESS', note: 'Zahájeno 1. 2.', reportedBy: { name: 'support' } },
        { statusFrom: 'IN_PROGRESS', statusTo: 'IN_PROGRESS', note: 'Pololetí: 40 klientů.', reportedBy: { name: 'coordinator' } },
        { statusFrom: 'IN_PROGRESS', statusTo: 'DONE', note: null, reportedBy: { name: 'coordinator' } },
      ],
    });
    expect(shelter).toMatchObject({ status: 'CANCELLED' });
  });

  test('the plan export carries the action plan with its intents', async () => {
    const world = await aPipelineWorld(app.em());
    const { plan } = await intents(world);
    const res = await app.gql<{ exportPlan: { content: string } }>(`query($id: ID!) { exportPlan(planId: $id, format: MARKDOWN) { content } }`, { id: plan.planId }, { as: world.actors.coordinator.subject });
    expect(res.errors).toBeUndefined();
    expect(res.data!.exportPlan.content).toContain(`## Akční plán ${THIS_YEAR} / Action plan ${THIS_YEAR}`);
    expect(res.data!.exportPlan.content).toMatch(/\| Terénní program v Jirkově \| Terénní služby v malých obcích \| Světlo, z\.s\. \| 480\s000 \|/);
  });
});

describe('anonymous hearing comments are rate-limited per client address', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ hearingCommentsPerHour: 2 });
  });
  afterAll(async () => {
    await limited.close();
  });

  test('the third comment within the hour is RATE_LIMITED (HTTP 429, retry-after), nothing written; another address goes on', async () => {
    const world = await aPipelineWorld(limited.em());
    const plan = await limited.gql<{ createPlan: { id: string } }>(
      `mutation($input: CreatePlanInput!) { createPlan(input: $input) { id } }`,
      { input: { areaId: world.area.id, title: 'Plán', yearFrom: THIS_YEAR + 1, yearTo: THIS_YEAR + 3 } },
      { as: world.actors.coordinator.subject },
    );
    const open = await limited.gql<{ openPublicHearing: { id: string } }>(
      `mutation($input: OpenPublicHearingInput!) { openPublicHearing(input: $input) { id } }`,
      { input: { planId: plan.data!.createPlan.id, closesAt: new Date(Date.now() + 86_400_000).toISOString() } },
      { as: world.actors.coordinator.subject },
    );
    const hearingId = open.data!.openPublicHearing.id;
    const COMMENT = `mutation($input: SubmitHearingCommentInput!) { submitHearingComment(input: $input) { id } }`;
    const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
    for (const text of ['První připomínka.', 'Druhá připomínka.']) expect((await limited.gql(COMMENT, { input: { hearingId, text } }, from('198.51.100.7'))).errors).toBeUndefined();

    const comments = await limited.em().count(HearingComment, { hearingId });
    const third = await limited.gql(COMMENT, { input: { hearingId, text: 'Třetí připomínka.' } }, from('198.51.100.7'));
    expect(third.status).toBe(429);
    expect(codes(third)).toEqual(['RATE_LIMITED']);
    expect(third.errors![0].extensions!.retryAfterSeconds).toEqual(expect.any(Number));
    expect(JSON.stringify(third)).not.toContain('198.51.100.7');
    expect(await limited.em().count(HearingComment, { hearingId })).toBe(comments);
    const stored = await oneRow<{ buckets: string }>(limited.em(), `select string_agg(bucket, ' ') as buckets from rate_limit_window`);
    expect(stored!.buckets).not.toContain('198.51.100.7');

    const before = await dbFingerprint(limited.em());
    expect(codes(await limited.gql(COMMENT, { input: { hearingId, text: 'Znovu.' } }, from('198.51.100.7')))).toEqual(['RATE_LIMITED']);
    expect(await dbFingerprint(limited.em())).toEqual(before);
    expect((await limited.gql(COMMENT, { input: { hearingId, text: 'Z jiné adresy.' } }, from('203.0.113.9'))).errors).toBeUndefined();
  });
});
