import { Client } from 'pg';
import type { Config } from '../config/config';
import type { Logger } from '../logger';
import { startEmbeddedDatabase, withDatabase, type EmbeddedDatabase } from './embedded-database';
import { migrate, openOrm, type Orm } from './orm';

export interface Database {
  orm: Orm;
  /** False while the embedded server has died and is being started again; an external server is not watched here (see /readyz). */
  healthy(): boolean;
  /** Where the data live, for the start-up log (no password). */
  description: string;
  /** The connection URL, for other clients of the same database (the job queue). */
  url: string;
  close(): Promise<void>;
}

const APP_DATABASE = 'triada';

/** Waits between attempts to start the embedded server again after it died, in ms; the last repeats. */
const RESTART_BACKOFF_MS = [250, 500, 1000, 2000, 4000];
/** How long the service keeps trying before it gives up and exits for its supervisor. */
const RESTART_GIVE_UP_MS = 120_000;

/** Creates `name` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/**
 * Keeps the embedded server up: when it dies (killed, crashed), it is started again with growing
 * pauses; while it is down `healthy()` is false. Should it not come back within
 * RESTART_GIVE_UP_MS, `onGiveUp` is told, and the process should exit for its supervisor.
 */
function superviseEmbedded(embedded: EmbeddedDatabase, logger: Logger, onGiveUp: (reason: string) => void): { healthy(): boolean; stop(): void } {
  let down = false;
  let closing = false;
  embedded.onUnexpectedExit((how) => {
    if (down || closing) return;
    down = true;
    logger.error({ how, dataDir: embedded.dataDir }, 'the embedded PostgreSQL stopped unexpectedly; starting it again');
    const since = Date.now();
    void (async () => {
      for (let attempt = 0; !closing; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, RESTART_BACKOFF_MS[Math.min(attempt, RESTART_BACKOFF_MS.length - 1)]));
        try {
          await embedded.start();
          down = false;
          logger.info({ attempts: attempt + 1 }, 'the embedded PostgreSQL runs again');
          return;
        } catch (err) {
          const reason = err instanceof Error ? err.message : String(err);
          if (Date.now() - since > RESTART_GIVE_UP_MS) {
            closing = true;
            onGiveUp(`the embedded PostgreSQL did not start again within ${RESTART_GIVE_UP_MS / 1000} s: ${reason}`);
            return;
          }
          logger.warn({ attempt: attempt + 1, reason }, 'the embedded PostgreSQL did not start again yet');
        }
      }
    })();
  });
  return {
    healthy: () => !down,
    stop: () => {
      closing = true;
    },
  };
}

/** The server behind the service's database, reached. */
export interface DatabaseServer {
  /** The connection URL of the service's database on it. */
  url: string;
  /** Where the data live, for logs and operators (no password). */
  description: string;
  /** False while the embedded server has died and is being started again. */
  healthy(): boolean;
  /** Stops the embedded server (an external one is left alone). */
  stop(): Promise<void>;
}

/**
 * Reaches the service's database server: `DATABASE_URL` when set, otherwise the embedded server in
 * the data folder, started here (the first start also initialises it) and watched, see
 * `superviseEmbedded`. Nothing is migrated here.
 */
export async function startDatabaseServer(config: Config, logger: Logger, onGiveUp: (reason: string) => void = () => undefined): Promise<DatabaseServer> {
  if (config.databaseUrl) {
    const url = config.databaseUrl;
    const safe = new URL(url);
    return { url, description: `PostgreSQL at ${safe.host}${safe.pathname}`, healthy: () => true, stop: () => Promise.resolve() };
  }
  logger.info({ dataDir: config.dataDir }, 'starting the embedded PostgreSQL (the first start also initialises it)');
  const embedded = await startEmbeddedDatabase({
    dataDir: config.dataDir,
    port: config.embeddedPort,
    onLog: (line) => logger.debug({ postgres: line }, 'embedded postgres'),
  });
  const supervisor = superviseEmbedded(embedded, logger, onGiveUp);
  const stop = async (): Promise<void> => {
    supervisor.stop();
    await embedded.stop();
  };
  try {
    await ensureDatabase(embedded.adminUrl, APP_DATABASE);
  } catch (err) {
    await stop();
    throw err;
  }
  const url = withDatabase(embedded.adminUrl, APP_DATABASE);
  return { url, description: `embedded PostgreSQL in ${embedded.dataDir} on ${new URL(url).host}`, healthy: () => supervisor.healthy(), stop };
}

/**
 * An ORM for changing the schema, on a connection of its own without the statement timeout:
 * building an index on a large table may rightly take longer than any request should.
 */
export function openMigrationOrm(url: string, logger: Logger): Promise<Orm> {
  return openOrm(url, { poolMax: 1, statementTimeoutMs: 0 }, logger);
}

/**
 * Opens the service's database (`startDatabaseServer`), then applies pending migrations.
 */
export async function openDatabase(config: Config, logger: Logger, onGiveUp: (reason: string) => void = () => undefined): Promise<Database> {
  const server = await startDatabaseServer(config, logger, onGiveUp);
  let orm: Orm;
  try {
    const migrator = await openMigrationOrm(server.url, logger);
    try {
      const applied = await migrate(migrator);
      if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
    } finally {
      await migrator.close(true);
    }
    orm = await openOrm(server.url, config.database, logger);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return {
    orm,
    healthy: () => server.healthy(),
    url: server.url,
    description: server.description,
    async close() {
      await orm.close(true);
      await server.stop();
    },
  };
}
