import { AgendaItem } from '../../src/entities/agenda-item.entity';
import { Minutes } from '../../src/entities/minutes.entity';
import { MeetingStatus, ProposalKind, ProposalPhase } from '../../src/entities/enums';
import { Proposal } from '../../src/entities/proposal.entity';
import type { Body } from '../../src/entities/body.entity';
import type { Person } from '../../src/entities/person.entity';
import { shippedWorkflows } from '../../src/workflows/workflow-registry';
import { aMeetingOf } from '../support/factories';
import { aPipelineWorld, allActors, type PipelineWorld } from '../support/pipeline-world';
import { codes, startTestApp, type TestApp } from '../support/test-app';

// The desk lists, for each person of the pipeline, exactly what the rest of the API says they may
// do: the proposals whose `availableTransitions` allow them something (with those events), their
// own proposals waiting on a body, and the meetings and minutes the meeting workflow lets them move.

let app: TestApp;
let world: PipelineWorld;
const ids: Record<string, string> = {};

const DESK = `query($first: Int!, $after: String, $rest: Int = 100) {
  myDesk {
    proposalsToMove(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { proposal { id title state } transitions { event allowed requiredInputs } } }
    }
    proposalsWaiting(first: $rest) { totalCount edges { node { proposal { id state } waitingOn { id kind } } } }
    meetingsToRun(first: $rest) { totalCount edges { node { meeting { id status } body { id } events { event allowed refusals { code } requiredInputs } } } }
    minutesDue(first: $rest) { totalCount edges { node { meeting { id status } event dueOn overdue } } }
    materialsDue(first: $rest) { totalCount edges { node { item { id title } meeting { id } dueOn overdue } } }
  }
}`;

const LIST = `query($filter: ProposalFilter!) {
  proposals(filter: $filter, first: 100) { totalCount edges { node { id availableTransitions { event allowed requiredInputs } } } }
}`;

interface Desk {
  proposalsToMove: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ cursor: string; node: { proposal: { id: string; title: string; state: string }; transitions: Array<{ event: string; allowed: boolean; requiredInputs: string[] }> } }>;
  };
  proposalsWaiting: { totalCount: number; edges: Array<{ node: { proposal: { id: string; state: string }; waitingOn: { id: string; kind: string } } }> };
  meetingsToRun: { totalCount: number; edges: Array<{ node: { meeting: { id: string; status: string }; events: Array<{ event: string; allowed: boolean; refusals: Array<{ code: string }>; requiredInputs: string[] }> } }> };
  minutesDue: { totalCount: number; edges: Array<{ node: { meeting: { id: string; status: string }; event: string; dueOn: string; overdue: boolean } }> };
  materialsDue: { totalCount: number; edges: Array<{ node: { item: { id: string }; meeting: { id: string }; dueOn: string; overdue: boolean } }> };
}

interface ListData {
  proposals: { totalCount: number; edges: Array<{ node: { id: string; availableTransitions: Array<{ event: string; allowed: boolean; requiredInputs: string[] }> } }> };
}

async function deskOf(subject: string, first = 100, after: string | null = null): Promise<Desk> {
  const res = await app.gql<{ myDesk: Desk }>(DESK, { first, after }, { as: subject });
  expect(res.errors).toBeUndefined();
  return res.data!.myDesk;
}

/** What `availableTransitions` allows the viewer, proposal by proposal (only those with something allowed). */
async function allowedByTheList(subject: string, extra: Record<string, unknown> = {}): Promise<Record<string, string[]>> {
  const res = await app.gql<ListData>(LIST, { filter: { areaId: world.area.id, ...extra } }, { as: subject });
  expect(res.errors).toBeUndefined();
  const out: Record<string, string[]> = {};
  for (const { node } of res.data!.proposals.edges) {
    const allowed = node.availableTransitions.filter((t) => t.allowed).map((t) => `${t.event}:${t.requiredInputs.join('+')}`);
    if (allowed.length) out[node.id] = allowed.sort();
  }
  return out;
}

beforeAll(async () => {
  app = await startTestApp();
  world = await aPipelineWorld(app.em());
  const em = app.em();
  const { definition, engine } = shippedWorkflows().latest('standard');
  const a = world.actors;
  /** A proposal standing at `state`, handled by `body`, drafted `minutes` minutes after 2026-01-01. */
  const at = (key: string, state: string, phase: ProposalPhase, body: Body | null, author: Person, minutes: number) => {
    const createdAt = new Date(Date.UTC(2026, 0, 1) + minutes * 60_000);
    const p = em.create(Proposal, {
      areaId: world.area.id,
      workingGroup: world.group,
      author,
      kind: ProposalKind.MEASURE,
      title: key,
      summary: 'Shrnutí.',
      state,
      phase,
      currentBody: body,
      workflowKey: definition.key,
      workflowVersion: definition.version,
      snapshot: engine.snapshotAt(state),
      createdAt,
      // Changed in another order than drafted, so that the orders by change differ from those by drafting.
      updatedAt: new Date(Date.UTC(2026, 1, 1) + ((minutes * 3) % 7) * 60_000),
    });
    ids[key] = p.id;
  };
  at('draft', 'DRAFT', ProposalPhase.DRAFT, null, a.author.person, 1);
  at('otherDraft', 'DRAFT', ProposalPhase.DRAFT, null, a.provider.person, 2);
  at('inGroup', 'WORKING_GROUP', ProposalPhase.IN_REVIEW, world.group, a.author.person, 3);
  at('inSteering', 'STEERING_GROUP', ProposalPhase.IN_REVIEW, world.steering, a.author.person, 4);
  at('inCommission', 'SOCIAL_COMMISSION', ProposalPhase.IN_REVIEW, world.commission, a.author.person, 5);
  at('inCouncil', 'COUNCIL', ProposalPhase.IN_REVIEW, world.council, a.groupChair.person, 6);
  at('approved', 'APPROVED', ProposalPhase.APPROVED, null, a.author.person, 7);
  await em.flush();

  // Meetings of the working group (convened by its chair or the coordinator; minutes by the coordinator).
  const planned = await aMeetingOf(em, world.group, MeetingStatus.PLANNED, { items: 0 });
  const convened = await aMeetingOf(em, world.group, MeetingStatus.CONVENED);
  const held = await aMeetingOf(em, world.group, MeetingStatus.HELD);
  const drafted = await aMeetingOf(em, world.group, MeetingStatus.MINUTES_DRAFTED);
  const verified = await aMeetingOf(em, world.group, MeetingStatus.MINUTES_VERIFIED);
  const upcoming = await aMeetingOf(em, world.group, MeetingStatus.CONVENED, { items: 2, presenter: a.author.person });
  upcoming.startsAt = new Date(Date.now() + 30 * 86_400_000);
  // A third item of it, about the proposal in the working group: the proposal's documents supply it too.
  const aboutProposal = em.create(AgendaItem, { areaId: world.area.id, meeting: upcoming, position: 3, title: 'Návrh ve skupině', presenter: a.author.person, proposal: ids.inGroup, late: false });
  // A steering group's meeting: none of the working group's people run it.
  const steeringHeld = await aMeetingOf(em, world.steering, MeetingStatus.HELD);
  for (const m of [drafted, verified]) {
    em.create(Minutes, { areaId: world.area.id, meeting: m, version: 1, text: 'Zápis.', draftedBy: a.coordinator.person, draftedAt: new Date(), verifiedAt: m === verified ? new Date() : null, verifiedBy: m === verified ? a.groupChair.person : null });
  }
  await em.flush();
  Object.assign(ids, { aboutProposal: aboutProposal.id, planned: planned.id, convened: convened.id, held: held.id, drafted: drafted.id, verified: verified.id, upcoming: upcoming.id, steeringHeld: steeringHeld.id });
});

afterAll(async () => {
  await app.close();
});

test.each(['coordinator', 'clerk', 'support', 'author', 'groupChair', 'provider', 'steeringChair', 'commissionChair', 'councillor', 'outsider'] as const)(
  "the %s's desk lists exactly the proposals `availableTransitions` lets them move, with those events",
  async (who) => {
    const subject = world.actors[who]!.subject;
    const desk = await deskOf(subject);
    const onDesk = Object.fromEntries(
      desk.proposalsToMove.edges.map((e) => [e.node.proposal.id, e.node.transitions.map((t) => `${t.event}:${t.requiredInputs.join('+')}`).sort()]),
    );
    expect(desk.proposalsToMove.edges.every((e) => e.node.transitions.every((t) => t.allowed))).toBe(true);
    expect(onDesk).toEqual(await allowedByTheList(subject));
    expect(desk.proposalsToMove.totalCount).toBe(Object.keys(onDesk).length);
    // The list's own filter says the same, and its complement is the rest of what the viewer sees.
    const mayAct = await app.gql<ListData>(LIST, { filter: { areaId: world.area.id, mayAct: true } }, { as: subject });
    expect(mayAct.data!.proposals.edges.map((e) => e.node.id).sort()).toEqual(Object.keys(onDesk).sort());
    expect(mayAct.data!.proposals.totalCount).toBe(Object.keys(onDesk).length);
    const all = await app.gql<ListData>(LIST, { filter: { areaId: world.area.id } }, { as: subject });
    const mayNot = await app.gql<ListData>(LIST, { filter: { areaId: world.area.id, mayAct: false } }, { as: subject });
    expect(mayNot.data!.proposals.edges.map((e) => e.node.id).sort()).toEqual(
      all.data!.proposals.edges.map((e) => e.node.id).filter((id) => !onDesk[id]).sort(),
    );
  },
);

test('the pipeline moves: each chair has the proposal of their stage, and nobody a decided one', async () => {
  const moves = async (who: keyof PipelineWorld['actors']) => (await deskOf(world.actors[who]!.subject)).proposalsToMove.edges.map((e) => e.node.proposal.title).sort();
  expect(await moves('author')).toContain('draft');
  expect(await moves('groupChair')).toContain('inGroup');
  expect(await moves('steeringChair')).toEqual(['inSteering']);
  expect(await moves('commissionChair')).toEqual(['inCommission']);
  expect(await moves('outsider')).toEqual([]);
  for (const who of allActors(world)) expect((await deskOf(who.subject)).proposalsToMove.edges.map((e) => e.node.proposal.id)).not.toContain(ids.approved);
});

test("the author's proposals in review that they cannot move wait on the body handling them", async () => {
  const desk = await deskOf(world.actors.author.subject);
  const waiting = Object.fromEntries(desk.proposalsWaiting.edges.map((e) => [e.node.proposal.id, e.node.waitingOn.id]));
  const moving = new Set(desk.proposalsToMove.edges.map((e) => e.node.proposal.id));
  const expected: Record<string, string> = { [ids.inGroup]: world.group.id, [ids.inSteering]: world.steering.id, [ids.inCommission]: world.commission!.id };
  for (const id of moving) delete expected[id];
  expect(waiting).toEqual(expected);
  expect(desk.proposalsWaiting.totalCount).toBe(Object.keys(expected).length);
  // The group's chair follows the group's proposals too, also one they did not write; a chair up the chain does not.
  const chair = await deskOf(world.actors.groupChair.subject);
  expect(chair.proposalsWaiting.edges.map((e) => e.node.proposal.id)).toEqual(expect.arrayContaining([ids.inSteering, ids.inCommission, ids.inCouncil]));
  expect((await deskOf(world.actors.steeringChair.subject)).proposalsWaiting.totalCount).toBe(0);
  expect((await deskOf(world.actors.outsider.subject)).proposalsWaiting.totalCount).toBe(0);
});

test('meetings to convene or hold: the convener sees the events with the reasons why not yet; nobody else sees them', async () => {
  for (const who of ['coordinator', 'groupChair'] as const) {
    const desk = await deskOf(world.actors[who].subject);
    const byMeeting = Object.fromEntries(desk.meetingsToRun.edges.map((e) => [e.node.meeting.id, e.node.events]));
    expect(Object.keys(byMeeting).sort()).toEqual([ids.planned, ids.convened, ids.upcoming].sort());
    const convene = byMeeting[ids.planned].find((e) => e.event === 'CONVENE')!;
    expect(convene).toMatchObject({ allowed: false, refusals: [{ code: 'NO_AGENDA' }] });
    expect(byMeeting[ids.planned].find((e) => e.event === 'CANCEL')).toMatchObject({ allowed: true, requiredInputs: ['REASON'] });
    expect(byMeeting[ids.convened].find((e) => e.event === 'HOLD')).toMatchObject({ allowed: true });
    expect(byMeeting[ids.upcoming].find((e) => e.event === 'HOLD')).toMatchObject({ allowed: false, refusals: [{ code: 'NOT_STARTED' }] });
  }
  for (const who of ['author', 'provider', 'steeringChair', 'clerk', 'support', 'outsider'] as const) {
    expect((await deskOf(world.actors[who].subject)).meetingsToRun.totalCount).toBe(0);
  }
});

test('minutes: the minute-taker writes and distributes, the chair verifies (not their own), by due day, the overdue first', async () => {
  const steps = async (who: keyof PipelineWorld['actors']) => (await deskOf(world.actors[who]!.subject)).minutesDue.edges.map((e) => `${e.node.meeting.id}:${e.node.event}`);
  // The coordinator takes the minutes of every body (the default rule): also the steering group's.
  expect((await steps('coordinator')).sort()).toEqual([`${ids.held}:DRAFT_MINUTES`, `${ids.verified}:DISTRIBUTE_MINUTES`, `${ids.steeringHeld}:DRAFT_MINUTES`].sort());
  expect(await steps('groupChair')).toEqual([`${ids.drafted}:VERIFY_MINUTES`]);
  for (const who of ['author', 'steeringChair', 'outsider'] as const) expect(await steps(who)).toEqual([]);
  const desk = await deskOf(world.actors.coordinator.subject);
  const due = desk.minutesDue.edges.map((e) => e.node);
  expect(due.map((d) => d.dueOn)).toEqual([...due.map((d) => d.dueOn)].sort());
  expect(due.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.dueOn))).toBe(true);
});

test("materials due: the presenter's items of an upcoming meeting, with the deadline; gone once attached to the item or to its proposal", async () => {
  const desk = await deskOf(world.actors.author.subject);
  expect(desk.materialsDue.totalCount).toBe(3);
  expect(desk.materialsDue.edges.every((e) => e.node.meeting.id === ids.upcoming && !e.node.overdue)).toBe(true);
  const lead = world.group.materialsLeadDays;
  const day = new Date(Date.now() + 30 * 86_400_000 - lead * 86_400_000);
  expect(Math.abs(new Date(`${desk.materialsDue.edges[0].node.dueOn}T12:00:00Z`).getTime() - day.getTime())).toBeLessThan(2 * 86_400_000);
  const attach = (to: Record<string, string>) =>
    app.gql(
      `mutation($input: AttachMaterialInput!) { attachMaterial(input: $input) { id } }`,
      { input: { ...to, name: 'podklad.txt', mediaType: 'text/plain', contentBase64: Buffer.from('Podklad.').toString('base64') } },
      { as: world.actors.author.subject },
    );
  const plain = desk.materialsDue.edges.map((e) => e.node.item.id).filter((id) => id !== ids.aboutProposal);
  expect((await attach({ agendaItemId: plain[0] })).errors).toBeUndefined();
  expect((await deskOf(world.actors.author.subject)).materialsDue.edges.map((e) => e.node.item.id).sort()).toEqual([plain[1], ids.aboutProposal].sort());
  expect((await attach({ proposalId: ids.inGroup })).errors).toBeUndefined();
  expect((await deskOf(world.actors.author.subject)).materialsDue.edges.map((e) => e.node.item.id)).toEqual([plain[1]]);
  expect((await deskOf(world.actors.provider.subject)).materialsDue.totalCount).toBe(0);
});

test('pages walk the section in order with the same count; a bad cursor is BAD_USER_INPUT', async () => {
  const subject = world.actors.coordinator.subject;
  const whole = (await deskOf(subject)).proposalsToMove;
  expect(whole.totalCount).toBeGreaterThan(1);
  const walked: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Desk['proposalsToMove'] = (await deskOf(subject, 1, after)).proposalsToMove;
    expect(page.totalCount).toBe(whole.totalCount);
    walked.push(...page.edges.map((e) => e.node.proposal.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(walked).toEqual(whole.edges.map((e) => e.node.proposal.id));
  const bad = await app.gql(DESK, { first: 1, after: 'not-a-cursor' }, { as: subject });
  expect(codes(bad)).toContain('BAD_USER_INPUT');
});

test('an anonymous viewer is UNAUTHENTICATED; a signed-in stranger of no area gets an empty desk', async () => {
  const anonymous = await app.gql(DESK, { first: 5 });
  expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
  expect(anonymous.data?.myDesk ?? null).toBeNull();
  const stranger = await deskOf('nobody-known-here');
  expect([stranger.proposalsToMove, stranger.proposalsWaiting, stranger.meetingsToRun, stranger.minutesDue, stranger.materialsDue].map((s) => s.totalCount)).toEqual([0, 0, 0, 0, 0]);
});

const ORDERED = `query($filter: ProposalFilter!, $first: Int!, $after: String, $orderBy: ProposalOrder!) {
  proposals(filter: $filter, first: $first, after: $after, orderBy: $orderBy) { totalCount pageInfo { hasNextPage endCursor } edges { node { id createdAt updatedAt } } }
}`;

interface OrderedData {
  proposals: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { id: string; createdAt: string; updatedAt: string } }> };
}

test.each([
  ['NEWEST', 'createdAt', -1],
  ['OLDEST', 'createdAt', 1],
  ['CHANGED_LATEST', 'updatedAt', -1],
  ['CHANGED_EARLIEST', 'updatedAt', 1],
] as const)('orderBy %s sorts by %s, and pages of two walk it, also of the proposals the viewer may (not) move', async (orderBy, column, sign) => {
  const subject = world.actors.coordinator.subject;
  for (const mayAct of [undefined, true, false]) {
    const filter = { areaId: world.area.id, ...(mayAct === undefined ? {} : { mayAct }) };
    const whole = await app.gql<OrderedData>(ORDERED, { filter, first: 100, orderBy }, { as: subject });
    expect(whole.errors).toBeUndefined();
    const nodes = whole.data!.proposals.edges.map((e) => e.node);
    expect(nodes.length).toBeGreaterThan(mayAct === false ? 0 : 1);
    const times = nodes.map((n) => new Date(n[column]).getTime());
    expect(times.every((t, i) => i === 0 || Math.sign(t - times[i - 1]) !== -sign)).toBe(true);
    const walked: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: { data?: OrderedData | null } = await app.gql<OrderedData>(ORDERED, { filter, first: 2, after, orderBy }, { as: subject });
      const page = res.data!.proposals;
      expect(page.totalCount).toBe(nodes.length);
      walked.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect({ mayAct, walked }).toEqual({ mayAct, walked: nodes.map((n) => n.id) });
  }
});
