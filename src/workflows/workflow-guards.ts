import { BodyKind, TriadSide } from '../entities/enums';
import type { Text } from '../i18n/locale';
import { RefusalCode, refusal, type Refusal } from '../common/refusal';
import type { ActorRule, GuardRef, TransitionInput } from './workflow-definition';

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
    /** Kinds of body (on the proposal's reporting chain) whose chair's power the actor holds today (as chair or by delegation). */
    chairOf: BodyKind[];
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

function ruleLabel(rule: ActorRule): Text {
  switch (rule.kind) {
    case 'AUTHOR':
      return { cs: 'autor návrhu', en: 'the author' };
    case 'CHAIR_OF':
      return BODY_CHAIR[rule.bodyKind];
    case 'AREA_ROLE':
      return AREA_ROLE[rule.role] ?? { cs: rule.role, en: rule.role };
  }
}

function satisfies(facts: TransitionFacts, rule: ActorRule): boolean {
  switch (rule.kind) {
    case 'AUTHOR':
      return facts.actor.isAuthor;
    case 'CHAIR_OF':
      return facts.actor.chairOf.includes(rule.bodyKind);
    case 'AREA_ROLE':
      return facts.actor.areaRoles.includes(rule.role);
  }
}

const SIDE: Record<TriadSide, Text> = {
  [TriadSide.COMMISSIONER]: { cs: 'zadavatelů', en: 'commissioner' },
  [TriadSide.PROVIDER]: { cs: 'poskytovatelů', en: 'provider' },
  [TriadSide.SERVICE_USER]: { cs: 'uživatelů', en: 'service-user' },
  [TriadSide.PUBLIC]: { cs: 'veřejnosti', en: 'public' },
};

export const TRIAD_SIDES_REQUIRED = [TriadSide.COMMISSIONER, TriadSide.PROVIDER, TriadSide.SERVICE_USER] as const;

const refuse = (code: RefusalCode, text: Text): Refusal[] => [refusal(code, text)];

/** Each guard returns why it refuses, empty when it passes. */
export const GUARDS: { [N in GuardName]: (facts: TransitionFacts, params: ParamsOf<N>) => Refusal[] } = {
  actorIs: (facts, params) => {
    if (params.anyOf.some((rule) => satisfies(facts, rule))) return [];
    const who = params.anyOf.map(ruleLabel);
    return refuse(RefusalCode.NOT_YOUR_ROLE, { cs: `Toto smí jen: ${who.map((w) => w.cs).join(', ')}.`, en: `Only ${who.map((w) => w.en).join(' or ')} may do this.` });
  },
  hasTitleAndSummary: (facts) => [
    ...(facts.hasTitle ? [] : refuse(RefusalCode.TITLE_REQUIRED, { cs: 'Chybí název návrhu.', en: 'The proposal needs a title.' })),
    ...(facts.hasSummary ? [] : refuse(RefusalCode.SUMMARY_REQUIRED, { cs: 'Chybí shrnutí návrhu.', en: 'The proposal needs a summary.' })),
  ],
  reasonRequired: (facts) => (facts.reason ? [] : refuse(RefusalCode.REASON_REQUIRED, { cs: 'Je třeba uvést důvod.', en: 'A reason is required.' })),
  reasonRequiredUnlessAuthor: (facts) =>
    facts.reason || facts.actor.isAuthor
      ? []
      : refuse(RefusalCode.REASON_REQUIRED, { cs: 'Kdo není autorem, musí uvést důvod.', en: 'A reason is required when you are not the author.' }),
  resolutionNumberRequired: (facts) =>
    facts.resolutionNumber ? [] : refuse(RefusalCode.RESOLUTION_NUMBER_REQUIRED, { cs: 'Je třeba uvést číslo usnesení.', en: 'A resolution number is required.' }),
  triadRepresented: (facts) =>
    TRIAD_SIDES_REQUIRED.filter((side) => !facts.triadSidesPresent.includes(side)).map((side) => ({
      code: RefusalCode.TRIAD_INCOMPLETE,
      text: { cs: `Chybí člen za stranu ${SIDE[side].cs} s hlasem.`, en: `No voting member for the ${SIDE[side].en} side.` },
    })),
  noConflictOfInterest: (facts) =>
    facts.actorHasConflictOfInterest
      ? refuse(RefusalCode.CONFLICT_OF_INTEREST, {
          cs: 'Zastupujete poskytovatele, jehož se návrh týká (střet zájmů); doporučení musí zaznamenat někdo jiný.',
          en: 'You represent the provider this proposal concerns (conflict of interest); someone else must record the recommendation.',
        })
      : [],
  hearingSettled: (facts) => [
    ...(facts.openHearings > 0
      ? refuse(RefusalCode.HEARING_OPEN, { cs: 'Veřejné projednání plánu ještě probíhá.', en: "The plan's public hearing is still open." })
      : []),
    ...(facts.unansweredHearingComments > 0
      ? refuse(RefusalCode.HEARING_UNANSWERED, {
          cs: `Veřejné projednání má ${facts.unansweredHearingComments} nevypořádaných připomínek.`,
          en: `The public hearing has ${facts.unansweredHearingComments} comment(s) without an answer.`,
        })
      : []),
  ],
  kindIsNot: (facts, params) =>
    params.kinds.includes(facts.proposalKind)
      ? refuse(RefusalCode.DECIDED_ELSEWHERE, { cs: 'Plán schvaluje zastupitelstvo, nikoli rada.', en: 'A plan is approved by the assembly, never by the council.' })
      : [],
};

/** Inputs the actor must type to fire a transition with these guards (the button asks for them). */
export function requiredInputs(guards: readonly GuardRef[], facts: TransitionFacts): TransitionInput[] {
  const inputs = new Set<TransitionInput>();
  for (const g of guards) {
    if (g.name === 'reasonRequired' || (g.name === 'reasonRequiredUnlessAuthor' && !facts.actor.isAuthor)) inputs.add('REASON');
    if (g.name === 'resolutionNumberRequired') inputs.add('RESOLUTION_NUMBER');
  }
  return [...inputs];
}

export const GUARD_NAMES = Object.keys(GUARDS) as GuardName[];

/** Why a guard refuses, or nothing. */
export function checkGuard(ref: GuardRef, facts: TransitionFacts): Refusal[] {
  const fn = GUARDS[ref.name] as (facts: TransitionFacts, params: unknown) => Refusal[];
  return fn(facts, 'params' in ref ? ref.params : undefined);
}

/** Facts under which every guard passes: for replaying histories already known to be valid (demo data, tests). */
export const FACTS_PASSING_EVERY_GUARD: TransitionFacts = {
  proposalKind: 'MEASURE',
  hasTitle: true,
  hasSummary: true,
  actor: { isAuthor: true, chairOf: Object.values(BodyKind), areaRoles: ['COORDINATOR', 'CLERK'] },
  triadSidesPresent: [...TRIAD_SIDES_REQUIRED],
  actorHasConflictOfInterest: false,
  reason: 'replay',
  resolutionNumber: 'replay',
  unansweredHearingComments: 0,
  openHearings: 0,
};
