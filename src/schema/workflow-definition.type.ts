import { Field, Int, ObjectType } from 'type-graphql';
import { ProposalPhase } from '../entities/enums';
import './enums';

@ObjectType('WorkflowStage', { description: 'A stage of a workflow.' })
export class WorkflowStageType {
  @Field(() => String, { description: 'Stage key, as in `Proposal.state`.' })
  key!: string;

  @Field(() => String, { description: 'Label in the request language.' })
  label!: string;

  @Field(() => String, { description: 'Czech label.' })
  labelCs!: string;

  @Field(() => String, { description: 'English label.' })
  labelEn!: string;

  @Field(() => String, { nullable: true, description: 'Kind of body handling the stage.' })
  bodyKind!: string | null;

  @Field(() => Boolean, { description: 'Whether no event leaves the stage.' })
  final!: boolean;

  @Field(() => ProposalPhase, { description: 'Where a proposal in this stage stands: draft, in review, approved, rejected or withdrawn.' })
  phase!: ProposalPhase;
}

@ObjectType('WorkflowGuard', { description: 'A named guard of a transition with its parameters.' })
export class WorkflowGuardType {
  @Field(() => String, { description: 'Guard name, e.g. actorIs, triadRepresented, reasonRequired.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Parameters as JSON text, if any.' })
  params!: string | null;
}

@ObjectType('WorkflowTransition', { description: 'An event of a workflow: from which stages, to which, under which guards.' })
export class WorkflowTransitionType {
  @Field(() => String, { description: 'Event name.' })
  event!: string;

  @Field(() => [String], { description: 'Stages the event leaves.' })
  from!: string[];

  @Field(() => String, { description: 'Stage it enters.' })
  to!: string;

  @Field(() => String, { description: 'Label in the request language.' })
  label!: string;

  @Field(() => [WorkflowGuardType], { description: 'Guards that must all pass.' })
  guards!: WorkflowGuardType[];

  @Field(() => [String], {
    description:
      'What the transition records besides the stage: SUBMITTED (the first submission time), COMMISSION_RECOMMENDS or COMMISSION_DOES_NOT_RECOMMEND (the commission\'s recommendation), COUNCIL_RESOLUTION or ASSEMBLY_RESOLUTION (whose resolution the number typed is).',
  })
  effects!: string[];

  @Field(() => Boolean, { description: 'Whether the transition sends the proposal back to an earlier stage for rework.' })
  returns!: boolean;
}

@ObjectType('WorkflowDefinition', { description: 'An approval workflow definition (data compiled into a state machine).' })
export class WorkflowDefinitionType {
  @Field(() => String, { description: 'Key an area chooses, e.g. "standard".' })
  key!: string;

  @Field(() => Int, { description: 'Version; proposals keep the version they started with.' })
  version!: number;

  @Field(() => String, { description: 'Name in the request language.' })
  name!: string;

  @Field(() => String, { description: 'The initial stage.' })
  initial!: string;

  @Field(() => [WorkflowStageType], { description: 'Stages.' })
  stages!: WorkflowStageType[];

  @Field(() => [WorkflowTransitionType], { description: 'Transitions.' })
  transitions!: WorkflowTransitionType[];

  @Field(() => String, { description: 'A Mermaid `stateDiagram-v2` of the workflow.' })
  mermaid!: string;
}
