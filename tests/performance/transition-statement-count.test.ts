import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { statementCounter } from '../support/statement-count';
import { startTestApp, type TestApp } from '../support/test-app';

// Not a timing test: it counts the SQL statements the TRANSITION of the benchmark (bench/) sends,
// so that a change of the transition path that adds round trips shows here. Deciding is done in
// memory by the engine; the statements are authentication, the rate-limit counters, what the
// guards judge, and the transaction that locks, appends and saves.

let app: TestApp;
let world: PipelineWorld;
const counter = statementCounter();

beforeAll(async () => {
  app = await startTestApp();
  world = await aPipelineWorld(app.em());
});
afterAll(async () => {
  counter.restore();
  await app.close();
});

const CREATE = `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`;
const TRANSITION = `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { id state version } }`;

test('a transition sends the same few statements, whoever fires it and whether or not the author is notified', async () => {
  const created = await app.gql<{ createProposal: { id: string } }>(
    CREATE,
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Denní stacionář', summary: 'Nová služba pro seniory.' } },
    { as: world.actors.author.subject },
  );
  const proposalId = created.data!.createProposal.id;
  counter.reset();
  // The author moves their own proposal (no notice), then the chair moves it (a notice to the author).
  const own = await counter.count(app, TRANSITION, { input: { proposalId, event: 'SUBMIT', expectedVersion: 1 } }, world.actors.author.subject);
  const other = await counter.count(app, TRANSITION, { input: { proposalId, event: 'RECOMMEND', expectedVersion: 2 } }, world.actors.groupChair.subject);
  expect([(own.data as { transitionProposal: { state: string } }).transitionProposal.state, (other.data as { transitionProposal: { state: string } }).transitionProposal.state]).toEqual([
    'WORKING_GROUP',
    'STEERING_GROUP',
  ]);
  if (process.env.SHOW_STATEMENT_COUNTS) console.log(`TRANSITION by the author: ${own.statements}, by the chair: ${other.statements}`);
  // 13 and 14 before the one engine and after it: authentication, the rate-limit counters, the
  // proposal as the viewer may see it, the bodies that handled it (proposal_handled_body), the
  // bodies and voting sides, BEGIN, the locking read, the history's last link, the update, the
  // history insert (whose trigger records a body new to the proposal: no statement of its own),
  // the notice when someone else moved it, COMMIT.
  expect(own.statements).toBeLessThanOrEqual(13);
  expect(other.statements).toBeLessThanOrEqual(14);
  expect(other.statements - own.statements).toBeLessThanOrEqual(1);
});
