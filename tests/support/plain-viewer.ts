import { Viewer, type DelegationHeld } from '../../src/auth/viewer';
import type { AreaRole } from '../../src/entities/area-role.entity';
import type { AreaRoleKind, DelegatedPower, MembershipRole } from '../../src/entities/enums';
import type { Membership } from '../../src/entities/membership.entity';
import type { Person } from '../../src/entities/person.entity';

/** What a viewer holds today, as plain facts. */
export interface ViewerFacts {
  /** The token subject; null for the anonymous public ('login' when left out). */
  subject?: string | null;
  globalAdmin?: boolean;
  /** Person records: id, area, the organisation the record names. */
  people?: Array<{ id: string; areaId: string; organisation?: string }>;
  roles?: Array<[areaId: string, role: AreaRoleKind]>;
  seats?: Array<{ areaId: string; body: string; role: MembershipRole; organisation?: string }>;
  /** Delegations of a chair's power; `forPersonId` is 'the-chair' when left out. */
  delegations?: Array<{ areaId: string; body: string; power: DelegatedPower; forPersonId?: string | null }>;
}

/**
 * A viewer as the viewer loader makes one, without a token or a database: the entities are plain
 * objects holding the fields the decision point reads. For the database-free rule tests.
 */
export function plainViewer(f: ViewerFacts = {}): Viewer {
  const people = (f.people ?? []).map((p) => ({ id: p.id, areaId: p.areaId, organisation: p.organisation ? { id: p.organisation } : null }) as unknown as Person);
  const roles = (f.roles ?? []).map(([areaId, role]) => ({ areaId, role }) as unknown as AreaRole);
  const seats = (f.seats ?? []).map((s) => ({ areaId: s.areaId, body: { id: s.body }, role: s.role, organisation: s.organisation ? { id: s.organisation } : null }) as unknown as Membership);
  const delegations = (f.delegations ?? []).map(
    (d, i): DelegationHeld => ({ id: `delegation-${i}`, areaId: d.areaId, bodyId: d.body, power: d.power, forPersonId: d.forPersonId === undefined ? 'the-chair' : d.forPersonId }),
  );
  return new Viewer(f.subject === undefined ? 'login' : f.subject, f.globalAdmin === true, people, roles, seats, delegations);
}
