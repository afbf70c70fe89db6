import { ceskyKrumlovWorkflow } from './cesky-krumlov.workflow';
import { novyJicinWorkflow } from './novy-jicin.workflow';
import { standardWorkflow } from './standard.workflow';
import { compileWorkflow, type WorkflowMachine } from './workflow-compiler';
import type { WorkflowDefinition } from './workflow-definition';

/**
 * Version 2 of a definition: a PLAN may not leave the steering group while comments of its public
 * hearing are unanswered (the guard passes for every other proposal).
 */
function withHearingGuard(def: WorkflowDefinition): WorkflowDefinition {
  return {
    ...def,
    version: def.version + 1,
    transitions: def.transitions.map((t) => (t.from.includes('STEERING_GROUP') ? { ...t, guards: [...t.guards, { name: 'hearingSettled' as const }] } : t)),
  };
}

/** Events that do not carry a proposal on: it goes back, ends rejected or is withdrawn. */
const NOT_PASSING = new Set(['RETURN', 'REJECT', 'WITHDRAW']);

/**
 * Version 3: the hearing rule holds whenever the hearing was opened. A PLAN passes no stage (every
 * event but a return, a rejection or a withdrawal) while a hearing of it is open or has an
 * unanswered comment; the guard passes for every other proposal.
 */
function withHearingRule(first: WorkflowDefinition): WorkflowDefinition {
  return {
    ...first,
    version: first.version + 2,
    transitions: first.transitions.map((t) => (NOT_PASSING.has(t.event) ? t : { ...t, guards: [...t.guards, { name: 'hearingSettled' as const }] })),
  };
}

const FIRST_VERSIONS = [standardWorkflow, novyJicinWorkflow, ceskyKrumlovWorkflow];

/** Every version of every definition stays here, so proposals in flight keep working after a change. */
export const WORKFLOW_DEFINITIONS: readonly WorkflowDefinition[] = [
  ...FIRST_VERSIONS,
  ...FIRST_VERSIONS.map(withHearingGuard),
  ...FIRST_VERSIONS.map(withHearingRule),
];

export interface CompiledWorkflow {
  definition: WorkflowDefinition;
  machine: WorkflowMachine;
}

/** Compiles and checks all definitions; throws WorkflowDefinitionError for the first broken one. */
export function compileAllWorkflows(defs: readonly WorkflowDefinition[] = WORKFLOW_DEFINITIONS): Map<string, CompiledWorkflow> {
  const compiled = new Map<string, CompiledWorkflow>();
  for (const definition of defs) {
    const id = `${definition.key}@${definition.version}`;
    if (compiled.has(id)) throw new Error(`Workflow ${id} is defined twice`);
    compiled.set(id, { definition, machine: compileWorkflow(definition) });
  }
  return compiled;
}

/** The newest version of each key: what new proposals start with. */
export function latestVersions(defs: readonly WorkflowDefinition[] = WORKFLOW_DEFINITIONS): Map<string, WorkflowDefinition> {
  const latest = new Map<string, WorkflowDefinition>();
  for (const d of defs) {
    const current = latest.get(d.key);
    if (!current || current.version < d.version) latest.set(d.key, d);
  }
  return latest;
}

let compiledCache: Map<string, CompiledWorkflow> | undefined;

/** The compiled machine a proposal runs on: its definition key and the version it started with. */
export function compiledWorkflow(key: string, version: number): CompiledWorkflow {
  compiledCache ??= compileAllWorkflows();
  const found = compiledCache.get(`${key}@${version}`);
  if (!found) throw new Error(`Workflow ${key}@${version} is not defined`);
  return found;
}

/** The newest compiled version of a key, for new proposals. */
export function latestCompiledWorkflow(key: string): CompiledWorkflow {
  const def = latestVersions().get(key);
  if (!def) throw new Error(`Workflow ${key} is not defined`);
  return compiledWorkflow(def.key, def.version);
}
