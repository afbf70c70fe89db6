import { AreaRoleKind, BodyKind, MembershipRole, ProposalKind, TriadSide } from '../domain/enums';
import type { Text } from '../domain/text';
import { RefusalCode, refusal, type Refusal } from '../domain/refusal';
import type { ActingAs, GuardCatalogue, GuardVerdict } from './engine';
import type { ActorRule, DraftGuard, GuardRef } from './workflow-definition';

/**
 * Everything a guard may look at, loaded before the transition: guards are synchronous and pure,
 * so the same facts give the same answer in `availableTransitions` and in the transition itself.
 */
export interface TransitionFacts {
  proposalKind: string;
  hasTitle: boolean;
  hasSummary: boolean;
  actor: {
    isAuthor: boolean;
    /** The actor's triad side in the proposal's working group, if they hold a seat there. */
    authorSide?: string | null;
    /**
     * Bodies on the proposal's reporting chain whose chair's power the actor holds today (as chair
     * or by delegation): the kind, the actor's side in that body, and on whose behalf when delegated.
     */
    chairOf: ChairPower[];
    /** Area roles the actor holds today. */
    areaRoles: string[];
  };
  /** Sides represented by voting members of the deciding meeting, or of the working group today. */
  triadSidesPresent: TriadSide[];
  /** Whether the actor represents the provider organisation the proposal concerns. */
  actorHasConflictOfInterest: boolean;
  reason: string | null;
  resolutionNumber: string | null;
  /** Comments of the plan's public hearing still without an answer (0 for other proposals). */
  unansweredHearingComments: number;
  /** Hearings of the plan opened and not yet closed (0 for other proposals). */
  openHearings: number;
}

/** A chair's power the actor holds over one body of the chain. */
export interface ChairPower {
  bodyKind: BodyKind;
  side: string | null;
  onBehalfOf: string | null;
}

type GuardName = GuardRef['name'];
type ParamsOf<N extends GuardName> = Extract<GuardRef, { name: N }> extends { params: infer P } ? P : undefined;

const BODY_CHAIR: Record<BodyKind, Text> = {
  [BodyKind.WORKING_GROUP]: { cs: 'předseda (manažer) pracovní skupiny', en: 'the chair of the working group' },
  [BodyKind.STEERING_GROUP]: { cs: 'předseda řídící skupiny', en: 'the chair of the steering group' },
  [BodyKind.SOCIAL_COMMISSION]: { cs: 'předseda sociální komise', en: 'the commission chair' },
  [BodyKind.COUNCIL]: { cs: 'předseda rady', en: 'the chair of the council' },
  [BodyKind.ASSEMBLY]: { cs: 'předseda zastupitelstva', en: 'the chair of the assembly' },
};

const AREA_ROLE: Record<string, Text> = {
  ADMIN: { cs: 'správce oblasti', en: 'the area admin' },
  COORDINATOR: { cs: 'koordinátor', en: 'the coordinator' },
  SUPPORT: { cs: 'podpůrná organizace', en: 'the support organisation' },
  CLERK: { cs: 'pracovník úřadu (zapisovatel rady)', en: 'the council clerk' },
};

/** Who an actor rule names, as a refusal says it. */
export function actorRuleLabel(rule: ActorRule): Text {
  switch (rule.kind) {
    case 'AUTHOR':
      return { cs: 'autor návrhu', en: 'the author' };
    case 'CHAIR_OF':
      return BODY_CHAIR[rule.bodyKind];
    case 'AREA_ROLE':
      return AREA_ROLE[rule.role] ?? { cs: rule.role, en: rule.role };
  }
}

/** In which capacity the actor meets the rule, or null when they do not. */
function capacity(facts: TransitionFacts, rule: ActorRule): ActingAs | null {
  switch (rule.kind) {
    case 'AUTHOR':
      return facts.actor.isAuthor ? { role: 'AUTHOR', side: facts.actor.authorSide ?? null, onBehalfOf: null } : null;
    case 'CHAIR_OF': {
      const power = facts.actor.chairOf.find((c) => c.bodyKind === rule.bodyKind);
      return power ? { role: MembershipRole.CHAIR, side: power.side, onBehalfOf: power.onBehalfOf } : null;
    }
    case 'AREA_ROLE':
      return facts.actor.areaRoles.includes(rule.role) ? { role: rule.role, side: null, onBehalfOf: null } : null;
  }
}

const SIDE: Record<TriadSide, Text> = {
  [TriadSide.COMMISSIONER]: { cs: 'zadavatelů', en: 'commissioner' },
  [TriadSide.PROVIDER]: { cs: 'poskytovatelů', en: 'provider' },
  [TriadSide.SERVICE_USER]: { cs: 'uživatelů', en: 'service-user' },
  [TriadSide.PUBLIC]: { cs: 'veřejnosti', en: 'public' },
};

export const TRIAD_SIDES_REQUIRED = [TriadSide.COMMISSIONER, TriadSide.PROVIDER, TriadSide.SERVICE_USER] as const;

const PASS: GuardVerdict = { refusals: [] };
const refuse = (code: RefusalCode, text: Text): GuardVerdict => ({ refusals: [refusal(code, text)] });
const verdict = (refusals: Refusal[]): GuardVerdict => ({ refusals });

/** What is wrong with the parameters a draft gives a guard, said to whoever drafts it; nothing when they are right. */
type ParamsCheck = (params: unknown) => Text[];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A value of a draft as a message quotes it. */
export const shown = (v: unknown): string => JSON.stringify(v) ?? String(v);
const oneOf = (v: unknown, values: readonly string[]): boolean => (values as readonly unknown[]).includes(v);

/** A guard that takes no parameters: none, null or an empty object. */
const noParams: ParamsCheck = (params) =>
  params === undefined || params === null || (isRecord(params) && Object.keys(params).length === 0)
    ? []
    : [{ cs: 'Tato podmínka nemá žádné parametry.', en: 'This guard takes no parameters.' }];

/**
 * The parameters as an object with one key holding a non-empty list, each item checked: what is
 * wrong with the shape, with unknown keys, and with each item.
 */
function listParam(key: string, what: Text, itemProblems: (item: unknown, n: number) => Text[]): ParamsCheck {
  return (params) => {
    if (!isRecord(params)) return [{ cs: `Parametry musí mít tvar { ${key}: […] }.`, en: `The parameters must have the shape { ${key}: […] }.` }];
    const extra = Object.keys(params).filter((k) => k !== key);
    const problems: Text[] = extra.length > 0 ? [{ cs: `Neznámé parametry: ${extra.join(', ')}.`, en: `Unknown parameters: ${extra.join(', ')}.` }] : [];
    const list = params[key];
    if (!Array.isArray(list) || list.length === 0) return [...problems, { cs: `${key} musí být neprázdný seznam ${what.cs}.`, en: `${key} must be a non-empty list of ${what.en}.` }];
    return [...problems, ...list.flatMap((item, i) => itemProblems(item, i + 1))];
  };
}

const RULE_FIELDS: Record<ActorRule['kind'], string[]> = { AUTHOR: [], CHAIR_OF: ['bodyKind'], AREA_ROLE: ['role'] };
const BODY_KINDS: readonly string[] = Object.values(BodyKind);
const AREA_ROLES: readonly string[] = Object.values(AreaRoleKind);
const PROPOSAL_KINDS: readonly string[] = Object.values(ProposalKind);

/** What is wrong with one rule of `actorIs` (the n-th). */
function actorRuleProblems(rule: unknown, n: number): Text[] {
  const kind = isRecord(rule) ? rule.kind : undefined;
  const kinds = Object.keys(RULE_FIELDS);
  if (!isRecord(rule) || !oneOf(kind, kinds)) {
    return [{ cs: `Pravidlo č. ${n} má neznámý druh ${shown(kind)} (možné: ${kinds.join(', ')}).`, en: `Rule ${n} has an unknown kind ${shown(kind)} (allowed: ${kinds.join(', ')}).` }];
  }
  const fields = RULE_FIELDS[kind as ActorRule['kind']];
  const extra = Object.keys(rule).filter((k) => k !== 'kind' && !fields.includes(k));
  const problems: Text[] = extra.length > 0 ? [{ cs: `Pravidlo č. ${n}: neznámé klíče ${extra.join(', ')}.`, en: `Rule ${n}: unknown keys ${extra.join(', ')}.` }] : [];
  if (kind === 'CHAIR_OF' && !oneOf(rule.bodyKind, BODY_KINDS)) {
    problems.push({ cs: `Pravidlo č. ${n}: neznámý druh orgánu ${shown(rule.bodyKind)} (možné: ${BODY_KINDS.join(', ')}).`, en: `Rule ${n}: unknown body kind ${shown(rule.bodyKind)} (allowed: ${BODY_KINDS.join(', ')}).` });
  }
  if (kind === 'AREA_ROLE' && !oneOf(rule.role, AREA_ROLES)) {
    problems.push({ cs: `Pravidlo č. ${n}: neznámá role v oblasti ${shown(rule.role)} (možné: ${AREA_ROLES.join(', ')}).`, en: `Rule ${n}: unknown area role ${shown(rule.role)} (allowed: ${AREA_ROLES.join(', ')}).` });
  }
  return problems;
}

const actorRulesParams = listParam('anyOf', { cs: 'pravidel, kdo smí akci provést', en: 'rules of who may act' }, actorRuleProblems);

const proposalKindsParams = listParam('kinds', { cs: 'druhů návrhu', en: 'proposal kinds' }, (kind) =>
  oneOf(kind, PROPOSAL_KINDS) ? [] : [{ cs: `Neznámý druh návrhu ${shown(kind)} (možné: ${PROPOSAL_KINDS.join(', ')}).`, en: `Unknown proposal kind ${shown(kind)} (allowed: ${PROPOSAL_KINDS.join(', ')}).` }],
);

/** A guard of the catalogue: how it judges the facts, and what is wrong with the parameters a draft gives it. */
interface Guard<P> {
  judge: (facts: TransitionFacts, params: P) => GuardVerdict;
  checkParams: ParamsCheck;
}

/**
 * The guard catalogue. Each guard says why it refuses (nothing when it passes). `actorIs` also says
 * in which capacity the actor acts — the first of its rules they meet — and the guards that read a
 * typed value say so, so that a button can ask for it. Beside each judge, the check of the
 * parameters it takes, for definitions drafted through the API.
 */
export const GUARDS: { [N in GuardName]: Guard<ParamsOf<N>> } = {
  actorIs: {
    judge: (facts, params) => {
      for (const rule of params.anyOf) {
        const actingAs = capacity(facts, rule);
        if (actingAs) return { refusals: [], actingAs };
      }
      const who = params.anyOf.map(actorRuleLabel);
      return refuse(RefusalCode.NOT_YOUR_ROLE, { cs: `Toto smí jen: ${who.map((w) => w.cs).join(', ')}.`, en: `Only ${who.map((w) => w.en).join(' or ')} may do this.` });
    },
    checkParams: actorRulesParams,
  },
  hasTitleAndSummary: {
    judge: (facts) =>
      verdict([
        ...(facts.hasTitle ? [] : [refusal(RefusalCode.TITLE_REQUIRED, { cs: 'Chybí název návrhu.', en: 'The proposal needs a title.' })]),
        ...(facts.hasSummary ? [] : [refusal(RefusalCode.SUMMARY_REQUIRED, { cs: 'Chybí shrnutí návrhu.', en: 'The proposal needs a summary.' })]),
      ]),
    checkParams: noParams,
  },
  reasonRequired: {
    judge: (facts) => ({
      refusals: facts.reason ? [] : [refusal(RefusalCode.REASON_REQUIRED, { cs: 'Je třeba uvést důvod.', en: 'A reason is required.' })],
      inputs: ['REASON'],
    }),
    checkParams: noParams,
  },
  reasonRequiredUnlessAuthor: {
    judge: (facts) =>
      facts.actor.isAuthor
        ? PASS
        : {
            refusals: facts.reason ? [] : [refusal(RefusalCode.REASON_REQUIRED, { cs: 'Kdo není autorem, musí uvést důvod.', en: 'A reason is required when you are not the author.' })],
            inputs: ['REASON'],
          },
    checkParams: noParams,
  },
  resolutionNumberRequired: {
    judge: (facts) => ({
      refusals: facts.resolutionNumber
        ? []
        : [refusal(RefusalCode.RESOLUTION_NUMBER_REQUIRED, { cs: 'Je třeba uvést číslo usnesení.', en: 'A resolution number is required.' })],
      inputs: ['RESOLUTION_NUMBER'],
    }),
    checkParams: noParams,
  },
  triadRepresented: {
    judge: (facts) =>
      verdict(
        TRIAD_SIDES_REQUIRED.filter((side) => !facts.triadSidesPresent.includes(side)).map((side) =>
          refusal(RefusalCode.TRIAD_INCOMPLETE, { cs: `Chybí člen za stranu ${SIDE[side].cs} s hlasem.`, en: `No voting member for the ${SIDE[side].en} side.` }),
        ),
      ),
    checkParams: noParams,
  },
  noConflictOfInterest: {
    judge: (facts) =>
      facts.actorHasConflictOfInterest
        ? refuse(RefusalCode.CONFLICT_OF_INTEREST, {
            cs: 'Zastupujete poskytovatele, jehož se návrh týká (střet zájmů); doporučení musí zaznamenat někdo jiný.',
            en: 'You represent the provider this proposal concerns (conflict of interest); someone else must record the recommendation.',
          })
        : PASS,
    checkParams: noParams,
  },
  hearingSettled: {
    judge: (facts) =>
      verdict([
        ...(facts.openHearings > 0 ? [refusal(RefusalCode.HEARING_OPEN, { cs: 'Veřejné projednání plánu ještě probíhá.', en: "The plan's public hearing is still open." })] : []),
        ...(facts.unansweredHearingComments > 0
          ? [
              refusal(RefusalCode.HEARING_UNANSWERED, {
                cs: `Veřejné projednání má ${facts.unansweredHearingComments} nevypořádaných připomínek.`,
                en: `The public hearing has ${facts.unansweredHearingComments} comment(s) without an answer.`,
              }),
            ]
          : []),
      ]),
    checkParams: noParams,
  },
  kindIsNot: {
    judge: (facts, params) =>
      params.kinds.includes(facts.proposalKind)
        ? refuse(RefusalCode.DECIDED_ELSEWHERE, { cs: 'Plán schvaluje zastupitelstvo, nikoli rada.', en: 'A plan is approved by the assembly, never by the council.' })
        : PASS,
    checkParams: proposalKindsParams,
  },
  kindIs: {
    judge: (facts, params) =>
      params.kinds.includes(facts.proposalKind)
        ? PASS
        : refuse(RefusalCode.NOT_FOR_THIS_KIND, {
            cs: `Tato cesta je jen pro návrhy druhu: ${params.kinds.join(', ')}.`,
            en: `This path is only for proposals of kind: ${params.kinds.join(', ')}.`,
          }),
    checkParams: proposalKindsParams,
  },
};

export const GUARD_NAMES = Object.keys(GUARDS) as GuardName[];

/** Whether a name is a guard of the catalogue. */
export const isGuardName = (name: string): name is GuardName => (GUARD_NAMES as string[]).includes(name);

/** What is wrong with the parameters a drafted guard is given (nothing for a guard the catalogue does not have: that is another fault). */
export function guardParamsProblems(guard: DraftGuard): Text[] {
  return isGuardName(guard.name) ? GUARDS[guard.name].checkParams(guard.params) : [];
}

/** Judges one named guard: why it refuses, or nothing. */
export function judgeGuard(ref: GuardRef, facts: TransitionFacts): GuardVerdict {
  const { judge } = GUARDS[ref.name] as Guard<unknown>;
  return judge(facts, 'params' in ref ? ref.params : undefined);
}

/** Why a guard refuses, or nothing. */
export function checkGuard(ref: GuardRef, facts: TransitionFacts): Refusal[] {
  return judgeGuard(ref, facts).refusals;
}

/** The catalogue the engine runs proposal workflows with. */
export const PROPOSAL_GUARDS: GuardCatalogue<GuardRef, TransitionFacts> = { names: GUARD_NAMES, judge: judgeGuard };

/** Facts under which every guard passes: for replaying histories already known to be valid (demo data, tests). */
export const FACTS_PASSING_EVERY_GUARD: TransitionFacts = {
  proposalKind: 'MEASURE',
  hasTitle: true,
  hasSummary: true,
  actor: { isAuthor: true, chairOf: Object.values(BodyKind).map((bodyKind) => ({ bodyKind, side: null, onBehalfOf: null })), areaRoles: ['COORDINATOR', 'CLERK'] },
  triadSidesPresent: [...TRIAD_SIDES_REQUIRED],
  actorHasConflictOfInterest: false,
  reason: 'replay',
  resolutionNumber: 'replay',
  unansweredHearingComments: 0,
  openHearings: 0,
};
