import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * Where a proposal stands, whatever its workflow calls the stage: `phase` (DRAFT, IN_REVIEW,
 * APPROVED, REJECTED, WITHDRAWN), declared by each stage of the definitions, so that rules and
 * queries never key on a stage's name; and `decided_at`, when it entered a decided phase.
 *
 * Proposals written before run on the three shipped definitions, whose draft and decided stages
 * bear the names of their phases: the backfill reads them from the state, and the time of the
 * decision from the history.
 */
export class Migration20261202100000_proposal_phase extends Migration {
  /** Reverting drops columns that `up()` derives again from the state and the history. */
  static readonly downDiscards: readonly DiscardedRows[] = [];

  override up(): void {
    this.addSql(`
      alter table proposal
        add column phase text not null default 'IN_REVIEW'
          check (phase in ('DRAFT', 'IN_REVIEW', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
        add column decided_at timestamptz;
      update proposal set phase = state where state in ('DRAFT', 'APPROVED', 'REJECTED', 'WITHDRAWN');
      update proposal p set decided_at = (
        select max(e.occurred_at) from workflow_event e
         where e.area_id = p.area_id and e.proposal_id = p.id and e.to_state = p.state)
       where p.phase in ('APPROVED', 'REJECTED', 'WITHDRAWN');
      alter table proposal alter column phase drop default;
      create index proposal_area_phase_idx on proposal (area_id, phase);
    `);
  }

  override down(): void {
    this.addSql(`
      drop index proposal_area_phase_idx;
      alter table proposal drop column phase, drop column decided_at;
    `);
  }
}
