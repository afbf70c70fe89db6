import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { WorkflowDefinition } from '../workflows/workflow-definition';

/**
 * A published version of an approval workflow definition: a template (no area) or an area's own.
 * Never changed once written (a database trigger refuses it); proposals name the version they run on.
 */
@Entity({ tableName: 'workflow_definition' })
export class WorkflowVersion {
  @PrimaryKey({ type: 'text' })
  key!: string;

  @PrimaryKey({ type: 'integer' })
  version!: number;

  /** The area whose definition this is; null for a template any area may choose. */
  @Property({ type: 'uuid', nullable: true })
  areaId: string | null = null;

  @Property({ type: 'json' })
  definition!: WorkflowDefinition;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  publishedAt: Opt<Date> = new Date();

  /** The person who published it (null for the templates shipped and for global admins without a person record). */
  @Property({ type: 'uuid', nullable: true })
  publishedBy: string | null = null;

  /** Order of publication, for processes catching up with what others published. */
  @Property({ type: 'bigint', persist: false })
  seq?: string;
}
