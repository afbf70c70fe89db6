import { Client } from 'pg';
import { Proposal } from '../../src/entities/proposal.entity';
import { WorkflowEvent } from '../../src/entities/workflow-event.entity';
import { expectNoLeak } from '../support/api-assertions';
import { dbFingerprint } from '../support/db-fingerprint';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { backendBlockedBy } from '../support/polling';
import { codes, startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app';

/**
 * A database connection killed (`pg_terminate_backend`) while it serves a mutation's transaction:
 * the transaction is rolled back, the client gets SERVICE_UNAVAILABLE and nothing else, and the
 * retry with the same idempotency key takes effect exactly once.
 */

let app: TestApp;
let world: PipelineWorld;
let locker: Client;

const CREATE = `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`;
const TRANSITION = `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { id state version } }`;
const VERIFY = `query($id: ID!) { verifyHistory(proposalId: $id) { valid checkedEvents firstBrokenSeq } }`;

beforeAll(async () => {
  app = await startTestApp();
  world = await aPipelineWorld(app.em());
  locker = new Client({ connectionString: app.databaseUrl });
  await locker.connect();
});
afterAll(async () => {
  await locker.end();
  await app.close();
});

/** A proposal submitted to the working group by its author: version 2, one history event. */
async function submittedProposal(title: string): Promise<string> {
  const created = await app.gql<{ createProposal: { id: string } }>(
    CREATE,
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title, summary: 'Terénní služba pro seniory v obcích bez pečovatelské služby.' } },
    { as: world.actors.author.subject },
  );
  expect(created.errors).toBeUndefined();
  const id = created.data!.createProposal.id;
  const submitted = await app.gql(TRANSITION, { input: { proposalId: id, event: 'SUBMIT', expectedVersion: 1 } }, { as: world.actors.author.subject });
  expect(submitted.errors).toBeUndefined();
  return id;
}

async function stored(id: string): Promise<{ version: number; state: string; events: number }> {
  const em = app.em();
  const p = await em.findOneOrFail(Proposal, { id });
  return { version: p.version, state: p.state, events: await em.count(WorkflowEvent, { proposalId: id }) };
}

/** The coordinator returns the proposal to its author: it leaves a history event, a new version and a notice in the outbox. */
function returnInput(id: string, idempotencyKey: string) {
  return { proposalId: id, event: 'RETURN', expectedVersion: 2, reason: 'Doplňte rozpočet.', idempotencyKey };
}

/**
 * Sends the mutation while `lockSql` holds what it needs, terminates the backend serving it once it
 * waits for that lock inside its transaction, and returns the client's answer.
 */
async function killedMidTransaction(
  input: Record<string, unknown>,
  lockSql: string,
  lockParams: unknown[],
  whileBlocked: (pid: number) => Promise<void> = () => Promise.resolve(),
): Promise<GraphQLResponse> {
  await locker.query('begin');
  try {
    await locker.query(lockSql, lockParams);
    const pending = app.gql(TRANSITION, { input }, { as: world.actors.coordinator.subject });
    const pid = await backendBlockedBy(locker);
    await whileBlocked(pid);
    const { rows } = await locker.query<{ terminated: boolean }>('select pg_terminate_backend($1) as terminated', [pid]);
    expect(rows[0]).toEqual({ terminated: true });
    return await pending;
  } finally {
    await locker.query('rollback');
  }
}

function expectCleanUnavailable(res: GraphQLResponse): void {
  expectNoLeak(res);
  expect({ status: res.status, codes: codes(res), data: res.data ?? null }).toEqual({ status: 503, codes: ['SERVICE_UNAVAILABLE'], data: null });
}

/** Retries twice with the same key: the first takes effect once, the second returns the same and writes nothing. */
async function expectExactlyOnceOnRetry(id: string, input: Record<string, unknown>): Promise<void> {
  const retry = await app.gql(TRANSITION, { input }, { as: world.actors.coordinator.subject });
  expect(retry.errors).toBeUndefined();
  expect(retry.data).toEqual({ transitionProposal: { id, state: 'DRAFT', version: 3 } });
  expect(await stored(id)).toEqual({ version: 3, state: 'DRAFT', events: 2 });
  const outbox = await app.em().getConnection().execute<Array<{ n: string }>>(`select count(*) as n from outbox where payload->>'subjectId' = ?`, [id]);
  expect(Number(outbox[0]?.n)).toBe(1);

  const afterRetry = await dbFingerprint(app.em());
  const again = await app.gql(TRANSITION, { input }, { as: world.actors.coordinator.subject });
  expect(again).toEqual(retry);
  expect(await dbFingerprint(app.em())).toEqual(afterRetry);

  const verified = await app.gql(VERIFY, { id }, { as: world.actors.coordinator.subject });
  expect(verified.data).toEqual({ verifyHistory: { valid: true, checkedEvents: 2, firstBrokenSeq: null } });
}

test('killed while it waits for the proposal row lock: clean error, nothing written, the retry applies once', async () => {
  const id = await submittedProposal('Terénní odlehčovací služba');
  const input = returnInput(id, `kill-lock-${id}`);
  const before = await dbFingerprint(app.em());

  const res = await killedMidTransaction(input, 'select id from proposal where id = $1 for update', [id]);

  expectCleanUnavailable(res);
  expect(await dbFingerprint(app.em())).toEqual(before);
  expect(await stored(id)).toEqual({ version: 2, state: 'WORKING_GROUP', events: 1 });
  await expectExactlyOnceOnRetry(id, input);
});

test('killed after writing the history event and the new version, before commit: all of it rolled back, the retry applies once', async () => {
  const id = await submittedProposal('Sociální šatník');
  const input = returnInput(id, `kill-written-${id}`);
  const before = await dbFingerprint(app.em());

  // The outbox insert is the transaction's last statement; a table lock holds it there.
  const res = await killedMidTransaction(input, 'lock table outbox in exclusive mode', [], async (pid) => {
    // The backend has written the event row and the proposal row already (it holds their write locks).
    const { rows } = await locker.query<{ relname: string }>(
      `select c.relname from pg_locks l join pg_class c on c.oid = l.relation
        where l.pid = $1 and l.mode = 'RowExclusiveLock' and c.relname in ('workflow_event', 'proposal') order by c.relname`,
      [pid],
    );
    expect(rows.map((r) => r.relname)).toEqual(['proposal', 'workflow_event']);
  });

  expectCleanUnavailable(res);
  expect(await dbFingerprint(app.em())).toEqual(before);
  expect(await stored(id)).toEqual({ version: 2, state: 'WORKING_GROUP', events: 1 });
  await expectExactlyOnceOnRetry(id, input);
});
