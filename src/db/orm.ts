import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { migrationsList } from '../../migrations';
import { logLevelOf } from '../config/config';
import { entities } from '../entities';
import { createLogger, type Logger } from '../logger';

export type Orm = MikroORM;

/** How the service uses its database connections (DB_POOL_MAX, DB_POOL_ACQUIRE_TIMEOUT_MS, DB_STATEMENT_TIMEOUT_MS). */
export interface DatabaseLimits {
  /** Connections of the pool at most. */
  poolMax: number;
  /** How long a request waits for a free connection before it is answered SERVICE_UNAVAILABLE, in ms. */
  acquireTimeoutMs: number;
  /** PostgreSQL's statement_timeout on every connection, in ms (0: none); a statement cut off is SERVICE_UNAVAILABLE. */
  statementTimeoutMs: number;
}

export const DEFAULT_DATABASE_LIMITS: DatabaseLimits = { poolMax: 10, acquireTimeoutMs: 10_000, statementTimeoutMs: 30_000 };

/**
 * ORM options for one database URL; `limits` (or just the pool size) as configured. The schema
 * comes from migrations/, never from the entities. What knex itself reports (a pooled connection
 * found dead, deprecations) goes to `logger` as JSON lines like everything else, not to the console.
 */
export function ormOptions(clientUrl: string, limits: number | Partial<DatabaseLimits> = {}, logger: Logger = createLogger(logLevelOf())): Options {
  const knexLog = logger.child({ component: 'knex' });
  const { poolMax, acquireTimeoutMs, statementTimeoutMs } = { ...DEFAULT_DATABASE_LIMITS, ...(typeof limits === 'number' ? { poolMax: limits } : limits) };
  return {
    clientUrl,
    entities,
    discovery: { requireEntitiesArray: true },
    forceUtcTimezone: true,
    metadataCache: { enabled: false },
    allowGlobalContext: false,
    debug: false,
    pool: { min: 0, max: poolMax },
    driverOptions: {
      acquireConnectionTimeout: acquireTimeoutMs,
      connection: { statement_timeout: statementTimeoutMs },
      log: {
        warn: (message: unknown) => knexLog.warn({ detail: String(message) }, 'database driver warning'),
        error: (message: unknown) => knexLog.error({ detail: String(message) }, 'database driver error'),
        deprecate: (method: unknown, alternative: unknown) => knexLog.warn({ method, alternative }, 'database driver deprecation'),
        debug: (message: unknown) => knexLog.debug({ detail: message }, 'database driver debug'),
      },
    },
    migrations: {
      migrationsList,
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
  };
}

export async function openOrm(clientUrl: string, limits?: number | Partial<DatabaseLimits>, logger?: Logger): Promise<Orm> {
  return MikroORM.init(ormOptions(clientUrl, limits, logger));
}

/** The advisory lock every process takes while migrating (an arbitrary constant of this service). */
const MIGRATION_LOCK = 7_245_117_001;

/**
 * Runs `work` (a change of the schema) under a session advisory lock, held on a connection of its
 * own: several service processes starting at once on one database, or an operator's
 * `npm run migrate -- down` beside a starting process, change it one at a time.
 */
export async function withMigrationLock<T>(orm: Orm, work: () => Promise<T>): Promise<T> {
  const lock = new Client({ connectionString: orm.config.get('clientUrl') });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await work();
  } finally {
    // Ending the session releases the lock too, also when the unlock cannot be sent.
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}

/**
 * Applies pending migrations; returns the names applied. Of several processes starting at once,
 * one migrates and the others then find nothing pending (`withMigrationLock`).
 */
export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await withMigrationLock(orm, () => orm.getMigrator().up());
  return applied.map((m) => m.name);
}
