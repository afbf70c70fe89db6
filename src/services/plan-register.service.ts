import type { EntityManager } from '@mikro-orm/postgresql';
import { findOrNotFound } from '../data/load-for-change';
import type { RequestContext } from '../context';
import { PlanRisk, PlanStakeholder, SolutionVariant, SwotItem } from '../entities/plan-risk.entity';
import type { Plan } from '../entities/plan.entity';
import { type Level, StakeholderQuadrant, type RiskArea, type SwotKind } from '../entities/enums';
import { quadrantOf } from '../mappers/plan.mapper';
import type { PlanService } from './plan.service';

/** What the service is asked to do (a resolver passes its GraphQL input, which has these shapes). */
export interface AddRiskCommand {
  planId: string;
  riskArea: RiskArea;
  description: string;
  probability: number;
  impact: number;
  mitigation?: string | null;
  owner?: string | null;
  reviewDate?: string | null;
}

export interface AddSolutionVariantCommand {
  planId: string;
  title: string;
  description?: string | null;
  chosen: boolean;
}

export interface AddStakeholderCommand {
  planId: string;
  name: string;
  description?: string | null;
  influence: Level;
  interest: Level;
}

export interface AddSwotItemCommand {
  planId: string;
  kind: SwotKind;
  text: string;
}

export interface UpdateRiskCommand {
  riskId: string;
  probability?: number;
  impact?: number;
  mitigation?: string | null;
  owner?: string | null;
  reviewDate?: string | null;
}

const QUADRANT_ORDER = [StakeholderQuadrant.KEY_PLAYERS, StakeholderQuadrant.KEEP_SATISFIED, StakeholderQuadrant.KEEP_INFORMED, StakeholderQuadrant.CROWD];

/** A plan's risk register and stakeholder matrix; edited by the coordinator and support. */
export class PlanRegisterService {
  constructor(private readonly plans: PlanService) {}

  /** Risks by score, highest first. */
  async risks(ctx: RequestContext, planId: string): Promise<PlanRisk[]> {
    const rows = await ctx.loaders.childrenOf(PlanRisk, 'planId', { createdAt: 'asc', id: 'asc' }).load(planId);
    return [...rows].sort((a, b) => b.probability * b.impact - a.probability * a.impact || a.createdAt.getTime() - b.createdAt.getTime());
  }

  /** The matrix quadrant by quadrant (key players, keep satisfied, keep informed, the crowd), by name within each. */
  async stakeholders(ctx: RequestContext, planId: string): Promise<PlanStakeholder[]> {
    const rows = await ctx.loaders.childrenOf(PlanStakeholder, 'planId', { createdAt: 'asc', id: 'asc' }).load(planId);
    const rank = (s: PlanStakeholder) => QUADRANT_ORDER.indexOf(quadrantOf(s.influence, s.interest).quadrant);
    return [...rows].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'cs'));
  }

  /**
   * Adds a row of a plan's register (a risk, a stakeholder) in a transaction, once the plan may be
   * edited; returns the plan, which lists it.
   */
  private async addToPlan(ctx: RequestContext, planId: string, create: (em: EntityManager, plan: { id: string; areaId: string }) => object): Promise<Plan> {
    const plan = await this.plans.forEditing(ctx, 'plan', planId);
    await ctx.em.transactional(async (em) => {
      create(em, plan);
      await em.flush();
    });
    return plan;
  }

  /** Adds a risk; returns the plan, which lists it. */
  async addRisk(ctx: RequestContext, input: AddRiskCommand): Promise<Plan> {
    return this.addToPlan(ctx, input.planId, (em, plan) =>
      em.create(PlanRisk, { ...input, areaId: plan.areaId, planId: plan.id }),
    );
  }

  /** Changes a risk; returns the plan, which lists it. */
  async updateRisk(ctx: RequestContext, input: UpdateRiskCommand): Promise<Plan> {
    const found = await findOrNotFound(ctx, PlanRisk, 'riskId', input.riskId, 'PlanRisk');
    const plan = await this.plans.forEditing(ctx, 'plan', found.planId);
    await ctx.em.transactional(async (em) => {
      const risk = await em.findOneOrFail(PlanRisk, { id: input.riskId });
      if (input.probability !== undefined && input.probability !== null) risk.probability = input.probability;
      if (input.impact !== undefined && input.impact !== null) risk.impact = input.impact;
      if (input.mitigation !== undefined) risk.mitigation = input.mitigation;
      if (input.owner !== undefined) risk.owner = input.owner;
      if (input.reviewDate !== undefined) risk.reviewDate = input.reviewDate;
      await em.flush();
    });
    return plan;
  }

  /** Adds a stakeholder; returns the plan, which lists it. */
  async addStakeholder(ctx: RequestContext, input: AddStakeholderCommand): Promise<Plan> {
    return this.addToPlan(ctx, input.planId, (em, plan) =>
      em.create(PlanStakeholder, { ...input, areaId: plan.areaId, planId: plan.id }),
    );
  }

  swot(ctx: RequestContext, planId: string): Promise<SwotItem[]> {
    return ctx.loaders.childrenOf(SwotItem, 'planId', { kind: 'asc', createdAt: 'asc', id: 'asc' }).load(planId);
  }

  variants(ctx: RequestContext, planId: string): Promise<SolutionVariant[]> {
    return ctx.loaders.childrenOf(SolutionVariant, 'planId', { position: 'asc' }).load(planId);
  }

  /** Adds a SWOT item; returns the plan, which lists it. */
  async addSwotItem(ctx: RequestContext, input: AddSwotItemCommand): Promise<Plan> {
    const plan = await this.plans.forTextEditing(ctx, 'plan', input.planId);
    await ctx.em.transactional(async (em) => {
      em.create(SwotItem, { areaId: plan.areaId, planId: plan.id, kind: input.kind, text: input.text });
      await em.flush();
    });
    return plan;
  }

  /**
   * Adds a variant; a chosen one unchooses the others, so a plan has at most one chosen variant.
   * Returns the plan, which lists its variants.
   */
  async addSolutionVariant(ctx: RequestContext, input: AddSolutionVariantCommand): Promise<Plan> {
    const plan = await this.plans.forTextEditing(ctx, 'plan', input.planId);
    await ctx.em.transactional(async (em) => {
      const existing = await em.find(SolutionVariant, { planId: plan.id });
      if (input.chosen) for (const v of existing) v.chosen = false;
      em.create(SolutionVariant, {
        areaId: plan.areaId,
        planId: plan.id,
        position: existing.length + 1,
        title: input.title,
        description: input.description ?? null,
        chosen: input.chosen,
      });
      await em.flush();
    });
    return plan;
  }
}
