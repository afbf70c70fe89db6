import { getSimplePaths } from '@xstate/graph';
import { initialTransition, transition } from 'xstate';
import { BodyKind, TriadSide } from '../../src/entities/enums';
import { standardWorkflow } from '../../src/workflows/standard.workflow';
import { compileWorkflow, validateWorkflow, WorkflowDefinitionError } from '../../src/workflows/workflow-compiler';
import type { WorkflowDefinition } from '../../src/workflows/workflow-definition';
import { checkGuard, FACTS_PASSING_EVERY_GUARD } from '../../src/workflows/workflow-guards';
import { compileAllWorkflows, WORKFLOW_DEFINITIONS } from '../../src/workflows/workflow-registry';

/** Facts under which every guard passes: the coordinator, with everything filled in. */
const permissive = FACTS_PASSING_EVERY_GUARD;

function finalPaths(def: WorkflowDefinition): string[] {
  const machine = compileWorkflow(def);
  const events = [...new Set(def.transitions.map((t) => t.event))].map((type) => ({ type, facts: permissive }));
  const finals = new Set(def.stages.filter((s) => s.final).map((s) => s.key));
  return getSimplePaths(machine, { events })
    .filter((p) => finals.has(String(p.state.value)))
    .map((p) => [def.initial, ...p.steps.slice(1).map((s) => `${s.event.type}→${String(s.state.value)}`)].join(' '));
}

describe('workflow definitions', () => {
  test('all shipped definitions compile', () => {
    const compiled = compileAllWorkflows();
    expect([...compiled.keys()].sort()).toEqual([
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
      /Workflow "standard" v1: event JUMP targets unknown stage "NOWHERE"/,
    );
  });

  test('an unknown guard is refused', () => {
    expect(
      broken((d) => ({ ...d, transitions: [{ ...d.transitions[0], guards: [{ name: 'isFullMoon' } as never] }, ...d.transitions.slice(1)] })),
    ).toThrow(/unknown guard "isFullMoon"/);
  });

  test('an unreachable stage is refused', () => {
    expect(broken((d) => ({ ...d, stages: [...d.stages, { key: 'LIMBO', label: { cs: 'x', en: 'x' }, final: true }] }))).toThrow(
      /unreachable stage\(s\): LIMBO/,
    );
  });

  test('the same event twice from one stage is refused', () => {
    expect(broken((d) => ({ ...d, transitions: [...d.transitions, d.transitions[0]] }))).toThrow(WorkflowDefinitionError);
  });
});

describe('guards decide the machine', () => {
  const machine = compileWorkflow(standardWorkflow);
  const [draft] = initialTransition(machine);

  test('a refused guard leaves the state unchanged', () => {
    const [next] = transition(machine, draft, { type: 'SUBMIT', facts: { ...permissive, hasSummary: false } });
    expect(next.value).toBe('DRAFT');
    const [submitted] = transition(machine, draft, { type: 'SUBMIT', facts: permissive });
    expect(submitted.value).toBe('WORKING_GROUP');
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
