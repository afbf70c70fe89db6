import { Client } from 'pg';
import { Proposal } from '../../src/entities/proposal.entity';
import { WorkflowEvent } from '../../src/entities/workflow-event.entity';
import { expectNoLeak } from '../support/api-assertions';
import { aPipelineWorld, aSubmittedProposal, type PipelineWorld } from '../support/pipeline-world';
import { waitFor } from '../support/polling';
import { codes, startTestApp, type TestApp } from '../support/test-app';

/**
 * The configured limits of the service's database use (DB_POOL_MAX, DB_POOL_ACQUIRE_TIMEOUT_MS,
 * DB_STATEMENT_TIMEOUT_MS), here a pool of one connection: a statement kept waiting past the
 * statement timeout, and a request that finds no free connection in time, are both answered
 * SERVICE_UNAVAILABLE (503) instead of waiting without end, and nothing is written.
 */

let app: TestApp;
let world: PipelineWorld;

beforeAll(async () => {
  app = await startTestApp({ database: { poolMax: 1, acquireTimeoutMs: 300, statementTimeoutMs: 3000 } });
  world = await aPipelineWorld(app.em());
});
afterAll(async () => {
  await app.close();
});

const TRANSITION = `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state version } }`;

test('a statement past the statement timeout and a request without a free connection: both SERVICE_UNAVAILABLE, nothing written, then the service serves again', async () => {
  const id = await aSubmittedProposal(app.url, world, 'Odlehčovací služba');
  const input = { proposalId: id, event: 'RETURN', expectedVersion: 2, reason: 'Doplňte rozpočet.' };
  const coordinator = { as: world.actors.coordinator.subject };
  const locker = new Client({ connectionString: app.databaseUrl });
  const observer = new Client({ connectionString: app.databaseUrl });
  await Promise.all([locker.connect(), observer.connect()]);
  try {
    const lockerPid = (await locker.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
    await locker.query('begin');
    await locker.query('select id from proposal where id = $1 for update', [id]);
    // The transition takes the pool's one connection and waits for the row inside its transaction.
    const waiting = app.gql(TRANSITION, { input }, coordinator);
    await waitFor('the transition to wait for the row lock', async () => {
      const { rows } = await observer.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where $1 = any(pg_blocking_pids(pid))', [lockerPid]);
      return rows[0].n === 1;
    });
    const starved = await app.gql('{ me { person { id } } }', {}, coordinator);
    const timedOut = await waiting;
    for (const res of [starved, timedOut]) {
      expectNoLeak(res);
      expect([res.status, codes(res)]).toEqual([503, ['SERVICE_UNAVAILABLE']]);
    }
  } finally {
    await locker.query('rollback');
    await Promise.all([locker.end(), observer.end()]);
  }
  const em = app.em();
  expect((await em.findOneOrFail(Proposal, { id })).version).toBe(2);
  expect(await em.count(WorkflowEvent, { proposalId: id })).toBe(1);
  const moved = await app.gql(TRANSITION, { input }, coordinator);
  expect(moved.data).toEqual({ transitionProposal: { state: 'DRAFT', version: 3 } });
});
