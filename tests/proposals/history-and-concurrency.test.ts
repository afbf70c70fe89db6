import { BodyKind, MembershipRole, TriadSide } from '../../src/entities/enums';
import { WorkflowEvent } from '../../src/entities/workflow-event.entity';
import { aBody, aPerson, aSeat } from '../support/factories';
import { aPipelineWorld, type Actor, type PipelineWorld } from '../support/pipeline-world';
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

test('whoever holds a seat in a body that acted on a proposal keeps seeing it, in the list and alone; a chair of a body that never did sees it nowhere', async () => {
  const world = await aPipelineWorld(app.em());
  const { author, groupChair, steeringChair, commissionChair, councillor, clerk } = world.actors;
  // The chair of another working group under the same steering group: never the proposal's body.
  const otherGroup = await aBody(app.em(), world.area, BodyKind.WORKING_GROUP, { name: 'PS Děti a rodina', reportsTo: world.steering });
  const otherChair = await aPerson(app.em(), world.area, { name: 'Eva Jiná', subject: `other-chair-${world.area.id.slice(0, 8)}` });
  await aSeat(app.em(), otherGroup, otherChair, { role: MembershipRole.CHAIR, triadSide: TriadSide.COMMISSIONER });

  const id = await submittedProposal(world);
  let version = 2;
  const fire = async (as: Actor, event: string, extra: Record<string, string> = {}) => {
    const res = await app.gql(TRANSITION, { input: { proposalId: id, event, expectedVersion: version, ...extra } }, { as: as.subject });
    expect({ event, errors: res.errors }).toEqual({ event, errors: undefined });
    version += 1;
  };
  const LIST = `query($filter: ProposalFilter!) { proposals(filter: $filter, first: 100) { edges { node { id } } totalCount } }`;
  /** Whether the viewer finds the proposal in the area's list (and counts it), and may read it by id. */
  const sees = async (subject: string) => {
    const list = await app.gql<{ proposals: { edges: Array<{ node: { id: string } }>; totalCount: number } }>(LIST, { filter: { areaId: world.area.id } }, { as: subject });
    expect(list.errors).toBeUndefined();
    const listed = list.data!.proposals.edges.some((e) => e.node.id === id);
    expect(list.data!.proposals.totalCount).toBe(listed ? 1 : 0);
    const detail = await app.gql<{ proposal: { id: string } | null }>(`query($id: ID!) { proposal(id: $id) { id } }`, { id }, { as: subject });
    if (detail.errors) expect(codes(detail)).toEqual(['NOT_FOUND']);
    return { listed, read: detail.data?.proposal?.id === id };
  };
  const seen = { listed: true, read: true };
  const unseen = { listed: false, read: false };

  await fire(groupChair, 'RETURN', { reason: 'Doplnit rozpočet.' });
  await fire(author, 'SUBMIT');
  await fire(groupChair, 'RECOMMEND');
  // At the steering group: the commission has not handled it yet.
  expect(await sees(commissionChair!.subject)).toEqual(unseen);
  await fire(steeringChair, 'RETURN', { reason: 'Chybí stanovisko obcí.' });
  await fire(groupChair, 'RECOMMEND');
  await fire(steeringChair, 'RECOMMEND');
  await fire(commissionChair!, 'RECOMMEND');
  // At the council: the steering group and the commission see it only because they handled it.
  expect(await sees(steeringChair.subject)).toEqual(seen);
  expect(await sees(commissionChair!.subject)).toEqual(seen);
  expect(await sees(otherChair.subject!)).toEqual(unseen);
  // The council acts for the first time (its clerk returns it): its member still sees it back at the commission.
  await fire(clerk, 'RETURN', { reason: 'Vráceno radou.', resolutionNumber: 'RM/15/2026' });
  expect(await sees(councillor.subject)).toEqual(seen);
  expect(await sees(otherChair.subject!)).toEqual(unseen);

  // The bodies that handled it, kept beside the history: exactly the bodies of its events, each once, from its first event.
  const conn = app.em().getConnection();
  const handled = await conn.execute(`select body_id, first_seq from proposal_handled_body where proposal_id = ? order by first_seq`, [id]);
  expect(handled).toEqual([
    { body_id: world.group.id, first_seq: 2 },
    { body_id: world.steering.id, first_seq: 5 },
    { body_id: world.commission!.id, first_seq: 8 },
    { body_id: world.council.id, first_seq: 9 },
  ]);
  expect(handled).toEqual(
    await conn.execute(`select body_id, min(seq) as first_seq from workflow_event where proposal_id = ? and body_id is not null group by body_id order by first_seq`, [id]),
  );
});
