import { transition as machineTransition } from 'xstate';
import { RefusalCode, refusal, type Refusal } from '../../src/domain/refusal';
import { definitionProblems, problemsMessage, validateDefinition, WorkflowDefinitionError, WorkflowEngine, type EngineDefinition, type GuardVerdict } from '../../src/workflows/engine';

/**
 * The one transition engine (src/workflows/engine.ts), on a small definition of its own: what every
 * definition must hold, each fault named where it is; and `decide`, which runs every guard of the
 * event once — every refusal given, each value to type asked for once, the capacity the actor acts
 * in taken from the guard that judges the actor — and moves the persisted snapshot only when nothing
 * refuses. No database.
 */

interface Facts {
  refuse: string[];
  ask: Array<'REASON' | 'RESOLUTION_NUMBER'>;
  as?: string;
}
type Guard = { name: 'says' | 'asks' | 'actor' | 'actorAgain' };
type Transition = { from: string[]; event: string; to: string; guards: Guard[]; effects?: string[] };

const CATALOGUE = {
  names: ['says', 'asks', 'actor', 'actorAgain'],
  judge: (guard: Guard, facts: Facts): GuardVerdict => {
    switch (guard.name) {
      case 'says':
        return { refusals: facts.refuse.map((why) => refusal(RefusalCode.REASON_REQUIRED, { cs: why, en: why })) };
      case 'asks':
        return { refusals: [], inputs: facts.ask };
      case 'actor':
        return facts.as ? { refusals: [], actingAs: { role: facts.as, side: 'PROVIDER', onBehalfOf: null } } : { refusals: [refusal(RefusalCode.NOT_YOUR_ROLE, { cs: 'nikdo', en: 'nobody' })] };
      case 'actorAgain':
        return { refusals: [], actingAs: { role: 'SECOND', side: null, onBehalfOf: 'someone' } };
    }
  },
};

const unavailable = (event: string, from: string): Refusal => refusal(RefusalCode.EVENT_NOT_AVAILABLE, { cs: `${event} z ${from} ne`, en: `no ${event} from ${from}` });
const DEFINITION: EngineDefinition<Transition> = {
  id: 'sample@1',
  initial: 'DRAFT',
  stages: [
    { key: 'DRAFT', final: false },
    { key: 'REVIEW', final: false },
    { key: 'DONE', final: true },
    { key: 'DROPPED', final: true },
  ],
  transitions: [
    { from: ['DRAFT'], event: 'SUBMIT', to: 'REVIEW', guards: [{ name: 'says' }, { name: 'asks' }, { name: 'asks' }], effects: ['NOTIFY', 'STAMP'] },
    { from: ['REVIEW'], event: 'APPROVE', to: 'DONE', guards: [{ name: 'actor' }, { name: 'says' }] },
    { from: ['REVIEW'], event: 'BOTH', to: 'DONE', guards: [{ name: 'actor' }, { name: 'actorAgain' }] },
    { from: ['REVIEW'], event: 'SEND_BACK', to: 'DRAFT', guards: [] },
    { from: ['DRAFT', 'REVIEW'], event: 'DROP', to: 'DROPPED', guards: [{ name: 'asks' }] },
  ],
  unavailable,
};
const engine = new WorkflowEngine(DEFINITION, CATALOGUE);
const NONE: Facts = { refuse: [], ask: [] };

test('a new record stands in the initial stage; a snapshot says its stage; a stage gives its snapshot', () => {
  const { state, snapshot } = engine.start();
  expect(state).toBe('DRAFT');
  expect(engine.stateOf(snapshot)).toBe('DRAFT');
  for (const stage of ['DRAFT', 'REVIEW', 'DONE', 'DROPPED']) expect(engine.stateOf(engine.snapshotAt(stage))).toBe(stage);
  expect(engine.transitionsFrom('REVIEW').map((t) => t.event)).toEqual(['APPROVE', 'BOTH', 'SEND_BACK', 'DROP']);
  expect(engine.transitionsFrom('DONE')).toEqual([]);
});

test('the machine itself never moves on an event the guards did not permit, and a decided record is done', () => {
  // Compiled here, so that what the compilation does is this test's to judge.
  const engine = new WorkflowEngine(DEFINITION, CATALOGUE);
  const at = (stage: string) => engine.machine.resolveState({ value: stage, context: undefined });
  for (const [stage, event, to] of [
    ['DRAFT', 'SUBMIT', 'REVIEW'],
    ['REVIEW', 'APPROVE', 'DONE'],
    ['REVIEW', 'SEND_BACK', 'DRAFT'],
  ]) {
    expect([stage, event, String(machineTransition(engine.machine, at(stage), { type: event, permitted: false })[0].value)]).toEqual([stage, event, stage]);
    expect([stage, event, String(machineTransition(engine.machine, at(stage), { type: event, permitted: true })[0].value)]).toEqual([stage, event, to]);
  }
  const approved = engine.decide(engine.snapshotAt('REVIEW'), 'APPROVE', { refuse: [], ask: [], as: 'CHAIR' });
  expect(approved.allowed && approved.snapshot.status).toBe('done');
  const submitted = engine.decide(engine.start().snapshot, 'SUBMIT', NONE);
  expect(submitted.allowed && submitted.snapshot.status).toBe('active');
});

test('an allowed event: the next snapshot, both stages, the transition, its effects, acting as nobody in particular when no guard says', () => {
  const done = engine.decide(engine.start().snapshot, 'SUBMIT', NONE);
  if (!done.allowed) throw new Error(JSON.stringify(done.refusals));
  expect([done.from, done.to, engine.stateOf(done.snapshot), done.transition.event, done.effects, done.actingAs]).toEqual([
    'DRAFT',
    'REVIEW',
    'REVIEW',
    'SUBMIT',
    ['NOTIFY', 'STAMP'],
    { role: null, side: null, onBehalfOf: null },
  ]);
  const back = engine.decide(done.snapshot, 'SEND_BACK', NONE);
  expect(back.allowed && [back.to, back.effects]).toEqual(['DRAFT', []]);
});

test('every refusal of every guard is given, in the order of the guards; nothing moves', () => {
  const refused = engine.decide(engine.snapshotAt('REVIEW'), 'APPROVE', { refuse: ['first', 'second'], ask: [] });
  expect(refused.allowed ? 'allowed' : refused.refusals.map((r) => [r.code, r.text.en])).toEqual([
    ['NOT_YOUR_ROLE', 'nobody'],
    ['REASON_REQUIRED', 'first'],
    ['REASON_REQUIRED', 'second'],
  ]);
  const oneGuard = engine.decide(engine.snapshotAt('REVIEW'), 'APPROVE', { refuse: ['only this'], ask: [], as: 'CHAIR' });
  expect(oneGuard.allowed ? 'allowed' : oneGuard.refusals.map((r) => r.text.cs)).toEqual(['only this']);
});

test('the actor acts in the capacity the guard judging them says; of two such guards, the later one', () => {
  const approved = engine.decide(engine.snapshotAt('REVIEW'), 'APPROVE', { refuse: [], ask: [], as: 'CHAIR' });
  expect(approved.allowed && approved.actingAs).toEqual({ role: 'CHAIR', side: 'PROVIDER', onBehalfOf: null });
  const both = engine.decide(engine.snapshotAt('REVIEW'), 'BOTH', { refuse: [], ask: [], as: 'CHAIR' });
  expect(both.allowed && both.actingAs).toEqual({ role: 'SECOND', side: null, onBehalfOf: 'someone' });
});

test('an event the stage does not have is refused in the definition\'s words, also from a final stage', () => {
  for (const [stage, event] of [
    ['DRAFT', 'APPROVE'],
    ['DONE', 'DROP'],
    ['REVIEW', 'NO_SUCH_EVENT'],
  ]) {
    const refused = engine.decide(engine.snapshotAt(stage), event, { refuse: ['never asked'], ask: [], as: 'CHAIR' });
    expect(refused.allowed ? 'allowed' : refused.refusals).toEqual([unavailable(event, stage)]);
  }
});

test('the options of a stage: each event with its refusals and the values to type, each asked once', () => {
  const options = engine.options('DRAFT', { refuse: ['missing'], ask: ['REASON', 'RESOLUTION_NUMBER', 'REASON'] });
  expect(options.map((o) => [o.transition.event, o.refusals.map((r) => r.text.en), o.inputs])).toEqual([
    ['SUBMIT', ['missing'], ['REASON', 'RESOLUTION_NUMBER']],
    ['DROP', [], ['REASON', 'RESOLUTION_NUMBER']],
  ]);
  expect(engine.options('REVIEW', NONE).map((o) => [o.transition.event, o.refusals.map((r) => r.code), o.inputs])).toEqual([
    ['APPROVE', ['NOT_YOUR_ROLE'], []],
    ['BOTH', ['NOT_YOUR_ROLE'], []],
    ['SEND_BACK', [], []],
    ['DROP', [], []],
  ]);
});

describe('what every definition must hold', () => {
  const broken = {
    initial: 'NOWHERE',
    stages: [
      { key: 'A', final: false },
      { key: 'B', final: false },
      { key: 'A', final: true },
      { key: 'END', final: true },
      { key: 'STUCK', final: false },
    ],
    transitions: [
      { from: ['A', 'GHOST'], event: 'GO', to: 'LIMBO', guards: [{ name: 'says' }, { name: 'mayorAgrees' }] },
      { from: ['A'], event: 'GO', to: 'B', guards: [] },
      { from: ['END'], event: 'REOPEN', to: 'A', guards: [] },
      { from: ['B'], event: 'FINISH', to: 'END', guards: [] },
    ],
  };

  test('every fault, each with its code, its place, what it concerns and its words', () => {
    expect(definitionProblems(broken, CATALOGUE.names)).toEqual([
      { code: 'DUPLICATE_STAGE', path: 'stages[2].key', stage: 'A', message: 'Stage key A is used by another stage too.' },
      { code: 'UNKNOWN_INITIAL_STAGE', path: 'initial', stage: 'NOWHERE', message: 'The initial stage NOWHERE does not exist.' },
      { code: 'UNKNOWN_STAGE', path: 'transitions[0].to', stage: 'LIMBO', event: 'GO', message: 'Event GO goes to stage LIMBO, which does not exist.' },
      { code: 'UNKNOWN_STAGE', path: 'transitions[0].from[1]', stage: 'GHOST', event: 'GO', message: 'Event GO leaves stage GHOST, which does not exist.' },
      { code: 'UNKNOWN_GUARD', path: 'transitions[0].guards[1].name', event: 'GO', guard: 'mayorAgrees', message: 'Event GO names the unknown guard "mayorAgrees".' },
      { code: 'DUPLICATE_EVENT', path: 'transitions[1].event', stage: 'A', event: 'GO', message: 'Event GO is defined twice from stage A.' },
      { code: 'LEAVES_FINAL_STAGE', path: 'transitions[2].from[0]', stage: 'END', event: 'REOPEN', message: 'Event REOPEN leaves the final stage END: nothing leaves a decided stage.' },
      { code: 'DEAD_END', path: 'stages[4]', stage: 'STUCK', message: 'Stage STUCK is not final, yet no event leaves it.' },
    ]);
  });

  test('unreachable stages are named when the initial stage is known, and a sound definition has no fault', () => {
    const island = {
      initial: 'A',
      stages: [
        { key: 'A', final: false },
        { key: 'B', final: true },
        { key: 'ISLAND', final: false },
        { key: 'FAR', final: true },
      ],
      transitions: [
        { from: ['A'], event: 'GO', to: 'B', guards: [] },
        { from: ['ISLAND'], event: 'GO', to: 'FAR', guards: [] },
      ],
    };
    expect(definitionProblems(island, []).map((p) => [p.code, p.path, p.stage, p.message])).toEqual([
      ['UNREACHABLE_STAGE', 'stages[2]', 'ISLAND', 'Stage ISLAND cannot be reached from the initial stage.'],
      ['UNREACHABLE_STAGE', 'stages[3]', 'FAR', 'Stage FAR cannot be reached from the initial stage.'],
    ]);
    // Reached only through a stage reached later in the list: the search goes on until nothing grows.
    const chain = {
      initial: 'A',
      stages: ['A', 'B', 'C', 'D'].map((key) => ({ key, final: key === 'D' })),
      transitions: [
        { from: ['C'], event: 'THREE', to: 'D', guards: [] },
        { from: ['B'], event: 'TWO', to: 'C', guards: [] },
        { from: ['A'], event: 'ONE', to: 'B', guards: [] },
      ],
    };
    expect(definitionProblems(chain, [])).toEqual([]);
    // A second stage of a key is that fault only: it is not judged again as unreachable or as a dead end.
    const twice = {
      initial: 'S',
      stages: [
        { key: 'S', final: false },
        { key: 'A', final: true },
        { key: 'A', final: false },
        { key: 'LOST', final: true },
        { key: 'LOST', final: false },
      ],
      transitions: [{ from: ['S'], event: 'GO', to: 'A', guards: [] }],
    };
    expect(definitionProblems(twice, []).map((p) => [p.code, p.path])).toEqual([
      ['DUPLICATE_STAGE', 'stages[2].key'],
      ['DUPLICATE_STAGE', 'stages[4].key'],
      ['UNREACHABLE_STAGE', 'stages[3]'],
    ]);
    expect(definitionProblems(DEFINITION, CATALOGUE.names)).toEqual([]);
  });

  test('an engine is not built from a definition with faults: the error names the definition and every fault', () => {
    const message =
      'Workflow "broken@1": stages[2].key: Stage key A is used by another stage too; initial: The initial stage NOWHERE does not exist; ' +
      'transitions[0].to: Event GO goes to stage LIMBO, which does not exist; transitions[0].from[1]: Event GO leaves stage GHOST, which does not exist; ' +
      'transitions[0].guards[1].name: Event GO names the unknown guard "mayorAgrees"; transitions[1].event: Event GO is defined twice from stage A; ' +
      'transitions[2].from[0]: Event REOPEN leaves the final stage END: nothing leaves a decided stage; stages[4]: Stage STUCK is not final, yet no event leaves it';
    const definition = { ...broken, id: 'broken@1', unavailable } as EngineDefinition<Transition>;
    expect(() => validateDefinition(definition, CATALOGUE.names)).toThrow(new WorkflowDefinitionError(message));
    expect(() => new WorkflowEngine(definition, CATALOGUE)).toThrow(WorkflowDefinitionError);
    expect(() => validateDefinition(DEFINITION, CATALOGUE.names)).not.toThrow();
    expect(problemsMessage('x@1', [{ path: 'initial', message: 'Ends with a dot.' }, { path: 'stages[0]', message: 'No dot' }, { path: 'stages[1]', message: 'Version 1.2 is gone.' }])).toBe(
      'Workflow "x@1": initial: Ends with a dot; stages[0]: No dot; stages[1]: Version 1.2 is gone',
    );
    expect(new WorkflowDefinitionError('m').name).toBe('WorkflowDefinitionError');
  });
});
