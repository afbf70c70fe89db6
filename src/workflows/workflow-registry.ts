import { BodyKind } from '../domain/enums';
import { ceskyKrumlovWorkflow } from './cesky-krumlov.workflow';
import { novyJicinWorkflow } from './novy-jicin.workflow';
import { standardWorkflow } from './standard.workflow';
import { compileWorkflow, passes, type ProposalEngine } from './workflow-compiler';
import type { StageDefinition, WorkflowDefinition } from './workflow-definition';

const leavesSteeringGroup = (stages: StageDefinition[], from: string[]): boolean =>
  from.some((f) => stages.find((s) => s.key === f)?.bodyKind === BodyKind.STEERING_GROUP);

/**
 * Version 2 of a definition: a PLAN may not leave the steering group's stage while comments of its
 * public hearing are unanswered (the guard passes for every other proposal).
 */
function withHearingGuard(def: WorkflowDefinition): WorkflowDefinition {
  return {
    ...def,
    version: def.version + 1,
    hearingRule: 'LEAVING_STEERING_GROUP',
    transitions: def.transitions.map((t) => (leavesSteeringGroup(def.stages, t.from) ? { ...t, guards: [...t.guards, { name: 'hearingSettled' as const }] } : t)),
  };
}

/**
 * Version 3: the hearing rule holds whenever the hearing was opened. A PLAN passes no stage (every
 * transition that carries it on: all but returns, rejections and withdrawals) while a hearing of it
 * is open or has an unanswered comment; the guard passes for every other proposal.
 */
function withHearingRule(first: WorkflowDefinition): WorkflowDefinition {
  return {
    ...first,
    version: first.version + 2,
    hearingRule: 'EVERY_PASS',
    transitions: first.transitions.map((t) => (passes(first, t) ? { ...t, guards: [...t.guards, { name: 'hearingSettled' as const }] } : t)),
  };
}

const FIRST_VERSIONS = [standardWorkflow, novyJicinWorkflow, ceskyKrumlovWorkflow];

/** Every version of every shipped definition, so proposals in flight keep working after a change. */
export const WORKFLOW_DEFINITIONS: readonly WorkflowDefinition[] = [
  ...FIRST_VERSIONS,
  ...FIRST_VERSIONS.map(withHearingGuard),
  ...FIRST_VERSIONS.map(withHearingRule),
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
