import WebSocket from 'ws';
import { AreaRole } from '../../src/entities/area-role.entity';
import { AreaRoleKind } from '../../src/entities/enums';
import { LIVE_CLOSE } from '../../src/live/subscription-server';
import { aRole } from '../support/factories';
import { liveClient, wsUrl, type LiveClient } from '../support/live-client';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { waitFor } from '../support/polling';
import { serveTestApp, startTestApp, type TestApp } from '../support/test-app';

/**
 * Live updates attacked: a role revoked mid-subscription, a client that sends without reading, a
 * client that ignores the close when the service stops, a subscription sent over HTTP, a burst of
 * changes to one record. The subscribers' roles are read again for every event here (freshness 0).
 */

let app: TestApp;
let world: PipelineWorld;
const clients: LiveClient[] = [];

beforeAll(async () => {
  app = await startTestApp({}, { liveViewerFreshMs: 0 });
  world = await aPipelineWorld(app.em());
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await app?.close();
});

async function draft(title: string): Promise<string> {
  const res = await app.gql<{ createProposal: { id: string } }>(
    `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title, summary: 'Odlehčovací služba pro rodiny pečující o seniory.' } },
    { as: world.actors.author.subject },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.createProposal.id;
}

type WithAuthor = { proposalChanged: { id: string; state: string; author: { subject: string | null } } };

test('a role revoked while subscribed: the next event is judged on the roles of then, field rules included', async () => {
  const { coordinator, author } = world.actors;
  // Support staff too, so that proposals stay visible once the coordinator's role is gone.
  await aRole(app.em(), coordinator.person, AreaRoleKind.SUPPORT);
  const c = liveClient(app.url, await app.token(coordinator.subject));
  clients.push(c);
  const sub = c.subscribe<WithAuthor>(`subscription($a: ID!) { proposalChanged(areaId: $a) { id state author { subject } } }`, { a: world.area.id });
  await waitFor('listening', () => Promise.resolve(app.app.changes.size === 1));
  const id = await draft('Odlehčovací služba');
  const [first] = await sub.received(1);
  // The coordinator may read the author's login subject (person.readContacts) …
  expect(first.data!.proposalChanged.author.subject).toBe(author.subject);

  await app.em().nativeUpdate(AreaRole, { person: coordinator.person.id, role: AreaRoleKind.COORDINATOR }, { revokedAt: new Date(Date.now() - 60_000) });
  const moved = await app.gql(
    `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }`,
    { input: { proposalId: id, event: 'SUBMIT', expectedVersion: 1 } },
    { as: author.subject },
  );
  expect(moved.errors).toBeUndefined();
  const [, second] = await sub.received(2);
  // … and no longer once the role is gone: the same answer as a query over HTTP.
  const overHttp = await app.gql<WithAuthor>(`query($id: ID!) { proposalChanged: proposal(id: $id) { id state author { subject } } }`, { id }, { as: coordinator.subject });
  expect(overHttp.data!.proposalChanged.author.subject).toBeNull();
  expect(second.data!.proposalChanged).toEqual({ id, state: 'WORKING_GROUP', author: { subject: null } });
  expect(second.errors?.map((e) => e.extensions?.code)).toEqual(overHttp.errors?.map((e) => e.extensions?.code));
  await c.dispose();
  await waitFor('the subscription ended', () => Promise.resolve(app.app.changes.size === 0));
});

test('changes to one record in a burst are queued once: the subscriber keeps up and is not dropped', async () => {
  const c = liveClient(app.url, await app.token(world.actors.author.subject));
  clients.push(c);
  const id = await draft('Sociální šatník');
  const sub = c.subscribe<WithAuthor>(`subscription($id: ID!) { proposalChanged(proposalId: $id) { id state } }`, { id });
  await waitFor('listening', () => Promise.resolve(app.app.changes.size === 1));
  for (let i = 0; i < 500; i++) app.app.changes.publish({ kind: 'proposal', areaId: world.area.id, id });
  await sub.received(1);
  // Still subscribed: one more change arrives.
  app.app.changes.publish({ kind: 'proposal', areaId: world.area.id, id });
  await waitFor('the subscriber still listening after the burst', () => Promise.resolve(sub.events.length >= 2));
  expect(sub.events.length).toBeLessThanOrEqual(3);
  expect(app.app.changes.size).toBe(1);
  await c.dispose();
  await waitFor('the subscription ended', () => Promise.resolve(app.app.changes.size === 0));
});

test('a client that sends but does not read (pings whose pongs it never takes) is dropped, not buffered', async () => {
  const raw = new WebSocket(wsUrl(app.url), 'graphql-transport-ws');
  await new Promise((resolve) => raw.once('open', resolve));
  raw.send(JSON.stringify({ type: 'connection_init' }));
  await new Promise((resolve) => raw.once('message', resolve));
  const closed = new Promise<number>((resolve) => raw.once('close', (code) => resolve(code)));
  (raw as unknown as { _socket: { pause(): void } })._socket.pause();
  const ping = JSON.stringify({ type: 'ping', payload: { x: 'a'.repeat(90_000) } });
  let sent = 0;
  let over = false;
  void closed.then(() => (over = true));
  // The service's unread bound is 1 MB: far fewer than this many pongs of 90 kB fill it.
  while (!over && sent < 1_500) {
    raw.send(ping);
    sent += 1;
    if (sent % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(over).toBe(true);
  expect([LIVE_CLOSE.TOO_SLOW, 1006]).toContain(await closed);
  raw.terminate();
});

test('a subscription sent over HTTP is refused with BAD_REQUEST (it runs over WebSocket), and nothing is logged as an error', async () => {
  const res = await app.gql(`subscription($a: ID!) { proposalChanged(areaId: $a) { id } }`, { a: world.area.id });
  expect(res.status).toBe(400);
  expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_REQUEST']);
  expect(res.errors?.[0].message).toContain('WebSocket');
});

test('the service stops without waiting for a client that ignores the close', async () => {
  const second = await serveTestApp(app.databaseUrl);
  const raw = new WebSocket(wsUrl(second.url), 'graphql-transport-ws');
  await new Promise((resolve) => raw.once('open', resolve));
  raw.send(JSON.stringify({ type: 'connection_init' }));
  await new Promise((resolve) => raw.once('message', resolve));
  // Reads nothing more: the close frame is never answered.
  (raw as unknown as { _socket: { pause(): void } })._socket.pause();
  const started = Date.now();
  await second.close();
  // ws would otherwise wait 30 s for the closing handshake.
  expect(Date.now() - started).toBeLessThan(15_000);
  raw.terminate();
});
