import type { EntityManager } from '@mikro-orm/postgresql';
import { AreaRole } from '../entities/area-role.entity';
import { GlobalAdmin } from '../entities/global-admin.entity';
import { Membership } from '../entities/membership.entity';
import { Person } from '../entities/person.entity';
import { Viewer } from './viewer';

/** Loads what a token subject may do on `day` (YYYY-MM-DD): its people, roles and seats. */
export async function loadViewer(em: EntityManager, subject: string, day: string): Promise<Viewer> {
  const [people, admin] = await Promise.all([
    em.find(Person, { subject }),
    em.findOne(GlobalAdmin, { subject }),
  ]);
  if (people.length === 0) return new Viewer(subject, admin !== null, [], [], []);
  const personIds = people.map((p) => p.id);
  const validOnDay = { validFrom: { $lte: day }, $or: [{ validTo: null }, { validTo: { $gte: day } }] };
  const [areaRoles, memberships] = await Promise.all([
    em.find(AreaRole, { person: { $in: personIds }, revokedAt: null, ...validOnDay }),
    em.find(Membership, { person: { $in: personIds }, ...validOnDay }),
  ]);
  return new Viewer(subject, admin !== null, people, areaRoles, memberships);
}
