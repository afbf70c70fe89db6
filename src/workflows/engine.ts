import { initialTransition, setup, transition as machineTransition } from 'xstate';
import type { Refusal } from '../domain/refusal';

/**
 * The one transition engine. Every workflow of the product — a proposal's approval pipeline, a
 * meeting's course — is a definition made of plain data: stages, and transitions between them that
 * name their guards and declare their effects. The engine compiles a definition into an XState
 * machine once, at start-up, and answers one question, "may this event happen now, and what does it
 * do?", with `decide`: the guards run once, each saying why it refuses (or, for the guard that
 * judges the actor, in which capacity the actor acts); a refusal lists every reason with its code;
 * a permitted event yields the next persisted snapshot, the stage entered and the effects the
 * definition declares. Nothing here touches the database: the caller loads the facts, decides, and
 * writes what was decided.
 */

/** What a transition needs a person to type when they fire it. */
export type TransitionInput = 'REASON' | 'RESOLUTION_NUMBER';

/** In which capacity the actor acts, as the history records it. */
export interface ActingAs {
  role: string | null;
  side: string | null;
  /** The chair on whose behalf a delegate acts; null when acting in one's own right. */
  onBehalfOf: string | null;
}

/** A guard's answer: why it refuses (empty when it passes), what it asks to be typed, and for the actor's guard, as whom. */
export interface GuardVerdict {
  refusals: Refusal[];
  inputs?: TransitionInput[];
  actingAs?: ActingAs;
}

/** A guard named in a definition, with its parameters. */
export interface NamedGuard {
  name: string;
  params?: unknown;
}

export interface EngineStage {
  key: string;
  /** No event leaves a final stage. */
  final: boolean;
}

export interface EngineTransition {
  from: readonly string[];
  event: string;
  to: string;
  guards: readonly NamedGuard[];
  effects?: readonly unknown[];
}

type GuardOf<T extends EngineTransition> = T['guards'][number];
type EffectOf<T extends EngineTransition> = NonNullable<T['effects']>[number];

/** What the engine needs of a definition. */
export interface EngineDefinition<T extends EngineTransition> {
  /** Unique among compiled definitions, e.g. `standard@3` or `meeting@1`. */
  id: string;
  initial: string;
  stages: readonly EngineStage[];
  transitions: readonly T[];
  /** Why an event that does not leave the current stage is refused, in this workflow's words. */
  unavailable: (event: string, from: string) => Refusal;
}

/** The guard catalogue of a kind of workflow: judges one named guard against the facts. */
export type GuardCatalogue<G, F> = {
  names: readonly string[];
  judge: (guard: G, facts: F) => GuardVerdict;
};

/** Raised at start-up for a definition that cannot run; the message names the definition and every fault. */
export class WorkflowDefinitionError extends Error {
  override name = 'WorkflowDefinitionError';
}

export type PersistedSnapshot = Record<string, unknown>;

export type Decision<T extends EngineTransition> =
  | { allowed: false; refusals: Refusal[] }
  | {
      allowed: true;
      from: string;
      to: string;
      transition: T;
      snapshot: PersistedSnapshot;
      effects: ReadonlyArray<EffectOf<T>>;
      actingAs: ActingAs;
    };

/** One event of the current stage as a person sees it: why they cannot fire it now, and what they must type. */
export interface EventOption<T extends EngineTransition> {
  transition: T;
  refusals: Refusal[];
  inputs: TransitionInput[];
}

const NOBODY_IN_PARTICULAR: ActingAs = { role: null, side: null, onBehalfOf: null };

/** What every definition must hold, each fault by its code (src/workflows/workflow-problems.ts words them for people). */
export type DefinitionProblemCode =
  | 'DUPLICATE_STAGE'
  | 'UNKNOWN_INITIAL_STAGE'
  | 'UNKNOWN_STAGE'
  | 'DUPLICATE_EVENT'
  | 'LEAVES_FINAL_STAGE'
  | 'UNKNOWN_GUARD'
  | 'UNREACHABLE_STAGE'
  | 'DEAD_END';

/**
 * One fault of a definition: where it is, relative to the definition (`initial`, `stages[2].key`,
 * `transitions[4].from[0]`, `transitions[4].guards[1].name`), and what it is, in English; with the
 * stage, event and guard it concerns, for whoever words it otherwise.
 */
export interface DefinitionProblem {
  code: DefinitionProblemCode;
  path: string;
  message: string;
  stage?: string;
  event?: string;
  guard?: string;
}

/** A definition's problems as one line: `Workflow "id": path: message; path: message`. */
export function problemsMessage(id: string, problems: ReadonlyArray<{ path: string; message: string }>): string {
  return `Workflow "${id}": ${problems.map((p) => `${p.path}: ${p.message.replace(/\.$/, '')}`).join('; ')}`;
}

/**
 * Lists every fault against what every definition must hold: known initial stage, sources and
 * targets; known guards; no event twice from one stage; nothing leaves a final stage; every stage
 * reachable from the initial one; every non-final stage has a way out. A fault found does not hide
 * the others, and nothing here assumes the definition sound.
 */
export function definitionProblems(
  def: Pick<EngineDefinition<EngineTransition>, 'initial' | 'stages' | 'transitions'>,
  guardNames: readonly string[],
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const stages = new Map<string, EngineStage>();
  def.stages.forEach((s, i) => {
    if (stages.has(s.key)) problems.push({ code: 'DUPLICATE_STAGE', path: `stages[${i}].key`, stage: s.key, message: `Stage key ${s.key} is used by another stage too.` });
    else stages.set(s.key, s);
  });
  const initialKnown = stages.has(def.initial);
  if (!initialKnown) problems.push({ code: 'UNKNOWN_INITIAL_STAGE', path: 'initial', stage: def.initial, message: `The initial stage ${def.initial} does not exist.` });
  const seen = new Set<string>();
  def.transitions.forEach((t, i) => {
    const at = `transitions[${i}]`;
    const { event } = t;
    if (!stages.has(t.to)) problems.push({ code: 'UNKNOWN_STAGE', path: `${at}.to`, stage: t.to, event, message: `Event ${event} goes to stage ${t.to}, which does not exist.` });
    t.from.forEach((from, j) => {
      const stage = stages.get(from);
      if (!stage) {
        problems.push({ code: 'UNKNOWN_STAGE', path: `${at}.from[${j}]`, stage: from, event, message: `Event ${event} leaves stage ${from}, which does not exist.` });
        return;
      }
      if (stage.final) problems.push({ code: 'LEAVES_FINAL_STAGE', path: `${at}.from[${j}]`, stage: from, event, message: `Event ${event} leaves the final stage ${from}: nothing leaves a decided stage.` });
      const key = `${from}/${event}`;
      if (seen.has(key)) problems.push({ code: 'DUPLICATE_EVENT', path: `${at}.event`, stage: from, event, message: `Event ${event} is defined twice from stage ${from}.` });
      seen.add(key);
    });
    t.guards.forEach((g, k) => {
      if (!guardNames.includes(g.name)) {
        problems.push({ code: 'UNKNOWN_GUARD', path: `${at}.guards[${k}].name`, event, guard: g.name, message: `Event ${event} names the unknown guard "${g.name}".` });
      }
    });
  });
  const firstOfKey = def.stages.map((s, i) => [s, i] as const).filter(([s]) => stages.get(s.key) === s);
  // Without a known initial stage every stage would be unreachable: that says nothing new.
  if (initialKnown) {
    const reachable = new Set([def.initial]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of def.transitions) {
        if (stages.has(t.to) && !reachable.has(t.to) && t.from.some((f) => reachable.has(f))) {
          reachable.add(t.to);
          grew = true;
        }
      }
    }
    for (const [s, i] of firstOfKey) {
      if (!reachable.has(s.key)) problems.push({ code: 'UNREACHABLE_STAGE', path: `stages[${i}]`, stage: s.key, message: `Stage ${s.key} cannot be reached from the initial stage.` });
    }
  }
  for (const [s, i] of firstOfKey) {
    if (!s.final && !def.transitions.some((t) => t.from.includes(s.key))) {
      problems.push({ code: 'DEAD_END', path: `stages[${i}]`, stage: s.key, message: `Stage ${s.key} is not final, yet no event leaves it.` });
    }
  }
  return problems;
}

/** Refuses a definition that breaks what every definition must hold, naming every fault. */
export function validateDefinition(def: EngineDefinition<EngineTransition>, guardNames: readonly string[]): void {
  const problems = definitionProblems(def, guardNames);
  if (problems.length > 0) throw new WorkflowDefinitionError(problemsMessage(def.id, problems));
}

/** The machine's event: the workflow event, and whether the engine's guards permitted it. */
interface MachineEvent {
  type: string;
  permitted: boolean;
}

/**
 * A compiled definition. The XState machine holds the stages and the targets; whether an event
 * may happen is judged once, by the catalogue's guards, before the machine is asked to move.
 */
export class WorkflowEngine<T extends EngineTransition, F> {
  /** The XState machine, for tools that explore it (paths, diagrams); decisions go through `decide`. */
  readonly machine;

  constructor(
    readonly definition: EngineDefinition<T>,
    private readonly guards: GuardCatalogue<GuardOf<T>, F>,
  ) {
    validateDefinition(definition, guards.names);
    const states = Object.fromEntries(
      definition.stages.map((stage) => [
        stage.key,
        stage.final
          ? { type: 'final' as const }
          : {
              on: Object.fromEntries(
                definition.transitions.filter((t) => t.from.includes(stage.key)).map((t) => [t.event, { target: t.to, guard: 'permitted' }]),
              ),
            },
      ]),
    );
    this.machine = setup({
      // Stryker disable next-line ObjectLiteral: a declaration of types for the compiler, nothing at run time.
      types: { events: {} as MachineEvent },
      guards: { permitted: ({ event }: { event: MachineEvent }) => event.permitted },
    }).createMachine({ id: definition.id, initial: definition.initial, states: states as never });
  }

  /** Where a new record starts: the initial stage and its persisted snapshot. */
  start(): { state: string; snapshot: PersistedSnapshot } {
    const [initial] = initialTransition(this.machine);
    return { state: this.definition.initial, snapshot: this.machine.getPersistedSnapshot(initial) };
  }

  /** The persisted snapshot of a record standing in `state` (for records written before snapshots, demo data and tests). */
  snapshotAt(state: string): PersistedSnapshot {
    return this.machine.getPersistedSnapshot(this.machine.resolveState({ value: state, context: undefined }));
  }

  /** The stage a persisted snapshot stands in. */
  stateOf(snapshot: PersistedSnapshot): string {
    return String(this.machine.resolveState(snapshot as never).value);
  }

  /** The transitions leaving a stage. */
  transitionsFrom(state: string): T[] {
    return this.definition.transitions.filter((t) => t.from.includes(state));
  }

  /** Runs each guard once: every refusal, the inputs asked for, and the actor's capacity. */
  private judge(t: T, facts: F): { refusals: Refusal[]; inputs: TransitionInput[]; actingAs: ActingAs } {
    const refusals: Refusal[] = [];
    const inputs = new Set<TransitionInput>();
    let actingAs = NOBODY_IN_PARTICULAR;
    for (const guard of t.guards as ReadonlyArray<GuardOf<T>>) {
      const verdict = this.guards.judge(guard, facts);
      refusals.push(...verdict.refusals);
      for (const input of verdict.inputs ?? []) inputs.add(input);
      if (verdict.actingAs) actingAs = verdict.actingAs;
    }
    return { refusals, inputs: [...inputs], actingAs };
  }

  /** Every event of the stage, judged for the facts given. */
  options(state: string, facts: F): Array<EventOption<T>> {
    return this.transitionsFrom(state).map((transition) => {
      const { refusals, inputs } = this.judge(transition, facts);
      return { transition, refusals, inputs };
    });
  }

  /** May `event` happen to the record whose persisted snapshot this is, given the facts? */
  decide(snapshot: PersistedSnapshot, event: string, facts: F): Decision<T> {
    const current = this.machine.resolveState(snapshot as never);
    const from = String(current.value);
    const t = this.transitionsFrom(from).find((x) => x.event === event);
    if (!t) return { allowed: false, refusals: [this.definition.unavailable(event, from)] };
    const { refusals, actingAs } = this.judge(t, facts);
    if (refusals.length > 0) return { allowed: false, refusals };
    const [next] = machineTransition(this.machine, current, { type: event, permitted: true });
    // Stryker disable next-line ConditionalExpression,StringLiteral: the machine is compiled from this very definition, so it
    // always reaches t.to; the check stands guard over a later change to the compilation, which no input can bring about.
    if (String(next.value) !== t.to) throw new WorkflowDefinitionError(`Workflow "${this.definition.id}": ${event} from ${from} did not reach ${t.to}`);
    return {
      allowed: true,
      from,
      to: t.to,
      transition: t,
      snapshot: this.machine.getPersistedSnapshot(next),
      effects: (t.effects ?? []),
      actingAs,
    };
  }
}
