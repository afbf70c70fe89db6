import type { EntityManager } from '@mikro-orm/postgresql';
import type { BodyRef, Condition, Flag, PersonRef } from '../../src/auth/conditions';
import { POLICY, type Action } from '../../src/auth/policy';
import { Delegation } from '../../src/entities/delegation.entity';
import { AreaRoleKind, BodyKind, Convener, DelegatedPower, MembershipRole, MinuteTaker, ProposalKind, TriadSide } from '../../src/entities/enums';
import { Proposal } from '../../src/entities/proposal.entity';
import type { ActorRule, TransitionDefinition, WorkflowDefinition } from '../../src/workflows/workflow-definition';
import { shippedWorkflows } from '../../src/workflows/workflow-registry';
import type { Body } from '../../src/entities/body.entity';
import type { Person } from '../../src/entities/person.entity';
import { aBody, aGlobalAdmin, anArea, aPerson, aRole, aSeat } from './factories';
import { codes, type GraphQLResponse } from './test-app';

/**
 * Every kind of viewer the policy tells apart, in one area with the whole pipeline, and an
 * interpreter of the policy table (src/auth/policy.ts) over what each kind is: the expected answer
 * of the generated authority tests is read off the table, never off the services.
 */

export const KINDS = [
  'anonymous',
  'stranger',
  'erased',
  'otherCoordinator',
  'globalAdmin',
  'commissioner',
  'provider',
  'serviceUser',
  'publicMember',
  'guest',
  'secretary',
  'chair',
  'deputy',
  'steeringChair',
  'commissionChair',
  'councilChair',
  'coordinator',
  'support',
  'clerk',
  'admin',
] as const;
export type Kind = (typeof KINDS)[number];

/** The triad side of every seat a kind of viewer holds (the commissioners' side unless named here). */
const SIDES: Partial<Record<Kind, TriadSide>> = {
  commissioner: TriadSide.COMMISSIONER,
  provider: TriadSide.PROVIDER,
  serviceUser: TriadSide.SERVICE_USER,
  publicMember: TriadSide.PUBLIC,
  guest: TriadSide.PUBLIC,
  secretary: TriadSide.COMMISSIONER,
  chair: TriadSide.COMMISSIONER,
  deputy: TriadSide.PROVIDER,
};
export const sideOf = (kind: Kind): TriadSide => SIDES[kind] ?? TriadSide.COMMISSIONER;

export type BodyKey = 'wg' | 'steering' | 'commission' | 'council' | 'assembly';

/** What a kind of viewer is in the area: the facts the policy's conditions speak of. */
export interface Profile {
  signedIn: boolean;
  globalAdmin?: boolean;
  /** A person of the area (signed in with it). */
  person?: boolean;
  roles?: AreaRoleKind[];
  seats?: Partial<Record<BodyKey, MembershipRole>>;
  delegations?: Partial<Record<BodyKey, DelegatedPower[]>>;
}

export const PROFILES: Record<Kind, Profile> = {
  anonymous: { signedIn: false },
  stranger: { signedIn: true },
  erased: { signedIn: true },
  otherCoordinator: { signedIn: true },
  globalAdmin: { signedIn: true, globalAdmin: true },
  commissioner: { signedIn: true, person: true, seats: { wg: MembershipRole.MEMBER } },
  provider: { signedIn: true, person: true, seats: { wg: MembershipRole.MEMBER } },
  serviceUser: { signedIn: true, person: true, seats: { wg: MembershipRole.MEMBER } },
  publicMember: { signedIn: true, person: true, seats: { wg: MembershipRole.MEMBER } },
  guest: { signedIn: true, person: true, seats: { wg: MembershipRole.GUEST } },
  secretary: { signedIn: true, person: true, seats: { wg: MembershipRole.SECRETARY } },
  chair: { signedIn: true, person: true, seats: { wg: MembershipRole.CHAIR } },
  deputy: { signedIn: true, person: true, seats: { wg: MembershipRole.DEPUTY }, delegations: { wg: [DelegatedPower.CHAIR] } },
  steeringChair: { signedIn: true, person: true, seats: { steering: MembershipRole.CHAIR } },
  commissionChair: { signedIn: true, person: true, seats: { commission: MembershipRole.CHAIR } },
  councilChair: { signedIn: true, person: true, seats: { council: MembershipRole.CHAIR, assembly: MembershipRole.CHAIR } },
  coordinator: { signedIn: true, person: true, roles: [AreaRoleKind.COORDINATOR] },
  support: { signedIn: true, person: true, roles: [AreaRoleKind.SUPPORT] },
  clerk: { signedIn: true, person: true, roles: [AreaRoleKind.CLERK] },
  admin: { signedIn: true, person: true, roles: [AreaRoleKind.ADMIN] },
};

/** Kinds with no standing in the area: everything of it is NOT_FOUND to them (or UNAUTHENTICATED). */
export const OUTSIDERS: readonly Kind[] = ['anonymous', 'stranger', 'erased', 'otherCoordinator'];

/** A target as the tests see it: which kinds are its people, which of the world's bodies are its bodies, its flags. */
export interface Target {
  /** null: what all areas share. */
  area: 'A' | null;
  people?: Partial<Record<PersonRef, readonly Kind[]>>;
  bodies?: Partial<Record<BodyRef, readonly BodyKey[]>>;
  flags?: Partial<Record<Flag, boolean>>;
  /** Kinds that represent an organisation named by the target (none in these worlds). */
  represents?: readonly Kind[];
}

/** The bodies' own rules, as the world creates them (src/services/body.service.ts defaults). */
const CONVENER: Record<BodyKey, Convener> = {
  wg: Convener.CHAIR_OR_COORDINATOR,
  steering: Convener.COORDINATOR,
  commission: Convener.CHAIR,
  council: Convener.CHAIR,
  assembly: Convener.CHAIR,
};
const MINUTE_TAKER: Record<BodyKey, MinuteTaker> = {
  wg: MinuteTaker.COORDINATOR,
  steering: MinuteTaker.COORDINATOR,
  commission: MinuteTaker.COORDINATOR,
  council: MinuteTaker.COORDINATOR,
  assembly: MinuteTaker.COORDINATOR,
};

/** The policy's vocabulary read for a kind of viewer and a target, as the table documents it. */
export function expectedHolds(cond: Condition, kind: Kind, target: Target): boolean {
  const p = PROFILES[kind];
  const inArea = target.area === 'A';
  const role = (roles: readonly AreaRoleKind[]) => (roles.includes(AreaRoleKind.ADMIN) && p.globalAdmin === true) || (inArea && (p.roles ?? []).some((r) => roles.includes(r)));
  const managers = role([AreaRoleKind.ADMIN, AreaRoleKind.COORDINATOR]);
  const bodies = (ref: BodyRef) => (inArea ? (target.bodies?.[ref] ?? []) : []);
  const chairs = (b: BodyKey, power: DelegatedPower) =>
    p.seats?.[b] === MembershipRole.CHAIR || (p.delegations?.[b] ?? []).some((d) => d === power || d === DelegatedPower.CHAIR);
  switch (cond.kind) {
    case 'anyone':
      return true;
    case 'signedIn':
      return p.signedIn;
    case 'globalAdmin':
      return p.globalAdmin === true;
    case 'areaPerson':
      return inArea && p.person === true;
    case 'areaRole':
      return role(cond.roles);
    case 'areaSeat':
      return inArea && Object.keys(p.seats ?? {}).length > 0;
    case 'represents':
      return inArea && (target.represents ?? []).includes(kind);
    case 'self':
      return inArea && (target.people?.[cond.ref] ?? []).includes(kind);
    case 'seat':
      return bodies(cond.ref).some((b) => p.seats?.[b] !== undefined && (!cond.roles || cond.roles.includes(p.seats[b])));
    case 'chair':
      return bodies(cond.ref).some((b) => chairs(b, cond.power));
    case 'convener':
      return bodies(cond.ref).some((b) => {
        const chair = chairs(b, DelegatedPower.CONVENE);
        return CONVENER[b] === Convener.CHAIR ? chair : CONVENER[b] === Convener.COORDINATOR ? managers : chair || managers;
      });
    case 'minuteTaker':
      return bodies(cond.ref).some((b) => (MINUTE_TAKER[b] === MinuteTaker.SECRETARY ? p.seats?.[b] === MembershipRole.SECRETARY : managers));
    case 'flag':
      return target.flags?.[cond.flag] === true;
    case 'all':
      return cond.of.every((c) => expectedHolds(c, kind, target));
    case 'any':
      return cond.of.some((c) => expectedHolds(c, kind, target));
    case 'not':
      return !expectedHolds(cond.of, kind, target);
  }
}

/** Whether the policy allows the kind every one of `actions` on the target. */
export function expectedAllowed(actions: readonly Action[], kind: Kind, target: Target): boolean {
  return actions.every((a) => expectedHolds(POLICY[a].who, kind, target));
}

/**
 * Checks one refused response: no data, one error whose code fits who was refused — NOT_FOUND for
 * kinds with no standing in the area (never a FORBIDDEN that would confirm the record exists),
 * UNAUTHENTICATED or NOT_FOUND without a token, else FORBIDDEN, NOT_FOUND (a hidden read) or
 * TRANSITION_NOT_ALLOWED for NOT_YOUR_ROLE (roles judged by a state machine).
 */
export function refusalProblem(res: GraphQLResponse<unknown>, kind: Kind, target: Target): string | null {
  const [code] = codes(res);
  if (res.data && Object.values(res.data).some((v) => v !== null)) return `answered ${JSON.stringify(res.data)}`;
  if (codes(res).length !== 1) return `errors ${JSON.stringify(codes(res))}`;
  const refusals = (res.errors?.[0]?.extensions?.refusals as Array<{ code: string }> | undefined) ?? [];
  if (kind === 'anonymous') return code === 'UNAUTHENTICATED' || code === 'NOT_FOUND' ? null : `anonymous got ${code}`;
  if (OUTSIDERS.includes(kind) && target.area === 'A') return code === 'NOT_FOUND' ? null : `outsider got ${code}`;
  if (code === 'FORBIDDEN' || code === 'NOT_FOUND') return null;
  if (code === 'TRANSITION_NOT_ALLOWED' && refusals.some((r) => r.code === 'NOT_YOUR_ROLE')) return null;
  return `got ${code} ${JSON.stringify(refusals)}`;
}

export interface AuthorityWorld {
  areaId: string;
  otherAreaId: string;
  bodies: Record<BodyKey, Body>;
  people: Partial<Record<Kind, Person>>;
  /** The token subject of each kind; none for the anonymous. */
  subjects: Partial<Record<Kind, string>>;
  /** A second admin, so that revoking or erasing one admin never meets the last-admin rule. */
  spareAdmin: Person;
}

/** The world: an area with working group → steering group → commission → council → assembly and a person for every kind. */
export async function anAuthorityWorld(em: EntityManager, workflowKey = 'standard'): Promise<AuthorityWorld> {
  const area = await anArea(em, { workflowKey });
  const tag = area.id.slice(0, 8);
  const assembly = await aBody(em, area, BodyKind.ASSEMBLY, { name: 'Zastupitelstvo' });
  const council = await aBody(em, area, BodyKind.COUNCIL, { name: 'Rada', reportsTo: assembly });
  const commission = await aBody(em, area, BodyKind.SOCIAL_COMMISSION, { name: 'Sociální komise', reportsTo: council });
  const steering = await aBody(em, area, BodyKind.STEERING_GROUP, { name: 'Řídící skupina', reportsTo: commission });
  const wg = await aBody(em, area, BodyKind.WORKING_GROUP, { name: 'PS Senioři', reportsTo: steering, isPublic: true });
  const bodies: Record<BodyKey, Body> = { wg, steering, commission, council, assembly };

  const people: Partial<Record<Kind, Person>> = {};
  const subjects: Partial<Record<Kind, string>> = {};
  for (const kind of KINDS) {
    const profile = PROFILES[kind];
    if (!profile.person) continue;
    const person = await aPerson(em, area, { name: kind, subject: `${kind}-${tag}` });
    people[kind] = person;
    subjects[kind] = person.subject as string;
    for (const role of profile.roles ?? []) await aRole(em, person, role);
    for (const [key, seatRole] of Object.entries(profile.seats ?? {}) as Array<[BodyKey, MembershipRole]>) {
      await aSeat(em, bodies[key], person, {
        role: seatRole,
        triadSide: sideOf(kind),
        votingRight: seatRole !== MembershipRole.GUEST,
      });
    }
  }
  for (const [key, powers] of Object.entries(PROFILES.deputy.delegations ?? {}) as Array<[BodyKey, DelegatedPower[]]>) {
    for (const power of powers) {
      em.create(Delegation, {
        areaId: area.id,
        bodyId: bodies[key].id,
        delegateId: people.deputy!.id,
        forPersonId: people.chair!.id,
        power,
        validFrom: '2020-01-01',
        validTo: null,
        revokedAt: null,
        grantedById: people.chair!.id,
        note: null,
      });
    }
  }
  await em.flush();
  const spareAdmin = await aPerson(em, area, { name: 'Druhý správce' });
  await aRole(em, spareAdmin, AreaRoleKind.ADMIN);

  // Someone who was a member and is erased: their old login matches nobody.
  const erased = await aPerson(em, area, { name: 'Smazaná osoba', subject: `erased-${tag}` });
  await em.getConnection().execute(`update person set erased_at = now(), subject = null, email = null, phone = null where id = ?`, [erased.id]);
  subjects.erased = `erased-${tag}`;

  const other = await anArea(em);
  const otherCoordinator = await aPerson(em, other, { name: 'Cizí koordinátor', subject: `other-coordinator-${tag}` });
  await aRole(em, otherCoordinator, AreaRoleKind.COORDINATOR);
  subjects.otherCoordinator = otherCoordinator.subject as string;
  subjects.stranger = `stranger-${tag}`;
  subjects.globalAdmin = await aGlobalAdmin(em, `global-admin-${tag}`);
  return { areaId: area.id, otherAreaId: other.id, bodies, people, subjects, spareAdmin };
}

// ── Workflow definitions read for the world ─────────────────────────────────────────────────

const KIND_OF_BODY: Record<BodyKind, BodyKey> = {
  [BodyKind.WORKING_GROUP]: 'wg',
  [BodyKind.STEERING_GROUP]: 'steering',
  [BodyKind.SOCIAL_COMMISSION]: 'commission',
  [BodyKind.COUNCIL]: 'council',
  [BodyKind.ASSEMBLY]: 'assembly',
};
/** The world's reporting chain, the working group first. */
export const CHAIN: BodyKey[] = ['wg', 'steering', 'commission', 'council', 'assembly'];

/** Whether the definition's actor rule names the kind (as the workflow guard `actorIs` reads it); the service user is the author. */
export function named(rule: ActorRule, kind: Kind): boolean {
  const p = PROFILES[kind];
  switch (rule.kind) {
    case 'AUTHOR':
      return kind === 'serviceUser';
    case 'CHAIR_OF': {
      const b = KIND_OF_BODY[rule.bodyKind];
      return p.seats?.[b] === MembershipRole.CHAIR || (p.delegations?.[b] ?? []).includes(DelegatedPower.CHAIR);
    }
    case 'AREA_ROLE':
      return (p.roles ?? []).some((r) => String(r) === rule.role);
  }
}

/** The world's body that handles a stage of the definition, if any. */
export const stageBody = (def: WorkflowDefinition, stage: string): BodyKey | null => {
  const kind = def.stages.find((s) => s.key === stage)?.bodyKind;
  return kind ? KIND_OF_BODY[kind] : null;
};

/** A proposal by the service user standing in `stage`, straight in the database. */
export async function aProposalIn(em: EntityManager, world: AuthorityWorld, def: WorkflowDefinition, stage: string, kind: ProposalKind = ProposalKind.MEASURE): Promise<string> {
  const snapshot = shippedWorkflows().get(def.key, def.version).engine.snapshotAt(stage);
  const body = stageBody(def, stage);
  const p = em.create(Proposal, {
    areaId: world.areaId,
    workingGroup: world.bodies.wg,
    author: world.people.serviceUser!,
    kind,
    title: `Návrh ve fázi ${stage}`,
    summary: 'Rozšíření služby.',
    state: stage,
    phase: def.stages.find((s) => s.key === stage)!.phase,
    currentBody: body ? world.bodies[body] : null,
    workflowKey: def.key,
    workflowVersion: def.version,
    snapshot: snapshot,
    submittedAt: stage === def.initial ? null : new Date(),
  });
  await em.flush();
  return p.id;
}

/** A proposal by the service user standing in `from`, as the policy sees it. */
export function proposalTarget(def: WorkflowDefinition, from: string): Target {
  const current = stageBody(def, from);
  return {
    area: 'A',
    people: { author: ['serviceUser'] },
    bodies: { workingGroup: ['wg'], currentBody: current ? [current] : [], handledBodies: [], chain: CHAIN },
    flags: { draft: from === def.initial, approvedInPublicGroup: false },
  };
}

/** Whether the kind may fire the transition from `from`: the policy lets them see and act on the proposal, and the definition's `actorIs` names them. */
export function mayFire(def: WorkflowDefinition, t: TransitionDefinition, from: string, kind: Kind): boolean {
  const actorIs = t.guards.find((g) => g.name === 'actorIs');
  const rules = actorIs?.name === 'actorIs' ? actorIs.params.anyOf : [];
  return expectedAllowed(['proposal.read', 'proposal.transition'], kind, proposalTarget(def, from)) && (rules.length === 0 || rules.some((r) => named(r, kind)));
}
