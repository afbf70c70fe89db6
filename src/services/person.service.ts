import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../context';
import { AreaRole } from '../entities/area-role.entity';
import { AreaRoleKind } from '../entities/enums';
import { Organisation } from '../entities/organisation.entity';
import { Person } from '../entities/person.entity';
import { CalendarFeed } from '../entities/calendar-feed.entity';
import { badInput, conflict, notFound, requireId } from '../errors/app-errors';
import { loadForChange } from '../data/load-for-change';
import { authorize, visibleFilter } from '../auth/authority';
import type { Resource } from '../auth/conditions';
import { inArea, PERSON_SQL, personResource } from '../auth/resources';
import { cutPage, decodeNameCursor, decodedCursor, encodeCursor, keysetFilter, pageRequest, readingOrder, type Page, type PageArgs } from '../common/cursor';
import { containsPattern } from '../common/search';
import type { OrganisationService } from './organisation.service';
import { uniqueOrConflict } from './unique';

/** What the service is asked to do (a resolver passes its GraphQL input, which has these shapes). */
export interface CreatePersonCommand {
  areaId: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  organisationId?: string | null;
  subject?: string | null;
}

export interface UpdatePersonCommand {
  personId: string;
  name?: string;
  email?: string | null;
  phone?: string | null;
  organisationId?: string | null;
  subject?: string | null;
}

const SUBJECT_TAKEN = {
  cs: 'Tento účet identity (subject) už má v oblasti jiná osoba.',
  en: 'Another person of the area already has this identity subject.',
};

export interface PersonPage extends Page<Person> {
  totalCount: number;
}

/** Cursor of a person in a page sorted by name. */
export function personCursor(p: Person): string {
  return encodeCursor([p.name, p.id]);
}



/** People of an area: who may see whom, and their records. */
export class PersonService {
  constructor(private readonly organisations: OrganisationService) {}

  /** The person as the policy sees them: the bodies they sit in (any time), whether one is public, whether they are an admin today. */
  async resource(ctx: RequestContext, person: Person): Promise<Resource> {
    const seats = await ctx.loaders.membershipsByPerson.load(person.id);
    const bodies = await ctx.loaders.bodyById.loadMany(seats.map((m) => m.body.id));
    const isAdmin = (await ctx.em.count(AreaRole, {
      areaId: person.areaId,
      person: person.id,
      role: AreaRoleKind.ADMIN,
      revokedAt: null,
      validFrom: { $lte: ctx.today },
      $or: [{ validTo: null }, { validTo: { $gte: ctx.today } }],
    })) > 0;
    return personResource(person, {
      seatBodyIds: seats.map((m) => m.body.id),
      seatedInPublicBody: bodies.some((b) => b !== null && !(b instanceof Error) && b.isPublic),
      isAdmin,
    });
  }

  async get(ctx: RequestContext, id: string): Promise<Person> {
    requireId(ctx.locale, 'id', id);
    const person = await ctx.loaders.personById.load(id);
    if (!person) throw notFound(ctx.locale, 'Person', id);
    authorize(ctx, 'person.read', await this.resource(ctx, person), 'Person', id);
    return person;
  }

  /** A page of the area's people the viewer may see, by name; `search` matches name or organisation. */
  async page(ctx: RequestContext, areaId: string, args: PageArgs & { search?: string | null }): Promise<PersonPage> {
    const request = pageRequest(ctx, args);
    const cursor = decodedCursor(request, (c, field) => decodeNameCursor(ctx, c, field));
    const where: FilterQuery<Person> = { areaId };
    // The rule that judges one person (person.read), as SQL; a raw fragment serves one query only.
    const visible = (): FilterQuery<Person> => visibleFilter(ctx.viewer, 'person.read', PERSON_SQL);
    const and: Array<FilterQuery<Person>> = [];
    if (args.search) {
      const like = containsPattern(ctx, args.search);
      and.push({ $or: [{ name: { $ilike: like } }, { organisation: { name: { $ilike: like } } }] });
    }
    const totalCount = await ctx.em.count(Person, { ...where, $and: [...and, visible()] });
    if (cursor) and.push(keysetFilter(request, 'asc', 'name', cursor));
    const { order } = readingOrder(request, 'asc');
    const rows = await ctx.em.find(Person, { ...where, $and: [...and, visible()] }, {
      orderBy: { name: order, id: order },
      limit: request.size + 1,
    });
    return { ...cutPage(request, rows), totalCount };
  }

  async create(ctx: RequestContext, input: CreatePersonCommand): Promise<Person> {
    authorize(ctx, 'person.create', inArea(input.areaId), 'Area', input.areaId);
    // A new person linked to a login at once: linking a login is an action of its own.
    if (input.subject != null) authorize(ctx, 'person.changeSubject', inArea(input.areaId), 'Area', input.areaId);
    if (input.organisationId) await this.organisations.requireInArea(ctx, input.areaId, input.organisationId);
    return uniqueOrConflict(ctx, SUBJECT_TAKEN, 'subject', () =>
      ctx.em.transactional(async (em) => {
        const person = em.create(Person, {
          areaId: input.areaId,
          name: input.name,
          email: input.email ?? null,
          phone: input.phone ?? null,
          organisation: input.organisationId ?? null,
          subject: input.subject ?? null,
        });
        await em.flush();
        return person;
      }),
    );
  }

  /**
   * Admins and coordinators change anyone of their area; a person their own name and contacts. The
   * login and the organisation are actions of their own: the organisation decides conflicts of
   * interest and who acts for a guarantor organisation.
   */
  async update(ctx: RequestContext, input: UpdatePersonCommand): Promise<Person> {
    const person = await loadForChange(ctx, Person, input.personId, 'Person');
    const resource = await this.resource(ctx, person);
    authorize(ctx, 'person.read', resource, 'Person', input.personId);
    authorize(ctx, 'person.update', resource, 'Person', input.personId);
    if (input.subject !== undefined) authorize(ctx, 'person.changeSubject', resource, 'Person', input.personId);
    if (person.erasedAt) {
      throw conflict(ctx.locale, {
        cs: 'Osobní údaje této osoby byly smazány; založte novou osobu.',
        en: "This person's personal data was erased; create a new person instead.",
      }, { reason: 'PERSON_ERASED' });
    }
    if (input.organisationId !== undefined) authorize(ctx, 'person.changeOrganisation', resource, 'Person', input.personId);
    if (input.name === null) {
      throw badInput(ctx.locale, [{ field: 'name', text: { cs: 'Jméno nelze smazat.', en: 'The name cannot be cleared.' } }]);
    }
    if (input.organisationId) await this.organisations.requireInArea(ctx, person.areaId, input.organisationId);
    return uniqueOrConflict(ctx, SUBJECT_TAKEN, 'subject', () =>
      ctx.em.transactional(async (em) => {
        const row = await em.findOneOrFail(Person, { id: person.id });
        if (input.name !== undefined) row.name = input.name;
        if (input.email !== undefined) row.email = input.email;
        if (input.phone !== undefined) row.phone = input.phone;
        if (input.organisationId !== undefined) row.organisation = input.organisationId ? em.getReference(Organisation, input.organisationId) : null;
        if (input.subject !== undefined && input.subject !== row.subject) {
          row.subject = input.subject;
          // A new login holder gets no calendar link of the old one: every link of the person stops working.
          await em.nativeUpdate(CalendarFeed, { areaId: row.areaId, personId: row.id, revokedAt: null }, { revokedAt: ctx.now });
        }
        await em.flush();
        return row;
      }),
    );
  }
}
