import { Proposal } from '../../src/entities/proposal.entity';
import { WorkflowEvent } from '../../src/entities/workflow-event.entity';
import { ProposalKind } from '../../src/entities/enums';
import { latestCompiledWorkflow } from '../../src/workflows/workflow-registry';
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
  const { definition, machine } = latestCompiledWorkflow('standard');
  const snapshot = machine.getPersistedSnapshot(machine.resolveState({ value: 'WORKING_GROUP' }));
  const authors = [world.actors.author.person, world.actors.provider.person, world.actors.groupChair.person];
  // 120 proposals in the working group, 7 history events each, by three authors.
  const proposals: Proposal[] = [];
  for (let i = 0; i < 120; i++) {
    const createdAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000);
    const p = em.create(Proposal, {
      areaId: world.area.id,
      workingGroup: world.group,
      author: authors[i % authors.length],
      kind: ProposalKind.MEASURE,
      title: `Návrh ${i}`,
      summary: 'Shrnutí.',
      state: 'WORKING_GROUP',
      currentBody: world.group,
      workflowKey: definition.key,
      workflowVersion: definition.version,
      snapshot,
      version: 8,
      createdAt,
      updatedAt: createdAt,
    });
    proposals.push(p);
  }
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
