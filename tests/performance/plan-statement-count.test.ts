import { ActionPlan, ProjectIntent, ProjectIntentReport } from '../../src/entities/action-plan.entity';
import { GoalStatus, IndicatorDirection, ProjectIntentStatus } from '../../src/entities/enums';
import { Hearing, HearingComment } from '../../src/entities/hearing.entity';
import { GoalGuarantor, Indicator, IndicatorGuarantor, IndicatorValue, Plan, PlanGoal, PlanMeasure, PlanPriority } from '../../src/entities/plan.entity';
import { anOrganisation } from '../support/factories';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { statementCounter } from '../support/statement-count';
import { startTestApp, type TestApp } from '../support/test-app';

// Not a timing test: a plan asked whole, down to who recorded each indicator value, sends the same
// few statements for a small plan and for one ten times its size, so that an N+1 at any level of
// the tree fails here.

const PLAN = `query($id: ID!) {
  plan(id: $id) {
    title status
    priorities { title goals {
      title status
      guarantors { municipality { name } person { name } organisation { name } }
      measures { title indicators {
        name progress nextValueDue guarantors { person { name } organisation { name provider { name } } }
        values { value measuredOn recordedBy { name } }
      } }
    } }
    risks { score } stakeholders { name quadrant } swot { kind } solutionVariants { title }
    actionPlans { year projectIntents { title reports { statusTo reportedBy { name } } } }
    hearings { opensAt comments { text } }
  }
}`;

let app: TestApp;
let world: PipelineWorld;
const counter = statementCounter();

/**
 * A plan of `size` priorities, each with `size` goals of two measures with two indicators of three
 * values; an action plan with 4 × `size` project intents of two reports each; a hearing with 4 × `size` comments.
 */
async function aPlanOf(size: number): Promise<string> {
  const em = app.em();
  const areaId = world.area.id;
  const { coordinator, groupChair, provider } = world.actors;
  const organisation = await anOrganisation(em, world.area, { ico: size === 1 ? '26593017' : '22735046' });
  const plan = em.create(Plan, { areaId, title: `Plán ${size}`, yearFrom: 2027, yearTo: 2029, proposalId: null });
  await em.flush();
  const measureIds: string[] = [];
  for (let p = 0; p < size; p++) {
    const priority = em.create(PlanPriority, { areaId, planId: plan.id, position: p + 1, title: `Priorita ${p + 1}` });
    await em.flush();
    for (let g = 0; g < size; g++) {
      const goal = em.create(PlanGoal, { areaId, priorityId: priority.id, position: g + 1, title: `Cíl ${p + 1}.${g + 1}`, status: GoalStatus.NOT_STARTED });
      await em.flush();
      em.create(GoalGuarantor, { areaId, goalId: goal.id, municipalityId: null, personId: coordinator.person.id });
      em.create(GoalGuarantor, { areaId, goalId: goal.id, municipalityId: null, personId: null, organisationId: organisation.id });
      for (let m = 0; m < 2; m++) {
        const measure = em.create(PlanMeasure, { areaId, goalId: goal.id, position: m + 1, title: `Opatření ${m + 1}`, description: null });
        await em.flush();
        measureIds.push(measure.id);
        for (let i = 0; i < 2; i++) {
          const indicator = em.create(Indicator, {
            areaId,
            measureId: measure.id,
            name: `Indikátor ${i + 1}`,
            unit: 'osob',
            baselineValue: '10',
            baselineDate: '2026-01-01',
            targetValue: '40',
            targetDate: '2029-12-31',
            direction: IndicatorDirection.UP,
          });
          await em.flush();
          em.create(IndicatorGuarantor, { areaId, indicatorId: indicator.id, personId: (i ? groupChair : provider).person.id, organisationId: null });
          em.create(IndicatorGuarantor, { areaId, indicatorId: indicator.id, personId: null, organisationId: organisation.id });
          for (const [k, measuredOn] of ['2027-03-31', '2027-06-30', '2027-09-30'].entries()) {
            em.create(IndicatorValue, { areaId, indicatorId: indicator.id, value: String(12 + k), measuredOn, recordedById: (k ? provider : coordinator).person.id });
          }
        }
      }
    }
  }
  const actionPlan = em.create(ActionPlan, { areaId, planId: plan.id, year: 2027 });
  const hearing = em.create(Hearing, { areaId, planId: plan.id, opensAt: new Date('2026-09-01'), closesAt: new Date('2026-09-30'), openedById: coordinator.person.id });
  await em.flush();
  for (let k = 0; k < 4 * size; k++) {
    const intent = em.create(ProjectIntent, {
      areaId,
      actionPlanId: actionPlan.id,
      measureId: measureIds[k % measureIds.length],
      title: `Záměr ${k + 1}`,
      responsibleOrganisation: 'Světlo Kadaň, z.s.',
      budgetCzk: '250000',
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      status: ProjectIntentStatus.IN_PROGRESS,
    });
    em.create(HearingComment, { areaId, hearingId: hearing.id, text: `Připomínka ${k + 1}` });
    await em.flush();
    for (const [statusFrom, statusTo] of [
      [ProjectIntentStatus.PLANNED, ProjectIntentStatus.IN_PROGRESS],
      [ProjectIntentStatus.IN_PROGRESS, ProjectIntentStatus.IN_PROGRESS],
    ]) {
      em.create(ProjectIntentReport, { areaId, projectIntentId: intent.id, statusFrom, statusTo, note: 'Průběžná zpráva.', reportedOn: '2027-03-31', reportedById: provider.person.id });
    }
  }
  await em.flush();
  return plan.id;
}

let small: string;
let large: string;

beforeAll(async () => {
  app = await startTestApp();
  world = await aPipelineWorld(app.em());
  small = await aPlanOf(1);
  large = await aPlanOf(4);
  counter.reset();
});

afterAll(async () => {
  counter.restore();
  await app.close();
});

interface PlanData {
  plan: {
    actionPlans: Array<{ projectIntents: Array<{ reports: Array<{ reportedBy: { name: string } }> }> }>;
    hearings: Array<{ comments: unknown[] }>;
    priorities: Array<{ goals: Array<{ measures: Array<{ indicators: Array<{ values: Array<{ recordedBy: { name: string } }> }> }> }> }>;
  };
}

test('a whole plan sends the same few statements for 4 indicators as for 64, and for 4 project intents as for 16', async () => {
  const subject = world.actors.coordinator.subject;
  const auth = (await counter.count(app, '{ __typename }', {}, subject)).statements;
  const one = await counter.count(app, PLAN, { id: small }, subject);
  const sixteen = await counter.count(app, PLAN, { id: large }, subject);

  const values = (data: unknown) =>
    (data as PlanData).plan.priorities.flatMap((p) => p.goals.flatMap((g) => g.measures.flatMap((m) => m.indicators.flatMap((i) => i.values))));
  expect(values(one.data)).toHaveLength(1 * 1 * 2 * 2 * 3);
  expect(values(sixteen.data)).toHaveLength(4 * 4 * 2 * 2 * 3);
  expect(values(sixteen.data).every((v) => v.recordedBy.name)).toBe(true);
  const { actionPlans, hearings } = (sixteen.data as PlanData).plan;
  expect(actionPlans[0].projectIntents.map((i) => i.reports.filter((r) => r.reportedBy.name).length)).toEqual(Array(16).fill(2));
  expect(hearings[0].comments).toHaveLength(16);
  if (process.env.SHOW_STATEMENT_COUNTS) console.log(`authentication ${auth}, small plan: ${one.statements}, large plan: ${sixteen.statements}`);
  // One statement per level and register (plan, priorities, goals, guarantors, people, measures,
  // indicators, values, risks, stakeholders, SWOT, variants, action plans, hearings, …), however
  // many rows each level holds: 20 when this was written. An N+1 anywhere in the tree would add
  // one statement per row of its level: 64 for the indicators of the large plan, 16 for its
  // project intents or hearing comments.
  expect(one.statements - auth).toBeLessThanOrEqual(24);
  expect(sixteen.statements - auth).toBeLessThanOrEqual(24);
});
