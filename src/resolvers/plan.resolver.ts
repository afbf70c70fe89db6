import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { PlanStatus } from '../entities/enums';
import type { GoalGuarantor, Indicator, IndicatorGuarantor, IndicatorValue, Plan, PlanGoal, PlanMeasure, PlanPriority } from '../entities/plan.entity';
import { MunicipalityType } from '../schema/municipality.type';
import { OrganisationType } from '../schema/organisation.type';
import { PersonType } from '../schema/person.type';
import {
  AddIndicatorInput,
  AddPlanPartInput,
  AssignGoalGuarantorInput,
  AssignIndicatorGuarantorInput,
  CreatePlanInput,
  RecordIndicatorValueInput,
  CorrectIndicatorValueInput,
  RemoveGuarantorInput,
  UpdateGoalStatusInput,
} from '../schema/plan.input';
import {
  GoalGuarantorType,
  IndicatorGuarantorType,
  IndicatorType,
  IndicatorValueType,
  IndicatorValueCorrectionType,
  PlanGoalType,
  PlanMeasureType,
  PlanPriorityType,
  PlanType,
} from '../schema/plan.type';
import { nextValueDue } from '../services/indicator-due';
import { indicatorView } from '../mappers/plan.mapper';

const INPUT = { description: 'What to do; see the input type.' };

export const toPlan = async (ctx: RequestContext, p: Plan): Promise<PlanType> => {
  const { status, adoptedAt, inForceYears } = await ctx.services.plans.standing(ctx, p);
  return Object.assign(new PlanType(), {
    id: p.id,
    title: p.title,
    yearFrom: p.yearFrom,
    yearTo: p.yearTo,
    proposalId: p.proposalId,
    areaId: p.areaId,
    status,
    adoptedAt,
    inForceYears,
    textClosed: status === PlanStatus.ADOPTED || status === PlanStatus.SUPERSEDED,
  });
};
const toPriority = (p: PlanPriority): PlanPriorityType => Object.assign(new PlanPriorityType(), { id: p.id, position: p.position, title: p.title });
const toGoal = (g: PlanGoal): PlanGoalType => Object.assign(new PlanGoalType(), { id: g.id, position: g.position, title: g.title, status: g.status, statusComment: g.statusComment });
const toGuarantor = (g: GoalGuarantor): GoalGuarantorType =>
  Object.assign(new GoalGuarantorType(), { id: g.id, municipalityId: g.municipalityId, personId: g.personId, organisationId: g.organisationId });
const toIndicatorGuarantor = (g: IndicatorGuarantor): IndicatorGuarantorType =>
  Object.assign(new IndicatorGuarantorType(), { id: g.id, personId: g.personId, organisationId: g.organisationId });
/** The person a guarantor names, if any. */
const guarantorPerson = async (ctx: RequestContext, personId: string | null): Promise<PersonType | null> => {
  const p = personId ? await ctx.loaders.personById.load(personId) : null;
  return p ? PersonType.from(p) : null;
};
const toMeasure = (m: PlanMeasure): PlanMeasureType => Object.assign(new PlanMeasureType(), { id: m.id, position: m.position, title: m.title, description: m.description });
/** The schema's view of the row. */
export const toIndicator = (i: Indicator): IndicatorType => Object.assign(new IndicatorType(), indicatorView(i));
const toValue = (v: IndicatorValue, corrects: IndicatorValue | null = null): IndicatorValueType =>
  Object.assign(new IndicatorValueType(), {
    id: v.id,
    value: Number(v.value),
    measuredOn: v.measuredOn,
    note: v.note,
    recordedById: v.recordedById,
    correction: corrects && v.correctionReason ? Object.assign(new IndicatorValueCorrectionType(), { previousValue: Number(corrects.value), previousMeasuredOn: corrects.measuredOn, reason: v.correctionReason }) : null,
  });

@Resolver(() => PlanType)
export class PlanResolver {
  @Query(() => [PlanType], { description: "An area's plans the viewer may see, newest period first." })
  async plans(@Ctx() ctx: RequestContext, @Arg('areaId', () => ID, { description: 'The area.' }) areaId: string): Promise<PlanType[]> {
    return Promise.all((await ctx.services.plans.list(ctx, areaId)).map((p) => toPlan(ctx, p)));
  }

  @Query(() => PlanType, { nullable: true, description: 'The plan in force in an area for a year (only one is), or null. Public: plans in force are adopted.' })
  async planInForce(
    @Ctx() ctx: RequestContext,
    @Arg('areaId', () => ID, { description: 'The area.' }) areaId: string,
    @Arg('year', () => Int, { description: 'The year, e.g. 2027.' }) year: number,
  ): Promise<PlanType | null> {
    const plan = await ctx.services.plans.inForce(ctx, areaId, year);
    return plan ? toPlan(ctx, plan) : null;
  }

  @Query(() => PlanType, { nullable: true, description: 'One plan; NOT_FOUND when the viewer may not see it. Null then, with the error at this field\'s path, so that the rest of the answer stands.' })
  async plan(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The plan.' }) id: string): Promise<PlanType> {
    return toPlan(ctx, await ctx.services.plans.get(ctx, id));
  }

  @Mutation(() => PlanType, { description: 'Creates a plan, and with a working group its PLAN proposal. The coordinator.' })
  async createPlan(@Ctx() ctx: RequestContext, @Arg('input', () => CreatePlanInput, INPUT) input: CreatePlanInput): Promise<PlanType> {
    return toPlan(ctx, await ctx.services.plans.create(ctx, input));
  }

  @Mutation(() => PlanType, { description: 'Adds a priority to a plan; returns the plan, its priorities listing the new one last. The coordinator or support.' })
  async addPriority(@Ctx() ctx: RequestContext, @Arg('input', () => AddPlanPartInput, INPUT) input: AddPlanPartInput): Promise<PlanType> {
    return toPlan(ctx, (await ctx.services.plans.addPriority(ctx, input)).parent);
  }

  @Mutation(() => PlanPriorityType, { description: 'Adds a goal to a priority; returns the priority, its goals listing the new one last. The coordinator or support.' })
  async addGoal(@Ctx() ctx: RequestContext, @Arg('input', () => AddPlanPartInput, INPUT) input: AddPlanPartInput): Promise<PlanPriorityType> {
    return toPriority((await ctx.services.plans.addGoal(ctx, input)).parent);
  }

  @Mutation(() => PlanGoalType, { description: 'Adds a measure to a goal; returns the goal, its measures listing the new one last. The coordinator or support.' })
  async addMeasure(@Ctx() ctx: RequestContext, @Arg('input', () => AddPlanPartInput, INPUT) input: AddPlanPartInput): Promise<PlanGoalType> {
    return toGoal((await ctx.services.plans.addMeasure(ctx, input)).parent);
  }

  @Mutation(() => PlanMeasureType, { description: 'Adds an indicator to a measure; returns the measure, its indicators listing the new one. The coordinator or support.' })
  async addIndicator(@Ctx() ctx: RequestContext, @Arg('input', () => AddIndicatorInput, INPUT) input: AddIndicatorInput): Promise<PlanMeasureType> {
    return toMeasure((await ctx.services.plans.addIndicator(ctx, input)).parent);
  }

  @Mutation(() => PlanGoalType, {
    description:
      "Adds a goal guarantor (gestor cíle): a municipality and/or a person, or an organisation; returns the goal with its guarantors. The area's coordinators, admins and support, also once the plan is adopted. The same guarantor twice is CONFLICT.",
  })
  async assignGoalGuarantor(@Ctx() ctx: RequestContext, @Arg('input', () => AssignGoalGuarantorInput, INPUT) input: AssignGoalGuarantorInput): Promise<PlanGoalType> {
    return toGoal(await ctx.services.plans.assignGoalGuarantor(ctx, input));
  }

  @Mutation(() => PlanGoalType, { description: "Removes a goal guarantor; returns the goal. The area's coordinators, admins and support." })
  async removeGoalGuarantor(@Ctx() ctx: RequestContext, @Arg('input', () => RemoveGuarantorInput, INPUT) input: RemoveGuarantorInput): Promise<PlanGoalType> {
    return toGoal(await ctx.services.plans.removeGoalGuarantor(ctx, input));
  }

  @Mutation(() => IndicatorType, {
    description:
      "Adds an indicator guarantor (gestor indikátoru): a person or an organisation; returns the indicator with its guarantors. The area's coordinators, admins and support, also once the plan is adopted. The same guarantor twice is CONFLICT.",
  })
  async assignIndicatorGuarantor(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AssignIndicatorGuarantorInput, INPUT) input: AssignIndicatorGuarantorInput,
  ): Promise<IndicatorType> {
    return toIndicator(await ctx.services.plans.assignIndicatorGuarantor(ctx, input));
  }

  @Mutation(() => IndicatorType, { description: "Removes an indicator guarantor; returns the indicator. The area's coordinators, admins and support." })
  async removeIndicatorGuarantor(@Ctx() ctx: RequestContext, @Arg('input', () => RemoveGuarantorInput, INPUT) input: RemoveGuarantorInput): Promise<IndicatorType> {
    return toIndicator(await ctx.services.plans.removeIndicatorGuarantor(ctx, input));
  }

  @Mutation(() => IndicatorType, {
    description:
      "Records a measured value; returns the indicator, its values listing the new one and its progress counting it. The indicator's guarantors (a person guarantor, or a person of a guarantor organisation by their person record or a seat held today), the area's coordinators and admins.",
  })
  async recordIndicatorValue(@Ctx() ctx: RequestContext, @Arg('input', () => RecordIndicatorValueInput, INPUT) input: RecordIndicatorValueInput): Promise<IndicatorType> {
    return toIndicator(await ctx.services.plans.recordValue(ctx, input));
  }

  @Mutation(() => IndicatorType, {
    description:
      'Corrects a recorded value — its number, or its day too — saying why: the correction is a new value in force that names what it replaced; the old one stays in the record. Returns the indicator, its values showing the correction in force and its progress counting it. Who may record the indicator\'s values. CONFLICT when the value was corrected already or the new day has a value.',
  })
  async correctIndicatorValue(@Ctx() ctx: RequestContext, @Arg('input', () => CorrectIndicatorValueInput, INPUT) input: CorrectIndicatorValueInput): Promise<IndicatorType> {
    return toIndicator(await ctx.services.plans.correctValue(ctx, input));
  }

  @Mutation(() => PlanGoalType, {
    description: "Sets a goal's status. Its guarantors (a person guarantor, or a person of a guarantor organisation by their person record or a seat held today), the area's coordinators and admins.",
  })
  async updateGoalStatus(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateGoalStatusInput, INPUT) input: UpdateGoalStatusInput): Promise<PlanGoalType> {
    return toGoal(await ctx.services.plans.updateGoalStatus(ctx, input));
  }

  @FieldResolver(() => [PlanPriorityType], { description: 'Priorities, in order.' })
  async priorities(@Ctx() ctx: RequestContext, @Root() p: PlanType): Promise<PlanPriorityType[]> {
    return (await ctx.services.plans.priorities(ctx, p.id)).map(toPriority);
  }
}

@Resolver(() => PlanPriorityType)
export class PlanPriorityResolver {
  @FieldResolver(() => [PlanGoalType], { description: 'Goals, in order.' })
  async goals(@Ctx() ctx: RequestContext, @Root() p: PlanPriorityType): Promise<PlanGoalType[]> {
    return (await ctx.services.plans.goals(ctx, p.id)).map(toGoal);
  }
}

@Resolver(() => PlanGoalType)
export class PlanGoalResolver {
  @FieldResolver(() => [GoalGuarantorType], { description: 'Goal guarantors.' })
  async guarantors(@Ctx() ctx: RequestContext, @Root() g: PlanGoalType): Promise<GoalGuarantorType[]> {
    return (await ctx.services.plans.guarantors(ctx, g.id)).map(toGuarantor);
  }

  @FieldResolver(() => [PlanMeasureType], { description: 'Measures, in order.' })
  async measures(@Ctx() ctx: RequestContext, @Root() g: PlanGoalType): Promise<PlanMeasureType[]> {
    return (await ctx.services.plans.measures(ctx, g.id)).map(toMeasure);
  }
}

@Resolver(() => GoalGuarantorType)
export class GoalGuarantorResolver {
  @FieldResolver(() => MunicipalityType, { nullable: true, description: 'The guarantor municipality.' })
  async municipality(@Ctx() ctx: RequestContext, @Root() g: GoalGuarantorType): Promise<MunicipalityType | null> {
    const m = g.municipalityId ? await ctx.loaders.municipalityById.load(g.municipalityId) : null;
    return m ? MunicipalityType.from(m) : null;
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'The guarantor person.' })
  person(@Ctx() ctx: RequestContext, @Root() g: GoalGuarantorType): Promise<PersonType | null> {
    return guarantorPerson(ctx, g.personId);
  }

  @FieldResolver(() => OrganisationType, { nullable: true, description: 'The guarantor organisation.' })
  async organisation(@Ctx() ctx: RequestContext, @Root() g: GoalGuarantorType): Promise<OrganisationType | null> {
    return OrganisationType.orNull(await ctx.services.organisations.referred(ctx, g.organisationId));
  }
}

@Resolver(() => IndicatorGuarantorType)
export class IndicatorGuarantorResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: 'The guarantor person; null when an organisation is the guarantor.' })
  person(@Ctx() ctx: RequestContext, @Root() g: IndicatorGuarantorType): Promise<PersonType | null> {
    return guarantorPerson(ctx, g.personId);
  }

  @FieldResolver(() => OrganisationType, { nullable: true, description: 'The guarantor organisation; null when a person is the guarantor.' })
  async organisation(@Ctx() ctx: RequestContext, @Root() g: IndicatorGuarantorType): Promise<OrganisationType | null> {
    return OrganisationType.orNull(await ctx.services.organisations.referred(ctx, g.organisationId));
  }
}

@Resolver(() => PlanMeasureType)
export class PlanMeasureResolver {
  @FieldResolver(() => [IndicatorType], { description: 'Indicators.' })
  async indicators(@Ctx() ctx: RequestContext, @Root() m: PlanMeasureType): Promise<IndicatorType[]> {
    return (await ctx.services.plans.indicators(ctx, m.id)).map(toIndicator);
  }
}

@Resolver(() => IndicatorType)
export class IndicatorResolver {
  @FieldResolver(() => [IndicatorGuarantorType], { description: 'Indicator guarantors (gestoři indikátoru), people and organisations, in the order named.' })
  async guarantors(@Ctx() ctx: RequestContext, @Root() i: IndicatorType): Promise<IndicatorGuarantorType[]> {
    return (await ctx.services.plans.indicatorGuarantors(ctx, i.id)).map(toIndicatorGuarantor);
  }

  @FieldResolver(() => [IndicatorValueType], { description: 'Measured values in force (one per day), oldest first; a corrected value shows what it replaced.' })
  async values(@Ctx() ctx: RequestContext, @Root() i: IndicatorType): Promise<IndicatorValueType[]> {
    return (await ctx.services.plans.values(ctx, i.id)).map((v) => toValue(v.value, v.corrects));
  }

  @FieldResolver(() => GraphQLLocalDate, {
    description: 'The day (YYYY-MM-DD) its next value is due: one reporting period after the latest value, or after the baseline. Its guarantors are reminded from that day while the plan is adopted.',
  })
  async nextValueDue(@Ctx() ctx: RequestContext, @Root() i: IndicatorType): Promise<string> {
    const latest = (await ctx.services.plans.values(ctx, i.id)).at(-1)?.value;
    return nextValueDue(i.reportingPeriod, i.baselineDate, latest?.measuredOn ?? null);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Progress from baseline to target of the latest value: 0 at the baseline, 1 at the target (below 0 or above 1 beyond them); null with no value yet.',
  })
  async progress(@Ctx() ctx: RequestContext, @Root() i: IndicatorType): Promise<number | null> {
    const latest = (await ctx.services.plans.values(ctx, i.id)).at(-1)?.value;
    if (!latest || i.targetValue === i.baselineValue) return null;
    return (Number(latest.value) - i.baselineValue) / (i.targetValue - i.baselineValue);
  }
}

@Resolver(() => IndicatorValueType)
export class IndicatorValueResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: 'Who recorded the value.' })
  async recordedBy(@Ctx() ctx: RequestContext, @Root() v: IndicatorValueType): Promise<PersonType | null> {
    const p = await ctx.loaders.personById.load(v.recordedById);
    return p ? PersonType.from(p) : null;
  }
}
