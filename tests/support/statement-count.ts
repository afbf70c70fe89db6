import { Client } from 'pg';
import type { TestApp } from './test-app';

/**
 * Counts the SQL statements one GraphQL request sends. The service is served in the test's own
 * process, so a spy on `pg`'s `Client#query` sees every statement it sends (and nothing else while
 * the request runs: the token is signed before counting starts). `SHOW_STATEMENTS=1` prints them.
 */
export function statementCounter() {
  const spy = jest.spyOn(Client.prototype, 'query');
  return {
    /** Forgets the statements sent so far (the test's own set-up). */
    reset: () => spy.mockClear(),
    restore: () => spy.mockRestore(),
    async count(app: TestApp, query: string, variables: Record<string, unknown>, subject: string): Promise<{ statements: number; data: unknown }> {
      const token = await app.token(subject);
      const before = spy.mock.calls.length;
      const res = await app.gql(query, variables, { authorization: `Bearer ${token}` });
      expect(res.errors).toBeUndefined();
      const sent = spy.mock.calls
        .slice(before)
        .map(([q]) => String(typeof q === 'string' ? q : (q as { text: string }).text))
        // knex asks a connection it has just opened for the server's version: the pool's doing (an
        // idle connection closed and opened again, as happens on a busy machine), not the request's.
        .filter((q) => q !== 'select version();');
      if (process.env.SHOW_STATEMENTS) console.log(sent.map((s) => s.slice(0, 160)).join('\n'));
      return { statements: sent.length, data: res.data };
    },
  };
}
