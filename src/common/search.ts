import type { RequestContext } from '../context';
import { badInput } from '../errors/app-errors';

/**
 * A search argument as a LIKE pattern that matches it anywhere, with its own `%`, `_` and `\`
 * escaped. Search arguments are not input types, so their length is checked here:
 * BAD_USER_INPUT on `field` beyond 200 characters.
 */
export function containsPattern(ctx: RequestContext, search: string, field = 'search'): string {
  // PostgreSQL text cannot hold NUL: refused here, it would otherwise fail the query as an internal error.
  if (search.length > 200 || search.includes('\u0000')) throw badInput(ctx.locale, [{ field, text: { cs: 'Neplatný hledaný text.', en: 'Invalid search text.' } }]);
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
