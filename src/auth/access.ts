import type { EntityName } from '@mikro-orm/core';
import type { RequestContext } from '../context';
import type { Body } from '../entities/body.entity';
import { forbidden, notFound } from '../errors/app-errors';
import type { Viewer } from './viewer';

/**
 * Fine-grained permissions, checked in services on the loaded objects (the coarse layer is the
 * shield in src/auth/permissions.ts).
 */

/** Whether the viewer may see a body: public bodies to all; others to its members and area roles. */
export function canSeeBody(viewer: Viewer, body: Pick<Body, 'id' | 'areaId' | 'isPublic'>): boolean {
  return body.isPublic || viewer.readsWholeArea(body.areaId) || viewer.membershipIn(body.id) !== undefined;
}

/**
 * Loads an area-owned object for a change. Another area's object, or a missing one, is NOT_FOUND:
 * the viewer learns nothing about areas they do not belong to.
 */
export async function loadForChange<T extends { id: string; areaId: string }>(
  ctx: RequestContext,
  entity: EntityName<T>,
  id: string,
  what: string,
): Promise<T> {
  const found = (await ctx.em.findOne(entity, { id } as never)) as T | null;
  if (!found || !ctx.viewer.belongsTo(found.areaId)) throw notFound(ctx.locale, what, id);
  return found;
}

/** The viewer must be an admin or coordinator of the area (NOT_FOUND outside it, else FORBIDDEN). */
export function assertManagesArea(ctx: RequestContext, areaId: string): void {
  if (!ctx.viewer.belongsTo(areaId)) throw notFound(ctx.locale, 'Area', areaId);
  if (!ctx.viewer.managesArea(areaId)) {
    throw forbidden(ctx.locale, {
      cs: 'Tuto akci smí provést jen správce nebo koordinátor oblasti.',
      en: "Only the area's admin or coordinator may do this.",
    });
  }
}
