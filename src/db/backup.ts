import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { clusterOf, DatabaseInUseError } from './embedded-database';

/**
 * Backups of the service's database, two ways:
 * - a PostgreSQL server (`DATABASE_URL`): `pg_dump --format=custom` of the database, restored with
 *   `pg_restore` into an empty database (the client tools must be at least the server's version);
 * - the embedded server (no `DATABASE_URL`): a cold copy of its cluster folder as a gzipped tar
 *   (PostgreSQL's file-system backup: taken with the service stopped, which this checks), restored
 *   into a data folder that holds no database yet. The embedded server ships no `pg_dump`.
 */
export type BackupTarget = { kind: 'server'; url: string } | { kind: 'embedded'; dataDir: string };

export class BackupError extends Error {
  override name = 'BackupError';
}

/** Runs a program to its end; rejects with what it printed when it fails. */
function run(program: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(new BackupError(e.code === 'ENOENT' ? `${program} is not installed here: install the PostgreSQL client tools.` : e.message)),
    );
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new BackupError(`${program} failed (exit ${code}): ${err.trim() || out.trim()}`))));
  });
}

/** The URL without its password, which goes to the client tools through PGPASSWORD instead (never on a command line). */
function split(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { url: parsed.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

async function serverMajor(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version_num: string }>('show server_version_num');
    return Math.floor(Number(rows[0].server_version_num) / 10000);
  } finally {
    await client.end();
  }
}

/** Refuses client tools older than the server: `pg_dump` would refuse too, in words an operator may not read as "upgrade the tools". */
async function assertToolFits(tool: 'pg_dump' | 'pg_restore', url: string): Promise<void> {
  const version = await run(tool, ['--version']);
  const major = Number(/(\d+)(?:\.\d+)?/.exec(version)?.[1]);
  const server = await serverMajor(url);
  if (!(major >= server)) {
    throw new BackupError(`${tool} ${major} is older than the PostgreSQL ${server} server: install the PostgreSQL ${server} client tools (or newer) and run this again.`);
  }
}

async function databaseIsEmpty(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from information_schema.tables where table_schema = current_schema()`);
    return rows[0].n === 0;
  } finally {
    await client.end();
  }
}

/**
 * Writes a backup of the target's database to `file` (a new file). It is written under a temporary
 * name readable by its owner alone (it holds personal data) and renamed when whole, so a failed run
 * never leaves something that looks like a backup.
 */
export async function createBackup(target: BackupTarget, file: string): Promise<string> {
  if (fs.existsSync(file)) throw new BackupError(`${file} exists already: name a new file.`);
  const folder = path.dirname(path.resolve(file));
  if (!fs.existsSync(folder)) fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const partial = `${file}.partial`;
  fs.closeSync(fs.openSync(partial, 'w', 0o600));
  fs.chmodSync(partial, 0o600);
  try {
    let said: string;
    if (target.kind === 'server') {
      await assertToolFits('pg_dump', target.url);
      const { url, env } = split(target.url);
      await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${url}`], env);
      said = `pg_dump of ${new URL(url).pathname.slice(1)} written to ${file}`;
    } else {
      const { folder: cluster } = clusterOfStopped(target.dataDir);
      if (!fs.existsSync(path.join(cluster, 'PG_VERSION'))) throw new BackupError(`There is no embedded database in ${target.dataDir} to back up.`);
      // --force-local: a name with a colon (a time of day) is a file, never a remote host.
      await run('tar', ['--create', '--gzip', '--force-local', `--file=${partial}`, `--directory=${cluster}`, '--exclude=./postmaster.pid', '--exclude=./postmaster.opts', '.']);
      said = `cold copy of the embedded database in ${target.dataDir} written to ${file}`;
    }
    fs.renameSync(partial, file);
    return said;
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/** Restores `file` into the target, which must hold no database yet. */
export async function restoreBackup(target: BackupTarget, file: string): Promise<string> {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist.`);
  if (target.kind === 'server') {
    await assertToolFits('pg_restore', target.url);
    if (!(await databaseIsEmpty(target.url))) {
      throw new BackupError(`The database ${new URL(target.url).pathname.slice(1)} is not empty: restore into a new, empty database, then point DATABASE_URL at it.`);
    }
    const { url, env } = split(target.url);
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${url}`, '--', file], env);
    return `${file} restored into ${new URL(url).pathname.slice(1)}`;
  }
  const { folder, owner } = clusterOfStopped(target.dataDir);
  if (fs.existsSync(folder) && fs.readdirSync(folder).length > 0) {
    throw new BackupError(`${target.dataDir} holds a database already: restore into a new DATA_DIR (or move this one aside first).`);
  }
  // The whole archive is read first, and unpacked beside its place: only a complete cluster is
  // moved into place, so a damaged archive or a full disk leaves nothing a service would start on.
  await run('tar', ['--list', '--gzip', '--force-local', `--file=${file}`]);
  const partial = `${folder}.restoring`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true, mode: 0o700 });
  try {
    await run('tar', ['--extract', '--gzip', '--force-local', `--file=${file}`, `--directory=${partial}`]);
    if (!fs.existsSync(path.join(partial, 'PG_VERSION'))) throw new BackupError(`${file} is not a backup of an embedded database (no PG_VERSION in it).`);
    fs.chmodSync(partial, 0o700);
    if (owner) await run('chown', ['-R', `${owner.uid}:${owner.gid}`, partial]);
    if (fs.existsSync(folder)) fs.rmdirSync(folder);
    fs.renameSync(partial, folder);
  } finally {
    fs.rmSync(partial, { recursive: true, force: true });
  }
  return `${file} restored into the embedded database of ${target.dataDir}`;
}

function clusterOfStopped(dataDir: string): ReturnType<typeof clusterOf> {
  try {
    return clusterOf(dataDir);
  } catch (err) {
    if (err instanceof DatabaseInUseError) throw new BackupError(`Stop the service first: ${err.message}`);
    throw err;
  }
}
