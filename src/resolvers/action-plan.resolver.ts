import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import type { ProjectIntent } from '../entities/action-plan.entity';
import { ActionPlanType, AddProjectIntentInput, CreateActionPlanInput, ProjectIntentType } from '../schema/action-plan.type';
import { PlanType } from '../schema/plan.type';
import { ActionPlanService } from '../services/action-plan.service';

const INPUT = { description: 'What to do; see the input type.' };
const service = new ActionPlanService();

const toIntent = (i: ProjectIntent): ProjectIntentType =>
  Object.assign(new ProjectIntentType(), {
    id: i.id,
    measureId: i.measureId,
    title: i.title,
    responsibleOrganisation: i.responsibleOrganisation,
    budgetCzk: Number(i.budgetCzk),
    fundingSources: i.fundingSources,
    startsOn: i.startsOn,
    endsOn: i.endsOn,
    status: i.status,
    monitoringNote: i.monitoringNote,
    proposalId: i.proposalId,
  });

@Resolver(() => ActionPlanType)
export class ActionPlanResolver {
  @Mutation(() => ActionPlanType, { description: 'Creates the action plan of a year within the plan\'s period. The coordinator or support.' })
  async createActionPlan(@Ctx() ctx: RequestContext, @Arg('input', () => CreateActionPlanInput, INPUT) input: CreateActionPlanInput): Promise<ActionPlanType> {
    const a = await service.create(ctx, input);
    return Object.assign(new ActionPlanType(), { id: a.id, year: a.year });
  }

  @Mutation(() => ProjectIntentType, { description: 'Adds a project intent; with a working group it also starts its PROJECT_INTENT proposal. The coordinator or support.' })
  async addProjectIntent(@Ctx() ctx: RequestContext, @Arg('input', () => AddProjectIntentInput, INPUT) input: AddProjectIntentInput): Promise<ProjectIntentType> {
    return toIntent(await service.addIntent(ctx, input));
  }

  @FieldResolver(() => [ProjectIntentType], { description: 'Project intents, by start.' })
  async projectIntents(@Ctx() ctx: RequestContext, @Root() a: ActionPlanType): Promise<ProjectIntentType[]> {
    return (await service.intents(ctx, a.id)).map(toIntent);
  }
}

@Resolver(() => PlanType)
export class PlanActionPlansResolver {
  @FieldResolver(() => [ActionPlanType], { description: 'Yearly action plans.' })
  async actionPlans(@Ctx() ctx: RequestContext, @Root() p: PlanType): Promise<ActionPlanType[]> {
    return (await service.ofPlan(ctx, p.id)).map((a) => Object.assign(new ActionPlanType(), { id: a.id, year: a.year }));
  }
}
