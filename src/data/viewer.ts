import type { EntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AreaRole } from '../entities/area-role.entity';
import { Membership } from '../entities/membership.entity';
import { Person } from '../entities/person.entity';
import type { DelegationHeld } from '../auth/viewer';

/** What a subject is on a day: its people (managed entities of `em`), roles, seats and delegations. */
export interface ViewerRows {
  admin: boolean;
  people: Person[];
  areaRoles: AreaRole[];
  memberships: Membership[];
  delegations: DelegationHeld[];
}

interface ViewerRow {
  admin: boolean;
  people: Array<EntityData<Person>>;
  roles: Array<EntityData<AreaRole>>;
  seats: Array<EntityData<Membership>>;
  delegations: DelegationHeld[];
}

// Every request is authenticated with this one statement (the subject's people, the global-admin
// flag, the area roles, seats and delegations valid on the day), not five: it runs before anything
// else. A delegation counts only while its delegate still sits in the body and the chair it was
// granted for still chairs it: a deputy acts for a chair, never for a former or a future one.
// Exported for the benchmark's limit (bench/servers/limit.mjs), which authenticates with it too.
export const VIEWER_SQL = `
  with people as (select * from person where subject = :subject)
  select
    exists(select 1 from global_admin g where g.subject = :subject) as admin,
    coalesce((select json_agg(p) from people p), '[]') as people,
    coalesce((select json_agg(r) from area_role r join people p on p.area_id = r.area_id and p.id = r.person_id
      where r.revoked_at is null and r.valid_from <= :day::date and (r.valid_to is null or r.valid_to >= :day::date)), '[]') as roles,
    coalesce((select json_agg(m) from membership m join people p on p.area_id = m.area_id and p.id = m.person_id
      where m.valid_from <= :day::date and (m.valid_to is null or m.valid_to >= :day::date)), '[]') as seats,
    coalesce((select json_agg(json_build_object('id', d.id, 'areaId', d.area_id, 'bodyId', d.body_id, 'power', d.power, 'forPersonId', d.for_person_id))
      from delegation d join people p on p.area_id = d.area_id and p.id = d.delegate_id
      where d.revoked_at is null and d.valid_from <= :day::date and (d.valid_to is null or d.valid_to >= :day::date)
        and exists (select 1 from membership m where m.area_id = d.area_id and m.body_id = d.body_id and m.person_id = d.delegate_id
                      and m.valid_from <= :day::date and (m.valid_to is null or m.valid_to >= :day::date))
        and exists (select 1 from membership c where c.area_id = d.area_id and c.body_id = d.body_id and c.person_id = d.for_person_id
                      and c.role = 'CHAIR' and c.valid_from <= :day::date and (c.valid_to is null or c.valid_to >= :day::date))), '[]') as delegations`;

/**
 * Reads what `subject` holds on `day` (YYYY-MM-DD) in one statement; the rows become managed
 * entities of `em`, as if found with `em.find`.
 */
export async function viewerRows(em: EntityManager, subject: string, day: string): Promise<ViewerRows> {
  // Through knex with bound parameters: the subject comes from a token.
  const result: { rows: Array<ViewerRow> } = await em.getKnex().raw(VIEWER_SQL, { subject, day });
  const row = result.rows[0];
  if (!row) return { admin: false, people: [], areaRoles: [], memberships: [], delegations: [] };
  return {
    admin: row.admin === true,
    people: row.people.map((p) => em.map(Person, p)),
    areaRoles: row.roles.map((r) => em.map(AreaRole, r)),
    memberships: row.seats.map((m) => em.map(Membership, m)),
    delegations: row.delegations,
  };
}
