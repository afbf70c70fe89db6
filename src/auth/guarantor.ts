import type { EntityManager } from '@mikro-orm/postgresql';
import { Membership } from '../entities/membership.entity';
import { Person } from '../entities/person.entity';
import type { Viewer } from './viewer';

/** A guarantor of a goal or an indicator, as far as who acts for it goes (a goal's may also name a municipality). */
export interface GuarantorRef {
  personId: string | null;
  organisationId: string | null;
}

/**
 * Whether the viewer acts as a guarantor of a goal or an indicator of the area, given its
 * guarantors: a person guarantor themselves, or a person of a guarantor organisation — whose person
 * record refers to it, or who holds a seat today (the viewer's seats are today's) representing it.
 * A municipality named without a person makes nobody a guarantor. An indicator's guarantors record
 * its values; a goal's change its status. `guarantorPeople` answers the same rule the other way
 * round: who the guarantors are.
 */
export function isGuarantor(viewer: Viewer, areaId: string, guarantors: readonly GuarantorRef[]): boolean {
  const person = viewer.personIn(areaId);
  if (!person) return false;
  const represents = new Set<string>();
  if (person.organisation) represents.add(person.organisation.id);
  for (const seat of viewer.memberships) if (seat.areaId === areaId && seat.organisation) represents.add(seat.organisation.id);
  return guarantors.some((g) => g.personId === person.id || (g.organisationId !== null && represents.has(g.organisationId)));
}

/**
 * The people who act as a guarantor among `guarantors` on `day` (the rule of `isGuarantor`): the
 * person guarantors, and the people of guarantor organisations by their person record or a seat
 * held that day; erased people never. Sorted by id.
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
