import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type express from 'express';
import type { Logger } from '../logger';
import type { Metrics } from './metrics';

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function answer(metrics: Metrics, res: http.ServerResponse, logger: Logger): Promise<void> {
  try {
    const { contentType, body } = await metrics.render();
    res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' }).end(body);
  } catch (err) {
    logger.error({ err }, 'metrics could not be rendered');
    res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('metrics unavailable\n');
  }
}

/**
 * `GET /metrics` on the service's own port, for a scraper that sends `Authorization: Bearer
 * <METRICS_TOKEN>`; anyone else gets 401 with code UNAUTHENTICATED.
 */
export function guardedMetricsRoute(metrics: Metrics, token: string, logger: Logger): express.RequestHandler {
  return (req, res) => {
    const given = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (given === undefined || !sameToken(given, token)) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer realm="metrics"')
        .json({ errors: [{ message: 'Metriky vyžadují METRICS_TOKEN / Metrics require the METRICS_TOKEN bearer token', extensions: { code: 'UNAUTHENTICATED' } }] });
      return;
    }
    void answer(metrics, res, logger);
  };
}

/**
 * A listener of its own for `GET /metrics` (METRICS_PORT), without a token: expose its port only
 * where Prometheus reaches it (a private network, the container's own network). Not listening yet.
 */
export function createMetricsServer(metrics: Metrics, logger: Logger): http.Server {
  return http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('only GET /metrics is served here\n');
      return;
    }
    void answer(metrics, res, logger);
  });
}
