// The peer: PostGraphile v5 (Amber preset) over the benchmark database, run with the Node 22
// binary of the bench package (`node@22`), never with the service's Node. No JWT, no row-level
// security: it serves the tables as they are, as a team picking PostGraphile would start.
import http from 'node:http';
import { postgraphile } from 'postgraphile';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';

const port = Number(process.env.PORT ?? 4102);
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['public'], poolConfig: { max: 10 } })],
  grafserv: { port, graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};
const pgl = postgraphile(preset);
if (!process.argv.includes('--print-schema')) {
  const handler = pgl.createServ(grafserv).createHandler();
  http
    .createServer((req, res) => (req.url === '/healthz' ? res.end('{"status":"ok"}') : handler(req, res)))
    .listen(port, '127.0.0.1', () => console.log(`postgraphile on ${port}`));
} else {
  const { printSchema } = await import('graphql');
  console.log(printSchema(await pgl.getSchema()));
  process.exit(0);
}
