import { dispatchOutbox } from '../../src/services/notification-dispatcher';
import { LIVE_CLOSE, MAX_SUBSCRIPTIONS_PER_SOCKET } from '../../src/live/subscription-server';
import { SUBSCRIBER_QUEUE_CAPACITY } from '../../src/services/live.service';
import { liveClient, type LiveClient } from '../support/live-client';
import { aPipelineWorld, type Actor, type PipelineWorld } from '../support/pipeline-world';
import { waitFor } from '../support/polling';
import { serveTestApp, startTestApp, type TestApp } from '../support/test-app';

/**
 * Live updates over WebSocket with a real graphql-ws client: who is told what (the read rule of
 * what an event carries, per subscriber), how a connection's token is judged and when it ends,
 * the document limits and rate limits, a slow subscriber dropped, and 200 subscribers each told
 * every event once.
 */

let app: TestApp;
let world: PipelineWorld;
const clients: LiveClient[] = [];

const PROPOSALS_OF_AREA = `subscription($areaId: ID!) { proposalChanged(areaId: $areaId) { id state title version } }`;
const ONE_PROPOSAL = `subscription($id: ID!) { proposalChanged(proposalId: $id) { id state version } }`;
type ProposalEvent = { proposalChanged: { id: string; state: string; title: string; version: number } };

beforeAll(async () => {
  app = await startTestApp();
  world = await aPipelineWorld(app.em());
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await waitFor('every subscription ended', () => Promise.resolve(app.app.changes.size === 0));
});

afterAll(async () => {
  await app?.close();
});

async function connect(actor: Actor | null, params?: Record<string, unknown>): Promise<LiveClient> {
  const c = liveClient(app.url, actor ? await app.token(actor.subject) : undefined, params);
  clients.push(c);
  return c;
}

/** Waits until this process holds `n` subscriptions: a change made after it reaches all of them. */
function subscribed(n: number): Promise<boolean> {
  return waitFor(`${n} subscription(s) listening`, () => Promise.resolve(app.app.changes.size === n));
}

function expectClosed(closed: { code: number; reason: string }, code: number, reason: string): void {
  expect(closed.code).toBe(code);
  expect(closed.reason).toContain(reason);
}

async function draft(title: string, by: Actor = world.actors.author): Promise<string> {
  const res = await app.gql<{ createProposal: { id: string } }>(
    `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title, summary: 'Odlehčovací služba pro rodiny pečující o seniory.' } },
    { as: by.subject },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.createProposal.id;
}

async function move(id: string, event: string, expectedVersion: number, by: Actor, reason?: string): Promise<void> {
  const res = await app.gql(
    `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }`,
    { input: { proposalId: id, event, expectedVersion, reason } },
    { as: by.subject },
  );
  expect(res.errors).toBeUndefined();
}

test('the schema has subscriptions, each described', async () => {
  const res = await app.gql<{ __schema: { subscriptionType: { fields: Array<{ name: string; description: string }> } } }>(
    `{ __schema { subscriptionType { fields { name description } } } }`,
  );
  const fields = res.data!.__schema.subscriptionType.fields;
  expect(fields.map((f) => f.name).sort()).toEqual(['meetingChanged', 'myDeskChanged', 'notificationAdded', 'proposalChanged']);
  for (const f of fields) expect(f.description.length).toBeGreaterThan(20);
});

test('each subscriber is told only of what it may read: a draft reaches its author and the coordinator, not support staff, who first hear of it once submitted', async () => {
  const { author, coordinator, support, outsider } = world.actors;
  const [byAuthor, byCoordinator, bySupport, byOutsider, byPublic] = await Promise.all([author, coordinator, support, outsider, null].map((a) => connect(a)));
  const subs = [byAuthor, byCoordinator, bySupport, byOutsider, byPublic].map((c) => c.subscribe<ProposalEvent>(PROPOSALS_OF_AREA, { areaId: world.area.id }));
  await subscribed(5);

  const id = await draft('Odlehčovací služba');
  await move(id, 'SUBMIT', 1, author);
  const [authorSaw, coordinatorSaw, supportSaw] = await Promise.all(subs.slice(0, 3).map((s, i) => s.received(i === 2 ? 1 : 2)));
  expect(authorSaw.map((e) => e.data!.proposalChanged.state)).toEqual(['DRAFT', 'WORKING_GROUP']);
  expect(coordinatorSaw.map((e) => e.data!.proposalChanged.state)).toEqual(['DRAFT', 'WORKING_GROUP']);
  // Events of one subscription keep their order: had the draft been sent, it would come first.
  expect(supportSaw[0].data!.proposalChanged).toMatchObject({ id, state: 'WORKING_GROUP', version: 2 });

  // A proposal the subscriber may not read cannot be subscribed to (as a query, NOT_FOUND), …
  const another = await draft('Sociální šatník');
  const hidden = byOutsider.subscribe(ONE_PROPOSAL, { id: another });
  const hiddenFromPublic = byPublic.subscribe(ONE_PROPOSAL, { id: another });
  for (const s of [hidden, hiddenFromPublic]) expect((await s.refusal()).codes).toEqual(['NOT_FOUND']);
  // … and neither the outsider nor the public heard of either proposal in the area.
  await subs[1].received(3);
  expect(subs[3].events).toEqual([]);
  expect(subs[4].events).toEqual([]);
});

test('one proposal, a meeting of a body, and the desk: each tells of its own changes', async () => {
  const { author, groupChair, coordinator } = world.actors;
  const [asAuthor, asChair, asCoordinator] = await Promise.all([author, groupChair, coordinator].map((a) => connect(a)));
  const id = await draft('Terénní program');
  const one = asAuthor.subscribe<ProposalEvent>(ONE_PROPOSAL, { id });
  const desk = asAuthor.subscribe<{ myDeskChanged: { kind: string; subjectId: string; areaId: string } }>(`subscription { myDeskChanged { kind subjectId areaId } }`);
  const meetings = asChair.subscribe<{ meetingChanged: { id: string; title: string } }>(`subscription($b: ID!) { meetingChanged(bodyId: $b) { id title } }`, { b: world.group.id });
  const oneMeeting = (id: string) => asCoordinator.subscribe<{ meetingChanged: { id: string; place: string | null } }>(`subscription($m: ID!) { meetingChanged(meetingId: $m) { id place } }`, { m: id });
  await subscribed(3);

  await move(id, 'SUBMIT', 1, author);
  expect((await one.received(1))[0].data!.proposalChanged).toMatchObject({ id, state: 'WORKING_GROUP' });
  expect((await desk.received(1))[0].data!.myDeskChanged).toEqual({ kind: 'PROPOSAL', subjectId: id, areaId: world.area.id });

  const scheduled = await app.gql<{ scheduleMeeting: { id: string } }>(
    `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`,
    { input: { bodyId: world.group.id, title: '5. jednání PS Senioři', startsAt: new Date(Date.now() + 14 * 86_400_000).toISOString(), place: 'Radnice, zasedací místnost' } },
    { as: coordinator.subject },
  );
  expect(scheduled.errors).toBeUndefined();
  const [meeting] = await meetings.received(1);
  expect(meeting.data!.meetingChanged).toEqual({ id: scheduled.data!.scheduleMeeting.id, title: '5. jednání PS Senioři' });
  // One meeting alone: its change reaches the coordinator watching it.
  const watched = oneMeeting(meeting.data!.meetingChanged.id);
  await subscribed(4);
  const moved = await app.gql(
    `mutation($input: UpdateMeetingInput!) { updateMeeting(input: $input) { id } }`,
    { input: { meetingId: meeting.data!.meetingChanged.id, place: 'Radnice, velký sál' } },
    { as: coordinator.subject },
  );
  expect(moved.errors).toBeUndefined();
  expect((await watched.received(1))[0].data!.meetingChanged).toEqual({ id: meeting.data!.meetingChanged.id, place: 'Radnice, velký sál' });
});

test('a notification reaches its recipient as it is dispatched from the outbox; the public may not subscribe to notifications or a desk', async () => {
  const { author, groupChair } = world.actors;
  const [asAuthor, asPublic] = await Promise.all([connect(author), connect(null)]);
  const added = asAuthor.subscribe<{ notificationAdded: { title: string; subjectId: string | null; readAt: string | null; kind: string } }>(`subscription { notificationAdded { title subjectId readAt kind } }`);
  const refused = [asPublic.subscribe(`subscription { notificationAdded { title } }`), asPublic.subscribe(`subscription { myDeskChanged { kind } }`)];
  for (const s of refused) expect((await s.refusal()).codes).toEqual(['UNAUTHENTICATED']);
  await subscribed(1);

  const id = await draft('Dluhová poradna');
  await move(id, 'SUBMIT', 1, author);
  await move(id, 'RECOMMEND', 2, groupChair);
  // Nothing before the dispatch: the notice exists once the outbox has been dispatched.
  expect(added.events).toEqual([]);
  await dispatchOutbox(app.orm);
  const [event] = await added.received(1);
  expect(event.data!.notificationAdded).toMatchObject({ subjectId: id, readAt: null, kind: "PROPOSAL_MOVED" });
  expect(event.data!.notificationAdded.title).toContain('Dluhová poradna');
});

test('a connection is the public\'s without a token and refused with a bad one; an expired token\'s socket is closed with 4401', async () => {
  const garbage = await connect(null, { Authorization: 'Bearer not.a.token' });
  expectClosed(await garbage.closed, LIVE_CLOSE.TOKEN_REFUSED, 'Invalid access token');

  const expired = liveClient(app.url, await app.token(world.actors.author.subject, { expiresIn: -120 }));
  clients.push(expired);
  expectClosed(await expired.closed, LIVE_CLOSE.TOKEN_REFUSED, 'Token expired');

  // A token valid for two seconds more: the subscription runs, then the socket is closed when it expires.
  const expiring = liveClient(app.url, await app.token(world.actors.author.subject, { expiresIn: 2 }));
  clients.push(expiring);
  const sub = expiring.subscribe(PROPOSALS_OF_AREA, { areaId: world.area.id });
  await subscribed(1);
  expectClosed(await expiring.closed, LIVE_CLOSE.TOKEN_REFUSED, 'Token expired');
  expect(sub.events).toEqual([]);
  // The service ended the subscription with the socket.
  await subscribed(0);
});

test('only subscriptions run over the socket, under the document limits of HTTP requests; arguments are checked', async () => {
  const c = await connect(world.actors.coordinator);
  const mutation = c.subscribe(`mutation { markAllNotificationsRead }`);
  const query = c.subscribe(`query { me { subject } }`);
  // Nested deeper than any request may be (the path from a proposal through bodies and people, round and round).
  const path = ['workingGroup', 'area', 'bodies', 'memberships', 'person', 'memberships', 'body', 'area', 'bodies', 'memberships', 'person'];
  const selection = path.reduceRight((inner, field) => `${field} { ${inner} }`, 'name');
  const deepQuery: [string, Record<string, unknown>] = [`subscription($a: ID!) { proposalChanged(areaId: $a) { ${selection} } }`, { a: world.area.id }];
  const deep = c.subscribe(...deepQuery);
  const neither = c.subscribe(`subscription { proposalChanged { id } }`);
  const both = c.subscribe(`subscription($a: ID!) { proposalChanged(areaId: $a, proposalId: $a) { id } }`, { a: world.area.id });
  const malformed = c.subscribe(`subscription { meetingChanged(meetingId: "42") { id } }`);
  for (const s of [mutation, query]) {
    const { codes, messages } = await s.refusal();
    expect(codes).toEqual(['BAD_REQUEST']);
    expect(messages.join()).toContain('WebSocket');
  }
  // Refused as the same document over HTTP is.
  const overHttp = await app.gql(deepQuery[0].replace('subscription', 'query').replace('proposalChanged(areaId: $a)', 'proposal(id: $a)'), deepQuery[1], { as: world.actors.coordinator.subject });
  expect((await deep.refusal()).messages).toEqual([overHttp.errors![0].message]);
  expect(overHttp.errors![0].message).toContain('Query is nested too deeply');
  for (const s of [neither, both, malformed]) expect((await s.refusal()).codes).toEqual(['BAD_USER_INPUT']);
  // Nothing was marked read: the mutation never ran.
  expect(app.app.changes.size).toBe(0);
});

test(`a subscriber more than ${SUBSCRIBER_QUEUE_CAPACITY} events behind is dropped (closed ${LIVE_CLOSE.TOO_SLOW}), not buffered without bound; the others go on`, async () => {
  const [slow, steady] = await Promise.all([connect(world.actors.coordinator), connect(world.actors.coordinator)]);
  slow.subscribe(PROPOSALS_OF_AREA, { areaId: world.area.id });
  steady.subscribe(ONE_PROPOSAL, { id: await draft('Půjčovna kompenzačních pomůcek') });
  await subscribed(2);
  // More distinct changes at once than a subscription may have waiting (each is read again before the next is sent).
  for (let i = 0; i <= SUBSCRIBER_QUEUE_CAPACITY + 1; i++) {
    app.app.changes.publish({ kind: 'proposal', areaId: world.area.id, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` });
  }
  expectClosed(await slow.closed, LIVE_CLOSE.TOO_SLOW, 'Subscriber too slow');
  expect(app.app.changes.size).toBe(1);
});

test(`a socket holds at most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions, and their starts count against the rate limits`, async () => {
  const c = await connect(world.actors.coordinator);
  const subs = Array.from({ length: MAX_SUBSCRIPTIONS_PER_SOCKET + 1 }, () => c.subscribe(PROPOSALS_OF_AREA, { areaId: world.area.id }));
  expect((await subs[MAX_SUBSCRIPTIONS_PER_SOCKET].refusal()).codes).toEqual(['RATE_LIMITED']);
  await subscribed(MAX_SUBSCRIPTIONS_PER_SOCKET);
  expect(subs.filter((s) => s.errors.length > 0 || s.events.length > 0)).toHaveLength(1);
  await c.dispose();

  // A second process on the same database with two subscription starts a minute per person.
  // (The councillor starts nothing anywhere else in this file: their minute's window is empty.)
  const strict = await serveTestApp(app.databaseUrl, { mutationsPerMinutePerViewer: 2 });
  const limited = liveClient(strict.url, await app.token(world.actors.councillor.subject));
  try {
    const starts = [0, 1].map(() => limited.subscribe(PROPOSALS_OF_AREA, { areaId: world.area.id }));
    await waitFor('two subscriptions listening', () => Promise.resolve(strict.app.changes.size === 2));
    const third = limited.subscribe(PROPOSALS_OF_AREA, { areaId: world.area.id });
    expect((await third.refusal()).codes).toEqual(['RATE_LIMITED']);
    expect(starts.map((s) => s.errors.length + s.events.length)).toEqual([0, 0]);
  } finally {
    await limited.dispose();
    await strict.close();
  }
});

test('200 subscribers on one process each receive every event exactly once', async () => {
  const { author, groupChair, steeringChair } = world.actors;
  const id = await draft('Sdílené bydlení');
  const token = await app.token(world.actors.coordinator.subject);
  const many = Array.from({ length: 200 }, () => {
    const c = liveClient(app.url, token);
    clients.push(c);
    return c.subscribe<ProposalEvent>(ONE_PROPOSAL, { id });
  });
  await subscribed(200);
  await move(id, 'SUBMIT', 1, author);
  await move(id, 'RECOMMEND', 2, groupChair);
  await move(id, 'RETURN', 3, steeringChair, 'Doplňte rozpočet.');
  await Promise.all(many.map((s) => s.received(3, 30_000)));
  // Each subscriber: the three moves, in order, once each.
  const seen = many.map((s) => s.events.map((e) => e.data!.proposalChanged.version).join(','));
  expect(new Set(seen)).toEqual(new Set(['2,3,4']));
  expect(many.reduce((n, s) => n + s.events.length, 0)).toBe(600);
});
