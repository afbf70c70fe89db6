import type { EntityName } from '@mikro-orm/core';
import type { RequestContext } from '../context';
import { notFound, requireId } from '../errors/app-errors';
import { belongsTo } from '../auth/authority';

/**
 * Loads an area-owned object for a change. Another area's object, or a missing one, is NOT_FOUND:
 * the viewer learns nothing about areas they do not belong to. Whether the viewer may change it is
 * then asked of the decision point (src/auth/authority.ts).
 */
export async function loadForChange<T extends { id: string; areaId: string }>(
  ctx: RequestContext,
  entity: EntityName<T>,
  id: string,
  what: string,
): Promise<T> {
  const found = (await ctx.em.findOne(entity, { id } as never)) as T | null;
  if (!found || !belongsTo(ctx.viewer, found.areaId)) throw notFound(ctx.locale, what, id);
  return found;
}

/**
 * Loads a record by the id given in `field`, or NOT_FOUND (an id that is no id is BAD_USER_INPUT
 * first). Whether the viewer may see or change it is asked afterwards, of what it belongs to.
 */
export async function findOrNotFound<T extends { id: string }>(ctx: RequestContext, entity: EntityName<T>, field: string, id: string, what: string): Promise<T> {
  requireId(ctx.locale, field, id);
  const found = (await ctx.em.findOne(entity, { id } as never)) as T | null;
  if (!found) throw notFound(ctx.locale, what, id);
  return found;
}
