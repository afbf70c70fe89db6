import type { EntityManager } from '@mikro-orm/postgresql';
import { insertGlobalAdmin } from './data/global-admins';

/** Makes the identity named by BOOTSTRAP_ADMIN_SUBJECT a global admin (idempotent). */
export function ensureGlobalAdmin(em: EntityManager, subject: string): Promise<boolean> {
  return insertGlobalAdmin(em, subject);
}
