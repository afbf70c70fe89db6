import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import type { ProjectIntent } from '../entities/action-plan.entity';
import {
  ActionPlanType,
  AddProjectIntentInput,
  CreateActionPlanInput,
  ProjectIntentReportType,
  ProjectIntentType,
  ReportProjectIntentInput,
} from '../schema/action-plan.type';
import { intentView } from '../mappers/plan.mapper';
import { PersonType } from '../schema/person.type';
import { PlanType } from '../schema/plan.type';

const INPUT = { description: 'What to do; see the input type.' };

const toIntent = (i: ProjectIntent): ProjectIntentType => Object.assign(new ProjectIntentType(), intentView(i));

@Resolver(() => ActionPlanType)
export class ActionPlanResolver {
  @Mutation(() => ActionPlanType, { description: 'Creates the action plan of a year within the plan\'s period. The coordinator or support.' })
  async createActionPlan(@Ctx() ctx: RequestContext, @Arg('input', () => CreateActionPlanInput, INPUT) input: CreateActionPlanInput): Promise<ActionPlanType> {
    const a = await ctx.services.actionPlans.create(ctx, input);
    return Object.assign(new ActionPlanType(), { id: a.id, year: a.year });
  }

  @Mutation(() => ProjectIntentType, { description: 'Adds a project intent; with a working group it also starts its PROJECT_INTENT proposal. The coordinator or support.' })
  async addProjectIntent(@Ctx() ctx: RequestContext, @Arg('input', () => AddProjectIntentInput, INPUT) input: AddProjectIntentInput): Promise<ProjectIntentType> {
    return toIntent(await ctx.services.actionPlans.addIntent(ctx, input));
  }

  @Mutation(() => ProjectIntentType, {
    description: 'Reports progress of a project intent: a new status (PLANNED → IN_PROGRESS → DONE, or CANCELLED) and/or a monitoring note; each report is kept. The coordinator or support.',
  })
  async reportProjectIntent(@Ctx() ctx: RequestContext, @Arg('input', () => ReportProjectIntentInput, INPUT) input: ReportProjectIntentInput): Promise<ProjectIntentType> {
    return toIntent(await ctx.services.actionPlans.report(ctx, input));
  }

  @FieldResolver(() => [ProjectIntentType], { description: 'Project intents, by start, then by title.' })
  async projectIntents(@Ctx() ctx: RequestContext, @Root() a: ActionPlanType): Promise<ProjectIntentType[]> {
    return (await ctx.services.actionPlans.intents(ctx, a.id)).map(toIntent);
  }
}

@Resolver(() => ProjectIntentType)
export class ProjectIntentResolver {
  @FieldResolver(() => [ProjectIntentReportType], { description: 'Progress reports, oldest first.' })
  async reports(@Ctx() ctx: RequestContext, @Root() i: ProjectIntentType): Promise<ProjectIntentReportType[]> {
    return (await ctx.services.actionPlans.reports(ctx, i.id)).map((r) =>
      Object.assign(new ProjectIntentReportType(), { id: r.id, statusFrom: r.statusFrom, statusTo: r.statusTo, note: r.note, reportedOn: r.reportedOn, reportedById: r.reportedById }),
    );
  }
}

@Resolver(() => ProjectIntentReportType)
export class ProjectIntentReportResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: 'Who reported.' })
  async reportedBy(@Ctx() ctx: RequestContext, @Root() r: ProjectIntentReportType): Promise<PersonType | null> {
    const p = await ctx.loaders.personById.load(r.reportedById);
    return p ? PersonType.from(p) : null;
  }
}

@Resolver(() => PlanType)
export class PlanActionPlansResolver {
  @FieldResolver(() => [ActionPlanType], { description: 'Yearly action plans.' })
  async actionPlans(@Ctx() ctx: RequestContext, @Root() p: PlanType): Promise<ActionPlanType[]> {
    return (await ctx.services.actionPlans.ofPlan(ctx, p.id)).map((a) => Object.assign(new ActionPlanType(), { id: a.id, year: a.year }));
  }
}
