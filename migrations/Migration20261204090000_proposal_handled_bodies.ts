import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * Which bodies have handled each proposal (the policy's `handledBodies`: a body whose event is in
 * the proposal's history), kept where one index lookup finds it rather than read off the whole
 * history: a chair sees proposals their body handled, and a list filtered by that rule would
 * otherwise look through every event of every proposal it passes.
 *
 * `proposal_handled_body` is derived from `workflow_event` alone: one row per proposal and body,
 * with the first event of that body (`first_seq`). A trigger on `workflow_event` writes it in the
 * transaction that appends the events — whoever appends them (a transition, a meeting's
 * resolution, a workflow migration, the demo data, a bulk load) — once per statement, from the rows
 * that statement inserted. The history is append-only, so the rows only ever grow.
 *
 * The primary key answers "which bodies handled this proposal" (one record). The second index
 * answers "which proposals did these bodies handle" (a list), and leads with the body: PostgreSQL
 * reads the list's `exists (… h.area_id = p.area_id and h.proposal_id = p.id and h.body_id = any(…))`
 * as one hashed set of `(area_id, proposal_id)` built from `body_id = any(…)` alone, so an index
 * that led with the area would not serve it (the whole table would be read). Body ids are unique
 * across areas; the area rides along so that the set comes from the index alone.
 */
export class Migration20261204090000_proposal_handled_bodies extends Migration {
  /** Derived from the history, which stays: `up()` builds it again. */
  static readonly downDiscards: readonly DiscardedRows[] = [];

  override up(): void {
    this.addSql(`
      create table proposal_handled_body (
        area_id uuid not null,
        proposal_id uuid not null,
        body_id uuid not null,
        first_seq integer not null,
        primary key (area_id, proposal_id, body_id),
        foreign key (area_id, proposal_id) references proposal (area_id, id)
      );
      create index proposal_handled_body_body_idx on proposal_handled_body (body_id, area_id, proposal_id);

      create function proposal_handled_body_record() returns trigger language plpgsql as $$
      begin
        insert into proposal_handled_body (area_id, proposal_id, body_id, first_seq)
        select area_id, proposal_id, body_id, min(seq) from appended where body_id is not null
         group by area_id, proposal_id, body_id
        on conflict do nothing;
        return null;
      end $$;
      create trigger workflow_event_handled_body after insert on workflow_event
        referencing new table as appended for each statement execute function proposal_handled_body_record();

      insert into proposal_handled_body (area_id, proposal_id, body_id, first_seq)
      select area_id, proposal_id, body_id, min(seq) from workflow_event where body_id is not null
       group by area_id, proposal_id, body_id;
    `);
  }

  override down(): void {
    this.addSql(`
      drop trigger workflow_event_handled_body on workflow_event;
      drop function proposal_handled_body_record();
      drop table proposal_handled_body;
    `);
  }
}
