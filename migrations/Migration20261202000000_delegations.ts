import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * Delegations of a chair's power for a term (a deputy acting for the chair, a secretary convening,
 * a member verifying the minutes), and where acts record on whose behalf they were done: the
 * workflow history, a meeting's convening and the verification of minutes.
 *
 * A delegate must sit in the body (a composite key to the body and to both people keeps it in the
 * area); one person holds a power of a body once at a time (open-ended terms are unique, the
 * service refuses overlapping ones).
 */
export class Migration20261202000000_delegations extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [
    { table: 'delegation' },
    { table: 'workflow_event', where: 'on_behalf_of_id is not null' },
    { table: 'meeting', where: 'convened_on_behalf_of_id is not null' },
    { table: 'minutes', where: 'verified_on_behalf_of_id is not null' },
  ];

  override up(): void {
    this.addSql(`
      create table delegation (
        area_id uuid not null references planning_area (id),
        id uuid not null,
        body_id uuid not null,
        delegate_id uuid not null,
        for_person_id uuid,
        power text not null check (power in ('CHAIR', 'CONVENE', 'VERIFY_MINUTES')),
        valid_from date not null,
        valid_to date,
        revoked_at timestamptz,
        granted_by_id uuid,
        note text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, body_id) references body (area_id, id),
        foreign key (area_id, delegate_id) references person (area_id, id),
        foreign key (area_id, for_person_id) references person (area_id, id),
        foreign key (area_id, granted_by_id) references person (area_id, id),
        check (valid_to is null or valid_to >= valid_from),
        check (delegate_id <> for_person_id)
      );
      create index delegation_id_idx on delegation (id);
      create index delegation_delegate_idx on delegation (area_id, delegate_id) where revoked_at is null;
      create index delegation_body_idx on delegation (area_id, body_id);
      create index delegation_for_person_idx on delegation (area_id, for_person_id) where for_person_id is not null;
      create index delegation_granted_by_idx on delegation (area_id, granted_by_id) where granted_by_id is not null;

      alter table workflow_event add column on_behalf_of_id uuid,
        add foreign key (area_id, on_behalf_of_id) references person (area_id, id);
      alter table meeting add column convened_on_behalf_of_id uuid,
        add foreign key (area_id, convened_on_behalf_of_id) references person (area_id, id);
      alter table minutes add column verified_on_behalf_of_id uuid,
        add foreign key (area_id, verified_on_behalf_of_id) references person (area_id, id);
    `);
  }

  override down(): void {
    this.addSql(`
      alter table minutes drop column verified_on_behalf_of_id;
      alter table meeting drop column convened_on_behalf_of_id;
      alter table workflow_event drop column on_behalf_of_id;
      drop table delegation;
    `);
  }
}
