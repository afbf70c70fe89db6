import { Proposal } from '../../src/entities/proposal.entity';
import { anOrganisation } from '../support/factories';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { dbFingerprint } from '../support/db-fingerprint';
import { codes, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const TRANSITION = `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state version councilResolution assemblyResolution commissionRecommendation } }`;

async function draft(world: PipelineWorld, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await app.gql<{ createProposal: { id: string } }>(
    `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Návrh', summary: 'Shrnutí', ...extra } },
    { as: world.actors.author.subject },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.createProposal.id;
}

async function fire(world: PipelineWorld, id: string, steps: Array<[keyof PipelineWorld['actors'], string, Record<string, unknown>?]>) {
  for (const [who, event, extra] of steps) {
    const current = await app.em().findOneOrFail(Proposal, { id });
    const res = await app.gql(TRANSITION, { input: { proposalId: id, event, expectedVersion: current.version, ...extra } }, { as: world.actors[who]!.subject });
    expect({ event, errors: res.errors }).toEqual({ event, errors: undefined });
  }
}

async function refusedWith(world: PipelineWorld, id: string, who: keyof PipelineWorld['actors'], event: string, extra: Record<string, unknown>, reasons: string[]) {
  const current = await app.em().findOneOrFail(Proposal, { id });
  const before = await dbFingerprint(app.em());
  const res = await app.gql(TRANSITION, { input: { proposalId: id, event, expectedVersion: current.version, ...extra } }, { as: world.actors[who]!.subject, headers: { 'accept-language': 'en' } });
  expect({ codes: codes(res), reasons: res.errors?.[0]?.extensions?.reasons }).toEqual({ codes: ['TRANSITION_NOT_ALLOWED'], reasons });
  expect(await dbFingerprint(app.em())).toEqual(before);
}

const TO_COUNCIL: Array<[keyof PipelineWorld['actors'], string]> = [
  ['author', 'SUBMIT'],
  ['groupChair', 'RECOMMEND'],
  ['steeringChair', 'RECOMMEND'],
  ['commissionChair', 'RECOMMEND'],
];

test('every RETURN needs a reason and goes one stage down', async () => {
  const world = await aPipelineWorld(app.em());
  const id = await draft(world);
  await fire(world, id, [['author', 'SUBMIT']]);
  await refusedWith(world, id, 'groupChair', 'RETURN', {}, ['A reason is required.']);
  await fire(world, id, [['groupChair', 'RETURN', { reason: 'Doplnit rozpočet' }], ['author', 'SUBMIT'], ['groupChair', 'RECOMMEND']]);
  await fire(world, id, [['steeringChair', 'RETURN', { reason: 'Chybí stanovisko obcí' }]]);
  expect((await app.em().findOneOrFail(Proposal, { id })).state).toBe('WORKING_GROUP');
  await fire(world, id, [['groupChair', 'RECOMMEND'], ['steeringChair', 'RECOMMEND'], ['commissionChair', 'RETURN', { reason: 'Upřesnit cílovou skupinu' }]]);
  expect((await app.em().findOneOrFail(Proposal, { id })).state).toBe('STEERING_GROUP');
  await fire(world, id, [['steeringChair', 'RECOMMEND'], ['commissionChair', 'RECOMMEND']]);
  await refusedWith(world, id, 'clerk', 'RETURN', { reason: 'Vráceno' }, ['A resolution number is required.']);
  await fire(world, id, [['clerk', 'RETURN', { reason: 'Vráceno radou', resolutionNumber: 'RM/77/2026' }]]);
  expect((await app.em().findOneOrFail(Proposal, { id })).state).toBe('SOCIAL_COMMISSION');
});

test('the commission records its recommendation; the council its resolution number', async () => {
  const world = await aPipelineWorld(app.em());
  const id = await draft(world);
  await fire(world, id, TO_COUNCIL);
  await refusedWith(world, id, 'clerk', 'APPROVE', {}, ['A resolution number is required.']);
  await fire(world, id, [['clerk', 'APPROVE', { resolutionNumber: 'RM/12/2026' }]]);
  const row = await app.em().findOneOrFail(Proposal, { id });
  expect({ state: row.state, councilResolution: row.councilResolution, commissionRecommendation: row.commissionRecommendation }).toEqual({
    state: 'APPROVED',
    councilResolution: 'RM/12/2026',
    commissionRecommendation: 'RECOMMENDED',
  });
});

test('a PLAN is never approved by the council, only by the assembly', async () => {
  const world = await aPipelineWorld(app.em());
  const plan = await app.gql<{ createPlan: { proposalId: string } }>(
    `mutation($input: CreatePlanInput!) { createPlan(input: $input) { proposalId } }`,
    { input: { areaId: world.area.id, title: 'Střednědobý plán 2027–2029', yearFrom: 2027, yearTo: 2029, workingGroupBodyId: world.group.id } },
    { as: world.actors.coordinator.subject },
  );
  const id = plan.data!.createPlan.proposalId;
  // The plan's proposal is the coordinator's: they submit it.
  await fire(world, id, [['coordinator', 'SUBMIT'], ...TO_COUNCIL.slice(1)]);
  await refusedWith(world, id, 'clerk', 'APPROVE', { resolutionNumber: 'RM/1/2026' }, ['A plan is approved by the assembly, never by the council.']);
  await fire(world, id, [['clerk', 'REFER_TO_ASSEMBLY', { resolutionNumber: 'RM/2/2026' }], ['clerk', 'APPROVE', { resolutionNumber: 'ZM/5/2026' }]]);
  const row = await app.em().findOneOrFail(Proposal, { id });
  expect([row.state, row.councilResolution, row.assemblyResolution]).toEqual(['APPROVED', 'RM/2/2026', 'ZM/5/2026']);
});

test('conflict of interest: the chair representing the concerned provider cannot recommend; the coordinator can', async () => {
  const world = await aPipelineWorld(app.em());
  const domov = await anOrganisation(app.em(), world.area, { name: 'Domov Na Stráni, o.p.s.' });
  await app.em().getConnection().execute(`update membership set organisation_id = ? where person_id = ?`, [domov.id, world.actors.groupChair.person.id]);
  const id = await draft(world, { concernedOrganisationId: domov.id });
  await fire(world, id, [['author', 'SUBMIT']]);
  await refusedWith(world, id, 'groupChair', 'RECOMMEND', {}, [
    'You represent the provider this proposal concerns (conflict of interest); someone else must record the recommendation.',
  ]);
  await fire(world, id, [['coordinator', 'RECOMMEND']]);
});

test('withdrawing: the author without a reason, the coordinator only with one', async () => {
  const world = await aPipelineWorld(app.em());
  const own = await draft(world);
  await fire(world, own, [['author', 'WITHDRAW']]);
  const other = await draft(world);
  await refusedWith(world, other, 'coordinator', 'WITHDRAW', {}, ['A reason is required when you are not the author.']);
  await fire(world, other, [['coordinator', 'WITHDRAW', { reason: 'Duplicitní návrh' }]]);
  const none = await draft(world, { summary: null });
  await refusedWith(world, none, 'author', 'SUBMIT', {}, ['The proposal needs a summary.']);
});

test('updateProposal: the author edits a draft with its version; others are refused; a submitted one is frozen', async () => {
  const world = await aPipelineWorld(app.em());
  const id = await draft(world);
  const UPDATE = `mutation($input: UpdateProposalInput!) { updateProposal(input: $input) { title version } }`;
  const ok = await app.gql(UPDATE, { input: { proposalId: id, expectedVersion: 1, title: 'Nový název' } }, { as: world.actors.author.subject });
  expect(ok.data).toEqual({ updateProposal: { title: 'Nový název', version: 2 } });
  expect(codes(await app.gql(UPDATE, { input: { proposalId: id, expectedVersion: 1, title: 'Zastaralé' } }, { as: world.actors.author.subject }))).toEqual(['CONFLICT']);
  expect(codes(await app.gql(UPDATE, { input: { proposalId: id, expectedVersion: 2, title: 'Cizí' } }, { as: world.actors.provider.subject }))).toEqual(['FORBIDDEN']);
  expect(codes(await app.gql(UPDATE, { input: { proposalId: id, expectedVersion: 2, title: 'Anonym' } }))).toEqual(['UNAUTHENTICATED']);
  await fire(world, id, [['author', 'SUBMIT']]);
  expect(codes(await app.gql(UPDATE, { input: { proposalId: id, expectedVersion: 3, title: 'Pozdě' } }, { as: world.actors.author.subject }))).toEqual(['TRANSITION_NOT_ALLOWED']);
  expect((await app.em().findOneOrFail(Proposal, { id })).title).toBe('Nový název');
});

test('proposals lists with filters, paging and totalCount; the public sees only approved proposals of public groups', async () => {
  const world = await aPipelineWorld(app.em());
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push(await draft(world, { title: `Opatření ${i}` }));
  await fire(world, ids[0], [...TO_COUNCIL, ['clerk', 'APPROVE', { resolutionNumber: 'RM/3/2026' }]]);
  await fire(world, ids[1], [['author', 'SUBMIT']]);
  const LIST = `query($filter: ProposalFilter!, $first: Int!, $after: String) { proposals(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id title state stageLabel } } } }`;
  type List = { proposals: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: { id: string; state: string } }> } };
  const page1 = await app.gql<List>(LIST, { filter: { areaId: world.area.id }, first: 3 }, { as: world.actors.coordinator.subject });
  expect(page1.data!.proposals.totalCount).toBe(5);
  expect(page1.data!.proposals.edges).toHaveLength(3);
  const page2 = await app.gql<List>(LIST, { filter: { areaId: world.area.id }, first: 3, after: page1.data!.proposals.pageInfo.endCursor }, { as: world.actors.coordinator.subject });
  expect(page2.data!.proposals.pageInfo.hasNextPage).toBe(false);
  expect(new Set([...page1.data!.proposals.edges, ...page2.data!.proposals.edges].map((e) => e.node.id))).toEqual(new Set(ids));

  const drafts = await app.gql<List>(LIST, { filter: { areaId: world.area.id, state: 'DRAFT', text: 'opatření' }, first: 10 }, { as: world.actors.coordinator.subject });
  expect(drafts.data!.proposals.totalCount).toBe(3);
  const publicList = await app.gql<List>(LIST, { filter: { areaId: world.area.id }, first: 10 });
  expect(publicList.data!.proposals.edges.map((e) => e.node.id)).toEqual([ids[0]]);
  const support = await app.gql<List>(LIST, { filter: { areaId: world.area.id }, first: 10 }, { as: world.actors.support.subject });
  expect(new Set(support.data!.proposals.edges.map((e) => e.node.id))).toEqual(new Set([ids[0], ids[1]]));
  expect(codes(await app.gql(LIST, { filter: { areaId: world.area.id }, first: 101 }))).toEqual(['BAD_USER_INPUT']);
});

test('workflowDefinitions describe every definition with labels and a Mermaid diagram', async () => {
  const res = await app.gql<{ workflowDefinitions: Array<{ key: string; version: number; stages: Array<{ key: string; label: string }>; mermaid: string }> }>(
    '{ workflowDefinitions { key version stages { key label } transitions { event from to guards { name params } } mermaid } }',
  );
  // Templates first, by key and version.
  const keys = res.data!.workflowDefinitions.map((d) => `${d.key}@${d.version}`);
  expect(keys).toEqual(['cesky-krumlov@1', 'cesky-krumlov@2', 'cesky-krumlov@3', 'novy-jicin@1', 'novy-jicin@2', 'novy-jicin@3', 'standard@1', 'standard@2', 'standard@3']);
  const krumlov = res.data!.workflowDefinitions.find((d) => d.key === 'cesky-krumlov')!;
  expect(krumlov.stages.find((s) => s.key === 'STEERING_GROUP')!.label).toBe('MS – manažerská skupina');
  expect(krumlov.mermaid.split('\n')[0]).toBe('stateDiagram-v2');
  expect(krumlov.mermaid).toContain('SOCIAL_COMMISSION --> COUNCIL : RECOMMEND');
});
