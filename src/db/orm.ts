import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { migrationsList } from '../../migrations';
import { entities } from '../entities';

export type Orm = MikroORM;

/** ORM options for one database URL. The schema comes from migrations/, never from the entities. */
export function ormOptions(clientUrl: string, poolMax = 10): Options {
  return {
    clientUrl,
    entities,
    discovery: { requireEntitiesArray: true },
    forceUtcTimezone: true,
    metadataCache: { enabled: false },
    allowGlobalContext: false,
    debug: false,
    pool: { min: 0, max: poolMax },
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

export async function openOrm(clientUrl: string, poolMax?: number): Promise<Orm> {
  return MikroORM.init(ormOptions(clientUrl, poolMax));
}

/** The advisory lock every process takes while migrating (an arbitrary constant of this service). */
const MIGRATION_LOCK = 7_245_117_001;

/**
 * Applies pending migrations; returns the names applied. Several service processes may start at
 * once on one database: each waits for a session advisory lock, held on a connection of its own,
 * so one migrates and the others then find nothing pending.
 */
export async function migrate(orm: Orm): Promise<string[]> {
  const lock = new Client({ connectionString: orm.config.get('clientUrl') });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    // Ending the session releases the lock too, also when the unlock cannot be sent.
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}
