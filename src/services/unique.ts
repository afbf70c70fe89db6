import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { RequestContext } from '../context';
import { conflict } from '../errors/app-errors';
import type { Text } from '../i18n/locale';

/**
 * Runs a write; a unique-index violation (two requests racing past the service's own check)
 * becomes CONFLICT with `text` instead of an internal error.
 */
export async function uniqueOrConflict<T>(ctx: RequestContext, text: Text, field: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw conflict(ctx.locale, text, { field });
    throw err;
  }
}
