import type http from 'node:http';

/** Express's compiled `trust proxy` setting: whether the hop at `address`, `i` hops away, is a trusted proxy. */
export type TrustProxy = (address: string, i: number) => boolean;

/** The addresses a request came through, nearest first: the socket's peer, then X-Forwarded-For from right to left. */
function hops(request: http.IncomingMessage): string[] {
  const forwarded = String(request.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a.length > 0)
    .reverse();
  return [request.socket.remoteAddress ?? 'unknown', ...forwarded];
}

/**
 * The client's address of a request Express does not see (a WebSocket upgrade), as Express's
 * `req.ip` would give it: the nearest hop that is not a trusted proxy.
 */
export function clientAddressOf(request: http.IncomingMessage, trust: TrustProxy): string {
  const addresses = hops(request);
  for (let i = 0; i < addresses.length - 1; i++) if (!trust(addresses[i], i)) return addresses[i];
  return addresses[addresses.length - 1];
}

/** The scheme a client used, as Express's `req.protocol` would give it (X-Forwarded-Proto only from a trusted proxy). */
export function protocolOf(request: http.IncomingMessage, trust: TrustProxy): string {
  const encrypted = (request.socket as { encrypted?: boolean }).encrypted === true;
  const forwarded = request.headers['x-forwarded-proto'];
  if (forwarded === undefined || !trust(request.socket.remoteAddress ?? '', 0)) return encrypted ? 'https' : 'http';
  return String(forwarded).split(',')[0].trim() || (encrypted ? 'https' : 'http');
}
