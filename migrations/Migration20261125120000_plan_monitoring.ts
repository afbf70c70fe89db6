import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * Monitoring of a plan in force: each indicator's reporting period (when its guarantor owes a
 * value), dated progress reports of project intents, and the shared fixed-window counters that
 * rate-limit anonymous writes across every service process.
 */
export class Migration20261125120000_plan_monitoring extends Migration {
  /** The rate limiter's counters (`rate_limit_window`) count the current minute or hour only: nothing of worth lost. */
  static readonly downDiscards: readonly DiscardedRows[] = [
    { table: 'project_intent_report' },
    { table: 'indicator', where: "reporting_period <> 'YEARLY'" },
  ];

  override up(): void {
    this.addSql(`
      alter table indicator
        add column reporting_period text not null default 'YEARLY'
          check (reporting_period in ('MONTHLY', 'QUARTERLY', 'HALF_YEARLY', 'YEARLY'));

      create table project_intent_report (
        area_id uuid not null,
        id uuid not null,
        project_intent_id uuid not null,
        status_from text not null check (status_from in ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
        status_to text not null check (status_to in ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
        note text,
        reported_on date not null,
        reported_by_id uuid not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, project_intent_id) references project_intent (area_id, id),
        foreign key (area_id, reported_by_id) references person (area_id, id),
        check (note is not null or status_from <> status_to)
      );
      create index project_intent_report_intent_idx on project_intent_report (area_id, project_intent_id, created_at);

      create table rate_limit_window (
        bucket text not null,
        window_start timestamptz not null,
        hits integer not null check (hits >= 1),
        primary key (bucket, window_start)
      );
      create index rate_limit_window_start_idx on rate_limit_window (window_start);
    `);
  }

  override down(): void {
    this.addSql('drop table rate_limit_window; drop table project_intent_report; alter table indicator drop column reporting_period;');
  }
}
