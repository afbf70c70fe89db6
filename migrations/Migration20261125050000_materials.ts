import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/** Documents of agenda items and proposals, stored in PostgreSQL, in versions, with their SHA-256. */
export class Migration20261125050000_materials extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'material' }];

  override up(): void {
    this.addSql(`
      create table material (
        area_id uuid not null,
        id uuid not null,
        agenda_item_id uuid,
        proposal_id uuid,
        name text not null,
        media_type text not null,
        size_bytes integer not null check (size_bytes > 0),
        sha256 text not null,
        content bytea not null,
        version integer not null check (version >= 1),
        uploaded_by_id uuid not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, agenda_item_id) references agenda_item (area_id, id),
        foreign key (area_id, proposal_id) references proposal (area_id, id),
        foreign key (area_id, uploaded_by_id) references person (area_id, id),
        check ((agenda_item_id is null) <> (proposal_id is null))
      );
      create index material_id_idx on material (id);
      create index material_agenda_item_idx on material (area_id, agenda_item_id) where agenda_item_id is not null;
      create index material_proposal_idx on material (area_id, proposal_id) where proposal_id is not null;
      create unique index material_version_uq on material (area_id, coalesce(agenda_item_id, proposal_id), lower(name), version);
    `);
  }

  override down(): void {
    this.addSql('drop table material;');
  }
}
