import { BodyKind, DECIDED_PHASES, ProposalPhase } from '../domain/enums';
import { RefusalCode, refusal } from '../domain/refusal';
import { validateDefinition, WorkflowDefinitionError, WorkflowEngine } from './engine';
import { GUARD_NAMES, PROPOSAL_GUARDS, type TransitionFacts } from './workflow-guards';
import type { StageDefinition, TransitionDefinition, TransitionEffect, WorkflowDefinition } from './workflow-definition';

export { WorkflowDefinitionError };

/** A proposal workflow compiled: its definition and the engine that decides on it. */
export type ProposalEngine = WorkflowEngine<TransitionDefinition, TransitionFacts>;

const isFinal = (s: StageDefinition): boolean => DECIDED_PHASES.includes(s.phase);

/** Whether a transition carries a proposal on: neither a return, nor a rejection, nor a withdrawal. */
export function passes(def: WorkflowDefinition, t: TransitionDefinition): boolean {
  const phase = def.stages.find((s) => s.key === t.to)?.phase;
  return !t.returns && phase !== ProposalPhase.REJECTED && phase !== ProposalPhase.WITHDRAWN;
}

/** The transitions a hearing rule binds in a definition (its own rule unless another is named). */
export function boundByHearing(def: WorkflowDefinition, t: TransitionDefinition, rule = def.hearingRule): boolean {
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

/** Which body's decision each effect records, and where it may stand. */
const RECORDED_BY: Record<Exclude<TransitionEffect, 'SUBMITTED'>, BodyKind> = {
  COMMISSION_RECOMMENDS: BodyKind.SOCIAL_COMMISSION,
  COMMISSION_DOES_NOT_RECOMMEND: BodyKind.SOCIAL_COMMISSION,
  COUNCIL_RESOLUTION: BodyKind.COUNCIL,
  ASSEMBLY_RESOLUTION: BodyKind.ASSEMBLY,
};

/**
 * Checks a definition, besides what every workflow must hold (src/workflows/engine.ts): the phases
 * (the initial stage is the draft and the only one; the decided phases and only they are final; a
 * proposal can be approved), and what the transitions declare — a recommendation or a resolution is
 * recorded only from a stage of the body that gives it, every resolution number typed at the
 * council or the assembly is recorded as theirs, every commission decision that carries a proposal
 * on records the recommendation, submission only from the draft, a return goes to a stage still in
 * progress, and the hearing rule binds exactly the transitions it says.
 */
export function validateWorkflow(def: WorkflowDefinition): void {
  const fail = (msg: string): never => {
    throw new WorkflowDefinitionError(`Workflow "${def.key}@${def.version}": ${msg}`);
  };
  validateDefinition({ ...toEngineDefinition(def) }, GUARD_NAMES);
  const stageOf = (key: string) => def.stages.find((s) => s.key === key) as StageDefinition;
  const drafts = def.stages.filter((s) => s.phase === ProposalPhase.DRAFT).map((s) => s.key);
  if (drafts.length !== 1 || drafts[0] !== def.initial) fail(`the initial stage, and it alone, must be in phase DRAFT (found: ${drafts.join(', ') || 'none'})`);
  if (!def.stages.some((s) => s.phase === ProposalPhase.APPROVED)) fail('no stage is in phase APPROVED');
  for (const t of def.transitions) {
    const effects = t.effects ?? [];
    if (new Set(effects).size !== effects.length) fail(`event ${t.event} declares an effect twice`);
    const to = stageOf(t.to);
    if (t.returns && isFinal(to)) fail(`event ${t.event} returns to the final stage "${t.to}"`);
    for (const from of t.from.map(stageOf)) {
      for (const effect of effects) {
        if (effect === 'SUBMITTED') {
          if (from.key !== def.initial) fail(`event ${t.event} records SUBMITTED from "${from.key}", not from the draft`);
        } else if (from.bodyKind !== RECORDED_BY[effect]) {
          fail(`event ${t.event} records ${effect} from "${from.key}", which the ${RECORDED_BY[effect]} does not handle`);
        }
      }
      const typesResolution = t.guards.some((g) => g.name === 'resolutionNumberRequired');
      if (effects.includes('COUNCIL_RESOLUTION') || effects.includes('ASSEMBLY_RESOLUTION')) {
        if (!typesResolution) fail(`event ${t.event} records a resolution without requiring its number`);
      }
      const resolutionEffect = from.bodyKind === BodyKind.COUNCIL ? 'COUNCIL_RESOLUTION' : from.bodyKind === BodyKind.ASSEMBLY ? 'ASSEMBLY_RESOLUTION' : null;
      if (typesResolution && resolutionEffect && !effects.includes(resolutionEffect)) {
        fail(`event ${t.event} from "${from.key}" asks for a resolution number and does not record it as the ${from.bodyKind}'s (${resolutionEffect})`);
      }
      if (from.bodyKind === BodyKind.SOCIAL_COMMISSION && passes(def, t) && !effects.some((e) => e.startsWith('COMMISSION_'))) {
        fail(`event ${t.event} carries the proposal on from the commission's stage "${from.key}" without recording its recommendation`);
      }
    }
    const guarded = t.guards.some((g) => g.name === 'hearingSettled');
    if (guarded !== boundByHearing(def, t)) {
      fail(`event ${t.event} from ${t.from.join(', ')} ${guarded ? 'names' : 'lacks'} the hearingSettled guard, against the hearing rule (${def.hearingRule ?? 'none'})`);
    }
  }
}

function toEngineDefinition(def: WorkflowDefinition) {
  return {
    id: `${def.key}@${def.version}`,
    initial: def.initial,
    stages: def.stages.map((s) => ({ key: s.key, final: isFinal(s) })),
    transitions: def.transitions,
    unavailable: () =>
      refusal(RefusalCode.EVENT_NOT_AVAILABLE, { cs: 'Tato akce v této fázi neexistuje.', en: 'This action does not exist in this stage.' }),
  };
}

/** Validates a definition and compiles it into the engine. */
export function compileWorkflow(def: WorkflowDefinition): ProposalEngine {
  validateWorkflow(def);
  return new WorkflowEngine(toEngineDefinition(def), PROPOSAL_GUARDS);
}
