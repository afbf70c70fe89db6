import { Proposal } from '../../src/entities/proposal.entity';
import type { Organisation } from '../../src/entities/organisation.entity';
import { expectRefused, leakChecked, type Api } from '../support/api-assertions';
import { anOrganisation } from '../support/factories';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 12, defect 14: the conflict-of-interest rule compares organisations by identity. A seat or
 * a person record that refers to the organisation a proposal concerns is a conflict, however the
 * names are spelt; two organisations of a like name are two organisations.
 */

let app: TestApp;
let api: Api;
beforeAll(async () => {
  app = await startTestApp();
  api = leakChecked(app);
});
afterAll(async () => {
  await app.close();
});

const TRANSITION = `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }`;
const AVAILABLE = `query($id: ID!) { proposal(id: $id) { concernedOrganisation { id name } availableTransitions { event allowed reasons } } }`;
const CONFLICT_REASON = 'You represent the provider this proposal concerns (conflict of interest); someone else must record the recommendation.';

/** A proposal concerning `concerned`, submitted by the author: it waits for the working group's recommendation. */
async function submitted(world: PipelineWorld, concerned: Organisation): Promise<string> {
  const created = await api.gql<{ createProposal: { id: string } }>(
    `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Odlehčovací služba', summary: 'Rozšířit kapacitu.', concernedOrganisationId: concerned.id } },
    { as: world.actors.author.subject },
  );
  expect(created.errors).toBeUndefined();
  const id = created.data!.createProposal.id;
  expect((await api.gql(TRANSITION, { input: { proposalId: id, event: 'SUBMIT', expectedVersion: 1 } }, { as: world.actors.author.subject })).errors).toBeUndefined();
  return id;
}

const version = async (id: string): Promise<number> => (await app.em().findOneOrFail(Proposal, { id })).version;

/** The chair's RECOMMEND: refused with the conflict-of-interest reason (and nothing written), or done. */
async function chairRecommends(world: PipelineWorld, id: string, expected: 'REFUSED' | 'DONE'): Promise<void> {
  const input = { proposalId: id, event: 'RECOMMEND', expectedVersion: await version(id) };
  const as = { as: world.actors.groupChair.subject, headers: { 'accept-language': 'en' } };
  if (expected === 'REFUSED') {
    const res = await expectRefused(app, TRANSITION, { input }, as, 'TRANSITION_NOT_ALLOWED');
    expect(res.errors![0].extensions!.reasons).toEqual([CONFLICT_REASON]);
  } else {
    const res = await api.gql(TRANSITION, { input }, as);
    expect({ errors: res.errors, data: res.data }).toEqual({ errors: undefined, data: { transitionProposal: { state: 'STEERING_GROUP' } } });
  }
}

async function seatOrganisation(world: PipelineWorld, actor: keyof PipelineWorld['actors'], bodyId: string, organisation: Organisation): Promise<void> {
  await app.em().getConnection().execute(`update membership set organisation_id = ? where person_id = ? and body_id = ?`, [organisation.id, world.actors[actor]!.person.id, bodyId]);
}

test('the chair whose working-group seat represents the concerned organisation may not recommend; the coordinator may', async () => {
  const world = await aPipelineWorld(app.em());
  // Before, the seat said "Diakonie ČCE z.s." and the proposal "Diakonie ČCE z. s.", and the chair could recommend.
  const diakonie = await anOrganisation(app.em(), world.area, { name: 'Diakonie ČCE z. s.' });
  await seatOrganisation(world, 'groupChair', world.group.id, diakonie);
  const id = await submitted(world, diakonie);

  const seen = await api.gql<{ proposal: { concernedOrganisation: { id: string; name: string }; availableTransitions: Array<{ event: string; allowed: boolean; reasons: string[] }> } }>(
    AVAILABLE,
    { id },
    { as: world.actors.groupChair.subject, headers: { 'accept-language': 'en' } },
  );
  expect(seen.data!.proposal.concernedOrganisation).toEqual({ id: diakonie.id, name: 'Diakonie ČCE z. s.' });
  expect(seen.data!.proposal.availableTransitions.find((t) => t.event === 'RECOMMEND')).toEqual({ event: 'RECOMMEND', allowed: false, reasons: [CONFLICT_REASON] });

  await chairRecommends(world, id, 'REFUSED');
  const byCoordinator = await api.gql(TRANSITION, { input: { proposalId: id, event: 'RECOMMEND', expectedVersion: await version(id) } }, { as: world.actors.coordinator.subject });
  expect(byCoordinator.errors).toBeUndefined();
});

test("the chair whose person record refers to the concerned organisation may not recommend, whatever the seat says", async () => {
  const world = await aPipelineWorld(app.em());
  const diakonie = await anOrganisation(app.em(), world.area, { name: 'Diakonie ČCE z. s.' });
  await app.em().getConnection().execute(`update person set organisation_id = ? where id = ?`, [diakonie.id, world.actors.groupChair.person.id]);
  await chairRecommends(world, await submitted(world, diakonie), 'REFUSED');
});

test('two organisations of the same name are two organisations: no conflict', async () => {
  const world = await aPipelineWorld(app.em());
  // Two branches, both "Diakonie ČCE z. s.": the chair works for one, the proposal concerns the other.
  const chomutov = await anOrganisation(app.em(), world.area, { name: 'Diakonie ČCE z. s.' });
  const kadan = await anOrganisation(app.em(), world.area, { name: 'Diakonie ČCE z. s.' });
  await seatOrganisation(world, 'groupChair', world.group.id, chomutov);
  await app.em().getConnection().execute(`update person set organisation_id = ? where id = ?`, [chomutov.id, world.actors.groupChair.person.id]);
  await chairRecommends(world, await submitted(world, kadan), 'DONE');
});

test('representing the concerned organisation through a seat in another body is a conflict too (a member who represents the provider never casts the deciding recommendation)', async () => {
  const world = await aPipelineWorld(app.em());
  const diakonie = await anOrganisation(app.em(), world.area, { name: 'Diakonie ČCE z. s.' });
  await app.em().getConnection().execute(
    `insert into membership (area_id, id, body_id, person_id, role, triad_side, voting_right, valid_from, organisation_id)
     values (?, gen_random_uuid(), ?, ?, 'MEMBER', 'PROVIDER', true, '2020-01-01', ?)`,
    [world.area.id, world.steering.id, world.actors.groupChair.person.id, diakonie.id],
  );
  await chairRecommends(world, await submitted(world, diakonie), 'REFUSED');
});

test("a proposal's concerned organisation is one of its area; updateProposal changes and clears it", async () => {
  const world = await aPipelineWorld(app.em());
  const other = await aPipelineWorld(app.em());
  const foreign = await anOrganisation(app.em(), other.area, { name: 'Diakonie ČCE z. s.' });
  const own = await anOrganisation(app.em(), world.area, { name: 'Diakonie ČCE z. s.' });
  const CREATE = `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id version concernedOrganisation { id } } }`;
  const base = { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Návrh' };
  await expectRefused(app, CREATE, { input: { ...base, concernedOrganisationId: foreign.id } }, { as: world.actors.author.subject }, 'NOT_FOUND');
  const created = await api.gql<{ createProposal: { id: string; version: number } }>(CREATE, { input: base }, { as: world.actors.author.subject });
  const id = created.data!.createProposal.id;
  const UPDATE = `mutation($input: UpdateProposalInput!) { updateProposal(input: $input) { version concernedOrganisation { id } } }`;
  await expectRefused(app, UPDATE, { input: { proposalId: id, expectedVersion: 1, concernedOrganisationId: foreign.id } }, { as: world.actors.author.subject }, 'NOT_FOUND');
  const set = await api.gql(UPDATE, { input: { proposalId: id, expectedVersion: 1, concernedOrganisationId: own.id } }, { as: world.actors.author.subject });
  expect(set.data).toEqual({ updateProposal: { version: 2, concernedOrganisation: { id: own.id } } });
  const cleared = await api.gql(UPDATE, { input: { proposalId: id, expectedVersion: 2, concernedOrganisationId: null } }, { as: world.actors.author.subject });
  expect(cleared.data).toEqual({ updateProposal: { version: 3, concernedOrganisation: null } });
});

test("a person represents their own organisation without any seat: the coordinator whose person record names it may neither recommend nor change what the proposal concerns", async () => {
  const world = await aPipelineWorld(app.em());
  const diakonie = await anOrganisation(app.em(), world.area, { name: 'Diakonie ČCE z. s.' });
  const charita = await anOrganisation(app.em(), world.area, { name: 'Oblastní charita' });
  const { coordinator, author } = world.actors;
  // The coordinator holds no seat anywhere: only the person record ties them to the organisation.
  await app.em().getConnection().execute(`update person set organisation_id = ? where id = ?`, [diakonie.id, coordinator.person.id]);
  const id = await submitted(world, diakonie);
  const en = { as: coordinator.subject, headers: { 'accept-language': 'en' } };

  const recommend = await expectRefused(app, TRANSITION, { input: { proposalId: id, event: 'RECOMMEND', expectedVersion: await version(id) } }, en, 'TRANSITION_NOT_ALLOWED');
  expect(recommend.errors![0].extensions!.reasons).toEqual([CONFLICT_REASON]);

  const UPDATE = `mutation($input: UpdateProposalInput!) { updateProposal(input: $input) { version concernedOrganisation { id } } }`;
  // Neither away from the organisation they represent, nor (for the author) to it.
  await expectRefused(app, UPDATE, { input: { proposalId: id, expectedVersion: await version(id), concernedOrganisationId: charita.id } }, en, 'FORBIDDEN');
  await app.em().getConnection().execute(`update person set organisation_id = ? where id = ?`, [charita.id, author.person.id]);
  const draft = await api.gql<{ createProposal: { id: string; version: number } }>(
    `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id version } }`,
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Jiný návrh' } },
    { as: author.subject },
  );
  await expectRefused(app, UPDATE, { input: { proposalId: draft.data!.createProposal.id, expectedVersion: 1, concernedOrganisationId: charita.id } }, { as: author.subject }, 'FORBIDDEN');
  // Someone who represents neither may change it.
  const byOther = await api.gql(UPDATE, { input: { proposalId: draft.data!.createProposal.id, expectedVersion: 1, concernedOrganisationId: diakonie.id } }, { as: author.subject });
  expect(byOther.data).toEqual({ updateProposal: { version: 2, concernedOrganisation: { id: diakonie.id } } });
});
