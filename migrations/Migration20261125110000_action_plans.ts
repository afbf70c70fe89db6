import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/** Yearly action plans of a plan and their project intents (projektové záměry), linked to measures. */
export class Migration20261125110000_action_plans extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'action_plan' }, { table: 'project_intent' }];

  override up(): void {
    this.addSql(`
      create table action_plan (
        area_id uuid not null,
        id uuid not null,
        plan_id uuid not null,
        year integer not null check (year between 2000 and 2100),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, plan_id) references plan (area_id, id)
      );
      create index action_plan_id_idx on action_plan (id);
      create unique index action_plan_year_uq on action_plan (area_id, plan_id, year);

      create table project_intent (
        area_id uuid not null,
        id uuid not null,
        action_plan_id uuid not null,
        measure_id uuid not null,
        title text not null,
        responsible_organisation text not null,
        budget_czk numeric(14, 2) not null check (budget_czk >= 0),
        funding_sources text,
        starts_on date not null,
        ends_on date not null,
        status text not null default 'PLANNED' check (status in ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
        monitoring_note text,
        proposal_id uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, action_plan_id) references action_plan (area_id, id),
        foreign key (area_id, measure_id) references plan_measure (area_id, id),
        foreign key (area_id, proposal_id) references proposal (area_id, id),
        check (ends_on >= starts_on)
      );
      create index project_intent_action_plan_idx on project_intent (area_id, action_plan_id);
    `);
  }

  override down(): void {
    this.addSql('drop table project_intent; drop table action_plan;');
  }
}
