import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/** Resolutions (usnesení) of meetings, with the vote; one may fire a proposal's transition. */
export class Migration20261125030000_resolutions extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'resolution' }];

  override up(): void {
    this.addSql(`
      create table resolution (
        area_id uuid not null,
        id uuid not null,
        meeting_id uuid not null,
        number text not null,
        text text not null,
        votes_for integer not null check (votes_for >= 0),
        votes_against integer not null check (votes_against >= 0),
        votes_abstain integer not null check (votes_abstain >= 0),
        adopted boolean not null,
        proposal_id uuid,
        event text,
        recorded_by_id uuid not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, meeting_id) references meeting (area_id, id),
        foreign key (area_id, proposal_id) references proposal (area_id, id),
        foreign key (area_id, recorded_by_id) references person (area_id, id),
        check ((proposal_id is null) = (event is null))
      );
      create index resolution_id_idx on resolution (id);
      create unique index resolution_number_uq on resolution (area_id, meeting_id, lower(number));
    `);
  }

  override down(): void {
    this.addSql('drop table resolution;');
  }
}
