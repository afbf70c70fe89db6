import { BodyKind, ProposalPhase } from '../../src/domain/enums';
import { compileWorkflow } from '../../src/workflows/workflow-compiler';
import { boundByHearing, isFinalStage, passes, type DraftDefinition, type DraftGuard, type DraftTransition, type WorkflowDefinition } from '../../src/workflows/workflow-definition';
import { FACTS_PASSING_EVERY_GUARD } from '../../src/workflows/workflow-guards';
import { WorkflowProblemCode, workflowProblems, type AreaShape, type WorkflowProblem } from '../../src/workflows/workflow-problems';
import { WORKFLOW_DEFINITIONS } from '../../src/workflows/workflow-registry';
import { baseDraft, WORKFLOW_PROBLEM_CASES } from '../support/workflow-problem-cases';

/**
 * The rules of workflow definitions, without a database: the words an area admin reads for each
 * problem (Czech and English), the problems of drafts broken in ways the API cannot send (unknown
 * kinds of body, effects and hearing rules), the order in which problems are listed, which
 * transitions carry a proposal on and which a hearing rule binds, and what a compiled definition
 * refuses. Every assertion carries its case, so a failure names it.
 */

const C = WorkflowProblemCode;
const at = (problems: WorkflowProblem[]) => problems.map((p) => `${p.code} ${p.path}`);
const draft = (change: (d: DraftDefinition) => void): DraftDefinition => {
  const d = baseDraft();
  change(d);
  return d;
};
const transition = (d: DraftDefinition, event: string, from: string): DraftTransition => {
  const found = d.transitions.find((t) => t.event === event && t.from.includes(from));
  if (!found) throw new Error(`The standard workflow has no event ${event} from ${from}`);
  return found;
};
const stage = (d: DraftDefinition, key: string) => {
  const found = d.stages.find((s) => s.key === key);
  if (!found) throw new Error(`The standard workflow has no stage ${key}`);
  return found;
};
const actorIs = (...anyOf: unknown[]): DraftGuard => ({ name: 'actorIs', params: { anyOf } });
const COORDINATOR = { kind: 'AREA_ROLE', role: 'COORDINATOR' };

/** The words of the first case of each code in the table of broken drafts, as an area admin reads them. */
const WORDS: Record<WorkflowProblemCode, { path: string; cs: string; en: string }> = {
  DUPLICATE_STAGE: { path: 'stages[9].key', cs: 'Klíč fáze REJECTED má i jiná fáze.', en: 'Stage key REJECTED is used by another stage too.' },
  UNKNOWN_INITIAL_STAGE: { path: 'initial', cs: 'Počáteční fáze START neexistuje.', en: 'The initial stage START does not exist.' },
  UNKNOWN_STAGE: { path: 'transitions[13].to', cs: 'Akce RETURN uvádí fázi NOWHERE, která neexistuje.', en: 'Event RETURN goes to stage NOWHERE, which does not exist.' },
  DUPLICATE_EVENT: { path: 'transitions[16].event', cs: 'Akce SUBMIT je z fáze „Návrh“ uvedena dvakrát.', en: 'Event SUBMIT is defined twice from stage DRAFT.' },
  LEAVES_FINAL_STAGE: {
    path: 'transitions[1].from[2]',
    cs: 'Akce WITHDRAW vychází z konečné fáze „Zamítnuto“; z rozhodnuté fáze už nic nevede.',
    en: 'Event WITHDRAW leaves the final stage REJECTED: nothing leaves a decided stage.',
  },
  UNKNOWN_GUARD: { path: 'transitions[0].guards[2].name', cs: 'Akce SUBMIT používá neznámou podmínku „isFullMoon“.', en: 'Event SUBMIT names the unknown guard "isFullMoon".' },
  UNREACHABLE_STAGE: { path: 'stages[9]', cs: 'Fáze „Odložené“ je nedosažitelná.', en: 'Stage LIMBO cannot be reached from the initial stage.' },
  DEAD_END: { path: 'stages[9]', cs: 'Z fáze „Odložené“ nevede žádná akce, a přitom není konečná.', en: 'Stage LIMBO is not final, yet no event leaves it.' },
  INVALID_NAME: {
    path: 'stages[8].key',
    cs: 'Klíč fáze "Staženo" není platný (velká písmena A–Z, číslice a podtržítka, nejvýše 40 znaků, na začátku písmeno).',
    en: 'Stage key "Staženo" is not valid (capital letters A–Z, digits and underscores, at most 40 characters, starting with a letter).',
  },
  INVALID_GUARD_PARAMETERS: {
    path: 'transitions[2].guards[0].params',
    cs: 'Akce RETURN (WORKING_GROUP → DRAFT), podmínka actorIs: anyOf musí být neprázdný seznam pravidel, kdo smí akci provést.',
    en: 'Event RETURN (WORKING_GROUP → DRAFT), guard actorIs: anyOf must be a non-empty list of rules of who may act.',
  },
  MISSING_LABEL: { path: 'name', cs: 'Postup schvalování potřebuje název česky i anglicky.', en: 'The workflow needs a name in both Czech and English.' },
  DRAFT_STAGE: {
    path: 'stages[1].phase',
    cs: 'Fáze „Pracovní skupina“ má stav DRAFT, který smí mít jen počáteční fáze.',
    en: 'Stage WORKING_GROUP is in phase DRAFT, which only the initial stage may be.',
  },
  NO_APPROVED_STAGE: { path: 'stages', cs: 'Žádná fáze nemá stav APPROVED (schváleno): návrh by nešlo schválit.', en: 'No stage is in phase APPROVED: no proposal could ever be approved.' },
  DUPLICATE_EFFECT: {
    path: 'transitions[10].effects[1]',
    cs: 'Akce APPROVE (COUNCIL → APPROVED) zaznamenává COUNCIL_RESOLUTION dvakrát.',
    en: 'Event APPROVE (COUNCIL → APPROVED) records COUNCIL_RESOLUTION twice.',
  },
  RETURN_TO_FINAL_STAGE: {
    path: 'transitions[6].returns',
    cs: 'Akce REJECT (STEERING_GROUP → REJECTED) je vrácení k přepracování, ale vede do konečné fáze „Zamítnuto“.',
    en: 'Event REJECT (STEERING_GROUP → REJECTED) is a return for rework, yet goes to the final stage REJECTED.',
  },
  EFFECT_OUT_OF_PLACE: {
    path: 'transitions[4].effects[0]',
    cs: 'Akce RECOMMEND (STEERING_GROUP → SOCIAL_COMMISSION): COMMISSION_RECOMMENDS zaznamenává rozhodnutí orgánu druhu SOCIAL_COMMISSION, který fázi „Řídící skupina“ neprojednává.',
    en: 'Event RECOMMEND (STEERING_GROUP → SOCIAL_COMMISSION): COMMISSION_RECOMMENDS records a decision of the SOCIAL_COMMISSION, which does not handle stage STEERING_GROUP.',
  },
  RESOLUTION_NUMBER_NOT_REQUIRED: {
    path: 'transitions[14].guards',
    cs: 'Akce APPROVE (ASSEMBLY → APPROVED) zaznamenává usnesení, ale nežádá jeho číslo (chybí podmínka resolutionNumberRequired).',
    en: 'Event APPROVE (ASSEMBLY → APPROVED) records a resolution without requiring its number (no resolutionNumberRequired guard).',
  },
  RESOLUTION_NOT_RECORDED: {
    path: 'transitions[12].effects',
    cs: 'Akce REJECT (COUNCIL → REJECTED) žádá ve fázi „Rada města“ číslo usnesení, ale nezaznamená ho jako usnesení orgánu (COUNCIL_RESOLUTION).',
    en: "Event REJECT (COUNCIL → REJECTED) asks for a resolution number at stage COUNCIL and does not record it as the COUNCIL's resolution (COUNCIL_RESOLUTION).",
  },
  RECOMMENDATION_NOT_RECORDED: {
    path: 'transitions[8].effects',
    cs: 'Akce NOT_RECOMMEND (SOCIAL_COMMISSION → COUNCIL) posouvá návrh dál z fáze komise „Sociální komise“, ale nezaznamená její doporučení.',
    en: "Event NOT_RECOMMEND (SOCIAL_COMMISSION → COUNCIL) carries the proposal on from the commission's stage SOCIAL_COMMISSION without recording its recommendation.",
  },
  HEARING_RULE_MISMATCH: {
    path: 'transitions[0].guards',
    cs: 'Pravidlo veřejného projednání (EVERY_PASS) se vztahuje na akci SUBMIT (DRAFT → WORKING_GROUP), ale ta nemá podmínku hearingSettled.',
    en: 'Event SUBMIT (DRAFT → WORKING_GROUP) lacks the hearingSettled guard, against the hearing rule (EVERY_PASS).',
  },
  NO_RESPONSIBLE_BODY: {
    path: 'stages[2].bodyKind',
    cs: 'Fáze „Řídící skupina“ je ve schvalování, ale neuvádí, jaký orgán ji projednává.',
    en: 'Stage STEERING_GROUP is in review, yet names no kind of body that handles it.',
  },
  INPUT_NOBODY_CAN_GIVE: {
    path: 'transitions[6].guards[2]',
    cs: 'Akce REJECT (STEERING_GROUP → REJECTED) žádá z fáze „Řídící skupina“ číslo usnesení, ale tu fázi neprojednává rada ani zastupitelstvo: nikdo tam usnesení nepřijímá.',
    en: 'Event REJECT (STEERING_GROUP → REJECTED) asks for a resolution number at stage STEERING_GROUP, which neither the council nor the assembly handles: nobody there passes resolutions.',
  },
  ACTOR_NOBODY_CAN_BE: {
    path: 'transitions[2].guards',
    cs: 'Akce RETURN (WORKING_GROUP → DRAFT) neříká, kdo ji smí provést (chybí podmínka actorIs): mohl by ji provést kdokoli.',
    en: 'Event RETURN (WORKING_GROUP → DRAFT) does not say who may fire it (no actorIs guard): anybody could.',
  },
  PLAN_WITHOUT_ASSEMBLY: {
    path: 'transitions[10]',
    cs: 'Akce APPROVE (COUNCIL → APPROVED): plán (druh návrhu PLAN) by byl schválen, aniž by prošel zastupitelstvem; plán schvaluje zastupitelstvo (omezte akci podmínkou kindIsNot nebo kindIs).',
    en: 'Event APPROVE (COUNCIL → APPROVED): a plan (proposal kind PLAN) would be approved without passing the assembly, which alone adopts plans (restrict the event with kindIsNot or kindIs).',
  },
};

/** A draft, the area it is for, and every problem it must list, in order, with the words of each. */
interface Listed {
  why: string;
  draft: DraftDefinition;
  area?: AreaShape;
  problems: Array<{ code: WorkflowProblemCode; path: string; cs?: string; en?: string }>;
}

const listed = (c: Listed) => {
  const found = workflowProblems(c.draft, c.area);
  return {
    why: c.why,
    problems: found.map((p, i) => {
      const expected = c.problems[i];
      return { code: p.code, path: p.path, ...(expected?.cs === undefined ? {} : { cs: p.text.cs }), ...(expected?.en === undefined ? {} : { en: p.text.en }) };
    }),
  };
};

const NO_STEERING_NOR_COMMISSION: AreaShape = { bodyKinds: [BodyKind.WORKING_GROUP, BodyKind.COUNCIL, BodyKind.ASSEMBLY] };
const directApproval = (from: string, guards: DraftGuard[]): DraftTransition => ({
  from: [from],
  event: 'APPROVE',
  to: 'APPROVED',
  label: { cs: 'Schválit přímo', en: 'Approve directly' },
  guards: [actorIs(COORDINATOR), ...guards],
});

const LISTED: Listed[] = [
  {
    why: 'the initial stage in review, not a draft',
    draft: draft((d) => Object.assign(stage(d, 'DRAFT'), { phase: ProposalPhase.IN_REVIEW, bodyKind: BodyKind.WORKING_GROUP })),
    problems: [{ code: C.DRAFT_STAGE, path: 'stages[0].phase', cs: 'Počáteční fáze „Návrh“ musí mít stav DRAFT (rozpracovaný návrh).', en: 'The initial stage DRAFT must be in phase DRAFT.' }],
  },
  {
    why: 'a stage naming an unknown kind of body',
    draft: draft((d) => Object.assign(stage(d, 'STEERING_GROUP'), { bodyKind: 'SENATE' })),
    problems: [{ code: C.NO_RESPONSIBLE_BODY, path: 'stages[2].bodyKind', cs: 'Fáze „Řídící skupina“ uvádí neznámý druh orgánu "SENATE".', en: 'Stage STEERING_GROUP names an unknown kind of body "SENATE".' }],
  },
  {
    why: 'a stage in review whose kind of body is null: none named, not an unknown one',
    draft: draft((d) => Object.assign(stage(d, 'STEERING_GROUP'), { bodyKind: null })),
    problems: [{ code: C.NO_RESPONSIBLE_BODY, path: 'stages[2].bodyKind', cs: 'Fáze „Řídící skupina“ je ve schvalování, ale neuvádí, jaký orgán ji projednává.', en: 'Stage STEERING_GROUP is in review, yet names no kind of body that handles it.' }],
  },
  {
    why: 'an unknown effect',
    draft: draft((d) => (transition(d, 'RECOMMEND', 'WORKING_GROUP').effects = ['PUBLISHED' as never])),
    problems: [
      {
        code: C.EFFECT_OUT_OF_PLACE,
        path: 'transitions[3].effects[0]',
        cs: 'Akce RECOMMEND (WORKING_GROUP → STEERING_GROUP): neznámý záznam "PUBLISHED".',
        en: 'Event RECOMMEND (WORKING_GROUP → STEERING_GROUP): unknown effect "PUBLISHED".',
      },
    ],
  },
  {
    why: 'submission recorded after the draft',
    draft: draft((d) => (transition(d, 'RECOMMEND', 'WORKING_GROUP').effects = ['SUBMITTED'])),
    problems: [
      {
        code: C.EFFECT_OUT_OF_PLACE,
        path: 'transitions[3].effects[0]',
        cs: 'Akce RECOMMEND (WORKING_GROUP → STEERING_GROUP): SUBMITTED (předloženo) lze zaznamenat jen z počáteční fáze, ne z fáze „Pracovní skupina“.',
        en: 'Event RECOMMEND (WORKING_GROUP → STEERING_GROUP): SUBMITTED is recorded only from the draft, not from stage WORKING_GROUP.',
      },
    ],
  },
  {
    why: 'the commission carries a proposal on recording something, but not its recommendation',
    draft: draft((d) => (transition(d, 'RECOMMEND', 'SOCIAL_COMMISSION').effects = ['SUBMITTED'])),
    problems: [
      { code: C.EFFECT_OUT_OF_PLACE, path: 'transitions[7].effects[0]' },
      { code: C.RECOMMENDATION_NOT_RECORDED, path: 'transitions[7].effects' },
    ],
  },
  {
    why: 'an unknown hearing rule',
    draft: draft((d) => (d.hearingRule = 'SOMETIMES' as never)),
    problems: [
      {
        code: C.HEARING_RULE_MISMATCH,
        path: 'hearingRule',
        cs: 'Neznámé pravidlo veřejného projednání "SOMETIMES" (možné: LEAVING_STEERING_GROUP, EVERY_PASS).',
        en: 'Unknown hearing rule "SOMETIMES" (allowed: LEAVING_STEERING_GROUP, EVERY_PASS).',
      },
    ],
  },
  {
    why: 'a hearing rule that binds no event: no stage is handled by a steering group',
    draft: draft((d) => Object.assign(stage(d, 'STEERING_GROUP'), { bodyKind: BodyKind.WORKING_GROUP, label: { cs: 'Druhé kolo', en: 'Second round' } })),
    problems: [],
  },
  {
    why: 'the hearing rule LEAVING_STEERING_GROUP where no stage is handled by a steering group',
    draft: draft((d) => {
      Object.assign(stage(d, 'STEERING_GROUP'), { bodyKind: BodyKind.WORKING_GROUP });
      d.hearingRule = 'LEAVING_STEERING_GROUP';
    }),
    problems: [
      {
        code: C.HEARING_RULE_MISMATCH,
        path: 'hearingRule',
        cs: 'Pravidlo veřejného projednání LEAVING_STEERING_GROUP se nevztahuje na žádnou akci.',
        en: 'The hearing rule LEAVING_STEERING_GROUP binds no event.',
      },
    ],
  },
  {
    why: 'hearingSettled as the first guard, without a hearing rule',
    draft: draft((d) => transition(d, 'RETURN', 'STEERING_GROUP').guards.unshift({ name: 'hearingSettled' })),
    problems: [
      {
        code: C.HEARING_RULE_MISMATCH,
        path: 'transitions[5].guards[0]',
        cs: 'Akce RETURN (STEERING_GROUP → WORKING_GROUP) má podmínku hearingSettled, ale pravidlo veřejného projednání (žádné) se na ni nevztahuje.',
        en: 'Event RETURN (STEERING_GROUP → WORKING_GROUP) names the hearingSettled guard, which the hearing rule (none) does not bind.',
      },
    ],
  },
  {
    why: 'a rejection from several stages, one of them the steering group, without hearingSettled under LEAVING_STEERING_GROUP',
    draft: draft((d) => {
      d.hearingRule = 'LEAVING_STEERING_GROUP';
      for (const t of d.transitions) if (t.from.includes('STEERING_GROUP')) t.guards.push({ name: 'hearingSettled' });
      const reject = transition(d, 'REJECT', 'STEERING_GROUP');
      reject.from = ['WORKING_GROUP', 'STEERING_GROUP'];
      reject.guards = reject.guards.filter((g) => g.name !== 'hearingSettled');
    }),
    problems: [
      {
        code: C.HEARING_RULE_MISMATCH,
        path: 'transitions[6].guards',
        cs: 'Pravidlo veřejného projednání (LEAVING_STEERING_GROUP) se vztahuje na akci REJECT (WORKING_GROUP, STEERING_GROUP → REJECTED), ale ta nemá podmínku hearingSettled.',
        en: 'Event REJECT (WORKING_GROUP, STEERING_GROUP → REJECTED) lacks the hearingSettled guard, against the hearing rule (LEAVING_STEERING_GROUP).',
      },
    ],
  },
  {
    why: 'an event from two stages without a label names both stages',
    draft: draft((d) => (transition(d, 'WITHDRAW', 'DRAFT').label = { cs: 'Stáhnout', en: '' })),
    problems: [
      {
        code: C.MISSING_LABEL,
        path: 'transitions[1].label',
        cs: 'Akce WITHDRAW (DRAFT, WORKING_GROUP → WITHDRAWN) potřebuje popis tlačítka česky i anglicky.',
        en: 'Event WITHDRAW (DRAFT, WORKING_GROUP → WITHDRAWN) needs a button label in both Czech and English.',
      },
    ],
  },
  {
    why: 'an event name not valid, in both languages',
    draft: draft((d) => (transition(d, 'SUBMIT', 'DRAFT').event = '1SUBMIT')),
    problems: [
      {
        code: C.INVALID_NAME,
        path: 'transitions[0].event',
        cs: 'Název akce "1SUBMIT" není platný (velká písmena A–Z, číslice a podtržítka, nejvýše 40 znaků, na začátku písmeno).',
        en: 'Event name "1SUBMIT" is not valid (capital letters A–Z, digits and underscores, at most 40 characters, starting with a letter).',
      },
    ],
  },
  {
    why: 'a stage without any label, unreachable: named by its key in Czech too',
    draft: draft((d) => d.stages.push({ key: 'LIMBO', phase: ProposalPhase.REJECTED } as never)),
    problems: [
      { code: C.UNREACHABLE_STAGE, path: 'stages[9]', cs: 'Fáze LIMBO je nedosažitelná.', en: 'Stage LIMBO cannot be reached from the initial stage.' },
      { code: C.MISSING_LABEL, path: 'stages[9].label', cs: 'Fáze LIMBO potřebuje název česky i anglicky.', en: 'Stage LIMBO needs a label in both Czech and English.' },
    ],
  },
  {
    why: 'a second stage with the key STEERING_GROUP, in review without a body: the first of a key is the stage, the second only a duplicate',
    draft: draft((d) => d.stages.push({ key: 'STEERING_GROUP', label: { cs: 'Řídící skupina znovu', en: 'Steering group again' }, phase: ProposalPhase.IN_REVIEW })),
    problems: [{ code: C.DUPLICATE_STAGE, path: 'stages[9].key', cs: 'Klíč fáze STEERING_GROUP má i jiná fáze.', en: 'Stage key STEERING_GROUP is used by another stage too.' }],
  },
  {
    why: 'the council resolution recorded without its number',
    draft: draft((d) => {
      const approve = transition(d, 'APPROVE', 'COUNCIL');
      approve.guards = approve.guards.filter((g) => g.name !== 'resolutionNumberRequired');
    }),
    problems: [{ code: C.RESOLUTION_NUMBER_NOT_REQUIRED, path: 'transitions[10].guards' }],
  },
  {
    why: 'an area without the steering group nor the commission: the words name every chair the area lacks',
    draft: draft((d) => (transition(d, 'REJECT', 'STEERING_GROUP').guards[0] = actorIs({ kind: 'CHAIR_OF', bodyKind: 'STEERING_GROUP' }, { kind: 'CHAIR_OF', bodyKind: 'SOCIAL_COMMISSION' }))),
    area: NO_STEERING_NOR_COMMISSION,
    problems: [
      { code: C.NO_RESPONSIBLE_BODY, path: 'stages[2].bodyKind' },
      { code: C.NO_RESPONSIBLE_BODY, path: 'stages[3].bodyKind' },
      {
        code: C.ACTOR_NOBODY_CAN_BE,
        path: 'transitions[6].guards[0].params',
        cs: 'Akce REJECT (STEERING_GROUP → REJECTED) smí provést jen: předseda řídící skupiny, předseda sociální komise; takový orgán ale oblast nemá.',
        en: 'Event REJECT (STEERING_GROUP → REJECTED) may be fired only by the chair of the steering group or the commission chair, and the area has no such body.',
      },
      { code: C.ACTOR_NOBODY_CAN_BE, path: 'transitions[7].guards[0].params' },
      { code: C.ACTOR_NOBODY_CAN_BE, path: 'transitions[8].guards[0].params' },
      { code: C.ACTOR_NOBODY_CAN_BE, path: 'transitions[9].guards[0].params' },
    ],
  },
  {
    why: 'an event a chair the area lacks or the coordinator may fire: somebody can',
    draft: draft((d) => (transition(d, 'REJECT', 'STEERING_GROUP').guards[0] = actorIs({ kind: 'CHAIR_OF', bodyKind: 'STEERING_GROUP' }, COORDINATOR))),
    area: NO_STEERING_NOR_COMMISSION,
    problems: [
      { code: C.NO_RESPONSIBLE_BODY, path: 'stages[2].bodyKind' },
      { code: C.NO_RESPONSIBLE_BODY, path: 'stages[3].bodyKind' },
      { code: C.ACTOR_NOBODY_CAN_BE, path: 'transitions[7].guards[0].params' },
      { code: C.ACTOR_NOBODY_CAN_BE, path: 'transitions[8].guards[0].params' },
      { code: C.ACTOR_NOBODY_CAN_BE, path: 'transitions[9].guards[0].params' },
    ],
  },
  {
    why: 'direct approvals a plan may take, found out of order, listed in the order of the transitions',
    draft: draft((d) => {
      d.transitions.push(directApproval('STEERING_GROUP', []), directApproval('WORKING_GROUP', []));
      d.transitions.push({ ...directApproval('COUNCIL', []), event: 'ADOPT' });
    }),
    problems: [
      { code: C.PLAN_WITHOUT_ASSEMBLY, path: 'transitions[16]' },
      { code: C.PLAN_WITHOUT_ASSEMBLY, path: 'transitions[17]' },
      { code: C.PLAN_WITHOUT_ASSEMBLY, path: 'transitions[18]' },
    ],
  },
  {
    why: 'a kindIs without parameters: its own problem, and no path a plan is taken to follow',
    draft: draft((d) => d.transitions.push(directApproval('STEERING_GROUP', [{ name: 'kindIs' }]))),
    problems: [{ code: C.INVALID_GUARD_PARAMETERS, path: 'transitions[16].guards[1].params' }],
  },
  {
    why: 'a kindIs with null parameters: its own problem, and no path a plan is taken to follow',
    draft: draft((d) => d.transitions.push(directApproval('STEERING_GROUP', [{ name: 'kindIs', params: null }]))),
    problems: [{ code: C.INVALID_GUARD_PARAMETERS, path: 'transitions[16].guards[1].params' }],
  },
  {
    why: 'a kindIs naming PLAN where a list belongs: its own problem, and no path a plan is taken to follow',
    draft: draft((d) => d.transitions.push(directApproval('STEERING_GROUP', [{ name: 'kindIs', params: { kinds: 'PLAN' } }]))),
    problems: [{ code: C.INVALID_GUARD_PARAMETERS, path: 'transitions[16].guards[1].params' }],
  },
  {
    why: "a draft handled by the assembly from the start: every path a plan takes passes the assembly's stage",
    draft: draft((d) => {
      stage(d, 'DRAFT').bodyKind = BodyKind.ASSEMBLY;
      const approve = transition(d, 'APPROVE', 'COUNCIL');
      approve.guards = approve.guards.filter((g) => g.name !== 'kindIsNot');
    }),
    problems: [],
  },
];

describe('the words an area admin reads', () => {
  test('each code, for the first case of the table of broken drafts, in Czech and English', () => {
    const firsts = Object.values(C).map((code) => WORKFLOW_PROBLEM_CASES.find((c) => c.code === code)!);
    const found = firsts.map((c) => {
      const p = workflowProblems(c.mutate(baseDraft()), c.area).find((x) => x.code === c.code);
      return { code: c.code, why: c.why, words: p && { path: p.path, cs: p.text.cs, en: p.text.en } };
    });
    expect(found).toEqual(firsts.map((c) => ({ code: c.code, why: c.why, words: WORDS[c.code] })));
  });
});

describe('problems of drafts, listed in order with their words', () => {
  test('every draft lists exactly its problems', () => {
    expect(LISTED.map(listed)).toEqual(LISTED.map((c) => ({ why: c.why, problems: c.problems })));
  });

  test('the shipped versions under a hearing rule are sound with hearingSettled as the first guard', () => {
    const first = WORKFLOW_DEFINITIONS.filter((d) => d.hearingRule).map((d) => ({
      ...d,
      transitions: d.transitions.map((t) => ({ ...t, guards: [...t.guards.filter((g) => g.name === 'hearingSettled'), ...t.guards.filter((g) => g.name !== 'hearingSettled')] })),
    }));
    expect(first.map((d) => [`${d.key}@${d.version}`, at(workflowProblems(d))])).toEqual(first.map((d) => [`${d.key}@${d.version}`, []]));
    expect(first.filter((d) => d.transitions.some((t) => t.guards[0]?.name === 'hearingSettled')).length).toBe(6);
  });
});

/** Each shipped definition's transitions as `EVENT FROM,FROM → TO`, with whether they carry a proposal on and which hearing rule binds them. */
const PASSING: Record<string, string[]> = {
  standard: [
    'SUBMIT DRAFT → WORKING_GROUP',
    'RECOMMEND WORKING_GROUP → STEERING_GROUP',
    'RECOMMEND STEERING_GROUP → SOCIAL_COMMISSION',
    'RECOMMEND SOCIAL_COMMISSION → COUNCIL',
    'NOT_RECOMMEND SOCIAL_COMMISSION → COUNCIL',
    'APPROVE COUNCIL → APPROVED',
    'REFER_TO_ASSEMBLY COUNCIL → ASSEMBLY',
    'APPROVE ASSEMBLY → APPROVED',
  ],
  'novy-jicin': [
    'SUBMIT DRAFT → WORKING_GROUP',
    'RECOMMEND WORKING_GROUP → STEERING_GROUP',
    'RECOMMEND STEERING_GROUP → COUNCIL',
    'APPROVE COUNCIL → APPROVED',
    'REFER_TO_ASSEMBLY COUNCIL → ASSEMBLY',
    'APPROVE ASSEMBLY → APPROVED',
  ],
};
PASSING['cesky-krumlov'] = PASSING.standard;
const LEAVING_STEERING: Record<string, string[]> = {
  standard: ['RECOMMEND STEERING_GROUP → SOCIAL_COMMISSION', 'RETURN STEERING_GROUP → WORKING_GROUP', 'REJECT STEERING_GROUP → REJECTED'],
  'novy-jicin': ['RECOMMEND STEERING_GROUP → COUNCIL', 'RETURN STEERING_GROUP → WORKING_GROUP', 'REJECT STEERING_GROUP → REJECTED'],
};
LEAVING_STEERING['cesky-krumlov'] = LEAVING_STEERING.standard;
const named = (t: Pick<DraftTransition, 'event' | 'from' | 'to'>) => `${t.event} ${t.from.join(',')} → ${t.to}`;

describe('which transitions carry a proposal on, and which a hearing rule binds', () => {
  test('every transition of every shipped definition', () => {
    const ids = WORKFLOW_DEFINITIONS.map((d) => `${d.key}@${d.version}`);
    expect(ids).toHaveLength(9);
    const judged = WORKFLOW_DEFINITIONS.map((d) => ({
      id: `${d.key}@${d.version}`,
      passes: d.transitions.filter((t) => passes(d, t)).map(named),
      everyPass: d.transitions.filter((t) => boundByHearing(d, t, 'EVERY_PASS')).map(named),
      leavingSteering: d.transitions.filter((t) => boundByHearing(d, t, 'LEAVING_STEERING_GROUP')).map(named),
      ownRule: d.transitions.filter((t) => boundByHearing(d, t)).map(named),
    }));
    expect(judged).toEqual(
      WORKFLOW_DEFINITIONS.map((d) => ({
        id: `${d.key}@${d.version}`,
        passes: PASSING[d.key],
        everyPass: PASSING[d.key],
        leavingSteering: LEAVING_STEERING[d.key],
        ownRule: d.hearingRule === 'EVERY_PASS' ? PASSING[d.key] : d.hearingRule === 'LEAVING_STEERING_GROUP' ? LEAVING_STEERING[d.key] : [],
      })),
    );
  });

  test('hand-made edge cases', () => {
    const d = baseDraft();
    const cases: Array<[string, Pick<DraftTransition, 'from' | 'to' | 'returns'>, string | undefined, boolean]> = [
      ['a transition to a stage the definition does not have passes, under EVERY_PASS', { from: ['COUNCIL'], to: 'NOWHERE' }, 'EVERY_PASS', true],
      ['a return to a stage the definition does not have does not pass', { from: ['COUNCIL'], to: 'NOWHERE', returns: true }, 'EVERY_PASS', false],
      ['a rejection does not pass', { from: ['COUNCIL'], to: 'REJECTED' }, 'EVERY_PASS', false],
      ['a withdrawal does not pass', { from: ['COUNCIL'], to: 'WITHDRAWN' }, 'EVERY_PASS', false],
      ['going on to the draft passes', { from: ['COUNCIL'], to: 'DRAFT' }, 'EVERY_PASS', true],
      ['a return to the working group does not pass', { from: ['STEERING_GROUP'], to: 'WORKING_GROUP', returns: true }, 'EVERY_PASS', false],
      ['leaving an unknown stage and the steering group', { from: ['NOWHERE', 'STEERING_GROUP'], to: 'REJECTED' }, 'LEAVING_STEERING_GROUP', true],
      ['leaving the working group and the steering group', { from: ['WORKING_GROUP', 'STEERING_GROUP'], to: 'REJECTED' }, 'LEAVING_STEERING_GROUP', true],
      ['leaving the steering group and the working group', { from: ['STEERING_GROUP', 'WORKING_GROUP'], to: 'APPROVED' }, 'LEAVING_STEERING_GROUP', true],
      ['leaving only an unknown stage', { from: ['NOWHERE'], to: 'REJECTED' }, 'LEAVING_STEERING_GROUP', false],
      ['leaving the working group', { from: ['WORKING_GROUP'], to: 'STEERING_GROUP' }, 'LEAVING_STEERING_GROUP', false],
      ['leaving the steering group without any hearing rule', { from: ['STEERING_GROUP'], to: 'SOCIAL_COMMISSION' }, undefined, false],
    ];
    expect(cases.map(([why, t, rule]) => [why, boundByHearing(d, t, rule as never)])).toEqual(cases.map(([why, , , bound]) => [why, bound]));
    expect(cases.map(([why, t]) => [why, boundByHearing({ ...d, hearingRule: undefined }, t)])).toEqual(cases.map(([why]) => [why, false]));
    expect(cases.map(([why, t]) => [why, boundByHearing({ ...d, hearingRule: 'LEAVING_STEERING_GROUP' }, t)])).toEqual(
      cases.map(([why, t]) => [why, t.from.includes('STEERING_GROUP')]),
    );
    expect(cases.map(([why, t]) => [why, passes(d, t)])).toEqual(cases.map(([why, t]) => [why, !t.returns && !['REJECTED', 'WITHDRAWN'].includes(t.to)]));
  });

  test('a stage is final when its phase is decided', () => {
    expect(Object.values(ProposalPhase).map((phase) => [phase, isFinalStage({ phase })])).toEqual(
      Object.values(ProposalPhase).map((phase) => [phase, ['APPROVED', 'REJECTED', 'WITHDRAWN'].includes(phase)]),
    );
  });
});

describe('a compiled definition', () => {
  test('is known as key@version, and refuses an event its stage does not have', () => {
    for (const def of WORKFLOW_DEFINITIONS) {
      const engine = compileWorkflow(def);
      const id = `${def.key}@${def.version}`;
      expect([id, engine.definition.id]).toEqual([id, id]);
      const draft = engine.start().snapshot;
      expect([id, engine.decide(draft, 'APPROVE', FACTS_PASSING_EVERY_GUARD)]).toEqual([
        id,
        { allowed: false, refusals: [{ code: 'EVENT_NOT_AVAILABLE', text: { cs: 'Tato akce v této fázi neexistuje.', en: 'This action does not exist in this stage.' } }] },
      ]);
    }
    const renamed: WorkflowDefinition = { ...WORKFLOW_DEFINITIONS[0], key: 'jinde', version: 7 };
    expect(compileWorkflow(renamed).definition.id).toBe('jinde@7');
  });
});
