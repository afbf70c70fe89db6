import { pragueDay } from '../../src/common/dates';
import { MembershipRole, TriadSide } from '../../src/entities/enums';
import { Membership } from '../../src/entities/membership.entity';
import type { Organisation } from '../../src/entities/organisation.entity';
import { anOrganisation, anOrganisedArea, aPerson, aSeat } from '../support/factories';
import { expectBadInput, expectRefused, leakChecked, subjectOf, who, type Api } from '../support/api-assertions';
import { codes, startTestApp, type TestApp } from '../support/test-app';

/** Seats of people in bodies: addMembership, endMembership, and the conflicts between seats. */

let app: TestApp;
let api: Api;
let a: Awaited<ReturnType<typeof anOrganisedArea>>;
let b: Awaited<ReturnType<typeof anOrganisedArea>>;
const today = pragueDay(new Date());
const yesterday = pragueDay(new Date(Date.now() - 24 * 3600 * 1000));
let domov: Organisation;
let foreign: Organisation;

beforeAll(async () => {
  app = await startTestApp();
  api = leakChecked(app);
  a = await anOrganisedArea(app.em());
  b = await anOrganisedArea(app.em());
  domov = await anOrganisation(app.em(), a.area, { name: 'Domov Na Stráni' });
  foreign = await anOrganisation(app.em(), b.area, { name: 'Domov Na Stráni' });
});
afterAll(async () => {
  await app.close();
});

// Both return the body, its seats listing the one added or ended.
const ADD = 'mutation($input: AddMembershipInput!) { addMembership(input: $input) { id memberships { id role triadSide votingRight validFrom validTo organisation { id name } active person { id } body { id } } } }';
const END = 'mutation($input: EndMembershipInput!) { endMembership(input: $input) { id memberships { id validFrom validTo active } } }';
type Seat = { id: string; person?: { id: string } };
/** The seat of a person in the body a mutation returned. */
const seatFor = (body: { memberships: Seat[] }, personId: string): Seat | undefined => body.memberships.find((m) => m.person?.id === personId);
/** The seat of that id in the body a mutation returned. */
const seatById = (body: { memberships: Seat[] }, id: string): Seat | undefined => body.memberships.find((m) => m.id === id);
const seatsOf = (personId: string): Promise<number> => app.em().count(Membership, { person: personId });
const seatsIn = (bodyId: string): Promise<number> => app.em().count(Membership, { body: bodyId });
const seatRow = (id: string): Promise<Membership> => app.em().findOneOrFail(Membership, { id });

describe('addMembership', () => {
  type Added = { addMembership: { id: string; memberships: Seat[] } };

  test('the coordinator seats a provider with a vote from today; the row is there and the body lists the seat', async () => {
    const res = await api.gql<Added>(
      ADD,
      { input: { bodyId: a.group.id, personId: a.outsider.id, role: 'MEMBER', triadSide: 'PROVIDER', organisationId: domov.id } },
      who(subjectOf(a.coordinator)),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.addMembership.id).toBe(a.group.id);
    const added = seatFor(res.data!.addMembership, a.outsider.id)!;
    expect(added).toEqual({
      id: expect.any(String) as unknown,
      role: 'MEMBER',
      triadSide: 'PROVIDER',
      votingRight: true,
      validFrom: today,
      validTo: null,
      organisation: { id: domov.id, name: 'Domov Na Stráni' },
      active: true,
      person: { id: a.outsider.id },
      body: { id: a.group.id },
    });
    const m = await app.em().findOneOrFail(Membership, { id: added.id });
    expect([m.areaId, m.body.id, m.person.id, m.role, m.triadSide, m.votingRight, m.validFrom, m.validTo, m.organisation?.id]).toEqual([
      a.area.id, a.group.id, a.outsider.id, MembershipRole.MEMBER, TriadSide.PROVIDER, true, today, null, domov.id,
    ]);
    const body = await api.gql<{ body: { memberships: Array<{ triadSide: string; person: { name: string } }> } }>(
      'query($id: ID!) { body(id: $id) { memberships(activeOnly: true) { triadSide person { name } } } }',
      { id: a.group.id },
    );
    expect(body.data!.body.memberships.map((x) => `${x.person.name}/${x.triadSide}`)).toEqual([
      'Jana Předsedová/COMMISSIONER',
      'Petr Člen/SERVICE_USER',
      'Olga Nezapojená/PROVIDER',
    ]);
  });

  test('the admin seats a guest, who never votes; the same person sits in another body on another side', async () => {
    const res = await api.gql<Added>(ADD, { input: { bodyId: a.steering.id, personId: a.outsider.id, role: 'GUEST', triadSide: 'PUBLIC' } }, who(subjectOf(a.admin)));
    const guest = seatFor(res.data!.addMembership, a.outsider.id)!;
    expect(guest).toMatchObject({ role: 'GUEST', triadSide: 'PUBLIC', votingRight: false, body: { id: a.steering.id } });
    expect((await seatRow(guest.id)).votingRight).toBe(false);
    expect(await seatsOf(a.outsider.id)).toBe(2);
    const me = await api.gql<{ me: { memberships: Array<{ triadSide: string }> } }>('{ me { memberships { triadSide } } }', {}, who(subjectOf(a.outsider)));
    expect(me.data!.me.memberships.map((m) => m.triadSide).sort()).toEqual(['PROVIDER', 'PUBLIC']);
  });

  test("a new chair once the old chair's term has ended, and a person seated again after their seat ended", async () => {
    const group = (await api.gql<{ createBody: { id: string } }>(
      'mutation($input: CreateBodyInput!) { createBody(input: $input) { id } }',
      { input: { areaId: a.area.id, kind: 'WORKING_GROUP', name: 'PS Zdravotně postižení' } },
      who(subjectOf(a.coordinator)),
    )).data!.createBody.id;
    const as = who(subjectOf(a.coordinator));
    const old = await api.gql(ADD, { input: { bodyId: group, personId: a.chair.id, role: 'CHAIR', triadSide: 'COMMISSIONER', validFrom: '2022-01-01', validTo: '2025-12-31' } }, as);
    expect(old.errors).toBeUndefined();
    const next = await api.gql(ADD, { input: { bodyId: group, personId: a.member.id, role: 'CHAIR', triadSide: 'SERVICE_USER', validFrom: '2026-01-01' } }, as);
    expect(next.errors).toBeUndefined();
    const again = await api.gql(ADD, { input: { bodyId: group, personId: a.chair.id, role: 'MEMBER', triadSide: 'COMMISSIONER', validFrom: '2026-01-01' } }, as);
    expect(again.errors).toBeUndefined();
    const rows = await app.em().find(Membership, { body: group }, { orderBy: { validFrom: 'asc', role: 'asc' } });
    expect(rows.map((m) => [m.person.id, m.role, m.validFrom, m.validTo])).toEqual([
      [a.chair.id, MembershipRole.CHAIR, '2022-01-01', '2025-12-31'],
      [a.member.id, MembershipRole.CHAIR, '2026-01-01', null],
      [a.chair.id, MembershipRole.MEMBER, '2026-01-01', null],
    ]);
  });

  test('UNAUTHENTICATED without a token; nothing written', async () => {
    const before = await seatsIn(a.group.id);
    await expectRefused(app, ADD, { input: { bodyId: a.group.id, personId: a.support.id, role: 'MEMBER', triadSide: 'PUBLIC' } }, {}, 'UNAUTHENTICATED');
    expect(await seatsIn(a.group.id)).toBe(before);
  });

  test("FORBIDDEN for the group's own chair, a member, support and the clerk; nothing written", async () => {
    const before = await seatsIn(a.group.id);
    for (const p of [a.chair, a.member, a.support, a.clerk]) {
      await expectRefused(app, ADD, { input: { bodyId: a.group.id, personId: a.support.id, role: 'MEMBER', triadSide: 'PUBLIC' } }, who(subjectOf(p)), 'FORBIDDEN');
    }
    expect(await seatsIn(a.group.id)).toBe(before);
  });

  test("NOT_FOUND for another area's body, another area's person and an unknown body; nothing written", async () => {
    const as = who(subjectOf(a.coordinator));
    await expectRefused(app, ADD, { input: { bodyId: b.group.id, personId: b.outsider.id, role: 'MEMBER', triadSide: 'PROVIDER' } }, as, 'NOT_FOUND');
    await expectRefused(app, ADD, { input: { bodyId: a.group.id, personId: b.outsider.id, role: 'MEMBER', triadSide: 'PROVIDER' } }, as, 'NOT_FOUND');
    await expectRefused(app, ADD, { input: { bodyId: '00000000-0000-4000-8000-000000000000', personId: a.support.id, role: 'MEMBER', triadSide: 'PROVIDER' } }, as, 'NOT_FOUND');
    expect(await seatsOf(b.outsider.id)).toBe(0);
  });

  test('BAD_USER_INPUT naming the field: end before start, a voting guest, malformed ids and dates; nothing written', async () => {
    const as = who(subjectOf(a.coordinator));
    const base = { bodyId: a.group.id, personId: a.support.id, role: 'MEMBER', triadSide: 'PUBLIC' };
    const before = await seatsIn(a.group.id);
    await expectBadInput(app, ADD, { input: { ...base, validFrom: '2026-03-01', validTo: '2026-02-28' } }, as, ['validTo']);
    await expectBadInput(app, ADD, { input: { ...base, role: 'GUEST', votingRight: true } }, as, ['votingRight']);
    await expectBadInput(app, ADD, { input: { ...base, role: 'GUEST', votingRight: true, validFrom: '2026-03-01', validTo: '2020-01-01' } }, as, ['validTo', 'votingRight']);
    await expectBadInput(app, ADD, { input: { ...base, personId: 'olga' } }, as, ['personId']);
    await expectBadInput(app, ADD, { input: { ...base, bodyId: '123' } }, as, ['bodyId']);
    await expectBadInput(app, ADD, { input: { ...base, validFrom: '2026-02-29' } }, as, ['validFrom']);
    await expectBadInput(app, ADD, { input: { ...base, organisationId: '' } }, as, ['organisationId']);
    // Another area's organisation of the same name is another organisation.
    await expectRefused(app, ADD, { input: { ...base, organisationId: foreign.id } }, as, 'NOT_FOUND');
    expect(await seatsIn(a.group.id)).toBe(before);
    expect(await seatsOf(a.support.id)).toBe(0);
  });
});

describe('seat conflicts', () => {
  test('CONFLICT for a second chair in the same period; nothing written', async () => {
    const as = who(subjectOf(a.coordinator));
    const res = await expectRefused(app, ADD, { input: { bodyId: a.group.id, personId: a.support.id, role: 'CHAIR', triadSide: 'COMMISSIONER' } }, as, 'CONFLICT');
    expect(res.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'role' });
    // Also when the new term only overlaps the sitting chair's (open-ended) one.
    await expectRefused(app, ADD, { input: { bodyId: a.group.id, personId: a.support.id, role: 'CHAIR', triadSide: 'COMMISSIONER', validFrom: '2030-01-01', validTo: '2030-12-31' } }, as, 'CONFLICT');
    expect(await app.em().count(Membership, { body: a.group.id, role: MembershipRole.CHAIR })).toBe(1);
  });

  test('CONFLICT for the same person seated twice in overlapping periods, whatever the role or side; nothing written', async () => {
    const as = who(subjectOf(a.coordinator));
    const res = await expectRefused(app, ADD, { input: { bodyId: a.group.id, personId: a.member.id, role: 'MEMBER', triadSide: 'PUBLIC' } }, as, 'CONFLICT');
    expect(res.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'personId' });
    await expectRefused(app, ADD, { input: { bodyId: a.group.id, personId: a.member.id, role: 'GUEST', triadSide: 'PROVIDER', validFrom: '2021-06-01', validTo: '2021-06-30' } }, as, 'CONFLICT');
    expect(await app.em().count(Membership, { body: a.group.id, person: a.member.id })).toBe(1);
  });

  test('two coordinators seating two chairs at once: exactly one chair is seated', async () => {
    const c = await anOrganisedArea(app.em());
    const group = await api.gql<{ createBody: { id: string } }>(
      'mutation($input: CreateBodyInput!) { createBody(input: $input) { id } }',
      { input: { areaId: c.area.id, kind: 'WORKING_GROUP', name: 'PS Bez předsedy' } },
      who(subjectOf(c.coordinator)),
    );
    const bodyId = group.data!.createBody.id;
    const results = await Promise.all(
      [c.chair, c.member, c.outsider].map((p) => api.gql(ADD, { input: { bodyId, personId: p.id, role: 'CHAIR', triadSide: 'COMMISSIONER' } }, who(subjectOf(c.coordinator)))),
    );
    expect(results.map((r) => codes(r)[0] ?? 'OK').sort()).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    expect(await app.em().count(Membership, { body: bodyId, role: MembershipRole.CHAIR })).toBe(1);
  });
});

describe('endMembership', () => {
  let seat = '';
  let otherAreaSeat = '';
  beforeAll(async () => {
    const em = app.em();
    seat = (await aSeat(em, a.group, await aPerson(em, a.area, { name: 'Hana Odcházející' }), { triadSide: TriadSide.PROVIDER, validFrom: '2021-01-01' })).id;
    otherAreaSeat = (await em.findOneOrFail(Membership, { person: b.member.id })).id;
  });

  test('the coordinator ends a seat on a given day; the row gets its last day', async () => {
    const res = await api.gql<{ endMembership: { id: string; memberships: Seat[] } }>(END, { input: { membershipId: seat, validTo: '2030-12-31' } }, who(subjectOf(a.coordinator)));
    expect(res.errors).toBeUndefined();
    expect(res.data!.endMembership.id).toBe(a.group.id);
    expect(seatById(res.data!.endMembership, seat)).toEqual({ id: seat, validFrom: '2021-01-01', validTo: '2030-12-31', active: true });
    expect((await seatRow(seat)).validTo).toBe('2030-12-31');
  });

  test('the admin ends it earlier, yesterday; the seat is no longer active and the body stops listing it as held', async () => {
    const res = await api.gql<{ endMembership: { memberships: Seat[] } }>(END, { input: { membershipId: seat, validTo: yesterday } }, who(subjectOf(a.admin)));
    expect(seatById(res.data!.endMembership, seat)).toEqual({ id: seat, validFrom: '2021-01-01', validTo: yesterday, active: false });
    expect((await seatRow(seat)).validTo).toBe(yesterday);
    const body = await api.gql<{ body: { memberships: Array<{ id: string }> } }>('query($id: ID!) { body(id: $id) { memberships(activeOnly: true) { id } } }', { id: a.group.id });
    expect(body.data!.body.memberships.map((m) => m.id)).not.toContain(seat);
  });

  test('without a day it ends today', async () => {
    const m = await aSeat(app.em(), a.group, await aPerson(app.em(), a.area, { name: 'Dnes Končící' }), { validFrom: '2022-01-01' });
    const res = await api.gql<{ endMembership: { memberships: Seat[] } }>(END, { input: { membershipId: m.id } }, who(subjectOf(a.coordinator)));
    expect(seatById(res.data!.endMembership, m.id)).toEqual({ id: m.id, validFrom: '2022-01-01', validTo: today, active: true });
    expect((await seatRow(m.id)).validTo).toBe(today);
  });

  test('UNAUTHENTICATED without a token; the row unchanged', async () => {
    const memberSeat = (await app.em().findOneOrFail(Membership, { person: a.member.id, body: a.group.id })).id;
    await expectRefused(app, END, { input: { membershipId: memberSeat } }, {}, 'UNAUTHENTICATED');
    expect((await seatRow(memberSeat)).validTo).toBeNull();
  });

  test("FORBIDDEN for the group's chair, the member themself, support and the clerk; the row unchanged", async () => {
    const memberSeat = (await app.em().findOneOrFail(Membership, { person: a.member.id, body: a.group.id })).id;
    for (const p of [a.chair, a.member, a.support, a.clerk]) {
      await expectRefused(app, END, { input: { membershipId: memberSeat } }, who(subjectOf(p)), 'FORBIDDEN');
    }
    expect((await seatRow(memberSeat)).validTo).toBeNull();
  });

  test("NOT_FOUND for another area's seat and an unknown one; the row unchanged", async () => {
    await expectRefused(app, END, { input: { membershipId: otherAreaSeat } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    await expectRefused(app, END, { input: { membershipId: otherAreaSeat, validTo: '2030-01-01' } }, who(subjectOf(a.admin)), 'NOT_FOUND');
    await expectRefused(app, END, { input: { membershipId: '00000000-0000-4000-8000-000000000000' } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    expect((await seatRow(otherAreaSeat)).validTo).toBeNull();
  });

  test('BAD_USER_INPUT naming the field: an end before the start, an impossible day, a malformed id; the row unchanged', async () => {
    const as = who(subjectOf(a.coordinator));
    const m = await aSeat(app.em(), a.group, await aPerson(app.em(), a.area), { validFrom: '2024-05-01' });
    await expectBadInput(app, END, { input: { membershipId: m.id, validTo: '2024-04-30' } }, as, ['validTo']);
    await expectBadInput(app, END, { input: { membershipId: m.id, validTo: '2024-13-01' } }, as, ['validTo']);
    await expectBadInput(app, END, { input: { membershipId: 'seat-1' } }, as, ['membershipId']);
    expect((await seatRow(m.id)).validTo).toBeNull();
  });

  test('CONFLICT when the seat has already ended by that day; the row unchanged', async () => {
    await expectRefused(app, END, { input: { membershipId: seat, validTo: '2031-01-01' } }, who(subjectOf(a.coordinator)), 'CONFLICT');
    await expectRefused(app, END, { input: { membershipId: seat, validTo: yesterday } }, who(subjectOf(a.coordinator)), 'CONFLICT');
    expect((await seatRow(seat)).validTo).toBe(yesterday);
  });
});
