import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * Indexes for every filter of the proposal list and for the batch loaders' look-ups (issue 6).
 *
 * - `proposals(filter: {areaId, …})` is sorted newest first: each filter gets an index that ends in
 *   `(created_at, id)`, so a page is an index range scan, not a sort of the whole area;
 * - the text filter (`title`/`summary` ILIKE '%…%') uses trigram indexes;
 * - the loaders look rows up by a single id column (`proposal_id in (…)`, `body_id in (…)`,
 *   `person_id in (…)`), which the composite primary keys `(area_id, …)` do not lead with.
 */
export class Migration20261125140000_bench_indexes extends Migration {
  /** Reverting drops indexes only. */
  static readonly downDiscards: readonly DiscardedRows[] = [];

  override up(): void {
    this.addSql(`
      create extension if not exists pg_trgm;

      create index workflow_event_proposal_seq_idx on workflow_event (proposal_id, seq);
      create index proposal_area_created_idx on proposal (area_id, created_at, id);
      create index proposal_area_kind_created_idx on proposal (area_id, kind, created_at, id);
      create index proposal_area_wg_created_idx on proposal (area_id, working_group_id, created_at, id);
      create index proposal_area_current_body_created_idx on proposal (area_id, current_body_id, created_at, id) where current_body_id is not null;
      create index proposal_title_trgm_idx on proposal using gin (title gin_trgm_ops);
      create index proposal_summary_trgm_idx on proposal using gin (summary gin_trgm_ops);
      create index membership_body_id_idx on membership (body_id);
      create index membership_person_id_idx on membership (person_id);
      create index area_role_person_id_idx on area_role (person_id);
    `);
  }

  override down(): void {
    this.addSql(`
      drop index workflow_event_proposal_seq_idx;
      drop index proposal_area_created_idx;
      drop index proposal_area_kind_created_idx;
      drop index proposal_area_wg_created_idx;
      drop index proposal_area_current_body_created_idx;
      drop index proposal_title_trgm_idx;
      drop index proposal_summary_trgm_idx;
      drop index membership_body_id_idx;
      drop index membership_person_id_idx;
      drop index area_role_person_id_idx;
    `);
  }
}
