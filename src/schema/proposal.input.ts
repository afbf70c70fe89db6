import { IsEnum, IsInt, IsOptional, IsUUID, Length, Matches, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ProposalKind, ProposalPhase } from '../entities/enums';
import './enums';
import { IsPlainText } from './validators';

@InputType({ description: 'A new proposal, drafted in a working group.' })
export class CreateProposalInput {
  @Field(() => ID, { description: 'The working group the proposal is born in; the author must be its member, or the coordinator.' })
  @IsUUID('all')
  workingGroupBodyId!: string;

  @Field(() => ProposalKind, { description: 'What kind of proposal.' })
  @IsEnum(ProposalKind)
  kind!: ProposalKind;

  @Field(() => String, { description: 'Title.' })
  @Length(1, 300)
  @IsPlainText()
  title!: string;

  @Field(() => String, { nullable: true, description: 'Short summary; required before submitting.' })
  @IsOptional()
  @Length(1, 2000)
  @IsPlainText()
  summary?: string | null;

  @Field(() => String, { nullable: true, description: 'Full text.' })
  @IsOptional()
  @Length(1, 50_000)
  @IsPlainText()
  text?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The organisation (usually a provider) the proposal concerns, of the same area, if any: a member whose seat in the working group or whose person record refers to it cannot record the group\'s recommendation (conflict of interest).',
  })
  @IsOptional()
  @IsUUID('all')
  concernedOrganisationId?: string | null;
}

@InputType({ description: 'Changes to a draft; omitted fields stay, null clears an optional one. Author or working-group chair, in DRAFT only.' })
export class UpdateProposalInput {
  @Field(() => ID, { description: 'The proposal.' })
  @IsUUID('all')
  proposalId!: string;

  @Field(() => Int, { description: 'The version the change is based on; CONFLICT when the proposal has changed since.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => ProposalKind, { nullable: true, description: 'New kind.' })
  @IsOptional()
  kind?: ProposalKind;

  @Field(() => String, { nullable: true, description: 'New title.' })
  @IsOptional()
  @Length(1, 300)
  @IsPlainText()
  title?: string;

  @Field(() => String, { nullable: true, description: 'New summary.' })
  @IsOptional()
  @Length(1, 2000)
  @IsPlainText()
  summary?: string | null;

  @Field(() => String, { nullable: true, description: 'New full text.' })
  @IsOptional()
  @Length(1, 50_000)
  @IsPlainText()
  text?: string | null;

  @Field(() => ID, { nullable: true, description: 'The organisation the proposal concerns, of the same area, or null to clear.' })
  @IsOptional()
  @IsUUID('all')
  concernedOrganisationId?: string | null;
}

@InputType({ description: 'An event to fire on a proposal (see `availableTransitions`).' })
export class TransitionProposalInput {
  @Field(() => ID, { description: 'The proposal.' })
  @IsUUID('all')
  proposalId!: string;

  @Field(() => String, { description: 'The event, e.g. SUBMIT, RECOMMEND, RETURN, APPROVE.' })
  @Matches(/^[A-Z][A-Z_]{1,39}$/, { message: 'event must be an event name such as RECOMMEND' })
  event!: string;

  @Field(() => Int, { description: 'The version seen; CONFLICT when the proposal has moved since.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'Reason (required to return, reject, not recommend, and to withdraw someone else\'s proposal).' })
  @IsOptional()
  @Length(1, 2000)
  @IsPlainText()
  reason?: string | null;

  @Field(() => String, { nullable: true, description: 'Number of the council\'s or assembly\'s resolution, e.g. "RM/123/2026".' })
  @IsOptional()
  @Length(1, 60)
  @IsPlainText()
  resolutionNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'Key making a retry safe: the same key and payload return the first result and write one event; another payload under it gives CONFLICT.' })
  @IsOptional()
  @Length(8, 100)
  @Matches(/^[A-Za-z0-9_\-:.]+$/, { message: 'idempotencyKey may contain letters, digits and _-:. only' })
  idempotencyKey?: string | null;
}

@InputType({ description: 'Which proposals to list.' })
export class ProposalFilter {
  @Field(() => ID, { description: 'The area.' })
  @IsUUID('all')
  areaId!: string;

  @Field(() => String, { nullable: true, description: 'Only in this stage, e.g. STEERING_GROUP.' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z_]{1,39}$/, { message: 'state must be a stage name such as DRAFT' })
  state?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only proposals of this working group or now handled by this body.' })
  @IsOptional()
  @IsUUID('all')
  bodyId?: string | null;

  @Field(() => ProposalKind, { nullable: true, description: 'Only of this kind.' })
  @IsOptional()
  kind?: ProposalKind | null;

  @Field(() => String, { nullable: true, description: 'Words in the title or summary, case-insensitive.' })
  @IsOptional()
  @Length(1, 200)
  @IsPlainText()
  text?: string | null;

  @Field(() => ProposalPhase, { nullable: true, description: 'Only in this phase (DRAFT, IN_REVIEW, APPROVED, REJECTED, WITHDRAWN), whatever the stages are called in the area\'s workflow.' })
  @IsOptional()
  @IsEnum(ProposalPhase)
  phase?: ProposalPhase | null;

  @Field(() => ID, { nullable: true, description: 'Only proposals of this author (a person of the area).' })
  @IsOptional()
  @IsUUID('all')
  authorPersonId?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Only the viewer's own proposals (none for someone without a person record in the area)." })
  @IsOptional()
  authoredByMe?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only the proposals the viewer may move now (some event of `availableTransitions` is allowed, given its required inputs); false: only those they may not; omitted: both. `totalCount` counts the proposals so judged.',
  })
  @IsOptional()
  mayAct?: boolean | null;
}
