import { BodyKind, MembershipRole, TriadSide } from '../domain/enums';
import type { Text } from '../domain/text';
import { RefusalCode, refusal, type Refusal } from '../domain/refusal';
import type { ActingAs, GuardCatalogue, GuardVerdict } from './engine';
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

/**
 * Each guard says why it refuses (nothing when it passes). `actorIs` also says in which capacity the
 * actor acts — the first of its rules they meet — and the guards that read a typed value say so,
 * so that a button can ask for it.
 */
export const GUARDS: { [N in GuardName]: (facts: TransitionFacts, params: ParamsOf<N>) => GuardVerdict } = {
  actorIs: (facts, params) => {
    for (const rule of params.anyOf) {
      const actingAs = capacity(facts, rule);
      if (actingAs) return { refusals: [], actingAs };
    }
    const who = params.anyOf.map(ruleLabel);
    return refuse(RefusalCode.NOT_YOUR_ROLE, { cs: `Toto smí jen: ${who.map((w) => w.cs).join(', ')}.`, en: `Only ${who.map((w) => w.en).join(' or ')} may do this.` });
  },
  hasTitleAndSummary: (facts) =>
    verdict([
      ...(facts.hasTitle ? [] : [refusal(RefusalCode.TITLE_REQUIRED, { cs: 'Chybí název návrhu.', en: 'The proposal needs a title.' })]),
      ...(facts.hasSummary ? [] : [refusal(RefusalCode.SUMMARY_REQUIRED, { cs: 'Chybí shrnutí návrhu.', en: 'The proposal needs a summary.' })]),
    ]),
  reasonRequired: (facts) => ({
    refusals: facts.reason ? [] : [refusal(RefusalCode.REASON_REQUIRED, { cs: 'Je třeba uvést důvod.', en: 'A reason is required.' })],
    inputs: ['REASON'],
  }),
  reasonRequiredUnlessAuthor: (facts) =>
    facts.actor.isAuthor
      ? PASS
      : {
          refusals: facts.reason ? [] : [refusal(RefusalCode.REASON_REQUIRED, { cs: 'Kdo není autorem, musí uvést důvod.', en: 'A reason is required when you are not the author.' })],
          inputs: ['REASON'],
        },
  resolutionNumberRequired: (facts) => ({
    refusals: facts.resolutionNumber
      ? []
      : [refusal(RefusalCode.RESOLUTION_NUMBER_REQUIRED, { cs: 'Je třeba uvést číslo usnesení.', en: 'A resolution number is required.' })],
    inputs: ['RESOLUTION_NUMBER'],
  }),
  triadRepresented: (facts) =>
    verdict(
      TRIAD_SIDES_REQUIRED.filter((side) => !facts.triadSidesPresent.includes(side)).map((side) =>
        refusal(RefusalCode.TRIAD_INCOMPLETE, { cs: `Chybí člen za stranu ${SIDE[side].cs} s hlasem.`, en: `No voting member for the ${SIDE[side].en} side.` }),
      ),
    ),
  noConflictOfInterest: (facts) =>
    facts.actorHasConflictOfInterest
      ? refuse(RefusalCode.CONFLICT_OF_INTEREST, {
          cs: 'Zastupujete poskytovatele, jehož se návrh týká (střet zájmů); doporučení musí zaznamenat někdo jiný.',
          en: 'You represent the provider this proposal concerns (conflict of interest); someone else must record the recommendation.',
        })
      : PASS,
  hearingSettled: (facts) =>
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
  kindIsNot: (facts, params) =>
    params.kinds.includes(facts.proposalKind)
      ? refuse(RefusalCode.DECIDED_ELSEWHERE, { cs: 'Plán schvaluje zastupitelstvo, nikoli rada.', en: 'A plan is approved by the assembly, never by the council.' })
      : PASS,
  kindIs: (facts, params) =>
    params.kinds.includes(facts.proposalKind)
      ? PASS
      : refuse(RefusalCode.NOT_FOR_THIS_KIND, {
          cs: `Tato cesta je jen pro návrhy druhu: ${params.kinds.join(', ')}.`,
          en: `This path is only for proposals of kind: ${params.kinds.join(', ')}.`,
        }),
};

export const GUARD_NAMES = Object.keys(GUARDS) as GuardName[];

/** Judges one named guard: why it refuses, or nothing. */
export function judgeGuard(ref: GuardRef, facts: TransitionFacts): GuardVerdict {
  const fn = GUARDS[ref.name] as (facts: TransitionFacts, params: unknown) => GuardVerdict;
  return fn(facts, 'params' in ref ? ref.params : undefined);
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
