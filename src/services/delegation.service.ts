import { termOf } from '../common/dates';
import { LockMode } from '@mikro-orm/core';
import type { RequestContext } from '../context';
import { loadForChange } from '../data/load-for-change';
import { authorize } from '../auth/authority';
import { bodyResource, delegationResource } from '../auth/resources';
import { Body } from '../entities/body.entity';
import { Delegation } from '../entities/delegation.entity';
import { MembershipRole, type DelegatedPower } from '../entities/enums';
import { Membership } from '../entities/membership.entity';
import { Person } from '../entities/person.entity';
import { badInput, conflict, notFound } from '../errors/app-errors';
import { refuseErased } from './erased-person';

/** What the service is asked to do (a resolver passes its GraphQL input, which has these shapes). */
export interface GrantDelegationCommand {
  bodyId: string;
  delegatePersonId: string;
  power: DelegatedPower;
  validFrom?: string;
  validTo?: string | null;
  note?: string | null;
}

export interface RevokeDelegationCommand {
  delegationId: string;
}

const seatCovers = (m: Membership, from: string, to: string | null): boolean =>
  m.validFrom <= from && (m.validTo === null || (to !== null && m.validTo >= to));

/**
 * Delegations of a chair's power: granted by the body's chair (or recorded by the coordinator) to
 * another member of the body for a term, revoked by either or by the delegate. Who may act under
 * one is the decision point's (src/auth/authority.ts); a delegation counts only while its delegate
 * sits in the body.
 */
export class DelegationService {
  async ofBody(ctx: RequestContext, bodyId: string, activeOnly: boolean): Promise<Delegation[]> {
    const rows = await ctx.loaders.childrenOf(Delegation, 'bodyId', { validFrom: 'asc', id: 'asc' }).load(bodyId);
    if (!activeOnly) return [...rows];
    const seats = (await ctx.loaders.membershipsByBody.load(bodyId)).filter((m) => m.isValidOn(ctx.today));
    return rows.filter((d) => stands(d, seats, ctx.today));
  }

  /** Whether a delegation counts today (see `stands`). */
  async standsToday(ctx: RequestContext, d: Pick<Delegation, 'bodyId' | 'delegateId' | 'forPersonId' | 'revokedAt' | 'validFrom' | 'validTo'>): Promise<boolean> {
    const seats = (await ctx.loaders.membershipsByBody.load(d.bodyId)).filter((m) => m.isValidOn(ctx.today));
    return stands(d, seats, ctx.today);
  }

  async grant(ctx: RequestContext, input: GrantDelegationCommand): Promise<Delegation> {
    const found = await loadForChange(ctx, Body, input.bodyId, 'Body');
    authorize(ctx, 'body.read', bodyResource(found), 'Body', found.id);
    authorize(ctx, 'delegation.grant', delegationResource(found, input.delegatePersonId), 'Body', found.id);
    const { validFrom, validTo, problem } = termOf(ctx.today, input.validFrom, input.validTo);
    if (problem) throw badInput(ctx.locale, [problem]);
    return ctx.em.transactional(async (em) => {
      // The body's row lock serialises delegations (and seats) of one body.
      const body = await em.findOneOrFail(Body, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const delegate = await em.findOne(Person, { id: input.delegatePersonId, areaId: body.areaId });
      if (!delegate) throw notFound(ctx.locale, 'Person', input.delegatePersonId);
      refuseErased(ctx, delegate, 'delegatePersonId');
      const seats = await em.find(Membership, { areaId: body.areaId, body: body.id });
      // The chair today is the one acted for: the delegation counts only while they chair the body.
      const chair = seats.find((m) => m.role === MembershipRole.CHAIR && m.isValidOn(ctx.today));
      const delegateSeat = seats.find((m) => m.person.id === delegate.id && m.role !== MembershipRole.GUEST && seatCovers(m, validFrom, validTo));
      const problems: Array<{ field: string; text: { cs: string; en: string } }> = [];
      if (!delegateSeat) {
        problems.push({
          field: 'delegatePersonId',
          text: { cs: 'Zastupovat může jen člen orgánu (ne host), a to po celou dobu zastoupení.', en: 'Only a member of the body (not a guest) may act for the chair, for the whole term.' },
        });
      }
      if (!chair) {
        problems.push({ field: 'bodyId', text: { cs: 'Orgán nemá předsedu, za kterého by bylo možné jednat.', en: 'The body has no chair to act for.' } });
      } else if (chair.person.id === delegate.id) {
        problems.push({ field: 'delegatePersonId', text: { cs: 'Předseda nemůže zastupovat sám sebe.', en: 'The chair cannot act for themselves.' } });
      }
      if (problems.length) throw badInput(ctx.locale, problems);
      // Held for the chair of today (delegations for a former chair no longer count).
      const held = await em.find(Delegation, { areaId: body.areaId, bodyId: body.id, delegateId: delegate.id, forPersonId: chair?.person.id ?? null, power: input.power, revokedAt: null });
      if (held.some((d) => (d.validTo === null || d.validTo >= validFrom) && (validTo === null || d.validFrom <= validTo))) {
        throw conflict(ctx.locale, { cs: 'Tato osoba už má toto zastoupení v daném období.', en: 'The person already holds this delegation in that period.' }, { field: 'delegatePersonId' });
      }
      const delegation = em.create(Delegation, {
        areaId: body.areaId,
        bodyId: body.id,
        delegateId: delegate.id,
        forPersonId: chair?.person.id ?? null,
        power: input.power,
        validFrom,
        validTo,
        revokedAt: null,
        grantedById: ctx.viewer.personIn(body.areaId)?.id ?? null,
        note: input.note ?? null,
      });
      await em.flush();
      return delegation;
    });
  }

  async revoke(ctx: RequestContext, input: RevokeDelegationCommand): Promise<Delegation> {
    const found = await loadForChange(ctx, Delegation, input.delegationId, 'Delegation');
    const body = await ctx.em.findOneOrFail(Body, { id: found.bodyId, areaId: found.areaId });
    authorize(ctx, 'body.read', bodyResource(body), 'Delegation', found.id);
    authorize(ctx, 'delegation.revoke', delegationResource(body, found.delegateId), 'Delegation', found.id);
    return ctx.em.transactional(async (em) => {
      const delegation = await em.findOneOrFail(Delegation, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      // Revoking twice changes nothing.
      delegation.revokedAt ??= ctx.now;
      await em.flush();
      return delegation;
    });
  }
}

/** Whether a delegation's term covers the day and it is not revoked. */
export function isActive(d: Pick<Delegation, 'revokedAt' | 'validFrom' | 'validTo'>, day: string): boolean {
  return d.revokedAt === null && d.validFrom <= day && (d.validTo === null || d.validTo >= day);
}

/** Whether it counts today: within its term, its delegate seated and the chair it acts for still chairing (as the viewer's loader counts it). */
export function stands(d: Pick<Delegation, 'delegateId' | 'forPersonId' | 'revokedAt' | 'validFrom' | 'validTo'>, seatsToday: readonly Membership[], day: string): boolean {
  return (
    isActive(d, day) &&
    seatsToday.some((m) => m.person.id === d.delegateId && m.role !== MembershipRole.GUEST) &&
    seatsToday.some((m) => m.person.id === d.forPersonId && m.role === MembershipRole.CHAIR)
  );
}
