import { createHash } from 'node:crypto';
import { Membership } from '../../src/entities/membership.entity';
import { AreaRoleKind, MembershipRole, TriadSide } from '../../src/entities/enums';
import { expectBadInput, expectRefused, leakChecked, oneRow, type Api } from '../support/api-assertions';
import { aPerson, aRole, aSeat, daysAhead } from '../support/factories';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { codes, signTestToken, startTestApp, type TestApp } from '../support/test-app';

/**
 * Calendar feed links: a person's read-only secret that opens their iCalendar feeds (one body's, or
 * all their bodies') in a calendar application, instead of an API bearer token in the URL. The
 * service keeps only its hash; each link is revoked on its own; it opens nothing else.
 */

let app: TestApp;
let api: Api;
let world: PipelineWorld;
let base: string;
beforeAll(async () => {
  app = await startTestApp();
  api = leakChecked(app);
  world = await aPipelineWorld(app.em());
  base = app.url.replace(/\/graphql$/, '');
  const schedule = async (bodyId: string, title: string, as = world.actors.coordinator.subject) => {
    const res = await app.gql(`mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`, { input: { bodyId, title, startsAt: daysAhead(30), place: 'Radnice' } }, { as });
    expect(res.errors).toBeUndefined();
  };
  await schedule(world.steering.id, 'Řídící skupina, prosinec');
  await schedule(world.group.id, 'Pracovní skupina, prosinec');
  // The council's meetings are convened by its chair (the mayor).
  const mayor = await aPerson(app.em(), world.area, { name: 'Starosta' });
  await aSeat(app.em(), world.council, mayor, { role: MembershipRole.CHAIR, triadSide: TriadSide.COMMISSIONER });
  await schedule(world.council.id, 'Rada, prosinec', mayor.subject as string);
});
afterAll(async () => {
  await app.close();
});

const ISSUE = `mutation($input: IssueCalendarFeedInput!) { issueCalendarFeed(input: $input) { secret url bodyUrlTemplate feed { id personId label createdAt lastUsedAt revokedAt } } }`;
const REVOKE = `mutation($input: RevokeCalendarFeedInput!) { revokeCalendarFeed(input: $input) { id label revokedAt } }`;
const MINE = `{ myCalendarFeeds { id label lastUsedAt revokedAt } }`;

type Issued = { issueCalendarFeed: { secret: string; url: string; bodyUrlTemplate: string; feed: { id: string; personId: string; label: string; lastUsedAt: string | null; revokedAt: string | null } } };

async function issue(subject: string, personId: string, label: string): Promise<Issued['issueCalendarFeed']> {
  const res = await api.gql<Issued>(ISSUE, { input: { personId, label } }, { as: subject });
  expect(res.errors).toBeUndefined();
  return res.data!.issueCalendarFeed;
}

/** Status and, when it is a calendar, the SUMMARY lines of a feed. */
async function feed(path: string, headers: Record<string, string> = {}): Promise<{ status: number; summaries?: string[]; code?: string }> {
  const res = await fetch(`${base}${path}`, { headers });
  const text = await res.text();
  if (res.status !== 200) return { status: res.status, code: (JSON.parse(text) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code };
  return { status: 200, summaries: [...text.matchAll(/^SUMMARY:(.*)\r$/gm)].map((m) => m[1]) };
}

test('a person issues a link: its secret and URLs come once, the database holds only its hash, and it opens what the person may see', async () => {
  const chair = world.actors.steeringChair;
  const issued = await issue(chair.subject, chair.person.id, 'Telefon');
  expect(issued.secret).toMatch(/^kal_[A-Za-z0-9_-]{43}$/);
  expect(issued.url).toBe(`${base}/calendar/me.ics?feed=${issued.secret}`);
  expect(issued.bodyUrlTemplate).toBe(`${base}/calendar/{bodyId}.ics?feed=${issued.secret}`);
  expect(issued.feed).toMatchObject({ personId: chair.person.id, label: 'Telefon', lastUsedAt: null, revokedAt: null });
  const row = await oneRow<Record<string, unknown>>(app.em(), 'select * from calendar_feed where id = ?', [issued.feed.id]);
  expect(JSON.stringify(row)).not.toContain(issued.secret.slice(4));
  expect(row).toMatchObject({ area_id: world.area.id, person_id: chair.person.id, secret_sha256: createHash('sha256').update(issued.secret).digest('hex') });

  // The personal feed: the meetings of the bodies the chair sits in (the steering group only).
  const url = new URL(issued.url);
  expect(await feed(`${url.pathname}${url.search}`)).toEqual({ status: 200, summaries: ['Řídící skupina: Řídící skupina\\, prosinec'] });
  // One body's feed, through the template: the non-public steering group and the public working group open, the council does not.
  const bodyFeed = (bodyId: string) => feed(new URL(issued.bodyUrlTemplate.replace('{bodyId}', bodyId)).pathname + `?feed=${issued.secret}`);
  expect(await bodyFeed(world.steering.id)).toEqual({ status: 200, summaries: ['Řídící skupina\\, prosinec'] });
  expect(await bodyFeed(world.group.id)).toEqual({ status: 200, summaries: ['Pracovní skupina\\, prosinec'] });
  expect(await bodyFeed(world.council.id)).toEqual({ status: 404, code: 'NOT_FOUND' });
  // Used, it says so (to the hour).
  const mine = await api.gql<{ myCalendarFeeds: Array<{ id: string; lastUsedAt: string | null }> }>(MINE, {}, { as: chair.subject });
  expect(mine.data!.myCalendarFeeds.map((f) => ({ id: f.id, used: f.lastUsedAt !== null }))).toEqual([{ id: issued.feed.id, used: true }]);

  // The feed follows the person's rights of the day: with the seat ended, the steering group is closed to it.
  await app.em().nativeUpdate(Membership, { person: chair.person.id }, { validTo: '2020-12-31' });
  try {
    expect(await bodyFeed(world.steering.id)).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(await feed(`${url.pathname}${url.search}`)).toEqual({ status: 200, summaries: [] });
  } finally {
    await app.em().nativeUpdate(Membership, { person: chair.person.id }, { validTo: null });
  }
});

test("a link opens one person's calendars and nothing else: no API token in URLs, the secret is no bearer token anywhere", async () => {
  const coordinator = world.actors.coordinator;
  const { secret } = await issue(coordinator.subject, coordinator.person.id, 'Outlook');
  const jwt = await signTestToken(coordinator.subject);

  // The API token in the URL is refused, on every calendar path, even with a valid feed beside it; in the header it still works.
  for (const path of [`/calendar/${world.steering.id}.ics?token=${jwt}`, `/calendar/me.ics?token=${jwt}`, `/calendar/${world.group.id}.ics?token=${jwt}&feed=${secret}`]) {
    expect({ path, ...(await feed(path)) }).toEqual({ path, status: 401, code: 'UNAUTHENTICATED' });
  }
  expect(await feed(`/calendar/${world.steering.id}.ics`, { authorization: `Bearer ${jwt}` })).toEqual({ status: 200, summaries: ['Řídící skupina\\, prosinec'] });

  // The secret as a bearer token: refused by GraphQL, by documents, and by the calendar itself.
  const asBearer = { authorization: `Bearer ${secret}` };
  const graphql = await api.gql('{ me { authenticated } }', {}, asBearer);
  expect({ status: graphql.status, codes: codes(graphql), data: graphql.data ?? null }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], data: null });
  await expectRefused(app, `mutation($input: IssueCalendarFeedInput!) { issueCalendarFeed(input: $input) { secret } }`, { input: { personId: coordinator.person.id, label: 'Přes odkaz' } }, asBearer, 'UNAUTHENTICATED');
  expect((await fetch(`${base}/materials/00000000-0000-4000-8000-000000000000`, { headers: asBearer })).status).toBe(401);
  expect(await feed(`/calendar/${world.steering.id}.ics`, asBearer)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  // Nor as anything else in a URL: other endpoints do not read `feed`.
  expect((await fetch(`${base}/materials/00000000-0000-4000-8000-000000000000?feed=${secret}`)).status).toBe(404);

  // Malformed, unknown and empty secrets are 401, never the public feed.
  for (const bad of ['', 'kal_', `${secret}x`, `kal_${'A'.repeat(43)}`, secret.toUpperCase(), jwt]) {
    expect({ bad, ...(await feed(`/calendar/${world.group.id}.ics?feed=${encodeURIComponent(bad)}`)) }).toEqual({ bad, status: 401, code: 'UNAUTHENTICATED' });
  }
  // Without any credential the public body is public and the personal feed asks for one.
  expect((await feed(`/calendar/${world.group.id}.ics`)).status).toBe(200);
  expect(await feed('/calendar/me.ics')).toEqual({ status: 401, code: 'UNAUTHENTICATED' });

  // A login in two areas: the link opens only its person's area, and no global rights.
  const other = await aPipelineWorld(app.em());
  const twin = await aPerson(app.em(), other.area, { name: 'coordinator', subject: coordinator.subject });
  await aRole(app.em(), twin, AreaRoleKind.COORDINATOR);
  expect(await feed(`/calendar/${other.steering.id}.ics`, { authorization: `Bearer ${jwt}` })).toMatchObject({ status: 200 });
  expect(await feed(`/calendar/${other.steering.id}.ics?feed=${secret}`)).toEqual({ status: 404, code: 'NOT_FOUND' });
});

test('several links live side by side; revoking one stops only that one, for good', async () => {
  const member = world.actors.author;
  const phone = await issue(member.subject, member.person.id, 'Telefon');
  const office = await issue(member.subject, member.person.id, 'Outlook v kanceláři');
  const path = (secret: string) => `/calendar/${world.group.id}.ics?feed=${secret}`;
  expect((await feed(path(phone.secret))).status).toBe(200);

  const revoked = await api.gql<{ revokeCalendarFeed: { id: string; label: string; revokedAt: string | null } }>(REVOKE, { input: { calendarFeedId: phone.feed.id } }, { as: member.subject });
  expect(revoked.data!.revokeCalendarFeed).toMatchObject({ id: phone.feed.id, label: 'Telefon' });
  expect(revoked.data!.revokeCalendarFeed.revokedAt).not.toBeNull();
  expect(await feed(path(phone.secret))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  expect((await feed(path(office.secret))).status).toBe(200);
  const mine = await api.gql<{ myCalendarFeeds: Array<{ label: string }> }>(MINE, {}, { as: member.subject });
  expect(mine.data!.myCalendarFeeds.map((f) => f.label)).toEqual(['Outlook v kanceláři']);
  // Revoking again returns it unchanged.
  const again = await api.gql<{ revokeCalendarFeed: { revokedAt: string } }>(REVOKE, { input: { calendarFeedId: phone.feed.id } }, { as: member.subject });
  expect(again.data!.revokeCalendarFeed.revokedAt).toBe(revoked.data!.revokeCalendarFeed.revokedAt);
});

test('links are each person\'s own: refusals write nothing; bad labels are BAD_USER_INPUT; at most 10 active', async () => {
  const provider = world.actors.provider;
  const { feed: theirs } = await issue(provider.subject, provider.person.id, 'Tablet');
  // Not even the coordinator issues or revokes a link for someone else; a stranger and the public neither.
  await expectRefused(app, ISSUE, { input: { personId: provider.person.id, label: 'Cizí' } }, { as: world.actors.coordinator.subject }, 'FORBIDDEN');
  const stranger = (await aPipelineWorld(app.em())).actors.coordinator.subject;
  await expectRefused(app, ISSUE, { input: { personId: provider.person.id, label: 'Cizí' } }, { as: stranger }, 'NOT_FOUND');
  await expectRefused(app, ISSUE, { input: { personId: provider.person.id, label: 'Cizí' } }, {}, 'UNAUTHENTICATED');
  for (const as of [{ as: world.actors.coordinator.subject }, { as: stranger }]) await expectRefused(app, REVOKE, { input: { calendarFeedId: theirs.id } }, as, 'NOT_FOUND');
  await expectRefused(app, REVOKE, { input: { calendarFeedId: theirs.id } }, {}, 'UNAUTHENTICATED');
  expect((await api.gql(MINE)).data).toEqual({ myCalendarFeeds: [] });

  for (const label of ['', ' ', 'a\u0000b', 'x'.repeat(101)]) {
    await expectBadInput(app, ISSUE, { input: { personId: provider.person.id, label } }, { as: provider.subject }, ['label']);
  }
  await expectBadInput(app, ISSUE, { input: { personId: 'not-an-id', label: 'X' } }, { as: provider.subject }, ['personId']);

  for (let i = 2; i <= 10; i++) await issue(provider.subject, provider.person.id, `Zařízení ${i}`);
  await expectRefused(app, ISSUE, { input: { personId: provider.person.id, label: 'Jedenácté' } }, { as: provider.subject }, 'CONFLICT');
  await api.gql(REVOKE, { input: { calendarFeedId: theirs.id } }, { as: provider.subject });
  await issue(provider.subject, provider.person.id, 'Jedenácté, po zrušení jednoho');
});

test("erasing a person deletes their links; the export lists them without the hash", async () => {
  const victim = world.actors.councillor;
  const { secret, feed: link } = await issue(victim.subject, victim.person.id, 'Telefon');
  const admin = await aPerson(app.em(), world.area, { name: 'Správce' });
  await aRole(app.em(), admin, AreaRoleKind.ADMIN);
  const exported = await api.gql<{ personalDataExport: { document: unknown; coverage: string[] } }>(`query($id: ID!) { personalDataExport(personId: $id) { document coverage } }`, { id: victim.person.id }, {
    as: victim.subject,
  });
  expect(exported.data!.personalDataExport.coverage).toContain('calendar_feed.person_id');
  const records = (exported.data!.personalDataExport.document as { records: Record<string, Array<Record<string, unknown>>> }).records;
  expect(records.calendar_feed).toEqual([expect.objectContaining({ id: link.id, label: 'Telefon' })]);
  expect(records.calendar_feed[0]).not.toHaveProperty('secret_sha256');

  const erased = await api.gql(`mutation($input: ErasePersonInput!) { erasePerson(input: $input) { id } }`, { input: { personId: victim.person.id } }, { as: admin.subject as string });
  expect(erased.errors).toBeUndefined();
  expect(await feed(`/calendar/${world.council.id}.ics?feed=${secret}`)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  expect(await oneRow(app.em(), 'select count(*)::int as n from calendar_feed where person_id = ?', [victim.person.id])).toEqual({ n: 0 });
});
