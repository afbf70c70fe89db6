import type { Body } from '../entities/body.entity';
import { BodyKind, CommissionRecommendation } from '../entities/enums';
import type { Proposal } from '../entities/proposal.entity';
import { bodyOfKind } from './transition-facts';
import type { TransitionDefinition, WorkflowDefinition } from './workflow-definition';

/** What a transition does to a proposal besides its state, derived from the definition and the chain. */
export interface TransitionOutcome {
  toState: string;
  /** The body that decided: the one handling the stage left. */
  decidingBodyId: string | null;
  /** The body handling the stage entered. */
  nextBodyId: string | null;
  commissionRecommendation: CommissionRecommendation | null;
  councilResolution: string | null;
  assemblyResolution: string | null;
}

export function transitionOutcome(
  def: WorkflowDefinition,
  t: TransitionDefinition,
  fromState: string,
  chain: Body[],
  resolutionNumber: string | null,
): TransitionOutcome {
  const fromKind = def.stages.find((s) => s.key === fromState)?.bodyKind;
  const toKind = def.stages.find((s) => s.key === t.to)?.bodyKind;
  const commissionDecides = fromKind === BodyKind.SOCIAL_COMMISSION && (t.event === 'RECOMMEND' || t.event === 'NOT_RECOMMEND');
  return {
    toState: t.to,
    decidingBodyId: fromKind ? (bodyOfKind(chain, fromKind)?.id ?? null) : null,
    nextBodyId: toKind ? (bodyOfKind(chain, toKind)?.id ?? null) : null,
    commissionRecommendation: commissionDecides
      ? t.event === 'RECOMMEND'
        ? CommissionRecommendation.RECOMMENDED
        : CommissionRecommendation.NOT_RECOMMENDED
      : null,
    councilResolution: fromKind === BodyKind.COUNCIL ? resolutionNumber : null,
    assemblyResolution: fromKind === BodyKind.ASSEMBLY ? resolutionNumber : null,
  };
}

/** Writes an outcome onto the proposal row and bumps its version. */
export function applyOutcome(
  p: Proposal,
  o: TransitionOutcome,
  event: string,
  at: Date,
  snapshot: Record<string, unknown>,
  bodyRef: (id: string) => Body,
): void {
  if (p.state === 'DRAFT' && event === 'SUBMIT' && !p.submittedAt) p.submittedAt = at;
  if (o.commissionRecommendation) p.commissionRecommendation = o.commissionRecommendation;
  if (o.councilResolution) p.councilResolution = o.councilResolution;
  if (o.assemblyResolution) p.assemblyResolution = o.assemblyResolution;
  p.state = o.toState;
  p.snapshot = snapshot;
  p.currentBody = o.nextBodyId ? bodyRef(o.nextBodyId) : null;
  p.version += 1;
}
