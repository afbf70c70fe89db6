import type { EntityManager } from '@mikro-orm/postgresql';

/** Asks the database for the smallest answer; throws when it is out of reach. */
export async function pingDatabase(em: EntityManager): Promise<void> {
  await em.getConnection().execute('select 1');
}
