import { Proposal } from '../../src/entities/proposal.entity';
import { WorkflowEvent } from '../../src/entities/workflow-event.entity';
import { aPipelineWorld } from '../support/pipeline-world';
import { codes, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const CREATE = `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id state version stageLabel } }`;
const TRANSITION = `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { id state version } }`;
const AVAILABLE = `query($id: ID!) { proposal(id: $id) { state version availableTransitions { event target allowed reasons } } }`;

interface Available {
  proposal: { state: string; version: number; availableTransitions: Array<{ event: string; target: string; allowed: boolean; reasons: string[] }> };
}

test('a draft goes to the working group, and the triad rule names the missing side', async () => {
  const world = await aPipelineWorld(app.em());
  const created = await app.gql<{ createProposal: { id: string; state: string; version: number; stageLabel: string } }>(
    CREATE,
    { input: { workingGroupId: world.group.id, kind: 'MEASURE', title: 'Odlehčovací služba', summary: 'Rozšířit kapacitu.' } },
    { as: world.actors.author.subject },
  );
  expect(created.errors).toBeUndefined();
  const id = created.data!.createProposal.id;
  expect(created.data!.createProposal).toMatchObject({ state: 'DRAFT', version: 1, stageLabel: 'Návrh' });

  const submitted = await app.gql(TRANSITION, { input: { proposalId: id, event: 'SUBMIT', expectedVersion: 1 } }, { as: world.actors.author.subject });
  expect(submitted.errors).toBeUndefined();

  // The provider member is the only provider; end the seat by making them a guest-less group: remove the provider's vote.
  const em = app.em();
  await em.getConnection().execute(`update membership set voting_right = false where person_id = ?`, [world.actors.provider.person.id]);
  const seen = await app.gql<Available>(AVAILABLE, { id }, { as: world.actors.groupChair.subject, headers: { 'accept-language': 'en' } });
  const recommend = seen.data!.proposal.availableTransitions.find((t) => t.event === 'RECOMMEND');
  expect(recommend).toEqual({ event: 'RECOMMEND', target: 'STEERING_GROUP', allowed: false, reasons: ['No voting member for the provider side.'] });

  const refused = await app.gql(TRANSITION, { input: { proposalId: id, event: 'RECOMMEND', expectedVersion: 2 } }, { as: world.actors.groupChair.subject });
  expect(codes(refused)).toEqual(['TRANSITION_NOT_ALLOWED']);
  expect(refused.errors![0].extensions!.reasons).toEqual(['Chybí člen za stranu poskytovatelů s hlasem.']);
  expect(await app.em().count(WorkflowEvent, { proposalId: id })).toBe(1);

  await em.getConnection().execute(`update membership set voting_right = true where person_id = ?`, [world.actors.provider.person.id]);
  const recommended = await app.gql<{ transitionProposal: { state: string; version: number } }>(
    TRANSITION,
    { input: { proposalId: id, event: 'RECOMMEND', expectedVersion: 2 } },
    { as: world.actors.groupChair.subject },
  );
  expect(recommended.errors).toBeUndefined();
  expect(recommended.data!.transitionProposal).toEqual({ id, state: 'STEERING_GROUP', version: 3 });
  const row = await app.em().findOneOrFail(Proposal, { id });
  expect(row.state).toBe('STEERING_GROUP');
  expect(row.currentBody?.id).toBe(world.steering.id);
});

test('a stale version is a CONFLICT and writes nothing', async () => {
  const world = await aPipelineWorld(app.em());
  const created = await app.gql<{ createProposal: { id: string } }>(
    CREATE,
    { input: { workingGroupId: world.group.id, kind: 'MEASURE', title: 'T', summary: 'S' } },
    { as: world.actors.author.subject },
  );
  const id = created.data!.createProposal.id;
  const stale = await app.gql(TRANSITION, { input: { proposalId: id, event: 'SUBMIT', expectedVersion: 7 } }, { as: world.actors.author.subject });
  expect(codes(stale)).toEqual(['CONFLICT']);
  expect(await app.em().count(WorkflowEvent, { proposalId: id })).toBe(0);
});

test('the transition result carries the new history event, as a non-manager sees it', async () => {
  const world = await aPipelineWorld(app.em());
  const created = await app.gql<{ createProposal: { id: string } }>(
    CREATE,
    { input: { workingGroupId: world.group.id, kind: 'MEASURE', title: 'T', summary: 'S' } },
    { as: world.actors.author.subject },
  );
  const id = created.data!.createProposal.id;
  await app.gql(TRANSITION, { input: { proposalId: id, event: 'SUBMIT', expectedVersion: 1 } }, { as: world.actors.author.subject });
  await app.gql(TRANSITION, { input: { proposalId: id, event: 'RECOMMEND', expectedVersion: 2 } }, { as: world.actors.groupChair.subject });
  // The steering chair sees the proposal through the bodies that handled it, i.e. through its history.
  const res = await app.gql<{ transitionProposal: { history: Array<{ event: string; actorRole: string; actorTriadSide: string }> } }>(
    `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { history { event actorRole actorTriadSide } } }`,
    { input: { proposalId: id, event: 'RECOMMEND', expectedVersion: 3 } },
    { as: world.actors.steeringChair.subject },
  );
  expect(res.data!.transitionProposal.history).toEqual([
    { event: 'SUBMIT', actorRole: 'AUTHOR', actorTriadSide: 'SERVICE_USER' },
    { event: 'RECOMMEND', actorRole: 'CHAIR', actorTriadSide: 'COMMISSIONER' },
    { event: 'RECOMMEND', actorRole: 'CHAIR', actorTriadSide: 'COMMISSIONER' },
  ]);
});
