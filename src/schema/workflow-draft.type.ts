import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { WORKFLOW_PROBLEM_MEANING, WorkflowProblemCode } from '../workflows/workflow-problems';
import { BodyType } from './body.type';
import { ProposalType } from './proposal.type';
import { WorkflowDefinitionType, WorkflowStageType } from './workflow-definition.type';

registerEnumType(WorkflowProblemCode, {
  name: 'WorkflowProblemCode',
  description: 'What is wrong with a workflow draft (`validateWorkflowDraft`); a draft with any problem cannot be published.',
  valuesConfig: Object.fromEntries(Object.entries(WORKFLOW_PROBLEM_MEANING).map(([code, description]) => [code, { description }])),
});

@ObjectType('WorkflowProblem', { description: 'One problem of a workflow draft, with where it is.' })
export class WorkflowProblemType {
  @Field(() => WorkflowProblemCode, { description: 'Stable code of the problem.' })
  code!: WorkflowProblemCode;

  @Field(() => String, { description: 'Where in the definition, e.g. `stages[3]` or `transitions[2].guards[0].params`.' })
  path!: string;

  @Field(() => String, { description: 'What is wrong, in the request language.' })
  message!: string;
}

@ObjectType('WorkflowDraft', { description: "A workflow definition being edited: an area's own (by its admin) or a template (by a global admin). Published, it becomes a new version that never changes." })
export class WorkflowDraftType {
  @Field(() => ID, { description: 'Identifier of the draft.' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'The area whose definition this drafts; null for a template.' })
  areaId!: string | null;

  @Field(() => String, { description: 'The key it is published under.' })
  key!: string;

  @Field(() => Int, { nullable: true, description: 'The published version of the same key it started from, if any.' })
  basedOnVersion!: number | null;

  @Field(() => Int, { description: 'Raised by every change; `updateWorkflowDraft` and `publishWorkflowDraft` name the revision they act on.' })
  revision!: number;

  @Field(() => Int, { nullable: true, description: 'The version it was published as; a published draft is not edited again.' })
  publishedVersion!: number | null;

  @Field(() => WorkflowDefinitionType, { description: 'The definition as drafted (version 0 until published), with its diagram.' })
  definition!: WorkflowDefinitionType;

  @Field(() => Date, { description: 'When it last changed.' })
  updatedAt!: Date;
}

@ObjectType('WorkflowBodyEvent', { description: 'An event a body handles or its chair may fire.' })
export class WorkflowBodyEventType {
  @Field(() => String, { description: 'Event name.' })
  event!: string;

  @Field(() => [String], { description: 'Stages it leaves.' })
  from!: string[];

  @Field(() => String, { description: 'Stage it enters.' })
  to!: string;

  @Field(() => String, { description: 'Label in the request language.' })
  label!: string;
}

@ObjectType('WorkflowBodyResponsibility', { description: 'One body of the area and what a draft would make it responsible for.' })
export class WorkflowBodyResponsibilityType {
  @Field(() => BodyType, { description: 'The body.' })
  body!: BodyType;

  @Field(() => [WorkflowStageType], { description: 'Stages it would handle (by its kind).' })
  stages!: WorkflowStageType[];

  @Field(() => [WorkflowBodyEventType], { description: 'Events leaving those stages, and events its chair may fire.' })
  events!: WorkflowBodyEventType[];
}

@ObjectType('WorkflowPreview', { description: 'A draft as it would run: its diagram, its problems and what each body of the area would do.' })
export class WorkflowPreviewType {
  @Field(() => WorkflowDraftType, { description: 'The draft.' })
  draft!: WorkflowDraftType;

  @Field(() => String, { description: 'A Mermaid `stateDiagram-v2` of the draft.' })
  mermaid!: string;

  @Field(() => [WorkflowProblemType], { description: 'Everything that stops it being published (empty when it can be).' })
  problems!: WorkflowProblemType[];

  @Field(() => [WorkflowBodyResponsibilityType], { description: 'Each body of the area (none for a template) with its stages and events.' })
  bodies!: WorkflowBodyResponsibilityType[];
}

export enum ProposalMoveRefusalCode {
  NO_COUNTERPART = 'NO_COUNTERPART',
  PHASE_DIFFERS = 'PHASE_DIFFERS',
  NO_BODY_IN_AREA = 'NO_BODY_IN_AREA',
  DECIDED = 'DECIDED',
  NOT_ON_VERSION = 'NOT_ON_VERSION',
}

registerEnumType(ProposalMoveRefusalCode, {
  name: 'ProposalMoveRefusalCode',
  description: 'Why a proposal cannot move to another workflow version.',
  valuesConfig: {
    NO_COUNTERPART: { description: 'Its stage has no counterpart in the target version: name one in the state map.' },
    PHASE_DIFFERS: { description: 'The stage it would go to stands in another phase (a draft would become in review, or decided).' },
    NO_BODY_IN_AREA: { description: 'The stage it would go to is handled by a kind of body the area does not have.' },
    DECIDED: { description: 'It is decided: it stays on the version it was decided under.' },
    NOT_ON_VERSION: { description: 'No proposal of the area with this id runs on the version named.' },
  },
});

@ObjectType('ProposalMoveRefusal', { description: 'Why one proposal cannot move.' })
export class ProposalMoveRefusalType {
  @Field(() => ProposalMoveRefusalCode, { description: 'Stable code.' })
  code!: ProposalMoveRefusalCode;

  @Field(() => String, { description: 'The reason in the request language.' })
  message!: string;
}

@ObjectType('ProposalMove', { description: 'What a migration does to one proposal: the stage it goes to, or why it cannot move.' })
export class ProposalMoveType {
  @Field(() => ID, { description: 'The proposal.' })
  proposalId!: string;

  @Field(() => ProposalType, { nullable: true, description: 'The proposal (after the move, when applied); null when no such proposal runs on the version.' })
  proposal!: ProposalType | null;

  @Field(() => String, { nullable: true, description: 'Its stage in the version it runs on.' })
  fromState!: string | null;

  @Field(() => String, { nullable: true, description: 'Its stage in the target version.' })
  toState!: string | null;

  @Field(() => ProposalMoveRefusalType, { nullable: true, description: 'Why it cannot move; null when it can (or did).' })
  refusal!: ProposalMoveRefusalType | null;
}

@ObjectType('ProposalMigration', { description: 'What a migration of proposals between workflow versions did, or (dry run) would do.' })
export class ProposalMigrationType {
  @Field(() => Boolean, { description: 'Whether nothing was written (a dry run).' })
  dryRun!: boolean;

  @Field(() => [ProposalMoveType], { description: 'Every proposal concerned.' })
  moves!: ProposalMoveType[];
}
