import type { RequestContext } from '../context';
import { ActionPlan, ProjectIntent } from '../entities/action-plan.entity';
import { ProposalKind, ProjectIntentStatus } from '../entities/enums';
import { PlanGoal, PlanMeasure, PlanPriority } from '../entities/plan.entity';
import { badInput, notFound, requireId } from '../errors/app-errors';
import type { AddProjectIntentInput, CreateActionPlanInput } from '../schema/action-plan.type';
import { PlanService } from './plan.service';
import { ProposalService } from './proposal.service';
import { uniqueOrConflict } from './unique';

/** Yearly action plans and their project intents; edited by the coordinator and support. */
export class ActionPlanService {
  private readonly plans = new PlanService();
  private readonly proposals = new ProposalService();

  async create(ctx: RequestContext, input: CreateActionPlanInput): Promise<ActionPlan> {
    const plan = await this.plans.forEditing(ctx, 'plan', input.planId);
    if (input.year < plan.yearFrom || input.year > plan.yearTo) {
      throw badInput(ctx.locale, [{ field: 'year', text: { cs: `Rok musí ležet v období plánu ${plan.yearFrom}–${plan.yearTo}.`, en: `The year must lie within the plan's period ${plan.yearFrom}–${plan.yearTo}.` } }]);
    }
    return uniqueOrConflict(ctx, { cs: 'Akční plán na tento rok už existuje.', en: 'The plan already has an action plan for this year.' }, 'year', () =>
      ctx.em.transactional(async (em) => {
        const row = em.create(ActionPlan, { areaId: plan.areaId, planId: plan.id, year: input.year });
        await em.flush();
        return row;
      }),
    );
  }

  /** The plan a measure belongs to. */
  private async planOfMeasure(ctx: RequestContext, measureId: string): Promise<string | null> {
    const measure = await ctx.em.findOne(PlanMeasure, { id: measureId });
    const goal = measure ? await ctx.em.findOne(PlanGoal, { id: measure.goalId }) : null;
    const priority = goal ? await ctx.em.findOne(PlanPriority, { id: goal.priorityId }) : null;
    return priority?.planId ?? null;
  }

  async addIntent(ctx: RequestContext, input: AddProjectIntentInput): Promise<ProjectIntent> {
    requireId(ctx.locale, 'actionPlanId', input.actionPlanId);
    const actionPlan = await ctx.em.findOne(ActionPlan, { id: input.actionPlanId });
    if (!actionPlan) throw notFound(ctx.locale, 'ActionPlan', input.actionPlanId);
    const plan = await this.plans.forEditing(ctx, 'plan', actionPlan.planId);
    if ((await this.planOfMeasure(ctx, input.measureId)) !== plan.id) {
      throw badInput(ctx.locale, [{ field: 'measureId', text: { cs: 'Opatření nepatří k tomuto plánu.', en: 'The measure is not of this plan.' } }]);
    }
    if (input.endsOn < input.startsOn) throw badInput(ctx.locale, [{ field: 'endsOn', text: { cs: 'Konec je před začátkem.', en: 'endsOn is before startsOn.' } }]);
    const proposal = input.workingGroupId
      ? await this.proposals.create(ctx, { workingGroupId: input.workingGroupId, kind: ProposalKind.PROJECT_INTENT, title: input.title, summary: `${input.responsibleOrganisation}, ${input.budgetCzk} Kč` })
      : null;
    return ctx.em.transactional(async (em) => {
      const row = em.create(ProjectIntent, {
        areaId: plan.areaId,
        actionPlanId: actionPlan.id,
        measureId: input.measureId,
        title: input.title,
        responsibleOrganisation: input.responsibleOrganisation,
        budgetCzk: input.budgetCzk.toFixed(2),
        fundingSources: input.fundingSources ?? null,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        status: ProjectIntentStatus.PLANNED,
        proposalId: proposal?.id ?? null,
      });
      await em.flush();
      return row;
    });
  }

  ofPlan(ctx: RequestContext, planId: string): Promise<ActionPlan[]> {
    return ctx.em.find(ActionPlan, { planId }, { orderBy: { year: 'asc' } });
  }

  intents(ctx: RequestContext, actionPlanId: string): Promise<ProjectIntent[]> {
    return ctx.em.find(ProjectIntent, { actionPlanId }, { orderBy: { startsOn: 'asc', id: 'asc' } });
  }
}
