import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import 'reflect-metadata';
import { pragueDay } from '../common/dates';
import { loadConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { createLogger, wantsPrettyLogs } from '../logger';
import { RegisterFileError } from '../services/provider-register.parser';
import { createServices } from '../services/services';

/**
 * `npm run import-providers -- <file>`: imports the whole national register of social-service
 * providers (https://data.mpsv.cz/od/soubory/rpss/rpss.json, tens of megabytes) into the configured
 * database. The GraphQL mutation `importProviderRegister` takes extracts up to the request size
 * limit; this is the operator's way for the whole file, e.g. from a nightly cron job. The file is
 * checked whole before anything is written, exactly as through the API.
 */
async function run(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run import-providers -- <rpss.json>');
  const content = await readFile(file, 'utf8');
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'silent' ? 'info' : config.logLevel, undefined, wantsPrettyLogs(config.logFormat));
  const db = await openDatabase(config, logger);
  try {
    const done = await createServices().providers.importContent(db.orm.em.fork(), content, `cli:${userInfo().username}`, pragueDay(new Date()));
    logger.info(
      {
        providersInFile: done.providersInFile,
        servicesInFile: done.servicesInFile,
        providersCreated: done.providersCreated,
        providersUpdated: done.providersUpdated,
        servicesCreated: done.servicesCreated,
        servicesUpdated: done.servicesUpdated,
        servicesEnded: done.servicesEnded,
      },
      'provider register imported',
    );
  } catch (err) {
    if (err instanceof RegisterFileError) {
      for (const p of err.problems) console.error(`${p.field}: ${p.text.en}`);
      throw new Error('the file was not imported; nothing was written');
    }
    throw err;
  } finally {
    await db.close();
  }
}

run().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
