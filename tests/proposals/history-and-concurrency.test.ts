import { WorkflowEvent } from '../../src/entities/workflow-event.entity';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { codes, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const TRANSITION = `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state version } }`;

async function submittedProposal(world: PipelineWorld): Promise<string> {
  const created = await app.gql<{ createProposal: { id: string } }>(
    `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Sociální šatník', summary: 'Zřídit sociální šatník.' } },
    { as: world.actors.author.subject },
  );
  const id = created.data!.createProposal.id;
  const submitted = await app.gql(TRANSITION, { input: { proposalId: id, event: 'SUBMIT', expectedVersion: 1 } }, { as: world.actors.author.subject });
  expect(submitted.errors).toBeUndefined();
  return id;
}

test('concurrent transitions from the same state: exactly one wins, the others get CONFLICT', async () => {
  const world = await aPipelineWorld(app.em());
  const id = await submittedProposal(world);
  const racers = [world.actors.coordinator, world.actors.groupChair, world.actors.coordinator, world.actors.groupChair, world.actors.coordinator, world.actors.groupChair];
  const results = await Promise.all(
    racers.map((actor) => app.gql(TRANSITION, { input: { proposalId: id, event: 'RECOMMEND', expectedVersion: 2 } }, { as: actor.subject })),
  );
  const winners = results.filter((r) => !r.errors);
  expect(winners).toHaveLength(1);
  expect(results.filter((r) => r.errors).map((r) => codes(r))).toEqual(Array(racers.length - 1).fill(['CONFLICT']));
  expect(await app.em().count(WorkflowEvent, { proposalId: id })).toBe(2);
});

test('the same idempotency key and payload returns the first result and writes one event; another payload is a CONFLICT', async () => {
  const world = await aPipelineWorld(app.em());
  const id = await submittedProposal(world);
  const input = { proposalId: id, event: 'RECOMMEND', expectedVersion: 2, idempotencyKey: `retry-${id}` };
  const first = await app.gql(TRANSITION, { input }, { as: world.actors.groupChair.subject });
  const replay = await app.gql(TRANSITION, { input }, { as: world.actors.groupChair.subject });
  expect(first.errors).toBeUndefined();
  expect(replay).toEqual(first);
  expect(await app.em().count(WorkflowEvent, { proposalId: id })).toBe(2);

  const different = await app.gql(TRANSITION, { input: { ...input, event: 'RETURN', reason: 'jinak' } }, { as: world.actors.groupChair.subject });
  expect(codes(different)).toEqual(['CONFLICT']);
  expect(await app.em().count(WorkflowEvent, { proposalId: id })).toBe(2);
});

test('the history refuses UPDATE and DELETE, and verifyHistory finds a row changed by the owner', async () => {
  const world = await aPipelineWorld(app.em());
  const id = await submittedProposal(world);
  await app.gql(TRANSITION, { input: { proposalId: id, event: 'RECOMMEND', expectedVersion: 2 } }, { as: world.actors.groupChair.subject });
  const conn = app.em().getConnection();
  await expect(conn.execute(`update workflow_event set reason = 'přepsáno' where proposal_id = ?`, [id])).rejects.toThrow(/append-only/);
  await expect(conn.execute(`delete from workflow_event where proposal_id = ?`, [id])).rejects.toThrow(/append-only/);

  const verify = `query($id: ID!) { verifyHistory(proposalId: $id) { valid checkedEvents firstBrokenSeq } }`;
  const before = await app.gql(verify, { id }, { as: world.actors.coordinator.subject });
  expect(before.data).toEqual({ verifyHistory: { valid: true, checkedEvents: 2, firstBrokenSeq: null } });

  // The database owner can switch the trigger off; the hash chain still tells.
  await conn.execute(`alter table workflow_event disable trigger workflow_event_no_update`);
  await conn.execute(`update workflow_event set reason = 'podvrženo' where proposal_id = ? and seq = 2`, [id]);
  await conn.execute(`alter table workflow_event enable trigger workflow_event_no_update`);
  const after = await app.gql(verify, { id }, { as: world.actors.coordinator.subject });
  expect(after.data).toEqual({ verifyHistory: { valid: false, checkedEvents: 2, firstBrokenSeq: 2 } });
});

test('availableTransitions tells each viewer what they may do, with coded refusals and the inputs to ask for', async () => {
  const world = await aPipelineWorld(app.em());
  const id = await submittedProposal(world);
  const query = `query($id: ID!) { proposal(id: $id) { availableTransitions { event allowed refusals { code message } requiredInputs reasons } } }`;
  type Option = { event: string; allowed: boolean; refusals: Array<{ code: string; message: string }>; requiredInputs: string[]; reasons: string[] };
  const chair = await app.gql<{ proposal: { availableTransitions: Option[] } }>(query, { id }, { as: world.actors.groupChair.subject, headers: { 'accept-language': 'en' } });
  expect(chair.data!.proposal.availableTransitions).toEqual([
    {
      event: 'WITHDRAW',
      allowed: false,
      refusals: [{ code: 'NOT_YOUR_ROLE', message: 'Only the author or the coordinator may do this.' }],
      requiredInputs: ['REASON'],
      reasons: ['Only the author or the coordinator may do this.'],
    },
    // The button is drawn, and asks for the reason.
    { event: 'RETURN', allowed: true, refusals: [], requiredInputs: ['REASON'], reasons: [] },
    { event: 'RECOMMEND', allowed: true, refusals: [], requiredInputs: [], reasons: [] },
  ]);
  const author = await app.gql<{ proposal: { availableTransitions: Option[] } }>(query, { id }, { as: world.actors.author.subject });
  expect(author.data!.proposal.availableTransitions.find((t) => t.event === 'WITHDRAW')).toMatchObject({ allowed: true, requiredInputs: [] });
  const support = await app.gql<{ proposal: { availableTransitions: Array<{ event: string; allowed: boolean }> } }>(query, { id }, { as: world.actors.support.subject });
  expect(support.data!.proposal.availableTransitions.every((t) => !t.allowed)).toBe(true);
});

test('a draft is hidden from other bodies and the public; an approved proposal of a public group is public', async () => {
  const world = await aPipelineWorld(app.em());
  const created = await app.gql<{ createProposal: { id: string } }>(
    `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Návrh', summary: 'Shrnutí' } },
    { as: world.actors.author.subject },
  );
  const id = created.data!.createProposal.id;
  const read = (as?: string) => app.gql(`query($id: ID!) { proposal(id: $id) { state } }`, { id }, as ? { as } : {});
  expect(codes(await read())).toEqual(['NOT_FOUND']);
  expect(codes(await read(world.actors.steeringChair.subject))).toEqual(['NOT_FOUND']);
  expect(codes(await read(world.actors.support.subject))).toEqual(['NOT_FOUND']);
  expect((await read(world.actors.provider.subject)).errors).toBeUndefined();
  expect((await read(world.actors.coordinator.subject)).errors).toBeUndefined();
});
