import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/** The risk register and the stakeholder matrix of a plan. Scores and quadrants are computed, never stored from input. */
export class Migration20261125080000_risks_stakeholders extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'plan_risk' }, { table: 'plan_stakeholder' }];

  override up(): void {
    this.addSql(`
      create table plan_risk (
        area_id uuid not null,
        id uuid not null,
        plan_id uuid not null,
        risk_area text not null check (risk_area in ('FINANCIAL', 'ORGANISATIONAL', 'LEGAL', 'TECHNICAL', 'MATERIAL')),
        description text not null,
        probability integer not null check (probability between 1 and 5),
        impact integer not null check (impact between 1 and 5),
        mitigation text,
        owner text,
        review_date date,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, plan_id) references plan (area_id, id)
      );
      create index plan_risk_id_idx on plan_risk (id);
      create index plan_risk_plan_idx on plan_risk (area_id, plan_id);

      create table plan_stakeholder (
        area_id uuid not null,
        id uuid not null,
        plan_id uuid not null,
        name text not null,
        description text,
        influence text not null check (influence in ('LOW', 'HIGH')),
        interest text not null check (interest in ('LOW', 'HIGH')),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, plan_id) references plan (area_id, id)
      );
      create index plan_stakeholder_plan_idx on plan_stakeholder (area_id, plan_id);
    `);
  }

  override down(): void {
    this.addSql('drop table plan_stakeholder; drop table plan_risk;');
  }
}
