import type { EntityManager } from '@mikro-orm/postgresql';
import { GlobalAdmin } from '../entities/global-admin.entity';

/** Makes `subject` a global admin; false when it was one already. */
export async function insertGlobalAdmin(em: EntityManager, subject: string): Promise<boolean> {
  const existing = await em.findOne(GlobalAdmin, { subject });
  if (existing) return false;
  await em.getConnection().execute('insert into global_admin (subject) values (?) on conflict do nothing', [subject]);
  return true;
}
