import { Client } from 'pg';
import type { Config } from '../config/config';
import type { Logger } from '../logger';
import { startEmbeddedDatabase, withDatabase, type EmbeddedDatabase } from './embedded-database';
import { migrate, openOrm, type Orm } from './orm';

export interface Database {
  orm: Orm;
  /** Where the data live, for the start-up log (no password). */
  description: string;
  /** The connection URL, for other clients of the same database (the job queue). */
  url: string;
  close(): Promise<void>;
}

const APP_DATABASE = 'triada';

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
 * Opens the service's database: `DATABASE_URL` when set, otherwise the embedded server in the data
 * folder; then applies pending migrations.
 */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedDatabase({
      dataDir: config.dataDir,
      port: config.embeddedPort,
      onLog: (line) => logger.debug({ postgres: line }, 'embedded postgres'),
    });
    await ensureDatabase(embedded.adminUrl, APP_DATABASE);
    url = withDatabase(embedded.adminUrl, APP_DATABASE);
  }
  let orm: Orm;
  try {
    orm = await openOrm(url, undefined, logger);
    const applied = await migrate(orm);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  const safe = new URL(url);
  safe.password = '';
  return {
    orm,
    url,
    description: embedded ? `embedded PostgreSQL in ${embedded.dataDir} on ${safe.host}` : `PostgreSQL at ${safe.host}${safe.pathname}`,
    async close() {
      await orm.close(true);
      await embedded?.stop();
    },
  };
}
