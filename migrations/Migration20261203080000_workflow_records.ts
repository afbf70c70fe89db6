import { Migration } from '@mikro-orm/migrations';
import { WORKFLOW_TEMPLATES_20261203 } from './data/workflow-templates-20261203';
import type { DiscardedRows } from './reversal';

/**
 * Approval workflows become records. `workflow_definition` holds every published version of every
 * definition: templates (no area) and the definitions an area shapes for itself; a published
 * version is never changed or removed (a trigger refuses it), and every proposal names the version
 * it runs on (a foreign key). `workflow_draft` holds what an area's admin (or, for templates, a
 * global admin) is editing, as typed, problems and all. The shipped definitions are loaded as
 * templates, every version proposals may already run on. A history event that moves a proposal to
 * another version says from which to which (`workflow_event.workflow_change`, hashed when set).
 */
export class Migration20261203080000_workflow_records extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [
    { table: 'workflow_draft' },
    { table: 'workflow_definition', where: 'area_id is not null' },
    { table: 'workflow_event', where: 'workflow_change is not null' },
  ];

  override up(): void {
    this.addSql(`
      create table workflow_definition (
        key text not null,
        version integer not null,
        area_id uuid references planning_area (id),
        definition jsonb not null,
        published_at timestamptz not null default now(),
        published_by uuid,
        seq bigserial not null,
        primary key (key, version),
        constraint workflow_definition_version_ck check (version >= 1),
        constraint workflow_definition_seq_uq unique (seq)
      );
      create index workflow_definition_area_ix on workflow_definition (area_id);
      create function workflow_definition_immutable() returns trigger language plpgsql as $$
      begin
        raise exception 'a published workflow version is never changed' using errcode = 'check_violation', constraint = 'workflow_definition_immutable';
      end $$;
      create trigger workflow_definition_immutable before update or delete on workflow_definition for each row execute function workflow_definition_immutable();
      create table workflow_draft (
        id uuid primary key,
        area_id uuid references planning_area (id),
        key text not null,
        based_on_version integer,
        definition jsonb not null,
        revision integer not null default 1,
        published_version integer,
        created_by uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint workflow_draft_published_fk foreign key (key, published_version) references workflow_definition (key, version)
      );
      create index workflow_draft_area_ix on workflow_draft (area_id);
    `);
    for (const t of WORKFLOW_TEMPLATES_20261203) {
      this.addSql(`insert into workflow_definition (key, version, area_id, definition) values ('${t.key}', ${t.version}, null, $wf$${t.definition}$wf$::jsonb)`);
    }
    this.addSql(`alter table proposal add constraint proposal_workflow_fk foreign key (workflow_key, workflow_version) references workflow_definition (key, version)`);
    this.addSql(`alter table workflow_event add column workflow_change text`);
  }

  override down(): void {
    this.addSql(`
      alter table workflow_event drop column workflow_change;
      alter table proposal drop constraint proposal_workflow_fk;
      drop table workflow_draft;
      drop trigger workflow_definition_immutable on workflow_definition;
      drop table workflow_definition;
      drop function workflow_definition_immutable();
    `);
  }
}
