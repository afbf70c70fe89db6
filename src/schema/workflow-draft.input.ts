import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { BodyKind, ProposalPhase } from '../entities/enums';
import './enums';
import { WorkflowHearingRule } from './workflow-definition.type';
import { IsPlainText } from './validators';

/** What a transition records besides the stage (`WorkflowTransition.effects`). */
export enum WorkflowEffect {
  SUBMITTED = 'SUBMITTED',
  COMMISSION_RECOMMENDS = 'COMMISSION_RECOMMENDS',
  COMMISSION_DOES_NOT_RECOMMEND = 'COMMISSION_DOES_NOT_RECOMMEND',
  COUNCIL_RESOLUTION = 'COUNCIL_RESOLUTION',
  ASSEMBLY_RESOLUTION = 'ASSEMBLY_RESOLUTION',
}

registerEnumType(WorkflowEffect, {
  name: 'WorkflowEffect',
  description: 'What a transition records on the proposal besides its stage.',
  valuesConfig: {
    SUBMITTED: { description: 'The materials went to the working group (the first time stamps `submittedAt`); only from the draft stage.' },
    COMMISSION_RECOMMENDS: { description: "The social commission recommends to the council; only from the commission's stage." },
    COMMISSION_DOES_NOT_RECOMMEND: { description: "The social commission does not recommend; only from the commission's stage." },
    COUNCIL_RESOLUTION: { description: "The resolution number typed is the council's; only from the council's stage, with `resolutionNumberRequired`." },
    ASSEMBLY_RESOLUTION: { description: "The resolution number typed is the assembly's; only from the assembly's stage, with `resolutionNumberRequired`." },
  },
});

@InputType({ description: 'A published workflow version.' })
export class WorkflowVersionInput {
  @Field(() => String, { description: 'Definition key.' })
  @Length(1, 64)
  @IsPlainText()
  key!: string;

  @Field(() => Int, { description: 'Version number.' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version!: number;
}

/** Labels of a stage or a transition, in Czech and English (fields the inputs below inherit). */
@InputType('WorkflowLabelsInput', { description: 'Labels in Czech and English.' })
abstract class LabelledInput {
  @Field(() => String, { nullable: true, description: 'Czech label; a draft may leave it out for now (validation lists it as missing).' })
  @IsOptional()
  @Length(1, 200)
  @IsPlainText()
  labelCs?: string | null;

  @Field(() => String, { nullable: true, description: 'English label; a draft may leave it out for now (validation lists it as missing).' })
  @IsOptional()
  @Length(1, 200)
  @IsPlainText()
  labelEn?: string | null;
}

@InputType({ description: 'A stage of a drafted workflow.' })
export class WorkflowStageInput extends LabelledInput {
  @Field(() => String, { description: 'Stage key, as proposals will show it in `state` (upper case, digits, underscores); empty while not chosen yet (validation lists it).' })
  @Length(0, 64)
  key!: string;

  @Field(() => ProposalPhase, { description: 'Where a proposal in this stage stands.' })
  @IsEnum(ProposalPhase)
  phase!: ProposalPhase;

  @Field(() => BodyKind, { nullable: true, description: 'The kind of body that handles proposals in this stage (required for stages in review).' })
  @IsOptional()
  @IsEnum(BodyKind)
  bodyKind?: BodyKind | null;
}

@InputType({ description: 'A named guard of a drafted transition, from the guard catalogue (see `WorkflowGuard`).' })
export class WorkflowGuardInput {
  @Field(() => String, {
    description: 'Guard name: actorIs, hasTitleAndSummary, reasonRequired, reasonRequiredUnlessAuthor, resolutionNumberRequired, triadRepresented, noConflictOfInterest, hearingSettled, kindIs, kindIsNot.',
  })
  @Length(0, 64)
  @IsPlainText()
  name!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Parameters of the guards that take them (actorIs: `{"anyOf": [...]}`; kindIs, kindIsNot: `{"kinds": [...]}`).' })
  @IsOptional()
  params?: unknown;
}

@InputType({ description: 'A transition of a drafted workflow.' })
export class WorkflowTransitionInput extends LabelledInput {
  @Field(() => String, { description: 'Event name (upper case, digits, underscores); empty while not chosen yet (validation lists it).' })
  @Length(0, 64)
  event!: string;

  @Field(() => [String], { description: 'Stages the event leaves.' })
  @ArrayMaxSize(50)
  @Length(0, 64, { each: true })
  from!: string[];

  @Field(() => String, { description: 'Stage it enters.' })
  @Length(0, 64)
  to!: string;

  @Field(() => [WorkflowGuardInput], { description: 'Guards that must all pass.' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  guards!: WorkflowGuardInput[];

  @Field(() => [WorkflowEffect], { defaultValue: [], description: 'What it records besides the stage.' })
  @ArrayMaxSize(5)
  @IsEnum(WorkflowEffect, { each: true })
  effects!: WorkflowEffect[];

  @Field(() => Boolean, { defaultValue: false, description: 'Whether it sends the proposal back to an earlier stage for rework.' })
  @IsBoolean()
  returns!: boolean;
}

@InputType({ description: 'The whole content of a drafted workflow; it replaces what the draft held.' })
export class WorkflowContentInput {
  @Field(() => String, { nullable: true, description: 'Czech name; a draft may leave it out for now (validation lists it as missing).' })
  @IsOptional()
  @Length(1, 200)
  @IsPlainText()
  nameCs?: string | null;

  @Field(() => String, { nullable: true, description: 'English name; a draft may leave it out for now (validation lists it as missing).' })
  @IsOptional()
  @Length(1, 200)
  @IsPlainText()
  nameEn?: string | null;

  @Field(() => String, { description: 'The initial stage (the draft stage); empty in a new empty draft (validation lists it).' })
  @Length(0, 64)
  initial!: string;

  @Field(() => [WorkflowStageInput], { description: 'Stages.' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  stages!: WorkflowStageInput[];

  @Field(() => [WorkflowTransitionInput], { description: 'Transitions.' })
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  transitions!: WorkflowTransitionInput[];

  @Field(() => WorkflowHearingRule, { nullable: true, description: 'Where the public hearing of a plan binds; none when omitted.' })
  @IsOptional()
  @IsEnum(WorkflowHearingRule)
  hearingRule?: WorkflowHearingRule | null;
}

@InputType({ description: 'A new workflow draft.' })
export class CreateWorkflowDraftInput {
  @Field(() => ID, { nullable: true, description: "The area whose own workflow it drafts (its admin's); omitted for a template (a global admin's)." })
  @IsOptional()
  @IsUUID('all')
  areaId?: string | null;

  @Field(() => String, { description: "The key it will be published under: a new one (2–40 lower-case letters, digits, hyphens), or one the area (or the templates) already has." })
  @Length(1, 64)
  @IsPlainText()
  key!: string;

  @Field(() => WorkflowVersionInput, { nullable: true, description: "A published version to start from (a template or the area's own); an empty definition when omitted." })
  @IsOptional()
  @ValidateNested()
  from?: WorkflowVersionInput | null;
}

@InputType({ description: "A draft's new content." })
export class UpdateWorkflowDraftInput {
  @Field(() => ID, { description: 'The draft.' })
  @IsUUID('all')
  draftId!: string;

  @Field(() => Int, { description: 'The revision the editor started from; a draft changed since is refused (CONFLICT).' })
  @IsInt()
  @Min(1)
  expectedRevision!: number;

  @Field(() => WorkflowContentInput, { description: 'The whole definition.' })
  @ValidateNested()
  definition!: WorkflowContentInput;
}

/** A draft at the revision the editor acts on (fields the inputs below inherit). */
@InputType('WorkflowDraftRevisionInput', { description: 'A draft at a revision.' })
abstract class DraftRevisionInput {
  @Field(() => ID, { description: 'The draft.' })
  @IsUUID('all')
  draftId!: string;

  @Field(() => Int, { description: 'The revision the editor last saw (validated and previewed, to publish); a draft changed since is refused (CONFLICT).' })
  @IsInt()
  @Min(1)
  expectedRevision!: number;
}

@InputType({ description: 'Discarding a draft.' })
export class DiscardWorkflowDraftInput extends DraftRevisionInput {}

@InputType({ description: 'Publishing a draft as a new version.' })
export class PublishWorkflowDraftInput extends DraftRevisionInput {}

@InputType({ description: 'Where a stage of the version proposals run on goes in the target version.' })
export class StateMapEntryInput {
  @Field(() => String, { description: 'Stage in the version the proposals run on.' })
  @Length(1, 64)
  @IsPlainText()
  from!: string;

  @Field(() => String, { description: 'Stage in the target version.' })
  @Length(1, 64)
  @IsPlainText()
  to!: string;
}

@InputType({ description: 'Moving proposals in flight from one workflow version to another.' })
export class MigrateProposalsInput {
  @Field(() => ID, { description: 'The area.' })
  @IsUUID('all')
  areaId!: string;

  @Field(() => WorkflowVersionInput, { description: 'The version the proposals run on.' })
  @ValidateNested()
  from!: WorkflowVersionInput;

  @Field(() => WorkflowVersionInput, { description: "The version they move to (a template or the area's own)." })
  @ValidateNested()
  to!: WorkflowVersionInput;

  @Field(() => [StateMapEntryInput], { defaultValue: [], description: 'Where each stage goes; a stage not named goes to the stage of the same key, if the target has one.' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  stateMap!: StateMapEntryInput[];

  @Field(() => [ID], { nullable: true, description: "Only these proposals; every one of the area's still in flight on `from` when omitted." })
  @IsOptional()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  proposalIds?: string[] | null;

  @Field(() => String, { description: 'Why; recorded in each history.' })
  @Length(1, 2000)
  @IsPlainText()
  reason!: string;

  @Field(() => Boolean, { description: 'Only list what would move; write nothing.' })
  @IsBoolean()
  dryRun!: boolean;
}
