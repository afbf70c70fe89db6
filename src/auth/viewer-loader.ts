import type { EntityManager } from '@mikro-orm/postgresql';
import { viewerRows } from '../data/viewer';
import { Viewer } from './viewer';

/** Loads what a token subject may do on `day` (YYYY-MM-DD): its people, roles and seats. */
export async function loadViewer(em: EntityManager, subject: string, day: string): Promise<Viewer> {
  const rows = await viewerRows(em, subject, day);
  if (rows.people.length === 0) return new Viewer(subject, rows.admin, [], [], []);
  return new Viewer(subject, rows.admin, rows.people, rows.areaRoles, rows.memberships, rows.delegations);
}
