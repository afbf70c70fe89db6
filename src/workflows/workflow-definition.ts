import type { BodyKind } from '../entities/enums';
import type { Text } from '../i18n/locale';

/**
 * An approval workflow as plain data. It is validated and compiled into an XState machine at
 * start-up (src/workflows/workflow-compiler.ts); areas pick one by key, and a proposal keeps the
 * version it started with.
 */
export interface WorkflowDefinition {
  key: string;
  /** Raised whenever stages or transitions change; proposals in flight keep their version. */
  version: number;
  name: Text;
  initial: string;
  stages: StageDefinition[];
  transitions: TransitionDefinition[];
}

export interface StageDefinition {
  key: string;
  label: Text;
  /** The kind of body that handles proposals in this stage, if any. */
  bodyKind?: BodyKind;
  /** No event leaves a final stage. */
  final?: boolean;
}

/** Who may fire an event: any one of these. */
export type ActorRule =
  | { kind: 'AUTHOR' }
  /** Chair of the body of this kind up the proposal's working group's `reportsTo` chain (the group itself for WORKING_GROUP). */
  | { kind: 'CHAIR_OF'; bodyKind: BodyKind }
  | { kind: 'AREA_ROLE'; role: 'ADMIN' | 'COORDINATOR' | 'SUPPORT' | 'CLERK' };

/** A named guard with its parameters; the names are those of src/workflows/workflow-guards.ts. */
export type GuardRef =
  | { name: 'actorIs'; params: { anyOf: readonly ActorRule[] } }
  | { name: 'hasTitleAndSummary' }
  | { name: 'reasonRequired' }
  | { name: 'reasonRequiredUnlessAuthor' }
  | { name: 'resolutionNumberRequired' }
  | { name: 'triadRepresented' }
  | { name: 'noConflictOfInterest' }
  | { name: 'hearingSettled' }
  | { name: 'kindIsNot'; params: { kinds: readonly string[] } };

/** What an actor types when firing a transition, besides the event. */
export type TransitionInput = 'REASON' | 'RESOLUTION_NUMBER';

export interface TransitionDefinition {
  from: string[];
  event: string;
  to: string;
  label: Text;
  guards: GuardRef[];
}
