import 'reflect-metadata';
// First: tracing instruments http, pg and graphql as they load.
import { tracing } from './observability/tracing-at-start';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from './app';
import { createTokenVerifier } from './auth/token-verifier';
import { ensureGlobalAdmin } from './bootstrap';
import { loadConfig, type Config } from './config/config';
import { openDatabase, type Database } from './db/database';
import { loadDemoData } from './demo/demo-data';
import { loadDemoProviders } from './demo/demo-providers';
import { createMailer, startJobs, type JobRunner } from './jobs/job-runner';
import { createLogger, wantsPrettyLogs } from './logger';
import { createMetricsServer } from './observability/metrics-endpoint';
import { createMetrics, uncountedMetrics } from './observability/metrics';
import { WorkflowCatalogueService } from './services/workflow-catalogue.service';
import { WorkflowRegistry } from './workflows/workflow-registry';

/** After the grace period for requests: what the job queue and the database may still take to stop. */
const SHUTDOWN_AFTER_GRACE_MS = 15_000;

/** What to tell the operator when the HTTP port cannot be had. */
function listenProblem(err: unknown, config: Config): string | undefined {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return `Port ${config.port} on ${config.host} is already in use: stop what uses it, or set PORT to another port.`;
  if (code === 'EACCES') return `Port ${config.port} on ${config.host} needs privileges this process lacks: set PORT to 1024 or above.`;
  if (code === 'EADDRNOTAVAIL') return `${config.host} is not an address of this machine: set HOST to one (0.0.0.0 for all).`;
  return undefined;
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`Triáda could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel, undefined, wantsPrettyLogs(config.logFormat));
  // What has started so far, as a shutdown sees it: a signal may come at any moment of the start.
  const running: { app?: App; db?: Database; jobs?: JobRunner; metricsServer?: http.Server } = {};
  let started: () => void = () => undefined;
  const starting = new Promise<void>((resolve) => (started = resolve));
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
        // A start under way is let finish (a half-started database or queue cannot be stopped cleanly), then all of it stops.
        await starting;
        await running.app?.stop(config.shutdownGraceSeconds * 1000);
        await running.jobs?.stop();
        logger.info('requests finished; closing the database');
        await running.db?.close();
        running.metricsServer?.close();
        running.metricsServer?.closeAllConnections();
        // Spans still buffered go to the collector before the process ends.
        await tracing?.shutdown().catch((err: unknown) => logger.warn({ err }, 'traces could not be sent'));
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
  try {
    const database = await openDatabase(config, logger, (reason) => {
      // A supervisor (systemd, Kubernetes, Docker) starts the service again, and with it its database.
      logger.fatal({ reason }, 'the embedded PostgreSQL is gone; exiting');
      process.exit(1);
    });
    running.db = database;
    // A signal during the start: what started so far stops (see shutdown), nothing more starts.
    const stopRequested = (): boolean => stopping;
    logger.info({ database: database.description }, 'database ready');
    if (stopRequested()) return started();
    const em = database.orm.em.fork();
    // Every published workflow version is compiled and checked: a broken one stops the service here.
    const workflows = new WorkflowRegistry([]);
    await new WorkflowCatalogueService().catchUp(em, workflows);
    logger.info({ workflows: workflows.definitions.map((d) => `${d.key}@${d.version}`) }, 'workflow definitions valid');
    if (config.bootstrapAdminSubject && (await ensureGlobalAdmin(em, config.bootstrapAdminSubject))) {
      logger.info({ subject: config.bootstrapAdminSubject }, 'bootstrap admin granted');
    }
    if (config.demoData && (await loadDemoData(em, workflows))) logger.info('demo data loaded');
    if (config.demoData && (await loadDemoProviders(em))) logger.info('demo provider catalogue loaded');

    if (stopRequested()) return started();
    const verifier = await createTokenVerifier(config.auth);
    // Counted only when someone can read it.
    const metrics = config.metrics ? createMetrics(database.orm, logger) : uncountedMetrics();
    const server = await createApp({ config, orm: database.orm, verifier, logger, workflows, healthy: () => database.healthy(), metrics });
    running.app = server;
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.server.listen(config.port, config.host, resolve);
    });
    if (config.metrics?.port !== undefined) {
      const exposure = { port: config.metrics.port, host: config.metrics.host };
      const listener = createMetricsServer(metrics, logger);
      running.metricsServer = listener;
      await new Promise<void>((resolve, reject) => {
        listener.once('error', (err) => reject(new Error(`METRICS_PORT ${exposure.port} on ${exposure.host} cannot be listened on (${err.message}): set METRICS_PORT to a free port`)));
        listener.listen(exposure.port, exposure.host, resolve);
      });
      const { port } = listener.address() as AddressInfo;
      logger.info({ url: `http://${exposure.host}:${port}/metrics` }, 'serving metrics');
    }
    if (stopRequested()) return started();
    // The job queue starts once the port is ours: it would keep a process that cannot serve alive.
    if (config.jobs) running.jobs = await startJobs(database.orm, database.url, logger, createMailer(config.smtpUrl, config.smtpFrom), config.jobsPoolMax);
    const { port } = server.server.address() as AddressInfo;
    logger.info({ url: `http://localhost:${port}/graphql`, auth: config.auth.mode, tracing: tracing ? config.otlpEndpoint : 'off' }, 'Triáda is serving GraphQL');
  } catch (err) {
    const reason = listenProblem(err, config) ?? (err instanceof Error ? err.message : String(err));
    logger.fatal({ reason, err: err instanceof Error ? { name: err.name, message: err.message } : err }, 'Triáda could not start');
    // Whatever did start is stopped, and the process ends here: nothing it started may keep it alive.
    running.metricsServer?.close();
    await running.app?.stop(0).catch(() => undefined);
    await running.jobs?.stop().catch(() => undefined);
    await running.db?.close().catch(() => undefined);
    process.exit(1);
  }
  started();
}

void main();
