import { AreaRole } from '../../src/entities/area-role.entity';
import { BodyKind, MembershipRole } from '../../src/entities/enums';
import { Membership } from '../../src/entities/membership.entity';
import { Proposal } from '../../src/entities/proposal.entity';
import { WorkflowEvent } from '../../src/entities/workflow-event.entity';
import { aBody, aPerson } from '../support/factories';
import { aPipelineWorld, aSubmittedProposal, type Actor, type PipelineWorld } from '../support/pipeline-world';
import { atOnce, outcome, RACERS } from '../support/races';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Proposals and the organisation under concurrency: twenty identical and twenty conflicting calls
 * at once of transitions, draft edits, seats and role grants. Exactly the allowed effects happen,
 * every other call is CONFLICT or TRANSITION_NOT_ALLOWED, never a 500 or a 503, and every history
 * verifies.
 */

let app: TestApp;
let world: PipelineWorld;

beforeAll(async () => {
  app = await startTestApp();
  world = await aPipelineWorld(app.em());
});
afterAll(async () => {
  await app.close();
});

const TRANSITION = `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state version } }`;
const VERIFY = `query($id: ID!) { verifyHistory(proposalId: $id) { valid checkedEvents } }`;
type Moved = { transitionProposal: { state: string; version: number } };

const as = (actor: Actor) => ({ as: actor.subject });

async function historyOf(id: string): Promise<{ valid: boolean; checkedEvents: number }> {
  const res = await app.gql<{ verifyHistory: { valid: boolean; checkedEvents: number } }>(VERIFY, { id }, as(world.actors.coordinator));
  return res.data!.verifyHistory;
}

test('a transition sent twenty times at once at one version: one wins, nineteen CONFLICT; with one idempotency key all twenty get the one answer', async () => {
  const plain = await aSubmittedProposal(app.url, world, 'Odlehčovací služba');
  const input = { proposalId: plain, event: 'RETURN', expectedVersion: 2, reason: 'Doplňte rozpočet.' };
  const race = outcome(await atOnce(RACERS, () => app.gql<Moved>(TRANSITION, { input }, as(world.actors.coordinator))));
  expect(race.won.map((w) => w.data)).toEqual([{ transitionProposal: { state: 'DRAFT', version: 3 } }]);
  expect(race.refused).toEqual(Array(RACERS - 1).fill('CONFLICT'));
  expect(await historyOf(plain)).toEqual({ valid: true, checkedEvents: 2 });

  const keyed = await aSubmittedProposal(app.url, world, 'Sociální šatník');
  const once = { proposalId: keyed, event: 'RETURN', expectedVersion: 2, reason: 'Doplňte rozpočet.', idempotencyKey: `race-${keyed}` };
  const retried = outcome(await atOnce(RACERS, () => app.gql<Moved>(TRANSITION, { input: once }, as(world.actors.coordinator))));
  expect(retried.won.map((w) => w.data)).toEqual(Array(RACERS).fill({ transitionProposal: { state: 'DRAFT', version: 3 } }));
  expect(await historyOf(keyed)).toEqual({ valid: true, checkedEvents: 2 });
});

test('twenty different transitions at once at one version (return, recommend, withdraw, by whoever may): one wins, the rest are refused', async () => {
  const id = await aSubmittedProposal(app.url, world, 'Terénní program');
  const moves: Array<{ actor: Actor; input: Record<string, unknown>; to: string }> = [
    { actor: world.actors.coordinator, input: { event: 'RETURN', reason: 'Doplňte rozpočet.' }, to: 'DRAFT' },
    { actor: world.actors.groupChair, input: { event: 'RECOMMEND' }, to: 'STEERING_GROUP' },
    { actor: world.actors.author, input: { event: 'WITHDRAW' }, to: 'WITHDRAWN' },
    { actor: world.actors.coordinator, input: { event: 'RECOMMEND' }, to: 'STEERING_GROUP' },
  ];
  const race = outcome(
    await atOnce(RACERS, (i) => {
      const move = moves[i % moves.length];
      return app.gql<Moved>(TRANSITION, { input: { proposalId: id, expectedVersion: 2, ...move.input } }, as(move.actor));
    }),
  );
  expect(race.won).toHaveLength(1);
  expect(race.refused).toHaveLength(RACERS - 1);
  const winner = moves[race.won[0].index % moves.length];
  const stored = await app.em().findOneOrFail(Proposal, { id });
  expect([stored.state, stored.version]).toEqual([winner.to, 3]);
  const events = await app.em().find(WorkflowEvent, { proposalId: id }, { orderBy: { seq: 'asc' } });
  expect(events.map((e) => [e.event, e.actorId])).toEqual([
    ['SUBMIT', world.actors.author.person.id],
    [winner.input.event, winner.actor.person.id],
  ]);
  expect(await historyOf(id)).toEqual({ valid: true, checkedEvents: 2 });
});

test('a draft edited twenty times at once at one version, the same and then different: one edit lands, nineteen CONFLICT', async () => {
  const UPDATE = `mutation($input: UpdateProposalInput!) { updateProposal(input: $input) { title version } }`;
  const CREATE = `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`;
  const created = await app.gql<{ createProposal: { id: string } }>(CREATE, { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Koncept' } }, as(world.actors.author));
  const id = created.data!.createProposal.id;
  const same = outcome(await atOnce(RACERS, () => app.gql(UPDATE, { input: { proposalId: id, expectedVersion: 1, title: 'Koncept 2' } }, as(world.actors.author))));
  expect([same.won.map((w) => w.data), same.refused]).toEqual([[{ updateProposal: { title: 'Koncept 2', version: 2 } }], Array(RACERS - 1).fill('CONFLICT')]);
  const different = outcome(await atOnce(RACERS, (i) => app.gql(UPDATE, { input: { proposalId: id, expectedVersion: 2, title: `Verze ${i}` } }, as(world.actors.author))));
  expect([different.won.length, different.refused]).toEqual([1, Array(RACERS - 1).fill('CONFLICT')]);
  const stored = await app.em().findOneOrFail(Proposal, { id });
  expect([stored.title, stored.version]).toEqual([`Verze ${different.won[0].index}`, 3]);
});

test('seats added and ended twenty at a time: one seat per person and period, one chair, one ending; the rest CONFLICT', async () => {
  const ADD = `mutation($input: AddMembershipInput!) { addMembership(input: $input) { memberships { id person { id } } } }`;
  const END = `mutation($input: EndMembershipInput!) { endMembership(input: $input) { id } }`;
  const body = await aBody(app.em(), world.area, BodyKind.WORKING_GROUP, { name: 'PS Rodina', reportsTo: world.steering });
  const people = await Promise.all(Array.from({ length: RACERS }, (_v, i) => aPerson(app.em(), world.area, { name: `Kandidát ${i + 1}` })));

  const seat = (personId: string, role: string) => ({ bodyId: body.id, personId, role, triadSide: 'PROVIDER' });
  const same = outcome(await atOnce(RACERS, () => app.gql<{ addMembership: { memberships: Array<{ id: string; person: { id: string } }> } }>(ADD, { input: seat(people[0].id, 'MEMBER') }, as(world.actors.coordinator))));
  expect([same.won.length, same.refused]).toEqual([1, Array(RACERS - 1).fill('CONFLICT')]);

  const chairs = outcome(await atOnce(RACERS, (i) => app.gql(ADD, { input: seat(people[i].id, 'CHAIR') }, as(world.actors.coordinator))));
  // The first person already sits there, so their call is refused whether or not another chair came first.
  expect([chairs.won.length, chairs.refused]).toEqual([1, Array(RACERS - 1).fill('CONFLICT')]);
  const seats = await app.em().find(Membership, { body: body.id });
  expect(seats.filter((m) => m.role === MembershipRole.CHAIR)).toHaveLength(1);
  expect(seats).toHaveLength(2);

  const ended = outcome(await atOnce(RACERS, () => app.gql(END, { input: { membershipId: same.won[0].data.addMembership.memberships.find((m) => m.person.id === people[0].id)!.id } }, as(world.actors.coordinator))));
  expect([ended.won.length, ended.refused]).toEqual([1, Array(RACERS - 1).fill('CONFLICT')]);
});

test('an area role granted twenty times at once, the same term and overlapping ones: one term is held, every caller is answered with it', async () => {
  const GRANT = `mutation($input: GrantAreaRoleInput!) { grantAreaRole(input: $input) { id role validFrom } }`;
  type Granted = { grantAreaRole: { id: string; role: string; validFrom: string } };
  const person = await aPerson(app.em(), world.area, { name: 'Nová podpora' });
  const grant = (validFrom: string) => ({ input: { areaId: world.area.id, personId: person.id, role: 'SUPPORT', validFrom } });

  const same = outcome(await atOnce(RACERS, () => app.gql<Granted>(GRANT, grant('2026-01-01'), as(world.actors.coordinator))));
  expect(new Set(same.won.map((w) => w.data.grantAreaRole.id)).size).toBe(1);
  expect(same.won).toHaveLength(RACERS);

  const other = await aPerson(app.em(), world.area, { name: 'Další podpora' });
  const overlapping = outcome(
    await atOnce(RACERS, (i) =>
      app.gql<Granted>(GRANT, { input: { ...grant(`2026-02-${String(i + 1).padStart(2, '0')}`).input, personId: other.id } }, as(world.actors.coordinator)),
    ),
  );
  expect(overlapping.won).toHaveLength(RACERS);
  expect(new Set(overlapping.won.map((w) => w.data.grantAreaRole.id)).size).toBe(1);
  expect(await app.em().count(AreaRole, { person: { $in: [person.id, other.id] } })).toBe(2);
});
