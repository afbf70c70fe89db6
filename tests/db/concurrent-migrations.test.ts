import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrationsList } from '../../migrations';
import { withDatabase } from '../../src/db/embedded-database';
import { migrate, openOrm, type Orm } from '../../src/db/orm';

/**
 * Service processes starting at once on an empty database each migrate it at start-up: one applies
 * every migration, the others wait and find nothing pending, and none fails.
 */

const adminUrl = (): string => {
  const url = process.env.TRIADA_TEST_ADMIN_URL;
  if (!url) throw new Error('TRIADA_TEST_ADMIN_URL is not set: run the tests through jest (global setup)');
  return url;
};

const database = `triada_t_migrate_${randomBytes(4).toString('hex')}`;
const orms: Orm[] = [];

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  await client.query(sql);
  await client.end();
}

beforeAll(async () => {
  await admin(`create database ${database}`);
  for (let i = 0; i < 3; i++) orms.push(await openOrm(withDatabase(adminUrl(), database), 3));
});
afterAll(async () => {
  for (const orm of orms) await orm.close(true);
  await admin(`drop database if exists ${database} with (force)`);
});

test('three processes migrating one empty database at once: every migration applied exactly once, no failure', async () => {
  const results = await Promise.allSettled(orms.map((orm) => migrate(orm)));
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
  const applied = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
  expect(applied.sort()).toEqual(migrationsList.map((m) => m.name).sort());
  const rows = await orms[0].em.fork().getConnection().execute<Array<{ name: string; n: string }>>(
    'select name, count(*) as n from mikro_orm_migrations group by name order by name',
  );
  expect(rows.map((r) => [r.name, Number(r.n)])).toEqual(migrationsList.map((m) => [m.name, 1]).sort());
  // And again, as at every later start: nothing pending, nothing applied.
  expect(await migrate(orms[1])).toEqual([]);
});
