import { Entity, Property } from '@mikro-orm/core';
import { AreaOwnedEntity } from './area-owned.entity';

/**
 * A person's calendar feed link: a read-only secret that opens their iCalendar feeds and nothing
 * else. Only the secret's SHA-256 is kept (src/auth/calendar-feed-secret.ts); the GraphQL type shows
 * neither.
 */
@Entity({ tableName: 'calendar_feed' })
export class CalendarFeed extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  personId!: string;

  /** The person's name for it, e.g. "Telefon" or "Outlook v kanceláři". */
  @Property({ type: 'text' })
  label!: string;

  @Property({ type: 'text', fieldName: 'secret_sha256' })
  secretSha256!: string;

  @Property({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;
}
