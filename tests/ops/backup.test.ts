import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Client } from 'pg';
import { createBackup } from '../../src/db/backup';
import { loadDemoData } from '../../src/demo/demo-data';
import { openOrm, type Orm } from '../../src/db/orm';
import { shippedWorkflows } from '../../src/workflows/workflow-registry';
import { freePort } from '../support/own-postgres';
import { aTestDatabase } from '../support/test-app';
import { spawnTypeScript } from '../support/ts-process';

/**
 * `npm run backup` (src/cli/backup.ts): what it refuses, and that its check of a restored database
 * can fail. The whole drill — a backup of the demo data restored elsewhere, every history verified
 * and every table compared — is `scripts/backup-drill.sh`, which CI runs on the embedded database
 * and on the server at 127.0.0.1:5432.
 */

interface Ran {
  code: number | null;
  out: string;
  err: string;
}

/** `npm run migrate` as an operator runs it: exit code. */
function migrateCli(env: Record<string, string>): Promise<number | null> {
  const child = spawnTypeScript('src/cli/migrate.ts', { LOG_LEVEL: 'warn', ...env });
  child.stdout!.resume();
  child.stderr!.resume();
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function backupCli(env: Record<string, string>, ...args: string[]): Promise<Ran> {
  const child = spawnTypeScript('src/cli/backup.ts', { LOG_LEVEL: 'warn', DATA_DIR: folder, ...env }, args);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out, err })));
}

/** Exit code and error output of a run, to compare in one assertion. */
const said = (ran: Ran): [number | null, string] => [ran.code, ran.err];

let folder: string;
let database: { url: string; drop(): Promise<void> };
let orm: Orm;

beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'triada-backup-'));
  fs.chmodSync(folder, 0o755);
  database = await aTestDatabase();
  orm = await openOrm(database.url, 2);
  await loadDemoData(orm.em.fork(), shippedWorkflows());
}, 120_000);

afterAll(async () => {
  await orm?.close(true);
  await database?.drop();
  fs.rmSync(folder, { recursive: true, force: true });
});

async function serverMajor(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ server_version_num: string }>('show server_version_num');
  await client.end();
  return Math.floor(Number(rows[0].server_version_num) / 10000);
}

test('verify checks every proposal\'s history, and fails naming the proposal whose stored history was changed', async () => {
  const server = { DATABASE_URL: database.url };
  const whole = await backupCli(server, 'verify', '--fingerprint', path.join(folder, 'before.json'));
  expect(whole).toMatchObject({ code: 0 });
  expect(whole.out).toMatch(/^25 proposals, 72 history entries checked: 0 broken$/m);
  const tables = JSON.parse(fs.readFileSync(path.join(folder, 'before.json'), 'utf8')) as Array<{ table: string; rows: number; digest: string }>;
  const events = tables.find((t) => t.table === 'workflow_event');
  expect(events?.rows).toBe(72);
  expect(events?.digest).toMatch(/^[0-9a-f]{32}$/);
  expect(tables.find((t) => t.table === 'proposal')?.rows).toBe(25);

  // As someone with the database's owner rights would: the append-only trigger switched off first.
  const conn = orm.em.getConnection();
  await conn.execute('alter table workflow_event disable trigger workflow_event_no_update');
  const [changed] = await conn.execute<Array<{ proposal_id: string; seq: number; reason: string | null }>>(
    `update workflow_event set reason = coalesce(reason, '') || '.' where (proposal_id, seq) = (select proposal_id, max(seq) from workflow_event group by proposal_id order by proposal_id limit 1) returning proposal_id, seq, reason`,
  );
  try {
    const broken = await backupCli(server, 'verify');
    expect(broken.code).toBe(1);
    expect(broken.out).toContain('25 proposals, 72 history entries checked: 1 broken');
    expect(broken.out).toContain(`proposal ${changed.proposal_id}: broken from entry ${changed.seq}`);
  } finally {
    await conn.execute(`update workflow_event set reason = nullif(left(reason, length(reason) - 1), '') where proposal_id = ? and seq = ?`, [changed.proposal_id, changed.seq]);
    await conn.execute('alter table workflow_event enable trigger workflow_event_no_update');
  }
  expect((await backupCli(server, 'verify')).code).toBe(0);
}, 120_000);

test('on a PostgreSQL server: a pg_dump older than the server is refused before anything is written; one that fits restores only into an empty database', async () => {
  const server = { DATABASE_URL: database.url };
  const file = path.join(folder, 'server.backup');
  const tools = Number(/(\d+)/.exec(spawnSync('pg_dump', ['--version'], { encoding: 'utf8' }).stdout ?? '')?.[1]);
  const major = await serverMajor(database.url);
  const made = await backupCli(server, 'create', file);
  if (!(tools >= major)) {
    expect(made.code).toBe(1);
    expect(made.err).toContain(`pg_dump ${tools} is older than the PostgreSQL ${major} server: install the PostgreSQL ${major} client tools (or newer) and run this again.`);
    expect(fs.existsSync(file)).toBe(false);
    return;
  }
  expect(made).toMatchObject({ code: 0 });
  expect(fs.statSync(file).size).toBeGreaterThan(0);
  // Not over an existing file, and not into a database that holds the service's tables.
  expect(said(await backupCli(server, 'create', file))).toEqual([1, expect.stringContaining('exists already: name a new file')]);
  const refused = await backupCli(server, 'restore', file);
  expect(refused.code).toBe(1);
  expect(refused.err).toContain('is not empty: restore into a new, empty database');
}, 120_000);

test('the embedded database: backed up only while no server runs on it, restored only into a data folder that holds no database', async () => {
  const port = String(await freePort());
  const original = path.join(folder, 'original');
  const restored = path.join(folder, 'restored');
  const file = path.join(folder, 'embedded.backup');
  // Nothing there yet: verify creates nothing and says so (a mistyped DATA_DIR is no empty success).
  const nothing = await backupCli({ DATA_DIR: original, EMBEDDED_PG_PORT: port }, 'verify');
  expect([nothing.code, nothing.err.trim()]).toEqual([1, `There is no embedded database in ${original}: is DATA_DIR right?`]);
  expect(fs.existsSync(path.join(original, 'postgres', 'PG_VERSION'))).toBe(false);
  // Made by the service's own migration command.
  expect(await migrateCli({ DATA_DIR: original, EMBEDDED_PG_PORT: port })).toBe(0);
  const first = await backupCli({ DATA_DIR: original, EMBEDDED_PG_PORT: port }, 'verify');
  expect([first.code, first.out]).toEqual([0, '0 proposals, 0 history entries checked: 0 broken\n']);

  // Held as if a server ran there (the lock file names a live process): refused, nothing written.
  const pidFile = path.join(original, 'postgres', 'postmaster.pid');
  fs.writeFileSync(pidFile, `${process.pid}\n${path.join(original, 'postgres')}\n`);
  try {
    const busy = await backupCli({ DATA_DIR: original }, 'create', file);
    expect(busy.code).toBe(1);
    expect(busy.err).toContain('Stop the service first');
    expect(fs.existsSync(file)).toBe(false);
  } finally {
    fs.rmSync(pidFile);
  }

  expect(await backupCli({ DATA_DIR: original }, 'create', file)).toMatchObject({ code: 0 });
  // It holds personal data: readable by its owner alone; no partial file left beside it.
  expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
  expect(fs.existsSync(`${file}.partial`)).toBe(false);

  // A damaged archive (cut off in transit): refused, and nothing left that a service would start on; the whole one then restores.
  const damaged = path.join(folder, 'damaged.backup');
  fs.writeFileSync(damaged, fs.readFileSync(file).subarray(0, Math.floor(fs.statSync(file).size / 2)));
  const cut = await backupCli({ DATA_DIR: restored }, 'restore', damaged);
  expect(cut.code).toBe(1);
  expect(cut.err).toContain('tar failed');
  expect(fs.readdirSync(restored).filter((f) => f.startsWith('postgres') && fs.readdirSync(path.join(restored, f)).length > 0)).toEqual([]);
  // A file that is not there, and an archive that holds no cluster: refused, nothing left.
  expect(said(await backupCli({ DATA_DIR: restored }, 'restore', path.join(folder, 'none.backup')))).toEqual([1, expect.stringContaining('none.backup does not exist')]);
  const notCluster = path.join(folder, 'not-a-cluster.backup');
  fs.writeFileSync(path.join(folder, 'note.txt'), 'Zápis');
  expect(spawnSync('tar', ['--create', '--gzip', `--file=${notCluster}`, `--directory=${folder}`, 'note.txt']).status).toBe(0);
  expect(said(await backupCli({ DATA_DIR: restored }, 'restore', notCluster))).toEqual([1, expect.stringContaining('is not a backup of an embedded database (no PG_VERSION in it)')]);
  expect(fs.readdirSync(restored).filter((f) => f.startsWith('postgres') && fs.readdirSync(path.join(restored, f)).length > 0)).toEqual([]);
  expect(await backupCli({ DATA_DIR: restored }, 'restore', file)).toMatchObject({ code: 0 });
  expect(said(await backupCli({ DATA_DIR: restored }, 'restore', file))).toEqual([1, expect.stringContaining('holds a database already')]);
  expect(await backupCli({ DATA_DIR: restored, EMBEDDED_PG_PORT: port }, 'verify')).toMatchObject({ code: 0 });
  expect(said(await backupCli({}, 'restore'))).toEqual([2, expect.stringContaining('usage: npm run --silent backup')]);
}, 180_000);

test('a backup named with a time of day (a colon) is a local file, never a remote host', async () => {
  const original = path.join(folder, 'original');
  const cwd = process.cwd();
  process.chdir(folder);
  try {
    expect(await createBackup({ kind: 'embedded', dataDir: original }, 'triada-2026-12-02T10:00.backup')).toContain('written to triada-2026-12-02T10:00.backup');
    expect(fs.existsSync(path.join(folder, 'triada-2026-12-02T10:00.backup'))).toBe(true);
  } finally {
    process.chdir(cwd);
  }
}, 60_000);

test('verify finds a history that lost its newest entries or all of them (a chain of what is left verifies on its own), and refuses a database not of this release', async () => {
  const lost = await aTestDatabase();
  const lostOrm = await openOrm(lost.url, 2);
  const empty = await aTestDatabase({ migrated: false });
  try {
    await loadDemoData(lostOrm.em.fork(), shippedWorkflows());
    const conn = lostOrm.em.getConnection();
    await conn.execute('alter table workflow_event disable trigger workflow_event_no_update');
    const [newest] = await conn.execute<Array<{ proposal_id: string; seq: number }>>(
      `delete from workflow_event where (proposal_id, seq) = (select proposal_id, max(seq) from workflow_event group by proposal_id having max(seq) > 1 order by proposal_id limit 1) returning proposal_id, seq`,
    );
    const [all] = await conn.execute<Array<{ proposal_id: string }>>(
      `delete from workflow_event where proposal_id = (select proposal_id from workflow_event where proposal_id <> ? order by proposal_id limit 1) returning proposal_id`,
      [newest.proposal_id],
    );
    const ran = await backupCli({ DATABASE_URL: lost.url }, 'verify');
    expect(ran.code).toBe(1);
    expect(ran.out).toContain('2 broken');
    expect(ran.out).toContain(`proposal ${newest.proposal_id}: broken from entry ${newest.seq}`);
    expect(ran.out).toContain(`proposal ${all.proposal_id}: broken from entry 1`);

    const notOurs = await backupCli({ DATABASE_URL: empty.url }, 'verify');
    expect(notOurs.code).toBe(1);
    expect(notOurs.err).toMatch(/is not at this release's schema \(\d+ pending migrations/);
    // Checked as it is: nothing was migrated into it.
    const client = new Client({ connectionString: empty.url });
    await client.connect();
    const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from information_schema.tables where table_schema = current_schema()`);
    await client.end();
    expect(rows).toEqual([{ n: 0 }]);
  } finally {
    await lostOrm.close(true);
    await lost.drop();
    await empty.drop();
  }
}, 120_000);
