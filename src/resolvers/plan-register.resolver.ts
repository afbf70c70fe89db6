import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import type { PlanRisk, PlanStakeholder } from '../entities/plan-risk.entity';
import type { Locale } from '../i18n/locale';
import { riskView, stakeholderView } from '../mappers/plan.mapper';
import { AddRiskInput, AddSolutionVariantInput, AddStakeholderInput, AddSwotItemInput, UpdateRiskInput } from '../schema/plan.input';
import { PlanRiskType, PlanStakeholderType, PlanType, SolutionVariantType, SwotItemType } from '../schema/plan.type';
import { PlanExportFormat } from '../schema/plan.type';
import { ExportedDocumentType } from '../schema/export.type';
import { toDocument } from './export.resolver';
import { toPlan } from './plan.resolver';

const INPUT = { description: 'What to do; see the input type.' };

const toRisk = (r: PlanRisk): PlanRiskType => Object.assign(new PlanRiskType(), riskView(r));

const toStakeholder = (s: PlanStakeholder, locale: Locale): PlanStakeholderType => Object.assign(new PlanStakeholderType(), stakeholderView(s, locale));

@Resolver(() => PlanType)
export class PlanRegisterResolver {
  @Query(() => ExportedDocumentType, {
    description:
      'A plan as a file: a readable Markdown document (enumerations in words), or JSON (`format: "triada-plan"`, `formatVersion: 1`; codes as in this schema) that `POST /imports/plan` reads back into another area — structure, guarantors by name, indicators with every value in force, SWOT, solution variants, action plans with their intents, risks and stakeholders.',
  })
  async exportPlan(
    @Ctx() ctx: RequestContext,
    @Arg('planId', () => ID, { description: 'The plan.' }) planId: string,
    @Arg('format', () => PlanExportFormat, { defaultValue: PlanExportFormat.MARKDOWN, description: 'MARKDOWN or JSON.' }) format: PlanExportFormat,
  ): Promise<ExportedDocumentType> {
    return toDocument(format === PlanExportFormat.JSON ? await ctx.services.planExport.json(ctx, planId) : await ctx.services.planExport.markdown(ctx, planId));
  }

  @Mutation(() => PlanType, { description: "Adds a risk to the plan's register; returns the plan, its risks listing the new one. The coordinator or support." })
  async addRisk(@Ctx() ctx: RequestContext, @Arg('input', () => AddRiskInput, INPUT) input: AddRiskInput): Promise<PlanType> {
    return toPlan(ctx, await ctx.services.planRegister.addRisk(ctx, input));
  }

  @Mutation(() => PlanType, { description: 'Changes a risk; returns the plan, its risks showing the change. The coordinator or support.' })
  async updateRisk(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateRiskInput, INPUT) input: UpdateRiskInput): Promise<PlanType> {
    return toPlan(ctx, await ctx.services.planRegister.updateRisk(ctx, input));
  }

  @Mutation(() => PlanType, { description: "Adds a stakeholder to the plan's matrix; returns the plan, its stakeholders listing the new one. The coordinator or support." })
  async addStakeholder(@Ctx() ctx: RequestContext, @Arg('input', () => AddStakeholderInput, INPUT) input: AddStakeholderInput): Promise<PlanType> {
    return toPlan(ctx, await ctx.services.planRegister.addStakeholder(ctx, input));
  }

  @Mutation(() => PlanType, { description: "Adds a SWOT item to the plan's analysis; returns the plan, its swot listing the new item. The coordinator or support." })
  async addSwotItem(@Ctx() ctx: RequestContext, @Arg('input', () => AddSwotItemInput, INPUT) input: AddSwotItemInput): Promise<PlanType> {
    return toPlan(ctx, await ctx.services.planRegister.addSwotItem(ctx, input));
  }

  @Mutation(() => PlanType, {
    description: 'Adds a solution variant, optionally as the chosen one (the others then are not); returns the plan, its solutionVariants listing the new one last. The coordinator or support.',
  })
  async addSolutionVariant(@Ctx() ctx: RequestContext, @Arg('input', () => AddSolutionVariantInput, INPUT) input: AddSolutionVariantInput): Promise<PlanType> {
    return toPlan(ctx, await ctx.services.planRegister.addSolutionVariant(ctx, input));
  }

  @FieldResolver(() => [SwotItemType], { description: 'The SWOT analysis, by quadrant.' })
  async swot(@Ctx() ctx: RequestContext, @Root() p: PlanType): Promise<SwotItemType[]> {
    return (await ctx.services.planRegister.swot(ctx, p.id)).map((r) => Object.assign(new SwotItemType(), { id: r.id, kind: r.kind, text: r.text }));
  }

  @FieldResolver(() => [SolutionVariantType], { description: 'Solution variants, in order; at most one chosen.' })
  async solutionVariants(@Ctx() ctx: RequestContext, @Root() p: PlanType): Promise<SolutionVariantType[]> {
    return (await ctx.services.planRegister.variants(ctx, p.id)).map((v) =>
      Object.assign(new SolutionVariantType(), { id: v.id, position: v.position, title: v.title, description: v.description, chosen: v.chosen }),
    );
  }

  @FieldResolver(() => [PlanRiskType], { description: 'The risk register, highest score first.' })
  async risks(@Ctx() ctx: RequestContext, @Root() p: PlanType): Promise<PlanRiskType[]> {
    return (await ctx.services.planRegister.risks(ctx, p.id)).map(toRisk);
  }

  @FieldResolver(() => [PlanStakeholderType], { description: 'The stakeholder matrix, quadrant by quadrant (key players, keep satisfied, keep informed, the crowd), by name within each.' })
  async stakeholders(@Ctx() ctx: RequestContext, @Root() p: PlanType): Promise<PlanStakeholderType[]> {
    return (await ctx.services.planRegister.stakeholders(ctx, p.id)).map((s) => toStakeholder(s, ctx.locale));
  }
}
