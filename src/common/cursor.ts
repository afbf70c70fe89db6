import type { RequestContext } from '../context';
import { badInput, isUuid, requireId } from '../errors/app-errors';

/** An opaque page cursor: the sort key of the last item, as base64url JSON of strings. */
export function encodeCursor(key: string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Cursors this service issues are far shorter; anything longer is not one of ours. */
const MAX_CURSOR_LENGTH = 512;

/** Decodes a cursor of `length` strings; anything else is BAD_USER_INPUT on `field` (the argument it came in). */
export function decodeCursor(ctx: RequestContext, cursor: string, length: number, field = 'after'): string[] {
  try {
    if (cursor.length > MAX_CURSOR_LENGTH) throw new Error('cursor too long');
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === length && value.every((v) => typeof v === 'string')) return value;
  } catch {
    // reported below
  }
  throw invalidCursor(ctx, field);
}

function invalidCursor(ctx: RequestContext, field: string) {
  return badInput(ctx.locale, [{ field, text: { cs: 'Neplatný kurzor.', en: 'Invalid cursor.' } }]);
}

/** Decodes a cursor of [ISO instant, id]. */
const ISSUED_INSTANT = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function decodeTimeCursor(ctx: RequestContext, cursor: string, field = 'after'): [Date, string] {
  const [at, id] = decodeCursor(ctx, cursor, 2, field) as [string, string];
  // Only what this service issues (toISOString of a stored instant, years 1000–9999): PostgreSQL
  // refuses the far ends of what a JavaScript date can hold.
  if (!ISSUED_INSTANT.test(at) || !isUuid(id)) throw invalidCursor(ctx, field);
  const date = new Date(at);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== at) throw invalidCursor(ctx, field);
  return [date, id];
}

/**
 * Decodes a cursor of [name, id] (a page sorted by name). A cursor is opaque but comes from the
 * client: its parts must fit the columns they are compared with.
 */
export function decodeNameCursor(ctx: RequestContext, cursor: string, field = 'after'): [string, string] {
  const [name, id] = decodeCursor(ctx, cursor, 2, field) as [string, string];
  requireId(ctx.locale, field, id);
  if (name.includes('\u0000')) throw invalidCursor(ctx, field);
  return [name, id];
}

/** Page sizes are 1 to 100. */
export function assertPageSize(ctx: RequestContext, first: number, field = 'first'): void {
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    throw badInput(ctx.locale, [{ field, text: { cs: 'Počet musí být 1 až 100.', en: `${field} must be between 1 and 100.` } }]);
  }
}

/** The page size when a client gives neither `first` nor `last`. */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * A connection's paging arguments (the Relay cursor connection spec): forward with `first` and
 * `after`, backward with `last` and `before`.
 */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A page to read, its arguments checked. */
export interface PageRequest {
  /** How many items, 1 to 100. */
  size: number;
  /** Backward: the items just before the cursor (or the last ones of the list), still shown in the list's order. */
  backward: boolean;
  /** The `after` cursor of a forward page or the `before` cursor of a backward one, not yet decoded. */
  cursor: string | null;
  /** The argument the cursor came in, which a bad cursor is reported on. */
  cursorField: 'after' | 'before';
}

const ONE_WAY = {
  firstAndLast: { cs: 'Zadejte jen jedno z first a last.', en: 'Give first or last, not both.' },
  afterWithLast: { cs: 'after patří k listování vpřed (first), ne k last ani before.', en: 'after pages forward (with first); not with last or before.' },
  beforeWithFirst: { cs: 'before patří k listování vzad (last), ne k first.', en: 'before pages backward (with last); not with first.' },
};

/**
 * Checks a connection's paging arguments: a page goes one way, forward (`first`, `after`) or
 * backward (`last`, `before`); mixing the two ways is BAD_USER_INPUT, as is a size outside 1 to
 * 100. `before` alone pages backward; nothing at all is the first `defaultFirst` items.
 */
export function pageRequest(ctx: RequestContext, args: PageArgs, defaultFirst = DEFAULT_PAGE_SIZE): PageRequest {
  const { first, after, last, before } = args;
  const problems: Array<{ field: string; text: { cs: string; en: string } }> = [];
  if (first != null && last != null) problems.push({ field: 'last', text: ONE_WAY.firstAndLast });
  if (after != null && (last != null || before != null)) problems.push({ field: 'after', text: ONE_WAY.afterWithLast });
  if (before != null && first != null) problems.push({ field: 'before', text: ONE_WAY.beforeWithFirst });
  if (problems.length > 0) throw badInput(ctx.locale, problems);
  if (last != null || (first == null && before != null)) {
    const size = last ?? defaultFirst;
    assertPageSize(ctx, size, 'last');
    return { size, backward: true, cursor: before ?? null, cursorField: 'before' };
  }
  const size = first ?? defaultFirst;
  assertPageSize(ctx, size, 'first');
  return { size, backward: false, cursor: after ?? null, cursorField: 'after' };
}

/**
 * Which way rows are read for a page of a list sorted `listOrder`: the list's own way forward,
 * reversed backward (the rows nearest the cursor first, so that a LIMIT takes them). `beyond` is
 * how a row read after the cursor compares with it.
 */
export function readingOrder(request: PageRequest, listOrder: 'asc' | 'desc'): { order: 'asc' | 'desc'; beyond: '$gt' | '$lt'; sql: '>' | '<' } {
  const ascending = (listOrder === 'asc') !== request.backward;
  return ascending ? { order: 'asc', beyond: '$gt', sql: '>' } : { order: 'desc', beyond: '$lt', sql: '<' };
}

/**
 * The filter of rows read after the cursor ([value of `column`, id]) in the reading order: a
 * keyset condition for MikroORM's `$and`. Untyped here; the caller's entity has these columns.
 */
export function keysetFilter(request: PageRequest, listOrder: 'asc' | 'desc', column: string, cursor: readonly [unknown, string]): Record<string, unknown> {
  const { beyond } = readingOrder(request, listOrder);
  const [value, id] = cursor;
  return { $or: [{ [column]: { [beyond]: value } }, { [column]: value, id: { [beyond]: id } }] };
}

/** A page of items in the list's order, and whether more precede or follow it. */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  /**
   * Forward: true when `after` was given (the item it names precedes; not counted further).
   * Backward: whether more items precede the page.
   */
  hasPreviousPage: boolean;
}

/**
 * Cuts a page from rows read in the reading order (`readingOrder`), at most `size + 1` of them: the
 * extra row tells that more lie beyond. Backward rows are turned back into the list's order. The
 * other side is judged from the cursor alone: a cursor names an item there.
 */
export function cutPage<T>(request: PageRequest, rows: readonly T[]): Page<T> {
  const items = rows.slice(0, request.size);
  const more = rows.length > request.size;
  const cursorGiven = request.cursor !== null;
  return request.backward
    ? { items: items.reverse(), hasNextPage: cursorGiven, hasPreviousPage: more }
    : { items, hasNextPage: more, hasPreviousPage: cursorGiven };
}

/**
 * Pages items already in the list's order in memory (what no SQL can select: a workflow's
 * verdict). `fromCursor` tells where an item lies from the page's decoded cursor (null: none
 * given): negative before it, positive after it, 0 the item itself.
 */
export function pageInMemory<T, C>(request: PageRequest, items: readonly T[], cursor: C | null, fromCursor: (item: T, cursor: C) => number): Page<T> {
  const side = request.backward ? -1 : 1;
  const beyond = cursor === null ? [...items] : items.filter((item) => Math.sign(fromCursor(item, cursor)) === side);
  return cutPage(request, request.backward ? beyond.slice(-(request.size + 1)).reverse() : beyond.slice(0, request.size + 1));
}

/** The page's cursor decoded by `decode` (which reports a bad one on the argument it came in), or null when none was given. */
export function decodedCursor<C>(request: PageRequest, decode: (cursor: string, field: string) => C): C | null {
  return request.cursor === null ? null : decode(request.cursor, request.cursorField);
}

/** A page cut from items already judged and sorted by (key, id), both ascending. */
export interface SortedPage<T> extends Page<{ cursor: string; node: T }> {
  totalCount: number;
}

/**
 * Pages items judged in memory, sorted by a string key and the id, ascending; the cursor is
 * [key, id] of the item.
 */
export function pageOfSorted<T>(ctx: RequestContext, items: readonly T[], keyOf: (item: T) => [string, string], args: PageArgs): SortedPage<T> {
  const request = pageRequest(ctx, args);
  const cursor = decodedCursor(request, (c, field) => decodeCursor(ctx, c, 2, field) as [string, string]);
  const page = pageInMemory(request, items, cursor, (item, [key, id]) => {
    const [k, i] = keyOf(item);
    return k < key ? -1 : k > key ? 1 : i < id ? -1 : i > id ? 1 : 0;
  });
  return { ...page, items: page.items.map((node) => ({ cursor: encodeCursor(keyOf(node)), node })), totalCount: items.length };
}
