import { expectNoLeak } from './api-assertions';
import type { GraphQLResponse } from './test-app';

/** How many identical or conflicting calls a race sends at once. */
export const RACERS = 20;

/** Sends `count` requests at once (`call(i)` makes the i-th) and returns the answers in order. */
export async function atOnce<T>(count: number, call: (i: number) => Promise<GraphQLResponse<T>>): Promise<Array<GraphQLResponse<T>>> {
  return Promise.all(Array.from({ length: count }, (_v, i) => call(i)));
}

export interface RaceOutcome<T> {
  /** The answers that succeeded, with the index of their call. */
  won: Array<{ index: number; data: T }>;
  /** The code of every refused call, in call order. */
  refused: string[];
}

/**
 * Splits the answers of a race into winners and refusals. Fails at once on anything a race must
 * never produce: a leak, an error without data beside it other than one of `allowed` (CONFLICT and
 * TRANSITION_NOT_ALLOWED by default), and so every 500 and every 503.
 */
export function outcome<T>(responses: Array<GraphQLResponse<T>>, allowed: string[] = ['CONFLICT', 'TRANSITION_NOT_ALLOWED']): RaceOutcome<T> {
  const won: Array<{ index: number; data: T }> = [];
  const refused: string[] = [];
  const unexpected: unknown[] = [];
  responses.forEach((res, index) => {
    expectNoLeak(res);
    if (!res.errors?.length && res.data) {
      won.push({ index, data: res.data });
      return;
    }
    const code = String(res.errors?.[0]?.extensions?.code);
    if (res.errors?.length === 1 && allowed.includes(code) && res.status < 500) refused.push(code);
    else unexpected.push({ index, status: res.status, errors: res.errors });
  });
  expect(unexpected).toEqual([]);
  return { won, refused };
}
