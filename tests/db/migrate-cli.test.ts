import { Migration } from '@mikro-orm/migrations';
import { Client } from 'pg';
import { migrationsList } from '../../migrations';
import { rollbackPlan, RollbackRefused } from '../../src/db/migration-admin';
import { buildTree, type BuiltTree, type ProgramRun } from '../support/built-tree';
import { aTestDatabase } from '../support/test-app';

/**
 * `npm run migrate` as an operator runs it: the built CLI (`node <build>/src/cli/migrate.js`, the
 * build in a folder of this test's own) on an empty database of its own, step by step, each test
 * going on from where the one before left the database.
 */

const CLI = 'src/cli/migrate.js';
const names = migrationsList.map((m) => m.name);
const last = names[names.length - 1];
let built: BuiltTree;
let database: Awaited<ReturnType<typeof aTestDatabase>>;

const migrateCli = (...args: string[]): Promise<ProgramRun> => built.run(CLI, args, { DATABASE_URL: database.url, LOG_LEVEL: 'warn' });

interface StatusJson {
  database: string;
  applied: Array<{ name: string; appliedAt: string; shipped: boolean }>;
  pending: string[];
}

async function status(): Promise<StatusJson> {
  const run = await migrateCli('status', '--json');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as StatusJson;
}

async function sql<T>(query: string): Promise<T[]> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(query)).rows as T[];
  } finally {
    await client.end();
  }
}

/** What the migrations' own table says is applied, read directly. */
async function applied(): Promise<string[]> {
  return (await sql<{ name: string }>('select name from mikro_orm_migrations order by id')).map((r) => r.name);
}

/** The tables' columns, the indexes, triggers and functions of the schema, as `table.column`, `index:name`, `trigger:table.name` and `function:name`. */
async function schema(): Promise<string[]> {
  const rows = await sql<{ item: string }>(
    `select table_name || '.' || column_name as item from information_schema.columns where table_schema = 'public'
     union all select 'index:' || indexname from pg_indexes where schemaname = 'public'
     union all select 'trigger:' || c.relname || '.' || t.tgname from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and not t.tgisinternal
     union all select 'function:' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'
     order by item`,
  );
  return rows.map((r) => r.item);
}

beforeAll(async () => {
  built = await buildTree('migrate-cli-test');
  database = await aTestDatabase({ migrated: false });
});

afterAll(async () => {
  built.remove();
  await database.drop();
});

let migrated: string[];

test('status on an empty database lists every migration pending, in order, and exits 0; --json says the same', async () => {
  const run = await migrateCli('status');
  expect(run.code).toBe(0);
  const lines = run.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^Migrations of PostgreSQL at .+:$/);
  expect(lines.slice(1, -1).map((line) => line.trim().split(/\s+/))).toEqual(names.map((name) => ['pending', name]));
  expect(lines[lines.length - 1]).toBe(`0 applied, ${names.length} pending.`);
  const json = await status();
  expect(json).toEqual({ database: lines[0].slice('Migrations of '.length, -1), applied: [], pending: names });
});

test('up applies every migration; status then lists each applied with when, none pending', async () => {
  const before = Date.now();
  const run = await migrateCli('up');
  expect(run).toMatchObject({ code: 0 });
  const after = await status();
  expect(after.pending).toEqual([]);
  expect(after.applied.map((m) => m.name)).toEqual(names);
  for (const m of after.applied) {
    expect(m.shipped).toBe(true);
    expect(Date.parse(m.appliedAt)).toBeGreaterThanOrEqual(before - 5000);
    expect(Date.parse(m.appliedAt)).toBeLessThanOrEqual(Date.now());
  }
  const text = (await migrateCli('status')).stdout;
  expect(text).toContain(`  applied  ${after.applied[0].appliedAt.slice(0, 19).replace('T', ' ')} UTC  ${names[0]}\n`);
  expect(text).toMatch(new RegExp(`\n${names.length} applied, 0 pending.\n$`));
  migrated = await schema();
});

test("every migration's downDiscards names rows that can be counted on the migrated schema (none on an empty database)", async () => {
  for (const { class: migration } of migrationsList) {
    for (const { table, where } of migration.downDiscards) {
      expect(await sql(`select count(*)::int as n from ${table}${where ? ` where ${where}` : ''}`)).toEqual([{ n: 0 }]);
    }
  }
});

test('down reverts the last migration alone: what it added is gone, status shows it pending; no sub-command (up) brings back the same schema', async () => {
  const run = await migrateCli('down');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`reverted ${last}\n1 migration reverted in PostgreSQL at `);
  const reverted = await schema();
  expect(migrated.filter((item) => !reverted.includes(item)).length).toBeGreaterThan(0);
  expect(reverted.filter((item) => !migrated.includes(item))).toEqual([]);
  const after = await status();
  expect(after.pending).toEqual([last]);
  expect(after.applied.map((m) => m.name)).toEqual(names.slice(0, -1));

  // No sub-command is up, as `npm run migrate` always was.
  expect((await migrateCli()).code).toBe(0);
  expect(await schema()).toEqual(migrated);
});

test('down --to <name> reverts every migration applied after the named one, which stays: the columns they added are gone', async () => {
  const run = await migrateCli('down', '--to', 'Migration20261202000000_delegations');
  expect(run.code).toBe(0);
  const reverted = names.slice(names.indexOf('Migration20261202000000_delegations') + 1).reverse();
  expect(run.stdout.split('\n').filter((line) => line.startsWith('reverted '))).toEqual(reverted.map((name) => `reverted ${name}`));
  const columns = await schema();
  for (const gone of ['proposal.phase', 'proposal.decided_at', 'notification.email_attempts', 'notification.email_failed_at']) expect(columns).not.toContain(gone);
  expect(columns).toContain('workflow_event.on_behalf_of_id');
  expect(await applied()).toEqual(names.filter((name) => !reverted.includes(name)));
  expect((await migrateCli('up')).code).toBe(0);
  expect(await schema()).toEqual(migrated);
});

test('down refuses with exit 2, reverting nothing, when a migration it would revert would drop rows', async () => {
  await sql(`insert into provider (id, ico, name) values (gen_random_uuid(), '25317075', 'Diakonie Chomutov')`);
  const run = await migrateCli('down', '--to', 'Migration20261125120000_plan_monitoring');
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('Refused, nothing was reverted:\n');
  expect(run.stderr).toContain('  Migration20261125130000_provider_catalogue would drop data: 1 row of provider.\n');
  expect(await schema()).toEqual(migrated);
  expect(await applied()).toEqual(names);
});

test('an unknown sub-command, an unknown flag or a migration that is not applied: usage or a reason, exit 2', async () => {
  for (const args of [['sideways'], ['status', '--yaml']]) {
    const run = await migrateCli(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: npm run migrate [-- up]');
  }
  const run = await migrateCli('down', '--to', 'Migration20991231000000_future');
  expect(run).toMatchObject({ code: 2, stdout: '' });
  expect(run.stderr).toContain('Migration20991231000000_future is not an applied migration');
  expect(await applied()).toEqual(names);
});

test('a migration without down(), or one this release does not ship, is refused before anything is reverted', () => {
  class Reversible extends Migration {
    static readonly downDiscards = [];
    override up(): void {}
    override down(): void {}
  }
  class Irreversible extends Migration {
    static readonly downDiscards = [];
    override up(): void {}
  }
  const shipped = [
    { name: 'Migration1_first', class: Reversible },
    { name: 'Migration2_irreversible', class: Irreversible },
    { name: 'Migration3_reversible', class: Reversible },
  ];
  const applied = ['Migration1_first', 'Migration2_irreversible', 'Migration3_reversible', 'Migration4_newer'];
  const refusal = (to?: string): string[] => {
    try {
      rollbackPlan(applied, to, shipped);
    } catch (err) {
      if (err instanceof RollbackRefused) return err.reasons;
      throw err;
    }
    return [];
  };
  expect(refusal()).toEqual(['Migration4_newer is not part of this release: revert it with the release that applied it.']);
  expect(refusal('Migration1_first')).toEqual([
    'Migration4_newer is not part of this release: revert it with the release that applied it.',
    'Migration2_irreversible has no down(): it cannot be reverted (restore the backup taken before the upgrade).',
  ]);
  expect(rollbackPlan(applied.slice(0, 3), 'Migration2_irreversible', shipped).map((m) => m.name)).toEqual(['Migration3_reversible']);
});
