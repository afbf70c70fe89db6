import { MembershipRole, TriadSide } from '../../src/entities/enums';
import { Person } from '../../src/entities/person.entity';
import { csvRecords, parseCsv } from '../support/csv';
import { expectReadsRefused } from '../support/api-assertions';
import { anOrganisation, anOrganisedArea, anotherAreasCoordinator, aPerson, aSeat } from '../support/factories';
import { codes, startTestApp, type TestApp } from '../support/test-app';

/**
 * The area's people and seats as CSV for the coordinator: a row per seat with the person's
 * organisation, contacts and area roles, every seat's body, role, side, vote and term; only the
 * area's admins and coordinators get it.
 */

let app: TestApp;
let world: Awaited<ReturnType<typeof anOrganisedArea>>;
let people: { formula: Person; erased: Person };
beforeAll(async () => {
  app = await startTestApp();
  const em = app.em();
  world = await anOrganisedArea(em);
  const organisation = await anOrganisation(em, world.area, { name: 'Domov Slunce, o. p. s.' });
  const represented = await anOrganisation(em, world.area, { name: 'Svaz uživatelů' });
  world.member.organisation = organisation;
  await em.persistAndFlush(em.merge(world.member));
  // The user member also sits in the steering group for service users, and sat in a group that ended.
  await aSeat(em, world.steering, world.member, { triadSide: TriadSide.SERVICE_USER, votingRight: false, organisation: represented, validFrom: '2024-01-01' });
  await aSeat(em, world.group, world.member, { role: MembershipRole.GUEST, triadSide: TriadSide.PUBLIC, votingRight: false, validFrom: '2021-01-01', validTo: '2022-06-30' });
  const formula = await aPerson(em, world.area, { name: '=HYPERLINK("https://evil.example") Jan', email: '@evil.example', phone: '-1+1' });
  await aSeat(em, world.group, formula, { triadSide: TriadSide.PROVIDER });
  const erased = await aPerson(em, world.area, { name: 'Bývalá Členka' });
  await aSeat(em, world.group, erased, { validTo: '2025-06-30' });
  await em.nativeUpdate(Person, { id: erased.id }, { name: 'Smazaná osoba', email: null, phone: null, subject: null, erasedAt: new Date() });
  people = { formula, erased };
});
afterAll(async () => {
  await app.close();
});

const EXPORT = `query($areaId: ID!, $activeOnly: Boolean) { exportPeopleAndSeats(areaId: $areaId, activeOnly: $activeOnly) { fileName mediaType encoding content } }`;
type Exported = { exportPeopleAndSeats: { fileName: string; mediaType: string; encoding: string; content: string } };
const exported = (as: string | undefined, activeOnly = false, areaId = world.area.id) => app.gql<Exported>(EXPORT, { areaId, activeOnly }, as ? { as } : {});

test('a row per seat with the person, organisation, contacts and area roles; a person without a seat has one row; erased people are left out', async () => {
  const res = await exported(world.coordinator.subject!);
  expect(res.errors).toBeUndefined();
  const doc = res.data!.exportPeopleAndSeats;
  expect(doc).toMatchObject({ mediaType: 'text/csv; charset=utf-8', encoding: 'TEXT' });
  expect(doc.fileName).toMatch(/-lide-a-clenstvi-\d{4}-\d\d-\d\d\.csv$/);
  expect(doc.content.startsWith('\uFEFF"Jméno";"Organizace";"E-mail";"Telefon"')).toBe(true);
  expect(new Set(parseCsv(doc.content).map((r) => r.length)).size).toBe(1);
  const records = csvRecords(doc.content);

  const member = records.filter((r) => r['ID osoby'] === world.member.id);
  expect(member.map((r) => [r['Orgán'], r['Role v orgánu'], r['Strana triády'], r['Hlasovací právo'], r['Zastupuje organizaci'], r['Členem od'], r['Členem do']])).toEqual([
    ['PS Senioři', 'Člen', 'Uživatelé', 'ano', '', '2020-01-01', ''],
    ['PS Senioři', 'Host', 'Veřejnost', 'ne', '', '2021-01-01', '2022-06-30'],
    ['Řídící skupina', 'Člen', 'Uživatelé', 'ne', 'Svaz uživatelů', '2024-01-01', ''],
  ]);
  expect(member[0]).toMatchObject({ 'Jméno': 'Petr Člen', 'Organizace': 'Domov Slunce, o. p. s.', 'E-mail': world.member.email, 'ID orgánu': world.group.id });
  expect(records.find((r) => r['ID osoby'] === world.chair.id)).toMatchObject({ 'Role v orgánu': 'Předseda', 'Strana triády': 'Zadavatelé' });
  // Roles in the area; no seat: one row with the seat's columns empty.
  expect(records.filter((r) => r['ID osoby'] === world.coordinator.id)).toEqual([
    expect.objectContaining({ 'Jméno': 'Karel Koordinátor', 'Role v oblasti': 'Koordinátor', 'Orgán': '', 'Role v orgánu': '', 'ID orgánu': '' }),
  ]);
  expect(records.filter((r) => r['ID osoby'] === world.outsider.id)).toHaveLength(1);
  expect(records.some((r) => r['ID osoby'] === people.erased.id || r['Jméno'] === 'Smazaná osoba')).toBe(false);
  // Ordered by name.
  const names = [...new Set(records.map((r) => r['Jméno']))];
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'cs')));

  // Text a spreadsheet would run is shown as typed.
  const formula = records.find((r) => r['ID osoby'] === people.formula.id)!;
  expect([formula['Jméno'], formula['E-mail'], formula['Telefon']]).toEqual([`'=HYPERLINK("https://evil.example") Jan`, "'@evil.example", "'-1+1"]);
  expect(doc.content).toContain(`"'=HYPERLINK(""https://evil.example"") Jan"`);
  // A phone number with its country code keeps its plus sign, marked as text.
  expect(member[0]['Telefon']).toBe("'+420 700 000 000");
});

test('only the seats held today with activeOnly; in English on request', async () => {
  const res = await app.gql<Exported>(EXPORT, { areaId: world.area.id, activeOnly: true }, { as: world.admin.subject!, headers: { 'accept-language': 'en' } });
  expect(res.errors).toBeUndefined();
  const records = csvRecords(res.data!.exportPeopleAndSeats.content);
  expect(res.data!.exportPeopleAndSeats.fileName).toMatch(/-people-and-seats-/);
  expect(records.filter((r) => r['Person id'] === world.member.id).map((r) => [r['Body'], r['Role in the body'], r['Side of the triad'], r['Voting right']])).toEqual([
    ['PS Senioři', 'Member', 'Service users', 'yes'],
    ['Řídící skupina', 'Member', 'Service users', 'no'],
  ]);
  expect(Object.keys(records[0])).toEqual(['Name', 'Organisation', 'E-mail', 'Phone', 'Roles in the area', 'Body', 'Role in the body', 'Side of the triad', 'Voting right', 'Represents', 'Seat from', 'Seat to', 'Person id', 'Body id']);
});

test("the area's admins and coordinators only; everyone else refused with no one's contacts", async () => {
  const otherCoordinator = await anotherAreasCoordinator(app.em());
  const refused = {
    anonymous: await exported(undefined),
    support: await exported(world.support.subject!),
    clerk: await exported(world.clerk.subject!),
    chair: await exported(world.chair.subject!),
    outsider: await exported(world.outsider.subject!),
    otherArea: await exported(otherCoordinator.subject!),
  };
  expectReadsRefused(
    refused,
    { anonymous: 'UNAUTHENTICATED', support: 'FORBIDDEN', clerk: 'FORBIDDEN', chair: 'FORBIDDEN', outsider: 'FORBIDDEN', otherArea: 'NOT_FOUND' },
    /@example\.cz|Domov Slunce|Petr Člen/,
  );
  expect(codes(await exported(world.coordinator.subject!, false, '00000000-0000-4000-8000-000000000000'))).toEqual(['NOT_FOUND']);
});
