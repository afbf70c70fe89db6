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

  @Mutation(() => PlanRiskType, { description: 'Adds a risk to the plan\'s register. The coordinator or support.' })
  async addRisk(@Ctx() ctx: RequestContext, @Arg('input', () => AddRiskInput, INPUT) input: AddRiskInput): Promise<PlanRiskType> {
    return toRisk(await ctx.services.planRegister.addRisk(ctx, input));
  }

  @Mutation(() => PlanRiskType, { description: 'Changes a risk. The coordinator or support.' })
  async updateRisk(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateRiskInput, INPUT) input: UpdateRiskInput): Promise<PlanRiskType> {
    return toRisk(await ctx.services.planRegister.updateRisk(ctx, input));
  }

  @Mutation(() => PlanStakeholderType, { description: 'Adds a stakeholder to the plan\'s matrix. The coordinator or support.' })
  async addStakeholder(@Ctx() ctx: RequestContext, @Arg('input', () => AddStakeholderInput, INPUT) input: AddStakeholderInput): Promise<PlanStakeholderType> {
    return toStakeholder(await ctx.services.planRegister.addStakeholder(ctx, input), ctx.locale);
  }

  @Mutation(() => SwotItemType, { description: 'Adds a SWOT item to the plan\'s analysis. The coordinator or support.' })
  async addSwotItem(@Ctx() ctx: RequestContext, @Arg('input', () => AddSwotItemInput, INPUT) input: AddSwotItemInput): Promise<SwotItemType> {
    const r = await ctx.services.planRegister.addSwotItem(ctx, input);
    return Object.assign(new SwotItemType(), { id: r.id, kind: r.kind, text: r.text });
  }

  @Mutation(() => SolutionVariantType, { description: 'Adds a solution variant, optionally as the chosen one. The coordinator or support.' })
  async addSolutionVariant(@Ctx() ctx: RequestContext, @Arg('input', () => AddSolutionVariantInput, INPUT) input: AddSolutionVariantInput): Promise<SolutionVariantType> {
    const v = await ctx.services.planRegister.addSolutionVariant(ctx, input);
    return Object.assign(new SolutionVariantType(), { id: v.id, position: v.position, title: v.title, description: v.description, chosen: v.chosen });
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
