import PgBoss from 'pg-boss';
import { aPipelineWorld, aSubmittedProposal, type PipelineWorld } from '../support/pipeline-world';
import { parsePrometheusText, sampleValue, type Sample } from '../support/prometheus-text';
import { codes, startTestApp, type TestApp } from '../support/test-app';

/**
 * `/metrics` behind METRICS_TOKEN on the service's port: a known sequence of requests is counted
 * exactly, by operation, status and error code; the pool, statements, outbox, job queue, workflow
 * transitions and the process have their series.
 */

const TOKEN = 'metrics-token-for-the-ops-tests-0123456789';
let app: TestApp;
let world: PipelineWorld;
let metricsUrl: string;

beforeAll(async () => {
  app = await startTestApp({ metrics: { port: undefined, host: '127.0.0.1', token: TOKEN } });
  metricsUrl = app.url.replace('/graphql', '/metrics');
  world = await aPipelineWorld(app.em());
});

afterAll(async () => {
  await app?.close();
});

async function scrape(): Promise<Sample[]> {
  const res = await fetch(metricsUrl, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await res.text());
}

test('without the token, or with another, /metrics is refused with UNAUTHENTICATED', async () => {
  const attempts: Array<Record<string, string>> = [{}, { authorization: `Bearer ${TOKEN.slice(0, -1)}x` }, { authorization: TOKEN }];
  for (const headers of attempts) {
    const res = await fetch(metricsUrl, { headers });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  }
});

test('a known sequence of requests is counted exactly: by operation name and type, HTTP status and error code', async () => {
  const before = await scrape();
  const count = (samples: Sample[], name: string, labels: Record<string, string>): number => sampleValue(samples, name, labels) ?? 0;

  for (let i = 0; i < 3; i++) expect((await app.gql('query OpsAreas { areas { id } }')).errors).toBeUndefined();
  expect((await app.gql('{ areas { name } }')).errors).toBeUndefined();
  // A refused token: the request never reaches an operation.
  for (let i = 0; i < 2; i++) expect(codes(await app.gql('query OpsAreas { areas { id } }', {}, { authorization: 'Bearer a.b.c' }))).toEqual(['UNAUTHENTICATED']);
  // A mutation the anonymous public may not make.
  const refused = await app.gql('mutation OpsCreateArea { createArea(input: { name: "Nové ORP", kind: ORP }) { id } }');
  expect(codes(refused)).toEqual(['UNAUTHENTICATED']);
  // A document that does not parse.
  expect((await app.gql('query OpsBroken { areas { id }')).status).toBe(400);

  const after = await scrape();
  const delta = (name: string, labels: Record<string, string>): number => count(after, name, labels) - count(before, name, labels);
  const op = (operation_name: string, operation_type: string) => ({ operation_name, operation_type });
  expect(delta('triada_graphql_request_duration_seconds_count', op('OpsAreas', 'query'))).toBe(3);
  expect(delta('triada_graphql_request_duration_seconds_count', op('anonymous', 'query'))).toBe(1);
  expect(delta('triada_graphql_request_duration_seconds_count', op('OpsCreateArea', 'mutation'))).toBe(1);
  // The refused tokens and the broken document: no operation was reached.
  expect(delta('triada_graphql_request_duration_seconds_count', op('unknown', 'unknown'))).toBe(3);
  // Buckets are cumulative: +Inf holds them all.
  expect(delta('triada_graphql_request_duration_seconds_bucket', { ...op('OpsAreas', 'query'), le: '+Inf' })).toBe(3);

  const http = (status: string) => ({ method: 'POST', route: '/graphql', status });
  expect(delta('triada_http_requests_total', http('200'))).toBe(4);
  expect(delta('triada_http_requests_total', http('401'))).toBe(2 + 1);
  expect(delta('triada_http_requests_total', http('400'))).toBe(1);
  expect(delta('triada_http_request_duration_seconds_count', { method: 'POST', route: '/graphql' })).toBe(8);
  // The first scrape was counted once it had been answered.
  expect(delta('triada_http_requests_total', { method: 'GET', route: '/metrics', status: '200' })).toBe(1);

  expect(delta('triada_errors_total', { code: 'UNAUTHENTICATED' })).toBe(3);
  expect(delta('triada_errors_total', { code: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
});

test('the database pool, statement durations by command, process and runtime series', async () => {
  await app.gql('{ areas { id } }');
  const samples = await scrape();
  for (const name of ['triada_db_pool_connections_in_use', 'triada_db_pool_connections_idle', 'triada_db_pool_acquires_waiting']) {
    expect(sampleValue(samples, name)).toBeGreaterThanOrEqual(0);
  }
  // The pool holds at least the connection the read above used, idle now.
  expect(sampleValue(samples, 'triada_db_pool_connections_idle')).toBeGreaterThanOrEqual(1);
  expect(sampleValue(samples, 'triada_db_pool_acquires_waiting')).toBe(0);
  expect(sampleValue(samples, 'triada_db_statement_duration_seconds_count', { command: 'select' })).toBeGreaterThan(0);
  expect(sampleValue(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  expect(sampleValue(samples, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
});

test('workflow transitions are counted by workflow and event once committed, refused ones not', async () => {
  const before = sampleValue(await scrape(), 'triada_workflow_transitions_total', { workflow: 'standard', event: 'SUBMIT' }) ?? 0;
  const id = await aSubmittedProposal(app.url, world, 'Odlehčovací služba pro Jirkov');
  // A stale version: refused with CONFLICT, nothing committed.
  const stale = await app.gql(
    `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }`,
    { input: { proposalId: id, event: 'SUBMIT', expectedVersion: 1 } },
    { as: world.actors.author.subject },
  );
  expect(codes(stale).length).toBe(1);
  const samples = await scrape();
  expect(sampleValue(samples, 'triada_workflow_transitions_total', { workflow: 'standard', event: 'SUBMIT' })).toBe(before + 1);
});

test('the outbox backlog and the age of its oldest notice, read from the database', async () => {
  const conn = app.em().getConnection();
  await conn.execute(`update outbox set dispatched_at = now() where dispatched_at is null`);
  const payload = JSON.stringify({ kind: 'PROPOSAL_MOVED', subjectId: world.area.id, title: { cs: 'x', en: 'x' }, recipients: [world.actors.author.person.id] });
  await conn.execute(`insert into outbox (area_id, kind, payload, created_at) values (?, 'PROPOSAL_MOVED', ?, now() - interval '90 seconds'), (?, 'PROPOSAL_MOVED', ?, now() - interval '10 seconds')`, [
    world.area.id,
    payload,
    world.area.id,
    payload,
  ]);
  const samples = await scrape();
  expect(sampleValue(samples, 'triada_outbox_pending')).toBe(2);
  const age = sampleValue(samples, 'triada_outbox_oldest_pending_age_seconds')!;
  expect(age).toBeGreaterThanOrEqual(90);
  expect(age).toBeLessThan(3600);
  await conn.execute(`update outbox set dispatched_at = now() where dispatched_at is null`);
  const drained = await scrape();
  expect(sampleValue(drained, 'triada_outbox_pending')).toBe(0);
  expect(sampleValue(drained, 'triada_outbox_oldest_pending_age_seconds')).toBe(0);
});

test('the job queue: waiting and failed jobs by queue', async () => {
  const boss = new PgBoss({ connectionString: app.databaseUrl, schema: 'pgboss', max: 1, supervise: false, schedule: false });
  await boss.start();
  try {
    await boss.createQueue('ops-test');
    await boss.send('ops-test', { n: 1 }, { retryLimit: 0 });
    await boss.send('ops-test', { n: 2 }, { retryLimit: 0 });
    const [taken] = await boss.fetch('ops-test');
    await boss.fail('ops-test', taken.id, new Error('the SMTP server refused'));
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  const samples = await scrape();
  expect(sampleValue(samples, 'triada_jobs_waiting', { queue: 'ops-test' })).toBe(1);
  expect(sampleValue(samples, 'triada_jobs_active', { queue: 'ops-test' })).toBe(0);
  expect(sampleValue(samples, 'triada_jobs_failed', { queue: 'ops-test' })).toBe(1);
});
