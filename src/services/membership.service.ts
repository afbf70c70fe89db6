import { termOf } from '../common/dates';
import { LockMode } from '@mikro-orm/core';
import type { RequestContext } from '../context';
import { Body } from '../entities/body.entity';
import { MembershipRole, type TriadSide } from '../entities/enums';
import { Membership } from '../entities/membership.entity';
import { Person } from '../entities/person.entity';
import { badInput, conflict, notFound } from '../errors/app-errors';
import { loadForChange } from '../data/load-for-change';
import { authorize, can } from '../auth/authority';
import { bodyResource, seatResource } from '../auth/resources';
import { refuseErased } from './erased-person';
import type { OrganisationService } from './organisation.service';

/** What the service is asked to do (a resolver passes its GraphQL input, which has these shapes). */
export interface AddMembershipCommand {
  bodyId: string;
  personId: string;
  role: MembershipRole;
  triadSide: TriadSide;
  votingRight?: boolean;
  validFrom?: string;
  validTo?: string | null;
  organisationId?: string | null;
}

export interface EndMembershipCommand {
  membershipId: string;
  validTo?: string;
}

const ROLE_ORDER = [MembershipRole.CHAIR, MembershipRole.DEPUTY, MembershipRole.SECRETARY, MembershipRole.MEMBER, MembershipRole.GUEST];

/** Whether two day ranges [from, to] (to null = open) overlap. */
function overlaps(aFrom: string, aTo: string | null, bFrom: string, bTo: string | null): boolean {
  return (aTo === null || aTo >= bFrom) && (bTo === null || bTo >= aFrom);
}

/** Seats in bodies. Admins and coordinators of the area set them up. */
export class MembershipService {
  constructor(private readonly organisations: OrganisationService) {}

  /** Memberships of a body, for a viewer who may see the body: by role (chair first), then oldest first. */
  async ofBody(ctx: RequestContext, bodyId: string, activeOnly: boolean): Promise<Membership[]> {
    const rows = await ctx.loaders.membershipsByBody.load(bodyId);
    return (activeOnly ? rows.filter((m) => m.isValidOn(ctx.today)) : [...rows]).sort(
      (x, y) => ROLE_ORDER.indexOf(x.role) - ROLE_ORDER.indexOf(y.role) || x.validFrom.localeCompare(y.validFrom) || x.id.localeCompare(y.id),
    );
  }

  /** Memberships of a person in bodies the viewer may see. */
  async ofPerson(ctx: RequestContext, personId: string, activeOnly: boolean): Promise<Membership[]> {
    const rows = await ctx.loaders.membershipsByPerson.load(personId);
    const bodies = await ctx.loaders.bodyById.loadMany(rows.map((m) => m.body.id));
    return rows.filter((m, i) => {
      const body = bodies[i];
      return body && !(body instanceof Error) && can(ctx.viewer, 'body.read', bodyResource(body)) && (!activeOnly || m.isValidOn(ctx.today));
    });
  }

  async add(ctx: RequestContext, input: AddMembershipCommand): Promise<Membership> {
    const found = await loadForChange(ctx, Body, input.bodyId, 'Body');
    authorize(ctx, 'body.read', bodyResource(found), 'Body', found.id);
    authorize(ctx, 'membership.add', seatResource(found, input.personId), 'Body', found.id);
    const { validFrom, validTo, problem } = termOf(ctx.today, input.validFrom, input.validTo);
    const problems: Array<{ field: string; text: { cs: string; en: string } }> = problem ? [problem] : [];
    if (input.role === MembershipRole.GUEST && input.votingRight === true) {
      problems.push({ field: 'votingRight', text: { cs: 'Host nehlasuje.', en: 'A guest has no vote.' } });
    }
    if (problems.length) throw badInput(ctx.locale, problems);
    if (input.organisationId) await this.organisations.requireInArea(ctx, found.areaId, input.organisationId);

    return ctx.em.transactional(async (em) => {
      // Serialises seat changes of one body, so two requests cannot both seat a chair.
      const body = await em.findOneOrFail(Body, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const person = await em.findOne(Person, { id: input.personId, areaId: body.areaId });
      if (!person) throw notFound(ctx.locale, 'Person', input.personId);
      refuseErased(ctx, person);
      const seats = await em.find(Membership, { areaId: body.areaId, body });
      if (seats.some((m) => m.person.id === person.id && overlaps(m.validFrom, m.validTo, validFrom, validTo))) {
        throw conflict(
          ctx.locale,
          { cs: 'Osoba už v tomto orgánu v daném období zasedá.', en: 'The person already sits in this body in that period.' },
          { field: 'personId' },
        );
      }
      if (
        input.role === MembershipRole.CHAIR &&
        seats.some((m) => m.role === MembershipRole.CHAIR && overlaps(m.validFrom, m.validTo, validFrom, validTo))
      ) {
        throw conflict(
          ctx.locale,
          { cs: 'Orgán už má v daném období předsedu; nejprve ukončete jeho členství.', en: 'The body already has a chair in that period; end that membership first.' },
          { field: 'role' },
        );
      }
      const membership = em.create(Membership, {
        areaId: body.areaId,
        body,
        person,
        role: input.role,
        triadSide: input.triadSide,
        votingRight: input.role === MembershipRole.GUEST ? false : (input.votingRight ?? true),
        validFrom,
        validTo,
        organisation: input.organisationId ?? null,
      });
      await em.flush();
      return membership;
    });
  }

  async end(ctx: RequestContext, input: EndMembershipCommand): Promise<Membership> {
    const found = await loadForChange(ctx, Membership, input.membershipId, 'Membership');
    const body = await ctx.em.findOneOrFail(Body, { id: found.body.id, areaId: found.areaId });
    authorize(ctx, 'body.read', bodyResource(body), 'Membership', found.id);
    authorize(ctx, 'membership.end', seatResource(body, found.person.id), 'Membership', found.id);
    const validTo = input.validTo ?? ctx.today;
    return ctx.em.transactional(async (em) => {
      const membership = await em.findOneOrFail(Membership, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (validTo < membership.validFrom) {
        throw badInput(ctx.locale, [
          { field: 'validTo', text: { cs: 'Členství nemůže skončit před svým začátkem.', en: 'A membership cannot end before it starts.' } },
        ]);
      }
      if (membership.validTo !== null && membership.validTo <= validTo) {
        throw conflict(ctx.locale, { cs: 'Členství už k tomu dni skončilo.', en: 'The membership has already ended by that day.' });
      }
      membership.validTo = validTo;
      await em.flush();
      return membership;
    });
  }
}
