import type { EntityManager } from '@mikro-orm/postgresql';
import { dbFingerprint } from './db-fingerprint';
import { codes, type GraphQLResponse, type RequestOptions, type TestApp } from './test-app';

/**
 * Assertions shared by the API acceptance tests (tests/api): every response is checked for leaked
 * internals, refusals are checked to have written nothing.
 */

/** Text that would betray the server's insides: SQL, stack frames, source paths. */
const LEAK = /\bselect\s|\binsert\s+into\b|\bdelete\s+from\b|\bupdate\s+"?\w+"?\s+set\b|\n\s*at\s|\bat\s+\S+\s+\(?[^)\s]+:\d+:\d+\)?|node_modules|\bsrc\/\w+|stacktrace|violates|constraint|syntax error/i;

/** Fails when any error of the response carries SQL, a stack trace or internal details. */
export function expectNoLeak(res: GraphQLResponse<unknown>): void {
  for (const error of res.errors ?? []) {
    expect(error.message).not.toMatch(LEAK);
    expect(JSON.stringify(error.extensions ?? {})).not.toMatch(LEAK);
    expect(Object.keys(error.extensions ?? {})).not.toEqual(expect.arrayContaining(['stacktrace']));
    expect(Object.keys(error.extensions ?? {})).not.toEqual(expect.arrayContaining(['exception']));
    expect(typeof error.extensions?.code).toBe('string');
  }
}

/** An API client that checks every response for leaks. */
export interface Api {
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResponse<T>>;
}

export function leakChecked(app: TestApp): Api {
  return {
    async gql<T>(query: string, variables: Record<string, unknown> = {}, options: RequestOptions = {}): Promise<GraphQLResponse<T>> {
      const res = await app.gql<T>(query, variables, options);
      expectNoLeak(res);
      return res;
    },
  };
}

/** `{ as: subject }`, or no token for `undefined`. */
export function who(subject: string | null | undefined): RequestOptions {
  return subject ? { as: subject } : {};
}

/** The subject of a factory person (they all have one). */
export function subjectOf(person: { subject: string | null }): string {
  if (!person.subject) throw new Error('the person has no subject');
  return person.subject;
}

/** The last segment of every field named in a BAD_USER_INPUT error. */
export function badFields(res: GraphQLResponse<unknown>): string[] {
  const fields = res.errors?.[0]?.extensions?.fields;
  if (!Array.isArray(fields)) return [];
  return [...new Set((fields as Array<{ field: string }>).map((f) => f.field.split('.').at(-1) ?? f.field))];
}

/**
 * What a refused request answered as data: null when it answered none — no data at all, or only
 * nulls for the fields refused (a lookup by id is nullable, so a refusal nulls that field alone);
 * anything else as it came, for the assertion to show.
 */
export function dataOf(res: GraphQLResponse<unknown>): unknown {
  const data = res.data as Record<string, unknown> | null | undefined;
  if (data === null || data === undefined) return null;
  return Object.values(data).every((v) => v === null) ? null : data;
}

/**
 * Sends a request that must be refused: exactly one error of `code`, no data, and every table
 * exactly as it was. Returns the response for further checks.
 */
export async function expectRefused(
  app: TestApp,
  query: string,
  variables: Record<string, unknown>,
  options: RequestOptions,
  code: string,
): Promise<GraphQLResponse> {
  const before = await dbFingerprint(app.em());
  const res = await app.gql(query, variables, options);
  expectNoLeak(res);
  expect({ codes: codes(res), data: dataOf(res) }).toEqual({ codes: [code], data: null });
  expect(await dbFingerprint(app.em())).toEqual(before);
  return res;
}

/** Like expectRefused for BAD_USER_INPUT, and the error names exactly `fields`. */
export async function expectBadInput(
  app: TestApp,
  query: string,
  variables: Record<string, unknown>,
  options: RequestOptions,
  fields: string[],
): Promise<GraphQLResponse> {
  const res = await expectRefused(app, query, variables, options, 'BAD_USER_INPUT');
  expect(badFields(res).sort()).toEqual([...fields].sort());
  return res;
}

/** One row of raw SQL, for checks of what is in the database. */
export async function oneRow<T>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T | undefined> {
  return (await em.getConnection().execute<T[]>(sql, params))[0];
}

/**
 * Reads refused viewer by viewer (`{ anonymous: res, … }`): the one code each got (`{ anonymous:
 * 'UNAUTHENTICATED', … }`), no data, nothing internal, and nothing of the records asked for
 * (`secrets`) anywhere in the answer, its errors included.
 */
export function expectReadsRefused(refused: Record<string, GraphQLResponse<unknown>>, expected: Record<string, string>, secrets: RegExp): void {
  expect(Object.fromEntries(Object.entries(refused).map(([viewer, res]) => [viewer, codes(res)]))).toEqual(
    Object.fromEntries(Object.entries(expected).map(([viewer, code]) => [viewer, [code]])),
  );
  for (const res of Object.values(refused)) {
    expectNoLeak(res);
    expect(dataOf(res)).toBeNull();
    expect(JSON.stringify(res)).not.toMatch(secrets);
  }
}
