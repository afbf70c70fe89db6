import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Span } from '@opentelemetry/api';

/**
 * What is learnt about one HTTP request while it is served, for its access-log line, its metrics
 * and its trace: filled in by the GraphQL plugin (operation, error codes) and the request context
 * (the viewer's person ids), read once the response is sent.
 */
export interface RequestObservation {
  requestId: string;
  /** process.hrtime.bigint() when the request arrived. */
  startedAt: bigint;
  operationName?: string;
  operationType?: string;
  /** The viewer's person records (one per area); never the subject, which may be an e-mail address. */
  personIds: string[];
  /** The `extensions.code` of each error answered, in order, repeats kept. */
  errorCodes: string[];
  /** The request's server span when tracing is on. */
  span?: Span;
}

/** A client's X-Request-Id is kept when it is a plain token of up to 64 characters; otherwise a UUID is made. */
const CLIENT_REQUEST_ID = /^[\w\-.]{1,64}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
}

const byRequest = new WeakMap<http.IncomingMessage, RequestObservation>();
const scope = new AsyncLocalStorage<RequestObservation>();

export function observe(req: http.IncomingMessage, observation: RequestObservation): void {
  byRequest.set(req, observation);
}

export function observationOf(req: http.IncomingMessage): RequestObservation | undefined {
  return byRequest.get(req);
}

/**
 * Runs `next` in the request's scope: whatever it logs carries the request id (see logger.ts).
 * Body parsers call on from the socket's events, outside that scope, so the scope is entered again
 * after them.
 */
export function inRequestScope(observation: RequestObservation, next: () => void): void {
  scope.run(observation, next);
}

/** The request being served by the code that asks, if any. */
export function currentObservation(): RequestObservation | undefined {
  return scope.getStore();
}
