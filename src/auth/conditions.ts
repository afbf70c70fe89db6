import { DelegatedPower, type AreaRoleKind, type Convener, type MembershipRole, type MinuteTaker } from '../entities/enums';

/**
 * The vocabulary of the policy (src/auth/policy.ts): who may do an action, as plain data. Each
 * condition is judged against the viewer and a resource — the record acted on, described by the
 * people, bodies and facts the rules speak of (src/auth/resources.ts). The decision point
 * (src/auth/authority.ts) answers a condition for one record and turns it into SQL for lists.
 */

/** People a resource names: the record's own person, its author, a guarantor, … */
export type PersonRef = 'self' | 'author' | 'presenter' | 'guarantor' | 'recipient' | 'delegate';

/** Organisations a resource names: the guarantor organisations of a goal or an indicator, the organisation a proposal concerns. */
export type OrganisationRef = 'guarantor' | 'concerned';

/** Bodies a resource names: the body acted in, a proposal's working group, the bodies that handled it, … */
export type BodyRef = 'body' | 'workingGroup' | 'currentBody' | 'handledBodies' | 'chain' | 'seatBodies';

/** Yes/no facts of a resource that a rule may depend on. */
export type Flag =
  /** The body is public (its meetings, members and records are for everyone). */
  | 'public'
  /** The proposal is still a draft. */
  | 'draft'
  /** The proposal is approved and its working group public. */
  | 'approvedInPublicGroup'
  /** The plan is adopted (or superseded): its text is public. */
  | 'adopted'
  /** A public hearing of the plan takes comments now (opened, not closed, the plan not adopted): its draft is public. */
  | 'hearingOpen'
  /** The person holds a seat in a public body. */
  | 'seatedInPublicBody'
  /** The person acted on holds the ADMIN role of the area. */
  | 'targetIsAdmin'
  /** The body is the council or the assembly (whose records the clerk keeps). */
  | 'councilOrAssembly';

/**
 * Powers of a body's chair that may be delegated for a term (a deputy acting for the chair, a
 * secretary convening on the chair's behalf, a member named to verify the minutes). CHAIR is all
 * of them.
 */
export type DelegablePower = DelegatedPower;

export type Condition =
  /** Everyone, also without signing in. */
  | { kind: 'anyone' }
  /** Whoever signed in with a valid token. */
  | { kind: 'signedIn' }
  /** A global admin (creates areas, maintains what all areas share). */
  | { kind: 'globalAdmin' }
  /** A person of the resource's area (a global admin is none: acts recorded under a name need one). */
  | { kind: 'areaPerson' }
  /** An area role valid today in the resource's area; ADMIN also admits global admins. */
  | { kind: 'areaRole'; roles: readonly AreaRoleKind[] }
  /** The viewer is that person of the resource. */
  | { kind: 'self'; ref: PersonRef }
  /** The viewer represents that organisation: their person record in the area, or a seat held today, refers to it. */
  | { kind: 'represents'; ref: OrganisationRef }
  /** A seat valid today in any body of the resource's area. */
  | { kind: 'areaSeat' }
  /** A seat valid today in that body (any role, or one of `roles`). */
  | { kind: 'seat'; ref: BodyRef; roles?: readonly MembershipRole[] }
  /** The body's chair, or someone the power is delegated to for a term that covers today. */
  | { kind: 'chair'; ref: BodyRef; power: DelegablePower }
  /** Whoever the body's rules name as its convener (its chair, the coordinator, or either). */
  | { kind: 'convener'; ref: BodyRef }
  /** Whoever the body's rules name as its minute-taker (its secretary, or the coordinator). */
  | { kind: 'minuteTaker'; ref: BodyRef }
  | { kind: 'flag'; flag: Flag }
  | { kind: 'all'; of: readonly Condition[] }
  | { kind: 'any'; of: readonly Condition[] }
  | { kind: 'not'; of: Condition };

export const anyone: Condition = { kind: 'anyone' };
export const signedIn: Condition = { kind: 'signedIn' };
export const globalAdmin: Condition = { kind: 'globalAdmin' };
export const areaPerson: Condition = { kind: 'areaPerson' };
export const areaSeat: Condition = { kind: 'areaSeat' };
export const areaRole = (...roles: AreaRoleKind[]): Condition => ({ kind: 'areaRole', roles });
export const self = (ref: PersonRef): Condition => ({ kind: 'self', ref });
export const represents = (ref: OrganisationRef): Condition => ({ kind: 'represents', ref });
export const seat = (ref: BodyRef, ...roles: MembershipRole[]): Condition => (roles.length ? { kind: 'seat', ref, roles } : { kind: 'seat', ref });
export const chair = (ref: BodyRef, power: DelegablePower = DelegatedPower.CHAIR): Condition => ({ kind: 'chair', ref, power });
export const convener = (ref: BodyRef): Condition => ({ kind: 'convener', ref });
export const minuteTaker = (ref: BodyRef): Condition => ({ kind: 'minuteTaker', ref });
export const flag = (name: Flag): Condition => ({ kind: 'flag', flag: name });
export const all = (...of: Condition[]): Condition => ({ kind: 'all', of });
export const any = (...of: Condition[]): Condition => ({ kind: 'any', of });
export const not = (of: Condition): Condition => ({ kind: 'not', of });

/** A body as the rules see it: which one, and who convenes it and takes its minutes. */
export interface BodyFacts {
  id: string;
  convener?: Convener;
  minuteTaker?: MinuteTaker;
}

/**
 * A record as the policy sees it. `areaId` is null for what all areas share (the provider
 * catalogue); references a rule needs but the resource leaves out count as empty.
 */
export interface Resource {
  areaId: string | null;
  people?: Partial<Record<PersonRef, readonly string[]>>;
  organisations?: Partial<Record<OrganisationRef, readonly string[]>>;
  bodies?: Partial<Record<BodyRef, readonly BodyFacts[]>>;
  flags?: Partial<Record<Flag, boolean>>;
}
