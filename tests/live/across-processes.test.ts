import { openOrm, type Orm } from '../../src/db/orm';
import { liveClient, type LiveClient } from '../support/live-client';
import { aPipelineWorld, aSubmittedProposal, type PipelineWorld } from '../support/pipeline-world';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';
import { aTestDatabase, postGraphQL, signTestToken } from '../support/test-app';

/**
 * Two service processes (`src/main.ts` in child processes) on one database: a change made through
 * one reaches the subscribers of the other, through PostgreSQL's LISTEN/NOTIFY.
 */

let database: { url: string; drop(): Promise<void> };
let orm: Orm;
let world: PipelineWorld;
const processes: ServiceProcess[] = [];
const clients: LiveClient[] = [];

beforeAll(async () => {
  database = await aTestDatabase();
  orm = await openOrm(database.url, 2);
  world = await aPipelineWorld(orm.em.fork());
  const started = await Promise.allSettled([startServiceProcess(database.url), startServiceProcess(database.url)]);
  for (const s of started) if (s.status === 'fulfilled') processes.push(s.value);
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await Promise.all(processes.map((p) => p.stop()));
  await orm?.close(true);
  await database?.drop();
});

type Changed = { proposalChanged: { id: string; state: string; version: number } };

// B learns of A's changes only through the database's notices (it polls nothing), so the event arriving
// at all shows the path; how fast is the benchmark's to measure (a bound here failed under load).
test('a transition made through process A reaches a subscriber on process B', async () => {
  const [a, b] = processes as [ServiceProcess, ServiceProcess];
  expect(a.pid).not.toBe(b.pid);
  const id = await aSubmittedProposal(a.url, world, 'Domácí hospicová péče');
  const chair = world.actors.groupChair;
  const onB = liveClient(b.url, await signTestToken(world.actors.coordinator.subject));
  clients.push(onB);
  const sub = onB.subscribe<Changed>(`subscription($a: ID!) { proposalChanged(areaId: $a) { id state version } }`, { a: world.area.id });

  // Listening for sure: a draft made through A (the coordinator sees drafts) is the first event B sends.
  for (let tries = 0; sub.events.length === 0; tries++) {
    expect(tries).toBeLessThan(10);
    const drafted = await postGraphQL(
      a.url,
      `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
      { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: `Koncept ${tries + 1}` } },
      { as: world.actors.author.subject },
    );
    expect(drafted.errors).toBeUndefined();
    await sub.received(1, 2_000).catch(() => undefined);
  }
  const before = sub.events.length;
  const version = await readVersion(a, id);

  const moved = await postGraphQL(
    a.url,
    `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state version } }`,
    { input: { proposalId: id, event: 'RECOMMEND', expectedVersion: version } },
    { as: chair.subject },
  );
  expect(moved.errors).toBeUndefined();
  await sub.received(before + 1, 10_000);
  expect(sub.events.slice(before).map((e) => e.data!.proposalChanged)).toEqual([{ id, state: 'STEERING_GROUP', version: version! + 1 }]);
});

async function readVersion(via: ServiceProcess, id: string): Promise<number | null> {
  const res = await postGraphQL<{ proposal: { version: number } }>(via.url, `query($id: ID!) { proposal(id: $id) { version } }`, { id }, { as: world.actors.coordinator.subject });
  return res.data?.proposal.version ?? null;
}
