import { Gauge, Histogram, type Registry } from 'prom-client';
import type { Orm } from '../db/orm';
import type { Logger } from '../logger';

/** What knex reports of one statement: its id and text (never the values bound to it). */
interface KnexQuery {
  __knexQueryUid?: string;
  sql?: string;
}

/** The connection pool knex keeps (tarn.js). */
interface Pool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

/** Statements started and not yet answered, at most; beyond, the oldest are forgotten. */
const MAX_STATEMENTS_IN_FLIGHT = 10_000;

const COMMANDS = new Set(['select', 'insert', 'update', 'delete', 'with']);

function commandOf(sql: string | undefined): string {
  const word = /^\s*(\w+)/.exec(sql ?? '')?.[1]?.toLowerCase() ?? '';
  return COMMANDS.has(word) ? word : 'other';
}

interface Backlog {
  outboxPending: number;
  outboxOldestSeconds: number;
  /** Per queue: jobs waiting (created or to be retried), running, failed and kept. */
  jobs: Array<{ queue: string; waiting: number; active: number; failed: number }>;
}

/**
 * The database side of /metrics: the pool (in use, idle, waiting for a connection), each
 * statement's duration by command, and what waits in the database — the outbox (rows not yet
 * dispatched, the age of the oldest) and the job queue (per queue: waiting, running, failed) —
 * read with two small queries at each scrape. Every process reports the same backlog: take its
 * max() across processes.
 */
export function watchDatabase(orm: Orm, registry: Registry, buckets: number[], logger: Logger): { beforeScrape(): void } {
  const knex = orm.em.getConnection().getKnex();
  const pool = (): Pool | undefined => (knex.client as { pool?: Pool }).pool;
  const poolGauge = (name: string, help: string, read: (p: Pool) => number): Gauge =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const p = pool();
        this.set(p ? read(p) : 0);
      },
    });
  poolGauge('triada_db_pool_connections_in_use', 'Database connections of the pool lent to requests or jobs now.', (p) => p.numUsed());
  poolGauge('triada_db_pool_connections_idle', 'Open database connections of the pool that nobody uses now.', (p) => p.numFree());
  poolGauge('triada_db_pool_acquires_waiting', 'Requests waiting for a free database connection now.', (p) => p.numPendingAcquires());

  const statementDuration = new Histogram({
    name: 'triada_db_statement_duration_seconds',
    help: 'Time from sending a statement to its answer, by command (select, insert, update, delete, with, other), failed ones included.',
    labelNames: ['command'] as const,
    buckets,
    registers: [registry],
  });
  const started = new Map<string, { at: bigint; command: string }>();
  const finish = (query: KnexQuery | undefined): void => {
    const uid = query?.__knexQueryUid;
    const start = uid === undefined ? undefined : started.get(uid);
    if (uid === undefined || start === undefined) return;
    started.delete(uid);
    statementDuration.observe({ command: start.command }, Number(process.hrtime.bigint() - start.at) / 1e9);
  };
  knex.on('query', (query: KnexQuery) => {
    if (query.__knexQueryUid === undefined) return;
    if (started.size >= MAX_STATEMENTS_IN_FLIGHT) started.delete(started.keys().next().value as string);
    started.set(query.__knexQueryUid, { at: process.hrtime.bigint(), command: commandOf(query.sql) });
  });
  knex.on('query-response', (_response: unknown, query: KnexQuery) => finish(query));
  knex.on('query-error', (_error: unknown, query: KnexQuery) => finish(query));

  // Read once per scrape, whichever of its gauges asks first.
  let current: Promise<Backlog | undefined> | undefined;
  const backlog = (): Promise<Backlog | undefined> => {
    current ??= readBacklog(orm).catch((err: unknown) => {
      logger.warn({ err }, 'metrics: the outbox and job backlog could not be read');
      return undefined;
    });
    return current;
  };
  new Gauge({
    name: 'triada_outbox_pending',
    help: 'Notices in the outbox not yet dispatched (all processes together).',
    registers: [registry],
    async collect() {
      const b = await backlog();
      if (b) this.set(b.outboxPending);
    },
  });
  new Gauge({
    name: 'triada_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest notice not yet dispatched (0 when none waits).',
    registers: [registry],
    async collect() {
      const b = await backlog();
      if (b) this.set(b.outboxOldestSeconds);
    },
  });
  const jobGauge = (name: string, help: string, read: (q: Backlog['jobs'][number]) => number): Gauge<'queue'> =>
    new Gauge({
      name,
      help,
      labelNames: ['queue'] as const,
      registers: [registry],
      async collect() {
        const b = await backlog();
        if (!b) return;
        this.reset();
        for (const q of b.jobs) this.set({ queue: q.queue }, read(q));
      },
    });
  jobGauge('triada_jobs_waiting', 'Background jobs due or scheduled and not yet taken, by queue (created or waiting for a retry).', (q) => q.waiting);
  jobGauge('triada_jobs_active', 'Background jobs running now, by queue.', (q) => q.active);
  jobGauge('triada_jobs_failed', 'Background jobs that failed after all their retries and are still kept, by queue.', (q) => q.failed);
  return {
    beforeScrape() {
      current = undefined;
    },
  };
}

async function readBacklog(orm: Orm): Promise<Backlog> {
  const conn = orm.em.getConnection();
  const [outbox] = await conn.execute<Array<{ pending: number; oldest: number | null }>>(
    `select count(*)::int as pending, extract(epoch from now() - min(created_at))::float8 as oldest from outbox where dispatched_at is null`,
  );
  // The queue's tables exist once a process with JOBS on has started.
  const [{ present }] = await conn.execute<Array<{ present: boolean }>>(`select to_regclass('pgboss.job') is not null as present`);
  const jobs = present
    ? await conn.execute<Array<{ queue: string; waiting: number; active: number; failed: number }>>(
        `select name as queue,
                count(*) filter (where state in ('created', 'retry'))::int as waiting,
                count(*) filter (where state = 'active')::int as active,
                count(*) filter (where state = 'failed')::int as failed
           from pgboss.job group by name order by name`,
      )
    : [];
  return { outboxPending: outbox?.pending ?? 0, outboxOldestSeconds: Math.max(0, outbox?.oldest ?? 0), jobs };
}
