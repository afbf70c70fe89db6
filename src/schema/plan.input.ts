import { GraphQLLocalDate } from 'graphql-scalars';
import { ArrayMaxSize, IsEnum, IsNumber, IsOptional, IsUUID, Length, Max, Min, IsInt } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { GoalStatus, IndicatorDirection, Level, ReportingPeriod, RiskArea, SwotKind } from '../entities/enums';
import './enums';
import { IsPlainText } from './validators';

@InputType({ description: 'A new medium-term plan. With a working group it also starts its PLAN proposal there.' })
export class CreatePlanInput {
  @Field(() => ID, { description: 'The area.' })
  @IsUUID('all')
  areaId!: string;

  @Field(() => String, { description: 'Title, e.g. "Střednědobý plán rozvoje sociálních služeb 2027–2029".' })
  @Length(1, 300)
  @IsPlainText()
  title!: string;

  @Field(() => Int, { description: 'First year of the period.' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  yearFrom!: number;

  @Field(() => Int, { description: 'Last year of the period.' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  yearTo!: number;

  @Field(() => ID, { nullable: true, description: 'Working group in which the PLAN proposal starts.' })
  @IsOptional()
  @IsUUID('all')
  workingGroupBodyId?: string | null;
}

@InputType({ description: 'A part of a plan: a priority of a plan, a goal of a priority, or a measure of a goal.' })
export class AddPlanPartInput {
  @Field(() => ID, { description: 'The parent: the plan for a priority, the priority for a goal, the goal for a measure.' })
  @IsUUID('all')
  parentId!: string;

  @Field(() => String, { description: 'Title.' })
  @Length(1, 500)
  @IsPlainText()
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description (measures).' })
  @IsOptional()
  @Length(1, 10_000)
  @IsPlainText()
  description?: string | null;
}

@InputType({ description: 'An indicator of a measure.' })
export class AddIndicatorInput {
  @Field(() => ID, { description: 'The measure.' })
  @IsUUID('all')
  measureId!: string;

  @Field(() => String, { description: 'Name, e.g. "Počet klientů terénní služby".' })
  @Length(1, 300)
  @IsPlainText()
  name!: string;

  @Field(() => String, { description: 'Unit, e.g. "osob", "%".' })
  @Length(1, 40)
  @IsPlainText()
  unit!: string;

  @Field(() => Float, { description: 'Baseline value.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  baselineValue!: number;

  @Field(() => GraphQLLocalDate, { description: 'Day of the baseline (YYYY-MM-DD).' })
  baselineDate!: string;

  @Field(() => Float, { description: 'Target value.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  targetValue!: number;

  @Field(() => GraphQLLocalDate, { description: 'Day the target is due (YYYY-MM-DD).' })
  targetDate!: string;

  @Field(() => IndicatorDirection, { description: 'Whether success means going up or down.' })
  @IsEnum(IndicatorDirection)
  direction!: IndicatorDirection;

  @Field(() => [ID], { nullable: true, description: 'Indicator guarantors (gestoři indikátoru) who are people of the area, up to 20; more with `assignIndicatorGuarantor`.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  guarantorPersonIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Indicator guarantors that are organisations of the area (e.g. an NGO, a town department), up to 20.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  guarantorOrganisationIds?: string[] | null;

  @Field(() => ReportingPeriod, { nullable: true, description: 'How often the guarantor owes a value; YEARLY when omitted. A reminder goes out when one is due.' })
  @IsOptional()
  @IsEnum(ReportingPeriod)
  reportingPeriod?: ReportingPeriod | null;
}

@InputType({ description: 'A measured value of an indicator. Its guarantor or the coordinator.' })
export class RecordIndicatorValueInput {
  @Field(() => ID, { description: 'The indicator.' })
  @IsUUID('all')
  indicatorId!: string;

  @Field(() => Float, { description: 'The value.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @Field(() => GraphQLLocalDate, { description: 'Day measured (YYYY-MM-DD); not a day still to come, and one value per day (correct a wrong one with `correctIndicatorValue`).' })
  measuredOn!: string;

  @Field(() => String, { nullable: true, description: 'Note.' })
  @IsOptional()
  @Length(1, 2000)
  @IsPlainText()
  note?: string | null;
}

@InputType({ description: 'A correction of a recorded value: the new number (and day, when the day was wrong) and why.' })
export class CorrectIndicatorValueInput {
  @Field(() => ID, { description: 'The value to correct (a value in force).' })
  @IsUUID('all')
  indicatorValueId!: string;

  @Field(() => Float, { description: 'The right value.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The right day (YYYY-MM-DD), when the day was wrong; the corrected value\'s day otherwise. Never a day still to come.' })
  @IsOptional()
  measuredOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Note; the corrected value\'s note when omitted, none when null.' })
  @IsOptional()
  @Length(1, 2000)
  @IsPlainText()
  note?: string | null;

  @Field(() => String, { description: 'Why the recorded value was wrong (e.g. "Chyba v přepisu z výroční zprávy.").' })
  @Length(1, 2000)
  @IsPlainText()
  reason!: string;
}

@InputType({
  description:
    'One more goal guarantor (gestor cíle): a municipality of the area and/or a person (e.g. its mayor), or an organisation of the area on its own. A person guarantor, and the people of a guarantor organisation (by their person record or a seat held today), change the goal\'s status.',
})
export class AssignGoalGuarantorInput {
  @Field(() => ID, { description: 'The goal.' })
  @IsUUID('all')
  goalId!: string;

  @Field(() => ID, { nullable: true, description: 'The municipality.' })
  @IsOptional()
  @IsUUID('all')
  municipalityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The person.' })
  @IsOptional()
  @IsUUID('all')
  personId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The organisation (without a municipality or a person).' })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string | null;
}

@InputType({
  description:
    'One more indicator guarantor (gestor indikátoru): a person of the area or an organisation of the area, one of the two. A person guarantor, and the people of a guarantor organisation (by their person record or a seat held today), record the indicator\'s values and are reminded when one is due.',
})
export class AssignIndicatorGuarantorInput {
  @Field(() => ID, { description: 'The indicator.' })
  @IsUUID('all')
  indicatorId!: string;

  @Field(() => ID, { nullable: true, description: 'The person.' })
  @IsOptional()
  @IsUUID('all')
  personId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The organisation.' })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string | null;
}

@InputType({ description: 'A goal or indicator guarantor to remove.' })
export class RemoveGuarantorInput {
  @Field(() => ID, { description: 'The guarantor (`GoalGuarantor.id` or `IndicatorGuarantor.id`).' })
  @IsUUID('all')
  guarantorId!: string;
}

@InputType({ description: "A goal's status, set by its guarantor or the coordinator." })
export class UpdateGoalStatusInput {
  @Field(() => ID, { description: 'The goal.' })
  @IsUUID('all')
  goalId!: string;

  @Field(() => GoalStatus, { description: 'The status.' })
  @IsEnum(GoalStatus)
  status!: GoalStatus;

  @Field(() => String, { nullable: true, description: 'Comment.' })
  @IsOptional()
  @Length(1, 2000)
  @IsPlainText()
  comment?: string | null;
}

@InputType({ description: 'A risk of the plan. The score is computed (probability × impact), never sent.' })
export class AddRiskInput {
  @Field(() => ID, { description: 'The plan.' })
  @IsUUID('all')
  planId!: string;

  @Field(() => RiskArea, { description: 'Area of the risk.' })
  @IsEnum(RiskArea)
  riskArea!: RiskArea;

  @Field(() => String, { description: 'What could happen.' })
  @Length(1, 2000)
  @IsPlainText()
  description!: string;

  @Field(() => Int, { description: 'Probability, 1–5.' })
  @IsInt()
  @Min(1)
  @Max(5)
  probability!: number;

  @Field(() => Int, { description: 'Impact on the plan\'s goals, 1–5.' })
  @IsInt()
  @Min(1)
  @Max(5)
  impact!: number;

  @Field(() => String, { nullable: true, description: 'Mitigation.' })
  @IsOptional()
  @Length(1, 2000)
  @IsPlainText()
  mitigation?: string | null;

  @Field(() => String, { nullable: true, description: 'Owner of the risk, e.g. "Obec a NNO".' })
  @IsOptional()
  @Length(1, 300)
  @IsPlainText()
  owner?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Next review (YYYY-MM-DD).' })
  @IsOptional()
  reviewDate?: string | null;
}

@InputType({ description: 'Changes to a risk; omitted fields stay.' })
export class UpdateRiskInput {
  @Field(() => ID, { description: 'The risk.' })
  @IsUUID('all')
  riskId!: string;

  @Field(() => Int, { nullable: true, description: 'Probability, 1–5.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  probability?: number;

  @Field(() => Int, { nullable: true, description: 'Impact, 1–5.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  impact?: number;

  @Field(() => String, { nullable: true, description: 'Mitigation.' })
  @IsOptional()
  @Length(1, 2000)
  @IsPlainText()
  mitigation?: string | null;

  @Field(() => String, { nullable: true, description: 'Owner.' })
  @IsOptional()
  @Length(1, 300)
  @IsPlainText()
  owner?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Next review (YYYY-MM-DD).' })
  @IsOptional()
  reviewDate?: string | null;
}

@InputType({ description: 'A stakeholder of the plan. The quadrant is computed from influence and interest, never sent.' })
export class AddStakeholderInput {
  @Field(() => ID, { description: 'The plan.' })
  @IsUUID('all')
  planId!: string;

  @Field(() => String, { description: 'Stakeholder, e.g. "Starostové obcí s MŠ a ZŠ".' })
  @Length(1, 300)
  @IsPlainText()
  name!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  @IsOptional()
  @Length(1, 2000)
  @IsPlainText()
  description?: string | null;

  @Field(() => Level, { description: 'Influence.' })
  @IsEnum(Level)
  influence!: Level;

  @Field(() => Level, { description: 'Interest.' })
  @IsEnum(Level)
  interest!: Level;
}

@InputType({ description: 'A SWOT item of the plan\'s analysis.' })
export class AddSwotItemInput {
  @Field(() => ID, { description: 'The plan.' })
  @IsUUID('all')
  planId!: string;

  @Field(() => SwotKind, { description: 'Strength, weakness, opportunity or threat.' })
  @IsEnum(SwotKind)
  kind!: SwotKind;

  @Field(() => String, { description: 'The item, e.g. "Dlouhodobě vysoká míra nezaměstnanosti".' })
  @Length(1, 2000)
  @IsPlainText()
  text!: string;
}

@InputType({ description: 'A solution variant; `chosen` makes it the chosen one (and unchooses the others).' })
export class AddSolutionVariantInput {
  @Field(() => ID, { description: 'The plan.' })
  @IsUUID('all')
  planId!: string;

  @Field(() => String, { description: 'Title, e.g. "Širší zapojení neziskového sektoru".' })
  @Length(1, 300)
  @IsPlainText()
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  @IsOptional()
  @Length(1, 10_000)
  @IsPlainText()
  description?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Whether this is the chosen variant.' })
  chosen!: boolean;
}
