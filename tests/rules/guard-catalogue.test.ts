import { AreaRoleKind, BodyKind, ProposalKind, TriadSide } from '../../src/domain/enums';
import type { Text } from '../../src/domain/text';
import type { ActorRule, GuardRef } from '../../src/workflows/workflow-definition';
import { shippedWorkflows } from '../../src/workflows/workflow-registry';
import {
  actorRuleLabel,
  checkGuard,
  FACTS_PASSING_EVERY_GUARD,
  GUARD_NAMES,
  guardParamsProblems,
  isGuardName,
  judgeGuard,
  PROPOSAL_GUARDS,
  TRIAD_SIDES_REQUIRED,
  type TransitionFacts,
} from '../../src/workflows/workflow-guards';

/**
 * The guard catalogue judged on its own, from the rules of the pipeline (../shared/DESIGN.md §3)
 * and the words a person is shown (Czech and English): who may act and as whom, what must be typed,
 * the triad, the conflict of interest, the public hearing, the kinds a path is for — and what a
 * drafted definition may give each guard as parameters. No database: the API tests
 * (tests/workflows/*, tests/security/workflow-authority-generated.test.ts) run the same guards
 * through GraphQL; these run in a second, so that mutation testing can try every change to the
 * catalogue against them.
 */

/** Nobody in particular: no role, no seat, no typed values, nothing open. */
const NOBODY: TransitionFacts = {
  proposalKind: ProposalKind.MEASURE,
  hasTitle: true,
  hasSummary: true,
  actor: { isAuthor: false, authorSide: null, chairOf: [], areaRoles: [] },
  triadSidesPresent: [],
  actorHasConflictOfInterest: false,
  reason: null,
  resolutionNumber: null,
  unansweredHearingComments: 0,
  openHearings: 0,
};
const facts = (change: Partial<TransitionFacts> = {}, actor: Partial<TransitionFacts['actor']> = {}): TransitionFacts => ({ ...NOBODY, ...change, actor: { ...NOBODY.actor, ...actor } });
const words = (verdict: { refusals: Array<{ code: string; text: Text }> }) => verdict.refusals.map((r) => [r.code, r.text.cs, r.text.en]);

/** Who each actor rule names, as people read it in a refusal. */
const CHAIRS: Record<BodyKind, Text> = {
  [BodyKind.WORKING_GROUP]: { cs: 'předseda (manažer) pracovní skupiny', en: 'the chair of the working group' },
  [BodyKind.STEERING_GROUP]: { cs: 'předseda řídící skupiny', en: 'the chair of the steering group' },
  [BodyKind.SOCIAL_COMMISSION]: { cs: 'předseda sociální komise', en: 'the commission chair' },
  [BodyKind.COUNCIL]: { cs: 'předseda rady', en: 'the chair of the council' },
  [BodyKind.ASSEMBLY]: { cs: 'předseda zastupitelstva', en: 'the chair of the assembly' },
};
const ROLES: Record<AreaRoleKind, Text> = {
  [AreaRoleKind.ADMIN]: { cs: 'správce oblasti', en: 'the area admin' },
  [AreaRoleKind.COORDINATOR]: { cs: 'koordinátor', en: 'the coordinator' },
  [AreaRoleKind.SUPPORT]: { cs: 'podpůrná organizace', en: 'the support organisation' },
  [AreaRoleKind.CLERK]: { cs: 'pracovník úřadu (zapisovatel rady)', en: 'the council clerk' },
};
const AUTHOR: Text = { cs: 'autor návrhu', en: 'the author' };

const EVERY_RULE: Array<{ rule: ActorRule; label: Text }> = [
  { rule: { kind: 'AUTHOR' }, label: AUTHOR },
  ...Object.values(BodyKind).map((bodyKind) => ({ rule: { kind: 'CHAIR_OF' as const, bodyKind }, label: CHAIRS[bodyKind] })),
  ...Object.values(AreaRoleKind).map((role) => ({ rule: { kind: 'AREA_ROLE' as const, role }, label: ROLES[role] })),
];

/** An actor who meets exactly `rule` (and no other rule of EVERY_RULE). */
function meeting(rule: ActorRule): TransitionFacts {
  switch (rule.kind) {
    case 'AUTHOR':
      return facts({}, { isAuthor: true, authorSide: TriadSide.SERVICE_USER });
    case 'CHAIR_OF':
      return facts({}, { chairOf: [{ bodyKind: rule.bodyKind, side: TriadSide.PROVIDER, onBehalfOf: 'chair-person' }] });
    case 'AREA_ROLE':
      return facts({}, { areaRoles: [rule.role] });
  }
}

describe('actorIs: who may act, and as whom', () => {
  test('each rule lets through exactly the actor it names, recording the capacity, the side and on whose behalf', () => {
    for (const { rule } of EVERY_RULE) {
      for (const { rule: other } of EVERY_RULE) {
        const verdict = judgeGuard({ name: 'actorIs', params: { anyOf: [rule] } }, meeting(other));
        if (other === rule) {
          const expected =
            rule.kind === 'AUTHOR'
              ? { role: 'AUTHOR', side: TriadSide.SERVICE_USER, onBehalfOf: null }
              : rule.kind === 'CHAIR_OF'
                ? { role: 'CHAIR', side: TriadSide.PROVIDER, onBehalfOf: 'chair-person' }
                : { role: rule.role, side: null, onBehalfOf: null };
          expect([rule, verdict]).toEqual([rule, { refusals: [], actingAs: expected }]);
        } else {
          expect([rule, other, verdict.refusals.map((r) => r.code), verdict.actingAs]).toEqual([rule, other, ['NOT_YOUR_ROLE'], undefined]);
        }
      }
    }
  });

  test('an author with no seat in the working group acts with no side; a chair in their own right on behalf of nobody', () => {
    expect(judgeGuard({ name: 'actorIs', params: { anyOf: [{ kind: 'AUTHOR' }] } }, facts({}, { isAuthor: true, authorSide: undefined })).actingAs).toEqual({ role: 'AUTHOR', side: null, onBehalfOf: null });
    const ownRight = facts({}, { chairOf: [{ bodyKind: BodyKind.COUNCIL, side: null, onBehalfOf: null }] });
    expect(judgeGuard({ name: 'actorIs', params: { anyOf: [{ kind: 'CHAIR_OF', bodyKind: BodyKind.COUNCIL }] } }, ownRight).actingAs).toEqual({ role: 'CHAIR', side: null, onBehalfOf: null });
  });

  test('the first rule the actor meets is the capacity they act in, whatever the order of their roles', () => {
    const everything = facts(
      {},
      { isAuthor: true, authorSide: TriadSide.PUBLIC, chairOf: [{ bodyKind: BodyKind.STEERING_GROUP, side: TriadSide.COMMISSIONER, onBehalfOf: null }], areaRoles: [AreaRoleKind.CLERK, AreaRoleKind.COORDINATOR] },
    );
    const anyOf = (...rules: ActorRule[]) => judgeGuard({ name: 'actorIs', params: { anyOf: rules } }, everything).actingAs;
    expect(anyOf({ kind: 'AREA_ROLE', role: AreaRoleKind.COORDINATOR }, { kind: 'AUTHOR' })).toEqual({ role: 'COORDINATOR', side: null, onBehalfOf: null });
    expect(anyOf({ kind: 'AUTHOR' }, { kind: 'AREA_ROLE', role: AreaRoleKind.COORDINATOR })).toEqual({ role: 'AUTHOR', side: TriadSide.PUBLIC, onBehalfOf: null });
    expect(anyOf({ kind: 'CHAIR_OF', bodyKind: BodyKind.COUNCIL }, { kind: 'CHAIR_OF', bodyKind: BodyKind.STEERING_GROUP })).toEqual({ role: 'CHAIR', side: TriadSide.COMMISSIONER, onBehalfOf: null });
  });

  test('a refusal names everyone who may act, in the order of the rules, in both languages', () => {
    for (const { rule, label } of EVERY_RULE) {
      expect(words(judgeGuard({ name: 'actorIs', params: { anyOf: [rule] } }, NOBODY))).toEqual([['NOT_YOUR_ROLE', `Toto smí jen: ${label.cs}.`, `Only ${label.en} may do this.`]]);
      expect(actorRuleLabel(rule)).toEqual(label);
    }
    const rules: ActorRule[] = [{ kind: 'CHAIR_OF', bodyKind: BodyKind.COUNCIL }, { kind: 'AREA_ROLE', role: AreaRoleKind.CLERK }, { kind: 'AUTHOR' }];
    expect(words(judgeGuard({ name: 'actorIs', params: { anyOf: rules } }, NOBODY))).toEqual([
      ['NOT_YOUR_ROLE', 'Toto smí jen: předseda rady, pracovník úřadu (zapisovatel rady), autor návrhu.', 'Only the chair of the council or the council clerk or the author may do this.'],
    ]);
  });

  test('a role the words do not know is named as it is written', () => {
    expect(actorRuleLabel({ kind: 'AREA_ROLE', role: 'AUDITOR' } as unknown as ActorRule)).toEqual({ cs: 'AUDITOR', en: 'AUDITOR' });
  });
});

describe('what must be typed, and what the proposal must hold', () => {
  test('a title and a summary, each named when missing', () => {
    const verdict = (hasTitle: boolean, hasSummary: boolean) => words(judgeGuard({ name: 'hasTitleAndSummary' }, facts({ hasTitle, hasSummary })));
    const title = ['TITLE_REQUIRED', 'Chybí název návrhu.', 'The proposal needs a title.'];
    const summary = ['SUMMARY_REQUIRED', 'Chybí shrnutí návrhu.', 'The proposal needs a summary.'];
    expect([verdict(true, true), verdict(false, true), verdict(true, false), verdict(false, false)]).toEqual([[], [title], [summary], [title, summary]]);
  });

  test('a reason: asked for always, refused when not given, from authors too', () => {
    const refused = [['REASON_REQUIRED', 'Je třeba uvést důvod.', 'A reason is required.']];
    for (const isAuthor of [false, true]) {
      const without = judgeGuard({ name: 'reasonRequired' }, facts({}, { isAuthor }));
      expect([words(without), without.inputs]).toEqual([refused, ['REASON']]);
      expect(judgeGuard({ name: 'reasonRequired' }, facts({ reason: 'Podklady nejsou úplné.' }, { isAuthor }))).toEqual({ refusals: [], inputs: ['REASON'] });
    }
    expect(words(judgeGuard({ name: 'reasonRequired' }, facts({ reason: '' })))).toEqual(refused);
  });

  test('a reason unless the author acts: the author is neither asked nor refused', () => {
    expect(judgeGuard({ name: 'reasonRequiredUnlessAuthor' }, facts({}, { isAuthor: true }))).toEqual({ refusals: [] });
    const without = judgeGuard({ name: 'reasonRequiredUnlessAuthor' }, NOBODY);
    expect([words(without), without.inputs]).toEqual([[['REASON_REQUIRED', 'Kdo není autorem, musí uvést důvod.', 'A reason is required when you are not the author.']], ['REASON']]);
    expect(judgeGuard({ name: 'reasonRequiredUnlessAuthor' }, facts({ reason: 'Změna priorit.' }))).toEqual({ refusals: [], inputs: ['REASON'] });
  });

  test('a resolution number: asked for always, refused when not given', () => {
    const without = judgeGuard({ name: 'resolutionNumberRequired' }, NOBODY);
    expect([words(without), without.inputs]).toEqual([[['RESOLUTION_NUMBER_REQUIRED', 'Je třeba uvést číslo usnesení.', 'A resolution number is required.']], ['RESOLUTION_NUMBER']]);
    expect(judgeGuard({ name: 'resolutionNumberRequired' }, facts({ resolutionNumber: 'RM/12/2026' }))).toEqual({ refusals: [], inputs: ['RESOLUTION_NUMBER'] });
  });
});

describe('the triad, the conflict of interest, the hearing, the kind', () => {
  test('every side of the triad but the public must have a voting member; each missing side is named', () => {
    const missing: Record<string, string[]> = {
      COMMISSIONER: ['TRIAD_INCOMPLETE', 'Chybí člen za stranu zadavatelů s hlasem.', 'No voting member for the commissioner side.'],
      PROVIDER: ['TRIAD_INCOMPLETE', 'Chybí člen za stranu poskytovatelů s hlasem.', 'No voting member for the provider side.'],
      SERVICE_USER: ['TRIAD_INCOMPLETE', 'Chybí člen za stranu uživatelů s hlasem.', 'No voting member for the service-user side.'],
    };
    expect([...TRIAD_SIDES_REQUIRED]).toEqual([TriadSide.COMMISSIONER, TriadSide.PROVIDER, TriadSide.SERVICE_USER]);
    const sides = [TriadSide.COMMISSIONER, TriadSide.PROVIDER, TriadSide.SERVICE_USER];
    for (let present = 0; present < 8; present++) {
      const there = sides.filter((_side, i) => present & (1 << i));
      for (const withPublic of [false, true]) {
        const verdict = judgeGuard({ name: 'triadRepresented' }, facts({ triadSidesPresent: withPublic ? [TriadSide.PUBLIC, ...there] : there }));
        expect([there, withPublic, words(verdict)]).toEqual([there, withPublic, sides.filter((side) => !there.includes(side)).map((side) => missing[side])]);
      }
    }
  });

  test('who represents the provider the proposal concerns may not act', () => {
    expect(words(judgeGuard({ name: 'noConflictOfInterest' }, facts({ actorHasConflictOfInterest: true })))).toEqual([
      [
        'CONFLICT_OF_INTEREST',
        'Zastupujete poskytovatele, jehož se návrh týká (střet zájmů); doporučení musí zaznamenat někdo jiný.',
        'You represent the provider this proposal concerns (conflict of interest); someone else must record the recommendation.',
      ],
    ]);
    expect(judgeGuard({ name: 'noConflictOfInterest' }, NOBODY)).toEqual({ refusals: [] });
  });

  test('a plan passes only when its hearing is closed and every comment answered; each is said', () => {
    const open = ['HEARING_OPEN', 'Veřejné projednání plánu ještě probíhá.', "The plan's public hearing is still open."];
    const unanswered = (n: number) => ['HEARING_UNANSWERED', `Veřejné projednání má ${n} nevypořádaných připomínek.`, `The public hearing has ${n} comment(s) without an answer.`];
    const verdict = (openHearings: number, unansweredHearingComments: number) => words(judgeGuard({ name: 'hearingSettled' }, facts({ openHearings, unansweredHearingComments })));
    expect([verdict(0, 0), verdict(1, 0), verdict(0, 1), verdict(2, 7)]).toEqual([[], [open], [unanswered(1)], [open, unanswered(7)]]);
  });

  test('kindIs lets through only the kinds it lists, kindIsNot all but those; each says why', () => {
    const kinds = Object.values(ProposalKind);
    for (const listed of [[ProposalKind.PLAN], [ProposalKind.MATERIAL, ProposalKind.MEASURE]]) {
      for (const proposalKind of kinds) {
        const inList = listed.includes(proposalKind);
        const is = words(judgeGuard({ name: 'kindIs', params: { kinds: listed } }, facts({ proposalKind })));
        const isNot = words(judgeGuard({ name: 'kindIsNot', params: { kinds: listed } }, facts({ proposalKind })));
        expect([proposalKind, listed, is]).toEqual([
          proposalKind,
          listed,
          inList ? [] : [['NOT_FOR_THIS_KIND', `Tato cesta je jen pro návrhy druhu: ${listed.join(', ')}.`, `This path is only for proposals of kind: ${listed.join(', ')}.`]],
        ]);
        expect([proposalKind, listed, isNot]).toEqual([
          proposalKind,
          listed,
          inList ? [['DECIDED_ELSEWHERE', 'Plán schvaluje zastupitelstvo, nikoli rada.', 'A plan is approved by the assembly, never by the council.']] : [],
        ]);
      }
    }
  });
});

describe('the catalogue as the engine and the drafts see it', () => {
  test('it holds the guards the definitions may name, and nothing else', () => {
    expect([...GUARD_NAMES].sort()).toEqual(
      ['actorIs', 'hasTitleAndSummary', 'hearingSettled', 'kindIs', 'kindIsNot', 'noConflictOfInterest', 'reasonRequired', 'reasonRequiredUnlessAuthor', 'resolutionNumberRequired', 'triadRepresented'].sort(),
    );
    expect(PROPOSAL_GUARDS.names).toBe(GUARD_NAMES);
    for (const name of GUARD_NAMES) expect(isGuardName(name)).toBe(true);
    for (const name of ['', 'actoris', 'toString', 'constructor', 'hasOwnProperty']) expect([name, isGuardName(name)]).toEqual([name, false]);
  });

  test('checkGuard and the engine\'s judge give the guard\'s own verdict', () => {
    const ref: GuardRef = { name: 'reasonRequired' };
    expect(checkGuard(ref, NOBODY)).toEqual(judgeGuard(ref, NOBODY).refusals);
    expect(checkGuard(ref, NOBODY).map((r) => r.code)).toEqual(['REASON_REQUIRED']);
    expect(PROPOSAL_GUARDS.judge({ name: 'kindIs', params: { kinds: [ProposalKind.PLAN] } }, facts({ proposalKind: ProposalKind.PLAN }))).toEqual({ refusals: [] });
  });

  test('the facts for replaying known histories pass every guard of every shipped definition', () => {
    const registry = shippedWorkflows();
    for (const key of registry.keys) {
      for (const t of registry.latest(key).definition.transitions) {
        for (const guard of t.guards) expect([key, t.event, guard.name, checkGuard(guard, FACTS_PASSING_EVERY_GUARD)]).toEqual([key, t.event, guard.name, []]);
      }
    }
  });

  test('a guard without parameters accepts none, null or {}, and refuses anything else', () => {
    const none = [{ cs: 'Tato podmínka nemá žádné parametry.', en: 'This guard takes no parameters.' }];
    for (const name of GUARD_NAMES.filter((n) => !['actorIs', 'kindIs', 'kindIsNot'].includes(n))) {
      for (const params of [undefined, null, {}]) expect([name, params, guardParamsProblems({ name, params })]).toEqual([name, params, []]);
      for (const params of [{ reason: true }, [], 0, '', 'x', false]) expect([name, params, guardParamsProblems({ name, params })]).toEqual([name, params, none]);
    }
  });

  test('actorIs takes { anyOf: [rules] }: every problem with the shape, the keys and each rule is named', () => {
    const problems = (params: unknown) => guardParamsProblems({ name: 'actorIs', params }).map((t) => [t.cs, t.en]);
    const shape = ['Parametry musí mít tvar { anyOf: […] }.', 'The parameters must have the shape { anyOf: […] }.'];
    const emptyList = ['anyOf musí být neprázdný seznam pravidel, kdo smí akci provést.', 'anyOf must be a non-empty list of rules of who may act.'];
    for (const params of [undefined, null, [], 'AUTHOR', 3]) expect([params, problems(params)]).toEqual([params, [shape]]);
    for (const params of [{}, { anyOf: [] }, { anyOf: 'AUTHOR' }, { anyOf: {} }]) expect([params, problems(params)]).toEqual([params, [emptyList]]);
    expect(problems({ anyOf: [{ kind: 'AUTHOR' }], also: 1, more: 2 })).toEqual([['Neznámé parametry: also, more.', 'Unknown parameters: also, more.']]);
    expect(problems({ anyOf: [], also: 1 })).toEqual([['Neznámé parametry: also.', 'Unknown parameters: also.'], emptyList]);
    for (const { rule } of EVERY_RULE) expect([rule, problems({ anyOf: [rule] })]).toEqual([rule, []]);
    // A value is quoted as JSON writes it, so that what was sent is unmistakable.
    expect(problems({ anyOf: [{ kind: { is: 'AUTHOR' } }, { kind: 'say "hi"' }, { kind: 7 }] })).toEqual([
      ['Pravidlo č. 1 má neznámý druh {"is":"AUTHOR"} (možné: AUTHOR, CHAIR_OF, AREA_ROLE).', 'Rule 1 has an unknown kind {"is":"AUTHOR"} (allowed: AUTHOR, CHAIR_OF, AREA_ROLE).'],
      ['Pravidlo č. 2 má neznámý druh "say \\"hi\\"" (možné: AUTHOR, CHAIR_OF, AREA_ROLE).', 'Rule 2 has an unknown kind "say \\"hi\\"" (allowed: AUTHOR, CHAIR_OF, AREA_ROLE).'],
      ['Pravidlo č. 3 má neznámý druh 7 (možné: AUTHOR, CHAIR_OF, AREA_ROLE).', 'Rule 3 has an unknown kind 7 (allowed: AUTHOR, CHAIR_OF, AREA_ROLE).'],
    ]);
    expect(problems({ anyOf: [{ kind: 'AUTHOR' }, { kind: 'MAYOR' }, 'AUTHOR', null] })).toEqual([
      ['Pravidlo č. 2 má neznámý druh "MAYOR" (možné: AUTHOR, CHAIR_OF, AREA_ROLE).', 'Rule 2 has an unknown kind "MAYOR" (allowed: AUTHOR, CHAIR_OF, AREA_ROLE).'],
      ['Pravidlo č. 3 má neznámý druh undefined (možné: AUTHOR, CHAIR_OF, AREA_ROLE).', 'Rule 3 has an unknown kind undefined (allowed: AUTHOR, CHAIR_OF, AREA_ROLE).'],
      ['Pravidlo č. 4 má neznámý druh undefined (možné: AUTHOR, CHAIR_OF, AREA_ROLE).', 'Rule 4 has an unknown kind undefined (allowed: AUTHOR, CHAIR_OF, AREA_ROLE).'],
    ]);
    expect(problems({ anyOf: [{ kind: 'AUTHOR', bodyKind: 'COUNCIL', side: 'PUBLIC' }, { kind: 'CHAIR_OF', bodyKind: 'COUNCIL', role: 'CLERK' }, { kind: 'AREA_ROLE', role: 'CLERK', x: 1 }] })).toEqual([
      ['Pravidlo č. 1: neznámé klíče bodyKind, side.', 'Rule 1: unknown keys bodyKind, side.'],
      ['Pravidlo č. 2: neznámé klíče role.', 'Rule 2: unknown keys role.'],
      ['Pravidlo č. 3: neznámé klíče x.', 'Rule 3: unknown keys x.'],
    ]);
    const bodyKinds = 'WORKING_GROUP, STEERING_GROUP, SOCIAL_COMMISSION, COUNCIL, ASSEMBLY';
    const roles = 'ADMIN, COORDINATOR, SUPPORT, CLERK';
    expect(problems({ anyOf: [{ kind: 'CHAIR_OF' }, { kind: 'CHAIR_OF', bodyKind: 'MAYOR' }, { kind: 'AREA_ROLE', role: 7 }, { kind: 'AREA_ROLE' }] })).toEqual([
      [`Pravidlo č. 1: neznámý druh orgánu undefined (možné: ${bodyKinds}).`, `Rule 1: unknown body kind undefined (allowed: ${bodyKinds}).`],
      [`Pravidlo č. 2: neznámý druh orgánu "MAYOR" (možné: ${bodyKinds}).`, `Rule 2: unknown body kind "MAYOR" (allowed: ${bodyKinds}).`],
      [`Pravidlo č. 3: neznámá role v oblasti 7 (možné: ${roles}).`, `Rule 3: unknown area role 7 (allowed: ${roles}).`],
      [`Pravidlo č. 4: neznámá role v oblasti undefined (možné: ${roles}).`, `Rule 4: unknown area role undefined (allowed: ${roles}).`],
    ]);
  });

  test('kindIs and kindIsNot take { kinds: [proposal kinds] }', () => {
    const kinds = 'MEASURE, PROJECT_INTENT, MATERIAL, PLAN';
    for (const name of ['kindIs', 'kindIsNot'] as const) {
      const problems = (params: unknown) => guardParamsProblems({ name, params }).map((t) => [t.cs, t.en]);
      expect(problems({ kinds: Object.values(ProposalKind) })).toEqual([]);
      expect(problems({ kinds: [] })).toEqual([['kinds musí být neprázdný seznam druhů návrhu.', 'kinds must be a non-empty list of proposal kinds.']]);
      expect(problems(undefined)).toEqual([['Parametry musí mít tvar { kinds: […] }.', 'The parameters must have the shape { kinds: […] }.']]);
      expect(problems({ kinds: ['PLAN', 'BUDGET', 1] })).toEqual([
        [`Neznámý druh návrhu "BUDGET" (možné: ${kinds}).`, `Unknown proposal kind "BUDGET" (allowed: ${kinds}).`],
        [`Neznámý druh návrhu 1 (možné: ${kinds}).`, `Unknown proposal kind 1 (allowed: ${kinds}).`],
      ]);
    }
  });

  test('a guard the catalogue does not have has no parameter problems of its own (it is another fault)', () => {
    expect(guardParamsProblems({ name: 'mayorAgrees', params: { anyOf: 3 } })).toEqual([]);
  });
});
