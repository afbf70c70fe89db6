import { RefusalCode, refusal } from '../domain/refusal';
import { problemsMessage, WorkflowDefinitionError, WorkflowEngine } from './engine';
import { PROPOSAL_GUARDS, type TransitionFacts } from './workflow-guards';
import { isFinalStage, type TransitionDefinition, type WorkflowDefinition } from './workflow-definition';
import { workflowProblems } from './workflow-problems';

export { WorkflowDefinitionError };

/** A proposal workflow compiled: its definition and the engine that decides on it. */
export type ProposalEngine = WorkflowEngine<TransitionDefinition, TransitionFacts>;

/**
 * Refuses a definition with any problem (src/workflows/workflow-problems.ts): what every workflow
 * must hold (src/workflows/engine.ts), names, labels and guard parameters, the phases (the initial
 * stage is the draft and the only one; a proposal can be approved), what the transitions record (a
 * recommendation or a resolution only from a stage of the body that gives it, every resolution
 * number typed at the council or the assembly recorded as theirs, every commission decision that
 * carries a proposal on recording the recommendation, submission only from the draft, a return to a
 * stage still in progress), the hearing rule binding exactly the transitions it says, who may act
 * and decide, and a plan adopted only by the assembly. The error lists every problem with its path.
 */
export function validateWorkflow(def: WorkflowDefinition): void {
  const problems = workflowProblems(def);
  if (problems.length > 0) {
    throw new WorkflowDefinitionError(problemsMessage(`${def.key}@${def.version}`, problems.map((p) => ({ path: p.path, message: p.text.en }))));
  }
}

function toEngineDefinition(def: WorkflowDefinition) {
  return {
    id: `${def.key}@${def.version}`,
    initial: def.initial,
    stages: def.stages.map((s) => ({ key: s.key, final: isFinalStage(s) })),
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
