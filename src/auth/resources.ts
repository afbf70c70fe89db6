import type { Body } from '../entities/body.entity';
import { BodyKind, ProposalPhase } from '../entities/enums';
import type { Proposal } from '../entities/proposal.entity';
import type { BodyFacts, Resource } from './conditions';
import type { SqlForm } from './authority';

/**
 * Records as the policy sees them (src/auth/conditions.ts `Resource`): which people and bodies a
 * rule's references name, and the facts it may depend on. Services load what a resource needs and
 * describe it here; the decision point judges it. The SQL forms say the same of a table's rows, so
 * a list is filtered by the very rule that judges one record.
 */

export const bodyFacts = (body: Pick<Body, 'id' | 'convener' | 'minuteTaker'>): BodyFacts => ({
  id: body.id,
  convener: body.convener,
  minuteTaker: body.minuteTaker,
});

/** Something of an area as a whole (the area itself, a new person or body, a plan's creation). */
export const inArea = (areaId: string): Resource => ({ areaId });

/** What all areas share (the provider catalogue). */
export const SHARED: Resource = { areaId: null };

/** A body, or a meeting of it (its rules say who convenes and takes the minutes). */
export function bodyResource(body: Pick<Body, 'id' | 'areaId' | 'isPublic' | 'convener' | 'minuteTaker'> & { kind?: BodyKind }, extra: { presenterId?: string | null } = {}): Resource {
  return {
    areaId: body.areaId,
    bodies: { body: [bodyFacts(body)] },
    people: { presenter: extra.presenterId ? [extra.presenterId] : [] },
    flags: { public: body.isPublic, councilOrAssembly: body.kind === BodyKind.COUNCIL || body.kind === BodyKind.ASSEMBLY },
  };
}

/** A person, with the bodies they hold seats in (any time) and whether one of them is public. */
export function personResource(
  person: { id: string; areaId: string },
  facts: { seatBodyIds?: readonly string[]; seatedInPublicBody?: boolean; isAdmin?: boolean } = {},
): Resource {
  return {
    areaId: person.areaId,
    people: { self: [person.id] },
    bodies: { seatBodies: (facts.seatBodyIds ?? []).map((id) => ({ id })) },
    flags: { seatedInPublicBody: facts.seatedInPublicBody === true, targetIsAdmin: facts.isAdmin === true },
  };
}

export const PERSON_SQL = (a: string): SqlForm => ({
  areaId: `${a}.area_id`,
  people: { self: (ids) => `${a}.id = any(${ids})` },
  bodies: {
    seatBodies: (ids) => `exists (select 1 from membership m where m.area_id = ${a}.area_id and m.person_id = ${a}.id and m.body_id = any(${ids}))`,
  },
  flags: {
    seatedInPublicBody: `exists (select 1 from membership m join body b on b.area_id = m.area_id and b.id = m.body_id
      where m.area_id = ${a}.area_id and m.person_id = ${a}.id and b.is_public)`,
  },
});

/** A seat of a person in a body. */
export function seatResource(body: Pick<Body, 'id' | 'areaId' | 'isPublic' | 'convener' | 'minuteTaker'> & { kind?: BodyKind }, personId: string): Resource {
  return { ...bodyResource(body), people: { self: [personId] } };
}

/** A delegation in a body to a person. */
export function delegationResource(body: Pick<Body, 'id' | 'areaId' | 'isPublic' | 'convener' | 'minuteTaker'>, delegateId: string): Resource {
  return { ...bodyResource(body), people: { delegate: [delegateId] } };
}

/** An area role of a person. */
export const roleResource = (areaId: string, personId: string): Resource => ({ areaId, people: { self: [personId] } });

/**
 * A proposal: its author, its working group, the body handling it now, the bodies whose events
 * are in its history, and the working group's reporting chain (the group first).
 */
export function proposalResource(
  p: Pick<Proposal, 'areaId' | 'phase'> & { author: { id: string }; workingGroup: { id: string }; currentBody?: { id: string } | null },
  facts: { handledBodyIds?: readonly string[]; chain?: readonly Body[]; workingGroupPublic?: boolean } = {},
): Resource {
  return {
    areaId: p.areaId,
    people: { author: [p.author.id] },
    bodies: {
      workingGroup: [{ id: p.workingGroup.id }],
      currentBody: p.currentBody ? [{ id: p.currentBody.id }] : [],
      handledBodies: (facts.handledBodyIds ?? []).map((id) => ({ id })),
      chain: (facts.chain ?? []).map(bodyFacts),
    },
    flags: { draft: p.phase === ProposalPhase.DRAFT, approvedInPublicGroup: p.phase === ProposalPhase.APPROVED && facts.workingGroupPublic === true },
  };
}

export const PROPOSAL_SQL = (a: string): SqlForm => ({
  areaId: `${a}.area_id`,
  people: { author: (ids) => `${a}.author_id = any(${ids})` },
  bodies: {
    workingGroup: (ids) => `${a}.working_group_id = any(${ids})`,
    // A draft or a decided proposal is before no body: false then, never NULL (which `not` would keep NULL, and a filter drop).
    currentBody: (ids) => `(${a}.current_body_id is not null and ${a}.current_body_id = any(${ids}))`,
    // Kept by the history's insert trigger (migrations/…_proposal_handled_bodies.ts): one index lookup, not the whole history.
    handledBodies: (ids) => `exists (select 1 from proposal_handled_body h where h.area_id = ${a}.area_id and h.proposal_id = ${a}.id and h.body_id = any(${ids}))`,
  },
  flags: {
    draft: `${a}.phase = '${ProposalPhase.DRAFT}'`,
    approvedInPublicGroup: `(${a}.phase = '${ProposalPhase.APPROVED}' and exists (select 1 from body b where b.area_id = ${a}.area_id and b.id = ${a}.working_group_id and b.is_public))`,
  },
});

/** A plan: whether it is adopted (its text public), and the guarantors (people, organisations) of the goal or indicator acted on. */
export function planResource(
  areaId: string,
  facts: { adopted?: boolean; hearingOpen?: boolean; guarantorIds?: readonly string[]; guarantorOrganisationIds?: readonly string[] } = {},
): Resource {
  return {
    areaId,
    people: { guarantor: facts.guarantorIds ?? [] },
    organisations: { guarantor: facts.guarantorOrganisationIds ?? [] },
    flags: { adopted: facts.adopted === true, hearingOpen: facts.hearingOpen === true && facts.adopted !== true },
  };
}

/**
 * A plan row (alias `a`) as the policy's SQL, at the moment `at`: adopted when its PLAN proposal is
 * approved (as the plan's standing reads it), a hearing open when one of its hearings takes comments then.
 */
export const PLAN_SQL = (a: string, at: Date): SqlForm => {
  const adopted = `exists (select 1 from proposal pr where pr.area_id = ${a}.area_id and pr.id = ${a}.proposal_id and pr.phase = '${ProposalPhase.APPROVED}')`;
  const moment = `'${at.toISOString()}'::timestamptz`;
  return {
    areaId: `${a}.area_id`,
    flags: {
      adopted,
      hearingOpen: `(exists (select 1 from hearing h where h.area_id = ${a}.area_id and h.plan_id = ${a}.id and h.opens_at <= ${moment} and h.closes_at > ${moment}) and not ${adopted})`,
    },
  };
};

/** The guarantors of a goal or an indicator as a plan resource's facts (a municipality named alone makes nobody a guarantor). */
export function guarantorsOf(rows: ReadonlyArray<{ personId: string | null; organisationId: string | null }>): { guarantorIds: string[]; guarantorOrganisationIds: string[] } {
  return {
    guarantorIds: rows.flatMap((g) => (g.personId ? [g.personId] : [])),
    guarantorOrganisationIds: rows.flatMap((g) => (g.organisationId ? [g.organisationId] : [])),
  };
}

/** A notification and the person it is addressed to. */
export const notificationResource = (n: { areaId: string; personId: string }): Resource => ({ areaId: n.areaId, people: { recipient: [n.personId] } });
