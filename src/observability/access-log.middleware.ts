import { trace } from '@opentelemetry/api';
import type express from 'express';
import type { Logger } from '../logger';
import type { Metrics } from './metrics';
import { inRequestScope, observe, requestIdFrom, type RequestObservation } from './request-observation';

/** Probes and scrapes come every few seconds: their lines are logged at debug level only. */
const QUIET_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

/** The route a path belongs to, for metric labels: a fixed, small set, never ids or secrets. */
export function routeOf(path: string): string {
  if (path === '/graphql' || path === '/graphql/') return '/graphql';
  if (path === '/materials' || path === '/materials/') return '/materials';
  if (path.startsWith('/materials/')) return '/materials/:id';
  if (path.startsWith('/calendar/')) return '/calendar/:file';
  if (path.startsWith('/graphiql/')) return '/graphiql/:file';
  if (QUIET_ROUTES.has(path)) return path;
  return 'other';
}

/**
 * First of every request: takes the request id from X-Request-Id (or makes one) and echoes it in
 * the response, and once the response is sent (or the client has gone) writes one access-log line
 * — request id, method, path (never the query string, which may carry a calendar feed's secret),
 * GraphQL operation, status, duration, the viewer's person ids, error codes — and counts the
 * request in the metrics.
 */
export function accessLog(logger: Logger, metrics: Metrics): express.RequestHandler {
  const log = logger.child({ component: 'access' });
  return (req, res, next) => {
    const observation: RequestObservation = {
      requestId: requestIdFrom(req.headers['x-request-id']),
      startedAt: process.hrtime.bigint(),
      personIds: [],
      errorCodes: [],
      span: trace.getActiveSpan(),
    };
    observe(req, observation);
    observation.span?.setAttribute('triada.request_id', observation.requestId);
    res.setHeader('X-Request-Id', observation.requestId);
    let done = false;
    const finished = (): void => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - observation.startedAt) / 1e9;
      const path = req.originalUrl.split('?')[0] ?? '';
      const route = routeOf(path);
      const status = res.writableFinished ? res.statusCode : 0;
      metrics.httpRequest(req.method, route, status, seconds);
      if (route === '/graphql' && req.method !== 'OPTIONS') metrics.graphqlOperation(observation.operationName, observation.operationType, seconds);
      metrics.errors(observation.errorCodes);
      const line = {
        requestId: observation.requestId,
        method: req.method,
        path,
        ...(observation.operationType ? { operationName: observation.operationName ?? null, operationType: observation.operationType } : {}),
        status,
        ...(status === 0 ? { aborted: true } : {}),
        durationMs: Math.round(seconds * 10_000) / 10,
        ...(observation.personIds.length > 0 ? { personIds: observation.personIds } : {}),
        ...(observation.errorCodes.length > 0 ? { errorCodes: [...new Set(observation.errorCodes)] } : {}),
      };
      if (QUIET_ROUTES.has(route)) log.debug(line, 'request');
      else log.info(line, 'request');
    };
    res.once('finish', finished);
    res.once('close', finished);
    inRequestScope(observation, next);
  };
}
