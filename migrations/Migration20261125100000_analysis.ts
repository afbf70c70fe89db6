import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/** The analysis behind a plan: SWOT items and solution variants, one of them chosen. */
export class Migration20261125100000_analysis extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'swot_item' }, { table: 'solution_variant' }];

  override up(): void {
    this.addSql(`
      create table swot_item (
        area_id uuid not null,
        id uuid not null,
        plan_id uuid not null,
        kind text not null check (kind in ('STRENGTH', 'WEAKNESS', 'OPPORTUNITY', 'THREAT')),
        text text not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, plan_id) references plan (area_id, id)
      );
      create index swot_item_plan_idx on swot_item (area_id, plan_id);

      create table solution_variant (
        area_id uuid not null,
        id uuid not null,
        plan_id uuid not null,
        position integer not null check (position >= 1),
        title text not null,
        description text,
        chosen boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, plan_id) references plan (area_id, id)
      );
      create index solution_variant_plan_idx on solution_variant (area_id, plan_id);
    `);
  }

  override down(): void {
    this.addSql('drop table solution_variant; drop table swot_item;');
  }
}
