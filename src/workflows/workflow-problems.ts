import { BodyKind, ProposalKind, ProposalPhase } from '../domain/enums';
import { hasVisibleText, type Text } from '../domain/text';
import { definitionProblems, type DefinitionProblem } from './engine';
import {
  boundByHearing,
  isFinalStage,
  passes,
  type ActorRule,
  type DraftDefinition,
  type DraftGuard,
  type DraftTransition,
  type StageDefinition,
  type TransitionEffect,
} from './workflow-definition';
import { actorRuleLabel, GUARD_NAMES, guardParamsProblems, shown } from './workflow-guards';

/**
 * Everything wrong with a workflow definition, each problem with where it is: what administrators
 * see when they draft a definition through the API, and what stops the start when a shipped
 * definition is broken (src/workflows/workflow-compiler.ts). Every check runs on whatever the draft
 * holds — a fault found neither stops the listing nor makes another check fail.
 */

/** What is wrong, as a stable code. */
export enum WorkflowProblemCode {
  DUPLICATE_STAGE = 'DUPLICATE_STAGE',
  UNKNOWN_INITIAL_STAGE = 'UNKNOWN_INITIAL_STAGE',
  UNKNOWN_STAGE = 'UNKNOWN_STAGE',
  DUPLICATE_EVENT = 'DUPLICATE_EVENT',
  LEAVES_FINAL_STAGE = 'LEAVES_FINAL_STAGE',
  UNKNOWN_GUARD = 'UNKNOWN_GUARD',
  UNREACHABLE_STAGE = 'UNREACHABLE_STAGE',
  DEAD_END = 'DEAD_END',
  INVALID_NAME = 'INVALID_NAME',
  INVALID_GUARD_PARAMETERS = 'INVALID_GUARD_PARAMETERS',
  MISSING_LABEL = 'MISSING_LABEL',
  DRAFT_STAGE = 'DRAFT_STAGE',
  NO_APPROVED_STAGE = 'NO_APPROVED_STAGE',
  DUPLICATE_EFFECT = 'DUPLICATE_EFFECT',
  RETURN_TO_FINAL_STAGE = 'RETURN_TO_FINAL_STAGE',
  EFFECT_OUT_OF_PLACE = 'EFFECT_OUT_OF_PLACE',
  RESOLUTION_NUMBER_NOT_REQUIRED = 'RESOLUTION_NUMBER_NOT_REQUIRED',
  RESOLUTION_NOT_RECORDED = 'RESOLUTION_NOT_RECORDED',
  RECOMMENDATION_NOT_RECORDED = 'RECOMMENDATION_NOT_RECORDED',
  HEARING_RULE_MISMATCH = 'HEARING_RULE_MISMATCH',
  NO_RESPONSIBLE_BODY = 'NO_RESPONSIBLE_BODY',
  INPUT_NOBODY_CAN_GIVE = 'INPUT_NOBODY_CAN_GIVE',
  ACTOR_NOBODY_CAN_BE = 'ACTOR_NOBODY_CAN_BE',
  PLAN_WITHOUT_ASSEMBLY = 'PLAN_WITHOUT_ASSEMBLY',
}

/** What each problem means, for the API's manual (`WorkflowProblemCode`). */
export const WORKFLOW_PROBLEM_MEANING: Readonly<Record<WorkflowProblemCode, string>> = {
  DUPLICATE_STAGE: 'Two stages share a key.',
  UNKNOWN_INITIAL_STAGE: 'The initial stage names no stage of the definition.',
  UNKNOWN_STAGE: 'A transition leaves or enters a stage the definition does not have.',
  DUPLICATE_EVENT: 'One event twice from one stage.',
  LEAVES_FINAL_STAGE: 'A transition leaves a final (decided) stage.',
  UNKNOWN_GUARD: 'A guard the catalogue does not have.',
  UNREACHABLE_STAGE: 'No path from the initial stage reaches the stage.',
  DEAD_END: 'A stage still in progress that no transition leaves.',
  INVALID_NAME: 'A stage key or an event name that is not A–Z, digits and underscores (at most 40, a letter first).',
  INVALID_GUARD_PARAMETERS: 'A guard given parameters it does not take, or not those it needs.',
  MISSING_LABEL: "The name, a stage's or a transition's label blank in Czech or in English.",
  DRAFT_STAGE: 'A stage other than the initial one in phase DRAFT, or the initial one in another phase.',
  NO_APPROVED_STAGE: 'No stage approves a proposal.',
  DUPLICATE_EFFECT: 'A transition records one effect twice.',
  RETURN_TO_FINAL_STAGE: 'A return for rework that goes to a final stage.',
  EFFECT_OUT_OF_PLACE: "An effect recorded where it cannot happen: submission after the draft, a body's decision at another body's stage.",
  RESOLUTION_NUMBER_NOT_REQUIRED: 'A resolution recorded without asking for its number.',
  RESOLUTION_NOT_RECORDED: 'A resolution number asked at the council or the assembly and not recorded as theirs.',
  RECOMMENDATION_NOT_RECORDED: 'The commission carries a proposal on without its recommendation recorded.',
  HEARING_RULE_MISMATCH: 'The hearingSettled guard not exactly on the transitions the hearing rule binds, or a rule that binds none.',
  NO_RESPONSIBLE_BODY: 'A stage in review without a kind of body, or (for an area) with a kind of body the area does not have.',
  INPUT_NOBODY_CAN_GIVE: 'A resolution number asked at a stage neither the council nor the assembly handles.',
  ACTOR_NOBODY_CAN_BE: 'A transition anybody could fire (no actorIs), or (for an area) only the chair of a body the area does not have.',
  PLAN_WITHOUT_ASSEMBLY: "A plan can be approved without passing the assembly's stage.",
};

/** One problem: its code, where it is relative to the definition (`stages[2].key`, `transitions[4].guards[1].params`), and what it is. */
export interface WorkflowProblem {
  code: WorkflowProblemCode;
  path: string;
  text: Text;
}

/** What the area a draft is for has: the kinds of body it has (undefined = a template, not checked against an area). */
export interface AreaShape {
  bodyKinds: readonly BodyKind[];
}

/** Stage keys and event names: they go into diagrams and history records. */
const VALID_NAME = /^[A-Z][A-Z0-9_]{0,39}$/;

/** Which body's decision each effect records. */
const RECORDED_BY: Record<Exclude<TransitionEffect, 'SUBMITTED'>, BodyKind> = {
  COMMISSION_RECOMMENDS: BodyKind.SOCIAL_COMMISSION,
  COMMISSION_DOES_NOT_RECOMMEND: BodyKind.SOCIAL_COMMISSION,
  COUNCIL_RESOLUTION: BodyKind.COUNCIL,
  ASSEMBLY_RESOLUTION: BodyKind.ASSEMBLY,
};

/** The resolution a body's stage records when it asks for a resolution number. */
const RESOLUTION_OF: Partial<Record<BodyKind, TransitionEffect>> = {
  [BodyKind.COUNCIL]: 'COUNCIL_RESOLUTION',
  [BodyKind.ASSEMBLY]: 'ASSEMBLY_RESOLUTION',
};

const BODY_KINDS: readonly string[] = Object.values(BodyKind);
const HEARING_RULES: ReadonlyArray<DraftDefinition['hearingRule']> = ['LEAVING_STEERING_GROUP', 'EVERY_PASS'];

function labelled(label: Text | undefined): boolean {
  if (!label) return false;
  return hasVisibleText(label.cs) && hasVisibleText(label.en);
}

/** What each check works with: the draft, the area, the stages by key (the first of a key), and where problems go. */
interface Check {
  def: DraftDefinition;
  area?: AreaShape;
  stage: (key: string) => StageDefinition | undefined;
  add: (code: WorkflowProblemCode, path: string, text: Text) => void;
}

/** A stage as people read it: its Czech label (its key when it has none), its key in English. */
function stageName(c: Check, key: string): Text {
  // Stryker disable next-line OptionalChaining: every stage named in a problem's words is one the definition has.
  const label = c.stage(key)?.label;
  const cs = label?.cs;
  return { cs: hasVisibleText(cs) ? `„${cs}“` : key, en: key };
}

/** A transition as people read it: its event, where from and where to. */
const transitionName = (t: DraftTransition): Text => ({
  cs: `Akce ${t.event} (${t.from.join(', ')} → ${t.to})`,
  en: `Event ${t.event} (${t.from.join(', ')} → ${t.to})`,
});

/** The structural checks, in the words of the product. */
function structural(c: Check): void {
  const stages = c.def.stages.map((s) => ({ key: s.key, final: isFinalStage(s) }));
  const found = definitionProblems({ initial: c.def.initial, stages, transitions: c.def.transitions }, GUARD_NAMES);
  for (const p of found) c.add(WorkflowProblemCode[p.code], p.path, { cs: structuralCs(c, p), en: p.message });
}

function structuralCs(c: Check, p: DefinitionProblem): string {
  // Stryker disable next-line StringLiteral: every structural problem worded with its stage carries it (only UNKNOWN_GUARD has none).
  const stage = p.stage ?? '';
  switch (p.code) {
    case 'DUPLICATE_STAGE':
      return `Klíč fáze ${stage} má i jiná fáze.`;
    case 'UNKNOWN_INITIAL_STAGE':
      return `Počáteční fáze ${stage} neexistuje.`;
    case 'UNKNOWN_STAGE':
      return `Akce ${p.event} uvádí fázi ${stage}, která neexistuje.`;
    case 'DUPLICATE_EVENT':
      return `Akce ${p.event} je z fáze ${stageName(c, stage).cs} uvedena dvakrát.`;
    case 'LEAVES_FINAL_STAGE':
      return `Akce ${p.event} vychází z konečné fáze ${stageName(c, stage).cs}; z rozhodnuté fáze už nic nevede.`;
    case 'UNKNOWN_GUARD':
      return `Akce ${p.event} používá neznámou podmínku „${p.guard}“.`;
    case 'UNREACHABLE_STAGE':
      return `Fáze ${stageName(c, stage).cs} je nedosažitelná.`;
    case 'DEAD_END':
      return `Z fáze ${stageName(c, stage).cs} nevede žádná akce, a přitom není konečná.`;
  }
}

/** Stage keys and event names valid; the name and every label given in both languages. */
function namesAndLabels({ def, add }: Check): void {
  const rule = { cs: 'velká písmena A–Z, číslice a podtržítka, nejvýše 40 znaků, na začátku písmeno', en: 'capital letters A–Z, digits and underscores, at most 40 characters, starting with a letter' };
  if (!labelled(def.name)) add(WorkflowProblemCode.MISSING_LABEL, 'name', { cs: 'Postup schvalování potřebuje název česky i anglicky.', en: 'The workflow needs a name in both Czech and English.' });
  def.stages.forEach((s, i) => {
    if (!VALID_NAME.test(s.key)) {
      add(WorkflowProblemCode.INVALID_NAME, `stages[${i}].key`, { cs: `Klíč fáze ${shown(s.key)} není platný (${rule.cs}).`, en: `Stage key ${shown(s.key)} is not valid (${rule.en}).` });
    }
    if (!labelled(s.label)) add(WorkflowProblemCode.MISSING_LABEL, `stages[${i}].label`, { cs: `Fáze ${s.key} potřebuje název česky i anglicky.`, en: `Stage ${s.key} needs a label in both Czech and English.` });
  });
  def.transitions.forEach((t, i) => {
    if (!VALID_NAME.test(t.event)) {
      add(WorkflowProblemCode.INVALID_NAME, `transitions[${i}].event`, { cs: `Název akce ${shown(t.event)} není platný (${rule.cs}).`, en: `Event name ${shown(t.event)} is not valid (${rule.en}).` });
    }
    if (!labelled(t.label)) {
      const name = transitionName(t);
      add(WorkflowProblemCode.MISSING_LABEL, `transitions[${i}].label`, { cs: `${name.cs} potřebuje popis tlačítka česky i anglicky.`, en: `${name.en} needs a button label in both Czech and English.` });
    }
  });
}

/** The initial stage alone is the draft; some stage approves; every stage in review has a body the area has. */
function phasesAndBodies(c: Check): void {
  const { def, area, add } = c;
  // Without a known initial stage, which stage is the draft cannot be judged: that is its own problem.
  const initialKnown = c.stage(def.initial) !== undefined;
  def.stages.forEach((s, i) => {
    if (c.stage(s.key) !== s) return; // a duplicate key is its own problem
    const name = stageName(c, s.key);
    if (s.key === def.initial && s.phase !== ProposalPhase.DRAFT) {
      add(WorkflowProblemCode.DRAFT_STAGE, `stages[${i}].phase`, { cs: `Počáteční fáze ${name.cs} musí mít stav DRAFT (rozpracovaný návrh).`, en: `The initial stage ${name.en} must be in phase DRAFT.` });
    }
    if (initialKnown && s.key !== def.initial && s.phase === ProposalPhase.DRAFT) {
      add(WorkflowProblemCode.DRAFT_STAGE, `stages[${i}].phase`, { cs: `Fáze ${name.cs} má stav DRAFT, který smí mít jen počáteční fáze.`, en: `Stage ${name.en} is in phase DRAFT, which only the initial stage may be.` });
    }
    const at = `stages[${i}].bodyKind`;
    if (s.bodyKind === undefined || s.bodyKind === null) {
      if (s.phase === ProposalPhase.IN_REVIEW) {
        add(WorkflowProblemCode.NO_RESPONSIBLE_BODY, at, { cs: `Fáze ${name.cs} je ve schvalování, ale neuvádí, jaký orgán ji projednává.`, en: `Stage ${name.en} is in review, yet names no kind of body that handles it.` });
      }
    } else if (!BODY_KINDS.includes(s.bodyKind)) {
      add(WorkflowProblemCode.NO_RESPONSIBLE_BODY, at, { cs: `Fáze ${name.cs} uvádí neznámý druh orgánu ${shown(s.bodyKind)}.`, en: `Stage ${name.en} names an unknown kind of body ${shown(s.bodyKind)}.` });
    } else if (area && !area.bodyKinds.includes(s.bodyKind)) {
      add(WorkflowProblemCode.NO_RESPONSIBLE_BODY, at, {
        cs: `Fázi ${name.cs} projednává orgán druhu ${s.bodyKind}, který oblast nemá.`,
        en: `Stage ${name.en} is handled by a body of kind ${s.bodyKind}, which the area does not have.`,
      });
    }
  });
  if (!def.stages.some((s) => s.phase === ProposalPhase.APPROVED)) {
    add(WorkflowProblemCode.NO_APPROVED_STAGE, 'stages', { cs: 'Žádná fáze nemá stav APPROVED (schváleno): návrh by nešlo schválit.', en: 'No stage is in phase APPROVED: no proposal could ever be approved.' });
  }
}

const indexed = <T>(items: readonly T[]) => items.map((item, index) => ({ item, index }));

type ChairRule = Extract<ActorRule, { kind: 'CHAIR_OF' }>;

/** The rules of an `actorIs` guard when its parameters are right (others are their own problem): never an empty list. */
function actorRules(g: DraftGuard): ActorRule[] | null {
  return guardParamsProblems(g).length === 0 ? (g.params as { anyOf: ActorRule[] }).anyOf : null;
}

/** Guard parameters right; someone the area can have may fire each event; a resolution number asked only where resolutions are passed. */
function guards(c: Check): void {
  const { def, area, add } = c;
  def.transitions.forEach((t, i) => {
    const at = `transitions[${i}]`;
    const name = transitionName(t);
    t.guards.forEach((g, k) => {
      for (const why of guardParamsProblems(g)) {
        add(WorkflowProblemCode.INVALID_GUARD_PARAMETERS, `${at}.guards[${k}].params`, { cs: `${name.cs}, podmínka ${g.name}: ${why.cs}`, en: `${name.en}, guard ${g.name}: ${why.en}` });
      }
    });
    const actors = indexed(t.guards).filter(({ item }) => item.name === 'actorIs');
    if (actors.length === 0) {
      add(WorkflowProblemCode.ACTOR_NOBODY_CAN_BE, `${at}.guards`, {
        cs: `${name.cs} neříká, kdo ji smí provést (chybí podmínka actorIs): mohl by ji provést kdokoli.`,
        en: `${name.en} does not say who may fire it (no actorIs guard): anybody could.`,
      });
    }
    if (area) {
      for (const { item, index } of actors) {
        const rules = actorRules(item);
        if (!rules) continue;
        const absent = rules.filter((r): r is ChairRule => r.kind === 'CHAIR_OF' && !area.bodyKinds.includes(r.bodyKind));
        if (absent.length === rules.length) {
          const who = absent.map(actorRuleLabel);
          add(WorkflowProblemCode.ACTOR_NOBODY_CAN_BE, `${at}.guards[${index}].params`, {
            cs: `${name.cs} smí provést jen: ${who.map((w) => w.cs).join(', ')}; takový orgán ale oblast nemá.`,
            en: `${name.en} may be fired only by ${who.map((w) => w.en).join(' or ')}, and the area has no such body.`,
          });
        }
      }
    }
    for (const { index } of indexed(t.guards).filter(({ item }) => item.name === 'resolutionNumberRequired')) {
      for (const from of t.from.map(c.stage)) {
        if (!from || (from.bodyKind && RESOLUTION_OF[from.bodyKind])) continue;
        const stage = stageName(c, from.key);
        add(WorkflowProblemCode.INPUT_NOBODY_CAN_GIVE, `${at}.guards[${index}]`, {
          cs: `${name.cs} žádá z fáze ${stage.cs} číslo usnesení, ale tu fázi neprojednává rada ani zastupitelstvo: nikdo tam usnesení nepřijímá.`,
          en: `${name.en} asks for a resolution number at stage ${stage.en}, which neither the council nor the assembly handles: nobody there passes resolutions.`,
        });
      }
    }
  });
}

/** What the transitions record: once each, in the right place, resolutions with their numbers, recommendations when carried on. */
function effects(c: Check): void {
  const { def, add } = c;
  def.transitions.forEach((t, i) => {
    const at = `transitions[${i}]`;
    const name = transitionName(t);
    const declared = t.effects ?? [];
    declared.forEach((e, k) => {
      if (declared.indexOf(e) < k) add(WorkflowProblemCode.DUPLICATE_EFFECT, `${at}.effects[${k}]`, { cs: `${name.cs} zaznamenává ${e} dvakrát.`, en: `${name.en} records ${e} twice.` });
    });
    const to = c.stage(t.to);
    if (t.returns && to && isFinalStage(to)) {
      add(WorkflowProblemCode.RETURN_TO_FINAL_STAGE, `${at}.returns`, {
        cs: `${name.cs} je vrácení k přepracování, ale vede do konečné fáze ${stageName(c, t.to).cs}.`,
        en: `${name.en} is a return for rework, yet goes to the final stage ${t.to}.`,
      });
    }
    const asksNumber = t.guards.some((g) => g.name === 'resolutionNumberRequired');
    if (!asksNumber && declared.some((e) => e === 'COUNCIL_RESOLUTION' || e === 'ASSEMBLY_RESOLUTION')) {
      add(WorkflowProblemCode.RESOLUTION_NUMBER_NOT_REQUIRED, `${at}.guards`, {
        cs: `${name.cs} zaznamenává usnesení, ale nežádá jeho číslo (chybí podmínka resolutionNumberRequired).`,
        en: `${name.en} records a resolution without requiring its number (no resolutionNumberRequired guard).`,
      });
    }
    for (const from of t.from.map(c.stage)) {
      if (!from) continue;
      const stage = stageName(c, from.key);
      declared.forEach((e, k) => {
        const misplaced = effectMisplaced(c, e, from);
        if (misplaced) add(WorkflowProblemCode.EFFECT_OUT_OF_PLACE, `${at}.effects[${k}]`, { cs: `${name.cs}: ${misplaced.cs}`, en: `${name.en}: ${misplaced.en}` });
      });
      const resolution = from.bodyKind ? RESOLUTION_OF[from.bodyKind] : undefined;
      if (asksNumber && resolution && !declared.includes(resolution)) {
        add(WorkflowProblemCode.RESOLUTION_NOT_RECORDED, `${at}.effects`, {
          cs: `${name.cs} žádá ve fázi ${stage.cs} číslo usnesení, ale nezaznamená ho jako usnesení orgánu (${resolution}).`,
          en: `${name.en} asks for a resolution number at stage ${stage.en} and does not record it as the ${from.bodyKind}'s resolution (${resolution}).`,
        });
      }
      if (from.bodyKind === BodyKind.SOCIAL_COMMISSION && passes(def, t) && !declared.some((e) => e === 'COMMISSION_RECOMMENDS' || e === 'COMMISSION_DOES_NOT_RECOMMEND')) {
        add(WorkflowProblemCode.RECOMMENDATION_NOT_RECORDED, `${at}.effects`, {
          cs: `${name.cs} posouvá návrh dál z fáze komise ${stage.cs}, ale nezaznamená její doporučení.`,
          en: `${name.en} carries the proposal on from the commission's stage ${stage.en} without recording its recommendation.`,
        });
      }
    }
  });
}

/** Why an effect may not be recorded from a stage, or null when it may. */
function effectMisplaced(c: Check, effect: string, from: StageDefinition): Text | null {
  const stage = stageName(c, from.key);
  if (effect === 'SUBMITTED') {
    return from.key === c.def.initial || !c.stage(c.def.initial) ? null : { cs: `SUBMITTED (předloženo) lze zaznamenat jen z počáteční fáze, ne z fáze ${stage.cs}.`, en: `SUBMITTED is recorded only from the draft, not from stage ${stage.en}.` };
  }
  if (!Object.hasOwn(RECORDED_BY, effect)) return { cs: `neznámý záznam ${shown(effect)}.`, en: `unknown effect ${shown(effect)}.` };
  const body = RECORDED_BY[effect as keyof typeof RECORDED_BY];
  return from.bodyKind === body
    ? null
    : { cs: `${effect} zaznamenává rozhodnutí orgánu druhu ${body}, který fázi ${stage.cs} neprojednává.`, en: `${effect} records a decision of the ${body}, which does not handle stage ${stage.en}.` };
}

/** The hearing rule binds exactly the transitions that name the `hearingSettled` guard. */
function hearing(c: Check): void {
  const { def, add } = c;
  const rule = def.hearingRule ?? undefined; // a draft may say null for none
  if (rule !== undefined && !HEARING_RULES.includes(rule)) {
    add(WorkflowProblemCode.HEARING_RULE_MISMATCH, 'hearingRule', {
      cs: `Neznámé pravidlo veřejného projednání ${shown(rule)} (možné: ${HEARING_RULES.join(', ')}).`,
      en: `Unknown hearing rule ${shown(rule)} (allowed: ${HEARING_RULES.join(', ')}).`,
    });
    return;
  }
  if (rule && !def.transitions.some((t) => boundByHearing(def, t, rule))) {
    add(WorkflowProblemCode.HEARING_RULE_MISMATCH, 'hearingRule', { cs: `Pravidlo veřejného projednání ${rule} se nevztahuje na žádnou akci.`, en: `The hearing rule ${rule} binds no event.` });
  }
  def.transitions.forEach((t, i) => {
    const name = transitionName(t);
    const named = t.guards.findIndex((g) => g.name === 'hearingSettled');
    const bound = boundByHearing(def, t, rule);
    if (named >= 0 && !bound) {
      add(WorkflowProblemCode.HEARING_RULE_MISMATCH, `transitions[${i}].guards[${named}]`, {
        cs: `${name.cs} má podmínku hearingSettled, ale pravidlo veřejného projednání (${rule ?? 'žádné'}) se na ni nevztahuje.`,
        en: `${name.en} names the hearingSettled guard, which the hearing rule (${rule ?? 'none'}) does not bind.`,
      });
    }
    if (named < 0 && bound) {
      add(WorkflowProblemCode.HEARING_RULE_MISMATCH, `transitions[${i}].guards`, {
        cs: `Pravidlo veřejného projednání (${rule}) se vztahuje na akci ${t.event} (${t.from.join(', ')} → ${t.to}), ale ta nemá podmínku hearingSettled.`,
        en: `${name.en} lacks the hearingSettled guard, against the hearing rule (${rule}).`,
      });
    }
  });
}

/**
 * Whether a plan may take a transition: every `kindIs` names PLAN and no `kindIsNot` does. A kind
 * guard without a list of kinds is its own problem; until it is mended, the transition is not
 * followed, so that one fault does not read as another.
 */
function admitsPlan(t: DraftTransition): boolean {
  return t.guards.every((g) => {
    if (g.name !== 'kindIs' && g.name !== 'kindIsNot') return true;
    const kinds: unknown = typeof g.params === 'object' && g.params !== null ? (g.params as { kinds?: unknown }).kinds : undefined;
    if (!Array.isArray(kinds)) return false;
    return kinds.includes(ProposalKind.PLAN) === (g.name === 'kindIs');
  });
}

/** A plan is adopted by the assembly: no path a plan may take reaches approval without passing the assembly's stage. */
function plans(c: Check): void {
  const { def, add } = c;
  const initial = c.stage(def.initial);
  if (!initial) return;
  const planPaths = indexed(def.transitions).filter(({ item }) => admitsPlan(item));
  const offending = new Set<number>();
  const seen = new Set<string>();
  const queue = [{ key: initial.key, viaAssembly: initial.bodyKind === BodyKind.ASSEMBLY }];
  for (let next = queue.pop(); next; next = queue.pop()) {
    const { key, viaAssembly } = next;
    if (seen.has(`${key}|${viaAssembly}`)) continue;
    seen.add(`${key}|${viaAssembly}`);
    for (const { item: t, index } of planPaths.filter(({ item }) => item.from.includes(key))) {
      const to = c.stage(t.to);
      if (!to) continue;
      const via = viaAssembly || to.bodyKind === BodyKind.ASSEMBLY;
      if (to.phase === ProposalPhase.APPROVED && !via) offending.add(index);
      queue.push({ key: to.key, viaAssembly: via });
    }
  }
  for (const index of [...offending].sort((a, b) => a - b)) {
    const name = transitionName(def.transitions[index]);
    add(WorkflowProblemCode.PLAN_WITHOUT_ASSEMBLY, `transitions[${index}]`, {
      cs: `${name.cs}: plán (druh návrhu PLAN) by byl schválen, aniž by prošel zastupitelstvem; plán schvaluje zastupitelstvo (omezte akci podmínkou kindIsNot nebo kindIs).`,
      en: `${name.en}: a plan (proposal kind PLAN) would be approved without passing the assembly, which alone adopts plans (restrict the event with kindIsNot or kindIs).`,
    });
  }
}

/**
 * Lists every problem of a definition, drafted or shipped, each with its path: what every
 * definition must hold, names and labels, the guards' parameters, the phases and what the
 * transitions record, the hearing rule, who can act and decide; and, when the area it is for is
 * given, whether the area has the bodies the definition counts on. Nothing is thrown.
 */
export function workflowProblems(def: DraftDefinition, area?: AreaShape): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const byKey = new Map<string, StageDefinition>();
  for (const s of def.stages) if (!byKey.has(s.key)) byKey.set(s.key, s);
  const check: Check = {
    def,
    area,
    stage: (key) => byKey.get(key),
    add: (code, path, text) => problems.push({ code, path, text }),
  };
  for (const run of [structural, namesAndLabels, phasesAndBodies, guards, effects, hearing, plans]) run(check);
  return problems;
}
