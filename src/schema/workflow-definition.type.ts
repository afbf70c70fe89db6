import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DECIDED_PHASES, ProposalPhase } from '../entities/enums';
import { localize, type Locale } from '../i18n/locale';
import type { DraftDefinition } from '../workflows/workflow-definition';
import { mermaidDiagram } from '../workflows/workflow-diagram';
import './enums';

/** Where the public hearing of a plan binds (see `WorkflowDefinition.hearingRule`). */
export enum WorkflowHearingRule {
  LEAVING_STEERING_GROUP = 'LEAVING_STEERING_GROUP',
  EVERY_PASS = 'EVERY_PASS',
}

registerEnumType(WorkflowHearingRule, {
  name: 'WorkflowHearingRule',
  description: 'Where the public hearing of a plan binds: the `hearingSettled` guard must stand on exactly these transitions.',
  valuesConfig: {
    LEAVING_STEERING_GROUP: { description: "On every transition leaving the steering group's stage." },
    EVERY_PASS: { description: 'On every transition that carries a proposal on (all but returns, rejections and withdrawals).' },
  },
});

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

  @Field(() => Boolean, { description: 'Whether the stage is final: its phase is a decision (approved, rejected, withdrawn), and no event may leave it.' })
  final!: boolean;

  @Field(() => ProposalPhase, { description: 'Where a proposal in this stage stands: draft, in review, approved, rejected or withdrawn.' })
  phase!: ProposalPhase;
}

@ObjectType('WorkflowGuard', { description: 'A named guard of a transition with its parameters.' })
export class WorkflowGuardType {
  @Field(() => String, { description: 'Guard name, e.g. actorIs, triadRepresented, reasonRequired.' })
  name!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Parameters, if the guard takes any (e.g. `{"anyOf": [{"kind": "AREA_ROLE", "role": "COORDINATOR"}]}` for actorIs, `{"kinds": ["PLAN"]}` for kindIs and kindIsNot).' })
  params!: unknown;
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

  @Field(() => Int, { description: 'Version; proposals keep the version they started with. 0 for a draft not yet published.' })
  version!: number;

  @Field(() => ID, { nullable: true, description: 'The area whose own definition this is; null for a template any area may choose.' })
  areaId!: string | null;

  @Field(() => String, { description: 'Name in the request language.' })
  name!: string;

  @Field(() => String, { description: 'Czech name.' })
  nameCs!: string;

  @Field(() => String, { description: 'English name.' })
  nameEn!: string;

  @Field(() => WorkflowHearingRule, { nullable: true, description: 'Where the public hearing of a plan binds; null when it does not.' })
  hearingRule!: WorkflowHearingRule | null;

  @Field(() => String, { description: 'The initial stage.' })
  initial!: string;

  @Field(() => [WorkflowStageType], { description: 'Stages.' })
  stages!: WorkflowStageType[];

  @Field(() => [WorkflowTransitionType], { description: 'Transitions.' })
  transitions!: WorkflowTransitionType[];

  @Field(() => String, { description: 'A Mermaid `stateDiagram-v2` of the workflow.' })
  mermaid!: string;
}

/** The view of a definition, published or drafted, in the request language. */
export function workflowDefinitionView(d: DraftDefinition, locale: Locale, areaId: string | null): WorkflowDefinitionType {
  return {
    key: d.key,
    version: d.version,
    areaId,
    name: localize(d.name, locale),
    nameCs: d.name.cs,
    nameEn: d.name.en,
    hearingRule: (d.hearingRule as WorkflowHearingRule | undefined) ?? null,
    initial: d.initial,
    stages: d.stages.map((s) => ({
      key: s.key,
      label: localize(s.label, locale),
      labelCs: s.label.cs,
      labelEn: s.label.en,
      bodyKind: s.bodyKind ?? null,
      final: DECIDED_PHASES.includes(s.phase),
      phase: s.phase,
    })),
    transitions: d.transitions.map((t) => ({
      event: t.event,
      from: t.from,
      to: t.to,
      label: localize(t.label, locale),
      guards: t.guards.map((g) => ({ name: g.name, params: g.params ?? null })),
      effects: [...(t.effects ?? [])],
      returns: t.returns === true,
    })),
    mermaid: mermaidDiagram(d, locale),
  };
}
