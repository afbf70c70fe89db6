import type { AreaRole } from '../entities/area-role.entity';
import { AreaRoleKind, type MembershipRole } from '../entities/enums';
import type { Membership } from '../entities/membership.entity';
import type { Person } from '../entities/person.entity';

/**
 * Who is asking, as of the request's day: the token subject, the person records it matches (one
 * per area), and the area roles and memberships valid today. The anonymous public has none.
 */
export class Viewer {
  constructor(
    readonly subject: string | null,
    readonly isGlobalAdmin: boolean,
    readonly people: readonly Person[],
    readonly areaRoles: readonly AreaRole[],
    readonly memberships: readonly Membership[],
  ) {}

  static anonymous(): Viewer {
    return new Viewer(null, false, [], [], []);
  }

  get isAuthenticated(): boolean {
    return this.subject !== null;
  }

  personIn(areaId: string): Person | undefined {
    return this.people.find((p) => p.areaId === areaId);
  }

  /** Whether the viewer belongs to the area at all (a person there, or a global admin). */
  belongsTo(areaId: string): boolean {
    return this.isGlobalAdmin || this.personIn(areaId) !== undefined;
  }

  rolesIn(areaId: string): AreaRoleKind[] {
    return this.areaRoles.filter((r) => r.areaId === areaId).map((r) => r.role);
  }

  /** A global admin acts as an admin of every area. */
  hasAreaRole(areaId: string, ...roles: AreaRoleKind[]): boolean {
    if (this.isGlobalAdmin && roles.includes(AreaRoleKind.ADMIN)) return true;
    return this.areaRoles.some((r) => r.areaId === areaId && roles.includes(r.role));
  }

  /** Admins and coordinators set up the area's people, bodies and memberships. */
  managesArea(areaId: string): boolean {
    return this.hasAreaRole(areaId, AreaRoleKind.ADMIN, AreaRoleKind.COORDINATOR);
  }

  /** Any area role (or global admin) lets one read the whole organisation of the area. */
  readsWholeArea(areaId: string): boolean {
    return this.isGlobalAdmin || this.areaRoles.some((r) => r.areaId === areaId);
  }

  isSelf(personId: string): boolean {
    return this.people.some((p) => p.id === personId);
  }

  /** E-mail, phone and login subject: the area's admins and coordinators, and the person. */
  seesContactsOf(areaId: string, personId: string): boolean {
    return this.managesArea(areaId) || this.isSelf(personId);
  }

  membershipIn(bodyId: string, ...roles: MembershipRole[]): Membership | undefined {
    return this.memberships.find((m) => m.body.id === bodyId && (roles.length === 0 || roles.includes(m.role)));
  }
}
