import { Body } from '../../src/entities/body.entity';
import { BodyKind } from '../../src/entities/enums';
import { aBody, anOrganisedArea } from '../support/factories';
import { expectBadInput, expectRefused, leakChecked, subjectOf, who, type Api } from '../support/api-assertions';
import { startTestApp, type TestApp } from '../support/test-app';

/** Bodies of an area and their reporting chain: createBody, updateBody. */

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

const row = (id: string): Promise<Body> => app.em().findOneOrFail(Body, { id }, { populate: ['reportsTo'] });
const bodiesIn = (areaId: string): Promise<number> => app.em().count(Body, { areaId });

const FIELDS = 'id kind name shortName targetGroup isPublic materialsLeadDays minutesDueDays quorumRule convener minuteTaker reportsTo { id }';
const CREATE = `mutation($input: CreateBodyInput!) { createBody(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($input: UpdateBodyInput!) { updateBody(input: $input) { ${FIELDS} } }`;

describe('createBody', () => {
  type Created = { createBody: { id: string } };

  test("the coordinator creates a working group under the steering group with its kind's rules; the row is there", async () => {
    const input = { areaId: a.area.id, kind: 'WORKING_GROUP', name: 'PS Rodina', reportsToBodyId: a.steering.id, targetGroup: 'CHILDREN_YOUTH_FAMILY' };
    const res = await api.gql<Created>(CREATE, { input }, who(subjectOf(a.coordinator)));
    expect(res.errors).toBeUndefined();
    expect(res.data!.createBody).toEqual({
      id: expect.any(String) as unknown,
      kind: 'WORKING_GROUP',
      name: 'PS Rodina',
      shortName: null,
      targetGroup: 'CHILDREN_YOUTH_FAMILY',
      isPublic: true,
      materialsLeadDays: 5,
      minutesDueDays: 7,
      quorumRule: 'MAJORITY',
      convener: 'CHAIR_OR_COORDINATOR',
      minuteTaker: 'COORDINATOR',
      reportsTo: { id: a.steering.id },
    });
    const body = await row(res.data!.createBody.id);
    expect({ areaId: body.areaId, kind: body.kind, name: body.name, isPublic: body.isPublic, reportsTo: body.reportsTo?.id }).toEqual({
      areaId: a.area.id,
      kind: BodyKind.WORKING_GROUP,
      name: 'PS Rodina',
      isPublic: true,
      reportsTo: a.steering.id,
    });
  });

  test('the admin creates the social commission with its own rules (Český Krumlov: materials 3 days ahead)', async () => {
    const input = { areaId: a.area.id, kind: 'SOCIAL_COMMISSION', name: 'Sociální komise RM', shortName: 'SK', materialsLeadDays: 3, minutesDueDays: 10, quorumRule: 'TWO_THIRDS', convener: 'CHAIR' };
    const res = await api.gql<Created>(CREATE, { input }, who(subjectOf(a.admin)));
    expect(res.data!.createBody).toMatchObject({ kind: 'SOCIAL_COMMISSION', shortName: 'SK', isPublic: false, materialsLeadDays: 3, minutesDueDays: 10, quorumRule: 'TWO_THIRDS', reportsTo: null });
    const body = await row(res.data!.createBody.id);
    expect([body.shortName, body.materialsLeadDays, body.minutesDueDays, body.isPublic]).toEqual(['SK', 3, 10, false]);
  });

  test('UNAUTHENTICATED without a token; nothing written', async () => {
    const before = await bodiesIn(a.area.id);
    await expectRefused(app, CREATE, { input: { areaId: a.area.id, kind: 'WORKING_GROUP', name: 'PS Dluhy' } }, {}, 'UNAUTHENTICATED');
    expect(await bodiesIn(a.area.id)).toBe(before);
  });

  test('FORBIDDEN for a member, a chair, support and the clerk; nothing written', async () => {
    const before = await bodiesIn(a.area.id);
    for (const p of [a.member, a.chair, a.support, a.clerk]) {
      await expectRefused(app, CREATE, { input: { areaId: a.area.id, kind: 'WORKING_GROUP', name: 'PS Dluhy' } }, who(subjectOf(p)), 'FORBIDDEN');
    }
    expect(await bodiesIn(a.area.id)).toBe(before);
  });

  test("NOT_FOUND in another area, and under another area's body; nothing written", async () => {
    const before = [await bodiesIn(a.area.id), await bodiesIn(b.area.id)];
    await expectRefused(app, CREATE, { input: { areaId: b.area.id, kind: 'WORKING_GROUP', name: 'Cizí PS' } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    await expectRefused(app, CREATE, { input: { areaId: a.area.id, kind: 'WORKING_GROUP', name: 'PS Cizí rodič', reportsToBodyId: b.steering.id } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    expect([await bodiesIn(a.area.id), await bodiesIn(b.area.id)]).toEqual(before);
  });

  test('BAD_USER_INPUT naming the field: empty name, reporting to a body of a lower or the same kind, rules out of range; nothing written', async () => {
    const as = who(subjectOf(a.coordinator));
    const before = await bodiesIn(a.area.id);
    await expectBadInput(app, CREATE, { input: { areaId: a.area.id, kind: 'WORKING_GROUP', name: '' } }, as, ['name']);
    await expectBadInput(app, CREATE, { input: { areaId: a.area.id, kind: 'STEERING_GROUP', name: 'Obrácená', reportsToBodyId: a.group.id } }, as, ['reportsToBodyId']);
    await expectBadInput(app, CREATE, { input: { areaId: a.area.id, kind: 'WORKING_GROUP', name: 'Vedlejší', reportsToBodyId: a.group.id } }, as, ['reportsToBodyId']);
    await expectBadInput(app, CREATE, { input: { areaId: a.area.id, kind: 'WORKING_GROUP', name: 'PS Dluhy', materialsLeadDays: -1 } }, as, ['materialsLeadDays']);
    await expectBadInput(app, CREATE, { input: { areaId: a.area.id, kind: 'WORKING_GROUP', name: 'PS Dluhy', minutesDueDays: 0 } }, as, ['minutesDueDays']);
    await expectBadInput(app, CREATE, { input: { areaId: a.area.id, kind: 'WORKING_GROUP', name: 'PS Dluhy', shortName: 'x'.repeat(21) } }, as, ['shortName']);
    await expectBadInput(app, CREATE, { input: { areaId: a.area.id, kind: 'WORKING_GROUP', name: 'PS Dluhy', reportsToBodyId: 'steering' } }, as, ['reportsToBodyId']);
    expect(await bodiesIn(a.area.id)).toBe(before);
  });

  test('CONFLICT for a name the area already has (any letter case); another area may use it', async () => {
    const before = await bodiesIn(a.area.id);
    await expectRefused(app, CREATE, { input: { areaId: a.area.id, kind: 'WORKING_GROUP', name: 'ps rodina' } }, who(subjectOf(a.coordinator)), 'CONFLICT');
    expect(await bodiesIn(a.area.id)).toBe(before);
    const other = await api.gql(CREATE, { input: { areaId: b.area.id, kind: 'WORKING_GROUP', name: 'PS Rodina' } }, who(subjectOf(b.coordinator)));
    expect(other.errors).toBeUndefined();
    expect(await app.em().count(Body, { name: 'PS Rodina' })).toBe(2);
  });
});

describe('updateBody', () => {
  test("the coordinator changes a group's rules and publicity; the row follows and omitted fields stay", async () => {
    const res = await api.gql(UPDATE, { input: { bodyId: a.group.id, materialsLeadDays: 3, isPublic: false, shortName: 'PSS' } }, who(subjectOf(a.coordinator)));
    expect(res.errors).toBeUndefined();
    expect(res.data).toMatchObject({ updateBody: { id: a.group.id, name: 'PS Senioři', materialsLeadDays: 3, minutesDueDays: 7, isPublic: false, shortName: 'PSS', reportsTo: { id: a.steering.id } } });
    const body = await row(a.group.id);
    expect([body.materialsLeadDays, body.minutesDueDays, body.isPublic, body.shortName, body.reportsTo?.id]).toEqual([3, 7, false, 'PSS', a.steering.id]);
  });

  test('the admin clears the short name, detaches and reattaches the parent', async () => {
    const admin = who(subjectOf(a.admin));
    const detached = await api.gql(UPDATE, { input: { bodyId: a.group.id, shortName: null, reportsToBodyId: null, isPublic: true } }, admin);
    expect(detached.data).toMatchObject({ updateBody: { shortName: null, reportsTo: null, isPublic: true } });
    let body = await row(a.group.id);
    expect([body.shortName, body.reportsTo]).toEqual([null, null]);
    const council = await aBody(app.em(), a.area, BodyKind.COUNCIL, { name: 'Rada města' });
    const reattached = await api.gql(UPDATE, { input: { bodyId: a.group.id, reportsToBodyId: council.id } }, admin);
    // The council is not public; the admin reads the whole area and sees it.
    expect(reattached.data).toMatchObject({ updateBody: { reportsTo: { id: council.id } } });
    body = await row(a.group.id);
    expect(body.reportsTo?.id).toBe(council.id);
    await api.gql(UPDATE, { input: { bodyId: a.group.id, reportsToBodyId: a.steering.id } }, admin);
    expect((await row(a.group.id)).reportsTo?.id).toBe(a.steering.id);
  });

  test('UNAUTHENTICATED without a token; the row unchanged', async () => {
    await expectRefused(app, UPDATE, { input: { bodyId: a.group.id, materialsLeadDays: 10 } }, {}, 'UNAUTHENTICATED');
    expect((await row(a.group.id)).materialsLeadDays).toBe(3);
  });

  test("FORBIDDEN for the group's own chair, a member, support and the clerk; the row unchanged", async () => {
    for (const p of [a.chair, a.member, a.support, a.clerk]) {
      await expectRefused(app, UPDATE, { input: { bodyId: a.group.id, materialsLeadDays: 10 } }, who(subjectOf(p)), 'FORBIDDEN');
    }
    expect((await row(a.group.id)).materialsLeadDays).toBe(3);
  });

  test("NOT_FOUND for another area's body and for an unknown id; the rows unchanged", async () => {
    await expectRefused(app, UPDATE, { input: { bodyId: b.group.id, materialsLeadDays: 1 } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    await expectRefused(app, UPDATE, { input: { bodyId: b.steering.id, name: 'Převzato' } }, who(subjectOf(a.admin)), 'NOT_FOUND');
    await expectRefused(app, UPDATE, { input: { bodyId: '00000000-0000-4000-8000-000000000000', materialsLeadDays: 1 } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    // A parent from another area is not found either.
    await expectRefused(app, UPDATE, { input: { bodyId: a.group.id, reportsToBodyId: b.steering.id } }, who(subjectOf(a.coordinator)), 'NOT_FOUND');
    expect((await row(b.group.id)).materialsLeadDays).toBe(5);
    expect((await row(a.group.id)).reportsTo?.id).toBe(a.steering.id);
  });

  test('BAD_USER_INPUT naming the field: empty or null name, null rules, rules out of range, a parent of a lower kind or itself, malformed id; the row unchanged', async () => {
    const as = who(subjectOf(a.coordinator));
    await expectBadInput(app, UPDATE, { input: { bodyId: a.group.id, name: '' } }, as, ['name']);
    await expectBadInput(app, UPDATE, { input: { bodyId: a.group.id, name: null } }, as, ['name']);
    await expectBadInput(app, UPDATE, { input: { bodyId: a.group.id, isPublic: null, materialsLeadDays: null, minutesDueDays: null, quorumRule: null } }, as, [
      'isPublic',
      'materialsLeadDays',
      'minutesDueDays',
      'quorumRule',
    ]);
    await expectBadInput(app, UPDATE, { input: { bodyId: a.group.id, minutesDueDays: 0 } }, as, ['minutesDueDays']);
    await expectBadInput(app, UPDATE, { input: { bodyId: a.group.id, materialsLeadDays: 61 } }, as, ['materialsLeadDays']);
    await expectBadInput(app, UPDATE, { input: { bodyId: a.steering.id, reportsToBodyId: a.group.id } }, as, ['reportsToBodyId']);
    await expectBadInput(app, UPDATE, { input: { bodyId: a.steering.id, reportsToBodyId: a.steering.id } }, as, ['reportsToBodyId']);
    await expectBadInput(app, UPDATE, { input: { bodyId: 'PS-1', materialsLeadDays: 1 } }, as, ['bodyId']);
    const body = await row(a.group.id);
    expect([body.name, body.minutesDueDays, body.materialsLeadDays]).toEqual(['PS Senioři', 7, 3]);
    expect((await row(a.steering.id)).reportsTo).toBeNull();
  });

  test("CONFLICT when renamed to another body's name; the row unchanged", async () => {
    await expectRefused(app, UPDATE, { input: { bodyId: a.group.id, name: 'ŘÍDÍCÍ SKUPINA' } }, who(subjectOf(a.coordinator)), 'CONFLICT');
    expect((await row(a.group.id)).name).toBe('PS Senioři');
  });
});
