import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { anArea, aPerson } from '../support/factories';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';
import { aTestDatabase, postGraphQL, signTestToken } from '../support/test-app';
import { openOrm, type Orm } from '../../src/db/orm';
import { withoutLiterals } from '../../src/observability/tracing';
import type { PlanningArea } from '../../src/entities/planning-area.entity';

/**
 * The service as a process of its own, as in production, with METRICS_PORT and
 * OTEL_EXPORTER_OTLP_ENDPOINT set. `/metrics` is served on its own port (and not on the service's);
 * tracing sends an OTLP/HTTP collector stub the spans of one operation — its HTTP request, the
 * GraphQL operation and resolvers, and its SQL statements — with the request id and the operation's
 * name, and nothing of who asked or with what values.
 */

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: { stringValue?: string; intValue?: string | number } }>;
}

let database: { url: string; drop(): Promise<void> };
let orm: Orm;
let service: ServiceProcess | undefined;
let area: PlanningArea;
const bodies: string[] = [];
const collector = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.url === '/v1/traces') bodies.push(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});

beforeAll(async () => {
  database = await aTestDatabase();
  orm = await openOrm(database.url, 1);
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const em = orm.em.fork();
  area = await anArea(em);
  await aPerson(em, area, { name: 'Marie Vedoucí', email: 'marie.vedouci@chomutov.example', subject: 'tracing-marie' });
  const { port } = collector.address() as AddressInfo;
  service = await startServiceProcess(database.url, {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
    OTEL_SERVICE_NAME: 'triada-test',
    METRICS_PORT: '0',
    METRICS_HOST: '127.0.0.1',
  });
});

afterAll(async () => {
  await service?.stop();
  collector.closeAllConnections();
  collector.close();
  await orm?.close(true);
  await database?.drop();
});

const attribute = (span: OtlpSpan, key: string): string | number | undefined => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : Number(value.intValue));
};

test('METRICS_PORT: /metrics on a listener of its own, without a token; not on the service port', async () => {
  const { url } = (await service!.logged('serving metrics')) as { url: string };
  expect(new URL(url).port).not.toBe(new URL(service!.url).port);
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(await res.text()).toMatch(/^triada_db_pool_connections_idle \d+$/m);
  expect((await fetch(url.replace('/metrics', '/graphql'))).status).toBe(404);
  expect((await fetch(service!.url.replace('/graphql', '/metrics'))).status).toBe(404);
});

test('one operation: its HTTP, GraphQL and SQL spans in one trace, with the request id and operation name, and no personal data or values', async () => {
  const token = await signTestToken('tracing-marie');
  const res = await postGraphQL(
    service!.url,
    'query OpsTraced($areaId: ID!, $search: String) { areas { id name } organisations(areaId: $areaId, search: $search) { totalCount } }',
    { areaId: area.id, search: 'hledany-retezec-z-promenne' },
    { authorization: `Bearer ${token}`, headers: { 'x-request-id': 'trace-req-1' } },
  );
  expect(res.errors).toBeUndefined();
  // A probe is not traced.
  expect((await fetch(service!.url.replace('/graphql', '/readyz'))).status).toBe(200);
  // Stopping sends what is buffered.
  expect(await service!.stop()).toBe(0);
  service = undefined;

  const payload = bodies.join('\n');
  const spans = bodies.flatMap((b) =>
    (JSON.parse(b) as { resourceSpans: Array<{ resource: { attributes: OtlpSpan['attributes'] }; scopeSpans: Array<{ spans: OtlpSpan[] }> }> }).resourceSpans.flatMap((r) => {
      expect(r.resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'triada-test' } });
      return r.scopeSpans.flatMap((s) => s.spans);
    }),
  );
  const server = spans.find((s) => s.kind === 2 && attribute(s, 'triada.request_id') === 'trace-req-1');
  expect(server).toBeDefined();
  expect(attribute(server!, 'graphql.operation.name')).toBe('OpsTraced');
  expect(attribute(server!, 'graphql.operation.type')).toBe('query');
  expect(attribute(server!, 'http.response.status_code')).toBe(200);
  const trace = spans.filter((s) => s.traceId === server!.traceId);
  const operation = trace.find((s) => s.name === 'query OpsTraced');
  expect(operation).toBeDefined();
  const statements = trace.map((s) => attribute(s, 'db.query.text')).filter((text) => typeof text === 'string');
  // The viewer, the areas and the organisations were read; the values the ORM wrote into the SQL are gone.
  expect(statements.length).toBeGreaterThanOrEqual(3);
  expect(statements).toContainEqual(expect.stringMatching(/from "organisation" as "o0" where "o0"."area_id" = \? and "o0"."name" ilike \? order by .* limit \?$/));
  expect(trace.some((s) => s.name.startsWith('graphql.resolve'))).toBe(true);
  // The probe was not traced.
  expect(spans.filter((s) => s.kind === 2 && attribute(s, 'url.path') === '/readyz')).toEqual([]);
  // Nothing of who asked or with what: no token, subject, e-mail, variable value, client address.
  for (const secret of [token, 'tracing-marie', 'marie.vedouci@chomutov.example', 'hledany-retezec-z-promenne', area.id, '127.0.0.1']) {
    expect(payload).not.toContain(secret);
  }
  expect(payload).not.toContain('graphql.source');
});

test('statements leave without their literals', () => {
  expect(withoutLiterals(`select "p0".* from "person" as "p0" where "p0"."name" = 'O''Brien' and "p0"."age" > 42 and "p0"."id" = $1 limit 21`)).toBe(
    `select "p0".* from "person" as "p0" where "p0"."name" = ? and "p0"."age" > ? and "p0"."id" = $1 limit ?`,
  );
  expect(withoutLiterals(`insert into outbox (area_id, payload) values (E'a\\'b', '{"e":"x@y.cz"}')`)).not.toMatch(/x@y|a\\/);
});
