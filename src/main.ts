import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { createTokenVerifier } from './auth/token-verifier';
import { ensureGlobalAdmin } from './bootstrap';
import { loadConfig } from './config/config';
import { openDatabase, type Database } from './db/database';
import { loadDemoData } from './demo/demo-data';
import { loadDemoProviders } from './demo/demo-providers';
import { createMailer, startJobs, type JobRunner } from './jobs/job-runner';
import { createLogger } from './logger';
import { compileAllWorkflows } from './workflows/workflow-registry';

/** After the grace period for requests: what the job queue and the database may still take to stop. */
const SHUTDOWN_AFTER_GRACE_MS = 15_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  let db: Database | undefined;
  try {
    // A broken workflow definition stops the service here, before anything else starts.
    const workflows = compileAllWorkflows();
    logger.info({ workflows: [...workflows.keys()] }, 'workflow definitions valid');
    db = await openDatabase(config, logger);
    logger.info({ database: db.description }, 'database ready');
    const em = db.orm.em.fork();
    if (config.bootstrapAdminSubject && (await ensureGlobalAdmin(em, config.bootstrapAdminSubject))) {
      logger.info({ subject: config.bootstrapAdminSubject }, 'bootstrap admin granted');
    }
    if (config.demoData && (await loadDemoData(em))) logger.info('demo data loaded');
    if (config.demoData && (await loadDemoProviders(em))) logger.info('demo provider catalogue loaded');

    const jobs: JobRunner | undefined = config.jobs
      ? await startJobs(db.orm, db.url, logger, createMailer(config.smtpUrl, config.smtpFrom))
      : undefined;
    const verifier = await createTokenVerifier(config.auth);
    const app = await createApp({ config, orm: db.orm, verifier, logger });
    await new Promise<void>((resolve, reject) => {
      app.server.once('error', reject);
      app.server.listen(config.port, config.host, resolve);
    });
    const { port } = app.server.address() as AddressInfo;
    logger.info({ url: `http://localhost:${port}/graphql`, auth: config.auth.mode }, 'Triáda is serving GraphQL');

    let stopping = false;
    const shutdown = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal, graceSeconds: config.shutdownGraceSeconds }, 'shutting down: finishing in-flight requests');
      const force = setTimeout(() => {
        logger.error('shutdown took too long; exiting');
        process.exit(1);
      }, config.shutdownGraceSeconds * 1000 + SHUTDOWN_AFTER_GRACE_MS);
      force.unref();
      void (async () => {
        try {
          await app.stop(config.shutdownGraceSeconds * 1000);
          await jobs?.stop();
          logger.info('requests finished; closing the database');
          await db?.close();
          logger.info('stopped');
          process.exit(0);
        } catch (err) {
          logger.error({ err }, 'error while shutting down');
          process.exit(1);
        }
      })();
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
  } catch (err) {
    logger.fatal({ err: err instanceof Error ? { name: err.name, message: err.message } : err }, 'Triáda could not start');
    await db?.close().catch(() => undefined);
    process.exitCode = 1;
  }
}

void main();
