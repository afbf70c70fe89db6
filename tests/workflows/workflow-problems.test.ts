import { BodyKind, ProposalPhase } from '../../src/domain/enums';
import { definitionProblems, validateDefinition, WorkflowDefinitionError } from '../../src/workflows/engine';
import { MEETING_GUARDS, meetingWorkflow } from '../../src/workflows/meeting.workflow';
import { compileWorkflow } from '../../src/workflows/workflow-compiler';
import type { DraftDefinition, WorkflowDefinition } from '../../src/workflows/workflow-definition';
import { GUARD_NAMES } from '../../src/workflows/workflow-guards';
import { WorkflowProblemCode, workflowProblems, type WorkflowProblem } from '../../src/workflows/workflow-problems';
import { WORKFLOW_DEFINITIONS } from '../../src/workflows/workflow-registry';
import { baseDraft, EVERY_BODY, WORKFLOW_PROBLEM_CASES } from '../support/workflow-problem-cases';

/**
 * Everything wrong with a definition is listed at once, each problem with its code and its path, in
 * Czech and English: the table of broken drafts (tests/support/workflow-problem-cases.ts) has a case
 * for every code, each breaking one thing of a sound draft; start-up refuses each of them.
 */

const at = (problems: WorkflowProblem[]) => problems.map((p) => `${p.code} ${p.path}`);
const broken = (mutate: (d: DraftDefinition) => DraftDefinition) => mutate(baseDraft());
const CASES = WORKFLOW_PROBLEM_CASES.map((c) => [`${c.code} at ${c.path}${c.area ? ' (for an area)' : ''}: ${c.why}`, c] as const);

describe('sound definitions have no problems', () => {
  test('the base draft, as a template and for an area with every kind of body', () => {
    expect(workflowProblems(baseDraft())).toEqual([]);
    expect(workflowProblems(baseDraft(), EVERY_BODY)).toEqual([]);
  });

  test.each(WORKFLOW_DEFINITIONS.map((d) => [`${d.key}@${d.version}`, d] as const))('%s, as a template and for an area with every kind of body', (_id, def) => {
    expect(workflowProblems(def)).toEqual([]);
    expect(workflowProblems(def, EVERY_BODY)).toEqual([]);
  });

  test('the meeting workflow holds what every definition must', () => {
    const names = Object.keys(MEETING_GUARDS);
    expect(definitionProblems(meetingWorkflow.definition, names)).toEqual([]);
    expect(() => validateDefinition(meetingWorkflow.definition, names)).not.toThrow();
  });
});

describe('each rule, broken alone, is listed with its code and path', () => {
  test.each(CASES)('%s', (_name, c) => {
    const problems = workflowProblems(broken(c.mutate), c.area);
    expect(at(problems)).toContain(`${c.code} ${c.path}`);
    for (const p of problems) {
      expect(p.text.cs.trim()).not.toBe('');
      expect(p.text.en.trim()).not.toBe('');
    }
    if (c.area) {
      // The draft is sound as a template: the problem is the area's.
      expect(workflowProblems(broken(c.mutate))).toEqual([]);
    } else {
      // One thing broken, one kind of problem: no check drowns another.
      expect([...new Set(problems.map((p) => p.code))]).toEqual([c.code]);
    }
  });

  test('every code has a case', () => {
    const covered = new Set(WORKFLOW_PROBLEM_CASES.map((c) => c.code));
    expect(Object.values(WorkflowProblemCode).filter((code) => !covered.has(code))).toEqual([]);
  });

  test.each(CASES.filter(([, c]) => !c.area))('start-up refuses %s', (_name, c) => {
    const def = broken(c.mutate) as WorkflowDefinition;
    const compile = () => compileWorkflow(def);
    expect(compile).toThrow(WorkflowDefinitionError);
    expect(compile).toThrow(`Workflow "standard@1": `);
    expect(compile).toThrow(`${c.path}: `);
  });

  test.each(CASES.filter(([, c]) => c.area))('a template is compiled whatever area it may serve: %s', (_name, c) => {
    expect(() => compileWorkflow(broken(c.mutate) as WorkflowDefinition)).not.toThrow();
  });
});

describe('problems are listed together', () => {
  test('several faults at once: each with its own code and path, in the order of the checks', () => {
    const d = baseDraft();
    d.name = { cs: 'Pokus', en: '' };
    d.stages.push({ key: 'Limbo', label: { cs: 'Odložené', en: 'Limbo' }, phase: ProposalPhase.IN_REVIEW });
    const council = d.transitions.find((t) => t.event === 'APPROVE' && t.from.includes('COUNCIL'))!;
    council.guards = council.guards.filter((g) => g.name !== 'kindIsNot' && g.name !== 'actorIs');
    const returning = d.transitions.find((t) => t.event === 'RETURN' && t.from.includes('COUNCIL'))!;
    returning.to = 'NOWHERE';
    returning.guards.push({ name: 'actorIs', params: { anyOf: [{ kind: 'CHAIR_OF', bodyKind: 'SENATE' }], also: 1 } });
    const problems = workflowProblems(d, { bodyKinds: [BodyKind.WORKING_GROUP, BodyKind.STEERING_GROUP, BodyKind.SOCIAL_COMMISSION, BodyKind.COUNCIL] });
    expect(at(problems)).toEqual([
      'UNKNOWN_STAGE transitions[13].to',
      'UNREACHABLE_STAGE stages[9]',
      'DEAD_END stages[9]',
      'MISSING_LABEL name',
      'INVALID_NAME stages[9].key',
      'NO_RESPONSIBLE_BODY stages[5].bodyKind',
      'NO_RESPONSIBLE_BODY stages[9].bodyKind',
      'ACTOR_NOBODY_CAN_BE transitions[10].guards',
      'INVALID_GUARD_PARAMETERS transitions[13].guards[3].params',
      'INVALID_GUARD_PARAMETERS transitions[13].guards[3].params',
      'PLAN_WITHOUT_ASSEMBLY transitions[10]',
    ]);
    expect(() => compileWorkflow(d as WorkflowDefinition)).toThrow(
      /^Workflow "standard@1": transitions\[13\]\.to: Event RETURN goes to stage NOWHERE, which does not exist; stages\[9\]: Stage Limbo cannot be reached/,
    );
  });

  test('the words an administrator reads: the stage by its label in Czech, by its key in English', () => {
    const d = baseDraft();
    d.transitions = d.transitions.filter((t) => t.to !== 'ASSEMBLY');
    const problems = workflowProblems(d).filter((p) => p.code === WorkflowProblemCode.UNREACHABLE_STAGE);
    expect(problems).toEqual([
      {
        code: WorkflowProblemCode.UNREACHABLE_STAGE,
        path: 'stages[5]',
        text: { cs: 'Fáze „Zastupitelstvo“ je nedosažitelná.', en: 'Stage ASSEMBLY cannot be reached from the initial stage.' },
      },
    ]);
  });

  test('a guard with wrong parameters says what is wrong with each', () => {
    const d = baseDraft();
    d.transitions[0].guards[0] = { name: 'actorIs', params: { anyOf: [{ kind: 'AUTHOR', side: 'PROVIDER' }, { kind: 'MAYOR' }, { kind: 'AREA_ROLE', role: 'CLERK' }] } };
    expect(workflowProblems(d).map((p) => p.text.en)).toEqual([
      'Event SUBMIT (DRAFT → WORKING_GROUP), guard actorIs: Rule 1: unknown keys side.',
      'Event SUBMIT (DRAFT → WORKING_GROUP), guard actorIs: Rule 2 has an unknown kind "MAYOR" (allowed: AUTHOR, CHAIR_OF, AREA_ROLE).',
    ]);
  });

  test('a path only for some kinds of proposal counts for a plan only when it admits plans', () => {
    const direct = (guard: DraftDefinition['transitions'][number]['guards'][number]) => {
      const d = baseDraft();
      d.transitions.push({
        from: ['STEERING_GROUP'],
        event: 'APPROVE',
        to: 'APPROVED',
        label: { cs: 'Řídící skupina schválila', en: 'Steering group approved' },
        guards: [{ name: 'actorIs', params: { anyOf: [{ kind: 'AREA_ROLE', role: 'COORDINATOR' }] } }, guard],
      });
      return at(workflowProblems(d));
    };
    expect(direct({ name: 'kindIs', params: { kinds: ['MEASURE', 'MATERIAL'] } })).toEqual([]);
    expect(direct({ name: 'kindIsNot', params: { kinds: ['PLAN'] } })).toEqual([]);
    expect(direct({ name: 'kindIs', params: { kinds: ['PLAN'] } })).toEqual(['PLAN_WITHOUT_ASSEMBLY transitions[16]']);
    expect(direct({ name: 'reasonRequired' })).toEqual(['PLAN_WITHOUT_ASSEMBLY transitions[16]']);
  });

  test('the engine lists every fault of any definition and refuses it naming them all', () => {
    const def = {
      id: 'broken@1',
      initial: 'A',
      stages: [
        { key: 'A', final: false },
        { key: 'A', final: false },
        { key: 'B', final: false },
        { key: 'C', final: true },
      ],
      transitions: [
        { from: ['A'], event: 'GO', to: 'D', guards: [{ name: 'maybe' }] },
        { from: ['C', 'X'], event: 'BACK', to: 'A', guards: [] },
      ],
      unavailable: () => ({ code: 'EVENT_NOT_AVAILABLE', text: { cs: '', en: '' } }),
    };
    expect(definitionProblems(def, GUARD_NAMES).map((p) => `${p.code} ${p.path}`)).toEqual([
      'DUPLICATE_STAGE stages[1].key',
      'UNKNOWN_STAGE transitions[0].to',
      'UNKNOWN_GUARD transitions[0].guards[0].name',
      'LEAVES_FINAL_STAGE transitions[1].from[0]',
      'UNKNOWN_STAGE transitions[1].from[1]',
      'UNREACHABLE_STAGE stages[2]',
      'UNREACHABLE_STAGE stages[3]',
      'DEAD_END stages[2]',
    ]);
    expect(() => validateDefinition(def as never, GUARD_NAMES)).toThrow(
      'Workflow "broken@1": stages[1].key: Stage key A is used by another stage too; transitions[0].to: Event GO goes to stage D, which does not exist;',
    );
  });
});
