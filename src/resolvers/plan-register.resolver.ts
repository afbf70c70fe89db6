import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import type { PlanRisk, PlanStakeholder } from '../entities/plan-risk.entity';
import { localize, type Locale } from '../i18n/locale';
import { AddRiskInput, AddStakeholderInput, UpdateRiskInput } from '../schema/plan.input';
import { PlanRiskType, PlanStakeholderType, PlanType } from '../schema/plan.type';
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

  @FieldResolver(() => [PlanRiskType], { description: 'The risk register, highest score first.' })
  async risks(@Ctx() ctx: RequestContext, @Root() p: PlanType): Promise<PlanRiskType[]> {
    return (await service.risks(ctx, p.id)).map(toRisk);
  }

  @FieldResolver(() => [PlanStakeholderType], { description: 'The stakeholder matrix.' })
  async stakeholders(@Ctx() ctx: RequestContext, @Root() p: PlanType): Promise<PlanStakeholderType[]> {
    return (await service.stakeholders(ctx, p.id)).map((s) => toStakeholder(s, ctx.locale));
  }
}
