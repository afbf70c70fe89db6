import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * Planning areas and their organisation: municipalities, people, area roles, bodies, memberships.
 *
 * Every table of area-owned data has `area_id` in its primary key, and every reference between
 * such tables is a composite foreign key `(area_id, x_id)`. The database itself therefore refuses
 * a membership whose body and person lie in different areas, and the tables can later be
 * distributed by `area_id` (Citus) without a redesign.
 */
export class Migration20261125000000_organisation extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'planning_area' }, { table: 'global_admin' }, { table: 'municipality' }, { table: 'person' }, { table: 'area_role' }, { table: 'body' }, { table: 'membership' }];

  override up(): void {
    this.addSql(`
      create table planning_area (
        id uuid primary key,
        name text not null,
        kind text not null check (kind in ('TOWN', 'ORP')),
        workflow_key text not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create unique index planning_area_name_uq on planning_area (lower(name));

      create table global_admin (
        subject text primary key,
        granted_at timestamptz not null default now()
      );

      create table municipality (
        area_id uuid not null references planning_area (id),
        id uuid not null,
        name text not null,
        population integer not null check (population >= 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id)
      );
      create index municipality_id_idx on municipality (id);
      create unique index municipality_area_name_uq on municipality (area_id, lower(name));

      create table person (
        area_id uuid not null references planning_area (id),
        id uuid not null,
        name text not null,
        email text,
        phone text,
        organisation text,
        subject text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id)
      );
      create index person_id_idx on person (id);
      create unique index person_area_subject_uq on person (area_id, subject) where subject is not null;
      create index person_subject_idx on person (subject) where subject is not null;
      create index person_area_name_idx on person (area_id, name, id);

      create table area_role (
        area_id uuid not null references planning_area (id),
        id uuid not null,
        person_id uuid not null,
        role text not null check (role in ('ADMIN', 'COORDINATOR', 'SUPPORT', 'CLERK')),
        valid_from date not null,
        valid_to date,
        revoked_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, person_id) references person (area_id, id),
        check (valid_to is null or valid_to >= valid_from)
      );
      create index area_role_id_idx on area_role (id);
      create unique index area_role_current_uq on area_role (area_id, person_id, role) where revoked_at is null;

      create table body (
        area_id uuid not null references planning_area (id),
        id uuid not null,
        kind text not null check (kind in ('WORKING_GROUP', 'STEERING_GROUP', 'SOCIAL_COMMISSION', 'COUNCIL', 'ASSEMBLY')),
        name text not null,
        short_name text,
        description text,
        target_group text,
        reports_to_id uuid,
        is_public boolean not null,
        materials_lead_days integer not null check (materials_lead_days between 0 and 60),
        minutes_due_days integer not null check (minutes_due_days between 1 and 90),
        quorum_rule text not null check (quorum_rule in ('MAJORITY', 'TWO_THIRDS', 'NONE')),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, reports_to_id) references body (area_id, id),
        check (reports_to_id is null or reports_to_id <> id)
      );
      create index body_id_idx on body (id);
      create unique index body_area_name_uq on body (area_id, lower(name));
      create index body_area_kind_idx on body (area_id, kind);

      create table membership (
        area_id uuid not null references planning_area (id),
        id uuid not null,
        body_id uuid not null,
        person_id uuid not null,
        role text not null check (role in ('CHAIR', 'DEPUTY', 'SECRETARY', 'MEMBER', 'GUEST')),
        triad_side text not null check (triad_side in ('COMMISSIONER', 'PROVIDER', 'SERVICE_USER', 'PUBLIC')),
        voting_right boolean not null,
        valid_from date not null,
        valid_to date,
        organisation text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, body_id) references body (area_id, id),
        foreign key (area_id, person_id) references person (area_id, id),
        check (valid_to is null or valid_to >= valid_from),
        check (not (role = 'GUEST' and voting_right))
      );
      create index membership_id_idx on membership (id);
      create index membership_body_idx on membership (area_id, body_id, valid_from);
      create index membership_person_idx on membership (area_id, person_id);
    `);
  }

  override down(): void {
    this.addSql(`
      drop table membership;
      drop table body;
      drop table area_role;
      drop table person;
      drop table municipality;
      drop table global_admin;
      drop table planning_area;
    `);
  }
}
