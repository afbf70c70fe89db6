import type { RequestContext } from '../../src/context';
import { AreaRoleKind, BodyKind, Convener, DelegatedPower, MembershipRole, MinuteTaker, ProposalPhase } from '../../src/domain/enums';
import type { Locale } from '../../src/domain/text';
import type { Body } from '../../src/entities/body.entity';
import { AppError } from '../../src/errors/app-errors';
import {
  assertInArea,
  authorize,
  belongsTo,
  can,
  chairPower,
  chairsOnChain,
  forbiddenBy,
  holds,
  mayAttempt,
  onBehalfOf,
  refusal,
  representsOrganisation,
} from '../../src/auth/authority';
import {
  all,
  any,
  anyone,
  areaPerson,
  areaRole,
  areaSeat,
  chair,
  convener,
  flag,
  globalAdmin,
  minuteTaker,
  not,
  represents,
  seat,
  self,
  signedIn,
  type BodyFacts,
  type BodyRef,
  type Condition,
  type Flag,
  type OrganisationRef,
  type PersonRef,
  type Resource,
} from '../../src/auth/conditions';
import { OPERATION_ACTIONS, POLICY, type Action, type PolicyRow } from '../../src/auth/policy';
import { bodyResource, delegationResource, personResource, planResource, proposalResource, roleResource, SHARED } from '../../src/auth/resources';
import { Viewer } from '../../src/auth/viewer';
import { plainViewer, type ViewerFacts } from '../support/plain-viewer';

/**
 * The decision point judged on its own, from the rules: the vocabulary of the policy
 * (src/auth/conditions.ts) for every kind of condition, a sample of the policy's rows as their
 * comments say them (src/auth/policy.ts, ../shared/DESIGN.md §6a), the shield's question asked
 * before any record is read, the refusals a viewer is told (Czech and English), and whose behalf a
 * delegate acts on. Viewers are built from plain facts: no token, no database. The API tests
 * (tests/security/*, tests/meetings/conveners.test.ts) ask the same through GraphQL; these run in a
 * second, so that mutation testing can try every change to the decision point against them. The SQL
 * form of the rules is judged against the same rule in tests/rules/policy-sql-form.test.ts.
 */

// ── The world: two areas, bodies in each, organisations ──────────────────────────────────────

const A = 'area-a';
const B = 'area-b';
/** Two bodies of area A and one of area B. */
const A1 = 'body-a1';
const A2 = 'body-a2';
const B1 = 'body-b1';
const X = 'org-x';
const Y = 'org-y';
const Z = 'org-z';

const AREA_ROLES = Object.values(AreaRoleKind);
const SEAT_ROLES = Object.values(MembershipRole);
const POWERS = Object.values(DelegatedPower);
const PERSON_REFS: PersonRef[] = ['self', 'author', 'presenter', 'guarantor', 'recipient', 'delegate'];
const ORGANISATION_REFS: OrganisationRef[] = ['guarantor', 'concerned'];
const BODY_REFS: BodyRef[] = ['body', 'workingGroup', 'currentBody', 'handledBodies', 'chain', 'seatBodies'];
const FLAGS: Flag[] = ['public', 'draft', 'approvedInPublicGroup', 'adopted', 'hearingOpen', 'seatedInPublicBody', 'targetIsAdmin', 'councilOrAssembly'];

/** Every sublist of `items`, in order. */
const subsets = <T>(items: readonly T[]): T[][] => items.reduce<T[][]>((acc, item) => [...acc, ...acc.map((s) => [...s, item])], [[]]);

type Facts = Omit<ViewerFacts, 'delegations'> & { delegations?: Array<Omit<NonNullable<ViewerFacts['delegations']>[number], 'areaId'> & { areaId?: string }> };

/** A viewer of plain facts (tests/support/plain-viewer.ts); a delegation is in area A unless it says otherwise. */
const viewer = (f: Facts = {}): Viewer => plainViewer({ ...f, delegations: f.delegations?.map((d) => ({ ...d, areaId: d.areaId ?? A })) });

/** The person record in area A (and B) that most viewers below act through. */
const PA = { id: 'person-a', areaId: A };
const PB = { id: 'person-b', areaId: B };

const ANONYMOUS = Viewer.anonymous();
/** Signed in, but nobody in any area. */
const STRANGER = viewer({});
const GLOBAL_ADMIN = viewer({ globalAdmin: true });
/** Someone holding one area role, with a person record of their own in that area. */
const roleIn = (areaId: string, role: AreaRoleKind) => viewer({ people: [{ id: `${role}-of-${areaId}`, areaId }], roles: [[areaId, role]] });
/** Someone holding one seat (and the delegations given), with a person record of their own in the body's area. */
const seatIn = (body: string, role: MembershipRole, delegations: Facts['delegations'] = []) => {
  const areaId = body === B1 ? B : A;
  const id = [`${role}-of-${body}`, ...delegations.map((d) => `${d.power}-in-${d.body}`)].join('+');
  return viewer({ people: [{ id, areaId }], seats: [{ areaId, body, role }], delegations });
};
/** The viewer's (first) person record. */
const idOf = (v: Viewer) => v.people[0].id;

/** Judges a table of cases at once, so that a failure names every case that went wrong. */
function judged<C extends { name: string }>(cases: readonly C[], actual: (c: C) => unknown, expected: (c: C) => unknown): void {
  expect(cases.map((c) => [c.name, actual(c)])).toEqual(cases.map((c) => [c.name, expected(c)]));
}

const T = anyone;
const F = not(anyone);

// ── Who the viewer is ────────────────────────────────────────────────────────────────────────

describe('who the viewer is: anyone, signedIn, globalAdmin', () => {
  const viewers = [
    { name: 'the anonymous public', v: ANONYMOUS, signedIn: false, admin: false },
    { name: 'signed in, nobody anywhere', v: STRANGER, signedIn: true, admin: false },
    { name: 'a person of area A', v: viewer({ people: [PA] }), signedIn: true, admin: false },
    { name: 'the admin of area A', v: roleIn(A, AreaRoleKind.ADMIN), signedIn: true, admin: false },
    { name: 'a global admin', v: GLOBAL_ADMIN, signedIn: true, admin: true },
    { name: 'a global admin with a person in area A', v: viewer({ globalAdmin: true, people: [PA] }), signedIn: true, admin: true },
  ];
  const resources: Resource[] = [{ areaId: A }, { areaId: B }, SHARED, { areaId: A, flags: { public: false } }];

  test('anyone is everyone, also without signing in, for a record of any area and for what all areas share', () => {
    const cases = viewers.flatMap((c) => resources.map((res) => ({ ...c, name: `${c.name} on ${res.areaId}`, res })));
    judged(cases, (c) => holds(anyone, c.v, c.res), () => true);
  });

  test('signedIn is whoever has a token, whatever else they hold', () => {
    const cases = viewers.flatMap((c) => resources.map((res) => ({ ...c, name: `${c.name} on ${res.areaId}`, res })));
    judged(cases, (c) => holds(signedIn, c.v, c.res), (c) => c.signedIn);
  });

  test("globalAdmin is only the global admin, in every area and in what all areas share; an area's admin is none", () => {
    const cases = viewers.flatMap((c) => resources.map((res) => ({ ...c, name: `${c.name} on ${res.areaId}`, res })));
    judged(cases, (c) => holds(globalAdmin, c.v, c.res), (c) => c.admin);
  });
});

// ── The area ─────────────────────────────────────────────────────────────────────────────────

describe("the resource's area: areaPerson, areaRole, areaSeat", () => {
  test('areaPerson: a person record in the area of the record; a global admin is none, nor is anybody in what all areas share', () => {
    const cases = [
      { name: 'person in A', v: viewer({ people: [PA] }), res: { areaId: A }, expected: true },
      { name: 'person in A, record of B', v: viewer({ people: [PA] }), res: { areaId: B }, expected: false },
      { name: 'person in B, record of A', v: viewer({ people: [PB] }), res: { areaId: A }, expected: false },
      { name: 'people in B and A, record of A', v: viewer({ people: [PB, PA] }), res: { areaId: A }, expected: true },
      { name: 'people in A and B, record of B', v: viewer({ people: [PA, PB] }), res: { areaId: B }, expected: true },
      { name: 'person in A, shared record', v: viewer({ people: [PA] }), res: SHARED, expected: false },
      { name: 'global admin, record of A', v: GLOBAL_ADMIN, res: { areaId: A }, expected: false },
      { name: 'global admin with a person in A', v: viewer({ globalAdmin: true, people: [PA] }), res: { areaId: A }, expected: true },
      { name: 'coordinator role in A without a person record', v: viewer({ roles: [[A, AreaRoleKind.COORDINATOR]] }), res: { areaId: A }, expected: false },
      { name: 'seat in A without a person record', v: viewer({ seats: [{ areaId: A, body: A1, role: MembershipRole.CHAIR }] }), res: { areaId: A }, expected: false },
      { name: 'signed in, nobody', v: STRANGER, res: { areaId: A }, expected: false },
      { name: 'anonymous', v: ANONYMOUS, res: { areaId: A }, expected: false },
    ];
    judged(cases, (c) => holds(areaPerson, c.v, c.res), (c) => c.expected);
  });

  test('areaRole: one of the roles listed, held in the area of the record — never in another area, never in what all areas share', () => {
    const cases = AREA_ROLES.flatMap((held) =>
      subsets(AREA_ROLES).flatMap((roles) =>
        [A, B, null].map((areaId) => ({ name: `${held} of A asked for [${roles.join(',')}] on ${areaId}`, held, roles, areaId })),
      ),
    );
    judged(
      cases,
      (c) => holds(areaRole(...c.roles), roleIn(A, c.held), { areaId: c.areaId }),
      (c) => c.areaId === A && c.roles.includes(c.held),
    );
  });

  test('areaRole: ADMIN admits a global admin in every area (and in what all areas share); other roles do not', () => {
    const cases = subsets(AREA_ROLES).flatMap((roles) => [A, B, null].map((areaId) => ({ name: `[${roles.join(',')}] on ${areaId}`, roles, areaId })));
    judged(cases, (c) => holds(areaRole(...c.roles), GLOBAL_ADMIN, { areaId: c.areaId }), (c) => c.roles.includes(AreaRoleKind.ADMIN));
  });

  test('areaRole: a role held in several areas counts in each of them, each role only where it is held', () => {
    const v = viewer({ people: [PA, PB], roles: [[A, AreaRoleKind.SUPPORT], [B, AreaRoleKind.CLERK]] });
    const cases = [
      { name: 'SUPPORT on A', cond: areaRole(AreaRoleKind.SUPPORT), areaId: A, expected: true },
      { name: 'SUPPORT on B', cond: areaRole(AreaRoleKind.SUPPORT), areaId: B, expected: false },
      { name: 'CLERK on B', cond: areaRole(AreaRoleKind.CLERK), areaId: B, expected: true },
      { name: 'CLERK on A', cond: areaRole(AreaRoleKind.CLERK), areaId: A, expected: false },
      { name: 'SUPPORT or CLERK on A', cond: areaRole(AreaRoleKind.CLERK, AreaRoleKind.SUPPORT), areaId: A, expected: true },
      { name: 'ADMIN on A', cond: areaRole(AreaRoleKind.ADMIN), areaId: A, expected: false },
    ];
    judged(cases, (c) => holds(c.cond, v, { areaId: c.areaId }), (c) => c.expected);
  });

  test("areaSeat: a seat (any role, a guest's too) in a body of the record's area; a role or a person record alone is none", () => {
    const cases = [
      ...SEAT_ROLES.flatMap((role) => [
        { name: `${role} of A1 on A`, v: seatIn(A1, role), areaId: A, expected: true },
        { name: `${role} of A2 on A`, v: seatIn(A2, role), areaId: A, expected: true },
        { name: `${role} of A1 on B`, v: seatIn(A1, role), areaId: B, expected: false },
        { name: `${role} of A1 on shared`, v: seatIn(A1, role), areaId: null, expected: false },
        { name: `${role} of B1 on A`, v: seatIn(B1, role), areaId: A, expected: false },
        { name: `${role} of B1 on B`, v: seatIn(B1, role), areaId: B, expected: true },
      ]),
      {
        name: 'seats in B1 and A2 on A',
        v: viewer({ people: [PA, PB], seats: [{ areaId: B, body: B1, role: MembershipRole.MEMBER }, { areaId: A, body: A2, role: MembershipRole.GUEST }] }),
        areaId: A,
        expected: true,
      },
      ...AREA_ROLES.map((role) => ({ name: `${role} role in A`, v: roleIn(A, role), areaId: A, expected: false })),
      { name: 'person of A', v: viewer({ people: [PA] }), areaId: A, expected: false },
      { name: 'global admin', v: GLOBAL_ADMIN, areaId: A, expected: false },
      { name: 'anonymous', v: ANONYMOUS, areaId: A, expected: false },
    ];
    judged(cases, (c) => holds(areaSeat, c.v, { areaId: c.areaId }), (c) => c.expected);
  });
});

// ── Organisations ────────────────────────────────────────────────────────────────────────────

describe('represents: the person record in the area, or a seat held there today, refers to the organisation', () => {
  const orgs = (ref: OrganisationRef, ids: string[], areaId: string | null = A): Resource => ({ areaId, organisations: { [ref]: ids } });

  test('for each reference: by the person record, by a seat in any body of the area; never by another area', () => {
    const cases = ORGANISATION_REFS.flatMap((ref) =>
      [
      { name: `${ref}: person record in A names X`, v: viewer({ people: [{ ...PA, organisation: X }] }), res: orgs(ref, [X]), expected: true },
      { name: `${ref}: person record in A names X, record names Y and X`, v: viewer({ people: [{ ...PA, organisation: X }] }), res: orgs(ref, [Y, X]), expected: true },
      { name: `${ref}: person record in A names X, record names Y`, v: viewer({ people: [{ ...PA, organisation: X }] }), res: orgs(ref, [Y]), expected: false },
      { name: `${ref}: person record in A names X, record names none`, v: viewer({ people: [{ ...PA, organisation: X }] }), res: orgs(ref, []), expected: false },
      { name: `${ref}: person record in A names none`, v: viewer({ people: [PA] }), res: orgs(ref, [X]), expected: false },
      { name: `${ref}: person record in B names X, record of A`, v: viewer({ people: [{ ...PB, organisation: X }] }), res: orgs(ref, [X]), expected: false },
      { name: `${ref}: person record in A names X, record of B`, v: viewer({ people: [{ ...PA, organisation: X }], roles: [[B, AreaRoleKind.ADMIN]] }), res: orgs(ref, [X], B), expected: false },
      { name: `${ref}: person record in A names X, shared record`, v: viewer({ people: [{ ...PA, organisation: X }] }), res: orgs(ref, [X], null), expected: false },
      {
        name: `${ref}: seat in A2 for X, record of A`,
        v: viewer({ people: [PA], seats: [{ areaId: A, body: A2, role: MembershipRole.MEMBER, organisation: X }] }),
        res: orgs(ref, [X]),
        expected: true,
      },
      {
        name: `${ref}: person record names Y, a seat in A1 for X`,
        v: viewer({ people: [{ ...PA, organisation: Y }], seats: [{ areaId: A, body: A1, role: MembershipRole.GUEST, organisation: X }] }),
        res: orgs(ref, [X]),
        expected: true,
      },
      {
        name: `${ref}: seat in A1 for nobody, person record for nobody`,
        v: viewer({ people: [PA], seats: [{ areaId: A, body: A1, role: MembershipRole.CHAIR }] }),
        res: orgs(ref, [X]),
        expected: false,
      },
      {
        name: `${ref}: seat in B1 for X, record of A`,
        v: viewer({ people: [PA, PB], seats: [{ areaId: B, body: B1, role: MembershipRole.CHAIR, organisation: X }] }),
        res: orgs(ref, [X]),
        expected: false,
      },
      {
        name: `${ref}: seat in B1 for X, record of B`,
        v: viewer({ people: [PA, PB], seats: [{ areaId: B, body: B1, role: MembershipRole.CHAIR, organisation: X }] }),
        res: orgs(ref, [X], B),
        expected: true,
      },
      { name: `${ref}: the record leaves its organisations out`, v: viewer({ people: [{ ...PA, organisation: X }] }), res: { areaId: A }, expected: false },
      { name: `${ref}: anonymous`, v: ANONYMOUS, res: orgs(ref, [X]), expected: false },
      ].map((c) => ({ ...c, ref })),
    );
    judged(cases, (c) => holds(represents(c.ref), c.v, c.res), (c) => c.expected);
  });

  test("each reference is its own: representing the concerned organisation is not representing a guarantor, nor the reverse", () => {
    const v = viewer({ people: [{ ...PA, organisation: X }] });
    const res: Resource = { areaId: A, organisations: { guarantor: [X], concerned: [Y] } };
    expect([holds(represents('guarantor'), v, res), holds(represents('concerned'), v, res)]).toEqual([true, false]);
    const reverse: Resource = { areaId: A, organisations: { guarantor: [Y], concerned: [X] } };
    expect([holds(represents('guarantor'), v, reverse), holds(represents('concerned'), v, reverse)]).toEqual([false, true]);
  });

  test('representsOrganisation: the same question for one organisation in one area', () => {
    const v = viewer({
      people: [{ ...PA, organisation: X }, { ...PB, organisation: Z }],
      seats: [
        { areaId: A, body: A1, role: MembershipRole.MEMBER, organisation: Y },
        { areaId: B, body: B1, role: MembershipRole.MEMBER },
      ],
    });
    const cases = [
      { name: 'X in A (person record)', area: A, org: X, expected: true },
      { name: 'Y in A (seat)', area: A, org: Y, expected: true },
      { name: 'Z in A (person record in B)', area: A, org: Z, expected: false },
      { name: 'Z in B (person record)', area: B, org: Z, expected: true },
      { name: 'X in B', area: B, org: X, expected: false },
      { name: 'Y in B (seat in A)', area: B, org: Y, expected: false },
    ];
    judged(cases, (c) => representsOrganisation(v, c.area, c.org), (c) => c.expected);
    expect(representsOrganisation(ANONYMOUS, A, X)).toBe(false);
  });
});

// ── People ───────────────────────────────────────────────────────────────────────────────────

describe('self: the viewer is that person of the record', () => {
  test('each person reference names its own people only', () => {
    const v = viewer({ people: [PA] });
    const cases = PERSON_REFS.flatMap((named) => PERSON_REFS.map((asked) => ({ name: `${named} is the viewer, asked ${asked}`, named, asked })));
    judged(cases, (c) => holds(self(c.asked), v, { areaId: A, people: { [c.named]: [PA.id] } }), (c) => c.named === c.asked);
  });

  test('among several people named, one of the viewer\'s; someone else, nobody named or left out is not the viewer', () => {
    const v = viewer({ people: [PB, PA] });
    const cases = PERSON_REFS.flatMap((ref) =>
      [
      { name: `${ref}: someone else and the viewer`, v, res: { areaId: A, people: { [ref]: ['someone-else', PA.id] } }, expected: true },
      { name: `${ref}: someone else`, v, res: { areaId: A, people: { [ref]: ['someone-else'] } }, expected: false },
      { name: `${ref}: nobody`, v, res: { areaId: A, people: { [ref]: [] } }, expected: false },
      { name: `${ref}: left out`, v, res: { areaId: A }, expected: false },
      { name: `${ref}: the viewer's, asked by the anonymous`, v: ANONYMOUS, res: { areaId: A, people: { [ref]: [PA.id] } }, expected: false },
      { name: `${ref}: a global admin is not everyone`, v: GLOBAL_ADMIN, res: { areaId: A, people: { [ref]: [PA.id] } }, expected: false },
      ].map((c) => ({ ...c, ref })),
    );
    judged(cases, (c) => holds(self(c.ref), c.v, c.res), (c) => c.expected);
  });
});

// ── Bodies ───────────────────────────────────────────────────────────────────────────────────

const inBody = (ref: BodyRef, ...bodies: BodyFacts[]): Resource => ({ areaId: A, bodies: { [ref]: bodies } });

describe('seat: a seat in the body named (any role, or one of those listed)', () => {
  test('each body reference names its own bodies only', () => {
    const v = seatIn(A1, MembershipRole.MEMBER);
    const cases = BODY_REFS.flatMap((named) => BODY_REFS.map((asked) => ({ name: `${named} is A1, asked ${asked}`, named, asked })));
    judged(cases, (c) => holds(seat(c.asked), v, inBody(c.named, { id: A1 })), (c) => c.named === c.asked);
  });

  test('with no roles listed any seat counts, a guest\'s too; with roles, only those', () => {
    const cases = SEAT_ROLES.flatMap((held) => subsets(SEAT_ROLES).map((roles) => ({ name: `${held} asked [${roles.join(',')}]`, held, roles })));
    judged(
      cases,
      (c) => holds(seat('body', ...c.roles), seatIn(A1, c.held), inBody('body', { id: A1 })),
      (c) => c.roles.length === 0 || c.roles.includes(c.held),
    );
  });

  test('a list of no roles admits nobody', () => {
    judged(
      SEAT_ROLES.map((held) => ({ name: held, held })),
      (c) => holds({ kind: 'seat', ref: 'body', roles: [] }, seatIn(A1, c.held), inBody('body', { id: A1 })),
      () => false,
    );
  });

  test('a seat in another body does not count; one of several bodies named does', () => {
    const cases = BODY_REFS.flatMap((ref) =>
      [
      { name: `${ref}: A2 seat, A1 named`, v: seatIn(A2, MembershipRole.CHAIR), res: inBody(ref, { id: A1 }), expected: false },
      { name: `${ref}: A2 seat, A1 and A2 named`, v: seatIn(A2, MembershipRole.MEMBER), res: inBody(ref, { id: A1 }, { id: A2 }), expected: true },
      {
        name: `${ref}: seats in A2 and A1, A1 named`,
        v: viewer({ people: [PA], seats: [{ areaId: A, body: A2, role: MembershipRole.CHAIR }, { areaId: A, body: A1, role: MembershipRole.GUEST }] }),
        res: inBody(ref, { id: A1 }),
        expected: true,
      },
      { name: `${ref}: A1 seat, no body named`, v: seatIn(A1, MembershipRole.MEMBER), res: inBody(ref), expected: false },
      { name: `${ref}: A1 seat, left out`, v: seatIn(A1, MembershipRole.MEMBER), res: { areaId: A }, expected: false },
      { name: `${ref}: coordinator of A`, v: roleIn(A, AreaRoleKind.COORDINATOR), res: inBody(ref, { id: A1 }), expected: false },
      { name: `${ref}: global admin`, v: GLOBAL_ADMIN, res: inBody(ref, { id: A1 }), expected: false },
      ].map((c) => ({ ...c, ref })),
    );
    judged(cases, (c) => holds(seat(c.ref), c.v, c.res), (c) => c.expected);
  });
});

describe("chair: the body's chair, or whoever the power is delegated to (CHAIR is every power)", () => {
  const viewers: Array<{ name: string; v: Viewer; powers: readonly DelegatedPower[] }> = [
    { name: 'the chair of A1', v: seatIn(A1, MembershipRole.CHAIR), powers: POWERS },
    ...SEAT_ROLES.filter((r) => r !== MembershipRole.CHAIR).map((role) => ({ name: `${role} of A1`, v: seatIn(A1, role), powers: [] })),
    ...POWERS.map((power) => ({
      name: `a deputy of A1 delegated ${power}`,
      v: seatIn(A1, MembershipRole.DEPUTY, [{ body: A1, power }]),
      powers: power === DelegatedPower.CHAIR ? POWERS : [power],
    })),
    ...POWERS.map((power) => ({ name: `a person of A without a seat delegated ${power} in A1`, v: viewer({ people: [PA], delegations: [{ body: A1, power }] }), powers: power === DelegatedPower.CHAIR ? POWERS : [power] })),
    { name: 'delegated CONVENE and VERIFY_MINUTES', v: viewer({ people: [PA], delegations: [{ body: A1, power: DelegatedPower.CONVENE }, { body: A1, power: DelegatedPower.VERIFY_MINUTES }] }), powers: [DelegatedPower.CONVENE, DelegatedPower.VERIFY_MINUTES] },
    ...POWERS.map((power) => ({ name: `delegated ${power} in another body (A2)`, v: seatIn(A1, MembershipRole.MEMBER, [{ body: A2, power }]), powers: [] })),
    { name: 'the chair of another body (A2)', v: seatIn(A2, MembershipRole.CHAIR), powers: [] },
    {
      name: 'a member of A2 and the chair of A1',
      v: viewer({ people: [PA], seats: [{ areaId: A, body: A2, role: MembershipRole.MEMBER }, { areaId: A, body: A1, role: MembershipRole.CHAIR }] }),
      powers: POWERS,
    },
    { name: 'the coordinator of A', v: roleIn(A, AreaRoleKind.COORDINATOR), powers: [] },
    { name: 'the admin of A', v: roleIn(A, AreaRoleKind.ADMIN), powers: [] },
    { name: 'a global admin', v: GLOBAL_ADMIN, powers: [] },
    { name: 'anonymous', v: ANONYMOUS, powers: [] },
  ];

  test('each power, for each viewer', () => {
    const cases = viewers.flatMap((c) => POWERS.map((power) => ({ ...c, name: `${c.name}, asked ${power}`, power })));
    judged(cases, (c) => holds(chair('body', c.power), c.v, inBody('body', { id: A1 })), (c) => c.powers.includes(c.power));
  });

  test("chair() without a power asks for the whole chair's power", () => {
    judged(viewers, (c) => holds(chair('body'), c.v, inBody('body', { id: A1 })), (c) => c.powers.includes(DelegatedPower.CHAIR));
  });

  test('the body is the one the reference names: another reference, no body, or a body among several', () => {
    const chairOfA1 = seatIn(A1, MembershipRole.CHAIR);
    const delegate = viewer({ people: [PA], delegations: [{ body: A1, power: DelegatedPower.CHAIR }] });
    const cases = BODY_REFS.flatMap((ref) =>
      BODY_REFS.flatMap((asked) => [
        { name: `chair, ${ref} is A2 and A1, asked ${asked}`, v: chairOfA1, res: inBody(ref, { id: A2 }, { id: A1 }), expected: ref === asked },
        { name: `delegate, ${ref} is A2 and A1, asked ${asked}`, v: delegate, res: inBody(ref, { id: A2 }, { id: A1 }), expected: ref === asked },
        { name: `chair, ${ref} is A2, asked ${asked}`, v: chairOfA1, res: inBody(ref, { id: A2 }), expected: false },
        { name: `delegate, ${ref} left out, asked ${asked}`, v: delegate, res: { areaId: A }, expected: false },
      ].map((c) => ({ ...c, asked }))),
    );
    judged(cases, (c) => holds(chair(c.asked), c.v, c.res), (c) => c.expected);
  });
});

describe("convener: whoever the body's rules name (its chair, the coordinator, or either; either when they say nothing)", () => {
  type Side = 'chair' | 'coordinator' | 'neither';
  /** Which side of the rule each viewer is on, for a body of area A. The area's admin and a global admin (an admin of every area) stand with the coordinator, as MANAGERS do in the policy. */
  const viewers: Array<{ name: string; v: Viewer; side: Side }> = [
    { name: 'the chair', v: seatIn(A1, MembershipRole.CHAIR), side: 'chair' },
    { name: 'a deputy', v: seatIn(A1, MembershipRole.DEPUTY), side: 'neither' },
    { name: 'a deputy delegated CONVENE', v: seatIn(A1, MembershipRole.DEPUTY, [{ body: A1, power: DelegatedPower.CONVENE }]), side: 'chair' },
    { name: 'a secretary delegated CONVENE', v: seatIn(A1, MembershipRole.SECRETARY, [{ body: A1, power: DelegatedPower.CONVENE }]), side: 'chair' },
    { name: 'a deputy delegated CHAIR', v: seatIn(A1, MembershipRole.DEPUTY, [{ body: A1, power: DelegatedPower.CHAIR }]), side: 'chair' },
    { name: 'a member delegated VERIFY_MINUTES', v: seatIn(A1, MembershipRole.MEMBER, [{ body: A1, power: DelegatedPower.VERIFY_MINUTES }]), side: 'neither' },
    { name: 'a deputy delegated CONVENE in A2', v: seatIn(A1, MembershipRole.DEPUTY, [{ body: A2, power: DelegatedPower.CONVENE }]), side: 'neither' },
    { name: 'the secretary', v: seatIn(A1, MembershipRole.SECRETARY), side: 'neither' },
    { name: 'a member', v: seatIn(A1, MembershipRole.MEMBER), side: 'neither' },
    { name: 'the chair of A2', v: seatIn(A2, MembershipRole.CHAIR), side: 'neither' },
    { name: 'the coordinator of A', v: roleIn(A, AreaRoleKind.COORDINATOR), side: 'coordinator' },
    { name: 'the admin of A', v: roleIn(A, AreaRoleKind.ADMIN), side: 'coordinator' },
    { name: 'a global admin', v: GLOBAL_ADMIN, side: 'coordinator' },
    { name: 'support of A', v: roleIn(A, AreaRoleKind.SUPPORT), side: 'neither' },
    { name: 'the clerk of A', v: roleIn(A, AreaRoleKind.CLERK), side: 'neither' },
    { name: "another area's coordinator", v: roleIn(B, AreaRoleKind.COORDINATOR), side: 'neither' },
    { name: "another area's admin", v: roleIn(B, AreaRoleKind.ADMIN), side: 'neither' },
    { name: 'anonymous', v: ANONYMOUS, side: 'neither' },
  ];
  const RULES: Array<{ rule: Convener | undefined; admits: Side[] }> = [
    { rule: Convener.CHAIR, admits: ['chair'] },
    { rule: Convener.COORDINATOR, admits: ['coordinator'] },
    { rule: Convener.CHAIR_OR_COORDINATOR, admits: ['chair', 'coordinator'] },
    { rule: undefined, admits: ['chair', 'coordinator'] },
  ];

  test('each rule, for each viewer', () => {
    const cases = viewers.flatMap((c) => RULES.map((r) => ({ ...c, ...r, name: `${c.name}, body convened by ${r.rule ?? '(not said)'}` })));
    judged(cases, (c) => holds(convener('body'), c.v, inBody('body', { id: A1, convener: c.rule })), (c) => c.admits.includes(c.side));
  });

  test("the chair of a body that is both chair and coordinator's counts by both", () => {
    const both = viewer({ people: [PA], roles: [[A, AreaRoleKind.COORDINATOR]], seats: [{ areaId: A, body: A1, role: MembershipRole.CHAIR }] });
    judged(
      RULES.map((r) => ({ ...r, name: `convened by ${r.rule ?? '(not said)'}` })),
      (r) => holds(convener('body'), both, inBody('body', { id: A1, convener: r.rule })),
      () => true,
    );
  });

  test('the body is the one its reference names; of several, any one the viewer convenes', () => {
    const theChair = seatIn(A1, MembershipRole.CHAIR);
    const cases = BODY_REFS.flatMap((ref) =>
      BODY_REFS.map((asked) => ({
        name: `${ref} is A2 (coordinator's) and A1 (chair's), asked ${asked}`,
        ref,
        asked,
        res: inBody(ref, { id: A2, convener: Convener.COORDINATOR }, { id: A1, convener: Convener.CHAIR }),
      })),
    );
    judged(cases, (c) => holds(convener(c.asked), theChair, c.res), (c) => c.ref === c.asked);
    expect(holds(convener('body'), theChair, inBody('body', { id: A1, convener: Convener.COORDINATOR }, { id: A2, convener: Convener.CHAIR }))).toBe(false);
    expect(holds(convener('body'), roleIn(A, AreaRoleKind.COORDINATOR), { areaId: A })).toBe(false);
  });
});

describe("minuteTaker: whoever the body's rules name (its secretary, or the coordinator — the coordinator when they say nothing)", () => {
  type Side = 'secretary' | 'coordinator' | 'neither';
  const viewers: Array<{ name: string; v: Viewer; side: Side }> = [
    { name: 'the secretary', v: seatIn(A1, MembershipRole.SECRETARY), side: 'secretary' },
    { name: 'the secretary of A2', v: seatIn(A2, MembershipRole.SECRETARY), side: 'neither' },
    { name: 'the chair', v: seatIn(A1, MembershipRole.CHAIR), side: 'neither' },
    { name: 'a deputy delegated CHAIR', v: seatIn(A1, MembershipRole.DEPUTY, [{ body: A1, power: DelegatedPower.CHAIR }]), side: 'neither' },
    { name: 'a member', v: seatIn(A1, MembershipRole.MEMBER), side: 'neither' },
    { name: 'a guest', v: seatIn(A1, MembershipRole.GUEST), side: 'neither' },
    { name: 'the coordinator of A', v: roleIn(A, AreaRoleKind.COORDINATOR), side: 'coordinator' },
    { name: 'the admin of A', v: roleIn(A, AreaRoleKind.ADMIN), side: 'coordinator' },
    { name: 'a global admin', v: GLOBAL_ADMIN, side: 'coordinator' },
    { name: 'support of A', v: roleIn(A, AreaRoleKind.SUPPORT), side: 'neither' },
    { name: 'the clerk of A', v: roleIn(A, AreaRoleKind.CLERK), side: 'neither' },
    { name: "another area's coordinator", v: roleIn(B, AreaRoleKind.COORDINATOR), side: 'neither' },
    { name: 'anonymous', v: ANONYMOUS, side: 'neither' },
  ];
  const RULES: Array<{ rule: MinuteTaker | undefined; admits: Side }> = [
    { rule: MinuteTaker.SECRETARY, admits: 'secretary' },
    { rule: MinuteTaker.COORDINATOR, admits: 'coordinator' },
    { rule: undefined, admits: 'coordinator' },
  ];

  test('each rule, for each viewer', () => {
    const cases = viewers.flatMap((c) => RULES.map((r) => ({ ...c, ...r, name: `${c.name}, minutes by ${r.rule ?? '(not said)'}` })));
    judged(cases, (c) => holds(minuteTaker('body'), c.v, inBody('body', { id: A1, minuteTaker: c.rule })), (c) => c.admits === c.side);
  });

  test('the body is the one its reference names; of several, any one', () => {
    const secretary = seatIn(A1, MembershipRole.SECRETARY);
    const cases = BODY_REFS.flatMap((ref) =>
      BODY_REFS.map((asked) => ({ name: `${ref} is A2 and A1, asked ${asked}`, ref, asked, res: inBody(ref, { id: A2 }, { id: A1, minuteTaker: MinuteTaker.SECRETARY }) })),
    );
    judged(cases, (c) => holds(minuteTaker(c.asked), secretary, c.res), (c) => c.ref === c.asked);
    expect(holds(minuteTaker('body'), roleIn(A, AreaRoleKind.COORDINATOR), { areaId: A })).toBe(false);
  });
});

// ── Flags and composition ────────────────────────────────────────────────────────────────────

describe('flags, all, any, not', () => {
  test('a flag holds only when the record says it is true, for anyone', () => {
    const cases = FLAGS.flatMap((asked) =>
      [
        ...FLAGS.map((set) => ({ name: `${set} true, asked ${asked}`, res: { areaId: A, flags: { [set]: true } }, expected: set === asked })),
        { name: `every flag but ${asked}`, res: { areaId: A, flags: Object.fromEntries(FLAGS.map((f) => [f, f !== asked])) } as Resource, expected: false },
        { name: `${asked} false`, res: { areaId: A, flags: { [asked]: false } } as Resource, expected: false },
        { name: `flags left out, asked ${asked}`, res: { areaId: A } as Resource, expected: false },
      ].flatMap((c) => [ANONYMOUS, GLOBAL_ADMIN].map((v) => ({ ...c, name: `${c.name} (${v.isAuthenticated ? 'global admin' : 'anonymous'})`, asked, v }))),
    );
    judged(cases, (c) => holds(flag(c.asked), c.v, c.res), (c) => c.expected);
  });

  test('all: every part (none at all is every part); any: some part (none at all is none); not: the opposite', () => {
    const parts = [[], [T], [F], [T, T], [T, F], [F, T], [F, F], [T, T, F], [F, T, T], [T, T, T]];
    const cases = parts.map((of) => ({ name: of.map((c) => (c === T ? 'T' : 'F')).join('') || '(none)', of }));
    judged(cases, (c) => holds(all(...c.of), STRANGER, { areaId: A }), (c) => !c.of.includes(F));
    judged(cases, (c) => holds(any(...c.of), STRANGER, { areaId: A }), (c) => c.of.includes(T));
    expect([holds(not(T), STRANGER, { areaId: A }), holds(not(F), STRANGER, { areaId: A }), holds(not(not(F)), STRANGER, { areaId: A })]).toEqual([false, true, false]);
  });

  test('the parts are judged for the same viewer and record', () => {
    const coordinator = roleIn(A, AreaRoleKind.COORDINATOR);
    const draft: Resource = { areaId: A, flags: { draft: true }, people: { author: [PA.id] } };
    const cases = [
      { name: 'all(coordinator, draft) on a draft of A', cond: all(areaRole(AreaRoleKind.COORDINATOR), flag('draft')), v: coordinator, res: draft, expected: true },
      { name: 'all(coordinator, draft) on a draft of B', cond: all(areaRole(AreaRoleKind.COORDINATOR), flag('draft')), v: coordinator, res: { ...draft, areaId: B }, expected: false },
      { name: 'all(coordinator, draft) on a draft, by anonymous', cond: all(areaRole(AreaRoleKind.COORDINATOR), flag('draft')), v: ANONYMOUS, res: draft, expected: false },
      { name: 'any(author, public) by the author', cond: any(self('author'), flag('public')), v: viewer({ people: [PA] }), res: draft, expected: true },
      { name: 'any(author, public) by someone else', cond: any(self('author'), flag('public')), v: viewer({ people: [PB] }), res: draft, expected: false },
      { name: 'any(author, public) by someone else, public', cond: any(self('author'), flag('public')), v: ANONYMOUS, res: { ...draft, flags: { public: true } }, expected: true },
      { name: 'not(author) by the author', cond: not(self('author')), v: viewer({ people: [PA] }), res: draft, expected: false },
      { name: 'not(author) by someone else', cond: not(self('author')), v: viewer({ people: [PB] }), res: draft, expected: true },
      { name: 'not(draft) on a draft', cond: not(flag('draft')), v: coordinator, res: draft, expected: false },
    ];
    judged(cases, (c) => holds(c.cond, c.v, c.res), (c) => c.expected);
  });

  test('the constructors say what they are', () => {
    expect([seat('body'), seat('body', MembershipRole.CHAIR), chair('chain'), chair('chain', DelegatedPower.CONVENE)]).toEqual([
      { kind: 'seat', ref: 'body' },
      { kind: 'seat', ref: 'body', roles: [MembershipRole.CHAIR] },
      { kind: 'chair', ref: 'chain', power: DelegatedPower.CHAIR },
      { kind: 'chair', ref: 'chain', power: DelegatedPower.CONVENE },
    ]);
    expect([areaRole(), all(), any(), not(anyone), flag('public'), self('author'), represents('concerned'), convener('body'), minuteTaker('chain')]).toEqual([
      { kind: 'areaRole', roles: [] },
      { kind: 'all', of: [] },
      { kind: 'any', of: [] },
      { kind: 'not', of: { kind: 'anyone' } },
      { kind: 'flag', flag: 'public' },
      { kind: 'self', ref: 'author' },
      { kind: 'represents', ref: 'concerned' },
      { kind: 'convener', ref: 'body' },
      { kind: 'minuteTaker', ref: 'chain' },
    ]);
  });
});

// ── One login, people in several areas ──────────────────────────────────────────────────────

describe('one login holding people in several areas: what it holds in one area never counts in another', () => {
  /** Admin and coordinator of A, representing X there; in B a member of B1 representing Y, and the delegate of B1's chair. */
  const login = viewer({
    people: [{ ...PA, organisation: X }, { ...PB, organisation: Y }],
    roles: [
      [A, AreaRoleKind.ADMIN],
      [A, AreaRoleKind.COORDINATOR],
    ],
    seats: [{ areaId: B, body: B1, role: MembershipRole.MEMBER }],
    delegations: [{ areaId: B, body: B1, power: DelegatedPower.CONVENE }],
  });
  const bodyOfB = (convenerRule: Convener, taker: MinuteTaker): Resource => ({ areaId: B, bodies: { body: [{ id: B1, convener: convenerRule, minuteTaker: taker }] }, organisations: { concerned: [X], guarantor: [Y] } });

  test('each condition in area A and in area B', () => {
    const cases = [
      { name: 'areaRole(ADMIN) in A', cond: areaRole(AreaRoleKind.ADMIN), res: { areaId: A }, expected: true },
      { name: 'areaRole(ADMIN) in B', cond: areaRole(AreaRoleKind.ADMIN), res: { areaId: B }, expected: false },
      { name: 'areaRole(COORDINATOR) in B', cond: areaRole(AreaRoleKind.COORDINATOR), res: { areaId: B }, expected: false },
      { name: 'areaSeat in A', cond: areaSeat, res: { areaId: A }, expected: false },
      { name: 'areaSeat in B', cond: areaSeat, res: { areaId: B }, expected: true },
      { name: 'areaPerson in A', cond: areaPerson, res: { areaId: A }, expected: true },
      { name: 'areaPerson in B', cond: areaPerson, res: { areaId: B }, expected: true },
      { name: 'represents X (its person of A) in B', cond: represents('concerned'), res: bodyOfB(Convener.CHAIR, MinuteTaker.COORDINATOR), expected: false },
      { name: 'represents Y (its person of B) in B', cond: represents('guarantor'), res: bodyOfB(Convener.CHAIR, MinuteTaker.COORDINATOR), expected: true },
      { name: 'convener of B1 by the coordinator', cond: convener('body'), res: bodyOfB(Convener.COORDINATOR, MinuteTaker.COORDINATOR), expected: false },
      { name: 'convener of B1 by the chair (delegated)', cond: convener('body'), res: bodyOfB(Convener.CHAIR, MinuteTaker.COORDINATOR), expected: true },
      { name: 'minute-taker of B1 (coordinator)', cond: minuteTaker('body'), res: bodyOfB(Convener.CHAIR, MinuteTaker.COORDINATOR), expected: false },
      { name: 'convener of A1 by the coordinator', cond: convener('body'), res: inBody('body', { id: A1, convener: Convener.COORDINATOR }), expected: true },
      { name: 'minute-taker of A1 (coordinator)', cond: minuteTaker('body'), res: inBody('body', { id: A1, minuteTaker: MinuteTaker.COORDINATOR }), expected: true },
    ];
    judged(cases, (c) => holds(c.cond, login, c.res), (c) => c.expected);
  });

  test('the policy: a manager of A is no manager of B', () => {
    const personOfB = personResource({ id: 'someone-in-b', areaId: B });
    const personOfA = personResource({ id: 'someone-in-a', areaId: A });
    const actions: Action[] = ['person.create', 'person.update', 'person.readContacts', 'person.erase', 'role.grant', 'role.grantAdmin', 'organisation.create', 'body.create', 'people.export', 'history.export'];
    judged(
      actions.flatMap((action) => [
        { name: `${action} in A`, action, res: personOfA, expected: true },
        { name: `${action} in B`, action, res: personOfB, expected: false },
      ]),
      (c) => can(login, c.action, c.res),
      (c) => c.expected,
    );
  });
});

// ── Rows of the policy ───────────────────────────────────────────────────────────────────────

const body = (id: string, areaId: string, more: Partial<Pick<Body, 'isPublic' | 'convener' | 'minuteTaker' | 'kind'>> = {}) =>
  ({ id, areaId, isPublic: false, convener: Convener.CHAIR_OR_COORDINATOR, minuteTaker: MinuteTaker.COORDINATOR, ...more }) as Pick<Body, 'id' | 'areaId' | 'isPublic' | 'convener' | 'minuteTaker'> & { kind?: BodyKind };

/** The cast the rows are judged for, all of area A unless named otherwise. */
const CAST = {
  anonymous: ANONYMOUS,
  stranger: STRANGER,
  globalAdmin: GLOBAL_ADMIN,
  personOfA: viewer({ people: [PA] }),
  personOfB: viewer({ people: [PB] }),
  admin: roleIn(A, AreaRoleKind.ADMIN),
  coordinator: roleIn(A, AreaRoleKind.COORDINATOR),
  support: roleIn(A, AreaRoleKind.SUPPORT),
  clerk: roleIn(A, AreaRoleKind.CLERK),
  coordinatorOfB: roleIn(B, AreaRoleKind.COORDINATOR),
  chairOfA1: seatIn(A1, MembershipRole.CHAIR),
  deputyOfA1: seatIn(A1, MembershipRole.DEPUTY),
  secretaryOfA1: seatIn(A1, MembershipRole.SECRETARY),
  memberOfA1: seatIn(A1, MembershipRole.MEMBER),
  guestOfA1: seatIn(A1, MembershipRole.GUEST),
  memberOfA2: seatIn(A2, MembershipRole.MEMBER),
  chairOfA2: seatIn(A2, MembershipRole.CHAIR),
  conveneDelegate: seatIn(A1, MembershipRole.DEPUTY, [{ body: A1, power: DelegatedPower.CONVENE }]),
  verifyDelegate: seatIn(A1, MembershipRole.MEMBER, [{ body: A1, power: DelegatedPower.VERIFY_MINUTES }]),
  chairDelegate: seatIn(A1, MembershipRole.DEPUTY, [{ body: A1, power: DelegatedPower.CHAIR }]),
};
type Who = keyof typeof CAST;
const EVERYONE = Object.keys(CAST) as Who[];

/** Judges `action` on `res` for the whole cast: exactly `allowed` may. */
function only(action: Action, res: Resource, allowed: readonly Who[]): void {
  judged(
    EVERYONE.map((name) => ({ name: `${action}: ${name}`, who: name })),
    (c) => can(CAST[c.who], action, res),
    (c) => allowed.includes(c.who),
  );
}

describe('can: rows of the policy, as their comments say', () => {
  test('areas: a global admin creates them; the area admin (and global admins) change them; managers add municipalities', () => {
    only('area.create', { areaId: A }, ['globalAdmin']);
    only('area.create', SHARED, ['globalAdmin']);
    only('area.update', { areaId: A }, ['globalAdmin', 'admin']);
    only('area.addMunicipality', { areaId: A }, ['globalAdmin', 'admin', 'coordinator']);
    only('area.addMunicipality', { areaId: B }, ['globalAdmin', 'coordinatorOfB']);
  });

  test("person.read: area roles see everyone; others the people seated in public bodies or in their own bodies, and themselves", () => {
    only('person.read', personResource({ id: 'someone', areaId: A }), ['globalAdmin', 'admin', 'coordinator', 'support', 'clerk']);
    only('person.read', personResource(PA), ['globalAdmin', 'admin', 'coordinator', 'support', 'clerk', 'personOfA']);
    only('person.read', personResource({ id: 'someone', areaId: A }, { seatBodyIds: [A1] }), ['globalAdmin', 'admin', 'coordinator', 'support', 'clerk', 'chairOfA1', 'deputyOfA1', 'secretaryOfA1', 'memberOfA1', 'guestOfA1', 'conveneDelegate', 'verifyDelegate', 'chairDelegate']);
    only('person.read', personResource({ id: 'someone', areaId: A }, { seatBodyIds: [A1], seatedInPublicBody: true }), EVERYONE);
  });

  test('contacts: the managers and the person; changing the organisation: the managers only', () => {
    const themselves = personResource(PA);
    only('person.readContacts', personResource({ id: 'someone', areaId: A }), ['globalAdmin', 'admin', 'coordinator']);
    only('person.readContacts', themselves, ['globalAdmin', 'admin', 'coordinator', 'personOfA']);
    only('person.readContacts', personResource({ id: idOf(CAST.support), areaId: A }), ['globalAdmin', 'admin', 'coordinator', 'support']);
    only('person.update', themselves, ['globalAdmin', 'admin', 'coordinator', 'personOfA']);
    only('person.update', personResource({ id: idOf(CAST.memberOfA1), areaId: A }), ['globalAdmin', 'admin', 'coordinator', 'memberOfA1']);
    only('person.changeOrganisation', themselves, ['globalAdmin', 'admin', 'coordinator']);
    only('person.exportData', themselves, ['globalAdmin', 'admin', 'personOfA']);
    only('person.exportData', personResource({ id: idOf(CAST.coordinator), areaId: A }), ['globalAdmin', 'admin', 'coordinator']);
    only('person.erase', themselves, ['globalAdmin', 'admin']);
  });

  test("a login: the area's admin links it, and an admin's only a global admin", () => {
    only('person.changeSubject', personResource({ id: 'someone', areaId: A }), ['globalAdmin', 'admin']);
    only('person.changeSubject', personResource({ id: 'someone', areaId: A }, { isAdmin: true }), ['globalAdmin']);
    only('person.changeSubject', personResource({ id: 'someone', areaId: B }), ['globalAdmin']);
  });

  test('roles and seats: granted by the managers, never to themselves; the admin role by admins only', () => {
    const toSomeone = roleResource(A, 'someone');
    only('role.grant', toSomeone, ['globalAdmin', 'admin', 'coordinator']);
    only('role.grantAdmin', toSomeone, ['globalAdmin', 'admin']);
    only('role.revoke', toSomeone, ['globalAdmin', 'admin', 'coordinator']);
    only('role.revokeAdmin', roleResource(A, idOf(CAST.admin)), ['globalAdmin', 'admin']);
    const seatFor = (personId: string): Resource => ({ ...roleResource(A, personId), bodies: { body: [{ id: A1 }] } });
    only('membership.add', seatFor('someone'), ['globalAdmin', 'admin', 'coordinator']);
    const globalAdminOfA = viewer({ globalAdmin: true, people: [PA] });
    const cases = [
      { name: 'the coordinator grants a role to themselves', v: CAST.coordinator, action: 'role.grant' as Action, res: roleResource(A, idOf(CAST.coordinator)) },
      { name: 'the admin grants a role to themselves', v: CAST.admin, action: 'role.grant' as Action, res: roleResource(A, idOf(CAST.admin)) },
      { name: 'the admin grants the admin role to themselves', v: CAST.admin, action: 'role.grantAdmin' as Action, res: roleResource(A, idOf(CAST.admin)) },
      { name: 'a global admin grants a role to their person', v: globalAdminOfA, action: 'role.grant' as Action, res: roleResource(A, PA.id) },
      { name: 'a global admin grants the admin role to their person', v: globalAdminOfA, action: 'role.grantAdmin' as Action, res: roleResource(A, PA.id) },
      { name: 'the coordinator seats themselves', v: CAST.coordinator, action: 'membership.add' as Action, res: seatFor(idOf(CAST.coordinator)) },
      { name: 'a global admin seats their person', v: globalAdminOfA, action: 'membership.add' as Action, res: seatFor(PA.id) },
    ];
    judged(cases, (c) => can(c.v, c.action, c.res), () => false);
  });

  test("a delegation: granted by the body's chair in their own right or the managers, never to themselves; its note read also by the delegate", () => {
    const toSomeone = delegationResource(body(A1, A), 'someone');
    only('delegation.grant', toSomeone, ['globalAdmin', 'admin', 'coordinator', 'chairOfA1']);
    only('delegation.grant', delegationResource(body(A1, A), idOf(CAST.chairOfA1)), ['globalAdmin', 'admin', 'coordinator']);
    only('delegation.grant', delegationResource(body(A1, A), idOf(CAST.coordinator)), ['globalAdmin', 'admin', 'chairOfA1']);
    only('delegation.grant', delegationResource(body(A2, A), 'someone'), ['globalAdmin', 'admin', 'coordinator', 'chairOfA2']);
    only('delegation.readNote', delegationResource(body(A1, A), PA.id), ['globalAdmin', 'admin', 'coordinator', 'personOfA', 'chairOfA1']);
    only('delegation.revoke', delegationResource(body(A1, A), idOf(CAST.chairDelegate)), ['globalAdmin', 'admin', 'coordinator', 'chairOfA1', 'chairDelegate']);
  });

  test('a proposal: a draft to its author, its working group and the managers; submitted, also support, clerk and the bodies handling it; approved in a public group, everyone', () => {
    const proposal = (phase: ProposalPhase, facts: Parameters<typeof proposalResource>[1] = {}) =>
      proposalResource({ areaId: A, phase, author: { id: 'the-author' }, workingGroup: { id: A1 }, currentBody: { id: A2 } }, facts);
    const group = ['chairOfA1', 'deputyOfA1', 'secretaryOfA1', 'memberOfA1', 'guestOfA1', 'conveneDelegate', 'verifyDelegate', 'chairDelegate'] as Who[];
    only('proposal.read', proposal(ProposalPhase.DRAFT), ['globalAdmin', 'admin', 'coordinator', ...group]);
    only('proposal.read', proposal(ProposalPhase.IN_REVIEW), ['globalAdmin', 'admin', 'coordinator', 'support', 'clerk', ...group, 'memberOfA2', 'chairOfA2']);
    only('proposal.read', proposal(ProposalPhase.APPROVED, { workingGroupPublic: false }), ['globalAdmin', 'admin', 'coordinator', 'support', 'clerk', ...group, 'memberOfA2', 'chairOfA2']);
    only('proposal.read', proposal(ProposalPhase.APPROVED, { workingGroupPublic: true }), EVERYONE);
    const authored = proposalResource({ areaId: A, phase: ProposalPhase.DRAFT, author: { id: PA.id }, workingGroup: { id: B1 } });
    only('proposal.read', authored, ['globalAdmin', 'admin', 'coordinator', 'personOfA']);
  });

  test("a proposal is edited by its author or the group's chair (or who holds the chair's whole power)", () => {
    const p = proposalResource({ areaId: A, phase: ProposalPhase.DRAFT, author: { id: 'the-author' }, workingGroup: { id: A1 } });
    only('proposal.update', p, ['chairOfA1', 'chairDelegate']);
    only('proposal.follow', p, ['chairOfA1', 'chairDelegate']);
    only('proposal.create', p, ['admin', 'coordinator', 'chairOfA1', 'deputyOfA1', 'secretaryOfA1', 'memberOfA1', 'conveneDelegate', 'verifyDelegate', 'chairDelegate']);
  });

  test('the organisation a proposal concerns: changed by its author or the managers, never by one who represents it', () => {
    const p = (concerned: string[]): Resource => ({
      ...proposalResource({ areaId: A, phase: ProposalPhase.DRAFT, author: { id: PA.id }, workingGroup: { id: A1 } }),
      organisations: { concerned },
    });
    const author = (organisation?: string) => viewer({ people: [{ ...PA, organisation }] });
    const coordinatorFor = (organisation: string) => viewer({ people: [PA], roles: [[A, AreaRoleKind.COORDINATOR]], seats: [{ areaId: A, body: A2, role: MembershipRole.MEMBER, organisation }] });
    const cases = [
      { name: 'the author', v: author(), res: p([X]), expected: true },
      { name: 'the author of X, X concerned', v: author(X), res: p([X]), expected: false },
      { name: 'the author of X, Y concerned', v: author(X), res: p([Y]), expected: true },
      { name: 'the author of X, X concerned before and Y after', v: author(X), res: p([X, Y]), expected: false },
      { name: 'a coordinator seated for Y, Y concerned', v: coordinatorFor(Y), res: p([Y]), expected: false },
      { name: 'a coordinator seated for Y, X concerned', v: coordinatorFor(Y), res: p([X]), expected: true },
      { name: 'someone else of X', v: viewer({ people: [{ id: 'other', areaId: A, organisation: X }] }), res: p([Y]), expected: false },
    ];
    judged(cases, (c) => can(c.v, 'proposal.changeConcernedOrganisation', c.res), (c) => c.expected);
  });

  test("a meeting: convened by the body's convener (a person of the area); the late item by its chair; attendance also by the secretary and, for the council and the assembly, the clerk", () => {
    const byChair = bodyResource(body(A1, A, { convener: Convener.CHAIR }));
    const either = bodyResource(body(A1, A));
    only('meeting.schedule', byChair, ['chairOfA1', 'conveneDelegate', 'chairDelegate']);
    only('meeting.schedule', either, ['globalAdmin', 'admin', 'coordinator', 'chairOfA1', 'conveneDelegate', 'chairDelegate']);
    only('meeting.convene', either, ['admin', 'coordinator', 'chairOfA1', 'conveneDelegate', 'chairDelegate']);
    only('meeting.acceptLateItem', either, ['chairOfA1', 'chairDelegate']);
    only('meeting.addAgendaItem', bodyResource(body(A1, A, { convener: Convener.COORDINATOR })), ['globalAdmin', 'admin', 'coordinator', 'chairOfA1', 'chairDelegate']);
    only('meeting.recordAttendance', bodyResource(body(A1, A, { convener: Convener.COORDINATOR, kind: BodyKind.WORKING_GROUP })), ['globalAdmin', 'admin', 'coordinator', 'secretaryOfA1']);
    only('meeting.recordAttendance', bodyResource(body(A1, A, { convener: Convener.COORDINATOR, kind: BodyKind.COUNCIL })), ['globalAdmin', 'admin', 'coordinator', 'secretaryOfA1', 'clerk']);
    only('meeting.recordAttendance', bodyResource(body(A1, A, { convener: Convener.COORDINATOR, kind: BodyKind.ASSEMBLY })), ['globalAdmin', 'admin', 'coordinator', 'secretaryOfA1', 'clerk']);
    only('meeting.read', either, ['globalAdmin', 'admin', 'coordinator', 'support', 'chairOfA1', 'deputyOfA1', 'secretaryOfA1', 'memberOfA1', 'guestOfA1', 'conveneDelegate', 'verifyDelegate', 'chairDelegate']);
    only('meeting.read', bodyResource(body(A1, A, { isPublic: true })), EVERYONE);
  });

  test("the minutes: written by the body's minute-taker, verified by its chair or the member named to verify", () => {
    const bySecretary = bodyResource(body(A1, A, { minuteTaker: MinuteTaker.SECRETARY }));
    const byCoordinator = bodyResource(body(A1, A));
    only('minutes.draft', bySecretary, ['secretaryOfA1']);
    only('minutes.draft', byCoordinator, ['admin', 'coordinator']);
    only('minutes.distribute', bySecretary, ['secretaryOfA1']);
    only('minutes.verify', byCoordinator, ['chairOfA1', 'verifyDelegate', 'chairDelegate']);
    only('minutes.readDraft', bySecretary, ['globalAdmin', 'admin', 'coordinator', 'chairOfA1', 'deputyOfA1', 'secretaryOfA1', 'memberOfA1', 'guestOfA1', 'conveneDelegate', 'verifyDelegate', 'chairDelegate']);
  });

  test('a plan: read by the area roles and seats, an adopted one by everyone; its hearing draft also while a hearing is open', () => {
    const seated = ['chairOfA1', 'deputyOfA1', 'secretaryOfA1', 'memberOfA1', 'guestOfA1', 'memberOfA2', 'chairOfA2', 'conveneDelegate', 'verifyDelegate', 'chairDelegate'] as Who[];
    const roles = ['globalAdmin', 'admin', 'coordinator', 'support', 'clerk'] as Who[];
    only('plan.read', planResource(A), [...roles, ...seated]);
    only('plan.read', planResource(A, { hearingOpen: true }), [...roles, ...seated]);
    only('plan.read', planResource(A, { adopted: true }), EVERYONE);
    only('hearing.read', planResource(A, { hearingOpen: true }), EVERYONE);
    only('hearing.read', planResource(A), [...roles, ...seated]);
    only('hearing.readSettlement', planResource(A, { hearingOpen: true }), [...roles, ...seated]);
    only('hearing.comment', planResource(A), EVERYONE);
    only('plan.edit', planResource(A), ['admin', 'coordinator', 'support']);
  });

  test("guarantors: a person named or a person of an organisation named records values; nobody names themselves or their organisation", () => {
    const guarantorOfX = viewer({ people: [{ ...PA, organisation: X }] });
    const seatedForX = viewer({ people: [PA], seats: [{ areaId: A, body: A1, role: MembershipRole.MEMBER, organisation: X }] });
    const supportOfX = viewer({ people: [{ ...PA, organisation: X }], roles: [[A, AreaRoleKind.SUPPORT]] });
    const cases = [
      { name: 'record: the person named', v: viewer({ people: [PA] }), action: 'plan.recordIndicatorValue' as Action, res: planResource(A, { guarantorIds: [PA.id] }), expected: true },
      { name: 'record: a person of X, X named', v: guarantorOfX, action: 'plan.recordIndicatorValue' as Action, res: planResource(A, { guarantorOrganisationIds: [X] }), expected: true },
      { name: 'record: seated for X, X named', v: seatedForX, action: 'plan.recordIndicatorValue' as Action, res: planResource(A, { guarantorOrganisationIds: [X] }), expected: true },
      { name: 'record: a person of X, Y named', v: guarantorOfX, action: 'plan.recordIndicatorValue' as Action, res: planResource(A, { guarantorOrganisationIds: [Y] }), expected: false },
      { name: 'record: X of area B', v: viewer({ people: [{ ...PB, organisation: X }] }), action: 'plan.recordIndicatorValue' as Action, res: planResource(A, { guarantorOrganisationIds: [X] }), expected: false },
      { name: 'record: the coordinator', v: CAST.coordinator, action: 'plan.recordIndicatorValue' as Action, res: planResource(A, { guarantorIds: ['someone'] }), expected: true },
      { name: 'record: a global admin (no person of the area)', v: GLOBAL_ADMIN, action: 'plan.recordIndicatorValue' as Action, res: planResource(A, { guarantorIds: ['someone'] }), expected: false },
      { name: 'desk: the coordinator is no guarantor', v: CAST.coordinator, action: 'plan.guaranteeIndicator' as Action, res: planResource(A, { guarantorIds: ['someone'] }), expected: false },
      { name: 'desk: a person of X, X named', v: guarantorOfX, action: 'plan.guaranteeIndicator' as Action, res: planResource(A, { guarantorOrganisationIds: [X] }), expected: true },
      { name: 'name: support names someone', v: supportOfX, action: 'plan.nameGuarantor' as Action, res: planResource(A, { guarantorIds: ['someone'], guarantorOrganisationIds: [Y] }), expected: true },
      { name: 'name: support names themselves', v: supportOfX, action: 'plan.nameGuarantor' as Action, res: planResource(A, { guarantorIds: [PA.id] }), expected: false },
      { name: 'name: support names X, theirs', v: supportOfX, action: 'plan.nameGuarantor' as Action, res: planResource(A, { guarantorOrganisationIds: [X] }), expected: false },
      { name: 'name: a member names someone', v: CAST.memberOfA1, action: 'plan.nameGuarantor' as Action, res: planResource(A, { guarantorIds: ['someone'] }), expected: false },
    ];
    judged(cases, (c) => can(c.v, c.action, c.res), (c) => c.expected);
  });

  test("what all areas share, and the viewer's own", () => {
    only('provider.read', SHARED, EVERYONE);
    only('provider.importRegister', SHARED, ['globalAdmin']);
    only('desk.read', personResource(PA), EVERYONE.filter((w) => w !== 'anonymous'));
    only('notification.markRead', { areaId: A, people: { recipient: [PA.id] } }, ['personOfA']);
    only('organisation.read', { areaId: A }, EVERYONE.filter((w) => !['anonymous', 'stranger', 'personOfB', 'coordinatorOfB'].includes(w)));
  });
});

describe('belongsTo: standing in an area is a person there, or being a global admin', () => {
  test('for each viewer and area', () => {
    const cases = [
      { name: 'person of A in A', v: CAST.personOfA, area: A, expected: true },
      { name: 'person of A in B', v: CAST.personOfA, area: B, expected: false },
      { name: 'people of A and B in B', v: viewer({ people: [PA, PB] }), area: B, expected: true },
      { name: 'global admin in A', v: GLOBAL_ADMIN, area: A, expected: true },
      { name: 'global admin in B', v: GLOBAL_ADMIN, area: B, expected: true },
      { name: 'a role in A without a person record', v: viewer({ roles: [[A, AreaRoleKind.COORDINATOR]] }), area: A, expected: false },
      { name: 'a seat in A without a person record', v: viewer({ seats: [{ areaId: A, body: A1, role: MembershipRole.CHAIR }] }), area: A, expected: false },
      { name: 'signed in, nobody', v: STRANGER, area: A, expected: false },
      { name: 'anonymous', v: ANONYMOUS, area: A, expected: false },
    ];
    judged(cases, (c) => belongsTo(c.v, c.area), (c) => c.expected);
  });
});

// ── Refusals ─────────────────────────────────────────────────────────────────────────────────

const ctx = (v: Viewer, locale: Locale = 'cs') => ({ locale, viewer: v }) as unknown as RequestContext;
const LOCALES: Locale[] = ['cs', 'en'];

/** What a client learns of an error: its code, its message, its refusals and reasons, its HTTP status. */
function told(error: unknown) {
  expect(error).toBeInstanceOf(AppError);
  const { extensions, message } = error as AppError;
  return { code: extensions.code, message, refusals: extensions.refusals, reasons: extensions.reasons, http: extensions.http, entity: extensions.entity };
}
const forbiddenWith = (text: { cs: string; en: string }, locale: Locale) => ({
  code: 'FORBIDDEN',
  message: text[locale],
  refusals: [{ code: 'NOT_YOUR_ROLE', message: text[locale] }],
  reasons: [text[locale]],
  http: undefined,
  entity: undefined,
});
const SIGN_IN = { cs: 'Přihlaste se.', en: 'Authentication required.' };
const unauthenticated = (locale: Locale) => ({
  code: 'UNAUTHENTICATED',
  message: SIGN_IN[locale],
  refusals: [{ code: 'NOT_SIGNED_IN', message: SIGN_IN[locale] }],
  reasons: [SIGN_IN[locale]],
  http: { status: 401 },
  entity: undefined,
});
const notFound = (locale: Locale, what: string, id?: string) => ({
  code: 'NOT_FOUND',
  message: `${locale === 'cs' ? 'Nenalezeno.' : 'Not found.'} (${what}${id ? ` ${id}` : ''})`,
  refusals: undefined,
  reasons: undefined,
  http: undefined,
  entity: what,
});

describe('refusals: what a refused viewer is told, in Czech and English', () => {
  test('a read refused is NOT_FOUND, as if the record did not exist, to everyone', () => {
    for (const locale of LOCALES) {
      const cases = (['anonymous', 'stranger', 'personOfA', 'personOfB', 'support'] as Who[]).map((who) => ({ name: `${locale} ${who}`, who }));
      judged(cases, (c) => told(refusal(ctx(CAST[c.who], locale), 'body.read', bodyResource(body(A1, A)), 'Body', A1)), () => notFound(locale, 'Body', A1));
      expect(told(refusal(ctx(GLOBAL_ADMIN, locale), 'calendarFeed.revoke', personResource(PA), 'CalendarFeed'))).toEqual(notFound(locale, 'CalendarFeed'));
    }
  });

  test("another area's record is NOT_FOUND for anyone not a person of that area; to a person of it (or a global admin) the row's words", () => {
    const says = POLICY['body.create'].says;
    for (const locale of LOCALES) {
      const cases = [
        { name: 'anonymous', v: ANONYMOUS, expected: notFound(locale, 'Area', A) },
        { name: 'signed in, nobody', v: STRANGER, expected: notFound(locale, 'Area', A) },
        { name: 'person of B', v: CAST.personOfB, expected: notFound(locale, 'Area', A) },
        { name: 'coordinator of B', v: CAST.coordinatorOfB, expected: notFound(locale, 'Area', A) },
        { name: 'person of A', v: CAST.personOfA, expected: forbiddenWith(says, locale) },
        { name: 'support of A', v: CAST.support, expected: forbiddenWith(says, locale) },
      ];
      judged(
        cases.map((c) => ({ ...c, name: `${locale} ${c.name}` })),
        (c) => told(refusal(ctx(c.v, locale), 'body.create', { areaId: A }, 'Area', A)),
        (c) => c.expected,
      );
      // A global admin has standing everywhere: refused what needs a person of the area, they are told why.
      expect(told(refusal(ctx(viewer({ globalAdmin: true, people: [PB] }), locale), 'meeting.convene', bodyResource(body(A1, A)), 'Meeting', 'm-1'))).toEqual(
        forbiddenWith({ cs: 'Toto smí jen ten, kdo podle pravidel orgánu svolává jednání.', en: "Only the body's convener may do this." }, locale),
      );
    }
  });

  test('what all areas share is never hidden: without a token UNAUTHENTICATED (401), with one FORBIDDEN and the words of the row', () => {
    for (const locale of LOCALES) {
      expect(told(refusal(ctx(ANONYMOUS, locale), 'provider.importRegister', SHARED, 'Provider'))).toEqual(unauthenticated(locale));
      expect(told(refusal(ctx(CAST.coordinator, locale), 'provider.importRegister', SHARED, 'Provider'))).toEqual(
        forbiddenWith({ cs: 'Registr poskytovatelů je společný všem oblastem; nahrává jej jen hlavní správce.', en: 'The register of providers is shared by all areas; only a global admin imports it.' }, locale),
      );
    }
  });

  test("a record whose row admits the viewer is not hidden from them, though they have no standing in its area", () => {
    for (const locale of LOCALES) {
      expect(told(refusal(ctx(ANONYMOUS, locale), 'hearing.comment', planResource(A), 'Plan')).code).toBe('UNAUTHENTICATED');
      expect(told(refusal(ctx(CAST.personOfB, locale), 'hearing.comment', planResource(A), 'Plan'))).toEqual(forbiddenWith({ cs: 'Nenalezeno.', en: 'Not found.' }, locale));
    }
  });

  test('authorize: nothing when allowed, else the same refusal', () => {
    const res = bodyResource(body(A1, A, { convener: Convener.CHAIR }));
    expect(authorize(ctx(CAST.chairOfA1), 'meeting.schedule', res, 'Meeting', 'm-1')).toBeUndefined();
    expect(authorize(ctx(CAST.conveneDelegate), 'meeting.schedule', res, 'Meeting', 'm-1')).toBeUndefined();
    for (const locale of LOCALES) {
      const refused = [
        { name: 'coordinator', v: CAST.coordinator, expected: forbiddenWith({ cs: 'Toto smí jen ten, kdo podle pravidel orgánu svolává jednání.', en: "Only the body's convener may do this." }, locale) },
        { name: 'person of B', v: CAST.personOfB, expected: notFound(locale, 'Meeting', 'm-1') },
        { name: 'anonymous', v: ANONYMOUS, expected: notFound(locale, 'Meeting', 'm-1') },
      ];
      judged(
        refused,
        (c) => {
          try {
            authorize(ctx(c.v, locale), 'meeting.schedule', res, 'Meeting', 'm-1');
            return 'allowed';
          } catch (error) {
            return told(error);
          }
        },
        (c) => c.expected,
      );
    }
  });

  test('forbiddenBy: FORBIDDEN with the words of the row, for a part of a record the viewer sees', () => {
    for (const locale of LOCALES) {
      expect(told(forbiddenBy({ locale }, 'person.readContacts'))).toEqual(
        forbiddenWith(
          { cs: 'Kontaktní údaje vidí jen správce a koordinátor oblasti a osoba sama.', en: "Contact details are visible only to the area's admins and coordinators and to the person." },
          locale,
        ),
      );
      expect(told(forbiddenBy({ locale }, 'minutes.verify'))).toEqual(forbiddenWith({ cs: 'Zápis ověřuje předseda orgánu.', en: 'The chair verifies the minutes.' }, locale));
    }
  });

  test('assertInArea: NOT_FOUND for a record of an area the viewer has no standing in', () => {
    expect(() => assertInArea(ctx(CAST.personOfA), A, 'Body', A1)).not.toThrow();
    expect(() => assertInArea(ctx(GLOBAL_ADMIN), B, 'Body', B1)).not.toThrow();
    for (const locale of LOCALES) {
      for (const v of [ANONYMOUS, STRANGER, CAST.personOfB, viewer({ roles: [[A, AreaRoleKind.ADMIN]] })]) {
        let thrown: unknown;
        try {
          assertInArea(ctx(v, locale), A, 'Body', A1);
        } catch (error) {
          thrown = error;
        }
        expect(told(thrown)).toEqual(notFound(locale, 'Body', A1));
      }
    }
  });
});

// ── The shield ───────────────────────────────────────────────────────────────────────────────

type Operation = 'Query' | 'Mutation' | 'Subscription';
const attempt = (v: Viewer, operation: Operation, field: string, locale: Locale = 'cs') => {
  const answer = mayAttempt(ctx(v, locale), operation, field);
  return answer === true ? true : told(answer);
};

describe('the shield: refuses before any record is read only what no record could allow', () => {
  test('an operation it does not know is refused, to everyone', () => {
    for (const locale of LOCALES) {
      for (const operation of ['Query', 'Mutation', 'Subscription'] as Operation[]) {
        for (const v of [ANONYMOUS, STRANGER, GLOBAL_ADMIN]) {
          expect([operation, attempt(v, operation, 'noSuchOperation', locale)]).toEqual([operation, forbiddenWith({ cs: 'Neznámá operace.', en: 'Unknown operation.' }, locale)]);
        }
      }
    }
  });

  test('without a token: only the public queries, the reads (refused later as NOT_FOUND), and commenting a hearing', () => {
    const refusedQueries = ['workflowDrafts', 'workflowDraft', 'validateWorkflowDraft', 'previewWorkflowDraft', 'personalDataExport', 'exportDecisionHistory', 'exportPeopleAndSeats', 'myDesk'];
    const refusedSubscriptions = ['notificationAdded', 'myDeskChanged'];
    const cases = (['Query', 'Mutation', 'Subscription'] as Operation[]).flatMap((operation) => Object.keys(OPERATION_ACTIONS[operation]).map((field) => ({ name: `${operation}.${field}`, operation, field })));
    for (const locale of LOCALES) {
      judged(
        cases,
        (c) => attempt(ANONYMOUS, c.operation, c.field, locale),
        (c) =>
          (c.operation === 'Query' && !refusedQueries.includes(c.field)) || (c.operation === 'Subscription' && !refusedSubscriptions.includes(c.field)) || c.field === 'submitHearingComment'
            ? true
            : unauthenticated(locale),
      );
    }
  });

  test('signed in without any record: everything but what only a global admin may do (those with the words of the row)', () => {
    const cases = (['Query', 'Mutation', 'Subscription'] as Operation[]).flatMap((operation) => Object.keys(OPERATION_ACTIONS[operation]).map((field) => ({ name: `${operation}.${field}`, operation, field })));
    for (const locale of LOCALES) {
      judged(
        cases,
        (c) => attempt(STRANGER, c.operation, c.field, locale),
        (c) => (c.field === 'createArea' ? forbiddenWith(POLICY['area.create'].says, locale) : c.field === 'importProviderRegister' ? forbiddenWith(POLICY['provider.importRegister'].says, locale) : true),
      );
    }
    judged(cases, (c) => attempt(GLOBAL_ADMIN, c.operation, c.field), () => true);
    judged(cases, (c) => attempt(CAST.coordinator, c.operation, c.field) === true, (c) => !['createArea', 'importProviderRegister'].includes(c.field));
  });

  test('a refusal says nothing about any record: whatever it refuses, no record of any area allows', () => {
    const viewers = Object.entries(CAST);
    const resources = sampleResources();
    for (const [operation, fields] of Object.entries(OPERATION_ACTIONS) as Array<[Operation, Record<string, Action | 'anyone' | readonly Action[]>]>) {
      for (const [field, mapped] of Object.entries(fields)) {
        const actions = (mapped === 'anyone' ? [] : Array.isArray(mapped) ? mapped : [mapped]) as Action[];
        for (const [name, v] of viewers) {
          if (mayAttempt(ctx(v), operation, field) === true) continue;
          const allowedSomewhere = actions.flatMap((action) => resources.filter((res) => can(v, action, res)).map((res) => [action, res]));
          expect([operation, field, name, allowedSomewhere]).toEqual([operation, field, name, []]);
        }
      }
    }
  });
});

/** Records of every area that name everything a viewer of CAST could be, or nothing. */
function sampleResources(): Resource[] {
  const everyBody: BodyFacts[] = [A1, A2, B1].flatMap((id) => [undefined, ...Object.values(Convener)].flatMap((c) => [undefined, ...Object.values(MinuteTaker)].map((m) => ({ id, convener: c, minuteTaker: m }))));
  const people = [PA.id, PB.id, 'someone'];
  const orgs = [X, Y, Z];
  return [A, B, null].flatMap((areaId) =>
    [true, false].flatMap((named) =>
      [true, false].flatMap((flagged) =>
        [true, false].map(
          (withOrgs): Resource => ({
            areaId,
            people: named ? Object.fromEntries(PERSON_REFS.map((r) => [r, people])) : {},
            bodies: named ? Object.fromEntries(BODY_REFS.map((r) => [r, everyBody])) : {},
            organisations: withOrgs ? Object.fromEntries(ORGANISATION_REFS.map((r) => [r, orgs])) : {},
            flags: Object.fromEntries(FLAGS.map((f) => [f, flagged])),
          }),
        ),
      ),
    ),
  );
}

describe('the shield judges each condition as far as it can be known before the record', () => {
  /** A row of our own, tried through the shield as a mutation, and removed again. */
  const TRIED: PolicyRow['says'] = { cs: 'Zkušební řádek.', en: 'A row on trial.' };
  function tried(who: Condition | Condition[], v: Viewer, operation: Operation = 'Mutation'): true | 'refused' {
    const conds = Array.isArray(who) ? who : [who];
    const policy = POLICY as unknown as Record<string, PolicyRow>;
    const operations = OPERATION_ACTIONS[operation] as Record<string, string | string[]>;
    conds.forEach((c, i) => (policy[`test.row${i}`] = { on: 'Area', who: c, says: { cs: `${TRIED.cs} ${i}`, en: `${TRIED.en} ${i}` } }));
    operations.testOperation = conds.map((_c, i) => `test.row${i}`);
    try {
      const answer = mayAttempt(ctx(v), operation, 'testOperation');
      if (answer !== true) {
        expect(told(answer)).toEqual(v.isAuthenticated ? forbiddenWith({ cs: `${TRIED.cs} 0`, en: `${TRIED.en} 0` }, 'cs') : unauthenticated('cs'));
        return 'refused';
      }
      return true;
    } finally {
      conds.forEach((_c, i) => delete policy[`test.row${i}`]);
      delete operations.testOperation;
    }
  }

  const RECORD_CONDITIONS: Array<[string, Condition]> = [
    ['areaPerson', areaPerson],
    ['areaRole(COORDINATOR)', areaRole(AreaRoleKind.COORDINATOR)],
    ['areaSeat', areaSeat],
    ['represents', represents('concerned')],
    ['self', self('author')],
    ['seat', seat('body')],
    ['chair', chair('body')],
    ['convener', convener('body')],
    ['minuteTaker', minuteTaker('body')],
  ];

  test("what depends on the record's area may hold for anyone signed in, for nobody without a token; a flag may hold for anyone", () => {
    const cases = [
      ...RECORD_CONDITIONS.flatMap(([name, cond]) => [
        { name: `${name}, anonymous`, cond, v: ANONYMOUS, expected: 'refused' },
        { name: `${name}, signed in`, cond, v: STRANGER, expected: true },
        { name: `${name}, global admin`, cond, v: GLOBAL_ADMIN, expected: true },
        { name: `not ${name}, anonymous`, cond: not(cond), v: ANONYMOUS, expected: true },
        { name: `not ${name}, signed in`, cond: not(cond), v: STRANGER, expected: true },
        { name: `not not ${name}, signed in`, cond: not(not(cond)), v: STRANGER, expected: true },
        { name: `not not ${name}, anonymous`, cond: not(not(cond)), v: ANONYMOUS, expected: 'refused' },
      ]),
      { name: 'flag, anonymous', cond: flag('public'), v: ANONYMOUS, expected: true },
      { name: 'not flag, anonymous', cond: not(flag('public')), v: ANONYMOUS, expected: true },
      { name: 'not not flag, anonymous', cond: not(not(flag('public'))), v: ANONYMOUS, expected: true },
      { name: 'not not flag, signed in', cond: not(not(flag('public'))), v: STRANGER, expected: true },
      { name: 'areaRole(ADMIN), signed in', cond: areaRole(AreaRoleKind.ADMIN), v: STRANGER, expected: true },
      { name: 'areaRole(ADMIN), anonymous', cond: areaRole(AreaRoleKind.ADMIN), v: ANONYMOUS, expected: 'refused' },
    ];
    judged(cases, (c) => tried(c.cond, c.v), (c) => c.expected);
  });

  test('who the viewer is is known: anyone, signedIn, globalAdmin, and ADMIN for a global admin, also under not', () => {
    const cases = [
      { name: 'anyone, anonymous', cond: anyone, v: ANONYMOUS, expected: true },
      { name: 'not anyone, global admin', cond: not(anyone), v: GLOBAL_ADMIN, expected: 'refused' },
      { name: 'signedIn, anonymous', cond: signedIn, v: ANONYMOUS, expected: 'refused' },
      { name: 'signedIn, signed in', cond: signedIn, v: STRANGER, expected: true },
      { name: 'not signedIn, signed in', cond: not(signedIn), v: STRANGER, expected: 'refused' },
      { name: 'not signedIn, anonymous', cond: not(signedIn), v: ANONYMOUS, expected: true },
      { name: 'globalAdmin, signed in', cond: globalAdmin, v: STRANGER, expected: 'refused' },
      { name: 'globalAdmin, global admin', cond: globalAdmin, v: GLOBAL_ADMIN, expected: true },
      { name: 'not globalAdmin, global admin', cond: not(globalAdmin), v: GLOBAL_ADMIN, expected: 'refused' },
      { name: 'not globalAdmin, signed in', cond: not(globalAdmin), v: STRANGER, expected: true },
      { name: 'not areaRole(ADMIN), global admin', cond: not(areaRole(AreaRoleKind.ADMIN)), v: GLOBAL_ADMIN, expected: 'refused' },
      { name: 'not areaRole(ADMIN, SUPPORT), global admin', cond: not(areaRole(AreaRoleKind.SUPPORT, AreaRoleKind.ADMIN)), v: GLOBAL_ADMIN, expected: 'refused' },
      { name: 'not areaRole(COORDINATOR), global admin', cond: not(areaRole(AreaRoleKind.COORDINATOR)), v: GLOBAL_ADMIN, expected: true },
      { name: 'not areaRole(ADMIN), signed in', cond: not(areaRole(AreaRoleKind.ADMIN)), v: STRANGER, expected: true },
    ];
    judged(cases, (c) => tried(c.cond, c.v), (c) => c.expected);
  });

  test('all: refused if a part can never hold, known if every part is; any: known if a part is, refused if none can hold', () => {
    const U = flag('public'); // not known before the record
    const cases = [
      { name: 'all()', cond: all(), expected: true, negated: 'refused' },
      { name: 'any()', cond: any(), expected: 'refused', negated: true },
      { name: 'all(T, T)', cond: all(T, T), expected: true, negated: 'refused' },
      { name: 'all(T, U)', cond: all(T, U), expected: true, negated: true },
      { name: 'all(U, F)', cond: all(U, F), expected: 'refused', negated: true },
      { name: 'all(F, U)', cond: all(F, U), expected: 'refused', negated: true },
      { name: 'all(U, U)', cond: all(U, U), expected: true, negated: true },
      { name: 'any(F, F)', cond: any(F, F), expected: 'refused', negated: true },
      { name: 'any(F, U)', cond: any(F, U), expected: true, negated: true },
      { name: 'any(U, T)', cond: any(U, T), expected: true, negated: 'refused' },
      { name: 'any(T, F)', cond: any(T, F), expected: true, negated: 'refused' },
      { name: 'any(U, U)', cond: any(U, U), expected: true, negated: true },
      { name: 'all(any(F, U), T)', cond: all(any(F, U), T), expected: true, negated: true },
      { name: 'any(all(T, T), U)', cond: any(all(T, T), U), expected: true, negated: 'refused' },
    ];
    judged(cases, (c) => tried(c.cond, STRANGER), (c) => c.expected);
    judged(cases, (c) => tried(not(c.cond), STRANGER), (c) => c.negated);
    judged(cases, (c) => tried(not(not(c.cond)), STRANGER), (c) => c.expected);
  });

  test('an operation of several actions is attempted if any may be allowed; refused, it says the words of the first', () => {
    expect(tried([globalAdmin, globalAdmin], STRANGER)).toBe('refused');
    expect(tried([globalAdmin, self('author')], STRANGER)).toBe(true);
    expect(tried([self('author'), globalAdmin], STRANGER)).toBe(true);
    expect(tried([globalAdmin, globalAdmin], ANONYMOUS)).toBe('refused');
  });

  test('a read (or a subscription) whose rows all hide is left to the service; a row that does not hide is judged', () => {
    const policy = POLICY as unknown as Record<string, PolicyRow>;
    for (const operation of ['Query', 'Subscription'] as Operation[]) {
      const operations = OPERATION_ACTIONS[operation] as Record<string, string>;
      policy['test.hidden'] = { on: 'Area', who: globalAdmin, says: TRIED, hidden: true };
      policy['test.said'] = { on: 'Area', who: globalAdmin, says: TRIED };
      try {
        operations.testHidden = 'test.hidden';
        operations.testSaid = 'test.said';
        expect([operation, attempt(STRANGER, operation, 'testHidden'), attempt(ANONYMOUS, operation, 'testHidden')]).toEqual([operation, true, true]);
        expect([operation, attempt(STRANGER, operation, 'testSaid'), attempt(ANONYMOUS, operation, 'testSaid', 'en')]).toEqual([operation, forbiddenWith(TRIED, 'cs'), unauthenticated('en')]);
      } finally {
        delete operations.testHidden;
        delete operations.testSaid;
        delete policy['test.hidden'];
        delete policy['test.said'];
      }
    }
    // A mutation is judged even when its row hides: it may be refused before any record is read.
    expect(attempt(ANONYMOUS, 'Mutation', 'revokeCalendarFeed')).toEqual(unauthenticated('cs'));
  });
});

// ── Acting for a chair ───────────────────────────────────────────────────────────────────────

describe("acting for a chair: in one's own right, or on behalf of the chair who delegated the power", () => {
  const delegate = (delegations: Facts['delegations'], seats: Facts['seats'] = []) => viewer({ people: [PA], seats, delegations });

  test("chairPower: the chair in their own right; a delegate of that power or of the chair's whole power for the chair named; nobody else", () => {
    const cases = [
      ...POWERS.flatMap((power) => [
        { name: `chair, ${power}`, v: CAST.chairOfA1, power, expected: { acts: true, onBehalfOf: null } },
        { name: `chair also delegated, ${power}`, v: delegate([{ body: A1, power: DelegatedPower.CHAIR, forPersonId: 'former-chair' }], [{ areaId: A, body: A1, role: MembershipRole.CHAIR }]), power, expected: { acts: true, onBehalfOf: null } },
        { name: `delegated CHAIR, ${power}`, v: delegate([{ body: A1, power: DelegatedPower.CHAIR, forPersonId: 'jana' }]), power, expected: { acts: true, onBehalfOf: 'jana' } },
        { name: `delegated CHAIR in A2, ${power}`, v: delegate([{ body: A2, power: DelegatedPower.CHAIR, forPersonId: 'jana' }]), power, expected: { acts: false, onBehalfOf: null } },
        { name: `chair of A2, ${power}`, v: CAST.chairOfA2, power, expected: { acts: false, onBehalfOf: null } },
        { name: `deputy, ${power}`, v: CAST.deputyOfA1, power, expected: { acts: false, onBehalfOf: null } },
        { name: `coordinator, ${power}`, v: CAST.coordinator, power, expected: { acts: false, onBehalfOf: null } },
        ...POWERS.filter((p) => p !== DelegatedPower.CHAIR).map((held) => ({
          name: `delegated ${held}, ${power}`,
          v: delegate([{ body: A1, power: held, forPersonId: 'petr' }]),
          power,
          expected: held === power ? { acts: true, onBehalfOf: 'petr' } : { acts: false, onBehalfOf: null },
        })),
      ]),
      { name: 'delegated by nobody named', v: delegate([{ body: A1, power: DelegatedPower.CONVENE, forPersonId: null }]), power: DelegatedPower.CONVENE, expected: { acts: true, onBehalfOf: null } },
    ];
    judged(cases, (c) => chairPower(c.v, A1, c.power), (c) => c.expected);
  });

  test("chairsOnChain: the bodies of the chain whose chair's whole power the viewer holds, in the chain's order", () => {
    const chain = [{ id: A1, name: 'group' }, { id: A2, name: 'steering' }, { id: B1, name: 'elsewhere' }];
    const v = delegate(
      [
        { body: A1, power: DelegatedPower.CONVENE, forPersonId: 'petr' },
        { body: B1, power: DelegatedPower.CHAIR, forPersonId: 'jana' },
      ],
      [{ areaId: A, body: A2, role: MembershipRole.CHAIR }],
    );
    expect(chairsOnChain(v, chain)).toEqual([
      { body: chain[1], onBehalfOf: null },
      { body: chain[2], onBehalfOf: 'jana' },
    ]);
    expect(chairsOnChain(v, chain)[0].body).toBe(chain[1]);
    expect(chairsOnChain(CAST.chairOfA1, chain)).toEqual([{ body: chain[0], onBehalfOf: null }]);
    expect(chairsOnChain(CAST.coordinator, chain)).toEqual([]);
    expect(chairsOnChain(v, [])).toEqual([]);
  });

  test('onBehalfOf: the chair named in the delegation that alone allows the act; nobody when the viewer may in their own right or may not at all', () => {
    const byChair = bodyResource(body(A1, A, { convener: Convener.CHAIR }));
    const either = bodyResource(body(A1, A));
    const coordinatorDelegated = viewer({ people: [PA], roles: [[A, AreaRoleKind.COORDINATOR]], delegations: [{ body: A1, power: DelegatedPower.CONVENE, forPersonId: 'petr' }] });
    const cases = [
      { name: 'CONVENE delegate', v: delegate([{ body: A1, power: DelegatedPower.CONVENE, forPersonId: 'petr' }]), res: byChair, expected: 'petr' },
      { name: 'CHAIR delegate', v: delegate([{ body: A1, power: DelegatedPower.CHAIR, forPersonId: 'jana' }]), res: byChair, expected: 'jana' },
      {
        name: 'both: the power asked for first',
        v: delegate([
          { body: A1, power: DelegatedPower.CHAIR, forPersonId: 'jana' },
          { body: A1, power: DelegatedPower.CONVENE, forPersonId: 'petr' },
        ]),
        res: byChair,
        expected: 'petr',
      },
      {
        name: "another body's delegation of the power is not this body's",
        v: delegate([
          { body: A2, power: DelegatedPower.CONVENE, forPersonId: 'eva' },
          { body: A1, power: DelegatedPower.CHAIR, forPersonId: 'jana' },
        ]),
        res: byChair,
        expected: 'jana',
      },
      {
        name: "another power's delegation is not the chair's whole power",
        v: delegate([
          { body: A1, power: DelegatedPower.VERIFY_MINUTES, forPersonId: 'eva' },
          { body: A1, power: DelegatedPower.CHAIR, forPersonId: 'jana' },
        ]),
        res: byChair,
        expected: 'jana',
      },
      { name: 'the chair', v: CAST.chairOfA1, res: byChair, expected: null },
      { name: 'a coordinator delegated, the coordinator may convene', v: coordinatorDelegated, res: either, expected: null },
      { name: 'a coordinator delegated, only the chair may convene', v: coordinatorDelegated, res: byChair, expected: 'petr' },
      { name: 'a VERIFY_MINUTES delegate may not convene', v: delegate([{ body: A1, power: DelegatedPower.VERIFY_MINUTES, forPersonId: 'eva' }]), res: byChair, expected: null },
      { name: 'a delegate of another body', v: delegate([{ body: A2, power: DelegatedPower.CHAIR, forPersonId: 'eva' }]), res: byChair, expected: null },
      { name: 'anonymous', v: ANONYMOUS, res: byChair, expected: null },
    ];
    judged(cases, (c) => onBehalfOf(c.v, 'meeting.schedule', c.res, DelegatedPower.CONVENE), (c) => c.expected);
    // Allowed by a delegation of another power than the one asked about: no chair delegated that power to them.
    expect(onBehalfOf(delegate([{ body: A1, power: DelegatedPower.VERIFY_MINUTES, forPersonId: 'eva' }]), 'minutes.verify', bodyResource(body(A1, A)), DelegatedPower.CONVENE)).toBeNull();
    // Convening is recorded under a person of the area: a delegate without one may not, for nobody.
    const withoutPerson = viewer({ delegations: [{ body: A1, power: DelegatedPower.CHAIR, forPersonId: 'jana' }] });
    expect([can(withoutPerson, 'meeting.schedule', byChair), onBehalfOf(withoutPerson, 'meeting.schedule', byChair, DelegatedPower.CONVENE)]).toEqual([true, 'jana']);
    expect([can(withoutPerson, 'meeting.convene', byChair), onBehalfOf(withoutPerson, 'meeting.convene', byChair, DelegatedPower.CONVENE)]).toEqual([false, null]);
    const minutes = bodyResource(body(A1, A));
    expect(onBehalfOf(delegate([{ body: A1, power: DelegatedPower.VERIFY_MINUTES, forPersonId: 'eva' }, { body: A1, power: DelegatedPower.CHAIR, forPersonId: 'jana' }]), 'minutes.verify', minutes, DelegatedPower.VERIFY_MINUTES)).toBe('eva');
    // A proposal names its bodies under other references: the working group's chair power held for its chair.
    const proposal = proposalResource({ areaId: A, phase: ProposalPhase.DRAFT, author: { id: 'the-author' }, workingGroup: { id: A1 } });
    expect(onBehalfOf(delegate([{ body: A1, power: DelegatedPower.CHAIR, forPersonId: 'jana' }]), 'proposal.update', proposal, DelegatedPower.CHAIR)).toBe('jana');
  });
});
