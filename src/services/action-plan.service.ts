import { findOrNotFound } from '../data/load-for-change';
import type { RequestContext } from '../context';
import { LockMode } from '@mikro-orm/core';
import { ActionPlan, ProjectIntent, ProjectIntentReport } from '../entities/action-plan.entity';
import { ProposalKind, ProposalPhase, ProjectIntentStatus } from '../entities/enums';
import { PlanGoal, PlanMeasure, PlanPriority } from '../entities/plan.entity';
import type { Person } from '../entities/person.entity';
import { Proposal } from '../entities/proposal.entity';
import { AppError, badInput, conflict, ErrorCode, notFound, requireId } from '../errors/app-errors';
import { localize } from '../i18n/locale';
import type { PlanService } from './plan.service';
import type { ProposalService } from './proposal.service';
import { uniqueOrConflict } from './unique';

/** What the service is asked to do (a resolver passes its GraphQL input, which has these shapes). */
export interface AddProjectIntentCommand {
  actionPlanId: string;
  measureId: string;
  title: string;
  responsibleOrganisation: string;
  budgetCzk: number;
  fundingSources?: string | null;
  startsOn: string;
  endsOn: string;
  workingGroupBodyId?: string | null;
}

export interface CreateActionPlanCommand {
  planId: string;
  year: number;
}

export interface ReportProjectIntentCommand {
  projectIntentId: string;
  status?: ProjectIntentStatus | null;
  note?: string | null;
}

/** Where a project intent may go from each status. */
const NEXT_STATUS: Record<ProjectIntentStatus, ProjectIntentStatus[]> = {
  [ProjectIntentStatus.PLANNED]: [ProjectIntentStatus.IN_PROGRESS, ProjectIntentStatus.CANCELLED],
  [ProjectIntentStatus.IN_PROGRESS]: [ProjectIntentStatus.DONE, ProjectIntentStatus.CANCELLED],
  [ProjectIntentStatus.DONE]: [],
  [ProjectIntentStatus.CANCELLED]: [],
};

/** Yearly action plans and their project intents; edited by the coordinator and support. */
export class ActionPlanService {
  constructor(private readonly plans: PlanService, private readonly proposals: ProposalService) {}

  async create(ctx: RequestContext, input: CreateActionPlanCommand): Promise<ActionPlan> {
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

  async addIntent(ctx: RequestContext, input: AddProjectIntentCommand): Promise<ProjectIntent> {
    requireId(ctx.locale, 'actionPlanId', input.actionPlanId);
    const actionPlan = await ctx.em.findOne(ActionPlan, { id: input.actionPlanId });
    if (!actionPlan) throw notFound(ctx.locale, 'ActionPlan', input.actionPlanId);
    const plan = await this.plans.forEditing(ctx, 'plan', actionPlan.planId);
    if ((await this.planOfMeasure(ctx, input.measureId)) !== plan.id) {
      throw badInput(ctx.locale, [{ field: 'measureId', text: { cs: 'Opatření nepatří k tomuto plánu.', en: 'The measure is not of this plan.' } }]);
    }
    if (input.endsOn < input.startsOn) throw badInput(ctx.locale, [{ field: 'endsOn', text: { cs: 'Konec je před začátkem.', en: 'endsOn is before startsOn.' } }]);
    const proposal = input.workingGroupBodyId
      ? await this.proposals.create(ctx, { workingGroupBodyId: input.workingGroupBodyId, kind: ProposalKind.PROJECT_INTENT, title: input.title, summary: `${input.responsibleOrganisation}, ${input.budgetCzk} Kč` }, 'projectIntent', plan.areaId)
      : null;
    return ctx.em.transactional(async (em) => {
      const { actionPlanId: _actionPlan, workingGroupBodyId: _group, budgetCzk, ...intent } = input;
      const row = em.create(ProjectIntent, {
        ...intent,
        areaId: plan.areaId,
        actionPlanId: actionPlan.id,
        budgetCzk: budgetCzk.toFixed(2),
        status: ProjectIntentStatus.PLANNED,
        proposalId: proposal?.id ?? null,
      });
      await em.flush();
      return row;
    });
  }

  /**
   * A progress report of a project intent: a status change along PLANNED → IN_PROGRESS → DONE
   * (or to CANCELLED before it is done) and/or a monitoring note. An intent sent through the
   * pipeline starts only once its proposal is approved. The coordinator or support.
   */
  async report(ctx: RequestContext, input: ReportProjectIntentCommand): Promise<ProjectIntent> {
    const found = await findOrNotFound(ctx, ProjectIntent, 'projectIntentId', input.projectIntentId, 'ProjectIntent');
    const actionPlan = await ctx.em.findOneOrFail(ActionPlan, { id: found.actionPlanId, areaId: found.areaId });
    await this.plans.forEditing(ctx, 'plan', actionPlan.planId);
    const to = input.status ?? found.status;
    if (to === found.status && !input.note) {
      throw badInput(ctx.locale, [{ field: 'note', text: { cs: 'Uveďte nový stav nebo poznámku.', en: 'Give a new status or a note.' } }]);
    }
    const reasons: Array<{ cs: string; en: string }> = [];
    if (to !== found.status && !NEXT_STATUS[found.status].includes(to)) {
      reasons.push({ cs: `Ze stavu ${found.status} nelze přejít do ${to}.`, en: `${found.status} cannot change to ${to}.` });
    }
    if (to !== found.status && (to === ProjectIntentStatus.IN_PROGRESS || to === ProjectIntentStatus.DONE) && found.proposalId) {
      const proposal = await ctx.em.findOne(Proposal, { id: found.proposalId, areaId: found.areaId });
      if (proposal?.phase !== ProposalPhase.APPROVED) {
        reasons.push({ cs: 'Záměr prochází schvalováním; začít lze až po schválení.', en: 'The intent is going through approval; it starts once approved.' });
      }
    }
    if (reasons.length) {
      throw new AppError(ErrorCode.TRANSITION_NOT_ALLOWED, localize({ cs: 'Stav záměru nelze změnit.', en: "The intent's status cannot change." }, ctx.locale), {
        reasons: reasons.map((r) => localize(r, ctx.locale)),
      });
    }
    const person = ctx.viewer.personIn(found.areaId);
    return ctx.em.transactional(async (em) => {
      const intent = await em.findOneOrFail(ProjectIntent, { id: found.id, areaId: found.areaId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (intent.status !== found.status) throw conflict(ctx.locale, { cs: 'Stav záměru se mezitím změnil.', en: "The intent's status changed meanwhile." });
      em.create(ProjectIntentReport, {
        areaId: intent.areaId,
        projectIntentId: intent.id,
        statusFrom: intent.status,
        statusTo: to,
        note: input.note ?? null,
        reportedOn: ctx.today,
        reportedById: (person as Person).id,
      });
      intent.status = to;
      if (input.note) intent.monitoringNote = input.note;
      await em.flush();
      return intent;
    });
  }

  reports(ctx: RequestContext, projectIntentId: string): Promise<ProjectIntentReport[]> {
    return ctx.loaders.childrenOf(ProjectIntentReport, 'projectIntentId', { createdAt: 'asc', id: 'asc' }).load(projectIntentId);
  }

  ofPlan(ctx: RequestContext, planId: string): Promise<ActionPlan[]> {
    return ctx.loaders.childrenOf(ActionPlan, 'planId', { year: 'asc' }).load(planId);
  }

  intents(ctx: RequestContext, actionPlanId: string): Promise<ProjectIntent[]> {
    return ctx.loaders.childrenOf(ProjectIntent, 'actionPlanId', { startsOn: 'asc', title: 'asc', id: 'asc' }).load(actionPlanId);
  }
}
