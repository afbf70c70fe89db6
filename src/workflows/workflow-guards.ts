import { BodyKind, TriadSide } from '../entities/enums';
import type { Text } from '../i18n/locale';
import type { ActorRule, GuardRef } from './workflow-definition';

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
    /** Kinds of body (on the proposal's reporting chain) the actor chairs today. */
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

/** Each guard returns the reasons it refuses, empty when it passes. */
export const GUARDS: { [N in GuardName]: (facts: TransitionFacts, params: ParamsOf<N>) => Text[] } = {
  actorIs: (facts, params) => {
    if (params.anyOf.some((rule) => satisfies(facts, rule))) return [];
    const who = params.anyOf.map(ruleLabel);
    return [{ cs: `Toto smí jen: ${who.map((w) => w.cs).join(', ')}.`, en: `Only ${who.map((w) => w.en).join(' or ')} may do this.` }];
  },
  hasTitleAndSummary: (facts) => {
    const reasons: Text[] = [];
    if (!facts.hasTitle) reasons.push({ cs: 'Chybí název návrhu.', en: 'The proposal needs a title.' });
    if (!facts.hasSummary) reasons.push({ cs: 'Chybí shrnutí návrhu.', en: 'The proposal needs a summary.' });
    return reasons;
  },
  reasonRequired: (facts) => (facts.reason ? [] : [{ cs: 'Je třeba uvést důvod.', en: 'A reason is required.' }]),
  reasonRequiredUnlessAuthor: (facts) =>
    facts.reason || facts.actor.isAuthor
      ? []
      : [{ cs: 'Kdo není autorem, musí uvést důvod.', en: 'A reason is required when you are not the author.' }],
  resolutionNumberRequired: (facts) =>
    facts.resolutionNumber ? [] : [{ cs: 'Je třeba uvést číslo usnesení.', en: 'A resolution number is required.' }],
  triadRepresented: (facts) =>
    TRIAD_SIDES_REQUIRED.filter((side) => !facts.triadSidesPresent.includes(side)).map((side) => ({
      cs: `Chybí člen za stranu ${SIDE[side].cs} s hlasem.`,
      en: `No voting member for the ${SIDE[side].en} side.`,
    })),
  noConflictOfInterest: (facts) =>
    facts.actorHasConflictOfInterest
      ? [
          {
            cs: 'Zastupujete poskytovatele, jehož se návrh týká (střet zájmů); doporučení musí zaznamenat někdo jiný.',
            en: 'You represent the provider this proposal concerns (conflict of interest); someone else must record the recommendation.',
          },
        ]
      : [],
  hearingSettled: (facts) =>
    facts.unansweredHearingComments > 0
      ? [
          {
            cs: `Veřejné projednání má ${facts.unansweredHearingComments} nevypořádaných připomínek.`,
            en: `The public hearing has ${facts.unansweredHearingComments} comment(s) without an answer.`,
          },
        ]
      : [],
  kindIsNot: (facts, params) =>
    params.kinds.includes(facts.proposalKind)
      ? [{ cs: 'Plán schvaluje zastupitelstvo, nikoli rada.', en: 'A plan is approved by the assembly, never by the council.' }]
      : [],
};

export const GUARD_NAMES = Object.keys(GUARDS) as GuardName[];

/** Reasons a guard refuses, or none. */
export function checkGuard(ref: GuardRef, facts: TransitionFacts): Text[] {
  const fn = GUARDS[ref.name] as (facts: TransitionFacts, params: unknown) => Text[];
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
};
