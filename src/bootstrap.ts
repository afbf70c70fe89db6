import type { EntityManager } from '@mikro-orm/postgresql';
import { GlobalAdmin } from './entities/global-admin.entity';

/** Makes the identity named by BOOTSTRAP_ADMIN_SUBJECT a global admin (idempotent). */
export async function ensureGlobalAdmin(em: EntityManager, subject: string): Promise<boolean> {
  const existing = await em.findOne(GlobalAdmin, { subject });
  if (existing) return false;
  await em.getConnection().execute('insert into global_admin (subject) values (?) on conflict do nothing', [subject]);
  return true;
}
