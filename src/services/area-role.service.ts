import { LockMode } from '@mikro-orm/core';
import type { RequestContext } from '../context';
import { AreaRole } from '../entities/area-role.entity';
import { AreaRoleKind } from '../entities/enums';
import { Person } from '../entities/person.entity';
import { badInput, notFound } from '../errors/app-errors';
import { authorize, can } from '../auth/authority';
import { inArea, roleResource } from '../auth/resources';
import { refuseErased } from './erased-person';

/** What the service is asked to do (a resolver passes its GraphQL input, which has these shapes). */
export interface GrantAreaRoleCommand {
  areaId: string;
  personId: string;
  role: AreaRoleKind;
  validFrom?: string;
  validTo?: string;
}

export interface RevokeAreaRoleCommand {
  areaId: string;
  personId: string;
  role: AreaRoleKind;
}

/** Area roles: coordinators grant and revoke them, but only admins touch the ADMIN role. */
export class AreaRoleService {
  async grant(ctx: RequestContext, input: GrantAreaRoleCommand): Promise<AreaRole> {
    authorize(ctx, input.role === AreaRoleKind.ADMIN ? 'role.grantAdmin' : 'role.grant', roleResource(input.areaId, input.personId), 'Area', input.areaId);
    const validFrom = input.validFrom ?? ctx.today;
    if (input.validTo && input.validTo < validFrom) {
      throw badInput(ctx.locale, [{ field: 'validTo', text: { cs: 'Konec je před začátkem.', en: 'validTo is before validFrom.' } }]);
    }
    return ctx.em.transactional(async (em) => {
      // The person's row lock serialises grants to them, so two overlapping terms cannot both land.
      const person = await em.findOne(Person, { id: input.personId, areaId: input.areaId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!person) throw notFound(ctx.locale, 'Person', input.personId);
      refuseErased(ctx, person);
      // A held term overlapping the asked one is the answer (granting twice writes nothing); a term
      // that ended before this one starts is history, and the new term is a row of its own.
      const held = await em.find(AreaRole, { areaId: input.areaId, person, role: input.role, revokedAt: null }, { orderBy: { validFrom: 'asc', id: 'asc' } });
      const overlapping = held.find((r) => (r.validTo === null || r.validTo >= validFrom) && (input.validTo == null || r.validFrom <= input.validTo));
      if (overlapping) return overlapping;
      const role = em.create(AreaRole, {
        areaId: input.areaId,
        person,
        role: input.role,
        validFrom,
        validTo: input.validTo ?? null,
        revokedAt: null,
      });
      await em.flush();
      return role;
    });
  }

  async revoke(ctx: RequestContext, input: RevokeAreaRoleCommand): Promise<AreaRole> {
    authorize(ctx, input.role === AreaRoleKind.ADMIN ? 'role.revokeAdmin' : 'role.revoke', roleResource(input.areaId, input.personId), 'Area', input.areaId);
    return ctx.em.transactional(async (em) => {
      // Revoking ADMIN locks the area's admin rows first (in id order, so two admins revoking each
      // other concurrently cannot both succeed, nor deadlock).
      const admins =
        input.role === AreaRoleKind.ADMIN
          ? await em.find(
              AreaRole,
              { areaId: input.areaId, role: AreaRoleKind.ADMIN, revokedAt: null },
              { orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
            )
          : [];
      // The term that has not ended yet (current, or the next one to start); ended terms are history.
      const role = await em.findOne(
        AreaRole,
        { areaId: input.areaId, person: input.personId, role: input.role, revokedAt: null, $or: [{ validTo: null }, { validTo: { $gte: ctx.today } }] },
        { orderBy: { validFrom: 'asc', id: 'asc' } },
      );
      if (!role) throw notFound(ctx.locale, 'AreaRoleAssignment');
      if (role.role === AreaRoleKind.ADMIN) {
        // Only admins whose term covers today count: an ended or not yet started one cannot step in.
        const others = admins.filter(
          (r) => r.id !== role.id && r.validFrom <= ctx.today && (r.validTo === null || r.validTo >= ctx.today),
        );
        if (others.length === 0 && !can(ctx.viewer, 'area.leaveWithoutAdmin', inArea(input.areaId))) {
          throw badInput(ctx.locale, [
            { field: 'role', text: { cs: 'Oblast musí mít aspoň jednoho správce.', en: 'The area must keep at least one admin.' } },
          ]);
        }
      }
      role.revokedAt = ctx.now;
      await em.flush();
      return role;
    });
  }
}
