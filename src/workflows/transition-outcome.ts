import { CommissionRecommendation, type ProposalPhase } from '../domain/enums';
import type { BodyRef } from '../domain/refs';
import { bodyOfKind } from './transition-facts';
import type { StageDefinition, TransitionDefinition, WorkflowDefinition } from './workflow-definition';

/** What a permitted transition does to a proposal, from what the definition declares and the body chain. */
export interface TransitionOutcome {
  toState: string;
  /** The phase of the stage entered. */
  phase: ProposalPhase;
  /** The body that decided: the one handling the stage left. */
  decidingBodyId: string | null;
  /** The body handling the stage entered. */
  nextBodyId: string | null;
  /** The materials went to the working group (stamps `submittedAt` the first time). */
  submitted: boolean;
  commissionRecommendation: CommissionRecommendation | null;
  councilResolution: string | null;
  assemblyResolution: string | null;
}

/** A stage of the definition by its key. */
export function stageOf(def: WorkflowDefinition, key: string): StageDefinition {
  const found = def.stages.find((s) => s.key === key);
  if (!found) throw new Error(`Workflow ${def.key}@${def.version} has no stage "${key}"`);
  return found;
}

/** The outcome of `t` from `fromState`; pure, and the same for the service, the demo data and the tests. */
export function transitionOutcome(
  def: WorkflowDefinition,
  t: TransitionDefinition,
  fromState: string,
  chain: readonly BodyRef[],
  resolutionNumber: string | null,
): TransitionOutcome {
  const fromKind = stageOf(def, fromState).bodyKind;
  const to = stageOf(def, t.to);
  const effects = new Set(t.effects ?? []);
  return {
    toState: t.to,
    phase: to.phase,
    decidingBodyId: fromKind ? (bodyOfKind(chain, fromKind)?.id ?? null) : null,
    nextBodyId: to.bodyKind ? (bodyOfKind(chain, to.bodyKind)?.id ?? null) : null,
    submitted: effects.has('SUBMITTED'),
    commissionRecommendation: effects.has('COMMISSION_RECOMMENDS')
      ? CommissionRecommendation.RECOMMENDED
      : effects.has('COMMISSION_DOES_NOT_RECOMMEND')
        ? CommissionRecommendation.NOT_RECOMMENDED
        : null,
    councilResolution: effects.has('COUNCIL_RESOLUTION') ? resolutionNumber : null,
    assemblyResolution: effects.has('ASSEMBLY_RESOLUTION') ? resolutionNumber : null,
  };
}
