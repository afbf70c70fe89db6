import { aBody, anOrganisedArea, aMunicipality, aPerson, aSeat } from '../support/factories';
import { BodyKind, MembershipRole, TriadSide } from '../../src/entities/enums';
import { badFields, leakChecked, subjectOf, who, type Api } from '../support/api-assertions';
import { codes, startTestApp, type TestApp } from '../support/test-app';

/** Who sees what: areas, bodies, the people of an area and their seats; errors that say nothing about the server. */

let app: TestApp;
let api: Api;
let world: Awaited<ReturnType<typeof anOrganisedArea>>;
beforeAll(async () => {
  app = await startTestApp();
  api = leakChecked(app);
  world = await anOrganisedArea(app.em());
});
afterAll(async () => {
  await app.close();
});

const BODY = `query($id: ID!) { body(id: $id) { name memberships { triadSide person { name } } } }`;
const AREA_BODIES = `query($id: ID!) { area(id: $id) { bodies { name } } }`;
const PEOPLE = `query($id: ID!, $first: Int!, $after: String, $search: String) { area(id: $id) { people(first: $first, after: $after, search: $search) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } } }`;
type Page = { area: { people: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ cursor: string; node: { id: string; name: string } }> } } };
const bodyNames = (res: { data?: { area: { bodies: Array<{ name: string }> } } | null }): string[] => res.data!.area.bodies.map((x) => x.name);

describe('areas', () => {
  test('the anonymous public lists areas and reads one with its municipalities', async () => {
    await aMunicipality(app.em(), world.area, 'Jirkov', 19_000);
    await aMunicipality(app.em(), world.area, 'Chomutov', 47_000);
    const areas = await api.gql<{ areas: Array<{ id: string; name: string; kind: string }> }>('{ areas { id name kind } }');
    expect(areas.errors).toBeUndefined();
    expect(areas.data!.areas).toContainEqual({ id: world.area.id, name: world.area.name, kind: 'ORP' });
    const area = await api.gql('query($id: ID!) { area(id: $id) { id name workflowKey population municipalities { name } } }', { id: world.area.id });
    expect(area.errors).toBeUndefined();
    expect(area.data).toEqual({
      area: { id: world.area.id, name: world.area.name, workflowKey: 'standard', population: 66_000, municipalities: [{ name: 'Chomutov' }, { name: 'Jirkov' }] },
    });
  });

  test('an unknown area is NOT_FOUND, a malformed id BAD_USER_INPUT', async () => {
    const unknown = await api.gql('query($id: ID!) { area(id: $id) { id } }', { id: '00000000-0000-4000-8000-000000000000' });
    expect([codes(unknown), unknown.data]).toEqual([['NOT_FOUND'], { area: null }]);
    const malformed = await api.gql('query($id: ID!) { area(id: $id) { id } }', { id: 'chomutov' });
    expect(codes(malformed)).toEqual(['BAD_USER_INPUT']);
    expect(badFields(malformed)).toEqual(['id']);
  });
});

describe('bodies', () => {
  test('the public reads a public body with its members\' names and triad sides, but no contacts', async () => {
    const body = await api.gql(BODY, { id: world.group.id });
    expect(body.data).toEqual({
      body: { name: 'PS Senioři', memberships: [{ triadSide: 'COMMISSIONER', person: { name: 'Jana Předsedová' } }, { triadSide: 'SERVICE_USER', person: { name: 'Petr Člen' } }] },
    });
    const contacts = await api.gql<{ body: { memberships: Array<{ person: { email: string | null } }> } }>(
      `query($id: ID!) { body(id: $id) { memberships { person { name email phone } } } }`,
      { id: world.group.id },
    );
    expect(contacts.data!.body.memberships.map((m) => m.person.email)).toEqual([null, null]);
    expect(new Set(codes(contacts))).toEqual(new Set(['FORBIDDEN']));
  });

  test("the steering group is NOT_FOUND for the public and other bodies' members, visible to its members and every area role", async () => {
    for (const as of [undefined, subjectOf(world.member), subjectOf(world.chair), subjectOf(world.outsider)]) {
      const res = await api.gql(BODY, { id: world.steering.id }, who(as));
      expect([codes(res), res.data]).toEqual([['NOT_FOUND'], { body: null }]);
    }
    for (const p of [world.steeringMember, world.coordinator, world.support, world.clerk, world.admin]) {
      const res = await api.gql(BODY, { id: world.steering.id }, who(subjectOf(p)));
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ body: { name: 'Řídící skupina', memberships: [{ triadSide: 'COMMISSIONER', person: { name: 'Ivan Řídící' } }] } });
    }
  });

  test('area.bodies omits the steering group for those who cannot see it', async () => {
    expect(bodyNames(await api.gql(AREA_BODIES, { id: world.area.id }))).toEqual(['PS Senioři']);
    expect(bodyNames(await api.gql(AREA_BODIES, { id: world.area.id }, who(subjectOf(world.member))))).toEqual(['PS Senioři']);
    for (const p of [world.steeringMember, world.coordinator, world.support, world.clerk]) {
      expect(bodyNames(await api.gql(AREA_BODIES, { id: world.area.id }, who(subjectOf(p))))).toEqual(['PS Senioři', 'Řídící skupina']);
    }
  });

  test('a public body does not reveal the non-public body it reports to', async () => {
    const q = 'query($id: ID!) { body(id: $id) { reportsTo { id } } }';
    expect((await api.gql(q, { id: world.group.id })).data).toEqual({ body: { reportsTo: null } });
    expect((await api.gql(q, { id: world.group.id }, who(subjectOf(world.coordinator)))).data).toEqual({ body: { reportsTo: { id: world.steering.id } } });
  });

  test('a body of another area is NOT_FOUND unless public; its people likewise', async () => {
    const other = await anOrganisedArea(app.em());
    expect(codes(await api.gql(BODY, { id: other.steering.id }, who(subjectOf(world.coordinator))))).toEqual(['NOT_FOUND']);
    expect(codes(await api.gql(`query($id: ID!) { person(id: $id) { name } }`, { id: other.outsider.id }, who(subjectOf(world.coordinator))))).toEqual(['NOT_FOUND']);
    expect((await api.gql(BODY, { id: other.group.id }, who(subjectOf(world.coordinator)))).errors).toBeUndefined();
  });
});

describe('people and their seats', () => {
  test('the public sees a person seated in a public body, but not their seats in non-public ones', async () => {
    const em = app.em();
    const both = await aPerson(em, world.area, { name: 'Dana Dvojí' });
    await aSeat(em, world.group, both, { triadSide: TriadSide.PROVIDER });
    await aSeat(em, world.steering, both, { role: MembershipRole.DEPUTY, triadSide: TriadSide.PROVIDER });
    const q = 'query($id: ID!) { person(id: $id) { name memberships { role body { name } } } }';
    expect((await api.gql(q, { id: both.id })).data).toEqual({ person: { name: 'Dana Dvojí', memberships: [{ role: 'MEMBER', body: { name: 'PS Senioři' } }] } });
    const byCoordinator = await api.gql<{ person: { memberships: Array<{ body: { name: string } }> } }>(q, { id: both.id }, who(subjectOf(world.coordinator)));
    expect(byCoordinator.data!.person.memberships.map((m) => m.body.name).sort()).toEqual(['PS Senioři', 'Řídící skupina']);
  });

  test('people seated only in the steering group, or nowhere, are NOT_FOUND for the public and for a plain member', async () => {
    for (const id of [world.steeringMember.id, world.outsider.id, world.coordinator.id]) {
      for (const as of [undefined, subjectOf(world.member)]) {
        expect(codes(await api.gql('query($id: ID!) { person(id: $id) { name } }', { id }, who(as)))).toEqual(['NOT_FOUND']);
      }
    }
    // A member of the steering group knows its people; everyone knows themself.
    expect((await api.gql('query($id: ID!) { person(id: $id) { name } }', { id: world.steeringMember.id }, who(subjectOf(world.steeringMember)))).data).toEqual({
      person: { name: 'Ivan Řídící' },
    });
    expect((await api.gql('query($id: ID!) { person(id: $id) { name } }', { id: world.outsider.id }, who(subjectOf(world.outsider)))).data).toEqual({
      person: { name: 'Olga Nezapojená' },
    });
  });
});

describe('area.people', () => {
  test('pages by name for area roles; the public sees only people seated in public bodies', async () => {
    const em = app.em();
    const extra = await aBody(em, world.area, BodyKind.WORKING_GROUP, { name: 'PS Dluhy', isPublic: false });
    const hidden = await aPerson(em, world.area, { name: 'Zuzana Skrytá' });
    await aSeat(em, extra, hidden, { triadSide: TriadSide.PROVIDER });

    const names: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 10; i++) {
      const res: Awaited<ReturnType<typeof app.gql<Page>>> = await api.gql<Page>(PEOPLE, { id: world.area.id, first: 3, after }, who(subjectOf(world.coordinator)));
      expect(res.errors).toBeUndefined();
      const page = res.data!.area.people;
      total = page.totalCount;
      names.push(...page.edges.map((e) => e.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(names).toHaveLength(total);
    expect(names).toContain('Zuzana Skrytá');
    expect([...names].sort((x, y) => (x < y ? -1 : 1))).toEqual(names);

    const pub = await api.gql<Page>(PEOPLE, { id: world.area.id, first: 100 });
    expect(pub.data!.area.people.edges.map((e) => e.node.name).sort()).toEqual(['Dana Dvojí', 'Jana Předsedová', 'Petr Člen']);
    expect(pub.data!.area.people.totalCount).toBe(3);
  });

  test('first/after walk a known list exactly: hasNextPage, endCursor and totalCount', async () => {
    const em = app.em();
    const c = await anOrganisedArea(em);
    const group = await aBody(em, c.area, BodyKind.WORKING_GROUP, { name: 'PS Veřejná' });
    // Three people of the same name: the id breaks the tie, none is skipped or repeated.
    for (const name of ['Adam Adámek', 'Bára Bártová', 'Cyril Stejný', 'Cyril Stejný', 'Cyril Stejný']) {
      await aSeat(em, group, await aPerson(em, c.area, { name }));
    }
    const visibleToPublic = ['Adam Adámek', 'Bára Bártová', 'Cyril Stejný', 'Cyril Stejný', 'Cyril Stejný', 'Jana Předsedová', 'Petr Člen'];

    const first = await api.gql<Page>(PEOPLE, { id: c.area.id, first: 2 });
    expect(first.data!.area.people.totalCount).toBe(7);
    expect(first.data!.area.people.edges.map((e) => e.node.name)).toEqual(['Adam Adámek', 'Bára Bártová']);
    expect(first.data!.area.people.pageInfo).toEqual({ hasNextPage: true, endCursor: first.data!.area.people.edges[1].cursor });

    const seen: Array<{ id: string; name: string }> = [];
    let after: string | null = null;
    const hasNext: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const res: Awaited<ReturnType<typeof app.gql<Page>>> = await api.gql<Page>(PEOPLE, { id: c.area.id, first: 2, after });
      const page = res.data!.area.people;
      expect(page.totalCount).toBe(7);
      seen.push(...page.edges.map((e) => e.node));
      hasNext.push(page.pageInfo.hasNextPage);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(hasNext).toEqual([true, true, true, false]);
    expect(seen.map((p) => p.name)).toEqual(visibleToPublic);
    expect(new Set(seen.map((p) => p.id)).size).toBe(7);

    // The coordinator sees everyone of the area: the seven and the roles and people seated elsewhere.
    const all = await api.gql<Page>(PEOPLE, { id: c.area.id, first: 100 }, who(subjectOf(c.coordinator)));
    expect(all.data!.area.people.totalCount).toBe(13);
    expect(all.data!.area.people.pageInfo).toEqual({ hasNextPage: false, endCursor: all.data!.area.people.edges[12].cursor });

    const search = await api.gql<Page>(PEOPLE, { id: c.area.id, first: 100, search: 'stejn' });
    expect(search.data!.area.people.totalCount).toBe(3);
  });

  test('first: 0, 101 or negative is BAD_USER_INPUT on first', async () => {
    for (const first of [0, 101, -1]) {
      const res = await api.gql(PEOPLE, { id: world.area.id, first });
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(badFields(res)).toEqual(['first']);
    }
  });

  test('a cursor or search the server never made is BAD_USER_INPUT, not an internal error', async () => {
    const cursor = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ after: 'not a cursor' }, 'after'],
      [{ after: cursor(['Adam']) }, 'after'],
      [{ after: cursor(['Adam', "1' or '1'='1"]) }, 'after'],
      [{ after: cursor(['Ad\u0000am', '00000000-0000-4000-8000-000000000000']) }, 'after'],
      [{ search: 'Ad\u0000am' }, 'search'],
    ];
    for (const [vars, field] of bad) {
      const res = await api.gql(PEOPLE, { id: world.area.id, first: 5, ...vars }, who(subjectOf(world.coordinator)));
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(badFields(res)).toEqual([field]);
    }
  });
});

describe('errors', () => {
  test('errors never carry stack traces or SQL', async () => {
    const res = await app.gql(`query($id: ID!) { body(id: $id) { id } }`, { id: "x' or 1=1 --" });
    const text = JSON.stringify(res);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(text).not.toMatch(/select |stacktrace|\n\s+at /i);
  });

  test('a real internal error (a broken table) is INTERNAL_SERVER_ERROR with a generic message, for reads and writes', async () => {
    const connection = app.em().getConnection();
    await connection.execute('alter table municipality rename column population to population_broken');
    try {
      const read = await api.gql('query($id: ID!) { area(id: $id) { name population } }', { id: world.area.id });
      const write = await api.gql(
        'mutation($input: AddMunicipalityInput!) { addMunicipality(input: $input) { id } }',
        { input: { areaId: world.area.id, name: 'Údlice', population: 1400 } },
        who(subjectOf(world.coordinator)),
      );
      for (const res of [read, write]) {
        expect(codes(res)).toEqual(['INTERNAL_SERVER_ERROR']);
        expect(res.errors![0].message).toMatch(/^Intern(í chyba serveru|al server error)/);
        const visible = JSON.stringify(res.errors!.map((e) => ({ message: e.message, extensions: e.extensions })));
        expect(visible).not.toMatch(/population_broken|municipality|column|relation|postgres|sql/i);
      }
    } finally {
      await connection.execute('alter table municipality rename column population_broken to population');
    }
    expect((await api.gql('query($id: ID!) { area(id: $id) { population } }', { id: world.area.id })).errors).toBeUndefined();
  });

  test('a query the schema does not know gets a code and a message naming no server internals', async () => {
    const res = await api.gql('{ area(id: "00000000-0000-4000-8000-000000000000") { secretColumn } }');
    expect(res.errors).toHaveLength(1);
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
