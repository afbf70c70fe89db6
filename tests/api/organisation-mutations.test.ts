import { AreaRoleKind } from '../../src/entities/enums';
import type { Organisation } from '../../src/entities/organisation.entity';
import { anOrganisation, anOrganisedArea, aGlobalAdmin } from '../support/factories';
import { dbFingerprint } from '../support/db-fingerprint';
import { codes, startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app';

/**
 * Every organisation mutation: it works for the right role and the row is there; a wrong role is
 * FORBIDDEN, no token UNAUTHENTICATED, another area's object NOT_FOUND, bad input BAD_USER_INPUT
 * naming the field — and every refusal leaves the database exactly as it was.
 */

let app: TestApp;
let a: Awaited<ReturnType<typeof anOrganisedArea>>;
let b: Awaited<ReturnType<typeof anOrganisedArea>>;
let globalAdmin: string;

beforeAll(async () => {
  app = await startTestApp();
  a = await anOrganisedArea(app.em());
  b = await anOrganisedArea(app.em());
  globalAdmin = await aGlobalAdmin(app.em());
});
afterAll(async () => {
  await app.close();
});

const subject = (p: { subject: string | null }): string => p.subject as string;

async function refused(query: string, input: Record<string, unknown>, as: string | undefined, code: string): Promise<GraphQLResponse> {
  const before = await dbFingerprint(app.em());
  const res = await app.gql(query, { input }, as ? { as } : {});
  expect({ code: codes(res), data: res.data ?? null }).toEqual({ code: [code], data: null });
  expect(await dbFingerprint(app.em())).toEqual(before);
  return res;
}

interface Case {
  name: string;
  query: string;
  /** Input valid in area A, and who may send it. */
  good: () => Record<string, unknown>;
  allowed: () => string;
  check: (data: Record<string, unknown>) => Promise<void> | void;
  wrongRoles: () => string[];
  /** The same change aimed at area B's object, sent by A's coordinator. */
  otherArea: (() => Record<string, unknown>) | null;
  bad: () => { input: Record<string, unknown>; field: string };
}

const one = async <T>(sql: string, params: unknown[]): Promise<T> => (await app.em().getConnection().execute<T[]>(sql, params))[0];

const cases: Case[] = [
  {
    name: 'createArea',
    query: 'mutation($input: CreateAreaInput!) { createArea(input: $input) { id name kind workflowKey } }',
    good: () => ({ name: 'ORP Kadaň', kind: 'ORP', workflowKey: 'standard' }),
    allowed: () => globalAdmin,
    check: async (d) => {
      const row = await one<{ name: string }>('select name from planning_area where id = ?', [(d.createArea as { id: string }).id]);
      expect(row.name).toBe('ORP Kadaň');
    },
    wrongRoles: () => [subject(a.admin), subject(a.coordinator)],
    otherArea: null,
    bad: () => ({ input: { name: 'ORP Žatec', kind: 'ORP', workflowKey: 'no-such-flow' }, field: 'workflowKey' }),
  },
  {
    name: 'updateArea',
    query: 'mutation($input: UpdateAreaInput!) { updateArea(input: $input) { id name } }',
    good: () => ({ areaId: a.area.id, name: `${a.area.name} (upraveno)` }),
    allowed: () => subject(a.admin),
    check: async () => {
      const row = await one<{ name: string }>('select name from planning_area where id = ?', [a.area.id]);
      expect(row.name).toMatch(/\(upraveno\)$/);
    },
    wrongRoles: () => [subject(a.coordinator), subject(a.member), subject(a.support)],
    otherArea: () => ({ areaId: b.area.id, name: 'Cizí' }),
    bad: () => ({ input: { areaId: a.area.id, name: '' }, field: 'name' }),
  },
  {
    name: 'addMunicipality',
    query: 'mutation($input: AddMunicipalityInput!) { addMunicipality(input: $input) { id municipalities { id name population } } }',
    good: () => ({ areaId: a.area.id, name: 'Spořice', population: 1540 }),
    allowed: () => subject(a.coordinator),
    check: async (d) => {
      const added = (d.addMunicipality as { municipalities: Array<{ id: string; name: string }> }).municipalities.find((m) => m.name === 'Spořice')!;
      const row = await one<{ population: number }>('select population from municipality where id = ?', [added.id]);
      expect(row.population).toBe(1540);
    },
    wrongRoles: () => [subject(a.member), subject(a.clerk), subject(a.support)],
    otherArea: () => ({ areaId: b.area.id, name: 'Cizí obec', population: 10 }),
    bad: () => ({ input: { areaId: a.area.id, name: 'Záporná', population: -5 }, field: 'population' }),
  },
  {
    name: 'createPerson',
    query: 'mutation($input: CreatePersonInput!) { createPerson(input: $input) { id name email } }',
    good: () => ({ areaId: a.area.id, name: 'Nová Osoba', email: 'nova@example.cz', phone: '+420 777 000 111' }),
    allowed: () => subject(a.coordinator),
    check: async (d) => {
      const row = await one<{ email: string; area_id: string }>('select email, area_id from person where id = ?', [(d.createPerson as { id: string }).id]);
      expect(row).toEqual({ email: 'nova@example.cz', area_id: a.area.id });
    },
    wrongRoles: () => [subject(a.member), subject(a.chair), subject(a.support)],
    otherArea: () => ({ areaId: b.area.id, name: 'Cizí Osoba' }),
    bad: () => ({ input: { areaId: a.area.id, name: 'Osoba', email: 'not-an-email' }, field: 'email' }),
  },
  {
    name: 'updatePerson',
    query: 'mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { id organisation { name } } }',
    good: () => ({ personId: a.member.id, organisationId: spolekA.id }),
    allowed: () => subject(a.coordinator),
    check: async () => {
      const row = await one<{ organisation_id: string }>('select organisation_id from person where id = ?', [a.member.id]);
      expect(row.organisation_id).toBe(spolekA.id);
    },
    wrongRoles: () => [subject(a.chair), subject(a.support), subject(a.clerk)],
    otherArea: () => ({ personId: b.member.id, organisationId: spolekB.id }),
    bad: () => ({ input: { personId: 'not-a-uuid', organisationId: spolekA.id }, field: 'personId' }),
  },
  {
    name: 'createOrganisation',
    query: 'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name ico } }',
    good: () => ({ areaId: a.area.id, name: 'Charita Chomutov', ico: '257 55 277' }),
    allowed: () => subject(a.coordinator),
    check: async (d) => {
      const row = await one<{ name: string; ico: string; area_id: string }>('select name, ico, area_id from organisation where id = ?', [(d.createOrganisation as { id: string }).id]);
      expect(row).toEqual({ name: 'Charita Chomutov', ico: '25755277', area_id: a.area.id });
    },
    wrongRoles: () => [subject(a.member), subject(a.chair), subject(a.support), subject(a.clerk)],
    otherArea: () => ({ areaId: b.area.id, name: 'Cizí charita' }),
    bad: () => ({ input: { areaId: a.area.id, name: 'Charita', ico: '25755278' }, field: 'ico' }),
  },
  {
    name: 'updateOrganisation',
    query: 'mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id name ico } }',
    good: () => ({ organisationId: spolekA.id, name: 'Spolek Senioři Chomutov, z. s.' }),
    allowed: () => subject(a.admin),
    check: async () => {
      const row = await one<{ name: string }>('select name from organisation where id = ?', [spolekA.id]);
      expect(row.name).toBe('Spolek Senioři Chomutov, z. s.');
    },
    wrongRoles: () => [subject(a.member), subject(a.chair), subject(a.support), subject(a.clerk)],
    otherArea: () => ({ organisationId: spolekB.id, name: 'Cizí' }),
    bad: () => ({ input: { organisationId: spolekA.id, ico: '1234567' }, field: 'ico' }),
  },
  {
    name: 'grantAreaRole',
    query: 'mutation($input: GrantAreaRoleInput!) { grantAreaRole(input: $input) { id role active person { id } } }',
    good: () => ({ areaId: a.area.id, personId: a.outsider.id, role: 'SUPPORT' }),
    allowed: () => subject(a.coordinator),
    check: async () => {
      const row = await one<{ n: string }>("select count(*) as n from area_role where person_id = ? and role = 'SUPPORT' and revoked_at is null", [a.outsider.id]);
      expect(Number(row.n)).toBe(1);
    },
    wrongRoles: () => [subject(a.member), subject(a.support), subject(a.clerk)],
    otherArea: () => ({ areaId: b.area.id, personId: b.outsider.id, role: 'SUPPORT' }),
    bad: () => ({ input: { areaId: a.area.id, personId: a.outsider.id, role: 'CLERK', validFrom: '2026-02-30' }, field: 'validFrom' }),
  },
  {
    name: 'revokeAreaRole',
    query: 'mutation($input: RevokeAreaRoleInput!) { revokeAreaRole(input: $input) { id active revokedAt } }',
    good: () => ({ areaId: a.area.id, personId: a.clerk.id, role: 'CLERK' }),
    allowed: () => subject(a.coordinator),
    check: async () => {
      const row = await one<{ n: string }>("select count(*) as n from area_role where person_id = ? and role = 'CLERK' and revoked_at is null", [a.clerk.id]);
      expect(Number(row.n)).toBe(0);
    },
    wrongRoles: () => [subject(a.member), subject(a.support)],
    otherArea: () => ({ areaId: b.area.id, personId: b.clerk.id, role: 'CLERK' }),
    bad: () => ({ input: { areaId: a.area.id, personId: 'x', role: 'CLERK' }, field: 'personId' }),
  },
  {
    name: 'createBody',
    query: 'mutation($input: CreateBodyInput!) { createBody(input: $input) { id kind isPublic materialsLeadDays reportsTo { id } } }',
    good: () => ({ areaId: a.area.id, kind: 'WORKING_GROUP', name: 'PS Rodina', reportsToBodyId: a.steering.id, targetGroup: 'CHILDREN_YOUTH_FAMILY' }),
    allowed: () => subject(a.coordinator),
    check: (d) => {
      expect(d.createBody).toMatchObject({ kind: 'WORKING_GROUP', isPublic: true, materialsLeadDays: 5, reportsTo: { id: a.steering.id } });
    },
    wrongRoles: () => [subject(a.member), subject(a.chair), subject(a.support)],
    otherArea: () => ({ areaId: b.area.id, kind: 'WORKING_GROUP', name: 'Cizí PS' }),
    bad: () => ({ input: { areaId: a.area.id, kind: 'STEERING_GROUP', name: 'Obrácená', reportsToBodyId: a.group.id }, field: 'reportsToBodyId' }),
  },
  {
    name: 'updateBody',
    query: 'mutation($input: UpdateBodyInput!) { updateBody(input: $input) { id materialsLeadDays } }',
    good: () => ({ bodyId: a.group.id, materialsLeadDays: 3 }),
    allowed: () => subject(a.coordinator),
    check: async () => {
      const row = await one<{ materials_lead_days: number }>('select materials_lead_days from body where id = ?', [a.group.id]);
      expect(row.materials_lead_days).toBe(3);
    },
    wrongRoles: () => [subject(a.chair), subject(a.member), subject(a.clerk)],
    otherArea: () => ({ bodyId: b.group.id, materialsLeadDays: 1 }),
    bad: () => ({ input: { bodyId: a.group.id, minutesDueDays: 0 }, field: 'minutesDueDays' }),
  },
  {
    name: 'addMembership',
    query: 'mutation($input: AddMembershipInput!) { addMembership(input: $input) { id memberships { role triadSide votingRight person { id } body { id } } } }',
    good: () => ({ bodyId: a.group.id, personId: a.outsider.id, role: 'MEMBER', triadSide: 'PROVIDER', organisationId: spolekA.id }),
    allowed: () => subject(a.coordinator),
    check: (d) => {
      expect((d.addMembership as { memberships: unknown[] }).memberships).toContainEqual({ role: 'MEMBER', triadSide: 'PROVIDER', votingRight: true, person: { id: a.outsider.id }, body: { id: a.group.id } });
    },
    wrongRoles: () => [subject(a.chair), subject(a.member), subject(a.support)],
    otherArea: () => ({ bodyId: b.group.id, personId: b.outsider.id, role: 'MEMBER', triadSide: 'PROVIDER' }),
    bad: () => ({ input: { bodyId: a.group.id, personId: a.support.id, role: 'GUEST', triadSide: 'PUBLIC', votingRight: true }, field: 'votingRight' }),
  },
  {
    name: 'endMembership',
    query: 'mutation($input: EndMembershipInput!) { endMembership(input: $input) { id memberships { id validTo } } }',
    good: () => ({ membershipId: memberSeatA, validTo: '2030-12-31' }),
    allowed: () => subject(a.coordinator),
    check: async () => {
      const row = await one<{ valid_to: string }>('select valid_to::text as valid_to from membership where id = ?', [memberSeatA]);
      expect(row.valid_to).toBe('2030-12-31');
    },
    wrongRoles: () => [subject(a.chair), subject(a.member)],
    otherArea: () => ({ membershipId: memberSeatB }),
    bad: () => ({ input: { membershipId: memberSeatA, validTo: '1999-01-01' }, field: 'validTo' }),
  },
];

let memberSeatA = '';
let memberSeatB = '';
let spolekA: Organisation;
let spolekB: Organisation;
beforeAll(async () => {
  spolekA = await anOrganisation(app.em(), a.area, { name: 'Spolek Senioři' });
  spolekB = await anOrganisation(app.em(), b.area, { name: 'Spolek Senioři' });
  const seat = async (personId: string) =>
    (await one<{ id: string }>('select id from membership where person_id = ?', [personId])).id;
  memberSeatA = await seat(a.member.id);
  memberSeatB = await seat(b.member.id);
});

describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  test('UNAUTHENTICATED without a token, nothing written', async () => {
    await refused(c.query, c.good(), undefined, 'UNAUTHENTICATED');
  });

  test('FORBIDDEN for a wrong role, nothing written', async () => {
    for (const as of c.wrongRoles()) await refused(c.query, c.good(), as, 'FORBIDDEN');
  });

  if (c.otherArea) {
    const other = c.otherArea;
    test("NOT_FOUND for another area's object, nothing written", async () => {
      await refused(c.query, other(), subject(a.coordinator), 'NOT_FOUND');
    });
  }

  test('BAD_USER_INPUT naming the field, nothing written', async () => {
    const { input, field } = c.bad();
    const res = await refused(c.query, input, c.allowed(), 'BAD_USER_INPUT');
    const fields = (res.errors?.[0]?.extensions?.fields as Array<{ field: string }>).map((f) => f.field.split('.').at(-1));
    expect(fields).toContain(field);
  });

  test('works for the right role', async () => {
    const res = await app.gql(c.query, { input: c.good() }, { as: c.allowed() });
    expect(res.errors).toBeUndefined();
    await c.check(res.data as Record<string, unknown>);
  });
});

describe('conflicts', () => {
  test('a second chair in the same period, the same person twice, a duplicate name or subject: CONFLICT, nothing written', async () => {
    const add = 'mutation($input: AddMembershipInput!) { addMembership(input: $input) { id } }';
    await refused(add, { bodyId: a.group.id, personId: a.outsider.id, role: 'CHAIR', triadSide: 'COMMISSIONER' }, subject(a.coordinator), 'CONFLICT');
    await refused(add, { bodyId: a.group.id, personId: a.chair.id, role: 'MEMBER', triadSide: 'PUBLIC' }, subject(a.coordinator), 'CONFLICT');
    const createArea = 'mutation($input: CreateAreaInput!) { createArea(input: $input) { id } }';
    expect((await app.gql(createArea, { input: { name: 'ORP Louny', kind: 'ORP' } }, { as: globalAdmin })).errors).toBeUndefined();
    await refused(createArea, { name: 'orp louny', kind: 'ORP' }, globalAdmin, 'CONFLICT');
    await refused(
      'mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }',
      { areaId: a.area.id, name: 'Dvojník', subject: a.member.subject },
      subject(a.admin),
      'CONFLICT',
    );
  });

  test('a coordinator may not grant ADMIN; the last admin of an area stays', async () => {
    await refused(
      'mutation($input: GrantAreaRoleInput!) { grantAreaRole(input: $input) { id } }',
      { areaId: a.area.id, personId: a.outsider.id, role: AreaRoleKind.ADMIN },
      subject(a.coordinator),
      'FORBIDDEN',
    );
    await refused(
      'mutation($input: RevokeAreaRoleInput!) { revokeAreaRole(input: $input) { id } }',
      { areaId: a.area.id, personId: a.admin.id, role: AreaRoleKind.ADMIN },
      subject(a.admin),
      'BAD_USER_INPUT',
    );
  });

  test('a person updates their own contacts but not their login subject', async () => {
    const update = 'mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { phone } }';
    const own = await app.gql(update, { input: { personId: a.chair.id, phone: '+420 603 000 000' } }, { as: subject(a.chair) });
    expect(own.data).toEqual({ updatePerson: { phone: '+420 603 000 000' } });
    await refused(update, { personId: a.chair.id, subject: 'someone-else' }, subject(a.chair), 'FORBIDDEN');
  });
});
