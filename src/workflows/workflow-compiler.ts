import { and, setup } from 'xstate';
import { GUARD_NAMES, checkGuard, type TransitionFacts } from './workflow-guards';
import type { GuardRef, WorkflowDefinition } from './workflow-definition';

/** Raised at start-up for a definition that cannot run; the message names the definition and the fault. */
export class WorkflowDefinitionError extends Error {
  override name = 'WorkflowDefinitionError';
}

/** The event a compiled machine takes: the workflow event name plus the facts its guards judge. */
export interface WorkflowMachineEvent {
  type: string;
  facts: TransitionFacts;
}

/**
 * Checks a definition: known initial stage, sources and targets; known guards; no event twice from
 * one stage; nothing leaves a final stage; every stage reachable from the initial one; every
 * non-final stage has a way out.
 */
export function validateWorkflow(def: WorkflowDefinition): void {
  const fail = (msg: string): never => {
    throw new WorkflowDefinitionError(`Workflow "${def.key}" v${def.version}: ${msg}`);
  };
  const stages = new Map(def.stages.map((s) => [s.key, s]));
  if (stages.size !== def.stages.length) fail('a stage key is used twice');
  if (!stages.has(def.initial)) fail(`unknown initial stage "${def.initial}"`);
  const seen = new Set<string>();
  for (const t of def.transitions) {
    if (!stages.has(t.to)) fail(`event ${t.event} targets unknown stage "${t.to}"`);
    for (const from of t.from) {
      const stage = stages.get(from) ?? fail(`event ${t.event} leaves unknown stage "${from}"`);
      if (stage.final) fail(`event ${t.event} leaves final stage "${from}"`);
      const key = `${from}/${t.event}`;
      if (seen.has(key)) fail(`event ${t.event} is defined twice for stage "${from}"`);
      seen.add(key);
    }
    for (const g of t.guards) {
      if (!(GUARD_NAMES as string[]).includes(g.name)) fail(`event ${t.event} uses unknown guard "${g.name}"`);
    }
  }
  const reachable = new Set([def.initial]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of def.transitions) {
      if (t.from.some((f) => reachable.has(f)) && !reachable.has(t.to)) {
        reachable.add(t.to);
        grew = true;
      }
    }
  }
  const unreachable = def.stages.filter((s) => !reachable.has(s.key)).map((s) => s.key);
  if (unreachable.length) fail(`unreachable stage(s): ${unreachable.join(', ')}`);
  const stuck = def.stages.filter((s) => !s.final && !def.transitions.some((t) => t.from.includes(s.key))).map((s) => s.key);
  if (stuck.length) fail(`non-final stage(s) with no way out: ${stuck.join(', ')}`);
}

function toXStateGuard(guards: GuardRef[]) {
  const refs = guards.map((g) => ({ type: g.name, params: 'params' in g ? g.params : undefined }));
  return refs.length === 1 ? refs[0] : and(refs as never);
}

/** Compiles a validated definition into an XState v5 machine whose guards are the named guards. */
export function compileWorkflow(def: WorkflowDefinition) {
  validateWorkflow(def);
  const guards = Object.fromEntries(
    GUARD_NAMES.map((name) => [
      name,
      ({ event }: { event: WorkflowMachineEvent }, params: unknown) =>
        checkGuard({ name, params } as GuardRef, event.facts).length === 0,
    ]),
  );
  const states = Object.fromEntries(
    def.stages.map((stage) => [
      stage.key,
      stage.final
        ? { type: 'final' as const }
        : {
            on: Object.fromEntries(
              def.transitions
                .filter((t) => t.from.includes(stage.key))
                .map((t) => [t.event, { target: t.to, guard: t.guards.length ? toXStateGuard(t.guards) : undefined }]),
            ),
          },
    ]),
  );
  return setup({ types: { events: {} as WorkflowMachineEvent }, guards: guards }).createMachine({
    id: `${def.key}@${def.version}`,
    initial: def.initial,
    states: states as never,
  });
}

export type WorkflowMachine = ReturnType<typeof compileWorkflow>;
