import { aBody, anOrganisedArea, aPerson, aSeat } from '../support/factories';
import { BodyKind, TriadSide } from '../../src/entities/enums';
import { codes, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
let world: Awaited<ReturnType<typeof anOrganisedArea>>;
beforeAll(async () => {
  app = await startTestApp();
  world = await anOrganisedArea(app.em());
});
afterAll(async () => {
  await app.close();
});

const BODY = `query($id: ID!) { body(id: $id) { name memberships { triadSide person { name } } } }`;
const AREA_BODIES = `query($id: ID!) { area(id: $id) { bodies { name } } }`;

test('the public reads areas and a public body with names and triad sides, but no contacts', async () => {
  const areas = await app.gql<{ areas: Array<{ id: string }> }>('{ areas { id name kind } }');
  expect(areas.data!.areas.map((x) => x.id)).toContain(world.area.id);
  const body = await app.gql(BODY, { id: world.group.id });
  expect(body.data).toEqual({
    body: { name: 'PS Senioři', memberships: [{ triadSide: 'COMMISSIONER', person: { name: 'Jana Předsedová' } }, { triadSide: 'SERVICE_USER', person: { name: 'Petr Člen' } }] },
  });
  const contacts = await app.gql<{ body: { memberships: Array<{ person: { email: string | null } }> } }>(
    `query($id: ID!) { body(id: $id) { memberships { person { name email phone } } } }`,
    { id: world.group.id },
  );
  expect(contacts.data!.body.memberships.map((m) => m.person.email)).toEqual([null, null]);
  expect(new Set(codes(contacts))).toEqual(new Set(['FORBIDDEN']));
});

test('contacts: hidden from another member, shown to the person and to the coordinator', async () => {
  const q = `query($id: ID!) { person(id: $id) { name email phone subject } }`;
  const byMember = await app.gql(q, { id: world.chair.id }, { as: world.member.subject as string });
  expect(byMember.data).toEqual({ person: { name: 'Jana Předsedová', email: null, phone: null, subject: null } });
  expect(codes(byMember)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
  const self = await app.gql(q, { id: world.chair.id }, { as: world.chair.subject as string });
  expect(self.errors).toBeUndefined();
  expect(self.data).toMatchObject({ person: { email: world.chair.email } });
  const coordinator = await app.gql(q, { id: world.chair.id }, { as: world.coordinator.subject as string });
  expect(coordinator.data).toMatchObject({ person: { email: world.chair.email, subject: world.chair.subject } });
});

test('the steering group is NOT_FOUND for the public and other bodies\' members, visible to its members and area roles', async () => {
  expect(codes(await app.gql(BODY, { id: world.steering.id }))).toEqual(['NOT_FOUND']);
  expect(codes(await app.gql(BODY, { id: world.steering.id }, { as: world.member.subject as string }))).toEqual(['NOT_FOUND']);
  for (const who of [world.steeringMember, world.coordinator, world.support, world.clerk]) {
    const res = await app.gql(BODY, { id: world.steering.id }, { as: who.subject as string });
    expect(res.errors).toBeUndefined();
  }
  const publicList = await app.gql<{ area: { bodies: Array<{ name: string }> } }>(AREA_BODIES, { id: world.area.id });
  expect(publicList.data!.area.bodies.map((x) => x.name)).toEqual(['PS Senioři']);
  const memberList = await app.gql<{ area: { bodies: Array<{ name: string }> } }>(AREA_BODIES, { id: world.area.id }, { as: world.steeringMember.subject as string });
  expect(memberList.data!.area.bodies.map((x) => x.name)).toEqual(['PS Senioři', 'Řídící skupina']);
});

test('a body of another area is NOT_FOUND unless public; its people likewise', async () => {
  const other = await anOrganisedArea(app.em());
  expect(codes(await app.gql(BODY, { id: other.steering.id }, { as: world.coordinator.subject as string }))).toEqual(['NOT_FOUND']);
  expect(codes(await app.gql(`query($id: ID!) { person(id: $id) { name } }`, { id: other.outsider.id }, { as: world.coordinator.subject as string }))).toEqual([
    'NOT_FOUND',
  ]);
  expect((await app.gql(BODY, { id: other.group.id }, { as: world.coordinator.subject as string })).errors).toBeUndefined();
});

test('area.people pages by name for area roles; the public sees only people seated in public bodies', async () => {
  const em = app.em();
  const extra = await aBody(em, world.area, BodyKind.WORKING_GROUP, { name: 'PS Dluhy', isPublic: false });
  const hidden = await aPerson(em, world.area, { name: 'Zuzana Skrytá' });
  await aSeat(em, extra, hidden, { triadSide: TriadSide.PROVIDER });
  const PEOPLE = `query($id: ID!, $first: Int!, $after: String) { area(id: $id) { people(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } } }`;
  type Page = { area: { people: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { name: string } }> } } };

  const names: string[] = [];
  let after: string | null = null;
  let total = 0;
  for (let i = 0; i < 10; i++) {
    const res: Awaited<ReturnType<typeof app.gql<Page>>> = await app.gql<Page>(PEOPLE, { id: world.area.id, first: 3, after }, { as: world.coordinator.subject as string });
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

  const pub = await app.gql<Page>(PEOPLE, { id: world.area.id, first: 100 });
  expect(pub.data!.area.people.edges.map((e) => e.node.name).sort()).toEqual(['Jana Předsedová', 'Petr Člen']);
  for (const first of [0, 101]) {
    expect(codes(await app.gql(PEOPLE, { id: world.area.id, first }))).toEqual(['BAD_USER_INPUT']);
  }
});

test('errors never carry stack traces or SQL', async () => {
  const res = await app.gql(`query($id: ID!) { body(id: $id) { id } }`, { id: "x' or 1=1 --" });
  const text = JSON.stringify(res);
  expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  expect(text).not.toMatch(/select |stacktrace|\n\s+at /i);
});
