import { WorkflowEvent } from '../../src/entities/workflow-event.entity';
import { Proposal } from '../../src/entities/proposal.entity';
import { openOrm, type Orm } from '../../src/db/orm';
import { expectNoLeak } from '../support/api-assertions';
import { aPipelineWorld, aSubmittedProposal, type Actor, type PipelineWorld } from '../support/pipeline-world';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';
import { aTestDatabase, codes, postGraphQL, type GraphQLResponse } from '../support/test-app';

/**
 * Two service processes (`src/main.ts` in child processes, each on its own port) on one database,
 * with concurrent transitions of the same proposals at the same expected version through both:
 * exactly one wins each version, the others get CONFLICT, nothing is lost, every history verifies.
 */

let database: { url: string; drop(): Promise<void> };
let orm: Orm;
let world: PipelineWorld;
const processes: ServiceProcess[] = [];

const TRANSITION = `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state version } }`;
const READ = `query($id: ID!) { proposal(id: $id) { state version } verifyHistory(proposalId: $id) { valid checkedEvents firstBrokenSeq } }`;

type Moved = { transitionProposal: { state: string; version: number } };

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
  await Promise.all(processes.map((p) => p.stop()));
  await orm?.close(true);
  await database?.drop();
});

async function submittedProposal(via: ServiceProcess, title: string): Promise<string> {
  return aSubmittedProposal(via.url, world, title);
}

/** The next move back and forth between the working group and the author, as the chair or the coordinator may make it. */
function nextMove(state: string, proposalId: string, expectedVersion: number) {
  return state === 'WORKING_GROUP'
    ? { proposalId, event: 'RETURN', expectedVersion, reason: 'Doplňte financování.' }
    : { proposalId, event: 'SUBMIT', expectedVersion };
}

test('concurrent transitions at the same version through both processes: one winner per version, the rest CONFLICT, nothing lost', async () => {
  // Two processes of their own, each on its own port.
  expect(new Set(processes.map((p) => p.pid)).size).toBe(2);
  expect(new Set(processes.map((p) => new URL(p.url).port)).size).toBe(2);
  const [a, b] = processes as [ServiceProcess, ServiceProcess];
  const ids = await Promise.all(['Odlehčovací služba', 'Sociální šatník', 'Terénní program', 'Dluhová poradna'].map((title, i) => submittedProposal(i % 2 ? a : b, title)));
  const rounds = 6;
  // Six racers a round: both people allowed to move the proposal, each through both processes.
  const racers: Array<{ actor: Actor; via: ServiceProcess }> = [
    { actor: world.actors.coordinator, via: a },
    { actor: world.actors.coordinator, via: b },
    { actor: world.actors.groupChair, via: a },
    { actor: world.actors.groupChair, via: b },
    { actor: world.actors.coordinator, via: b },
    { actor: world.actors.groupChair, via: a },
  ];

  const winners = new Map<string, Array<{ actor: Actor; event: string }>>();
  await Promise.all(
    ids.map(async (id) => {
      let state = 'WORKING_GROUP';
      let version = 2;
      const won: Array<{ actor: Actor; event: string }> = [];
      for (let round = 0; round < rounds; round++) {
        const input = nextMove(state, id, version);
        const results = await Promise.all(racers.map(({ actor, via }) => postGraphQL<Moved>(via.url, TRANSITION, { input }, { as: actor.subject })));
        results.forEach((r: GraphQLResponse<Moved>) => expectNoLeak(r));
        const wins = results.flatMap((r, i) => (r.errors ? [] : [{ r, racer: racers[i] }]));
        expect(wins).toHaveLength(1);
        expect(results.filter((r) => r.errors).map(codes)).toEqual(Array(racers.length - 1).fill(['CONFLICT']));
        const [{ r, racer }] = wins as [{ r: GraphQLResponse<Moved>; racer: (typeof racers)[number] }];
        expect(r.data!.transitionProposal.version).toBe(version + 1);
        ({ state, version } = r.data!.transitionProposal);
        won.push({ actor: racer.actor, event: input.event });
      }
      winners.set(id, won);
    }),
  );

  for (const id of ids) {
    const em = orm.em.fork();
    const p = await em.findOneOrFail(Proposal, { id });
    const events = await em.find(WorkflowEvent, { proposalId: id }, { orderBy: { seq: 'asc' } });
    // The submission and one event per round, each the winner's, in order; the version counts them.
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: rounds + 1 }, (_v, i) => i + 1));
    expect(events.slice(1).map((e) => ({ actorId: e.actorId, event: e.event }))).toEqual(
      winners.get(id)!.map((w) => ({ actorId: w.actor.person.id, event: w.event })),
    );
    expect(p.version).toBe(events.length + 1);
    expect(p.state).toBe(events.at(-1)!.toState);
    // Both processes read the same proposal and a history that verifies.
    for (const via of processes) {
      const read = await postGraphQL(via.url, READ, { id }, { as: world.actors.coordinator.subject });
      expect(read.data).toEqual({
        proposal: { state: p.state, version: p.version },
        verifyHistory: { valid: true, checkedEvents: events.length, firstBrokenSeq: null },
      });
    }
  }
});

test('one idempotency key sent at once through both processes takes effect once; every sender gets the same answer', async () => {
  const [a, b] = processes as [ServiceProcess, ServiceProcess];
  const id = await submittedProposal(a, 'Půjčovna kompenzačních pomůcek');
  const input = { ...nextMove('WORKING_GROUP', id, 2), idempotencyKey: `both-processes-${id}` };
  const results = await Promise.all([a, b, a, b, a, b].map((via) => postGraphQL<Moved>(via.url, TRANSITION, { input }, { as: world.actors.coordinator.subject })));
  expect(results.map((r) => r.errors ?? null)).toEqual(results.map(() => null));
  expect(results.map((r) => r.data)).toEqual(results.map(() => ({ transitionProposal: { state: 'DRAFT', version: 3 } })));
  const em = orm.em.fork();
  expect(await em.count(WorkflowEvent, { proposalId: id })).toBe(2);
  expect(await em.count(WorkflowEvent, { proposalId: id, idempotencyKey: input.idempotencyKey })).toBe(1);
});

test('neither process logged an error, and SIGTERM stops each cleanly (exit 0)', async () => {
  expect(processes.flatMap((p) => p.errorLines())).toEqual([]);
  expect(await Promise.all(processes.map((p) => p.stop()))).toEqual([0, 0]);
});
