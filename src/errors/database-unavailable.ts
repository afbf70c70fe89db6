import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, SERVICE_UNAVAILABLE_RETRY_SECONDS } from './app-errors';

/**
 * SQLSTATEs that mean the server went away or could not serve in time rather than that the
 * statement was wrong: the whole class 08 (connection exception), 57P01–57P03 (terminated by an
 * administrator or a shutdown, or still starting up), 53300 (too many connections) and 57014 (the
 * statement cancelled, as DB_STATEMENT_TIMEOUT_MS does).
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);

/** Socket errors of the driver when the server cannot be reached at all. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * What `pg`, its pool and knex say, without a code, when a connection died under them or none can
 * be had. MikroORM puts the SQL in front ("select … - Client has encountered a connection error
 * and is not queryable"), so the driver's words are looked for anywhere in the message.
 */
const DRIVER_MESSAGES = new RegExp(
  [
    'Connection terminated',
    'Connection ended unexpectedly',
    'Client has encountered a connection error and is not queryable',
    'Client was closed and is not queryable',
    'terminating connection due to administrator command',
    'timeout exceeded when trying to connect',
    'Knex: Timeout acquiring a connection',
    'Unable to acquire a connection',
    // knex, when a statement is sent on a transaction whose connection has already died: the
    // server rolled it back with the connection. The service only uses transactions through
    // `em.transactional`, which sends nothing after its own commit or rollback, so nothing else
    // leads here.
    'Transaction query already complete',
    'the database system is (starting up|shutting down|in recovery mode)',
  ].join('|'),
);

/**
 * Whether an error (or any error it wraps: `originalError`, `cause`, an AggregateError's errors)
 * says the database is out of reach. Such a request wrote nothing unless its commit had already
 * reached the server; a retry with the same idempotency key is safe either way.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (depth > 5 || typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (e.code.startsWith('08') || UNAVAILABLE_STATES.has(e.code) || SOCKET_CODES.has(e.code))) return true;
  if (typeof e.message === 'string' && DRIVER_MESSAGES.test(e.message)) return true;
  const wrapped = [e.originalError, e.cause, ...(Array.isArray(e.errors) ? (e.errors as unknown[]) : [])];
  return wrapped.some((inner) => inner !== err && isDatabaseUnavailable(inner, depth + 1));
}

/**
 * Answers HTTP 503 with Retry-After when a request failed only because the database was out of
 * reach (see `createFormatError`), so that clients and proxies know to retry.
 */
export function serviceUnavailablePlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response }) {
          if (response.body.kind !== 'single') return Promise.resolve();
          const { data, errors } = response.body.singleResult;
          const unavailable = errors?.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE);
          if (unavailable && (data === null || data === undefined)) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(SERVICE_UNAVAILABLE_RETRY_SECONDS));
          }
          return Promise.resolve();
        },
      });
    },
  };
}
