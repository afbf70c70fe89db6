import { Entity, Property, type Opt } from '@mikro-orm/core';
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

  /** More than the title says (an invitation's date, time and place); none for older notices and reminders. */
  @Property({ type: 'text', nullable: true })
  bodyCs: string | null = null;

  @Property({ type: 'text', nullable: true })
  bodyEn: string | null = null;

  /** The meeting or proposal it is about. */
  @Property({ type: 'uuid', nullable: true })
  subjectId: string | null = null;

  @Property({ type: 'bigint' })
  outboxId!: string;

  @Property({ type: 'datetime', nullable: true })
  readAt: Date | null = null;

  /** When the SMTP server took the e-mail (see notification-dispatcher.ts). */
  @Property({ type: 'datetime', nullable: true })
  emailedAt: Date | null = null;

  @Property({ type: 'integer' })
  emailAttempts: Opt<number> = 0;

  /** The next attempt is not before this: a back-off after a failure, or a sender's lease. */
  @Property({ type: 'datetime', nullable: true })
  emailRetryAt: Date | null = null;

  /** The service gave up e-mailing it: no address, a permanent refusal, or too many attempts. */
  @Property({ type: 'datetime', nullable: true })
  emailFailedAt: Date | null = null;
}
