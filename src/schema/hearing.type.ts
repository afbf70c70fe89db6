import { IsDate, IsEmail, IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { HearingDecision, PlanStatus } from '../entities/enums';
import './enums';
import { IndicatorTextType, SolutionVariantType, SwotItemType } from './plan.type';
import { IsPlainText } from './validators';

@ObjectType('PublicHearing', { description: 'A public hearing (veřejné projednání) of a plan draft.' })
export class HearingType {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  @Field(() => Date, { description: 'When comments open.' })
  opensAt!: Date;

  @Field(() => Date, { description: 'When comments close.' })
  closesAt!: Date;

  areaId!: string;
}

@ObjectType('HearingNotice', {
  description:
    "The public notice of a public hearing: when it takes comments, in which area, and the draft plan under it. Anyone, also without signing in, reads it while the hearing is open and once the plan is adopted; the area's people with a role or a seat always. Comment with `submitHearingComment(input: { hearingId: id })`.",
})
export class HearingNoticeType {
  @Field(() => ID, { description: 'Identifier of the hearing (the `hearingId` of `submitHearingComment`).' })
  id!: string;

  @Field(() => Date, { description: 'When comments open.' })
  opensAt!: Date;

  @Field(() => Date, { description: 'When comments close.' })
  closesAt!: Date;

  areaId!: string;
  planId!: string;
}

@ObjectType('HearingDraftIndicator', { description: 'An indicator of a draft under hearing: what is measured, from which baseline to which target. Measured values are not part of a draft.' })
export class HearingDraftIndicatorType extends IndicatorTextType {}

/** What every part of a draft's structure has. */
@ObjectType()
abstract class HearingDraftPartType {
  @Field(() => ID, { description: 'Identifier (the same as in the plan).' })
  id!: string;

  @Field(() => Int, { description: 'Position, from 1.' })
  position!: number;

  @Field(() => String, { description: 'Title.' })
  title!: string;
}

@ObjectType('HearingDraftMeasure', { description: 'A measure (opatření) of a draft under hearing.' })
export class HearingDraftMeasureType extends HearingDraftPartType {
  @Field(() => String, { nullable: true, description: 'Description.' })
  description!: string | null;

  @Field(() => [HearingDraftIndicatorType], { description: 'Indicators, by name.' })
  indicators!: HearingDraftIndicatorType[];
}

@ObjectType('HearingDraftGoal', { description: 'A goal (cíl) of a draft under hearing. Its guarantors and status are not part of the public draft.' })
export class HearingDraftGoalType extends HearingDraftPartType {
  @Field(() => [HearingDraftMeasureType], { description: 'Measures, in order.' })
  measures!: HearingDraftMeasureType[];
}

@ObjectType('HearingDraftPriority', { description: 'A priority of a draft under hearing.' })
export class HearingDraftPriorityType extends HearingDraftPartType {
  @Field(() => [HearingDraftGoalType], { description: 'Goals, in order.' })
  goals!: HearingDraftGoalType[];
}

@ObjectType('HearingDraft', {
  description:
    'What of a plan draft under public hearing is public: period, status, structure with titles and texts, indicators with baseline and target, SWOT analysis and solution variants. Not its guarantors, goal statuses, indicator values, risk register, stakeholder matrix, action plans, PLAN proposal or the comments of the hearing.',
})
export class HearingDraftType {
  @Field(() => ID, { description: 'Identifier of the plan (`plan(id)` for whoever may read the plan itself; `hearingSettlement(planId)` once adopted).' })
  id!: string;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => Int, { description: 'First year of the period.' })
  yearFrom!: number;

  @Field(() => Int, { description: 'Last year of the period.' })
  yearTo!: number;

  @Field(() => PlanStatus, { description: 'Status, following the PLAN proposal (DRAFT or IN_APPROVAL while under hearing).' })
  status!: PlanStatus;

  @Field(() => [HearingDraftPriorityType], { description: 'Priorities, in order, down to goals, measures and indicators.' })
  priorities!: HearingDraftPriorityType[];

  @Field(() => [SwotItemType], { description: 'The SWOT analysis, by quadrant.' })
  swot!: SwotItemType[];

  @Field(() => [SolutionVariantType], { description: 'Solution variants, in order; at most one chosen.' })
  solutionVariants!: SolutionVariantType[];
}

@ObjectType('HearingComment', { description: 'A comment of the public hearing and its answer. The author\'s e-mail is never shown.' })
export class HearingCommentType {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Name the author gave, if any.' })
  authorName!: string | null;

  @Field(() => String, { description: 'The comment.' })
  text!: string;

  @Field(() => HearingDecision, { nullable: true, description: 'The answer; null while unanswered.' })
  decision!: HearingDecision | null;

  @Field(() => String, { nullable: true, description: 'Justification of the answer.' })
  justification!: string | null;

  @Field(() => Date, { description: 'When submitted.' })
  submittedAt!: Date;
}

@ObjectType('HearingSettlement', { description: 'The settlement table of a plan\'s public hearing, publishable as the plan\'s annex.' })
export class HearingSettlementType {
  @Field(() => [HearingCommentType], { description: 'Every comment with its answer.' })
  comments!: HearingCommentType[];

  @Field(() => String, { description: 'The table in Markdown.' })
  markdown!: string;

  @Field(() => String, { description: 'The table as CSV the way Czech Excel opens it: UTF-8 with a byte-order mark, cells quoted and separated by `;`, lines ending CRLF; a cell that would start a formula (`= + - @`) is prefixed with an apostrophe.' })
  csv!: string;
}

@InputType({ description: 'Opens the public hearing of a plan. The coordinator.' })
export class OpenPublicHearingInput {
  @Field(() => ID, { description: 'The plan.' })
  @IsUUID('all')
  planId!: string;

  @Field(() => Date, { nullable: true, description: 'When comments open; now when omitted.' })
  @IsOptional()
  @IsDate()
  opensAt?: Date | null;

  @Field(() => Date, { description: 'When comments close.' })
  @IsDate()
  closesAt!: Date;
}

@InputType({ description: 'A comment to a public hearing; anyone, also without signing in, while it is open.' })
export class SubmitHearingCommentInput {
  @Field(() => ID, { description: 'The hearing.' })
  @IsUUID('all')
  hearingId!: string;

  @Field(() => String, { nullable: true, description: 'Your name (optional, shown in the settlement).' })
  @IsOptional()
  @Length(1, 200)
  @IsPlainText()
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Your e-mail for the answer (optional, never shown).' })
  @IsOptional()
  @IsEmail()
  @Length(3, 254)
  email?: string | null;

  @Field(() => String, { description: 'The comment, up to 5,000 characters.' })
  @Length(1, 5000)
  @IsPlainText()
  text!: string;
}

@InputType({ description: 'The answer to a hearing comment. The coordinator.' })
export class AnswerHearingCommentInput {
  @Field(() => ID, { description: 'The comment.' })
  @IsUUID('all')
  hearingCommentId!: string;

  @Field(() => HearingDecision, { description: 'Accepted, partially accepted or rejected.' })
  @IsEnum(HearingDecision)
  decision!: HearingDecision;

  @Field(() => String, { description: 'Justification.' })
  @Length(1, 5000)
  @IsPlainText()
  justification!: string;
}
