import type { BodyKind, TriadSide } from '../domain/enums';
import type { BodyRef } from '../domain/refs';
import { hasVisibleText, visibleOrNull } from '../domain/text';
import type { ChairPower, TransitionFacts } from './workflow-guards';

/** What the service loads before asking the engine. */
export interface FactsSource {
  proposal: { kind: string; title: string; summary: string | null; authorId: string; concernedOrganisationId: string | null };
  /** The viewer's person in the proposal's area, if any. */
  actorPersonId: string | null;
  /** The actor's triad side in the proposal's working group, if they hold a seat there. */
  actorSideInWorkingGroup?: string | null;
  actorAreaRoles: string[];
  /** The working group first, then each body it reports to. */
  chain: BodyRef[];
  /**
   * Whether the actor represents the organisation the proposal concerns — by their person record or
   * a seat held today anywhere in the area, the same organisation, not a name spelt alike (decided
   * by src/auth/authority.ts).
   */
  actorRepresentsConcerned: boolean;
  /** Bodies on the chain whose chair's power the actor holds today (decided by src/auth/authority.ts). */
  actorChairOf: ChairPower[];
  /** Triad sides of the working group's voting members today (or of the deciding meeting). */
  votingSides: TriadSide[];
  reason: string | null;
  resolutionNumber: string | null;
  unansweredHearingComments?: number;
  openHearings?: number;
}

/** The chain's body of a kind: the working group itself, or the first one of that kind up the chain. */
export function bodyOfKind<B extends BodyRef>(chain: readonly B[], kind: BodyKind): B | undefined {
  return chain.find((b) => b.kind === kind);
}

/** Builds the facts the guards judge; pure, so `availableTransitions` and the transition agree. */
export function buildTransitionFacts(src: FactsSource): TransitionFacts {
  return {
    proposalKind: src.proposal.kind,
    hasTitle: hasVisibleText(src.proposal.title),
    hasSummary: hasVisibleText(src.proposal.summary),
    actor: {
      isAuthor: src.actorPersonId !== null && src.actorPersonId === src.proposal.authorId,
      authorSide: src.actorSideInWorkingGroup ?? null,
      chairOf: src.actorChairOf,
      areaRoles: src.actorAreaRoles,
    },
    triadSidesPresent: [...new Set(src.votingSides)],
    actorHasConflictOfInterest: src.proposal.concernedOrganisationId !== null && src.actorRepresentsConcerned,
    // Text made only of invisible characters is no reason and no number.
    reason: visibleOrNull(src.reason),
    resolutionNumber: visibleOrNull(src.resolutionNumber),
    unansweredHearingComments: src.unansweredHearingComments ?? 0,
    openHearings: src.openHearings ?? 0,
  };
}
