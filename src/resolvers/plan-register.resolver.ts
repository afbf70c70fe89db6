import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import type { PlanRisk, PlanStakeholder } from '../entities/plan-risk.entity';
import { localize, type Locale } from '../i18n/locale';
import { AddRiskInput, AddSolutionVariantInput, AddStakeholderInput, AddSwotItemInput, UpdateRiskInput } from '../schema/plan.input';
import { PlanRiskType, PlanStakeholderType, PlanType, SolutionVariantType, SwotItemType } from '../schema/plan.type';
import { PlanExportService } from '../services/plan-export.service';
import { PlanRegisterService, quadrantOf } from '../services/plan-register.service';
import { PlanExportFormat } from '../schema/plan.type';

const INPUT = { description: 'What to do; see the input type.' };
const service = new PlanRegisterService();

const toRisk = (r: PlanRisk): PlanRiskType =>
  Object.assign(new PlanRiskType(), {
    id: r.id,
    riskArea: r.riskArea,
    description: r.description,
    probability: r.probability,
    impact: r.impact,
    score: r.probability * r.impact,
    mitigation: r.mitigation,
    owner: r.owner,
    reviewDate: r.reviewDate,
  });

const toStakeholder = (s: PlanStakeholder, locale: Locale): PlanStakeholderType => {
  const { quadrant, approach } = quadrantOf(s.influence, s.interest);
  return Object.assign(new PlanStakeholderType(), {
    id: s.id,
    name: s.name,
    description: s.description,
    influence: s.influence,
    interest: s.interest,
    quadrant,
    approach: localize(approach, locale),
  });
};

const exporter = new PlanExportService();

@Resolver(() => PlanType)
export class PlanRegisterResolver {
  @Query(() => String, { description: 'A plan as one readable document (Markdown) or as JSON text: structure, guarantors, indicators with their latest values, risks, stakeholders.' })
  async exportPlan(
    @Ctx() ctx: RequestContext,
    @Arg('planId', () => ID, { description: 'The plan.' }) planId: string,
    @Arg('format', () => PlanExportFormat, { defaultValue: PlanExportFormat.MARKDOWN, description: 'MARKDOWN or JSON.' }) format: PlanExportFormat,
  ): Promise<string> {
    return format === PlanExportFormat.JSON ? JSON.stringify(await exporter.document(ctx, planId), null, 2) : exporter.markdown(ctx, planId);
  }

  @Mutation(() => PlanRiskType, { description: 'Adds a risk to the plan\'s register. The coordinator or support.' })
  async addRisk(@Ctx() ctx: RequestContext, @Arg('input', () => AddRiskInput, INPUT) input: AddRiskInput): Promise<PlanRiskType> {
    return toRisk(await service.addRisk(ctx, input));
  }

  @Mutation(() => PlanRiskType, { description: 'Changes a risk. The coordinator or support.' })
  async updateRisk(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateRiskInput, INPUT) input: UpdateRiskInput): Promise<PlanRiskType> {
    return toRisk(await service.updateRisk(ctx, input));
  }

  @Mutation(() => PlanStakeholderType, { description: 'Adds a stakeholder to the plan\'s matrix. The coordinator or support.' })
  async addStakeholder(@Ctx() ctx: RequestContext, @Arg('input', () => AddStakeholderInput, INPUT) input: AddStakeholderInput): Promise<PlanStakeholderType> {
    return toStakeholder(await service.addStakeholder(ctx, input), ctx.locale);
  }

  @Mutation(() => SwotItemType, { description: 'Adds a SWOT item to the plan\'s analysis. The coordinator or support.' })
  async addSwotItem(@Ctx() ctx: RequestContext, @Arg('input', () => AddSwotItemInput, INPUT) input: AddSwotItemInput): Promise<SwotItemType> {
    const r = await service.addSwotItem(ctx, input);
    return Object.assign(new SwotItemType(), { id: r.id, kind: r.kind, text: r.text });
  }

  @Mutation(() => SolutionVariantType, { description: 'Adds a solution variant, optionally as the chosen one. The coordinator or support.' })
  async addSolutionVariant(@Ctx() ctx: RequestContext, @Arg('input', () => AddSolutionVariantInput, INPUT) input: AddSolutionVariantInput): Promise<SolutionVariantType> {
    const v = await service.addSolutionVariant(ctx, input);
    return Object.assign(new SolutionVariantType(), { id: v.id, position: v.position, title: v.title, description: v.description, chosen: v.chosen });
  }

  @FieldResolver(() => [SwotItemType], { description: 'The SWOT analysis, by quadrant.' })
  async swot(@Ctx() ctx: RequestContext, @Root() p: PlanType): Promise<SwotItemType[]> {
    return (await service.swot(ctx, p.id)).map((r) => Object.assign(new SwotItemType(), { id: r.id, kind: r.kind, text: r.text }));
  }

  @FieldResolver(() => [SolutionVariantType], { description: 'Solution variants, in order; at most one chosen.' })
  async solutionVariants(@Ctx() ctx: RequestContext, @Root() p: PlanType): Promise<SolutionVariantType[]> {
    return (await service.variants(ctx, p.id)).map((v) =>
      Object.assign(new SolutionVariantType(), { id: v.id, position: v.position, title: v.title, description: v.description, chosen: v.chosen }),
    );
  }

  @FieldResolver(() => [PlanRiskType], { description: 'The risk register, highest score first.' })
  async risks(@Ctx() ctx: RequestContext, @Root() p: PlanType): Promise<PlanRiskType[]> {
    return (await service.risks(ctx, p.id)).map(toRisk);
  }

  @FieldResolver(() => [PlanStakeholderType], { description: 'The stakeholder matrix, quadrant by quadrant (key players, keep satisfied, keep informed, the crowd), by name within each.' })
  async stakeholders(@Ctx() ctx: RequestContext, @Root() p: PlanType): Promise<PlanStakeholderType[]> {
    return (await service.stakeholders(ctx, p.id)).map((s) => toStakeholder(s, ctx.locale));
  }
}
