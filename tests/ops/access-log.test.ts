import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { aPerson, anArea } from '../support/factories';
import { aTestDatabase, codes, serveTestApp, type TestApp } from '../support/test-app';

/**
 * One access-log line per request, with the request id taken from X-Request-Id (or made) and echoed
 * in the response; whatever else the service logs while serving that request carries the same id.
 */

const lines: Array<Record<string, unknown>> = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});
let app: TestApp;
let base: string;
let database: { url: string; drop(): Promise<void> };

beforeAll(async () => {
  database = await aTestDatabase();
  // One connection only, and a short wait for it: a test below holds it to make a request fail.
  app = await serveTestApp(database.url, { database: { poolMax: 1, acquireTimeoutMs: 300, statementTimeoutMs: 30_000 } }, () => database.drop(), createLogger('debug', sink));
  base = app.url.replace('/graphql', '');
});

afterAll(async () => {
  await app?.close();
});

const accessLines = (requestId: string) => lines.filter((l) => l.component === 'access' && l.requestId === requestId);

test("a signed-in request's line: its echoed request id, method, path, operation, status, duration, person id and error codes — no e-mail, no subject, no token", async () => {
  const em = app.em();
  const area = await anArea(em);
  const person = await aPerson(em, area, { name: 'Lucie Koordinátorová', email: 'lucie@chomutov.example', subject: 'access-log-lucie' });
  const token = await app.token('access-log-lucie');
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'client-req-42' },
    body: JSON.stringify({ query: 'query OpsWho($id: ID!) { me { person { name } } person(id: $id) { name } }', variables: { id: '00000000-0000-4000-8000-000000000000' } }),
  });
  expect(res.headers.get('x-request-id')).toBe('client-req-42');
  const body = (await res.json()) as { errors?: Array<{ extensions: { code: string } }> };
  const answered = (body.errors ?? []).map((e) => e.extensions.code);
  await new Promise((resolve) => setImmediate(resolve));
  const [line, ...more] = accessLines('client-req-42');
  expect(more).toEqual([]);
  expect(line).toMatchObject({ level: 30, msg: 'request', method: 'POST', path: '/graphql', operationName: 'OpsWho', operationType: 'query', status: 200, personIds: [person.id] });
  expect(typeof line.durationMs).toBe('number');
  expect(line.errorCodes ?? []).toEqual([...new Set(answered)]);
  const text = JSON.stringify(line);
  for (const secret of ['lucie@chomutov.example', 'access-log-lucie', token, '00000000-0000-4000-8000-000000000000']) expect(text).not.toContain(secret);
});

test('without X-Request-Id (or with one that is not a plain token) an id is made and echoed; the query string is not logged', async () => {
  const made = await fetch(`${base}/calendar/me.ics?feed=the-feed-secret-never-logged`, { headers: { 'x-request-id': 'has spaces; and more' } });
  const id = made.headers.get('x-request-id')!;
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(made.status).toBe(401);
  await new Promise((resolve) => setImmediate(resolve));
  const [line] = accessLines(id);
  expect(line).toMatchObject({ method: 'GET', path: '/calendar/me.ics', status: 401, errorCodes: ['UNAUTHENTICATED'] });
  expect(JSON.stringify(lines)).not.toContain('the-feed-secret-never-logged');
});

test('a refused token: the line carries the code; the refusal logged on the way carries the same request id', async () => {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer a.b.c', 'x-request-id': 'client-req-refused' },
    body: JSON.stringify({ query: '{ areas { id } }' }),
  });
  expect(res.status).toBe(401);
  await new Promise((resolve) => setImmediate(resolve));
  expect(accessLines('client-req-refused')).toMatchObject([{ status: 401, errorCodes: ['UNAUTHENTICATED'] }]);
  expect(lines.filter((l) => l.requestId === 'client-req-refused' && l.msg === 'token refused')).toHaveLength(1);
});

test('an error the service logs while serving a request carries that request id (the database pool exhausted)', async () => {
  // Hold the only connection, so that the request's read waits for it in vain.
  const holder = app.em();
  await holder.begin();
  await holder.getConnection().execute('select 1', [], 'all', holder.getTransactionContext());
  try {
    expect(codes(await app.gql('{ areas { id } }', {}, { headers: { 'x-request-id': 'client-req-503' } }))).toContain('SERVICE_UNAVAILABLE');
  } finally {
    await holder.rollback();
  }
  await new Promise((resolve) => setImmediate(resolve));
  const warned = lines.filter((l) => l.msg === 'database unavailable');
  expect(warned.length).toBeGreaterThan(0);
  expect(warned.every((l) => l.requestId === 'client-req-503')).toBe(true);
  expect(accessLines('client-req-503')).toMatchObject([{ errorCodes: ['SERVICE_UNAVAILABLE'] }]);
});

test('probes are logged at debug level only, application requests at info', async () => {
  const res = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'client-req-probe' } });
  expect(res.status).toBe(200);
  await new Promise((resolve) => setImmediate(resolve));
  expect(accessLines('client-req-probe')).toMatchObject([{ level: 20, path: '/healthz', status: 200 }]);
});
