import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { createLogger, wantsPrettyLogs } from '../logger';

/** `npm run migrate`: applies pending migrations to the configured database and exits. */
async function run(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'silent' ? 'info' : config.logLevel, undefined, wantsPrettyLogs(config.logFormat));
  const db = await openDatabase(config, logger);
  const executed = await db.orm.getMigrator().getExecutedMigrations();
  logger.info({ database: db.description, applied: executed.map((m) => m.name) }, 'database is up to date');
  await db.close();
}

run().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
