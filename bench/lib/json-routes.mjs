// The limits' HTTP side: POST a JSON body `{ variables }` to a route, get `{ data }` or
// `{ errors: [{ message, extensions: { code } }] }` back, the shapes of a GraphQL answer.
import http from 'node:http';

/** A refusal with the code the service would give (NOT_FOUND, CONFLICT, …). */
export class Refused extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** Serves `routes` on the loopback `port`; `call(route, req, variables)` answers one request. */
export function serveJsonRoutes({ name, port, routes, call }) {
  http
    .createServer((req, res) => {
      if (req.url === '/healthz') return res.end('{"status":"ok"}');
      const route = routes[req.url];
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', async () => {
        res.setHeader('content-type', 'application/json');
        try {
          if (!route) throw new Refused('NOT_FOUND', 'no such route');
          const data = await call(route, req, JSON.parse(Buffer.concat(chunks).toString()).variables);
          res.end(JSON.stringify({ data }));
        } catch (err) {
          res.end(JSON.stringify({ errors: [{ message: err.message, extensions: { code: err.code ?? 'INTERNAL_SERVER_ERROR' } }] }));
        }
      });
      return undefined;
    })
    .listen(port, '127.0.0.1', () => console.log(`${name} on ${port}`));
}
