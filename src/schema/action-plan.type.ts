import { GraphQLLocalDate } from 'graphql-scalars';
import { IsEnum, IsInt, IsNumber, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ProjectIntentStatus } from '../entities/enums';
import './enums';
import { IsPlainText } from './validators';

@ObjectType('ActionPlan', { description: 'A yearly action plan (akční plán) of a medium-term plan.' })
export class ActionPlanType {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  @Field(() => Int, { description: 'The year.' })
  year!: number;
}

@ObjectType('ProjectIntent', { description: 'A project intent (projektový záměr) of an action plan.' })
export class ProjectIntentType {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  @Field(() => ID, { description: 'The measure it serves.' })
  measureId!: string;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => String, { description: 'Responsible organisation.' })
  responsibleOrganisation!: string;

  @Field(() => Float, { description: 'Budget in CZK.' })
  budgetCzk!: number;

  @Field(() => String, { nullable: true, description: 'Funding sources.' })
  fundingSources!: string | null;

  @Field(() => GraphQLLocalDate, { description: 'Start (YYYY-MM-DD).' })
  startsOn!: string;

  @Field(() => GraphQLLocalDate, { description: 'End (YYYY-MM-DD).' })
  endsOn!: string;

  @Field(() => ProjectIntentStatus, { description: 'Status.' })
  status!: ProjectIntentStatus;

  @Field(() => String, { nullable: true, description: 'The latest monitoring note; every report is in `reports`.' })
  monitoringNote!: string | null;

  @Field(() => ID, { nullable: true, description: 'The PROJECT_INTENT proposal, when sent through the pipeline.' })
  proposalId!: string | null;
}

@InputType({ description: 'A yearly action plan of a plan. The coordinator or support.' })
export class CreateActionPlanInput {
  @Field(() => ID, { description: 'The plan.' })
  @IsUUID('all')
  planId!: string;

  @Field(() => Int, { description: 'The year, within the plan\'s period.' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

@InputType({ description: 'A project intent of an action plan, serving a measure of the same plan.' })
export class AddProjectIntentInput {
  @Field(() => ID, { description: 'The action plan.' })
  @IsUUID('all')
  actionPlanId!: string;

  @Field(() => ID, { description: 'The measure it serves.' })
  @IsUUID('all')
  measureId!: string;

  @Field(() => String, { description: 'Title.' })
  @Length(1, 300)
  @IsPlainText()
  title!: string;

  @Field(() => String, { description: 'Responsible organisation.' })
  @Length(1, 300)
  @IsPlainText()
  responsibleOrganisation!: string;

  @Field(() => Float, { description: 'Budget in CZK.' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1e12)
  budgetCzk!: number;

  @Field(() => String, { nullable: true, description: 'Funding sources, e.g. "rozpočet města, OPZ+".' })
  @IsOptional()
  @Length(1, 1000)
  @IsPlainText()
  fundingSources?: string | null;

  @Field(() => GraphQLLocalDate, { description: 'Start (YYYY-MM-DD).' })
  startsOn!: string;

  @Field(() => GraphQLLocalDate, { description: 'End (YYYY-MM-DD).' })
  endsOn!: string;

  @Field(() => ID, { nullable: true, description: 'A working group to send the intent through the pipeline as a PROJECT_INTENT proposal.' })
  @IsOptional()
  @IsUUID('all')
  workingGroupBodyId?: string | null;
}

@ObjectType('ProjectIntentReport', { description: 'A dated progress report (monitorovací zpráva) of a project intent: a status change and/or a note.' })
export class ProjectIntentReportType {
  @Field(() => ID, { description: 'Identifier.' })
  id!: string;

  @Field(() => ProjectIntentStatus, { description: 'Status before the report.' })
  statusFrom!: ProjectIntentStatus;

  @Field(() => ProjectIntentStatus, { description: 'Status after the report (the same when only a note was added).' })
  statusTo!: ProjectIntentStatus;

  @Field(() => String, { nullable: true, description: 'Monitoring note.' })
  note!: string | null;

  @Field(() => GraphQLLocalDate, { description: 'Day of the report (YYYY-MM-DD, Prague).' })
  reportedOn!: string;

  reportedById!: string;
}

@InputType({ description: 'A progress report of a project intent: a new status, a monitoring note, or both. The coordinator or support.' })
export class ReportProjectIntentInput {
  @Field(() => ID, { description: 'The project intent.' })
  @IsUUID('all')
  projectIntentId!: string;

  @Field(() => ProjectIntentStatus, {
    nullable: true,
    description: 'The new status: PLANNED → IN_PROGRESS → DONE, or CANCELLED before done. An intent sent through the pipeline starts once its proposal is approved.',
  })
  @IsOptional()
  @IsEnum(ProjectIntentStatus)
  status?: ProjectIntentStatus | null;

  @Field(() => String, { nullable: true, description: 'Monitoring note: what was done, what stands in the way.' })
  @IsOptional()
  @Length(1, 4000)
  @IsPlainText()
  note?: string | null;
}
