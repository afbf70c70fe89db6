import { AreaRole } from '../../src/entities/area-role.entity';
import { AreaRoleKind } from '../../src/entities/enums';
import { pragueDay } from '../../src/common/dates';
import { aGlobalAdmin, anOrganisedArea, aPerson, aRole } from '../support/factories';
import { expectBadInput, expectRefused, leakChecked, subjectOf, who, type Api } from '../support/api-assertions';
import { codes, startTestApp, type TestApp } from '../support/test-app';

/** Area roles outside any body: grantAreaRole, revokeAreaRole, and the last admin who stays. */

let app: TestApp;
let api: Api;
let a: Awaited<ReturnType<typeof anOrganisedArea>>;
let b: Awaited<ReturnType<typeof anOrganisedArea>>;

beforeAll(async () => {
  app = await startTestApp();
  api = leakChecked(app);
  a = await anOrganisedArea(app.em());
  b = await anOrganisedArea(app.em());
});
afterAll(async () => {
  await app.close();
});

const GRANT = 'mutation($input: GrantAreaRoleInput!) { grantAreaRole(input: $input) { id role validFrom validTo revokedAt active person { id name } } }';
const REVOKE = 'mutation($input: RevokeAreaRoleInput!) { revokeAreaRole(input: $input) { id role revokedAt active } }';
const STEERING = 'query($id: ID!) { body(id: $id) { name } }';

/** Current (not revoked) assignments of a role to a person. */
const current = (personId: string, role: AreaRoleKind): Promise<number> => app.em().count(AreaRole, { person: personId, role, revokedAt: null });

describe('grantAreaRole', () => {
  test('the coordinator grants SUPPORT from today; the row is there and the role counts at once', async () => {
    const today = pragueDay(new Date());
    expect(codes(await api.gql(STEERING, { id: a.steering.id }, who(subjectOf(a.outsider))))).toEqual(['NOT_FOUND']);
    const res = await api.gql(GRANT, { input: { areaId: a.area.id, personId: a.outsider.id, role: 'SUPPORT' } }, who(subjectOf(a.coordinator)));
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      grantAreaRole: { id: expect.any(String) as unknown, role: 'SUPPORT', validFrom: today, validTo: null, revokedAt: null, active: true, person: { id: a.outsider.id, name: 'Olga Nezapojená' } },
    });
    const rows = await app.em().find(AreaRole, { person: a.outsider.id, role: AreaRoleKind.SUPPORT });
    expect(rows.map((r) => [r.areaId, r.validFrom, r.validTo, r.revokedAt])).toEqual([[a.area.id, today, null, null]]);
    // Support reads the whole area, the steering group included.
    expect((await api.gql(STEERING, { id: a.steering.id }, who(subjectOf(a.outsider)))).data).toEqual({ body: { name: 'Řídící skupina' } });
  });

  test('granting a held role returns the same assignment and writes no second row', async () => {
    const first = await app.em().findOneOrFail(AreaRole, { person: a.outsider.id, role: AreaRoleKind.SUPPORT, revokedAt: null });
    const res = await api.gql<{ grantAreaRole: { id: string } }>(GRANT, { input: { areaId: a.area.id, personId: a.outsider.id, role: 'SUPPORT' } }, who(subjectOf(a.admin)));
    expect(res.data!.grantAreaRole.id).toBe(first.id);
    expect(await current(a.outsider.id, AreaRoleKind.SUPPORT)).toBe(1);
  });

  test('a role for a later period is stored with it and does not count yet', async () => {
    const res = await api.gql(
      GRANT,
      { input: { areaId: a.area.id, personId: a.outsider.id, role: 'CLERK', validFrom: '2099-01-01', validTo: '2099-12-31' } },
      who(subjectOf(a.coordinator)),
    );
    expect(res.data).toMatchObject({ grantAreaRole: { role: 'CLERK', validFrom: '2099-01-01', validTo: '2099-12-31', active: false } });
    const r = await app.em().findOneOrFail(AreaRole, { person: a.outsider.id, role: AreaRoleKind.CLERK });
    expect([r.validFrom, r.validTo]).toEqual(['2099-01-01', '2099-12-31']);
  });

  test('a term that ended is history: granting again starts a new term and the role counts again; revoking ends the new one', async () => {
    const returning = await aPerson(app.em(), a.area, { name: 'Vratislav Navrácený' });
    const ended = await aRole(app.em(), returning, AreaRoleKind.SUPPORT, { validFrom: '2019-01-01', validTo: '2020-12-31' });
    expect(codes(await api.gql(STEERING, { id: a.steering.id }, who(subjectOf(returning))))).toEqual(['NOT_FOUND']);
    const res = await api.gql<{ grantAreaRole: { id: string } }>(GRANT, { input: { areaId: a.area.id, personId: returning.id, role: 'SUPPORT' } }, who(subjectOf(a.coordinator)));
    expect(res.errors).toBeUndefined();
    expect(res.data).toMatchObject({ grantAreaRole: { role: 'SUPPORT', validFrom: pragueDay(new Date()), validTo: null, active: true } });
    expect(res.data!.grantAreaRole.id).not.toBe(ended.id);
    const rows = await app.em().find(AreaRole, { person: returning.id, role: AreaRoleKind.SUPPORT }, { orderBy: { validFrom: 'asc' } });
    expect(rows.map((r) => [r.validFrom, r.validTo, r.revokedAt])).toEqual([
      ['2019-01-01', '2020-12-31', null],
      [pragueDay(new Date()), null, null],
    ]);
    expect((await api.gql(STEERING, { id: a.steering.id }, who(subjectOf(returning)))).data).toEqual({ body: { name: 'Řídící skupina' } });
    // A grant overlapping the held term is that term; nothing more is written.
    const again = await api.gql<{ grantAreaRole: { id: string } }>(GRANT, { input: { areaId: a.area.id, personId: returning.id, role: 'SUPPORT', validFrom: '2020-06-01' } }, who(subjectOf(a.coordinator)));
    expect([ended.id, res.data!.grantAreaRole.id]).toContain(again.data!.grantAreaRole.id);
    expect(await app.em().count(AreaRole, { person: returning.id, role: AreaRoleKind.SUPPORT })).toBe(2);
    // Revoking touches the current term, never the ended one.
    const revoked = await api.gql<{ revokeAreaRole: { id: string } }>(REVOKE, { input: { areaId: a.area.id, personId: returning.id, role: 'SUPPORT' } }, who(subjectOf(a.coordinator)));
    expect(revoked.data!.revokeAreaRole.id).toBe(res.data!.grantAreaRole.id);
    expect((await app.em().findOneOrFail(AreaRole, { id: ended.id })).revokedAt).toBeNull();
  });

  test('an admin grants ADMIN', async () => {
    const deputyAdmin = await aPerson(app.em(), a.area, { name: 'Zdeněk Zástupce' });
    const res = await api.gql(GRANT, { input: { areaId: a.area.id, personId: deputyAdmin.id, role: 'ADMIN' } }, who(subjectOf(a.admin)));
    expect(res.data).toMatchObject({ grantAreaRole: { role: 'ADMIN', active: true, person: { id: deputyAdmin.id } } });
    expect(await current(deputyAdmin.id, AreaRoleKind.ADMIN)).toBe(1);
  });

  test('UNAUTHENTICATED without a token; nothing written', async () => {
    await expectRefused(app, GRANT, { input: { areaId: a.area.id, personId: a.member.id, role: 'COORDINATOR' } }, {}, 'UNAUTHENTICATED');
    expect(await current(a.member.id, AreaRoleKind.COORDINATOR)).toBe(0);
  });

  test('FORBIDDEN for a member, a chair, support and the clerk; and for the coordinator granting ADMIN; nothing written', async () => {
    for (const p of [a.member, a.chair, a.support, a.clerk]) {
      await expectRefused(app, GRANT, { input: { areaId: a.area.id, personId: a.member.id, role: 'COORDINATOR' } }, who(subjectOf(p)), 'FORBIDDEN');
    }
    await expectRefused(app, GRANT, { input: { areaId: a.area.id, personId: a.member.id, role: 'ADMIN' } }, who(subjectOf(a.coordinator)), 'FORBIDDEN');
    // Nor may the coordinator make themself an admin.
    await expectRefused(app, GRANT, { input: { areaId: a.area.id, personId: a.coordinator.id, role: 'ADMIN' } }, who(subjectOf(a.coordinator)), 'FORBIDDEN');
    expect(await current(a.member.id, AreaRoleKind.COORDINATOR)).toBe(0);
    expect(await current(a.member.id, AreaRoleKind.ADMIN)).toBe(0);
    expect(await current(a.coordinator.id, AreaRoleKind.ADMIN)).toBe(0);
  });

  test("NOT_FOUND for another area, and for another area's person; nothing written", async () => {
    await expectRefused(app, GRANT, { input: { areaId: b.area.id, personId: b.outsider.id, role: 'SUPPORT' } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    await expectRefused(app, GRANT, { input: { areaId: a.area.id, personId: b.outsider.id, role: 'SUPPORT' } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    await expectRefused(app, GRANT, { input: { areaId: a.area.id, personId: '00000000-0000-4000-8000-000000000000', role: 'SUPPORT' } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    expect(await app.em().count(AreaRole, { person: b.outsider.id })).toBe(0);
  });

  test('BAD_USER_INPUT naming the field: end before start, impossible date, malformed person id; nothing written', async () => {
    const as = who(subjectOf(a.coordinator));
    await expectBadInput(app, GRANT, { input: { areaId: a.area.id, personId: a.member.id, role: 'CLERK', validFrom: '2026-06-01', validTo: '2026-05-31' } }, as, ['validTo']);
    await expectBadInput(app, GRANT, { input: { areaId: a.area.id, personId: a.member.id, role: 'CLERK', validFrom: '2026-02-30' } }, as, ['validFrom']);
    await expectBadInput(app, GRANT, { input: { areaId: a.area.id, personId: a.member.id, role: 'CLERK', validTo: '31.12.2026' } }, as, ['validTo']);
    await expectBadInput(app, GRANT, { input: { areaId: a.area.id, personId: 'p-1', role: 'CLERK' } }, as, ['personId']);
    const unknownRole = await app.gql(GRANT, { input: { areaId: a.area.id, personId: a.member.id, role: 'MAYOR' } }, as);
    expect(codes(unknownRole)).toEqual(['BAD_USER_INPUT']);
    expect(await app.em().count(AreaRole, { person: a.member.id })).toBe(0);
  });
});

describe('revokeAreaRole', () => {
  test('the coordinator revokes the clerk; the row is marked revoked and the role stops counting', async () => {
    expect((await api.gql(STEERING, { id: a.steering.id }, who(subjectOf(a.clerk)))).errors).toBeUndefined();
    const res = await api.gql(REVOKE, { input: { areaId: a.area.id, personId: a.clerk.id, role: 'CLERK' } }, who(subjectOf(a.coordinator)));
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ revokeAreaRole: { id: expect.any(String) as unknown, role: 'CLERK', revokedAt: expect.any(String) as unknown, active: false } });
    const r = await app.em().findOneOrFail(AreaRole, { person: a.clerk.id, role: AreaRoleKind.CLERK });
    expect(r.revokedAt).toBeInstanceOf(Date);
    expect(await current(a.clerk.id, AreaRoleKind.CLERK)).toBe(0);
    expect(codes(await api.gql(STEERING, { id: a.steering.id }, who(subjectOf(a.clerk))))).toEqual(['NOT_FOUND']);
  });

  test('an admin revokes another admin while one stays', async () => {
    const c = await anOrganisedArea(app.em());
    const second = await aPerson(app.em(), c.area, { name: 'Druhý Správce' });
    await aRole(app.em(), second, AreaRoleKind.ADMIN);
    const res = await api.gql(REVOKE, { input: { areaId: c.area.id, personId: second.id, role: 'ADMIN' } }, who(subjectOf(c.admin)));
    expect(res.data).toMatchObject({ revokeAreaRole: { role: 'ADMIN', active: false } });
    expect(await current(second.id, AreaRoleKind.ADMIN)).toBe(0);
    expect(await current(c.admin.id, AreaRoleKind.ADMIN)).toBe(1);
  });

  test('UNAUTHENTICATED without a token; nothing written', async () => {
    await expectRefused(app, REVOKE, { input: { areaId: a.area.id, personId: a.support.id, role: 'SUPPORT' } }, {}, 'UNAUTHENTICATED');
    expect(await current(a.support.id, AreaRoleKind.SUPPORT)).toBe(1);
  });

  test('FORBIDDEN for a member, a chair, support and the clerk; and for the coordinator revoking ADMIN; nothing written', async () => {
    const clerk = await aPerson(app.em(), a.area, { name: 'Nová Úřednice' });
    await aRole(app.em(), clerk, AreaRoleKind.CLERK);
    for (const p of [a.member, a.chair, a.support, clerk]) {
      await expectRefused(app, REVOKE, { input: { areaId: a.area.id, personId: a.support.id, role: 'SUPPORT' } }, who(subjectOf(p)), 'FORBIDDEN');
    }
    await expectRefused(app, REVOKE, { input: { areaId: a.area.id, personId: a.admin.id, role: 'ADMIN' } }, who(subjectOf(a.coordinator)), 'FORBIDDEN');
    expect(await current(a.support.id, AreaRoleKind.SUPPORT)).toBe(1);
    expect(await current(a.admin.id, AreaRoleKind.ADMIN)).toBe(1);
  });

  test("NOT_FOUND for another area's role, and for a role the person does not hold; nothing written", async () => {
    await expectRefused(app, REVOKE, { input: { areaId: b.area.id, personId: b.clerk.id, role: 'CLERK' } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    await expectRefused(app, REVOKE, { input: { areaId: a.area.id, personId: b.clerk.id, role: 'CLERK' } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    await expectRefused(app, REVOKE, { input: { areaId: a.area.id, personId: a.member.id, role: 'SUPPORT' } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    // Revoked already: nothing left to revoke.
    await expectRefused(app, REVOKE, { input: { areaId: a.area.id, personId: a.clerk.id, role: 'CLERK' } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    expect(await current(b.clerk.id, AreaRoleKind.CLERK)).toBe(1);
  });

  test('BAD_USER_INPUT naming the field for malformed ids; nothing written', async () => {
    await expectBadInput(app, REVOKE, { input: { areaId: a.area.id, personId: 'x', role: 'SUPPORT' } }, who(subjectOf(a.coordinator)), ['personId']);
    await expectBadInput(app, REVOKE, { input: { areaId: 'y', personId: a.support.id, role: 'SUPPORT' } }, who(subjectOf(a.coordinator)), ['areaId']);
    expect(await current(a.support.id, AreaRoleKind.SUPPORT)).toBe(1);
  });
});

describe('the last admin of an area', () => {
  test('an area admin cannot revoke the only ADMIN (BAD_USER_INPUT on role); nothing written', async () => {
    const c = await anOrganisedArea(app.em());
    const res = await expectBadInput(app, REVOKE, { input: { areaId: c.area.id, personId: c.admin.id, role: 'ADMIN' } }, who(subjectOf(c.admin)), ['role']);
    expect(res.errors![0].message).toMatch(/správce/);
    expect(await current(c.admin.id, AreaRoleKind.ADMIN)).toBe(1);
  });

  test("an admin whose term has ended does not count: the last current admin stays", async () => {
    const c = await anOrganisedArea(app.em());
    const former = await aPerson(app.em(), c.area, { name: 'Bývalý Správce' });
    await aRole(app.em(), former, AreaRoleKind.ADMIN, { validFrom: '2019-01-01', validTo: '2020-12-31' });
    await expectBadInput(app, REVOKE, { input: { areaId: c.area.id, personId: c.admin.id, role: 'ADMIN' } }, who(subjectOf(c.admin)), ['role']);
    expect(await current(c.admin.id, AreaRoleKind.ADMIN)).toBe(1);
  });

  test('with a second current admin, an admin may step down', async () => {
    const c = await anOrganisedArea(app.em());
    const second = await aPerson(app.em(), c.area, { name: 'Nástupce Správce' });
    await aRole(app.em(), second, AreaRoleKind.ADMIN);
    const res = await api.gql(REVOKE, { input: { areaId: c.area.id, personId: c.admin.id, role: 'ADMIN' } }, who(subjectOf(c.admin)));
    expect(res.errors).toBeUndefined();
    expect(await current(c.admin.id, AreaRoleKind.ADMIN)).toBe(0);
    expect(await current(second.id, AreaRoleKind.ADMIN)).toBe(1);
  });

  test('two admins revoking each other at once: one succeeds, the other is refused, one admin stays', async () => {
    const c = await anOrganisedArea(app.em());
    const second = await aPerson(app.em(), c.area, { name: 'Soupeř Správce' });
    await aRole(app.em(), second, AreaRoleKind.ADMIN);
    const results = await Promise.all([
      api.gql(REVOKE, { input: { areaId: c.area.id, personId: second.id, role: 'ADMIN' } }, who(subjectOf(c.admin))),
      api.gql(REVOKE, { input: { areaId: c.area.id, personId: c.admin.id, role: 'ADMIN' } }, who(subjectOf(second))),
    ]);
    // The loser is refused either as the last admin (BAD_USER_INPUT: it was still an admin when its
    // request was authenticated) or as no admin at all (FORBIDDEN: the winner had already committed).
    const outcomes = results.map((r) => codes(r)[0] ?? 'OK');
    expect(outcomes.filter((o) => o === 'OK')).toHaveLength(1);
    expect(['BAD_USER_INPUT', 'FORBIDDEN']).toContain(outcomes.find((o) => o !== 'OK'));
    expect(await app.em().count(AreaRole, { areaId: c.area.id, role: AreaRoleKind.ADMIN, revokedAt: null })).toBe(1);
  });

  test('a global admin may remove the last admin (to hand the area over)', async () => {
    const c = await anOrganisedArea(app.em());
    const root = await aGlobalAdmin(app.em());
    const res = await api.gql(REVOKE, { input: { areaId: c.area.id, personId: c.admin.id, role: 'ADMIN' } }, who(root));
    expect(res.errors).toBeUndefined();
    expect(await current(c.admin.id, AreaRoleKind.ADMIN)).toBe(0);
  });
});
