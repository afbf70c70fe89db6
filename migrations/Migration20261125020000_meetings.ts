import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * Meetings of bodies: who convenes them (a body rule), the agenda with the materials deadline,
 * and attendance with the triad side and vote each person held that day.
 */
export class Migration20261125020000_meetings extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'meeting' }, { table: 'agenda_item' }, { table: 'attendance' }, { table: 'body', where: "convener <> 'CHAIR_OR_COORDINATOR'" }];

  override up(): void {
    this.addSql(`
      alter table body add column convener text not null default 'CHAIR_OR_COORDINATOR'
        check (convener in ('CHAIR', 'COORDINATOR', 'CHAIR_OR_COORDINATOR'));

      create table meeting (
        area_id uuid not null references planning_area (id),
        id uuid not null,
        body_id uuid not null,
        title text not null,
        starts_at timestamptz not null,
        ends_at timestamptz,
        place text,
        online_link text,
        status text not null check (status in ('PLANNED', 'CONVENED', 'HELD', 'MINUTES_DRAFTED', 'MINUTES_VERIFIED', 'MINUTES_DISTRIBUTED', 'CANCELLED')),
        snapshot jsonb not null,
        version integer not null default 1,
        next_meeting_date date,
        cancel_reason text,
        convened_at timestamptz,
        convened_by_id uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, body_id) references body (area_id, id),
        foreign key (area_id, convened_by_id) references person (area_id, id),
        check (ends_at is null or ends_at > starts_at),
        check (place is not null or online_link is not null)
      );
      create index meeting_id_idx on meeting (id);
      create index meeting_body_start_idx on meeting (area_id, body_id, starts_at);
      create index meeting_area_start_idx on meeting (area_id, starts_at, id);

      create table agenda_item (
        area_id uuid not null,
        id uuid not null,
        meeting_id uuid not null,
        position integer not null check (position >= 1),
        title text not null,
        presenter_id uuid,
        proposal_id uuid,
        late boolean not null default false,
        urgency_reason text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, meeting_id) references meeting (area_id, id),
        foreign key (area_id, presenter_id) references person (area_id, id),
        foreign key (area_id, proposal_id) references proposal (area_id, id),
        check (not late or urgency_reason is not null)
      );
      create index agenda_item_id_idx on agenda_item (id);
      alter table agenda_item add constraint agenda_item_position_uq unique (area_id, meeting_id, position) deferrable initially deferred;

      create table attendance (
        area_id uuid not null,
        meeting_id uuid not null,
        person_id uuid not null,
        status text not null check (status in ('PRESENT', 'EXCUSED', 'ABSENT')),
        is_guest boolean not null,
        triad_side text check (triad_side in ('COMMISSIONER', 'PROVIDER', 'SERVICE_USER', 'PUBLIC')),
        voting_right boolean not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, meeting_id, person_id),
        foreign key (area_id, meeting_id) references meeting (area_id, id),
        foreign key (area_id, person_id) references person (area_id, id),
        check (not (is_guest and voting_right))
      );
    `);
  }

  override down(): void {
    this.addSql(`
      drop table attendance;
      drop table agenda_item;
      drop table meeting;
      alter table body drop column convener;
    `);
  }
}
