// The peer: PostGraphile v5 (Amber preset) over the benchmark database, run with the Node 22
// binary of the bench package (`node@22`), never with the service's Node.
//
// PEER_FAIR=1 (target `postgraphile`): as a team would set PostGraphile up to answer what the
// service answers. Every request must carry a bearer token, verified as the service verifies it
// (../lib/bearer.mjs: ES256 against the bench JWKS, issuer, audience, expiry); its subject goes to
// PostgreSQL as `jwt.claims.sub` (pgSettings), and PostGraphile connects as a role that row-level
// security binds (DATABASE_URL is that role's). The policies, the viewer's facts and the computed
// columns `stageLabel` and `availableTransitions` are the database's (bench/sql/postgraphile-fair.sql,
// applied by bench/run.mjs).
//
// Otherwise (target `postgraphile-bare`): no token, no row-level security, no computed columns —
// the tables served as they are, as a team picking PostGraphile would start.
import http from 'node:http';
import { postgraphile } from 'postgraphile';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { bearerVerifier } from '../lib/bearer.mjs';

const port = Number(process.env.PORT ?? 4102);
const fair = process.env.PEER_FAIR === '1';

/** A refusal PostGraphile answers as a GraphQL error with the service's code. */
class Unauthenticated extends Error {
  constructor() {
    super('Authentication required.');
    this.statusCode = 401;
    this.extensions = { code: 'UNAUTHENTICATED' };
  }
}

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['public'], poolConfig: { max: 10 } })],
  grafserv: { port, graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};
if (fair) {
  const tokens = bearerVerifier({ jwksPath: process.env.AUTH_JWKS_PATH, issuer: process.env.AUTH_ISSUER, audience: process.env.AUTH_AUDIENCE });
  preset.grafast.context = (requestContext) => {
    const subject = tokens.subjectOf(requestContext.node?.req?.headers?.authorization);
    if (subject === null) throw new Unauthenticated();
    return { pgSettings: { 'jwt.claims.sub': subject } };
  };
}
const pgl = postgraphile(preset);
if (!process.argv.includes('--print-schema')) {
  const handler = pgl.createServ(grafserv).createHandler();
  http
    .createServer((req, res) => (req.url === '/healthz' ? res.end('{"status":"ok"}') : handler(req, res)))
    .listen(port, '127.0.0.1', () => console.log(`postgraphile${fair ? '' : ' (bare)'} on ${port}`));
} else {
  const { printSchema } = await import('graphql');
  console.log(printSchema(await pgl.getSchema()));
  process.exit(0);
}
