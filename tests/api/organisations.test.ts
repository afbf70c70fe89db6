import { isValidIco } from '../../src/common/ico';
import { Organisation } from '../../src/entities/organisation.entity';
import { Provider } from '../../src/entities/provider.entity';
import { expectBadInput, expectRefused, leakChecked, subjectOf, who, type Api } from '../support/api-assertions';
import { aGlobalAdmin, anOrganisation, anOrganisedArea, aSeat } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Organisations as records of their area (issue 12, item 4): the IČO check, one IČO per area, the
 * link to the provider catalogue, the list and who reads it. Who may create and update them is in
 * organisation-mutations.test.ts with every other mutation of an area's organisation.
 */

let app: TestApp;
let api: Api;
let a: Awaited<ReturnType<typeof anOrganisedArea>>;
let b: Awaited<ReturnType<typeof anOrganisedArea>>;
let globalAdmin: string;

beforeAll(async () => {
  app = await startTestApp();
  api = leakChecked(app);
  a = await anOrganisedArea(app.em());
  b = await anOrganisedArea(app.em());
  globalAdmin = await aGlobalAdmin(app.em());
});
afterAll(async () => {
  await app.close();
});

const CREATE = 'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name ico provider { name } } }';
const UPDATE = 'mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { id name ico } }';
const LIST = `query($areaId: ID!, $search: String, $first: Int, $after: String) {
  organisations(areaId: $areaId, search: $search, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name ico } } }
}`;
type Page = { organisations: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { name: string; ico: string | null } }> } };

const rowsNamed = (name: string): Promise<Organisation[]> => app.em().find(Organisation, { name });

test('the IČO check digit: eight digits, weighted 8…2, modulo 11 (remainder 0 gives 1, remainder 1 gives 0)', () => {
  expect(['25755277', '00261891', '45271500', '26593017'].map(isValidIco)).toEqual([true, true, true, true]);
  expect(['25755278', '00261890', '45271501', '2575527', '257552770', '2575527a', ''].map(isValidIco)).toEqual([false, false, false, false, false, false, false]);
});

test('createOrganisation keeps a valid IČO (spaces dropped) and refuses a bad one with BAD_USER_INPUT on ico, writing nothing', async () => {
  const as = who(subjectOf(a.coordinator));
  const res = await api.gql<{ createOrganisation: { id: string; name: string; ico: string } }>(CREATE, { input: { areaId: a.area.id, name: 'Statutární město Chomutov', ico: '002 61 891' } }, as);
  expect(res.data!.createOrganisation).toMatchObject({ name: 'Statutární město Chomutov', ico: '00261891', provider: null });
  for (const ico of ['25755278', '2575527', '257552770', 'IČO 25755277', '00261890']) {
    const refused = await expectBadInput(app, CREATE, { input: { areaId: a.area.id, name: 'Špatné IČO', ico } }, as, ['ico']);
    expect(refused.errors![0].message).toMatch(/IČO/);
  }
  // In English on request, with the rule.
  const en = await expectRefused(app, CREATE, { input: { areaId: a.area.id, name: 'Špatné IČO', ico: '25755278' } }, { ...as, headers: { 'accept-language': 'en' } }, 'BAD_USER_INPUT');
  expect(en.errors![0].message).toContain('check digit');
  expect(await rowsNamed('Špatné IČO')).toEqual([]);
  await expectBadInput(app, CREATE, { input: { areaId: a.area.id, name: '' } }, as, ['name']);
  await expectBadInput(app, CREATE, { input: { areaId: a.area.id, name: 'X'.repeat(201) } }, as, ['name']);
});

test("an IČO is one organisation's in an area: CONFLICT naming the holder, nothing written; another area may have it too", async () => {
  const as = who(subjectOf(a.admin));
  const first = await api.gql<{ createOrganisation: { id: string } }>(CREATE, { input: { areaId: a.area.id, name: 'Charita Kadaň', ico: '45271500' } }, as);
  const holder = first.data!.createOrganisation.id;
  const conflict = await expectRefused(app, CREATE, { input: { areaId: a.area.id, name: 'Charita Kadaň (znovu)', ico: '45271500' } }, as, 'CONFLICT');
  expect(conflict.errors![0].extensions).toMatchObject({ field: 'ico', organisationId: holder });
  const other = await api.gql<{ createOrganisation: { id: string } }>(CREATE, { input: { areaId: a.area.id, name: 'Jiná charita' } }, as);
  await expectRefused(app, UPDATE, { input: { organisationId: other.data!.createOrganisation.id, ico: '45271500' } }, as, 'CONFLICT');
  // Its own IČO again is no conflict; another area's organisation may hold the same IČO.
  expect((await api.gql(UPDATE, { input: { organisationId: holder, ico: '4527 1500' } }, as)).errors).toBeUndefined();
  const inB = await api.gql(CREATE, { input: { areaId: b.area.id, name: 'Charita Kadaň', ico: '45271500' } }, who(subjectOf(b.coordinator)));
  expect(inB.errors).toBeUndefined();
});

test('updateOrganisation renames (every record referring to it follows) and clears the IČO; the name cannot be cleared', async () => {
  const as = who(subjectOf(a.coordinator));
  const spolek = await anOrganisation(app.em(), a.area, { name: 'Spolek Senioři', ico: '25755277' });
  await app.em().getConnection().execute(`update person set organisation_id = ? where id = ?`, [spolek.id, a.member.id]);
  await expectBadInput(app, UPDATE, { input: { organisationId: spolek.id, name: null } }, as, ['name']);
  const renamed = await api.gql(UPDATE, { input: { organisationId: spolek.id, name: 'Spolek Senioři Chomutov, z. s.', ico: null } }, as);
  expect(renamed.data).toEqual({ updateOrganisation: { id: spolek.id, name: 'Spolek Senioři Chomutov, z. s.', ico: null } });
  const person = await api.gql('query($id: ID!) { person(id: $id) { organisation { id name ico } } }', { id: a.member.id }, as);
  expect(person.data).toEqual({ person: { organisation: { id: spolek.id, name: 'Spolek Senioři Chomutov, z. s.', ico: null } } });
});

test('an organisation with the IČO of a catalogue provider links to it; without one, or with another, it does not', async () => {
  const em = app.em();
  em.create(Provider, { ico: '26593017', name: 'Člověk v tísni, o.p.s.', legalFormCode: '141', emails: [], phones: [], websites: [] });
  await em.flush();
  const as = who(subjectOf(a.coordinator));
  const linked = await api.gql(CREATE, { input: { areaId: a.area.id, name: 'Člověk v tísni – pobočka Chomutov', ico: '26593017' } }, as);
  expect(linked.data).toMatchObject({ createOrganisation: { ico: '26593017', provider: { name: 'Člověk v tísni, o.p.s.' } } });
  const unlinked = await api.gql(CREATE, { input: { areaId: a.area.id, name: 'Klub bez IČO' } }, as);
  expect(unlinked.data).toMatchObject({ createOrganisation: { ico: null, provider: null } });
});

test("the area's people list its organisations by name, search by name or IČO, page by cursor; others get an empty page", async () => {
  for (const [name, ico] of [['Azylový dům Kadaň', null], ['azylový dům Jirkov', '69947228'], ['Domov pro seniory Písečná', null]] as const) {
    await anOrganisation(app.em(), b.area, { name, ico });
  }
  const member = who(subjectOf(b.member));
  const search = await api.gql<Page>(LIST, { areaId: b.area.id, search: 'AZYLOVÝ', first: 10 }, member);
  expect(search.data!.organisations.edges.map((e) => e.node.name).sort()).toEqual(['Azylový dům Kadaň', 'azylový dům Jirkov'].sort());
  expect(search.data!.organisations.totalCount).toBe(2);
  const byIco = await api.gql<Page>(LIST, { areaId: b.area.id, search: '6994', first: 10 }, member);
  expect(byIco.data!.organisations.edges.map((e) => e.node)).toEqual([{ name: 'azylový dům Jirkov', ico: '69947228' }]);

  const all = await api.gql<Page>(LIST, { areaId: b.area.id, first: 100 }, who(subjectOf(b.outsider)));
  const names: string[] = [];
  let after: string | null = null;
  do {
    const page: Page = (await api.gql<Page>(LIST, { areaId: b.area.id, first: 2, after }, member)).data!;
    names.push(...page.organisations.edges.map((e) => e.node.name));
    after = page.organisations.pageInfo.hasNextPage ? page.organisations.pageInfo.endCursor : null;
  } while (after);
  expect(names).toEqual(all.data!.organisations.edges.map((e) => e.node.name));
  expect(names.length).toBe(all.data!.organisations.totalCount);

  for (const viewer of [who(subjectOf(a.coordinator)), who(undefined)]) {
    const nothing = await api.gql<Page>(LIST, { areaId: b.area.id, first: 10 }, viewer);
    expect(nothing.data!.organisations).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
  }
  const global = await api.gql<Page>(LIST, { areaId: b.area.id, first: 100 }, who(globalAdmin));
  expect(global.data!.organisations.totalCount).toBe(all.data!.organisations.totalCount);
  await expectBadInput(app, LIST, { areaId: b.area.id, search: 'x'.repeat(201), first: 10 }, member, ['search']);
  await expectBadInput(app, LIST, { areaId: b.area.id, first: 101 }, member, ['first']);
  await expectBadInput(app, LIST, { areaId: b.area.id, first: 10, after: 'nonsense' }, member, ['after']);
});

test("organisation(id): the area's people see it; another area and the public get NOT_FOUND; what refers to it shows it", async () => {
  const domov = await anOrganisation(app.em(), a.area, { name: 'Domov Na Stráni, o.p.s.' });
  await aSeat(app.em(), a.steering, a.outsider, { organisation: domov });
  const ONE = 'query($id: ID!) { organisation(id: $id) { id name } }';
  expect((await api.gql(ONE, { id: domov.id }, who(subjectOf(a.member)))).data).toEqual({ organisation: { id: domov.id, name: 'Domov Na Stráni, o.p.s.' } });
  await expectRefused(app, ONE, { id: domov.id }, who(subjectOf(b.coordinator)), 'NOT_FOUND');
  await expectRefused(app, ONE, { id: domov.id }, who(undefined), 'NOT_FOUND');
  await expectBadInput(app, ONE, { id: 'domov' }, who(subjectOf(a.member)), ['id']);
  // The seat's organisation shows with the seat, to whoever sees the (non-public) steering group.
  const seats = await api.gql<{ body: { memberships: Array<{ organisation: { name: string } | null }> } }>(
    'query($id: ID!) { body(id: $id) { memberships { organisation { name } } } }',
    { id: a.steering.id },
    who(subjectOf(a.coordinator)),
  );
  expect(seats.data!.body.memberships.map((m) => m.organisation?.name ?? null).sort()).toEqual(['Domov Na Stráni, o.p.s.', null]);
});

test("people are found by their organisation's name", async () => {
  const poradna = await anOrganisation(app.em(), a.area, { name: 'Rodinná poradna Vrchlického' });
  await app.em().getConnection().execute(`update person set organisation_id = ? where id = ?`, [poradna.id, a.chair.id]);
  const res = await api.gql<{ area: { people: { edges: Array<{ node: { name: string; organisation: { name: string } } }> } } }>(
    'query($id: ID!) { area(id: $id) { people(search: "poradna vrch") { edges { node { name organisation { name } } } } } }',
    { id: a.area.id },
    who(subjectOf(a.coordinator)),
  );
  expect(res.data!.area.people.edges.map((e) => e.node)).toEqual([{ name: 'Jana Předsedová', organisation: { name: 'Rodinná poradna Vrchlického' } }]);
});
