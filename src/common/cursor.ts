import type { RequestContext } from '../context';
import { badInput, isUuid, requireId } from '../errors/app-errors';

/** An opaque page cursor: the sort key of the last item, as base64url JSON of strings. */
export function encodeCursor(key: string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Cursors this service issues are far shorter; anything longer is not one of ours. */
const MAX_CURSOR_LENGTH = 512;

/** Decodes a cursor of `length` strings; anything else is BAD_USER_INPUT on `after`. */
export function decodeCursor(ctx: RequestContext, cursor: string, length: number): string[] {
  try {
    if (cursor.length > MAX_CURSOR_LENGTH) throw new Error('cursor too long');
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === length && value.every((v) => typeof v === 'string')) return value;
  } catch {
    // reported below
  }
  throw badInput(ctx.locale, [{ field: 'after', text: { cs: 'Neplatný kurzor.', en: 'Invalid cursor.' } }]);
}

/** Decodes a cursor of [ISO instant, id]. */
export function decodeTimeCursor(ctx: RequestContext, cursor: string): [Date, string] {
  const [at, id] = decodeCursor(ctx, cursor, 2) as [string, string];
  const date = new Date(at);
  if (Number.isNaN(date.getTime()) || !isUuid(id)) throw badInput(ctx.locale, [{ field: 'after', text: { cs: 'Neplatný kurzor.', en: 'Invalid cursor.' } }]);
  return [date, id];
}

/**
 * Decodes a cursor of [name, id] (a page sorted by name). A cursor is opaque but comes from the
 * client: its parts must fit the columns they are compared with.
 */
export function decodeNameCursor(ctx: RequestContext, cursor: string): [string, string] {
  const [name, id] = decodeCursor(ctx, cursor, 2) as [string, string];
  requireId(ctx.locale, 'after', id);
  if (name.includes('\u0000')) throw badInput(ctx.locale, [{ field: 'after', text: { cs: 'Neplatný kurzor.', en: 'Invalid cursor.' } }]);
  return [name, id];
}

/** Page sizes are 1 to 100. */
export function assertPageSize(ctx: RequestContext, first: number, field = 'first'): void {
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    throw badInput(ctx.locale, [{ field, text: { cs: 'Počet musí být 1 až 100.', en: `${field} must be between 1 and 100.` } }]);
  }
}

/** A page cut from items already judged and sorted by (key, id), both ascending. */
export interface SortedPage<T> {
  items: Array<{ cursor: string; node: T }>;
  hasNextPage: boolean;
  totalCount: number;
}

/**
 * Pages items judged in memory (what no SQL can select: a workflow's verdict), sorted by a string
 * key and the id, ascending; the cursor is [key, id] of the last item.
 */
export function pageOfSorted<T>(ctx: RequestContext, items: readonly T[], keyOf: (item: T) => [string, string], first: number, after: string | null): SortedPage<T> {
  assertPageSize(ctx, first);
  let rest = items;
  if (after) {
    const [key, id] = decodeCursor(ctx, after, 2) as [string, string];
    rest = items.filter((item) => {
      const [k, i] = keyOf(item);
      return k > key || (k === key && i > id);
    });
  }
  const page = rest.slice(0, first).map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return { items: page, hasNextPage: rest.length > first, totalCount: items.length };
}
