import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * E-mailed notices are delivered at least once: a notice is marked e-mailed only once the SMTP
 * server took it. Until then each attempt is counted, the next one is due at `email_retry_at` (a
 * back-off after a failure, a lease while one sender is at it), and `email_failed_at` records that
 * the service gave up (no address, a permanent refusal, or too many attempts).
 */
export class Migration20261202000000_email_delivery extends Migration {
  /** Reverting forgets the delivery attempts: a notice given up on could be sent again. */
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'notification', where: 'email_attempts > 0 or email_retry_at is not null or email_failed_at is not null' }];

  override up(): void {
    this.addSql(`
      alter table notification
        add column email_attempts integer not null default 0,
        add column email_retry_at timestamptz,
        add column email_failed_at timestamptz;
      create index notification_email_pending_idx on notification (created_at) where emailed_at is null and email_failed_at is null;
    `);
  }

  override down(): void {
    this.addSql(`
      drop index notification_email_pending_idx;
      alter table notification drop column email_attempts, drop column email_retry_at, drop column email_failed_at;
    `);
  }
}
