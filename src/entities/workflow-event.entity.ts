import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One transition of a proposal: append-only, hash-chained per proposal (see the migration). */
@Entity({ tableName: 'workflow_event' })
export class WorkflowEvent {
  @PrimaryKey({ type: 'uuid' })
  proposalId!: string;

  @PrimaryKey({ type: 'integer' })
  seq!: number;

  @Property({ type: 'uuid' })
  areaId!: string;

  @Property({ type: 'text' })
  event!: string;

  @Property({ type: 'text' })
  fromState!: string;

  @Property({ type: 'text' })
  toState!: string;

  /** The acting person's id: pseudonymous, so erasing a person keeps the chain valid. */
  @Property({ type: 'uuid' })
  actorId!: string;

  @Property({ type: 'text', nullable: true })
  actorRole: string | null = null;

  @Property({ type: 'text', nullable: true })
  actorTriadSide: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  bodyId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  meetingId: string | null = null;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Property({ type: 'text', nullable: true })
  resolutionNumber: string | null = null;

  @Property({ type: 'datetime' })
  occurredAt!: Date;

  /** The chair on whose behalf the actor acted, when by delegation (covered by the hash when set). */
  @Property({ type: 'uuid', nullable: true })
  onBehalfOfId: string | null = null;

  /** For a proposal moved to another workflow version: from which to which (covered by the hash when set). */
  @Property({ type: 'text', nullable: true })
  workflowChange: string | null = null;

  @Property({ type: 'text', nullable: true })
  idempotencyKey: string | null = null;

  @Property({ type: 'text', nullable: true })
  requestHash: string | null = null;

  @Property({ type: 'text', nullable: true })
  prevHash: string | null = null;

  @Property({ type: 'text' })
  hash!: string;
}
