import { ceskyKrumlovWorkflow } from './cesky-krumlov.workflow';
import { novyJicinWorkflow } from './novy-jicin.workflow';
import { standardWorkflow } from './standard.workflow';
import { compileWorkflow, type ProposalEngine } from './workflow-compiler';
import { boundByHearing, type WorkflowDefinition } from './workflow-definition';

/**
 * A later version of a definition under a hearing rule: the `hearingSettled` guard added to every
 * transition the rule binds (the guard passes for every proposal but a PLAN).
 * - Version 2, LEAVING_STEERING_GROUP: a PLAN may not leave the steering group's stage while
 *   comments of its public hearing are unanswered.
 * - Version 3, EVERY_PASS: the rule holds whenever the hearing was opened; a PLAN passes no stage
 *   (every transition but returns, rejections and withdrawals) while a hearing of it is open or has
 *   an unanswered comment.
 */
function underHearingRule(first: WorkflowDefinition, hearingRule: NonNullable<WorkflowDefinition['hearingRule']>, version: number): WorkflowDefinition {
  return {
    ...first,
    version,
    hearingRule,
    transitions: first.transitions.map((t) => (boundByHearing(first, t, hearingRule) ? { ...t, guards: [...t.guards, { name: 'hearingSettled' as const }] } : t)),
  };
}

const FIRST_VERSIONS = [standardWorkflow, novyJicinWorkflow, ceskyKrumlovWorkflow];

/** Every version of every shipped definition, so proposals in flight keep working after a change. */
export const WORKFLOW_DEFINITIONS: readonly WorkflowDefinition[] = [
  ...FIRST_VERSIONS,
  ...FIRST_VERSIONS.map((d) => underHearingRule(d, 'LEAVING_STEERING_GROUP', d.version + 1)),
  ...FIRST_VERSIONS.map((d) => underHearingRule(d, 'EVERY_PASS', d.version + 2)),
];

export interface CompiledWorkflow {
  definition: WorkflowDefinition;
  engine: ProposalEngine;
}

/**
 * The approval workflows a deployment runs: every version of every definition, compiled and
 * checked once (a broken definition fails the start with WorkflowDefinitionError). A proposal runs
 * on its definition's key and the version it started with; new proposals on the newest version.
 */
export class WorkflowRegistry {
  private readonly compiled = new Map<string, CompiledWorkflow>();
  private readonly newest = new Map<string, CompiledWorkflow>();

  constructor(readonly definitions: readonly WorkflowDefinition[] = WORKFLOW_DEFINITIONS) {
    for (const definition of definitions) {
      const id = `${definition.key}@${definition.version}`;
      if (this.compiled.has(id)) throw new Error(`Workflow ${id} is defined twice`);
      const entry = { definition, engine: compileWorkflow(definition) };
      this.compiled.set(id, entry);
      const current = this.newest.get(definition.key);
      if (!current || current.definition.version < definition.version) this.newest.set(definition.key, entry);
    }
  }

  /** The definition keys an area may choose. */
  get keys(): string[] {
    return [...this.newest.keys()];
  }

  has(key: string): boolean {
    return this.newest.has(key);
  }

  /** The workflow a proposal runs on: its definition key and the version it started with. */
  get(key: string, version: number): CompiledWorkflow {
    const found = this.compiled.get(`${key}@${version}`);
    if (!found) throw new Error(`Workflow ${key}@${version} is not defined`);
    return found;
  }

  /** The newest version of a key, for new proposals. */
  latest(key: string): CompiledWorkflow {
    const found = this.newest.get(key);
    if (!found) throw new Error(`Workflow ${key} is not defined`);
    return found;
  }
}

let shipped: WorkflowRegistry | undefined;

/** The shipped definitions, compiled once per process. */
export function shippedWorkflows(): WorkflowRegistry {
  shipped ??= new WorkflowRegistry();
  return shipped;
}
