import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GoalStatus, IndicatorDirection, Level, PlanStatus, ReportingPeriod, RiskArea, StakeholderQuadrant, SwotKind } from '../entities/enums';
import './enums';

@ObjectType('Plan', { description: 'A medium-term plan of an area. The public sees adopted plans; the area\'s members and roles see all.' })
export class PlanType {
  @Field(() => ID, { description: 'Identifier of the plan.' })
  id!: string;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => Int, { description: 'First year of the period.' })
  yearFrom!: number;

  @Field(() => Int, { description: 'Last year of the period.' })
  yearTo!: number;

  @Field(() => PlanStatus, { description: 'Status, following the PLAN proposal.' })
  status!: PlanStatus;

  @Field(() => ID, { nullable: true, description: 'The PLAN proposal carrying it through approval.' })
  proposalId!: string | null;

  @Field(() => Date, { nullable: true, description: 'When its PLAN proposal was approved; null unless adopted.' })
  adoptedAt!: Date | null;

  @Field(() => [Int], {
    description:
      'The years of its period this plan governs. Only one plan of an area is in force for a year: the one adopted last among those covering it. Empty unless adopted.',
  })
  inForceYears!: number[];

  @Field(() => Boolean, {
    description: 'Whether its text (structure, indicators, SWOT, variants) is closed because it was adopted. Monitoring, guarantors, risks, stakeholders and action plans stay open.',
  })
  textClosed!: boolean;

  areaId!: string;
}

@ObjectType('PlanPriority', { description: 'A priority of a plan.' })
export class PlanPriorityType {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  @Field(() => Int, { description: 'Position, from 1.' })
  position!: number;

  @Field(() => String, { description: 'Title.' })
  title!: string;
}

@ObjectType('PlanGoal', { description: 'A goal (cíl) of a priority.' })
export class PlanGoalType {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  @Field(() => Int, { description: 'Position, from 1.' })
  position!: number;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => GoalStatus, { description: 'Status, set by the goal guarantor or the coordinator.' })
  status!: GoalStatus;

  @Field(() => String, { nullable: true, description: 'Comment on the status.' })
  statusComment!: string | null;
}

@ObjectType('GoalGuarantor', { description: 'A goal guarantor (gestor cíle), one of several: a municipality and/or a person (e.g. its mayor), or an organisation.' })
export class GoalGuarantorType {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  municipalityId!: string | null;
  personId!: string | null;
  organisationId!: string | null;
}

@ObjectType('IndicatorGuarantor', { description: 'An indicator guarantor (gestor indikátoru), one of several: a person or an organisation.' })
export class IndicatorGuarantorType {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  personId!: string | null;
  organisationId!: string | null;
}

@ObjectType('PlanMeasure', { description: 'A measure (opatření) of a goal.' })
export class PlanMeasureType {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  @Field(() => Int, { description: 'Position, from 1.' })
  position!: number;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description!: string | null;
}

@ObjectType('IndicatorValueCorrection', { description: 'What a corrected value replaced, and why (the replaced value stays in the record).' })
export class IndicatorValueCorrectionType {
  @Field(() => Float, { description: 'The value it replaced.' })
  previousValue!: number;

  @Field(() => GraphQLLocalDate, { description: 'The day of the value it replaced (YYYY-MM-DD).' })
  previousMeasuredOn!: string;

  @Field(() => String, { description: 'Why the replaced value was wrong.' })
  reason!: string;
}

@ObjectType('IndicatorValue', { description: 'A measured value of an indicator.' })
export class IndicatorValueType {
  @Field(() => ID, { description: 'Identifier (to correct it with `correctIndicatorValue`).' })
  id!: string;

  @Field(() => Float, { description: 'The value.' })
  value!: number;

  @Field(() => GraphQLLocalDate, { description: 'Day measured (YYYY-MM-DD).' })
  measuredOn!: string;

  @Field(() => String, { nullable: true, description: 'Note.' })
  note!: string | null;

  @Field(() => IndicatorValueCorrectionType, { nullable: true, description: 'When this value corrects another: what it replaced and why; null for a value as first recorded.' })
  correction!: IndicatorValueCorrectionType | null;

  recordedById!: string;
}

/** What an indicator is (what is measured, from which baseline to which target): shared by the plan's indicator and the public draft's. */
@ObjectType()
export abstract class IndicatorTextType {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => String, { description: 'Unit.' })
  unit!: string;

  @Field(() => Float, { description: 'Baseline value.' })
  baselineValue!: number;

  @Field(() => GraphQLLocalDate, { description: 'Baseline day.' })
  baselineDate!: string;

  @Field(() => Float, { description: 'Target value.' })
  targetValue!: number;

  @Field(() => GraphQLLocalDate, { description: 'Target day.' })
  targetDate!: string;

  @Field(() => IndicatorDirection, { description: 'Up or down.' })
  direction!: IndicatorDirection;

  @Field(() => ReportingPeriod, { description: 'How often its guarantors owe a value.' })
  reportingPeriod!: ReportingPeriod;
}

@ObjectType('Indicator', { description: 'An indicator (indikátor) of a measure, with baseline, target and measured values.' })
export class IndicatorType extends IndicatorTextType {}

@ObjectType('PlanRisk', { description: 'A risk of the plan\'s register.' })
export class PlanRiskType {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  @Field(() => RiskArea, { description: 'Area of the risk.' })
  riskArea!: RiskArea;

  @Field(() => String, { description: 'What could happen.' })
  description!: string;

  @Field(() => Int, { description: 'Probability, 1–5.' })
  probability!: number;

  @Field(() => Int, { description: 'Impact, 1–5.' })
  impact!: number;

  @Field(() => Int, { description: 'Score: probability × impact (computed).' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'Mitigation.' })
  mitigation!: string | null;

  @Field(() => String, { nullable: true, description: 'Owner.' })
  owner!: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Next review.' })
  reviewDate!: string | null;
}

@ObjectType('PlanStakeholder', { description: 'A stakeholder in the influence × interest matrix.' })
export class PlanStakeholderType {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  @Field(() => String, { description: 'Name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description!: string | null;

  @Field(() => Level, { description: 'Influence.' })
  influence!: Level;

  @Field(() => Level, { description: 'Interest.' })
  interest!: Level;

  @Field(() => StakeholderQuadrant, { description: 'Quadrant (computed).' })
  quadrant!: StakeholderQuadrant;

  @Field(() => String, { description: 'How to work with them, in the request language.' })
  approach!: string;
}

export enum PlanExportFormat {
  MARKDOWN = 'MARKDOWN',
  JSON = 'JSON',
}

registerEnumType(PlanExportFormat, {
  name: 'PlanExportFormat',
  description: 'Format of an exported plan.',
  valuesConfig: { MARKDOWN: { description: 'A readable Markdown document.' }, JSON: { description: 'A JSON document (`format: "triada-plan"`), as `POST /imports/plan` reads it.' } },
});

@ObjectType('SwotItem', { description: 'A SWOT item of the plan\'s analysis.' })
export class SwotItemType {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  @Field(() => SwotKind, { description: 'Quadrant.' })
  kind!: SwotKind;

  @Field(() => String, { description: 'The item.' })
  text!: string;
}

@ObjectType('SolutionVariant', { description: 'A solution variant considered for the plan.' })
export class SolutionVariantType {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  @Field(() => Int, { description: 'Number of the variant, from 1.' })
  position!: number;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description!: string | null;

  @Field(() => Boolean, { description: 'Whether it is the chosen variant.' })
  chosen!: boolean;
}
