import type { EntityManager } from '@mikro-orm/postgresql';
import { Membership } from '../entities/membership.entity';
import { Person } from '../entities/person.entity';

/** A guarantor of a goal or an indicator, as far as who acts for it goes (a goal's may also name a municipality). */
export interface GuarantorRef {
  personId: string | null;
  organisationId: string | null;
}

/**
 * The people who act as a guarantor among `guarantors` on `day` — the policy's rule
 * (src/auth/policy.ts: a guarantor person, or someone who represents a guarantor organisation by
 * their person record or a seat held that day) turned round into a query, for reminders; erased
 * people never. Sorted by id.
 */
export async function guarantorPeople(em: EntityManager, areaId: string, guarantors: readonly GuarantorRef[], day: string): Promise<string[]> {
  const personIds = guarantors.flatMap((g) => (g.personId ? [g.personId] : []));
  const organisationIds = guarantors.flatMap((g) => (g.organisationId ? [g.organisationId] : []));
  if (personIds.length === 0 && organisationIds.length === 0) return [];
  const people = await em.find(
    Person,
    { areaId, erasedAt: null, $or: [{ id: { $in: personIds } }, { organisation: { $in: organisationIds } }] },
    { fields: ['id'] },
  );
  const seats = organisationIds.length
    ? await em.find(
        Membership,
        { areaId, organisation: { $in: organisationIds }, validFrom: { $lte: day }, $or: [{ validTo: null }, { validTo: { $gte: day } }], person: { erasedAt: null } },
        { fields: ['person'] },
      )
    : [];
  return [...new Set([...people.map((p) => p.id), ...seats.map((m) => m.person.id)])].sort();
}
