import { BodyKind, MembershipRole, type TriadSide } from '../entities/enums';
import type { Body } from '../entities/body.entity';
import type { Membership } from '../entities/membership.entity';
import type { TransitionFacts } from './workflow-guards';

/** What the service loads before asking the machine. */
export interface FactsSource {
  proposal: { kind: string; title: string; summary: string | null; authorId: string; concernedOrganisationId: string | null };
  /** The viewer's person in the proposal's area, if any. */
  actorPersonId: string | null;
  /** The organisation the actor's person record refers to. */
  actorOrganisationId: string | null;
  actorAreaRoles: string[];
  /** The working group first, then each body it reports to. */
  chain: Body[];
  /** Seats the actor holds today. */
  actorSeats: readonly Membership[];
  /** Triad sides of the working group's voting members today (or of the deciding meeting). */
  votingSides: TriadSide[];
  reason: string | null;
  resolutionNumber: string | null;
  unansweredHearingComments?: number;
}

/** The chain's body of a kind: the working group itself, or the first one of that kind up the chain. */
export function bodyOfKind(chain: Body[], kind: BodyKind): Body | undefined {
  return chain.find((b) => b.kind === kind);
}

/** Builds the facts the guards judge; pure, so `availableTransitions` and the transition agree. */
export function buildTransitionFacts(src: FactsSource): TransitionFacts {
  const chairOf = src.chain
    .filter((b) => src.actorSeats.some((m) => m.body.id === b.id && m.role === MembershipRole.CHAIR))
    .map((b) => b.kind);
  const workingGroup = bodyOfKind(src.chain, BodyKind.WORKING_GROUP);
  // The actor represents the concerned organisation when their seat in the working group or their
  // person record refers to it: the same organisation, not a name spelt alike.
  const concerned = src.proposal.concernedOrganisationId;
  const wgSeat = workingGroup ? src.actorSeats.find((m) => m.body.id === workingGroup.id) : undefined;
  const conflict = concerned !== null && (wgSeat?.organisation?.id === concerned || src.actorOrganisationId === concerned);
  return {
    proposalKind: src.proposal.kind,
    hasTitle: src.proposal.title.trim().length > 0,
    hasSummary: (src.proposal.summary ?? '').trim().length > 0,
    actor: {
      isAuthor: src.actorPersonId !== null && src.actorPersonId === src.proposal.authorId,
      chairOf,
      areaRoles: src.actorAreaRoles,
    },
    triadSidesPresent: [...new Set(src.votingSides)],
    actorHasConflictOfInterest: conflict,
    reason: src.reason && src.reason.trim() ? src.reason : null,
    resolutionNumber: src.resolutionNumber && src.resolutionNumber.trim() ? src.resolutionNumber : null,
    unansweredHearingComments: src.unansweredHearingComments ?? 0,
  };
}
