import { Entity, Property } from '@mikro-orm/core';
import { AreaOwnedEntity } from './area-owned.entity';

/** A notice to one person, made from an outbox row; read and e-mailed times recorded. */
@Entity({ tableName: 'notification' })
export class Notification extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  personId!: string;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'text' })
  titleCs!: string;

  @Property({ type: 'text' })
  titleEn!: string;

  /** The meeting or proposal it is about. */
  @Property({ type: 'uuid', nullable: true })
  subjectId: string | null = null;

  @Property({ type: 'bigint' })
  outboxId!: string;

  @Property({ type: 'datetime', nullable: true })
  readAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  emailedAt: Date | null = null;
}
