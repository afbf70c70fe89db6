import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * A document attached to an agenda item after the item's materials deadline is flagged late; a
 * meeting recorded after it was held (never convened here, no invitations) is marked as such.
 */
export class Migration20261203120000_meeting_record_rules extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [
    { table: 'material', where: 'late' },
    { table: 'meeting', where: 'recorded_afterwards' },
  ];

  override up(): void {
    this.addSql(`
      alter table material add column late boolean not null default false;
      alter table meeting add column recorded_afterwards boolean not null default false;
    `);
  }

  override down(): void {
    this.addSql(`
      alter table material drop column late;
      alter table meeting drop column recorded_afterwards;
    `);
  }
}
