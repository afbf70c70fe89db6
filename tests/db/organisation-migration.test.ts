import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { withDatabase } from '../../src/db/embedded-database';
import { openOrm, type Orm } from '../../src/db/orm';
import { shippedWorkflows } from '../../src/workflows/workflow-registry';
import { codes, serveTestApp, signTestToken, type TestApp } from '../support/test-app';

/**
 * The migration that makes organisations records, on a database holding the text it replaces:
 * spellings of one name in an area become one organisation, people, seats and proposals are linked
 * to it, the text columns go, and the single indicator guarantor becomes a row of the new list. On
 * the migrated data the conflict-of-interest rule then holds where the old text comparison missed.
 */

const BEFORE = 'Migration20261125160000_area_role_terms';

const adminUrl = (): string => {
  const url = process.env.TRIADA_TEST_ADMIN_URL;
  if (!url) throw new Error('TRIADA_TEST_ADMIN_URL is not set: run the tests through jest (global setup)');
  return url;
};

const database = `triada_t_orgmig_${randomBytes(4).toString('hex')}`;
let orm: Orm;
let app: TestApp | undefined;

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  await client.query(sql);
  await client.end();
}

const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  orm.em.fork().getConnection().execute<T[]>(query, params);

const id = (): string => randomUUID();
const A = id();
const B = id();
const ids = {
  wg: id(), steering: id(),
  chair: id(), upper: id(), unaccented: id(), domov: id(), none: id(), erased: id(), provider: id(), user: id(), inB: id(),
  chairSeat: id(), proposal: id(), plan: id(), priority: id(), goal: id(), measure: id(), indicator: id(), municipality: id(),
};
const chairSubject = `orgmig-chair-${A.slice(0, 8)}`;

beforeAll(async () => {
  await admin(`create database ${database}`);
  orm = await openOrm(withDatabase(adminUrl(), database), 3);
  await orm.getMigrator().up({ to: BEFORE });

  // The world as the text columns held it.
  await sql(`insert into planning_area (id, name, kind, workflow_key) values (?, 'ORP A', 'ORP', 'standard'), (?, 'ORP B', 'ORP', 'standard')`, [A, B]);
  await sql(`insert into municipality (area_id, id, name, population) values (?, ?, 'Výsluní', 420)`, [A, ids.municipality]);
  await sql(
    `insert into body (area_id, id, kind, name, reports_to_id, is_public, materials_lead_days, minutes_due_days, quorum_rule) values
       (?, ?, 'STEERING_GROUP', 'Řídící skupina', null, false, 5, 7, 'MAJORITY'),
       (?, ?, 'WORKING_GROUP', 'PS Senioři', ?, true, 5, 7, 'MAJORITY')`,
    [A, ids.steering, A, ids.wg, ids.steering],
  );
  const person = (area: string, pid: string, name: string, organisation: string | null, subject: string | null = null) =>
    sql(`insert into person (area_id, id, name, organisation, subject) values (?, ?, ?, ?, ?)`, [area, pid, name, organisation, subject]);
  await person(A, ids.chair, 'Předsedkyně', 'Diakonie ČCE z. s.', chairSubject);
  await person(A, ids.upper, 'Velká písmena', 'DIAKONIE ČCE Z.S.');
  await person(A, ids.unaccented, 'Bez háčků', 'Diakonie CCE, z.s.');
  await person(A, ids.domov, 'Mezery', '  Domov  Na Stráni, o.p.s. ');
  await person(A, ids.none, 'Bez organizace', null);
  await person(A, ids.provider, 'Poskytovatel', null);
  await person(A, ids.user, 'Uživatel', null);
  await person(B, ids.inB, 'Jinde', 'Diakonie ČCE z. s.');
  await sql(`insert into person (area_id, id, name, erased_at) values (?, ?, 'Smazaná osoba', now())`, [A, ids.erased]);
  const seat = (mid: string, pid: string, role: string, side: string, organisation: string | null) =>
    sql(
      `insert into membership (area_id, id, body_id, person_id, role, triad_side, voting_right, valid_from, organisation) values (?, ?, ?, ?, ?, ?, true, '2020-01-01', ?)`,
      [A, mid, ids.wg, pid, role, side, organisation],
    );
  // The seat is spelt "z.s.", the proposal "z. s.": the old rule let the chair recommend.
  await seat(ids.chairSeat, ids.chair, 'CHAIR', 'COMMISSIONER', 'Diakonie ČCE z.s.');
  await seat(id(), ids.provider, 'MEMBER', 'PROVIDER', null);
  await seat(id(), ids.user, 'MEMBER', 'SERVICE_USER', null);

  const { definition, engine } = shippedWorkflows().latest('standard');
  const snapshot = engine.snapshotAt('WORKING_GROUP');
  await sql(
    `insert into proposal (area_id, id, working_group_id, author_id, kind, title, summary, concerned_organisation, state, current_body_id, workflow_key, workflow_version, snapshot, submitted_at)
     values (?, ?, ?, ?, 'MEASURE', 'Odlehčovací služba', 'Rozšířit kapacitu.', 'Diakonie ČCE z. s.', 'WORKING_GROUP', ?, ?, ?, ?::jsonb, now())`,
    [A, ids.proposal, ids.wg, ids.provider, ids.wg, definition.key, definition.version, JSON.stringify(snapshot)],
  );

  await sql(`insert into plan (area_id, id, title, year_from, year_to) values (?, ?, 'Plán', 2027, 2029)`, [A, ids.plan]);
  await sql(`insert into plan_priority (area_id, id, plan_id, position, title) values (?, ?, ?, 1, 'Priorita')`, [A, ids.priority, ids.plan]);
  await sql(`insert into plan_goal (area_id, id, priority_id, position, title) values (?, ?, ?, 1, 'Cíl')`, [A, ids.goal, ids.priority]);
  await sql(`insert into goal_guarantor (area_id, id, goal_id, municipality_id, person_id) values (?, ?, ?, ?, ?)`, [A, id(), ids.goal, ids.municipality, ids.chair]);
  await sql(`insert into plan_measure (area_id, id, goal_id, position, title) values (?, ?, ?, 1, 'Opatření')`, [A, ids.measure, ids.goal]);
  await sql(
    `insert into indicator (area_id, id, measure_id, name, unit, baseline_value, baseline_date, target_value, target_date, direction, guarantor_id)
     values (?, ?, ?, 'Počet obcí', 'obcí', 5, '2026-01-01', 15, '2029-12-31', 'UP', ?)`,
    [A, ids.indicator, ids.measure, ids.upper],
  );

  await orm.getMigrator().up();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await orm.close(true);
  await admin(`drop database if exists ${database} with (force)`);
});

test('spellings of one name in an area become one organisation named by its most used spelling; another area keeps its own', async () => {
  const rows = await sql<{ area_id: string; name: string; ico: string | null }>(`select area_id, name, ico from organisation order by area_id = ? desc, name`, [A]);
  expect(rows).toEqual([
    { area_id: A, name: 'Diakonie ČCE z. s.', ico: null },
    { area_id: A, name: 'Domov Na Stráni, o.p.s.', ico: null },
    { area_id: B, name: 'Diakonie ČCE z. s.', ico: null },
  ]);
});

test('people, seats and proposals refer to the organisation their text named; the text columns are gone', async () => {
  const org = async (area: string, name: string) => (await sql<{ id: string }>(`select id from organisation where area_id = ? and name = ?`, [area, name]))[0].id;
  const diakonie = await org(A, 'Diakonie ČCE z. s.');
  const people = await sql<{ id: string; organisation_id: string | null }>(`select id, organisation_id from person`);
  const of = (pid: string) => people.find((p) => p.id === pid)?.organisation_id;
  expect([ids.chair, ids.upper, ids.unaccented, ids.domov, ids.none, ids.erased, ids.inB].map(of)).toEqual([
    diakonie, diakonie, diakonie, await org(A, 'Domov Na Stráni, o.p.s.'), null, null, await org(B, 'Diakonie ČCE z. s.'),
  ]);
  expect(await sql(`select organisation_id from membership where id = ?`, [ids.chairSeat])).toEqual([{ organisation_id: diakonie }]);
  expect(await sql(`select concerned_organisation_id from proposal where id = ?`, [ids.proposal])).toEqual([{ concerned_organisation_id: diakonie }]);
  const columns = await sql<{ c: string }>(
    `select table_name || '.' || column_name as c from information_schema.columns
      where table_schema = 'public' and (column_name in ('organisation', 'concerned_organisation') or (table_name = 'indicator' and column_name = 'guarantor_id'))`,
  );
  expect(columns).toEqual([]);
});

test("the indicator's single guarantor is the first of its list; a goal guarantor may now be an organisation, alone", async () => {
  expect(await sql(`select indicator_id, person_id, organisation_id from indicator_guarantor`)).toEqual([
    { indicator_id: ids.indicator, person_id: ids.upper, organisation_id: null },
  ]);
  const diakonie = (await sql<{ id: string }>(`select id from organisation where area_id = ? and name = 'Diakonie ČCE z. s.'`, [A]))[0].id;
  await sql(`insert into goal_guarantor (area_id, id, goal_id, organisation_id) values (?, ?, ?, ?)`, [A, id(), ids.goal, diakonie]);
  await expect(sql(`insert into goal_guarantor (area_id, id, goal_id, person_id, organisation_id) values (?, ?, ?, ?, ?)`, [A, id(), ids.goal, ids.chair, diakonie])).rejects.toThrow(/goal_guarantor_who/);
  await expect(sql(`insert into indicator_guarantor (area_id, id, indicator_id) values (?, ?, ?)`, [A, id(), ids.indicator])).rejects.toThrow(/check/);
  // Another area's organisation cannot be referred to; an erased person holds none.
  const inB = (await sql<{ id: string }>(`select id from organisation where area_id = ?`, [B]))[0].id;
  await expect(sql(`update person set organisation_id = ? where id = ?`, [inB, ids.none])).rejects.toThrow(/person_organisation_fk/);
  await expect(sql(`update person set organisation_id = ? where id = ?`, [diakonie, ids.erased])).rejects.toThrow(/person_erased_blank/);
});

test('on the migrated data the chair, whose seat said "Diakonie ČCE z.s.", may not recommend the proposal concerning "Diakonie ČCE z. s."', async () => {
  app = await serveTestApp(withDatabase(adminUrl(), database));
  const res = await app.gql(
    `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }`,
    { input: { proposalId: ids.proposal, event: 'RECOMMEND', expectedVersion: 1 } },
    { authorization: `Bearer ${await signTestToken(chairSubject)}`, headers: { 'accept-language': 'en' } },
  );
  expect(codes(res)).toEqual(['TRANSITION_NOT_ALLOWED']);
  expect(res.errors![0].extensions!.reasons).toEqual([
    'You represent the provider this proposal concerns (conflict of interest); someone else must record the recommendation.',
  ]);
});

test('the migration goes down to the text columns, names as the organisations have them, and up again', async () => {
  await orm.getMigrator().down({ to: BEFORE });
  expect(await sql(`select organisation from person where id in (?, ?, ?) order by organisation`, [ids.chair, ids.domov, ids.none])).toEqual([
    { organisation: 'Diakonie ČCE z. s.' },
    { organisation: 'Domov Na Stráni, o.p.s.' },
    { organisation: null },
  ]);
  expect(await sql(`select guarantor_id from indicator where id = ?`, [ids.indicator])).toEqual([{ guarantor_id: ids.upper }]);
  await orm.getMigrator().up();
  expect(await sql(`select count(*)::int as n from organisation`)).toEqual([{ n: 3 }]);
});
