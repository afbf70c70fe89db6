import { BodyKind, ProposalPhase } from '../../src/domain/enums';
import { standardWorkflow } from '../../src/workflows/standard.workflow';
import type { DraftDefinition, DraftGuard, DraftTransition, StageDefinition } from '../../src/workflows/workflow-definition';
import { WorkflowProblemCode, type AreaShape } from '../../src/workflows/workflow-problems';

/**
 * Broken workflow definitions, written from the rules: each case starts from a sound draft (a clone
 * of the standard workflow, version 1), breaks exactly one thing — or keeps the draft and names an
 * area that lacks what it counts on — and says which problem must be listed, and where. The table
 * drives tests/workflows/workflow-problems.test.ts and the same cases through the API; it calls no
 * test framework.
 */
export interface WorkflowProblemCase {
  code: WorkflowProblemCode;
  path: string;
  area?: AreaShape;
  mutate: (d: DraftDefinition) => DraftDefinition;
  why: string;
}

/** The sound draft every case starts from: a fresh clone of the standard workflow, version 1. */
export const baseDraft = (): DraftDefinition => structuredClone(standardWorkflow);

/** An area with a body of every kind: a sound draft has no problem there. */
export const EVERY_BODY: AreaShape = { bodyKinds: Object.values(BodyKind) };
const areaWithout = (...missing: BodyKind[]): AreaShape => ({ bodyKinds: Object.values(BodyKind).filter((k) => !missing.includes(k)) });

function indexOf<T>(items: readonly T[], found: (item: T) => boolean, what: string): number {
  const index = items.findIndex(found);
  if (index < 0) throw new Error(`The standard workflow has no ${what}`);
  return index;
}

const isTransition = (event: string, from: string) => (t: { event: string; from: readonly string[] }) => t.event === event && t.from.includes(from);

/** Where a stage of the base is. */
const S = (key: string) => `stages[${indexOf(standardWorkflow.stages, (s) => s.key === key, `stage ${key}`)}]`;
/** Where a transition of the base is. */
const T = (event: string, from: string) => `transitions[${indexOf(standardWorkflow.transitions, isTransition(event, from), `event ${event} from ${from}`)}]`;
/** Where a guard of a transition of the base is. */
function G(event: string, from: string, guard: string): string {
  const t = standardWorkflow.transitions.find(isTransition(event, from))!;
  return `${T(event, from)}.guards[${indexOf(t.guards, (g) => g.name === guard, `guard ${guard} on ${event}`)}]`;
}
const NEXT_STAGE = `stages[${standardWorkflow.stages.length}]`;
const NEXT_TRANSITION = `transitions[${standardWorkflow.transitions.length}]`;

function editStage(d: DraftDefinition, key: string, change: (s: StageDefinition) => StageDefinition): DraftDefinition {
  return { ...d, stages: d.stages.map((s) => (s.key === key ? change(s) : s)) };
}
function editTransition(d: DraftDefinition, event: string, from: string, change: (t: DraftTransition) => DraftTransition): DraftDefinition {
  return { ...d, transitions: d.transitions.map((t) => (isTransition(event, from)(t) ? change(t) : t)) };
}
const withGuards = (change: (guards: DraftGuard[]) => DraftGuard[]) => (t: DraftTransition): DraftTransition => ({ ...t, guards: change(t.guards) });
const without = (name: string) => withGuards((guards) => guards.filter((g) => g.name !== name));
const adding = (guard: DraftGuard) => withGuards((guards) => [...guards, guard]);
const replacing = (name: string, guard: DraftGuard) => withGuards((guards) => guards.map((g) => (g.name === name ? guard : g)));

const LIMBO = { key: 'LIMBO', label: { cs: 'Odložené', en: 'Limbo' } };
const STEERING_CHAIR = { kind: 'CHAIR_OF', bodyKind: BodyKind.STEERING_GROUP };

/** The cases of one code: each a path, why it is broken, and how. */
const of = (code: WorkflowProblemCode, ...cases: Array<Omit<WorkflowProblemCase, 'code'>>): WorkflowProblemCase[] => cases.map((c) => ({ code, ...c }));
const C = WorkflowProblemCode;

const parkingAtSteering = (d: DraftDefinition): DraftDefinition => ({
  ...d,
  stages: [...d.stages, { ...LIMBO, phase: ProposalPhase.IN_REVIEW, bodyKind: BodyKind.STEERING_GROUP }],
  transitions: [...d.transitions, { from: ['STEERING_GROUP'], event: 'PARK', to: 'LIMBO', label: { cs: 'Odložit', en: 'Park' }, guards: [{ name: 'actorIs', params: { anyOf: [STEERING_CHAIR] } }] }],
});
const renamedWithdrawn = (d: DraftDefinition): DraftDefinition => ({
  ...editStage(d, 'WITHDRAWN', (s) => ({ ...s, key: 'Staženo' })),
  transitions: d.transitions.map((t) => (t.to === 'WITHDRAWN' ? { ...t, to: 'Staženo' } : t)),
});
const secondRejected = (d: DraftDefinition): DraftDefinition => ({ ...d, stages: [...d.stages, { ...d.stages.find((s) => s.key === 'REJECTED')!, label: { cs: 'Zamítnuto znovu', en: 'Rejected again' } }] });
const secondSubmit = (d: DraftDefinition): DraftDefinition => ({ ...d, transitions: [...d.transitions, { ...d.transitions.find(isTransition('SUBMIT', 'DRAFT'))!, label: { cs: 'Předložit znovu', en: 'Submit again' } }] });
const actorIs = (params: unknown): DraftGuard => ({ name: 'actorIs', params });
const kindIsNot = (params: unknown): DraftGuard => ({ name: 'kindIsNot', params });
const sameDraft = (d: DraftDefinition) => d;

export const WORKFLOW_PROBLEM_CASES: WorkflowProblemCase[] = [
  // What every definition must hold.
  ...of(C.DUPLICATE_STAGE, { path: `${NEXT_STAGE}.key`, why: 'a second stage with the key REJECTED', mutate: secondRejected }),
  ...of(C.UNKNOWN_INITIAL_STAGE, { path: 'initial', why: 'the initial stage names no stage', mutate: (d) => ({ ...d, initial: 'START' }) }),
  ...of(
    C.UNKNOWN_STAGE,
    { path: `${T('RETURN', 'COUNCIL')}.to`, why: "the council's return goes to a stage that does not exist", mutate: (d) => editTransition(d, 'RETURN', 'COUNCIL', (t) => ({ ...t, to: 'NOWHERE' })) },
    { path: `${T('WITHDRAW', 'DRAFT')}.from[1]`, why: 'withdrawing leaves a stage that does not exist', mutate: (d) => editTransition(d, 'WITHDRAW', 'DRAFT', (t) => ({ ...t, from: ['DRAFT', 'FORUM'] })) },
  ),
  ...of(C.DUPLICATE_EVENT, { path: `${NEXT_TRANSITION}.event`, why: 'SUBMIT twice from the draft', mutate: secondSubmit }),
  ...of(C.LEAVES_FINAL_STAGE, {
    path: `${T('WITHDRAW', 'DRAFT')}.from[2]`,
    why: 'a rejected proposal could still be withdrawn',
    mutate: (d) => editTransition(d, 'WITHDRAW', 'DRAFT', (t) => ({ ...t, from: [...t.from, 'REJECTED'] })),
  }),
  ...of(C.UNKNOWN_GUARD, { path: `${T('SUBMIT', 'DRAFT')}.guards[2].name`, why: 'a guard the catalogue does not have', mutate: (d) => editTransition(d, 'SUBMIT', 'DRAFT', adding({ name: 'isFullMoon' })) }),
  ...of(C.UNREACHABLE_STAGE, { path: NEXT_STAGE, why: 'a final stage no event goes to', mutate: (d) => ({ ...d, stages: [...d.stages, { ...LIMBO, phase: ProposalPhase.REJECTED }] }) }),
  ...of(C.DEAD_END, { path: NEXT_STAGE, why: 'a stage in review that nothing leaves', mutate: parkingAtSteering }),

  // Names, labels, parameters.
  ...of(
    C.INVALID_NAME,
    { path: `${S('WITHDRAWN')}.key`, why: 'a stage key with small and accented letters', mutate: renamedWithdrawn },
    { path: `${T('SUBMIT', 'DRAFT')}.event`, why: 'an event name with spaces', mutate: (d) => editTransition(d, 'SUBMIT', 'DRAFT', (t) => ({ ...t, event: 'SUBMIT TO GROUP' })) },
  ),
  ...of(
    C.INVALID_GUARD_PARAMETERS,
    { path: `${G('RETURN', 'WORKING_GROUP', 'actorIs')}.params`, why: 'actorIs naming nobody', mutate: (d) => editTransition(d, 'RETURN', 'WORKING_GROUP', replacing('actorIs', actorIs({ anyOf: [] }))) },
    {
      path: `${G('SUBMIT', 'DRAFT', 'actorIs')}.params`,
      why: 'actorIs with an area role that does not exist',
      mutate: (d) => editTransition(d, 'SUBMIT', 'DRAFT', replacing('actorIs', actorIs({ anyOf: [{ kind: 'AREA_ROLE', role: 'MAYOR' }] }))),
    },
    {
      path: `${G('RECOMMEND', 'SOCIAL_COMMISSION', 'actorIs')}.params`,
      why: 'actorIs with the chair of a kind of body that does not exist',
      mutate: (d) => editTransition(d, 'RECOMMEND', 'SOCIAL_COMMISSION', replacing('actorIs', actorIs({ anyOf: [{ kind: 'CHAIR_OF', bodyKind: 'SENATE' }] }))),
    },
    {
      path: `${G('RETURN', 'STEERING_GROUP', 'actorIs')}.params`,
      why: 'actorIs with a parameter it does not take',
      mutate: (d) => editTransition(d, 'RETURN', 'STEERING_GROUP', replacing('actorIs', actorIs({ anyOf: [STEERING_CHAIR], unless: 'AUTHOR' }))),
    },
    {
      path: `${G('APPROVE', 'COUNCIL', 'kindIsNot')}.params`,
      why: 'kindIsNot with a proposal kind that does not exist',
      mutate: (d) => editTransition(d, 'APPROVE', 'COUNCIL', replacing('kindIsNot', kindIsNot({ kinds: ['PLAN', 'BUDGET'] }))),
    },
    { path: `${G('APPROVE', 'COUNCIL', 'kindIsNot')}.params`, why: 'kindIsNot with a kind where a list belongs', mutate: (d) => editTransition(d, 'APPROVE', 'COUNCIL', replacing('kindIsNot', kindIsNot({ kinds: 'PLAN' }))) },
    {
      path: `${G('SUBMIT', 'DRAFT', 'hasTitleAndSummary')}.params`,
      why: 'parameters for a guard that takes none',
      mutate: (d) => editTransition(d, 'SUBMIT', 'DRAFT', replacing('hasTitleAndSummary', { name: 'hasTitleAndSummary', params: { strict: true } })),
    },
  ),
  ...of(
    C.MISSING_LABEL,
    { path: 'name', why: 'the definition has no English name', mutate: (d) => ({ ...d, name: { ...d.name, en: '' } }) },
    { path: `${S('COUNCIL')}.label`, why: 'a stage label of invisible characters only', mutate: (d) => editStage(d, 'COUNCIL', (s) => ({ ...s, label: { cs: ' \u200b', en: 'Council' } })) },
    { path: `${T('REJECT', 'STEERING_GROUP')}.label`, why: 'a transition label blank in English', mutate: (d) => editTransition(d, 'REJECT', 'STEERING_GROUP', (t) => ({ ...t, label: { ...t.label, en: '  ' } })) },
  ),

  // Phases and what the transitions record.
  ...of(
    C.DRAFT_STAGE,
    { path: `${S('WORKING_GROUP')}.phase`, why: 'a second stage in phase DRAFT', mutate: (d) => editStage(d, 'WORKING_GROUP', (s) => ({ ...s, phase: ProposalPhase.DRAFT })) },
    {
      path: `${S('DRAFT')}.phase`,
      why: 'the initial stage already in review',
      mutate: (d) => editStage(d, 'DRAFT', (s) => ({ ...s, phase: ProposalPhase.IN_REVIEW, bodyKind: BodyKind.WORKING_GROUP })),
    },
  ),
  ...of(C.NO_APPROVED_STAGE, { path: 'stages', why: 'no stage approves', mutate: (d) => editStage(d, 'APPROVED', (s) => ({ ...s, phase: ProposalPhase.REJECTED })) }),
  ...of(C.DUPLICATE_EFFECT, {
    path: `${T('APPROVE', 'COUNCIL')}.effects[1]`,
    why: "the council's resolution recorded twice",
    mutate: (d) => editTransition(d, 'APPROVE', 'COUNCIL', (t) => ({ ...t, effects: ['COUNCIL_RESOLUTION', 'COUNCIL_RESOLUTION'] })),
  }),
  ...of(C.RETURN_TO_FINAL_STAGE, { path: `${T('REJECT', 'STEERING_GROUP')}.returns`, why: 'a return that ends the proposal', mutate: (d) => editTransition(d, 'REJECT', 'STEERING_GROUP', (t) => ({ ...t, returns: true })) }),
  ...of(
    C.EFFECT_OUT_OF_PLACE,
    {
      path: `${T('RECOMMEND', 'STEERING_GROUP')}.effects[0]`,
      why: "the commission's recommendation recorded at the steering group",
      mutate: (d) => editTransition(d, 'RECOMMEND', 'STEERING_GROUP', (t) => ({ ...t, effects: ['COMMISSION_RECOMMENDS'] })),
    },
    { path: `${T('RECOMMEND', 'WORKING_GROUP')}.effects[0]`, why: 'submission recorded after the draft', mutate: (d) => editTransition(d, 'RECOMMEND', 'WORKING_GROUP', (t) => ({ ...t, effects: ['SUBMITTED'] })) },
  ),
  ...of(
    C.RESOLUTION_NUMBER_NOT_REQUIRED,
    {
      path: `${T('APPROVE', 'ASSEMBLY')}.guards`,
      why: "the assembly's resolution recorded without its number",
      mutate: (d) => editTransition(d, 'APPROVE', 'ASSEMBLY', without('resolutionNumberRequired')),
    },
    {
      path: `${T('APPROVE', 'COUNCIL')}.guards`,
      why: "the council's resolution recorded without its number",
      mutate: (d) => editTransition(d, 'APPROVE', 'COUNCIL', without('resolutionNumberRequired')),
    },
  ),
  ...of(C.RESOLUTION_NOT_RECORDED, {
    path: `${T('REJECT', 'COUNCIL')}.effects`,
    why: "the council's resolution number typed and not recorded as the council's",
    mutate: (d) => editTransition(d, 'REJECT', 'COUNCIL', (t) => ({ ...t, effects: [] })),
  }),
  ...of(C.RECOMMENDATION_NOT_RECORDED, {
    path: `${T('NOT_RECOMMEND', 'SOCIAL_COMMISSION')}.effects`,
    why: 'the commission carries a proposal on without its recommendation',
    mutate: (d) => editTransition(d, 'NOT_RECOMMEND', 'SOCIAL_COMMISSION', (t) => ({ ...t, effects: [] })),
  }),
  ...of(
    C.HEARING_RULE_MISMATCH,
    { path: `${T('SUBMIT', 'DRAFT')}.guards`, why: 'a hearing rule that no transition heeds', mutate: (d) => ({ ...d, hearingRule: 'EVERY_PASS' }) },
    { path: `${T('RETURN', 'STEERING_GROUP')}.guards[2]`, why: 'hearingSettled without a hearing rule', mutate: (d) => editTransition(d, 'RETURN', 'STEERING_GROUP', adding({ name: 'hearingSettled' })) },
  ),

  // Who acts, who decides.
  ...of(
    C.NO_RESPONSIBLE_BODY,
    { path: `${S('STEERING_GROUP')}.bodyKind`, why: 'a stage in review without a kind of body', mutate: (d) => editStage(d, 'STEERING_GROUP', ({ bodyKind: _bodyKind, ...s }) => s) },
    { path: `${S('STEERING_GROUP')}.bodyKind`, why: 'the area has no steering group', area: areaWithout(BodyKind.STEERING_GROUP), mutate: sameDraft },
  ),
  ...of(C.INPUT_NOBODY_CAN_GIVE, {
    path: `${T('REJECT', 'STEERING_GROUP')}.guards[2]`,
    why: 'a resolution number asked at the steering group, which passes no resolutions',
    mutate: (d) => editTransition(d, 'REJECT', 'STEERING_GROUP', adding({ name: 'resolutionNumberRequired' })),
  }),
  ...of(
    C.ACTOR_NOBODY_CAN_BE,
    { path: `${T('RETURN', 'WORKING_GROUP')}.guards`, why: 'anybody could return a proposal', mutate: (d) => editTransition(d, 'RETURN', 'WORKING_GROUP', without('actorIs')) },
    {
      path: `${G('RECOMMEND', 'SOCIAL_COMMISSION', 'actorIs')}.params`,
      why: "only the commission's chair may recommend, and the area has no commission",
      area: areaWithout(BodyKind.SOCIAL_COMMISSION),
      mutate: sameDraft,
    },
  ),
  ...of(C.PLAN_WITHOUT_ASSEMBLY, { path: T('APPROVE', 'COUNCIL'), why: 'the council could approve a plan', mutate: (d) => editTransition(d, 'APPROVE', 'COUNCIL', without('kindIsNot')) }),
];
