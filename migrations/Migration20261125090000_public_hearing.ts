import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/** The public hearing (veřejné projednání) of a plan draft: comments from anyone, answered by the coordinator. */
export class Migration20261125090000_public_hearing extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'hearing' }, { table: 'hearing_comment' }];

  override up(): void {
    this.addSql(`
      create table hearing (
        area_id uuid not null,
        id uuid not null,
        plan_id uuid not null,
        opens_at timestamptz not null,
        closes_at timestamptz not null,
        opened_by_id uuid not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, plan_id) references plan (area_id, id),
        foreign key (area_id, opened_by_id) references person (area_id, id),
        check (closes_at > opens_at)
      );
      create index hearing_id_idx on hearing (id);
      create index hearing_plan_idx on hearing (area_id, plan_id);

      create table hearing_comment (
        area_id uuid not null,
        id uuid not null,
        hearing_id uuid not null,
        author_name text,
        author_email text,
        text text not null,
        decision text check (decision in ('ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED')),
        justification text,
        answered_by_id uuid,
        answered_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, hearing_id) references hearing (area_id, id),
        foreign key (area_id, answered_by_id) references person (area_id, id),
        check ((decision is null) = (answered_at is null))
      );
      create index hearing_comment_id_idx on hearing_comment (id);
      create index hearing_comment_hearing_idx on hearing_comment (area_id, hearing_id, created_at);
    `);
  }

  override down(): void {
    this.addSql('drop table hearing_comment; drop table hearing;');
  }
}
