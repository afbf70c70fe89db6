import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * Minutes of meetings in versions: drafted by the body's minute-taker, verified by the chair (never
 * by their author), distributed to the members. A verified version is frozen; a change is a new one.
 */
export class Migration20261125040000_minutes extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'minutes' }, { table: 'minutes_recipient' }, { table: 'body', where: "minute_taker <> 'COORDINATOR'" }];

  override up(): void {
    this.addSql(`
      alter table body add column minute_taker text not null default 'COORDINATOR'
        check (minute_taker in ('COORDINATOR', 'SECRETARY'));

      create table minutes (
        area_id uuid not null,
        id uuid not null,
        meeting_id uuid not null,
        version integer not null check (version >= 1),
        text text not null,
        drafted_by_id uuid not null,
        drafted_at timestamptz not null,
        verified_by_id uuid,
        verified_at timestamptz,
        distributed_by_id uuid,
        distributed_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, meeting_id) references meeting (area_id, id),
        foreign key (area_id, drafted_by_id) references person (area_id, id),
        foreign key (area_id, verified_by_id) references person (area_id, id),
        foreign key (area_id, distributed_by_id) references person (area_id, id),
        check (verified_by_id is null or verified_by_id <> drafted_by_id),
        check (distributed_at is null or verified_at is not null)
      );
      create index minutes_id_idx on minutes (id);
      create unique index minutes_version_uq on minutes (area_id, meeting_id, version);

      create table minutes_recipient (
        area_id uuid not null,
        minutes_id uuid not null,
        person_id uuid not null,
        sent_at timestamptz not null,
        primary key (area_id, minutes_id, person_id),
        foreign key (area_id, minutes_id) references minutes (area_id, id),
        foreign key (area_id, person_id) references person (area_id, id)
      );
    `);
  }

  override down(): void {
    this.addSql(`
      drop table minutes_recipient;
      drop table minutes;
      alter table body drop column minute_taker;
    `);
  }
}
