import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * Medium-term plans and their structure: priorities → goals → measures → indicators, with goal
 * and indicator guarantors and the indicators' measured values over time.
 */
export class Migration20261125070000_plans extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'plan' }, { table: 'plan_priority' }, { table: 'plan_goal' }, { table: 'goal_guarantor' }, { table: 'plan_measure' }, { table: 'indicator' }, { table: 'indicator_value' }];

  override up(): void {
    this.addSql(`
      create table plan (
        area_id uuid not null references planning_area (id),
        id uuid not null,
        title text not null,
        year_from integer not null check (year_from between 2000 and 2100),
        year_to integer not null check (year_to between 2000 and 2100),
        proposal_id uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, proposal_id) references proposal (area_id, id),
        check (year_to >= year_from)
      );
      create index plan_id_idx on plan (id);
      create unique index plan_proposal_uq on plan (area_id, proposal_id) where proposal_id is not null;

      create table plan_priority (
        area_id uuid not null,
        id uuid not null,
        plan_id uuid not null,
        position integer not null check (position >= 1),
        title text not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, plan_id) references plan (area_id, id)
      );
      create index plan_priority_id_idx on plan_priority (id);

      create table plan_goal (
        area_id uuid not null,
        id uuid not null,
        priority_id uuid not null,
        position integer not null check (position >= 1),
        title text not null,
        status text not null default 'NOT_STARTED' check (status in ('NOT_STARTED', 'IN_PROGRESS', 'ACHIEVED', 'NOT_ACHIEVED')),
        status_comment text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, priority_id) references plan_priority (area_id, id)
      );
      create index plan_goal_id_idx on plan_goal (id);

      create table goal_guarantor (
        area_id uuid not null,
        id uuid not null,
        goal_id uuid not null,
        municipality_id uuid,
        person_id uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, goal_id) references plan_goal (area_id, id),
        foreign key (area_id, municipality_id) references municipality (area_id, id),
        foreign key (area_id, person_id) references person (area_id, id),
        check (municipality_id is not null or person_id is not null)
      );
      create index goal_guarantor_goal_idx on goal_guarantor (area_id, goal_id);

      create table plan_measure (
        area_id uuid not null,
        id uuid not null,
        goal_id uuid not null,
        position integer not null check (position >= 1),
        title text not null,
        description text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, goal_id) references plan_goal (area_id, id)
      );
      create index plan_measure_id_idx on plan_measure (id);

      create table indicator (
        area_id uuid not null,
        id uuid not null,
        measure_id uuid not null,
        name text not null,
        unit text not null,
        baseline_value numeric not null,
        baseline_date date not null,
        target_value numeric not null,
        target_date date not null,
        direction text not null check (direction in ('UP', 'DOWN')),
        guarantor_id uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, measure_id) references plan_measure (area_id, id),
        foreign key (area_id, guarantor_id) references person (area_id, id),
        check (target_date >= baseline_date)
      );
      create index indicator_id_idx on indicator (id);

      create table indicator_value (
        area_id uuid not null,
        id uuid not null,
        indicator_id uuid not null,
        value numeric not null,
        measured_on date not null,
        note text,
        recorded_by_id uuid not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, indicator_id) references indicator (area_id, id),
        foreign key (area_id, recorded_by_id) references person (area_id, id)
      );
      create index indicator_value_idx on indicator_value (area_id, indicator_id, measured_on);
    `);
  }

  override down(): void {
    this.addSql(`
      drop table indicator_value; drop table indicator; drop table plan_measure; drop table goal_guarantor;
      drop table plan_goal; drop table plan_priority; drop table plan;
    `);
  }
}
