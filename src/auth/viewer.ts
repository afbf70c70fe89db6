import type { AreaRole } from '../entities/area-role.entity';
import type { DelegatedPower } from '../entities/enums';
import type { Membership } from '../entities/membership.entity';
import type { Person } from '../entities/person.entity';

/** A chair's power the viewer holds today by delegation (src/entities/delegation.entity.ts). */
export interface DelegationHeld {
  id: string;
  areaId: string;
  bodyId: string;
  power: DelegatedPower;
  /** The chair on whose behalf the viewer acts. */
  forPersonId: string | null;
}

/**
 * Who is asking, as of the request's day: the token subject, the person records it matches (one
 * per area), and the area roles, seats and delegations valid today. The anonymous public has none.
 * What the viewer may do is decided only by src/auth/authority.ts from these facts.
 */
export class Viewer {
  constructor(
    readonly subject: string | null,
    readonly isGlobalAdmin: boolean,
    readonly people: readonly Person[],
    readonly areaRoles: readonly AreaRole[],
    readonly memberships: readonly Membership[],
    readonly delegations: readonly DelegationHeld[] = [],
  ) {}

  static anonymous(): Viewer {
    return new Viewer(null, false, [], [], []);
  }

  get isAuthenticated(): boolean {
    return this.subject !== null;
  }

  /** The viewer's person record in an area, if any: the one that acts, authors and is recorded there. */
  personIn(areaId: string): Person | undefined {
    return this.people.find((p) => p.areaId === areaId);
  }

  /** Area roles held today in an area, for the history's record of who acted as what. */
  rolesIn(areaId: string): string[] {
    return this.areaRoles.filter((r) => r.areaId === areaId).map((r) => r.role);
  }

  /** The viewer's seat in a body today, for the history's record of the side they acted on. */
  seatIn(bodyId: string): Membership | undefined {
    return this.memberships.find((m) => m.body.id === bodyId);
  }
}
