import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { BodyKind } from '../../src/entities/enums';
import { Membership } from '../../src/entities/membership.entity';
import { Organisation } from '../../src/entities/organisation.entity';
import { Person } from '../../src/entities/person.entity';
import { aBody, anOrganisation, anOrganisedArea, anotherAreasCoordinator } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

interface Report {
  dryRun: boolean;
  applied: boolean;
  format: string;
  rows: Array<{ row: number; name: string | null; person: string; personId: string | null; sameAsRow: number | null; organisation: string; seat: string; membershipId: string | null }>;
  problems: Array<{ row: number; column: string | null; field: string | null; code: string; value: string | null; message: { cs: string; en: string } }>;
  summary: { rows: number; peopleCreated: number; peopleMatched: number; organisationsCreated: number; seatsCreated: number; problems: number };
}

/** An area with a steering group, a working group (short name "PS RD") and an organisation already on record. */
async function aWorld() {
  const world = await anOrganisedArea(app.em());
  const families = await aBody(app.em(), world.area, BodyKind.WORKING_GROUP, { name: 'PS Rodiny a děti', shortName: 'PS RD', reportsTo: world.steering });
  const charity = await anOrganisation(app.em(), world.area, { name: 'Oblastní charita Chomutov' });
  return { ...world, families, charity };
}

async function upload(areaId: string, file: Buffer, opts: { dryRun?: boolean; as?: string; raw?: string } = {}): Promise<{ status: number; body: { data?: Report; errors?: Array<{ extensions: { code: string } }> } }> {
  const base = app.url.replace(/\/graphql$/, '');
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (opts.as) headers.authorization = `Bearer ${await app.token(opts.as)}`;
  const res = await fetch(`${base}/imports/people?areaId=${areaId}&dryRun=${opts.dryRun === false ? 'false' : 'true'}`, { method: 'POST', headers, body: file });
  return { status: res.status, body: (await res.json()) as { data?: Report } };
}

async function counts(areaId: string): Promise<[number, number, number]> {
  const em = app.em();
  return [await em.count(Person, { areaId }), await em.count(Organisation, { areaId }), await em.count(Membership, { areaId })];
}

async function seatsSeenByCoordinator(areaId: string, coordinatorSubject: string) {
  const res = await app.gql<{ area: { people: { edges: Array<{ node: { name: string; email: string | null; organisation: { name: string } | null; memberships: Array<{ body: { name: string }; role: string; triadSide: string; votingRight: boolean; validFrom: string }> } }> } } }>(
    `query($id: ID!) { area(id: $id) { people(first: 100) { edges { node { name email organisation { name } memberships { body { name } role triadSide votingRight validFrom } } } } } }`,
    { id: areaId },
    { as: coordinatorSubject },
  );
  expect(res.errors).toBeUndefined();
  return new Map(res.data!.area.people.edges.map((e) => [e.node.name, e.node] as const));
}

const HEADER_CS = ['jméno', 'organizace', 'e-mail', 'telefon', 'orgán', 'role', 'strana triády', 'hlasuje', 'od'];

test('a CSV in UTF-8 with ";" (with a BOM): the dry run reports every row and writes nothing, the apply creates people, organisations and seats', async () => {
  const w = await aWorld();
  const csv =
    '\uFEFF' +
    [
      HEADER_CS.join(';'),
      'Marie Nováková;Oblastní charita Chomutov;marie.novakova@example.cz;+420 601 111 222;PS Rodiny a děti;předsedkyně;poskytovatel;ano;1. 2. 2026',
      'Marie Nováková;Oblastní charita Chomutov;Marie.Novakova@example.cz;;Řídící skupina;člen;poskytovatel;ano;2026-02-01',
      'Jan Dvořák;"Spolek Úsměv, z. s.";jan.dvorak@example.cz;;PS RD;host;uživatel;ne;',
      `${w.member.name};;${w.member.email};;PS RD;člen;uživatel;;`,
      'Zdeněk Bez Orgánu;;;;;;;;',
    ].join('\r\n') +
    '\r\n';
  const file = Buffer.from(csv, 'utf8');
  const before = await counts(w.area.id);

  const dry = await upload(w.area.id, file, { as: w.coordinator.subject! });
  expect(dry.status).toBe(200);
  const report = dry.body.data!;
  expect(report).toMatchObject({ dryRun: true, applied: false, format: 'CSV_UTF8', problems: [] });
  expect(report.rows.map((r) => [r.row, r.person, r.organisation, r.seat, r.sameAsRow])).toEqual([
    [2, 'CREATED', 'MATCHED', 'CREATED', null],
    [3, 'SAME_AS_ROW', 'MATCHED', 'CREATED', 2],
    [4, 'CREATED', 'CREATED', 'CREATED', null],
    [5, 'MATCHED_BY_EMAIL', 'NONE', 'CREATED', null],
    [6, 'CREATED', 'NONE', 'NONE', null],
  ]);
  expect(report.rows[3].personId).toBe(w.member.id);
  expect(report.rows.filter((r) => r.person === 'CREATED').every((r) => r.personId === null && r.membershipId === null)).toBe(true);
  expect(report.summary).toEqual({ rows: 5, peopleCreated: 3, peopleMatched: 1, organisationsCreated: 1, seatsCreated: 4, problems: 0 });
  expect(await counts(w.area.id)).toEqual(before);

  const applied = await upload(w.area.id, file, { as: w.coordinator.subject!, dryRun: false });
  expect(applied.status).toBe(200);
  expect(applied.body.data).toMatchObject({ dryRun: false, applied: true, problems: [] });
  expect(applied.body.data!.rows.every((r) => r.personId !== null && (r.seat !== 'CREATED' || r.membershipId !== null))).toBe(true);
  expect(await counts(w.area.id)).toEqual([before[0] + 3, before[1] + 1, before[2] + 4]);

  const people = await seatsSeenByCoordinator(w.area.id, w.coordinator.subject!);
  expect(people.get('Marie Nováková')).toMatchObject({ email: 'marie.novakova@example.cz', organisation: { name: 'Oblastní charita Chomutov' } });
  expect(people.get('Marie Nováková')!.memberships.map((m) => [m.body.name, m.role, m.triadSide, m.votingRight, m.validFrom]).sort()).toEqual([
    ['PS Rodiny a děti', 'CHAIR', 'PROVIDER', true, '2026-02-01'],
    ['Řídící skupina', 'MEMBER', 'PROVIDER', true, '2026-02-01'],
  ]);
  expect(people.get('Jan Dvořák')).toMatchObject({ organisation: { name: 'Spolek Úsměv, z. s.' }, memberships: [{ body: { name: 'PS Rodiny a děti' }, role: 'GUEST', triadSide: 'SERVICE_USER', votingRight: false }] });
  expect(people.get(w.member.name)!.memberships.map((m) => m.body.name).sort()).toEqual(['PS Rodiny a děti', 'PS Senioři']);
  expect(people.get('Zdeněk Bez Orgánu')!.memberships).toEqual([]);

  // The same file again: every seat is there already, and nothing more is written.
  const again = await upload(w.area.id, file, { as: w.coordinator.subject!, dryRun: false });
  expect(again.status).toBe(422);
  expect(again.body.data!.problems.map((p) => [p.row, p.column, p.code])).toEqual([
    [2, 'orgán', 'DUPLICATE_SEAT'],
    [3, 'orgán', 'DUPLICATE_SEAT'],
    [4, 'orgán', 'DUPLICATE_SEAT'],
    [5, 'orgán', 'DUPLICATE_SEAT'],
  ]);
  expect(await counts(w.area.id)).toEqual([before[0] + 3, before[1] + 1, before[2] + 4]);
});

test('a CSV in Windows-1250 with "," and English headers is read as such and applied', async () => {
  const w = await aWorld();
  const csv = [
    'name,organisation,email,phone,body,role,triad side,voting,valid from',
    'Růžena Šťastná,"Město Chomutov, odbor sociálních věcí",ruzena.stastna@example.cz,,Řídící skupina,místopředsedkyně,zadavatel,ano,15. 3. 2026',
    'Ondřej Žák,,ondrej.zak@example.cz,,PS RD,tajemník,veřejnost,ne,2026-03-15',
  ].join('\r\n');
  const file = iconv.encode(csv, 'win1250');
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(file)).toThrow();

  const dry = await upload(w.area.id, file, { as: w.admin.subject! });
  expect(dry.status).toBe(200);
  expect(dry.body.data).toMatchObject({ format: 'CSV_WINDOWS_1250', problems: [], summary: { peopleCreated: 2, organisationsCreated: 1, seatsCreated: 2 } });
  expect(dry.body.data!.rows.map((r) => r.name)).toEqual(['Růžena Šťastná', 'Ondřej Žák']);

  const applied = await upload(w.area.id, file, { as: w.admin.subject!, dryRun: false });
  expect(applied.status).toBe(200);
  const people = await seatsSeenByCoordinator(w.area.id, w.coordinator.subject!);
  expect(people.get('Růžena Šťastná')).toMatchObject({
    organisation: { name: 'Město Chomutov, odbor sociálních věcí' },
    memberships: [{ body: { name: 'Řídící skupina' }, role: 'DEPUTY', triadSide: 'COMMISSIONER', votingRight: true, validFrom: '2026-03-15' }],
  });
  expect(people.get('Ondřej Žák')).toMatchObject({ memberships: [{ body: { name: 'PS Rodiny a děti' }, role: 'SECRETARY', triadSide: 'PUBLIC', votingRight: false }] });
});

test('an XLSX (its first sheet) with dates, links and numbers in cells is read and applied', async () => {
  const w = await aWorld();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Členové');
  sheet.addRow(['Jméno', 'Organizace', 'E-mail', 'Telefon', 'Orgán', 'Role', 'Strana triády', 'Hlasuje', 'Od']);
  sheet.addRow(['Lenka Malá', 'Oblastní charita Chomutov', { text: 'lenka.mala@example.cz', hyperlink: 'mailto:lenka.mala@example.cz' }, 601222333, 'PS RD', 'člen', 'poskytovatel', 'ano', new Date(Date.UTC(2026, 0, 5))]);
  sheet.addRow(['Tomáš Veselý', '', 'tomas.vesely@example.cz', '', 'Řídící skupina', 'Člen', 'Veřejnost', 'NE', '5. 1. 2026']);
  workbook.addWorksheet('Poznámky').addRow(['jméno', 'orgán']);
  const file = Buffer.from(await workbook.xlsx.writeBuffer());

  const dry = await upload(w.area.id, file, { as: w.coordinator.subject! });
  expect(dry.status).toBe(200);
  expect(dry.body.data).toMatchObject({ format: 'XLSX', problems: [], summary: { rows: 2, peopleCreated: 2, seatsCreated: 2, organisationsCreated: 0 } });

  const before = await counts(w.area.id);
  const applied = await upload(w.area.id, file, { as: w.coordinator.subject!, dryRun: false });
  expect(applied.status).toBe(200);
  expect(await counts(w.area.id)).toEqual([before[0] + 2, before[1], before[2] + 2]);
  const people = await seatsSeenByCoordinator(w.area.id, w.coordinator.subject!);
  expect(people.get('Lenka Malá')).toMatchObject({
    email: 'lenka.mala@example.cz',
    organisation: { name: 'Oblastní charita Chomutov' },
    memberships: [{ body: { name: 'PS Rodiny a děti' }, role: 'MEMBER', triadSide: 'PROVIDER', votingRight: true, validFrom: '2026-01-05' }],
  });
  expect(people.get('Tomáš Veselý')).toMatchObject({ memberships: [{ body: { name: 'Řídící skupina' }, triadSide: 'PUBLIC', votingRight: false, validFrom: '2026-01-05' }] });
});

test('a broken file writes nothing and names each problem by row and column, in Czech and English', async () => {
  const w = await aWorld();
  const csv = [
    HEADER_CS.join(';'),
    'Dobrý Řádek;;dobry.radek@example.cz;;PS RD;člen;poskytovatel;ano;1. 1. 2026',
    ';Nějaká organizace;;;PS RD;člen;poskytovatel;;',
    'Eva Špatná;;eva-at-example.cz;;Neexistující skupina;ředitel;sponzor;možná;31. 2. 2026',
    'Karel Dvojí;;karel.dvoji@example.cz;;PS RD;člen;uživatel;;',
    'Karel Dvojí;;karel.dvoji@example.cz;;PS Rodiny a děti;člen;uživatel;;',
    `${w.coordinator.name};;${w.coordinator.email};;PS RD;člen;zadavatel;;`,
    'Host Hlasující;;;;PS RD;host;veřejnost;ano;',
    'Bez Strany;;;;PS RD;člen;;;',
  ].join('\n');
  const file = Buffer.from(csv, 'utf8');
  const before = await counts(w.area.id);

  const applied = await upload(w.area.id, file, { as: w.coordinator.subject!, dryRun: false });
  expect(applied.status).toBe(422);
  const report = applied.body.data!;
  expect(report.applied).toBe(false);
  expect(report.problems.map((p) => [p.row, p.column, p.code, p.value])).toEqual([
    [3, 'jméno', 'MISSING_NAME', null],
    [4, 'e-mail', 'BAD_EMAIL', 'eva-at-example.cz'],
    [4, 'orgán', 'UNKNOWN_BODY', 'Neexistující skupina'],
    [4, 'role', 'UNKNOWN_ROLE', 'ředitel'],
    [4, 'strana triády', 'UNKNOWN_SIDE', 'sponzor'],
    [4, 'hlasuje', 'BAD_VOTING', 'možná'],
    [4, 'od', 'BAD_DATE', '31. 2. 2026'],
    [6, 'orgán', 'DUPLICATE_SEAT', null],
    [7, 'orgán', 'SEAT_REFUSED', null],
    [8, 'hlasuje', 'GUEST_VOTES', null],
    [9, 'strana triády', 'MISSING_SIDE', null],
  ]);
  for (const p of report.problems) {
    expect(p.message.cs.length).toBeGreaterThan(0);
    expect(p.message.en.length).toBeGreaterThan(0);
  }
  expect(report.problems.find((p) => p.code === 'BAD_DATE')!.message).toEqual({
    cs: '„31. 2. 2026“ není datum (d. m. rrrr nebo rrrr-mm-dd).',
    en: '"31. 2. 2026" is not a date (d. m. yyyy or yyyy-mm-dd).',
  });
  expect(report.rows.every((r) => r.membershipId === null)).toBe(true);
  expect(await counts(w.area.id)).toEqual(before);

  // The dry run gives the same report, with 200.
  const dry = await upload(w.area.id, file, { as: w.coordinator.subject! });
  expect(dry.status).toBe(200);
  expect(dry.body.data!.problems).toEqual(report.problems);
  expect(await counts(w.area.id)).toEqual(before);

  // A file that is no table at all is a 400.
  const empty = await upload(w.area.id, Buffer.alloc(0), { as: w.coordinator.subject!, dryRun: false });
  expect(empty.status).toBe(400);
  expect(empty.body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
});

test('only the area’s admins and coordinators import: anonymous 401, a member 403, another area’s coordinator 404', async () => {
  const w = await aWorld();
  const file = Buffer.from(`${HEADER_CS.join(';')}\nNový Člověk;;;;PS RD;člen;veřejnost;;\n`, 'utf8');
  const before = await counts(w.area.id);
  expect((await upload(w.area.id, file, { dryRun: false })).status).toBe(401);
  const member = await upload(w.area.id, file, { as: w.member.subject!, dryRun: false });
  expect(member.status).toBe(403);
  expect(member.body.errors![0].extensions.code).toBe('FORBIDDEN');
  expect((await upload(w.area.id, file, { as: w.support.subject!, dryRun: false })).status).toBe(403);
  const stranger = await anotherAreasCoordinator(app.em());
  const elsewhere = await upload(w.area.id, file, { as: stranger.subject!, dryRun: false });
  expect(elsewhere.status).toBe(404);
  expect(elsewhere.body.errors![0].extensions.code).toBe('NOT_FOUND');
  expect(await counts(w.area.id)).toEqual(before);
});
