import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * A notice carries a body besides its title (a meeting invitation its date, time and place), and a
 * person's inbox is read newest first, a page at a time, unread ones counted. Its times are kept
 * to the millisecond, as a page cursor carries them.
 */
export class Migration20261202120000_notification_body extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'notification', where: 'body_cs is not null or body_en is not null' }];

  override up(): void {
    this.addSql(`
      alter table notification add column body_cs text, add column body_en text,
        alter column created_at set default date_trunc('milliseconds', now());
      update notification set created_at = date_trunc('milliseconds', created_at) where created_at <> date_trunc('milliseconds', created_at);
      create index notification_unread_idx on notification (area_id, person_id) where read_at is null;
    `);
  }

  override down(): void {
    this.addSql(`
      drop index notification_unread_idx;
      alter table notification drop column body_cs, drop column body_en, alter column created_at set default now();
    `);
  }
}
