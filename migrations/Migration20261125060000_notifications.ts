import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * Notifications through a transactional outbox: a change writes an outbox row in its own
 * transaction (so rolled-back work notifies no one); dispatchers in any number of processes take
 * rows with SKIP LOCKED and turn them into per-person notifications exactly once.
 */
export class Migration20261125060000_notifications extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'notification' }, { table: 'outbox' }];

  override up(): void {
    this.addSql(`
      create table outbox (
        area_id uuid not null references planning_area (id),
        id bigserial not null,
        kind text not null,
        payload jsonb not null,
        dedupe_key text,
        created_at timestamptz not null default now(),
        dispatched_at timestamptz,
        primary key (area_id, id)
      );
      create index outbox_pending_idx on outbox (id) where dispatched_at is null;
      create unique index outbox_dedupe_uq on outbox (area_id, dedupe_key) where dedupe_key is not null;

      create table notification (
        area_id uuid not null,
        id uuid not null,
        person_id uuid not null,
        kind text not null,
        title_cs text not null,
        title_en text not null,
        subject_id uuid,
        outbox_id bigint not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        read_at timestamptz,
        emailed_at timestamptz,
        primary key (area_id, id),
        foreign key (area_id, person_id) references person (area_id, id),
        foreign key (area_id, outbox_id) references outbox (area_id, id)
      );
      create index notification_id_idx on notification (id);
      create unique index notification_once_uq on notification (area_id, outbox_id, person_id);
      create index notification_person_idx on notification (area_id, person_id, created_at desc);
    `);
  }

  override down(): void {
    this.addSql('drop table notification; drop table outbox;');
  }
}
