import { Municipality } from '../../src/entities/municipality.entity';
import { PlanningArea } from '../../src/entities/planning-area.entity';
import { aGlobalAdmin, aMunicipality, anOrganisedArea } from '../support/factories';
import { expectBadInput, expectRefused, leakChecked, subjectOf, who, type Api } from '../support/api-assertions';
import { startTestApp, type TestApp } from '../support/test-app';

/** Planning areas and their municipalities: createArea, updateArea, addMunicipality. */

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

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

describe('createArea', () => {
  const CREATE = 'mutation($input: CreateAreaInput!) { createArea(input: $input) { id name kind workflowKey } }';
  type Created = { createArea: { id: string; name: string; kind: string; workflowKey: string } };

  test('a global admin creates an area; the row is there with the standard workflow by default', async () => {
    const res = await api.gql<Created>(CREATE, { input: { name: 'ORP Kadaň', kind: 'ORP' } }, who(globalAdmin));
    expect(res.errors).toBeUndefined();
    expect(res.data!.createArea).toEqual({ id: expect.any(String) as unknown, name: 'ORP Kadaň', kind: 'ORP', workflowKey: 'standard' });
    const row = await app.em().findOneOrFail(PlanningArea, { id: res.data!.createArea.id });
    expect({ name: row.name, kind: row.kind, workflowKey: row.workflowKey }).toEqual({ name: 'ORP Kadaň', kind: 'ORP', workflowKey: 'standard' });
  });

  test('a global admin picks another known workflow', async () => {
    const res = await api.gql<Created>(CREATE, { input: { name: 'Nový Jičín', kind: 'TOWN', workflowKey: 'novy-jicin' } }, who(globalAdmin));
    expect(res.data!.createArea).toMatchObject({ name: 'Nový Jičín', kind: 'TOWN', workflowKey: 'novy-jicin' });
    const row = await app.em().findOneOrFail(PlanningArea, { id: res.data!.createArea.id });
    expect(row.workflowKey).toBe('novy-jicin');
  });

  test('UNAUTHENTICATED without a token; nothing written', async () => {
    await expectRefused(app, CREATE, { input: { name: 'ORP Žatec', kind: 'ORP' } }, {}, 'UNAUTHENTICATED');
    expect(await app.em().count(PlanningArea, { name: 'ORP Žatec' })).toBe(0);
  });

  test("FORBIDDEN for an area's admin, coordinator or member, and for an unknown subject; nothing written", async () => {
    for (const as of [subjectOf(a.admin), subjectOf(a.coordinator), subjectOf(a.member), 'nobody-known']) {
      await expectRefused(app, CREATE, { input: { name: 'ORP Žatec', kind: 'ORP' } }, who(as), 'FORBIDDEN');
    }
    expect(await app.em().count(PlanningArea, { name: 'ORP Žatec' })).toBe(0);
  });

  test('BAD_USER_INPUT naming the field: empty or blank name, too long a name, unknown workflow; nothing written', async () => {
    const before = await app.em().count(PlanningArea, {});
    await expectBadInput(app, CREATE, { input: { name: '', kind: 'ORP' } }, who(globalAdmin), ['name']);
    await expectBadInput(app, CREATE, { input: { name: '   ', kind: 'ORP' } }, who(globalAdmin), ['name']);
    await expectBadInput(app, CREATE, { input: { name: 'x'.repeat(201), kind: 'ORP' } }, who(globalAdmin), ['name']);
    await expectBadInput(app, CREATE, { input: { name: 'Řádek\u0007', kind: 'ORP' } }, who(globalAdmin), ['name']);
    const res = await expectBadInput(app, CREATE, { input: { name: 'ORP Žatec', kind: 'ORP', workflowKey: 'no-such-flow' } }, who(globalAdmin), ['workflowKey']);
    expect(res.errors![0].message).toMatch(/standard/);
    expect(await app.em().count(PlanningArea, {})).toBe(before);
  });

  test('an unknown kind is refused by the schema with BAD_USER_INPUT', async () => {
    const res = await app.gql(CREATE, { input: { name: 'ORP Žatec', kind: 'VILLAGE' } }, who(globalAdmin));
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.data ?? null).toBeNull();
    expect(await app.em().count(PlanningArea, { name: 'ORP Žatec' })).toBe(0);
  });

  test('CONFLICT for a duplicate name, also in other letter case; nothing written', async () => {
    await expectRefused(app, CREATE, { input: { name: a.area.name.toUpperCase(), kind: 'ORP' } }, who(globalAdmin), 'CONFLICT');
    await expectRefused(app, CREATE, { input: { name: 'orp kadaň', kind: 'TOWN' } }, who(globalAdmin), 'CONFLICT');
    expect(await app.em().count(PlanningArea, { name: { $ilike: 'orp kadaň' } })).toBe(1);
  });
});

describe('updateArea', () => {
  const UPDATE = 'mutation($input: UpdateAreaInput!) { updateArea(input: $input) { id name kind workflowKey } }';

  test("the area's admin renames it and changes its workflow; the row changes", async () => {
    const res = await api.gql(UPDATE, { input: { areaId: a.area.id, name: 'ORP Chomutov', workflowKey: 'cesky-krumlov' } }, who(subjectOf(a.admin)));
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ updateArea: { id: a.area.id, name: 'ORP Chomutov', kind: 'ORP', workflowKey: 'cesky-krumlov' } });
    const row = await app.em().findOneOrFail(PlanningArea, { id: a.area.id });
    expect({ name: row.name, workflowKey: row.workflowKey }).toEqual({ name: 'ORP Chomutov', workflowKey: 'cesky-krumlov' });
  });

  test('omitted fields stay as they were', async () => {
    const res = await api.gql(UPDATE, { input: { areaId: a.area.id, kind: 'TOWN' } }, who(subjectOf(a.admin)));
    expect(res.data).toEqual({ updateArea: { id: a.area.id, name: 'ORP Chomutov', kind: 'TOWN', workflowKey: 'cesky-krumlov' } });
    const row = await app.em().findOneOrFail(PlanningArea, { id: a.area.id });
    expect({ name: row.name, kind: row.kind, workflowKey: row.workflowKey }).toEqual({ name: 'ORP Chomutov', kind: 'TOWN', workflowKey: 'cesky-krumlov' });
  });

  test('a global admin updates any area', async () => {
    const res = await api.gql(UPDATE, { input: { areaId: b.area.id, name: 'ORP Most' } }, who(globalAdmin));
    expect(res.data).toMatchObject({ updateArea: { id: b.area.id, name: 'ORP Most' } });
    expect((await app.em().findOneOrFail(PlanningArea, { id: b.area.id })).name).toBe('ORP Most');
  });

  test('UNAUTHENTICATED without a token; the row unchanged', async () => {
    await expectRefused(app, UPDATE, { input: { areaId: a.area.id, name: 'Cizí' } }, {}, 'UNAUTHENTICATED');
    expect((await app.em().findOneOrFail(PlanningArea, { id: a.area.id })).name).toBe('ORP Chomutov');
  });

  test('FORBIDDEN for the coordinator, support, clerk, a chair and a member; the row unchanged', async () => {
    for (const p of [a.coordinator, a.support, a.clerk, a.chair, a.member]) {
      await expectRefused(app, UPDATE, { input: { areaId: a.area.id, name: 'Přejmenováno' } }, who(subjectOf(p)), 'FORBIDDEN');
    }
    expect((await app.em().findOneOrFail(PlanningArea, { id: a.area.id })).name).toBe('ORP Chomutov');
  });

  test("NOT_FOUND for another area (to its admin and coordinator) and for an unknown id; the row unchanged", async () => {
    await expectRefused(app, UPDATE, { input: { areaId: b.area.id, name: 'Cizí' } }, who(subjectOf(a.admin)), 'NOT_FOUND');
    await expectRefused(app, UPDATE, { input: { areaId: b.area.id, name: 'Cizí' } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    await expectRefused(app, UPDATE, { input: { areaId: NO_SUCH_ID, name: 'Nikde' } }, who(subjectOf(a.admin)), 'NOT_FOUND');
    expect((await app.em().findOneOrFail(PlanningArea, { id: b.area.id })).name).toBe('ORP Most');
  });

  test('BAD_USER_INPUT naming the field: empty or null name, unknown workflow, malformed id; the row unchanged', async () => {
    const admin = who(subjectOf(a.admin));
    await expectBadInput(app, UPDATE, { input: { areaId: a.area.id, name: '' } }, admin, ['name']);
    await expectBadInput(app, UPDATE, { input: { areaId: a.area.id, name: null } }, admin, ['name']);
    await expectBadInput(app, UPDATE, { input: { areaId: a.area.id, workflowKey: 'no-such-flow' } }, admin, ['workflowKey']);
    await expectBadInput(app, UPDATE, { input: { areaId: 'not-a-uuid', name: 'X' } }, admin, ['areaId']);
    const row = await app.em().findOneOrFail(PlanningArea, { id: a.area.id });
    expect({ name: row.name, workflowKey: row.workflowKey }).toEqual({ name: 'ORP Chomutov', workflowKey: 'cesky-krumlov' });
  });

  test("CONFLICT when renamed to another area's name; the row unchanged", async () => {
    await expectRefused(app, UPDATE, { input: { areaId: a.area.id, name: 'orp most' } }, who(subjectOf(a.admin)), 'CONFLICT');
    expect((await app.em().findOneOrFail(PlanningArea, { id: a.area.id })).name).toBe('ORP Chomutov');
  });
});

describe('addMunicipality', () => {
  // Returns the area, listing its municipalities by name.
  const ADD = 'mutation($input: AddMunicipalityInput!) { addMunicipality(input: $input) { id municipalities { id name population } } }';
  type Added = { addMunicipality: { id: string; municipalities: Array<{ id: string; name: string; population: number }> } };

  test('the coordinator and the admin add municipalities; rows are there and the population adds up', async () => {
    await aMunicipality(app.em(), a.area, 'Chomutov', 47_000);
    const byCoordinator = await api.gql<Added>(ADD, { input: { areaId: a.area.id, name: 'Spořice', population: 1540 } }, who(subjectOf(a.coordinator)));
    expect(byCoordinator.errors).toBeUndefined();
    expect(byCoordinator.data!.addMunicipality.id).toBe(a.area.id);
    const added = byCoordinator.data!.addMunicipality.municipalities.find((m) => m.name === 'Spořice')!;
    expect(added).toEqual({ id: expect.any(String) as unknown, name: 'Spořice', population: 1540 });
    const row = await app.em().findOneOrFail(Municipality, { id: added.id });
    expect({ areaId: row.areaId, name: row.name, population: row.population }).toEqual({ areaId: a.area.id, name: 'Spořice', population: 1540 });

    const byAdmin = await api.gql<Added>(ADD, { input: { areaId: a.area.id, name: 'Blatno', population: 0 } }, who(subjectOf(a.admin)));
    expect(byAdmin.data!.addMunicipality.municipalities).toContainEqual({ id: expect.any(String) as unknown, name: 'Blatno', population: 0 });

    const area = await api.gql('query($id: ID!) { area(id: $id) { population municipalities { name population } } }', { id: a.area.id });
    expect(area.data).toEqual({
      area: {
        population: 48_540,
        municipalities: [
          { name: 'Blatno', population: 0 },
          { name: 'Chomutov', population: 47_000 },
          { name: 'Spořice', population: 1540 },
        ],
      },
    });
  });

  test('UNAUTHENTICATED without a token; nothing written', async () => {
    await expectRefused(app, ADD, { input: { areaId: a.area.id, name: 'Málkov', population: 700 } }, {}, 'UNAUTHENTICATED');
    expect(await app.em().count(Municipality, { name: 'Málkov' })).toBe(0);
  });

  test('FORBIDDEN for a member, a chair, support and the clerk; nothing written', async () => {
    for (const p of [a.member, a.chair, a.support, a.clerk]) {
      await expectRefused(app, ADD, { input: { areaId: a.area.id, name: 'Málkov', population: 700 } }, who(subjectOf(p)), 'FORBIDDEN');
    }
    expect(await app.em().count(Municipality, { name: 'Málkov' })).toBe(0);
  });

  test("NOT_FOUND for another area, and for an unknown area; nothing written", async () => {
    await expectRefused(app, ADD, { input: { areaId: b.area.id, name: 'Cizí obec', population: 10 } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    await expectRefused(app, ADD, { input: { areaId: NO_SUCH_ID, name: 'Cizí obec', population: 10 } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    expect(await app.em().count(Municipality, { name: 'Cizí obec' })).toBe(0);
  });

  test('BAD_USER_INPUT naming the field: negative or absurd population, empty name, malformed area id; nothing written', async () => {
    const as = who(subjectOf(a.coordinator));
    const before = await app.em().count(Municipality, { areaId: a.area.id });
    await expectBadInput(app, ADD, { input: { areaId: a.area.id, name: 'Záporná', population: -5 } }, as, ['population']);
    await expectBadInput(app, ADD, { input: { areaId: a.area.id, name: 'Obří', population: 2_000_001 } }, as, ['population']);
    await expectBadInput(app, ADD, { input: { areaId: a.area.id, name: '', population: 5 } }, as, ['name']);
    await expectBadInput(app, ADD, { input: { areaId: a.area.id, name: '', population: -1 } }, as, ['name', 'population']);
    await expectBadInput(app, ADD, { input: { areaId: 'area-1', name: 'Obec', population: 5 } }, as, ['areaId']);
    expect(await app.em().count(Municipality, { areaId: a.area.id })).toBe(before);
  });

  test('CONFLICT for a municipality the area already has (any letter case); another area may have one of that name', async () => {
    await expectRefused(app, ADD, { input: { areaId: a.area.id, name: 'SPOŘICE', population: 1 } }, who(subjectOf(a.coordinator)), 'CONFLICT');
    expect(await app.em().count(Municipality, { areaId: a.area.id, name: { $ilike: 'spořice' } })).toBe(1);
    const other = await api.gql(ADD, { input: { areaId: b.area.id, name: 'Spořice', population: 1540 } }, who(subjectOf(b.coordinator)));
    expect(other.errors).toBeUndefined();
    expect(await app.em().count(Municipality, { name: 'Spořice' })).toBe(2);
  });
});
