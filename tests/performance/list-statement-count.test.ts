import { Proposal } from '../../src/entities/proposal.entity';
import { WorkflowEvent } from '../../src/entities/workflow-event.entity';
import { ProposalKind, ProposalPhase } from '../../src/entities/enums';
import { shippedWorkflows } from '../../src/workflows/workflow-registry';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { statementCounter } from '../support/statement-count';
import { startTestApp, type TestApp } from '../support/test-app';

// Not a timing test: it counts the SQL statements the LIST query of the benchmark (bench/) sends,
// so that an N+1 coming back fails here rather than only in the figures.

const LIST = `query($filter: ProposalFilter!, $first: Int!) {
  proposals(filter: $filter, first: $first) {
    edges { node {
      id title state version stageLabel
      workingGroup { id name }
      author { id name }
      history(last: 5) { seq event fromState toState occurredAt }
      availableTransitions { event target allowed reasons }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

let app: TestApp;
let world: PipelineWorld;
const counter = statementCounter();

beforeAll(async () => {
  app = await startTestApp();
  world = await aPipelineWorld(app.em());
  const em = app.em();
  const { definition, engine } = shippedWorkflows().latest('standard');
  const snapshot = engine.snapshotAt('WORKING_GROUP');
  const authors = [world.actors.author.person, world.actors.provider.person, world.actors.groupChair.person];
  /** The `i`-th proposal of a kind in the working group, `i` minutes after `from`. */
  const aProposal = (kind: ProposalKind, i: number, from: number, version: number): Proposal => {
    const createdAt = new Date(from + i * 60_000);
    return em.create(Proposal, {
      areaId: world.area.id,
      workingGroup: world.group,
      author: authors[i % authors.length],
      kind,
      title: `${kind} ${i}`,
      summary: 'Shrnutí.',
      state: 'WORKING_GROUP',
      phase: ProposalPhase.IN_REVIEW,
      currentBody: world.group,
      workflowKey: definition.key,
      workflowVersion: definition.version,
      snapshot,
      version,
      createdAt,
      updatedAt: createdAt,
    });
  };
  // 120 proposals in the working group, 7 history events each, by three authors.
  const proposals = Array.from({ length: 120 }, (_v, i) => aProposal(ProposalKind.MEASURE, i, Date.UTC(2026, 0, 1), 8));
  // 100 older PLAN proposals (without history): their transitions also weigh the plan's hearing.
  for (let i = 0; i < 100; i++) aProposal(ProposalKind.PLAN, i, Date.UTC(2025, 0, 1), 2);
  // History rows refer to the proposal by a plain key, so the proposals are written first.
  await em.flush();
  for (const p of proposals) {
    for (let seq = 1; seq <= 7; seq++) {
      const submit = seq % 2 === 1;
      em.create(WorkflowEvent, {
        areaId: world.area.id,
        proposalId: p.id,
        seq,
        event: submit ? 'SUBMIT' : 'RETURN',
        fromState: submit ? 'DRAFT' : 'WORKING_GROUP',
        toState: submit ? 'WORKING_GROUP' : 'DRAFT',
        actorId: world.actors.groupChair.person.id,
        bodyId: submit ? null : world.group.id,
        reason: submit ? null : 'Doplnit.',
        occurredAt: new Date(p.createdAt.getTime() + seq * 1000),
        hash: `h${seq}`,
        prevHash: seq > 1 ? `h${seq - 1}` : null,
      });
    }
  }
  await em.flush();
  counter.reset();
});

afterAll(async () => {
  counter.restore();
  await app.close();
});

interface ListData {
  proposals: { edges: Array<{ node: { history: unknown[]; availableTransitions: unknown[]; workingGroup: { name: string }; author: { name: string } } }> };
}

test.each([
  ['the coordinator', 'coordinator'],
  ['the working-group chair', 'groupChair'],
] as const)('LIST sends the same few statements for pages of 20 and 100 (%s)', async (_label, who) => {
  const subject = world.actors[who].subject;
  // What authenticating a request costs (the viewer's person, roles and seats), whatever it asks.
  const auth = (await counter.count(app, '{ __typename }', {}, subject)).statements;
  const filter = { areaId: world.area.id, state: 'WORKING_GROUP' };
  const small = await counter.count(app, LIST, { filter, first: 20 }, subject);
  const large = await counter.count(app, LIST, { filter, first: 100 }, subject);

  const smallPage = (small.data as ListData).proposals.edges;
  const largePage = (large.data as ListData).proposals.edges;
  expect(smallPage).toHaveLength(20);
  expect(largePage).toHaveLength(100);
  expect(largePage.every((e) => e.node.history.length === 5 && e.node.availableTransitions.length > 0 && e.node.author.name && e.node.workingGroup.name)).toBe(true);

  // The spy sees the service's statements (the request is served in this process).
  expect(auth).toBeGreaterThan(0);
  if (process.env.SHOW_STATEMENT_COUNTS) console.log(`${who}: authentication ${auth}, LIST 20: ${small.statements}, LIST 100: ${large.statements}`);
  expect(large.statements).toBe(small.statements);
  // Authentication is one statement (the viewer's people, roles and seats together).
  expect(auth).toBe(1);
  // The page itself: proposals with their authors, the area's bodies, the histories' tails, the groups' voting sides
  // (+ the bodies that handled proposals, for a viewer who does not manage the area).
  expect(small.statements - auth).toBeLessThanOrEqual(who === 'coordinator' ? 4 : 5);
  expect(small.statements).toBeLessThanOrEqual(who === 'coordinator' ? 5 : 6);
});

test('a page of PLAN proposals, whose transitions also weigh their plans\' hearings, sends the same statements for 20 and 100', async () => {
  const subject = world.actors.coordinator.subject;
  const auth = (await counter.count(app, '{ __typename }', {}, subject)).statements;
  const filter = { areaId: world.area.id, state: 'WORKING_GROUP', kind: 'PLAN' };
  const small = await counter.count(app, LIST, { filter, first: 20 }, subject);
  const large = await counter.count(app, LIST, { filter, first: 100 }, subject);
  expect((large.data as ListData).proposals.edges).toHaveLength(100);
  expect((large.data as ListData).proposals.edges.every((e) => e.node.availableTransitions.length > 0)).toBe(true);
  expect(large.statements).toBe(small.statements);
  // The MEASURE page's statements and one more: the unanswered hearing comments of every plan on the page.
  expect(small.statements - auth).toBeLessThanOrEqual(5);
});
