import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CommissionRecommendation, ProposalKind, ProposalPhase } from '../entities/enums';
import type { Proposal } from '../entities/proposal.entity';
import type { HistoryEvent } from '../data/loaders';
import './enums';
import { RefusalType, TransitionInputKind } from './refusal.type';

@ObjectType('Proposal', { description: 'A proposal (návrh) moving through the approval pipeline of its area.' })
export class ProposalType {
  @Field(() => ID, { description: 'Identifier of the proposal.' })
  id!: string;

  @Field(() => ProposalKind, { description: 'What kind of proposal.' })
  kind!: ProposalKind;

  @Field(() => String, { description: 'Title.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Short summary.' })
  summary!: string | null;

  @Field(() => String, { nullable: true, description: 'Full text.' })
  text!: string | null;

  @Field(() => String, { description: "The workflow stage, as the area's definition names it, e.g. DRAFT, WORKING_GROUP, COUNCIL, APPROVED." })
  state!: string;

  @Field(() => ProposalPhase, { description: 'Where the proposal stands whatever the stage is called: draft, in review, approved, rejected or withdrawn.' })
  phase!: ProposalPhase;

  @Field(() => Date, { nullable: true, description: 'When it was decided (approved, rejected or withdrawn); null until then.' })
  decidedAt!: Date | null;

  @Field(() => Int, { description: 'Version for optimistic locking: pass it as `expectedVersion` when changing the proposal.' })
  version!: number;

  @Field(() => String, { description: 'Key of the workflow definition the proposal runs on.' })
  workflowKey!: string;

  @Field(() => Int, { description: 'Version of that definition, kept from the proposal\'s start.' })
  workflowVersion!: number;

  @Field(() => CommissionRecommendation, { nullable: true, description: "The social commission's recommendation to the council, once given." })
  commissionRecommendation!: CommissionRecommendation | null;

  @Field(() => String, { nullable: true, description: "Number of the council's resolution (usnesení rady)." })
  councilResolution!: string | null;

  @Field(() => String, { nullable: true, description: "Number of the assembly's resolution (usnesení zastupitelstva)." })
  assemblyResolution!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the materials were first submitted to the working group.' })
  submittedAt!: Date | null;

  @Field(() => Date, { description: 'When the proposal was created.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When the proposal last changed.' })
  updatedAt!: Date;

  entity!: Proposal;
  concernedOrganisationId!: string | null;

  static from(this: void, p: Proposal): ProposalType {
    return Object.assign(new ProposalType(), {
      id: p.id,
      kind: p.kind,
      title: p.title,
      summary: p.summary,
      text: p.text,
      concernedOrganisationId: p.concernedOrganisation?.id ?? null,
      state: p.state,
      phase: p.phase,
      decidedAt: p.decidedAt,
      version: p.version,
      workflowKey: p.workflowKey,
      workflowVersion: p.workflowVersion,
      commissionRecommendation: p.commissionRecommendation,
      councilResolution: p.councilResolution,
      assemblyResolution: p.assemblyResolution,
      submittedAt: p.submittedAt,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      entity: p,
    });
  }
}

@ObjectType('AvailableTransition', { description: 'An event of the current stage and whether the viewer may fire it now; frontends draw their buttons from these.' })
export class AvailableTransitionType {
  @Field(() => String, { description: 'The event to pass to `transitionProposal`.' })
  event!: string;

  @Field(() => String, { description: 'Human label of the action, in the request language.' })
  label!: string;

  @Field(() => String, { description: 'The stage the proposal would move to.' })
  target!: string;

  @Field(() => Boolean, {
    description: 'Whether the viewer may fire it now, given the inputs in `requiredInputs` (draw the button when true; ask for those inputs when it is pressed).',
  })
  allowed!: boolean;

  @Field(() => [RefusalType], { description: 'Why not, each with a stable code: NOT_YOUR_ROLE (hide the button), TRIAD_INCOMPLETE, CONFLICT_OF_INTEREST, HEARING_OPEN, … Empty when allowed.' })
  refusals!: RefusalType[];

  @Field(() => [TransitionInputKind], { description: 'What the viewer must type to fire it: a reason, a resolution number.' })
  requiredInputs!: TransitionInputKind[];

  @Field(() => [String], { description: 'The messages of `refusals`, as plain text.', deprecationReason: 'Use `refusals`, which carry stable codes.' })
  reasons!: string[];
}

@ObjectType('WorkflowEvent', { description: 'One step of a proposal\'s history: append-only and hash-chained.' })
export class WorkflowEventType {
  @Field(() => Int, { description: 'Position in the proposal\'s history, from 1.' })
  seq!: number;

  @Field(() => String, { description: 'The event fired; `workflow:migrated` when the proposal was moved to another workflow version (see `workflowChange`).' })
  event!: string;

  @Field(() => String, { description: 'Stage before.' })
  fromState!: string;

  @Field(() => String, { description: 'Stage after.' })
  toState!: string;

  @Field(() => String, { nullable: true, description: 'The role the actor acted in: AUTHOR, CHAIR, COORDINATOR, CLERK, …' })
  actorRole!: string | null;

  @Field(() => String, { nullable: true, description: 'The triad side the actor held at that moment, if any.' })
  actorTriadSide!: string | null;

  @Field(() => String, { nullable: true, description: 'The reason given.' })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: 'The resolution number recorded.' })
  resolutionNumber!: string | null;

  @Field(() => Date, { description: 'When it happened.' })
  occurredAt!: Date;

  @Field(() => String, { nullable: true, description: 'For a proposal moved to another workflow version on purpose: from which version to which, e.g. `standard@3 → chomutov@1`.' })
  workflowChange!: string | null;

  @Field(() => String, { description: 'SHA-256 over the previous event\'s hash and this event.' })
  hash!: string;

  actorId!: string;
  onBehalfOfId!: string | null;
  bodyId!: string | null;
  meetingId!: string | null;

  static from(this: void, e: HistoryEvent): WorkflowEventType {
    return Object.assign(new WorkflowEventType(), {
      seq: e.seq,
      event: e.event,
      fromState: e.fromState,
      toState: e.toState,
      actorRole: e.actorRole,
      actorTriadSide: e.actorTriadSide,
      reason: e.reason,
      resolutionNumber: e.resolutionNumber,
      occurredAt: e.occurredAt,
      workflowChange: e.workflowChange ?? null,
      hash: e.hash,
      actorId: e.actorId,
      onBehalfOfId: e.onBehalfOfId ?? null,
      bodyId: e.bodyId,
      meetingId: e.meetingId,
    });
  }
}

@ObjectType('HistoryVerification', { description: 'Result of checking a proposal\'s hash-chained history.' })
export class HistoryVerificationType {
  @Field(() => Boolean, { description: 'Whether every event matches its hash and link.' })
  valid!: boolean;

  @Field(() => Int, { description: 'How many events were checked.' })
  checkedEvents!: number;

  @Field(() => Int, { nullable: true, description: 'The first event whose hash or link does not match; null when valid.' })
  firstBrokenSeq!: number | null;
}
