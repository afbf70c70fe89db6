import { BodyKind, DECIDED_PHASES, ProposalPhase } from '../domain/enums';
import type { Text } from '../domain/text';
import type { TransitionInput } from './engine';

export type { TransitionInput };

/**
 * An approval workflow as plain data. It owns all of its vocabulary: the names of its stages and
 * events appear nowhere else in the code. What the rest of the product needs to know of a stage
 * (its phase: draft, in review, approved, rejected, withdrawn; the kind of body handling it) and of
 * a transition (what it records, whether it sends the proposal back) is declared here, and checked
 * when the definition is compiled at start-up (src/workflows/workflow-compiler.ts). Areas pick a
 * definition by key, and a proposal keeps the version it started with.
 */
export interface WorkflowDefinition {
  key: string;
  /** Raised whenever stages or transitions change; proposals in flight keep their version. */
  version: number;
  name: Text;
  initial: string;
  stages: StageDefinition[];
  transitions: TransitionDefinition[];
  /**
   * Where the public hearing of a plan binds (the `hearingSettled` guard): on every transition that
   * leaves the steering group's stage (`LEAVING_STEERING_GROUP`), or on every transition that
   * carries a proposal on — all but returns, rejections and withdrawals (`EVERY_PASS`). Checked at
   * start-up against the guards the transitions name.
   */
  hearingRule?: 'LEAVING_STEERING_GROUP' | 'EVERY_PASS';
}

export interface StageDefinition {
  key: string;
  label: Text;
  /** Where a proposal in this stage stands; the initial stage is the only DRAFT, and the decided phases are final. */
  phase: ProposalPhase;
  /** The kind of body that handles proposals in this stage, if any. */
  bodyKind?: BodyKind;
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
  | { name: 'kindIsNot'; params: { kinds: readonly string[] } }
  | { name: 'kindIs'; params: { kinds: readonly string[] } };

/**
 * What a transition records on the proposal besides its stage:
 * - `SUBMITTED`: the materials went to the working group (the first time stamps `submittedAt`);
 * - `COMMISSION_RECOMMENDS` / `COMMISSION_DOES_NOT_RECOMMEND`: the social commission's recommendation
 *   to the council (only from a stage the social commission handles);
 * - `COUNCIL_RESOLUTION` / `ASSEMBLY_RESOLUTION`: the resolution number typed is the council's or the
 *   assembly's (only from a stage that body handles, and only with `resolutionNumberRequired`).
 */
export type TransitionEffect = 'SUBMITTED' | 'COMMISSION_RECOMMENDS' | 'COMMISSION_DOES_NOT_RECOMMEND' | 'COUNCIL_RESOLUTION' | 'ASSEMBLY_RESOLUTION';

export interface TransitionDefinition {
  from: string[];
  event: string;
  to: string;
  label: Text;
  guards: GuardRef[];
  effects?: TransitionEffect[];
  /** The proposal goes back to an earlier stage for rework (a return neither passes a stage nor ends the proposal). */
  returns?: boolean;
}

/** A guard as an administrator names it in a draft: any name, any parameters, until checked. */
export interface DraftGuard {
  name: string;
  params?: unknown;
}

export type DraftTransition = Omit<TransitionDefinition, 'guards'> & { guards: DraftGuard[] };

/**
 * A definition as drafted through the API: the shape of a definition, but its guards unchecked.
 * `workflowProblems` (src/workflows/workflow-problems.ts) lists everything wrong with it; only a
 * draft without problems is published, and a published version is a `WorkflowDefinition`.
 */
export type DraftDefinition = Omit<WorkflowDefinition, 'transitions'> & { transitions: DraftTransition[] };

/** Whether a stage is final: its phase is decided, and no event leaves it. */
export const isFinalStage = (s: Pick<StageDefinition, 'phase'>): boolean => DECIDED_PHASES.includes(s.phase);

type StagesOf = { stages: ReadonlyArray<Pick<StageDefinition, 'key' | 'phase' | 'bodyKind'>> };

/** Whether a transition carries a proposal on: neither a return, nor a rejection, nor a withdrawal. */
export function passes(def: StagesOf, t: Pick<TransitionDefinition, 'to' | 'returns'>): boolean {
  const phase = def.stages.find((s) => s.key === t.to)?.phase;
  return !t.returns && phase !== ProposalPhase.REJECTED && phase !== ProposalPhase.WITHDRAWN;
}

/** The transitions a hearing rule binds in a definition (its own rule unless another is named). */
export function boundByHearing(
  def: StagesOf & Pick<WorkflowDefinition, 'hearingRule'>,
  t: Pick<TransitionDefinition, 'from' | 'to' | 'returns'>,
  rule = def.hearingRule,
): boolean {
  const kindOf = (key: string) => def.stages.find((s) => s.key === key)?.bodyKind;
  switch (rule) {
    case 'LEAVING_STEERING_GROUP':
      return t.from.some((f) => kindOf(f) === BodyKind.STEERING_GROUP);
    case 'EVERY_PASS':
      return passes(def, t);
    case undefined:
      return false;
  }
}
