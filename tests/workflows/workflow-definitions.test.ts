import { getSimplePaths } from '@xstate/graph';
import { BodyKind, DECIDED_PHASES, ProposalPhase, TriadSide } from '../../src/entities/enums';
import { standardWorkflow } from '../../src/workflows/standard.workflow';
import { compileWorkflow, validateWorkflow, WorkflowDefinitionError } from '../../src/workflows/workflow-compiler';
import type { WorkflowDefinition } from '../../src/workflows/workflow-definition';
import { checkGuard, FACTS_PASSING_EVERY_GUARD } from '../../src/workflows/workflow-guards';
import { WORKFLOW_DEFINITIONS, WorkflowRegistry } from '../../src/workflows/workflow-registry';

/** Facts under which every guard passes: the coordinator, with everything filled in. */
const permissive = FACTS_PASSING_EVERY_GUARD;

function finalPaths(def: WorkflowDefinition): string[] {
  // Every event as if its guards passed: the paths the definition allows at all.
  const { machine } = compileWorkflow(def);
  const events = [...new Set(def.transitions.map((t) => t.event))].map((type) => ({ type, permitted: true }));
  const finals = new Set(def.stages.filter((s) => DECIDED_PHASES.includes(s.phase)).map((s) => s.key));
  return getSimplePaths(machine, { events })
    .filter((p) => finals.has(String(p.state.value)))
    .map((p) => [def.initial, ...p.steps.slice(1).map((s) => `${s.event.type}→${String(s.state.value)}`)].join(' '));
}

describe('workflow definitions', () => {
  test('all shipped definitions compile', () => {
    const compiled = new WorkflowRegistry();
    expect(compiled.definitions.map((d) => `${d.key}@${d.version}`).sort()).toEqual([
      'cesky-krumlov@1',
      'cesky-krumlov@2',
      'cesky-krumlov@3',
      'novy-jicin@1',
      'novy-jicin@2',
      'novy-jicin@3',
      'standard@1',
      'standard@2',
      'standard@3',
    ]);
  });

  test.each(WORKFLOW_DEFINITIONS.map((d) => [`${d.key}@${d.version}`, d] as const))('%s: every final stage is reached by some path', (_key, def) => {
    const paths = finalPaths(def);
    const reached = new Set(paths.map((p) => p.split('→').at(-1)));
    expect([...reached].sort()).toEqual(['APPROVED', 'REJECTED', 'WITHDRAWN']);
  });

  test('the standard pipeline reaches approval through the commission and the council', () => {
    expect(finalPaths(standardWorkflow)).toContain(
      'DRAFT SUBMIT→WORKING_GROUP RECOMMEND→STEERING_GROUP RECOMMEND→SOCIAL_COMMISSION RECOMMEND→COUNCIL APPROVE→APPROVED',
    );
  });

  test('Nový Jičín has no commission step', () => {
    const def = WORKFLOW_DEFINITIONS.find((d) => d.key === 'novy-jicin') as WorkflowDefinition;
    expect(def.stages.map((s) => s.key)).not.toContain('SOCIAL_COMMISSION');
    expect(finalPaths(def)).toContain('DRAFT SUBMIT→WORKING_GROUP RECOMMEND→STEERING_GROUP RECOMMEND→COUNCIL REFER_TO_ASSEMBLY→ASSEMBLY APPROVE→APPROVED');
  });

  test('Český Krumlov names its stages KS, MS, SK, RM, ZM', () => {
    const def = WORKFLOW_DEFINITIONS.find((d) => d.key === 'cesky-krumlov') as WorkflowDefinition;
    expect(def.stages.filter((s) => s.bodyKind).map((s) => s.label.cs.slice(0, 2))).toEqual(['KS', 'MS', 'SK', 'RM', 'ZM']);
  });
});

describe('validation at start-up', () => {
  const broken = (change: (d: WorkflowDefinition) => WorkflowDefinition) => () => validateWorkflow(change(structuredClone(standardWorkflow)));

  test('an unknown target stops the service with a clear message', () => {
    expect(broken((d) => ({ ...d, transitions: [...d.transitions, { ...d.transitions[0], event: 'JUMP', to: 'NOWHERE' }] }))).toThrow(
      /^Workflow "standard@1": transitions\[16\]\.to: Event JUMP goes to stage NOWHERE, which does not exist$/,
    );
  });

  test('an unknown guard is refused', () => {
    expect(
      broken((d) => ({ ...d, transitions: [{ ...d.transitions[0], guards: [{ name: 'isFullMoon' } as never] }, ...d.transitions.slice(1)] })),
    ).toThrow(/transitions\[0\]\.guards\[0\]\.name: Event SUBMIT names the unknown guard "isFullMoon"/);
  });

  test('an unreachable stage is refused', () => {
    expect(broken((d) => ({ ...d, stages: [...d.stages, { key: 'LIMBO', label: { cs: 'x', en: 'x' }, phase: ProposalPhase.REJECTED }] }))).toThrow(
      /stages\[9\]: Stage LIMBO cannot be reached from the initial stage/,
    );
  });

  test('the same event twice from one stage is refused', () => {
    expect(broken((d) => ({ ...d, transitions: [...d.transitions, d.transitions[0]] }))).toThrow(WorkflowDefinitionError);
    expect(broken((d) => ({ ...d, transitions: [...d.transitions, d.transitions[0]] }))).toThrow(/transitions\[16\]\.event: Event SUBMIT is defined twice from stage DRAFT/);
  });
});

describe('what a definition declares is checked at start-up', () => {
  const broken = (change: (d: WorkflowDefinition) => WorkflowDefinition) => () => validateWorkflow(change(structuredClone(standardWorkflow)));
  const editing = (event: string, from: string, change: (t: WorkflowDefinition['transitions'][number]) => WorkflowDefinition['transitions'][number]) =>
    broken((d) => ({ ...d, transitions: d.transitions.map((t) => (t.event === event && t.from.includes(from) ? change(t) : t)) }));

  test('the draft is the initial stage and the only one', () => {
    expect(broken((d) => ({ ...d, stages: d.stages.map((s) => (s.key === 'WORKING_GROUP' ? { ...s, phase: ProposalPhase.DRAFT } : s)) }))).toThrow(
      /stages\[1\]\.phase: Stage WORKING_GROUP is in phase DRAFT, which only the initial stage may be/,
    );
  });

  test('a decided phase is final: nothing may leave it', () => {
    expect(broken((d) => ({ ...d, stages: d.stages.map((s) => (s.key === 'COUNCIL' ? { ...s, phase: ProposalPhase.APPROVED } : s)) }))).toThrow(
      /transitions\[10\]\.from\[0\]: Event APPROVE leaves the final stage COUNCIL/,
    );
  });

  test("the commission's recommendation is recorded only from the commission's stage, and every recommendation that carries a proposal on records it", () => {
    expect(editing('RECOMMEND', 'STEERING_GROUP', (t) => ({ ...t, effects: ['COMMISSION_RECOMMENDS'] }))).toThrow(
      /transitions\[4\]\.effects\[0\]: Event RECOMMEND \(STEERING_GROUP → SOCIAL_COMMISSION\): COMMISSION_RECOMMENDS records a decision of the SOCIAL_COMMISSION, which does not handle stage STEERING_GROUP/,
    );
    expect(editing('NOT_RECOMMEND', 'SOCIAL_COMMISSION', (t) => ({ ...t, effects: [] }))).toThrow(/transitions\[8\]\.effects: .* without recording its recommendation/);
  });

  test("a resolution number typed at the council is recorded as the council's, and a resolution only with its number", () => {
    expect(editing('REJECT', 'COUNCIL', (t) => ({ ...t, effects: [] }))).toThrow(/transitions\[12\]\.effects: .* does not record it as the COUNCIL's resolution \(COUNCIL_RESOLUTION\)/);
    expect(editing('APPROVE', 'ASSEMBLY', (t) => ({ ...t, effects: ['COUNCIL_RESOLUTION', 'ASSEMBLY_RESOLUTION'] }))).toThrow(/COUNCIL_RESOLUTION records a decision of the COUNCIL, which does not handle stage ASSEMBLY/);
    expect(editing('APPROVE', 'ASSEMBLY', (t) => ({ ...t, guards: t.guards.filter((g) => g.name !== 'resolutionNumberRequired') }))).toThrow(
      /transitions\[14\]\.guards: .* records a resolution without requiring its number/,
    );
  });

  test('submission is recorded only from the draft, and a return never ends a proposal', () => {
    expect(editing('RECOMMEND', 'WORKING_GROUP', (t) => ({ ...t, effects: ['SUBMITTED'] }))).toThrow(/SUBMITTED is recorded only from the draft, not from stage WORKING_GROUP/);
    expect(editing('REJECT', 'STEERING_GROUP', (t) => ({ ...t, returns: true }))).toThrow(/transitions\[6\]\.returns: .* is a return for rework, yet goes to the final stage REJECTED/);
  });

  test('the hearing rule binds exactly the transitions it names', () => {
    const v3 = WORKFLOW_DEFINITIONS.find((d) => d.key === 'standard' && d.hearingRule === 'EVERY_PASS')!;
    expect(() => validateWorkflow(v3)).not.toThrow();
    const dropped = { ...v3, transitions: v3.transitions.map((t) => (t.event === 'APPROVE' ? { ...t, guards: t.guards.filter((g) => g.name !== 'hearingSettled') } : t)) };
    expect(() => validateWorkflow(dropped)).toThrow(/transitions\[10\]\.guards: Event APPROVE \(COUNCIL → APPROVED\) lacks the hearingSettled guard, against the hearing rule \(EVERY_PASS\)/);
    const onReturn = { ...v3, transitions: v3.transitions.map((t) => (t.returns ? { ...t, guards: [...t.guards, { name: 'hearingSettled' as const }] } : t)) };
    expect(() => validateWorkflow(onReturn)).toThrow(/names the hearingSettled guard, which the hearing rule \(EVERY_PASS\) does not bind/);
  });
});

describe('guards decide the machine', () => {
  const engine = compileWorkflow(standardWorkflow);
  const draft = engine.start().snapshot;

  test('a refused guard leaves the state unchanged and says why; each guard runs once', () => {
    const refused = engine.decide(draft, 'SUBMIT', { ...permissive, hasSummary: false });
    expect(refused).toEqual({ allowed: false, refusals: [{ code: 'SUMMARY_REQUIRED', text: { cs: 'Chybí shrnutí návrhu.', en: 'The proposal needs a summary.' } }] });
    const submitted = engine.decide(draft, 'SUBMIT', permissive);
    expect(submitted.allowed && [submitted.from, submitted.to, submitted.effects, engine.stateOf(submitted.snapshot)]).toEqual([
      'DRAFT',
      'WORKING_GROUP',
      ['SUBMITTED'],
      'WORKING_GROUP',
    ]);
  });

  test('an event the stage does not have is refused as not available', () => {
    expect(engine.decide(draft, 'APPROVE', permissive)).toMatchObject({ allowed: false, refusals: [{ code: 'EVENT_NOT_AVAILABLE' }] });
  });

  test('the triad rule names each missing side', () => {
    const reasons = checkGuard({ name: 'triadRepresented' }, { ...permissive, triadSidesPresent: [TriadSide.PROVIDER] });
    expect(reasons.map((r) => [r.code, r.text.cs])).toEqual([
      ['TRIAD_INCOMPLETE', 'Chybí člen za stranu zadavatelů s hlasem.'],
      ['TRIAD_INCOMPLETE', 'Chybí člen za stranu uživatelů s hlasem.'],
    ]);
    expect(reasons[1]?.text.en).toBe('No voting member for the service-user side.');
  });

  test('a plan is never approved by the council', () => {
    const reasons = checkGuard({ name: 'kindIsNot', params: { kinds: ['PLAN'] } }, { ...permissive, proposalKind: 'PLAN' });
    expect(reasons.map((r) => [r.code, r.text.en])).toEqual([['DECIDED_ELSEWHERE', 'A plan is approved by the assembly, never by the council.']]);
  });

  test('only the named actors pass actorIs, and the reason names them', () => {
    const facts = { ...permissive, actor: { isAuthor: false, chairOf: [], areaRoles: ['SUPPORT'] } };
    const reasons = checkGuard({ name: 'actorIs', params: { anyOf: [{ kind: 'CHAIR_OF', bodyKind: BodyKind.SOCIAL_COMMISSION }] } }, facts);
    expect(reasons.map((r) => [r.code, r.text.en])).toEqual([['NOT_YOUR_ROLE', 'Only the commission chair may do this.']]);
  });
});
