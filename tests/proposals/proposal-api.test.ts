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
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Odlehčovací služba', summary: 'Rozšířit kapacitu.' } },
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
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'T', summary: 'S' } },
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
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'T', summary: 'S' } },
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

test('the list a dashboard needs: by phase, by author, "mine", oldest first, paged in either order', async () => {
  const world = await aPipelineWorld(app.em());
  const draft = async (who: 'author' | 'provider', title: string) => {
    const res = await app.gql<{ createProposal: { id: string } }>(CREATE, { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title, summary: 'S' } }, { as: world.actors[who].subject });
    expect(res.errors).toBeUndefined();
    return res.data!.createProposal.id;
  };
  const submit = async (id: string, who: 'author' | 'provider') =>
    expect((await app.gql(TRANSITION, { input: { proposalId: id, event: 'SUBMIT', expectedVersion: 1 } }, { as: world.actors[who].subject })).errors).toBeUndefined();
  const a1 = await draft('author', 'Odlehčovací služba');
  const a2 = await draft('author', 'Sociální šatník');
  const p1 = await draft('provider', 'Terénní program');
  const a3 = await draft('author', 'Dluhová poradna');
  const p2 = await draft('provider', 'Krizové lůžko');
  await submit(a2, 'author');
  await submit(p2, 'provider');

  const LIST = `query($filter: ProposalFilter!, $first: Int!, $after: String, $orderBy: ProposalOrder) { proposals(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    edges { node { id phase } } pageInfo { hasNextPage endCursor } totalCount } }`;
  type List = { proposals: { edges: Array<{ node: { id: string; phase: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number } };
  const list = async (filter: Record<string, unknown>, as: string, orderBy?: string, first = 20, after: string | null = null) => {
    const res = await app.gql<List>(LIST, { filter: { areaId: world.area.id, ...filter }, first, after, orderBy }, { as });
    expect(res.errors).toBeUndefined();
    return res.data!.proposals;
  };
  const ids = (page: List['proposals']) => page.edges.map((e) => e.node.id);
  const coordinator = world.actors.coordinator.subject;
  const rows = await app.em().getConnection().execute<Array<{ id: string }>>('select id from proposal where area_id = ? order by created_at desc, id desc', [world.area.id]);
  const newest = rows.map((r) => r.id);
  expect(new Set(newest)).toEqual(new Set([a1, a2, a3, p1, p2]));

  expect(ids(await list({}, coordinator))).toEqual(newest);
  expect(ids(await list({}, coordinator, 'OLDEST'))).toEqual([...newest].reverse());
  // Two at a time, oldest first: every one once, in order, the cursor of one order serving that order.
  const pages = [await list({}, coordinator, 'OLDEST', 2)];
  while (pages.at(-1)!.pageInfo.hasNextPage) pages.push(await list({}, coordinator, 'OLDEST', 2, pages.at(-1)!.pageInfo.endCursor));
  expect(pages.map(ids)).toEqual([[...newest].reverse().slice(0, 2), [...newest].reverse().slice(2, 4), [...newest].reverse().slice(4)]);

  const inReview = await list({ phase: 'IN_REVIEW' }, coordinator);
  expect([new Set(ids(inReview)), inReview.totalCount, inReview.edges.every((e) => e.node.phase === 'IN_REVIEW')]).toEqual([new Set([a2, p2]), 2, true]);
  expect(new Set(ids(await list({ phase: 'DRAFT' }, coordinator)))).toEqual(new Set([a1, a3, p1]));
  expect(ids(await list({ authorPersonId: world.actors.provider.person.id }, coordinator))).toEqual(newest.filter((id) => [p1, p2].includes(id)));
  expect(ids(await list({ authorPersonId: world.actors.provider.person.id, phase: 'DRAFT' }, coordinator))).toEqual([p1]);
  const mine = await list({ authoredByMe: true }, world.actors.author.subject);
  expect([ids(mine), mine.totalCount]).toEqual([newest.filter((id) => [a1, a2, a3].includes(id)), 3]);
  // The coordinator authored none; someone with no person in the area authored nothing there.
  expect((await list({ authoredByMe: true }, coordinator)).totalCount).toBe(0);
  expect((await list({ authoredByMe: true }, world.actors.outsider.subject)).edges).toEqual([]);
  // A phase that is not one, an author id that is not an id: refused as input.
  expect(codes(await app.gql(LIST, { filter: { areaId: world.area.id, phase: 'DONE' }, first: 5 }, { as: coordinator }))).toEqual(['BAD_USER_INPUT']);
  expect(codes(await app.gql(LIST, { filter: { areaId: world.area.id, authorPersonId: 'author-1' }, first: 5 }, { as: coordinator }))).toEqual(['BAD_USER_INPUT']);
});
