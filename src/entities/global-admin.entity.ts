import { Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

/** An identity (token subject) that administers every area. */
@Entity({ tableName: 'global_admin' })
export class GlobalAdmin {
  @PrimaryKey({ type: 'text' })
  subject!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  grantedAt: Opt<Date> = new Date();
}
