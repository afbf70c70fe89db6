import { Entity, Enum, Property } from '@mikro-orm/core';
import { AreaOwnedEntity } from './area-owned.entity';
import { ProjectIntentStatus } from './enums';

/** A yearly action plan (akční plán) of a medium-term plan. */
@Entity({ tableName: 'action_plan' })
export class ActionPlan extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  planId!: string;

  @Property({ type: 'integer' })
  year!: number;
}

/** A project intent (projektový záměr) of an action plan, serving a measure. */
@Entity({ tableName: 'project_intent' })
export class ProjectIntent extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  actionPlanId!: string;

  @Property({ type: 'uuid' })
  measureId!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  responsibleOrganisation!: string;

  @Property({ type: 'decimal' })
  budgetCzk!: string;

  @Property({ type: 'text', nullable: true })
  fundingSources: string | null = null;

  @Property({ type: 'date' })
  startsOn!: string;

  @Property({ type: 'date' })
  endsOn!: string;

  @Enum({ items: () => ProjectIntentStatus })
  status: ProjectIntentStatus = ProjectIntentStatus.PLANNED;

  @Property({ type: 'text', nullable: true })
  monitoringNote: string | null = null;

  /** The PROJECT_INTENT proposal, when the intent went through the pipeline. */
  @Property({ type: 'uuid', nullable: true })
  proposalId: string | null = null;
}

/** A dated progress report (monitorovací zpráva) of a project intent: a status change and/or a note. */
@Entity({ tableName: 'project_intent_report' })
export class ProjectIntentReport extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  projectIntentId!: string;

  @Enum({ items: () => ProjectIntentStatus })
  statusFrom!: ProjectIntentStatus;

  @Enum({ items: () => ProjectIntentStatus })
  statusTo!: ProjectIntentStatus;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Property({ type: 'date' })
  reportedOn!: string;

  @Property({ type: 'uuid' })
  reportedById!: string;
}
