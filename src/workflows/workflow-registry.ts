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
  /** The area whose own definition this is; null for a template any area may choose. */
  areaId: string | null;
}

/**
 * The approval workflows a process runs: published versions, each compiled and checked once (a
 * broken definition fails with WorkflowDefinitionError). Versions are immutable, so a version once
 * compiled stays right; the service adds what is published (at start-up, after a publication, and
 * when a proposal names a version this process has not seen yet). A proposal runs on its
 * definition's key and the version it started with; new proposals on the newest version.
 */
export class WorkflowRegistry {
  private readonly compiled = new Map<string, CompiledWorkflow>();
  private readonly newest = new Map<string, CompiledWorkflow>();
  /** The publication order (`workflow_definition.seq`) this process has caught up with. */
  caughtUpTo = 0;

  constructor(definitions: readonly WorkflowDefinition[] = WORKFLOW_DEFINITIONS) {
    for (const definition of definitions) {
      if (this.compiled.has(`${definition.key}@${definition.version}`)) throw new Error(`Workflow ${definition.key}@${definition.version} is defined twice`);
      this.add(definition, null);
    }
  }

  /** Compiles and adds a published version (a version already known is kept as it is: versions never change). */
  add(definition: WorkflowDefinition, areaId: string | null): CompiledWorkflow {
    const id = `${definition.key}@${definition.version}`;
    const known = this.compiled.get(id);
    if (known) return known;
    const entry = { definition, engine: compileWorkflow(definition), areaId };
    this.compiled.set(id, entry);
    const current = this.newest.get(definition.key);
    if (!current || current.definition.version < definition.version) this.newest.set(definition.key, entry);
    return entry;
  }

  /** Every version known, templates first, then by key and version. */
  get entries(): CompiledWorkflow[] {
    return [...this.compiled.values()].sort(
      (a, b) => Number(a.areaId !== null) - Number(b.areaId !== null) || a.definition.key.localeCompare(b.definition.key) || a.definition.version - b.definition.version,
    );
  }

  /** Every version known. */
  get definitions(): WorkflowDefinition[] {
    return this.entries.map((e) => e.definition);
  }

  /** The definition keys known. */
  get keys(): string[] {
    return [...this.newest.keys()];
  }

  has(key: string, version?: number): boolean {
    return version === undefined ? this.newest.has(key) : this.compiled.has(`${key}@${version}`);
  }

  /** The workflow a proposal runs on: its definition key and the version it started with. */
  get(key: string, version: number): CompiledWorkflow {
    const found = this.compiled.get(`${key}@${version}`);
    if (!found) throw new Error(`Workflow ${key}@${version} is not defined`);
    return found;
  }

  /** The newest version of a key known to this process. */
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
