import { Proposal } from '../../src/entities/proposal.entity';
import type { PipelineWorld } from './pipeline-world';
import type { TestApp } from './test-app';

/** One step of a proposal: who fires which event, with what extra input. */
export type PipelineStep = [keyof PipelineWorld['actors'], string, Record<string, unknown>?];

/** A PLAN proposal from its working group up to the assembly (never approved by the council). */
export const PLAN_TO_ASSEMBLY: PipelineStep[] = [
  ['coordinator', 'SUBMIT'],
  ['groupChair', 'RECOMMEND'],
  ['steeringChair', 'RECOMMEND'],
  ['commissionChair', 'RECOMMEND'],
  ['clerk', 'REFER_TO_ASSEMBLY', { resolutionNumber: 'RM/9/2026' }],
];

/** The assembly's approval of a PLAN proposal waiting there. */
export const ASSEMBLY_APPROVES: PipelineStep[] = [['clerk', 'APPROVE', { resolutionNumber: 'ZM/3/2026' }]];

/** Fires the steps through the API, each with the proposal's current version; every one must pass. */
export async function movePlanProposal(app: TestApp, world: PipelineWorld, proposalId: string, steps: PipelineStep[]): Promise<void> {
  for (const [who, event, extra] of steps) {
    const version = (await app.em().findOneOrFail(Proposal, { id: proposalId })).version;
    const res = await app.gql(
      `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }`,
      { input: { proposalId, event, expectedVersion: version, ...extra } },
      { as: world.actors[who]!.subject },
    );
    expect({ event, errors: res.errors }).toEqual({ event, errors: undefined });
  }
}

const PART_LISTS = { addPriority: 'priorities', addGoal: 'goals', addMeasure: 'measures' } as const;
export type PlanPartMutation = keyof typeof PART_LISTS;

/**
 * Adds a priority, goal or measure through the API (it must pass) and returns the new part's id:
 * the mutation returns the parent, listing its parts in order, the new one last.
 */
export async function addPlanPart(app: TestApp, mutation: PlanPartMutation, input: { parentId: string; title: string; description?: string }, who: { as?: string }): Promise<string> {
  const list = PART_LISTS[mutation];
  const res = await app.gql<Record<string, Record<string, Array<{ id: string }>>>>(`mutation($input: AddPlanPartInput!) { ${mutation}(input: $input) { ${list} { id } } }`, { input }, who);
  expect(res.errors).toBeUndefined();
  return res.data![mutation][list].at(-1)!.id;
}

/**
 * A plan of the world's area with its PLAN proposal in the working group and one branch of
 * structure: priority → goal → measure → indicator (guarantor: the world's provider, a person).
 */
export async function planWithStructure(
  app: TestApp,
  world: PipelineWorld,
  period: { yearFrom: number; yearTo: number; reportingPeriod?: string } = { yearFrom: 2027, yearTo: 2029 },
) {
  const as = { as: world.actors.coordinator.subject };
  const plan = await app.gql<{ createPlan: { id: string; status: string; proposalId: string } }>(
    `mutation($input: CreatePlanInput!) { createPlan(input: $input) { id status proposalId } }`,
    { input: { areaId: world.area.id, title: `Střednědobý plán ${period.yearFrom}–${period.yearTo}`, yearFrom: period.yearFrom, yearTo: period.yearTo, workingGroupBodyId: world.group.id } },
    as,
  );
  expect(plan.errors).toBeUndefined();
  const planId = plan.data!.createPlan.id;
  const add = (mutation: PlanPartMutation, parentId: string, title: string, who = as) => addPlanPart(app, mutation, { parentId, title }, who);
  const priority = await add('addPriority', planId, 'Dostupnost služeb', { as: world.actors.support.subject });
  const goal = await add('addGoal', priority, 'Zvýšení nabídky sociálních služeb');
  const measure = await add('addMeasure', goal, 'Terénní služby v malých obcích');
  const indicator = await app.gql<{ addIndicator: { indicators: Array<{ id: string; name: string }> } }>(
    `mutation($input: AddIndicatorInput!) { addIndicator(input: $input) { indicators { id name } } }`,
    {
      input: {
        measureId: measure,
        name: 'Počet obcí s terénní službou',
        unit: 'obcí',
        baselineValue: 5,
        baselineDate: `${period.yearFrom - 1}-01-01`,
        targetValue: 15,
        targetDate: `${period.yearTo}-12-31`,
        direction: 'UP',
        guarantorPersonIds: [world.actors.provider.person.id],
        ...(period.reportingPeriod ? { reportingPeriod: period.reportingPeriod } : {}),
      },
    },
    as,
  );
  expect(indicator.errors).toBeUndefined();
  return { planId, proposalId: plan.data!.createPlan.proposalId, priority, goal, measure, indicatorId: indicator.data!.addIndicator.indicators.find((i) => i.name === 'Počet obcí s terénní službou')!.id };
}
