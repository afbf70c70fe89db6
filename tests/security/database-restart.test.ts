import { Client } from 'pg';
import pino from 'pino';
import { Proposal } from '../../src/entities/proposal.entity';
import { WorkflowEvent } from '../../src/entities/workflow-event.entity';
import { expectNoLeak } from '../support/api-assertions';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { backendBlockedBy, waitFor } from '../support/polling';
import { codes, serveTestApp, signTestToken, type GraphQLResponse, type TestApp } from '../support/test-app';

/**
 * PostgreSQL restarted under a steady run of mutations, on a server of this file's own: the
 * mutations in flight and those sent while it is down fail with SERVICE_UNAVAILABLE (503) and
 * nothing else, `/readyz` says 503 until it is back, the same service instance then carries on,
 * and every proposal's history holds each acknowledged transition exactly once.
 */

let pg: OwnPostgres;
let app: TestApp;
let world: PipelineWorld;
/** What the service logged as unexpected (level error and above): the cause, should a failure not be the clean one. */
const unexpected: string[] = [];

const CREATE = `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`;
const TRANSITION = `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state version } }`;
const VERIFY = `query($id: ID!) { verifyHistory(proposalId: $id) { valid checkedEvents firstBrokenSeq } }`;

beforeAll(async () => {
  pg = await startOwnPostgres();
  const sink = {
    write(line: string) {
      const entry = JSON.parse(line) as { msg: string; err?: { type?: string; message?: string } };
      // The errors a client saw as INTERNAL_SERVER_ERROR (not what the driver reports of its pool).
      if (entry.msg.startsWith('unexpected error')) unexpected.push(`${entry.msg}: ${entry.err?.type} ${entry.err?.message}`);
    },
  };
  app = await serveTestApp(pg.url, {}, undefined, pino({ level: 'error' }, sink));
  world = await aPipelineWorld(app.em());
}, 60_000);
afterAll(async () => {
  await app?.close();
  await pg?.destroy();
});

/** When a request was sent: before the stop, while the server is down, while it starts, once /readyz says so. */
type Phase = 'up' | 'down' | 'starting' | 'back';

interface Outcome {
  proposalId: string;
  sentIn: Phase;
  res: GraphQLResponse<{ transitionProposal: { state: string; version: number } }>;
}

/**
 * Moves one proposal between the working group and its author (RETURN, SUBMIT, RETURN, …) as the
 * coordinator, until told to stop. A failed request is retried with the same idempotency key, as a
 * client should; every answer is kept.
 */
async function worker(proposalId: string, phase: () => Phase, running: () => boolean, outcomes: Outcome[], acked: string[]): Promise<void> {
  let state = 'WORKING_GROUP';
  let version = 2;
  while (running()) {
    const input =
      state === 'WORKING_GROUP'
        ? { proposalId, event: 'RETURN', expectedVersion: version, reason: 'Doplňte rozpočet.', idempotencyKey: `${proposalId}-v${version}` }
        : { proposalId, event: 'SUBMIT', expectedVersion: version, idempotencyKey: `${proposalId}-v${version}` };
    const sentIn = phase();
    const res = await app.gql<{ transitionProposal: { state: string; version: number } }>(TRANSITION, { input }, { as: world.actors.coordinator.subject });
    outcomes.push({ proposalId, sentIn, res });
    if (res.data?.transitionProposal) {
      acked.push(input.idempotencyKey);
      ({ state, version } = res.data.transitionProposal);
    } else {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

async function readyz(): Promise<number> {
  return (await fetch(app.url.replace('/graphql', '/readyz'))).status;
}

test('a database restart mid-run: clean failures, /readyz follows it, the same instance recovers, nothing half-written', async () => {
  const ids: string[] = [];
  for (const title of ['Odlehčovací služba', 'Sociální šatník', 'Terénní program', 'Dluhová poradna']) {
    const created = await app.gql<{ createProposal: { id: string } }>(
      CREATE,
      { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title, summary: 'Rozšíření kapacity v obcích ORP.' } },
      { as: world.actors.author.subject },
    );
    const id = created.data!.createProposal.id;
    const submitted = await app.gql(TRANSITION, { input: { proposalId: id, event: 'SUBMIT', expectedVersion: 1 } }, { as: world.actors.author.subject });
    expect(submitted.errors).toBeUndefined();
    ids.push(id);
  }
  expect(await readyz()).toBe(200);

  let phase: Phase = 'up';
  let running = true;
  const outcomes: Outcome[] = [];
  const acked = new Map(ids.map((id) => [id, [] as string[]]));
  const workers = ids.map((id) =>
    worker(
      id,
      () => phase,
      () => running,
      outcomes,
      acked.get(id)!,
    ),
  );
  const successesIn = (p: Phase, id: string) => outcomes.filter((o) => o.proposalId === id && o.sentIn === p && !o.res.errors).length;
  const failuresIn = (p: Phase, id: string) => outcomes.filter((o) => o.proposalId === id && o.sentIn === p && o.res.errors).length;

  try {
    await waitFor('two transitions of every proposal', () => Promise.resolve(ids.every((id) => successesIn('up', id) >= 2)));

    // Catch one mutation inside its transaction: it waits for a row lock held here when the server goes down.
    const locker = new Client({ connectionString: pg.url });
    locker.on('error', () => undefined);
    await locker.connect();
    await locker.query('begin');
    await locker.query('select id from proposal where id = $1 for update', [ids[0]]);
    await backendBlockedBy(locker);

    await pg.stop();
    phase = 'down';
    await locker.end().catch(() => undefined);
    await waitFor('/readyz to say 503', async () => (await readyz()) === 503);
    await waitFor('failed mutations of every proposal while the database is down', () => Promise.resolve(ids.every((id) => failuresIn('down', id) >= 2)));
    expect(await readyz()).toBe(503);
    // The plain HTTP routes say the same: a material (signed in) and a body's calendar feed.
    const base = app.url.replace('/graphql', '');
    const material = await fetch(`${base}/materials/${ids[0]}`, { headers: { authorization: `Bearer ${await signTestToken(world.actors.coordinator.subject)}` } });
    const feed = await fetch(`${base}/calendar/${world.group.id}.ics`);
    for (const res of [material, feed]) {
      const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect([res.status, res.headers.get('retry-after'), body.errors.map((e) => e.extensions.code)]).toEqual([503, '5', ['SERVICE_UNAVAILABLE']]);
      expect(body.errors[0].message).not.toMatch(/select|insert|proposal|at .*\.ts/i);
    }

    phase = 'starting';
    await pg.start();
    await waitFor('/readyz to say 200 again', async () => (await readyz()) === 200);
    phase = 'back';
    await waitFor('two transitions of every proposal after the restart', () => Promise.resolve(ids.every((id) => successesIn('back', id) >= 2)));
  } finally {
    running = false;
    await Promise.all(workers);
  }

  // Every failure was the clean one, including the mutation caught in its transaction.
  const failures = outcomes.filter((o) => o.res.errors);
  for (const { res } of failures) expectNoLeak(res);
  expect(unexpected).toEqual([]);
  expect(new Set(failures.map((o) => `${o.res.status} ${codes(o.res).join(',')}`))).toEqual(new Set(['503 SERVICE_UNAVAILABLE']));
  expect(failures.filter((o) => o.sentIn === 'up').map((o) => o.proposalId)).toContain(ids[0]);
  expect(outcomes.filter((o) => o.sentIn === 'down' && !o.res.errors)).toEqual([]);

  // Each acknowledged transition is in the history once, the history has nothing else, and it verifies.
  for (const id of ids) {
    const em = app.em();
    const p = await em.findOneOrFail(Proposal, { id });
    const events = await em.find(WorkflowEvent, { proposalId: id }, { orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.seq)).toEqual(events.map((_e, i) => i + 1));
    expect(p.version).toBe(events.length + 1);
    expect(p.state).toBe(events.at(-1)?.toState);
    expect(events.slice(1).map((e) => e.idempotencyKey)).toEqual(acked.get(id));
    const verified = await app.gql(VERIFY, { id }, { as: world.actors.coordinator.subject });
    expect(verified.data).toEqual({ verifyHistory: { valid: true, checkedEvents: events.length, firstBrokenSeq: null } });
  }
});
