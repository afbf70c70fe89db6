import { randomUUID } from 'node:crypto';
import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import type { DraftDefinition } from '../workflows/workflow-definition';

/**
 * A workflow definition being edited: an area's (by its admin) or a template (by a global admin),
 * kept exactly as typed, problems and all, until it is published as a new version.
 */
@Entity({ tableName: 'workflow_draft' })
export class WorkflowDraft {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The area whose definition this drafts; null for a template. */
  @Property({ type: 'uuid', nullable: true })
  areaId: string | null = null;

  /** The key it will be published under (a new key, or one the same area or template already has). */
  @Property({ type: 'text' })
  key!: string;

  /** The published version it started from, if any. */
  @Property({ type: 'integer', nullable: true })
  basedOnVersion: number | null = null;

  @Property({ type: 'json' })
  definition!: DraftDefinition;

  /** Raised by every change; an update naming an older revision is refused (two admins editing at once). */
  @Property({ type: 'integer' })
  revision: Opt<number> = 1;

  /** The version it became; a published draft is not edited again. */
  @Property({ type: 'integer', nullable: true })
  publishedVersion: number | null = null;

  @Property({ type: 'uuid', nullable: true })
  createdBy: string | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
