import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Locks a person's row until `em`'s transaction ends (as erasure does, so that the two exclude each
 * other): whether the person is erased, or null when there is none.
 */
export async function lockPerson(em: EntityManager, areaId: string, personId: string): Promise<{ erased: boolean } | null> {
  const [locked] = await em
    .getConnection()
    .execute<Array<{ erased: boolean }>>('select erased_at is not null as erased from person where area_id = ? and id = ? for update', [areaId, personId], 'all', em.getTransactionContext());
  return locked ?? null;
}
