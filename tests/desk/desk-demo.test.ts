import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PEOPLE, loadDemoData } from '../../src/demo/demo-data';
import { PlanningArea } from '../../src/entities/planning-area.entity';
import { startTestApp, type TestApp } from '../support/test-app';

// For each demo person of README's table, the desk's proposals are exactly those the proposal list's
// `availableTransitions` lets them move (with the same events), and the README's desk query works.

let app: TestApp;
let areaIds: string[];
/** The demo people with something to move (the comparison is not vacuous). */
const withMoves: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  expect(await loadDemoData(app.em())).toBe(true);
  areaIds = (await app.em().find(PlanningArea, {})).map((a) => a.id);
});
afterAll(async () => {
  await app.close();
});

const DESK = `{ myDesk {
  proposalsToMove(first: 100) { totalCount edges { node { proposal { id } transitions { event requiredInputs } } } }
  proposalsWaiting(first: 100) { totalCount edges { node { proposal { id phase } waitingOn { id } } } }
} }`;

const LIST = `query($filter: ProposalFilter!) {
  proposals(filter: $filter, first: 100) { totalCount edges { node { id phase currentBody { id } availableTransitions { event allowed requiredInputs } } } }
}`;

interface ListData {
  proposals: {
    totalCount: number;
    edges: Array<{ node: { id: string; phase: string; currentBody: { id: string } | null; availableTransitions: Array<{ event: string; allowed: boolean; requiredInputs: string[] }> } }>;
  };
}

interface DeskData {
  myDesk: {
    proposalsToMove: { totalCount: number; edges: Array<{ node: { proposal: { id: string }; transitions: Array<{ event: string; requiredInputs: string[] }> } }> };
    proposalsWaiting: { totalCount: number; edges: Array<{ node: { proposal: { id: string; phase: string }; waitingOn: { id: string } } }> };
  };
}

const moves = (t: Array<{ event: string; requiredInputs: string[] }>) => t.map((x) => `${x.event}:${x.requiredInputs.join('+')}`).sort();

test.each(DEMO_PEOPLE.map((p) => [p.subject] as const))('%s: the desk lists exactly what availableTransitions lets them move', async (subject) => {
  const desk = await app.gql<DeskData>(DESK, {}, { as: subject });
  expect(desk.errors).toBeUndefined();
  const expected: Record<string, string[]> = {};
  const seen = new Map<string, ListData['proposals']['edges'][number]['node']>();
  for (const areaId of areaIds) {
    const list = await app.gql<ListData>(LIST, { filter: { areaId } }, { as: subject });
    expect(list.errors).toBeUndefined();
    expect(list.data!.proposals.totalCount).toBeLessThanOrEqual(100);
    for (const { node } of list.data!.proposals.edges) {
      seen.set(node.id, node);
      const allowed = node.availableTransitions.filter((t) => t.allowed);
      if (allowed.length) expected[node.id] = moves(allowed);
    }
  }
  const { proposalsToMove, proposalsWaiting } = desk.data!.myDesk;
  expect(Object.fromEntries(proposalsToMove.edges.map((e) => [e.node.proposal.id, moves(e.node.transitions)]))).toEqual(expected);
  expect(proposalsToMove.totalCount).toBe(Object.keys(expected).length);
  if (proposalsToMove.totalCount > 0) withMoves.push(subject);
  // What waits on others is what the viewer sees, in review, not theirs to move, at the body handling it.
  for (const { node } of proposalsWaiting.edges) {
    const listed = seen.get(node.proposal.id);
    expect(listed).toBeDefined();
    expect(expected[node.proposal.id]).toBeUndefined();
    expect(node.proposal.phase).toBe('IN_REVIEW');
    expect(node.waitingOn.id).toBe(listed!.currentBody?.id);
  }
});

test('the demo data gives several people something to move', () => {
  expect(withMoves.length).toBeGreaterThanOrEqual(3);
});

test("README's desk query for the demo chair is answered, with something on the desk", async () => {
  const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### The desk'));
  const query = /```graphql\n([\s\S]*?)```/.exec(section)?.[1];
  expect(query).toBeDefined();
  const subject = /`(demo-[a-z-]+-chair)`/.exec(section)?.[1];
  expect(DEMO_PEOPLE.map((p) => p.subject)).toContain(subject);
  const res = await app.gql<{ myDesk: Record<string, { totalCount: number }> }>(query!, {}, { as: subject });
  expect(res.errors).toBeUndefined();
  const counts = Object.values(res.data!.myDesk).map((s) => s.totalCount);
  expect(counts.some((c) => c > 0)).toBe(true);
});
