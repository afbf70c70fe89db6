import { MikroORM, type Options } from '@mikro-orm/postgresql';
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

/** Applies pending migrations; returns the names applied. */
export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
