import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openOrm, type Orm } from '../../src/db/orm';
import { Proposal } from '../../src/entities/proposal.entity';
import { WorkflowEvent } from '../../src/entities/workflow-event.entity';
import { expectNoLeak } from '../support/api-assertions';
import { freePort } from '../support/own-postgres';
import { aPipelineWorld, aSubmittedProposal, type PipelineWorld } from '../support/pipeline-world';
import { waitFor } from '../support/polling';
import { spawnServiceProcess, startServiceProcess, type ServiceProcess } from '../support/service-process';
import { aTestDatabase, postGraphQL, type GraphQLResponse } from '../support/test-app';

/**
 * The service process's own life: how it stops on SIGTERM while requests are in flight, how it
 * fails to start, how it lives through its embedded database dying.
 */

let database: { url: string; drop(): Promise<void> };
let orm: Orm;
let world: PipelineWorld;

const TRANSITION = `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state version } }`;
type Moved = { transitionProposal: { state: string; version: number } };

beforeAll(async () => {
  database = await aTestDatabase();
  orm = await openOrm(database.url, 2);
  world = await aPipelineWorld(orm.em.fork());
}, 60_000);

afterAll(async () => {
  await orm?.close(true);
  await database?.drop();
});

async function submittedProposal(via: ServiceProcess, title: string): Promise<string> {
  return aSubmittedProposal(via.url, world, title);
}

/** The process's exit code, or 'still running' after `ms`. */
async function exitCodeWithin(service: Pick<ServiceProcess, 'exited'>, ms: number): Promise<number | null | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still running'>((resolve) => {
    timer = setTimeout(resolve, ms, 'still running');
  });
  try {
    return await Promise.race([service.exited(), late]);
  } finally {
    clearTimeout(timer);
  }
}

test('SIGTERM with requests in flight: no new connection is taken, every request in flight is answered in full, then the process exits 0', async () => {
  const service = await startServiceProcess(database.url);
  const titles = ['Odlehčovací služba', 'Sociální šatník', 'Terénní program', 'Dluhová poradna', 'Krizové lůžko', 'Půjčovna pomůcek', 'Nízkoprahový klub', 'Tísňová péče'];
  const ids: string[] = [];
  for (const title of titles) ids.push(await submittedProposal(service, title));
  const [inTransaction, signingIn] = [ids.slice(0, 4), ids.slice(4)];
  const move = (proposalId: string) =>
    postGraphQL<Moved>(service.url, TRANSITION, { input: { proposalId, event: 'RETURN', expectedVersion: 2, reason: 'Doplňte rozpočet.' } }, { as: world.actors.coordinator.subject });
  // Requests caught at two moments, by locks held here: half inside their transaction (the
  // proposal's row lock), half while they are being authenticated (a table the viewer is read from),
  // with every statement after it still to come.
  const locker = new Client({ connectionString: database.url });
  await locker.connect();
  const lockerPid = (await locker.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
  // Observed from a session outside the locker's transaction, which would see one snapshot of pg_stat_activity.
  const blocked = (n: number) => async () => {
    const [row] = await orm.em.fork().getConnection().execute<Array<{ n: number }>>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and ? = any(pg_blocking_pids(pid))`,
      [lockerPid],
    );
    return row.n === n;
  };
  const inFlight: Array<Promise<GraphQLResponse<Moved>>> = [];
  await locker.query('begin');
  try {
    await locker.query('select id from proposal where id = any($1) for update', [inTransaction]);
    inFlight.push(...inTransaction.map(move));
    await waitFor('the first requests to wait inside their transactions', blocked(inTransaction.length));
    await locker.query('lock table global_admin in access exclusive mode');
    inFlight.push(...signingIn.map(move));
    await waitFor('the other requests to wait while signing in', blocked(ids.length));

    service.signal('SIGTERM');
    await service.logged('shutting down: finishing in-flight requests');
    // It takes no new connection now.
    await expect(fetch(service.url.replace('/graphql', '/healthz'))).rejects.toThrow();
  } finally {
    await locker.query('rollback');
    await locker.end();
  }

  const answers = await Promise.all(inFlight);
  answers.forEach(expectNoLeak);
  expect(answers.map((a) => ({ status: a.status, errors: a.errors ?? null, data: a.data }))).toEqual(
    ids.map(() => ({ status: 200, errors: null, data: { transitionProposal: { state: 'DRAFT', version: 3 } } })),
  );
  expect(await service.exited()).toBe(0);
  expect(service.errorLines()).toEqual([]);
  const em = orm.em.fork();
  expect(await em.count(Proposal, { id: { $in: ids }, state: 'DRAFT', version: 3 })).toBe(ids.length);
  expect(await em.count(WorkflowEvent, { proposalId: { $in: ids } })).toBe(2 * ids.length);
});

test('SIGTERM while it is still starting: the process waits for what is starting, stops it cleanly, exits 0 and leaves no embedded PostgreSQL running', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'triada-lifecycle-'));
  fs.chmodSync(dataDir, 0o755);
  const service = spawnServiceProcess('', { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) });
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  let postmaster = 0;
  try {
    await service.logged('database ready', 90_000);
    postmaster = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    service.signal('SIGTERM');
    expect(await exitCodeWithin(service, 30_000)).toBe(0);
    await service.logged('stopped');
    expect(fs.existsSync(pidFile)).toBe(false);
    expect(() => process.kill(postmaster, 0)).toThrow();
  } finally {
    await service.stop();
    if (postmaster) {
      try {
        process.kill(postmaster, 'SIGKILL');
      } catch {
        // Stopped already, as it should be.
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the HTTP port already taken: the service exits non-zero at once, saying which port and what to do', async () => {
  const taken = net.createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const { port } = taken.address() as net.AddressInfo;
  // With the job queue running, which on its own would keep the process alive.
  const service = spawnServiceProcess(database.url, { PORT: String(port), JOBS: '1' });
  try {
    expect(await exitCodeWithin(service, 30_000)).toBe(1);
    const fatal = await service.logged('Triáda could not start');
    expect(fatal.reason).toBe(`Port ${port} on 127.0.0.1 is already in use: stop what uses it, or set PORT to another port.`);
  } finally {
    await service.stop();
    await new Promise((resolve) => taken.close(resolve));
  }
});

test('the embedded PostgreSQL killed: /healthz says so while it cannot come back, then the same process starts it again and serves', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'triada-lifecycle-'));
  fs.chmodSync(dataDir, 0o755);
  const service = await startServiceProcess('', { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) }, 90_000);
  const base = service.url.replace('/graphql', '');
  const status = async (route: string) => (await fetch(`${base}${route}`)).status;
  const areas = () => postGraphQL(service.url, '{ areas { id } }');
  try {
    expect(await areas()).toEqual({ status: 200, data: { areas: [] } });
    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
    const [postmaster, ...rest] = fs.readFileSync(pidFile, 'utf8').split('\n');
    // Its folder is held as if another server ran there (the lock file names this live process), so
    // that it cannot come back until the test lets it; then its server is killed.
    fs.writeFileSync(pidFile, [String(process.pid), ...rest].join('\n'));
    process.kill(Number(postmaster), 'SIGKILL');

    await waitFor('/healthz to say 503', async () => (await status('/healthz')) === 503, 30_000);
    expect(await status('/readyz')).toBe(503);
    const refused = await areas();
    expect([refused.status, refused.errors?.map((e) => e.extensions?.code)]).toEqual([503, ['SERVICE_UNAVAILABLE']]);

    fs.rmSync(pidFile);
    await waitFor('/readyz to say 200 again', async () => (await status('/readyz')) === 200, 60_000);
    expect(await status('/healthz')).toBe(200);
    expect(await areas()).toEqual({ status: 200, data: { areas: [] } });
    expect(service.errorLines().map((line) => (JSON.parse(line) as { msg: string }).msg)).toContain('the embedded PostgreSQL stopped unexpectedly; starting it again');
    expect(await service.stop()).toBe(0);
  } finally {
    await service.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
