import { randomUUID } from 'node:crypto';
import { Entity, Enum, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { AreaKind } from './enums';

/** A town or an ORP district that runs one planning process; the tenant. */
@Entity({ tableName: 'planning_area' })
export class PlanningArea {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: () => AreaKind })
  kind!: AreaKind;

  @Property({ type: 'text' })
  workflowKey!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
