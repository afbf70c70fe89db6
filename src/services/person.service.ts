import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../context';
import { Body } from '../entities/body.entity';
import { Membership } from '../entities/membership.entity';
import { Organisation } from '../entities/organisation.entity';
import { Person } from '../entities/person.entity';
import { badInput, conflict, forbidden, notFound, requireId } from '../errors/app-errors';
import type { CreatePersonInput, UpdatePersonInput } from '../schema/person.input';
import { assertManagesArea, loadForChange } from '../auth/access';
import { assertPageSize, decodeNameCursor, encodeCursor } from '../common/cursor';
import { containsPattern } from '../common/search';
import { OrganisationService } from './organisation.service';
import { uniqueOrConflict } from './unique';

const SUBJECT_TAKEN = {
  cs: 'Tento účet identity (subject) už má v oblasti jiná osoba.',
  en: 'Another person of the area already has this identity subject.',
};

export interface PersonPage {
  items: Person[];
  hasNextPage: boolean;
  totalCount: number;
}

/** Cursor of a person in a page sorted by name. */
export function personCursor(p: Person): string {
  return encodeCursor([p.name, p.id]);
}



/** People of an area: who may see whom, and their records. */
export class PersonService {
  private readonly organisations = new OrganisationService();

  /**
   * People the viewer may see in an area: everyone for area roles; otherwise the people seated in
   * public bodies or in the viewer's own bodies, and the viewer. `undefined` means everyone.
   */
  async visibleIds(ctx: RequestContext, areaId: string): Promise<Set<string> | undefined> {
    const { viewer } = ctx;
    if (viewer.readsWholeArea(areaId)) return undefined;
    const ownBodyIds = viewer.memberships.filter((m) => m.areaId === areaId).map((m) => m.body.id);
    const bodies = await ctx.em.find(
      Body,
      { areaId, $or: [{ isPublic: true }, { id: { $in: ownBodyIds } }] },
      { fields: ['id'] },
    );
    const seats = await ctx.em.find(
      Membership,
      { areaId, body: { $in: bodies.map((b) => b.id) } },
      { fields: ['person'] },
    );
    const ids = new Set(seats.map((m) => m.person.id));
    for (const p of viewer.people) if (p.areaId === areaId) ids.add(p.id);
    return ids;
  }

  async get(ctx: RequestContext, id: string): Promise<Person> {
    requireId(ctx.locale, 'id', id);
    const person = await ctx.loaders.personById.load(id);
    if (!person) throw notFound(ctx.locale, 'Person', id);
    const visible = await this.visibleIds(ctx, person.areaId);
    if (visible && !visible.has(person.id)) throw notFound(ctx.locale, 'Person', id);
    return person;
  }

  /** A page of the area's people the viewer may see, by name; `search` matches name or organisation. */
  async page(ctx: RequestContext, areaId: string, args: { first: number; after?: string | null; search?: string | null }): Promise<PersonPage> {
    assertPageSize(ctx, args.first);
    const visible = await this.visibleIds(ctx, areaId);
    const where: FilterQuery<Person> = { areaId };
    const and: Array<FilterQuery<Person>> = [];
    if (visible) and.push({ id: { $in: [...visible] } });
    if (args.search) {
      const like = containsPattern(ctx, args.search);
      and.push({ $or: [{ name: { $ilike: like } }, { organisation: { name: { $ilike: like } } }] });
    }
    const totalCount = await ctx.em.count(Person, and.length ? { ...where, $and: and } : where);
    if (args.after) {
      const [name, id] = decodeNameCursor(ctx, args.after);
      and.push({ $or: [{ name: { $gt: name } }, { name, id: { $gt: id } }] });
    }
    const rows = await ctx.em.find(Person, and.length ? { ...where, $and: and } : where, {
      orderBy: { name: 'asc', id: 'asc' },
      limit: args.first + 1,
    });
    return { items: rows.slice(0, args.first), hasNextPage: rows.length > args.first, totalCount };
  }

  async create(ctx: RequestContext, input: CreatePersonInput): Promise<Person> {
    assertManagesArea(ctx, input.areaId);
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
   * organisation is not the person's to change: it decides conflicts of interest and who acts for a
   * guarantor organisation.
   */
  async update(ctx: RequestContext, input: UpdatePersonInput): Promise<Person> {
    const person = await loadForChange(ctx, Person, input.id, 'Person');
    const manages = ctx.viewer.managesArea(person.areaId);
    if (person.erasedAt && manages) {
      throw conflict(ctx.locale, {
        cs: 'Osobní údaje této osoby byly smazány; založte novou osobu.',
        en: "This person's personal data was erased; create a new person instead.",
      }, { reason: 'PERSON_ERASED' });
    }
    if (!manages) {
      if (!ctx.viewer.isSelf(person.id)) {
        const visible = await this.visibleIds(ctx, person.areaId);
        if (visible && !visible.has(person.id)) throw notFound(ctx.locale, 'Person', input.id);
        throw forbidden(ctx.locale, {
          cs: 'Údaje osoby mění jen správce, koordinátor nebo ona sama.',
          en: "Only the area's admin or coordinator, or the person, may change these details.",
        });
      }
      if (input.subject !== undefined) {
        throw forbidden(ctx.locale, {
          cs: 'Účet identity mění jen správce nebo koordinátor.',
          en: 'Only an admin or coordinator changes the identity subject.',
        });
      }
      if (input.organisationId !== undefined) {
        throw forbidden(ctx.locale, {
          cs: 'Organizaci osoby mění jen správce nebo koordinátor.',
          en: "Only an admin or coordinator changes a person's organisation.",
        });
      }
    }
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
        if (input.subject !== undefined) row.subject = input.subject;
        await em.flush();
        return row;
      }),
    );
  }
}
