import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * Proposals and their append-only, hash-chained workflow history.
 *
 * `workflow_event` refuses UPDATE, DELETE and TRUNCATE by trigger: the history is a legal record.
 * Each row's hash covers the previous row's hash and a canonical form of the event, so a change
 * made behind the service's back (e.g. with the trigger disabled by the owner) is detectable.
 */
export class Migration20261125010000_proposals extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'proposal' }, { table: 'workflow_event' }];

  override up(): void {
    this.addSql(`
      create table proposal (
        area_id uuid not null references planning_area (id),
        id uuid not null,
        working_group_id uuid not null,
        author_id uuid not null,
        kind text not null check (kind in ('MEASURE', 'PROJECT_INTENT', 'MATERIAL', 'PLAN')),
        title text not null,
        summary text,
        text text,
        concerned_organisation text,
        state text not null,
        current_body_id uuid,
        workflow_key text not null,
        workflow_version integer not null,
        snapshot jsonb not null,
        version integer not null default 1,
        commission_recommendation text check (commission_recommendation in ('RECOMMENDED', 'NOT_RECOMMENDED')),
        council_resolution text,
        assembly_resolution text,
        submitted_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, working_group_id) references body (area_id, id),
        foreign key (area_id, author_id) references person (area_id, id),
        foreign key (area_id, current_body_id) references body (area_id, id)
      );
      create index proposal_current_body_idx on proposal (area_id, current_body_id);
      create index proposal_id_idx on proposal (id);
      create index proposal_area_state_idx on proposal (area_id, state, created_at, id);
      create index proposal_working_group_idx on proposal (area_id, working_group_id);
      create index proposal_author_idx on proposal (area_id, author_id);

      create table workflow_event (
        area_id uuid not null,
        proposal_id uuid not null,
        seq integer not null check (seq >= 1),
        event text not null,
        from_state text not null,
        to_state text not null,
        actor_id uuid not null,
        actor_role text,
        actor_triad_side text,
        body_id uuid,
        meeting_id uuid,
        reason text,
        resolution_number text,
        occurred_at timestamptz not null,
        idempotency_key text,
        request_hash text,
        prev_hash text,
        hash text not null,
        primary key (area_id, proposal_id, seq),
        foreign key (area_id, proposal_id) references proposal (area_id, id),
        foreign key (area_id, actor_id) references person (area_id, id)
      );
      create unique index workflow_event_idempotency_uq on workflow_event (area_id, actor_id, idempotency_key)
        where idempotency_key is not null;
      create index workflow_event_body_idx on workflow_event (area_id, body_id) where body_id is not null;

      create function workflow_event_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'workflow_event is append-only: % refused', tg_op using errcode = 'P0001';
      end;
      $$;
      create trigger workflow_event_no_update before update or delete on workflow_event
        for each row execute function workflow_event_append_only();
      create trigger workflow_event_no_truncate before truncate on workflow_event
        for each statement execute function workflow_event_append_only();
    `);
  }

  override down(): void {
    this.addSql(`
      drop table workflow_event;
      drop function workflow_event_append_only();
      drop table proposal;
    `);
  }
}
