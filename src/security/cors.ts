import type express from 'express';

/** What a browser page of an allowed origin may send: JSON over GET and POST, these headers. */
const ALLOWED_METHODS = 'GET, POST';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept-Language, X-Request-Id, Apollo-Require-Preflight, X-Apollo-Operation-Name';
/** What such a page may read of a response besides the simple headers. */
const EXPOSED_HEADERS = 'X-Request-Id, Retry-After, Content-Disposition, ETag';

/**
 * CORS for the origins listed in CORS_ORIGINS, none by default. Credentials (cookies) are never
 * allowed: the API authenticates by bearer token. A preflight from a listed origin is answered 204
 * and may be cached for `maxAgeSeconds`; one from any other origin 403 without CORS headers, so
 * the browser refuses the request. Other requests are served as ever; without CORS headers a
 * browser keeps their answer from the page.
 */
export function cors(origins: readonly string[], maxAgeSeconds: number): express.RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (origin === undefined) return next();
    res.vary('Origin');
    if (!allowed.has(origin)) {
      if (!preflight) return next();
      res.status(403).json({
        errors: [{ message: 'Tento původ (Origin) nemá povolen přístup / This origin is not allowed (CORS_ORIGINS)', extensions: { code: 'CORS_ORIGIN_NOT_ALLOWED' } }],
      });
      return;
    }
    res.set('Access-Control-Allow-Origin', origin);
    if (!preflight) {
      res.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
      return next();
    }
    res.vary('Access-Control-Request-Headers');
    res.set({
      'Access-Control-Allow-Methods': ALLOWED_METHODS,
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': String(maxAgeSeconds),
    });
    res.status(204).end();
  };
}
