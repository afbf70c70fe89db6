import { openOrm, type Orm } from '../../src/db/orm';
import { Notification } from '../../src/entities/notification.entity';
import { createMailer } from '../../src/jobs/job-runner';
import { createLogger } from '../../src/logger';
import { dispatchOutbox, emailPending } from '../../src/services/notification-dispatcher';
import { enqueue } from '../../src/services/outbox';
import { Proposal } from '../../src/entities/proposal.entity';
import { WorkflowEvent } from '../../src/entities/workflow-event.entity';
import { contextFor } from '../support/request-context';
import { scanReminders } from '../../src/services/reminders';
import { aPipelineWorld, aSubmittedProposal } from '../support/pipeline-world';
import { shippedWorkflows } from '../../src/workflows/workflow-registry';
import { startSmtpSink } from '../support/smtp-sink';
import { codes, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
let second: Orm;
beforeAll(async () => {
  app = await startTestApp();
  // A second connection pool on the same database stands for a second service process.
  second = await openOrm(app.orm.config.get<'clientUrl', string>('clientUrl'), 3);
});
afterAll(async () => {
  await second.close(true);
  await app.close();
});

const MINE = `{ myNotifications { id kind title subjectId readAt } }`;
type Mine = { myNotifications: Array<{ id: string; kind: string; title: string; subjectId: string; readAt: string | null }> };

test('the author is told when their proposal moves, after commit, and marks it read', async () => {
  const world = await aPipelineWorld(app.em());
  const created = await app.gql<{ createProposal: { id: string } }>(
    `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Krizové lůžko', summary: 'S' } },
    { as: world.actors.author.subject },
  );
  const proposalId = created.data!.createProposal.id;
  const move = (event: string, version: number, as: string) =>
    app.gql(`mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }`, { input: { proposalId, event, expectedVersion: version } }, { as });
  await move('SUBMIT', 1, world.actors.author.subject);
  await move('RECOMMEND', 2, world.actors.groupChair.subject);
  expect((await app.gql<Mine>(MINE, {}, { as: world.actors.author.subject })).data!.myNotifications).toEqual([]);

  await dispatchOutbox(app.orm);
  const mine = await app.gql<Mine>(MINE, {}, { as: world.actors.author.subject, headers: { 'accept-language': 'en' } });
  // The author's own SUBMIT tells no one; the chair's RECOMMEND tells the author.
  expect(mine.data!.myNotifications).toEqual([
    { id: expect.any(String) as unknown, kind: 'PROPOSAL_MOVED', title: 'Proposal "Krizové lůžko": Working group → Steering group', subjectId: proposalId, readAt: null },
  ]);
  const read = await app.gql(`mutation($input: MarkNotificationReadInput!) { markNotificationRead(input: $input) { readAt } }`, { input: { notificationId: mine.data!.myNotifications[0].id } }, {
    as: world.actors.author.subject,
  });
  expect(read.errors).toBeUndefined();
  const other = await app.gql(`mutation($input: MarkNotificationReadInput!) { markNotificationRead(input: $input) { readAt } }`, { input: { notificationId: mine.data!.myNotifications[0].id } }, {
    as: world.actors.groupChair.subject,
  });
  expect(other.errors![0].extensions!.code).toBe('NOT_FOUND');
});

test('a transition rolled back with the work around it notifies no one', async () => {
  const world = await aPipelineWorld(app.em());
  const created = await app.gql<{ createProposal: { id: string } }>(
    `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Vrácená změna', summary: 'S' } },
    { as: world.actors.author.subject },
  );
  const proposalId = created.data!.createProposal.id;
  await app.gql(`mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }`, { input: { proposalId, event: 'SUBMIT', expectedVersion: 1 } }, {
    as: world.actors.author.subject,
  });
  const ctx = await contextFor(app, world.actors.groupChair.subject);
  const commit = await ctx.services.proposals.prepareTransition(ctx, { proposalId, event: 'RECOMMEND', expectedVersion: 2 });
  await expect(
    ctx.em.transactional(async (em) => {
      await commit(em);
      throw new Error('a later step of the same change failed');
    }),
  ).rejects.toThrow('a later step');
  await dispatchOutbox(app.orm);
  expect((await app.em().findOneOrFail(Proposal, { id: proposalId })).state).toBe('WORKING_GROUP');
  expect(await app.em().count(WorkflowEvent, { proposalId })).toBe(1);
  expect(await app.em().count(Notification, { personId: world.actors.author.person.id })).toBe(0);
});

test('a message written in a transaction that rolls back notifies no one', async () => {
  const world = await aPipelineWorld(app.em());
  await expect(
    app.em().transactional(async (em) => {
      await enqueue(em, world.area.id, { kind: 'PROPOSAL_MOVED', subjectId: world.group.id, title: { cs: 'x', en: 'x' }, recipients: [world.actors.author.person.id] });
      throw new Error('the change failed after its notice was written');
    }),
  ).rejects.toThrow('the change failed');
  await dispatchOutbox(app.orm);
  expect(await app.em().count(Notification, { personId: world.actors.author.person.id })).toBe(0);
});

test('two service processes scanning and dispatching at once remind each member once', async () => {
  const world = await aPipelineWorld(app.em());
  const as = { as: world.actors.groupChair.subject };
  // A meeting in six days; the group's materials are due five days ahead, i.e. tomorrow.
  const starts = new Date(Date.now() + 6 * 86_400_000);
  const m = await app.gql<{ scheduleMeeting: { id: string } }>(
    `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`,
    { input: { bodyId: world.group.id, title: 'PS Senioři', startsAt: starts.toISOString(), place: 'Radnice' } },
    as,
  );
  const meetingId = m.data!.scheduleMeeting.id;
  await app.gql(`mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }`, { input: { meetingId, title: 'Plán' } }, as);
  await app.gql(`mutation($input: MeetingActionInput!) { conveneMeeting(input: $input) { status } }`, { input: { meetingId } }, as);

  const now = new Date();
  await Promise.all([scanReminders(app.orm, now), scanReminders(second, now), scanReminders(app.orm, now), scanReminders(second, now)]);
  await Promise.all([dispatchOutbox(app.orm), dispatchOutbox(second), dispatchOutbox(app.orm), dispatchOutbox(second)]);

  const members = [world.actors.author, world.actors.groupChair, world.actors.provider];
  for (const member of members) {
    const rows = await app.em().find(Notification, { personId: member.person.id, subjectId: meetingId });
    expect({ who: member.key, kinds: rows.map((r) => r.kind).sort() }).toEqual({ who: member.key, kinds: ['MATERIALS_DEADLINE', 'MEETING_CONVENED'] });
  }
});

test('with SMTP configured each notice is e-mailed once, even with two senders at once', async () => {
  const world = await aPipelineWorld(app.em());
  await app.em().transactional(async (em) => {
    await enqueue(em, world.area.id, {
      kind: 'MEETING_CONVENED',
      subjectId: world.group.id,
      title: { cs: 'Pozvánka: PS Senioři', en: 'Invitation: PS Senioři' },
      recipients: [world.actors.author.person.id, world.actors.provider.person.id],
    });
  });
  await dispatchOutbox(app.orm);
  const sink = await startSmtpSink();
  try {
    const mailer = createMailer(sink.url, 'Triáda <noreply@triada.invalid>')!;
    const logger = createLogger('silent');
    await Promise.all([emailPending(app.orm, mailer, logger), emailPending(second, mailer, logger)]);
    const ours = sink.seen.filter((m) => m.to.some((to) => to === world.actors.author.person.email || to === world.actors.provider.person.email));
    expect(ours.map((m) => m.to[0]).sort()).toEqual([world.actors.author.person.email, world.actors.provider.person.email].sort());
    expect(ours.every((m) => m.subject === '=?UTF-8?Q?Pozv=C3=A1nka=3A_PS_Senio=C5=99i?=' && m.reply === 250)).toBe(true);
  } finally {
    await sink.close();
  }
});

test('an e-mail the SMTP server cannot take now is sent again after a back-off, under the same Message-ID, until it is taken; a refused address is given up at once', async () => {
  const world = await aPipelineWorld(app.em());
  const [author, provider] = [world.actors.author.person, world.actors.provider.person];
  // The server defers each message to the author twice (451), then takes it; the provider's address it refuses (550).
  const sink = await startSmtpSink((m, seen) => (m.to.includes(provider.email!) ? 550 : seen.filter((s) => s.to.includes(m.to[0])).length < 2 ? 451 : 250));
  try {
    await app.em().transactional(async (em) => {
      await enqueue(em, world.area.id, { kind: 'MEETING_CONVENED', subjectId: world.group.id, title: { cs: 'Pozvánka: PS Senioři', en: 'Invitation: PS Senioři' }, recipients: [author.id, provider.id] });
    });
    await dispatchOutbox(app.orm);
    const mailer = createMailer(sink.url, 'Triáda <noreply@triada.invalid>')!;
    const logger = createLogger('silent');
    const t0 = new Date();
    const at = (minutes: number) => ({ now: new Date(t0.getTime() + minutes * 60_000) });
    // The replies each address got, in order (the two notices are claimed together, in either order).
    const ours = () => ({
      author: sink.seen.filter((s) => s.to.includes(author.email!)).map((s) => s.reply),
      provider: sink.seen.filter((s) => s.to.includes(provider.email!)).map((s) => s.reply),
    });
    const row = async (personId: string) => {
      const n = await app.em().findOneOrFail(Notification, { personId, subjectId: world.group.id });
      return { emailed: n.emailedAt !== null, failed: n.emailFailedAt !== null, attempts: n.emailAttempts };
    };

    await emailPending(app.orm, mailer, logger, at(0));
    expect(ours()).toEqual({ author: [451], provider: [550] });
    expect([await row(author.id), await row(provider.id)]).toEqual([
      { emailed: false, failed: false, attempts: 1 },
      { emailed: false, failed: true, attempts: 1 },
    ]);
    // Not again before the back-off has passed (a minute after the first failure, two after the second).
    await emailPending(app.orm, mailer, logger, at(0.5));
    expect(ours()).toEqual({ author: [451], provider: [550] });
    await emailPending(app.orm, mailer, logger, at(1.1));
    await emailPending(app.orm, mailer, logger, at(2));
    expect(ours()).toEqual({ author: [451, 451], provider: [550] });
    await emailPending(app.orm, mailer, logger, at(3.2));
    await emailPending(app.orm, mailer, logger, at(600));
    expect(ours()).toEqual({ author: [451, 451, 250], provider: [550] });
    expect([await row(author.id), await row(provider.id)]).toEqual([
      { emailed: true, failed: false, attempts: 3 },
      { emailed: false, failed: true, attempts: 1 },
    ]);
    // Every attempt of one notice carries one Message-ID, so the receiving side knows a retry.
    const ids = sink.seen.filter((s) => s.to.includes(author.email!)).map((s) => s.messageId);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^<[\w.-]+@triada\.invalid>$/);
  } finally {
    await sink.close();
  }
});

test('the inbox: pages newest first with cursors, counts the unread, marks all read, and an invitation says when and where', async () => {
  const world = await aPipelineWorld(app.em());
  const chair = { as: world.actors.groupChair.subject };
  const author = { as: world.actors.author.subject };
  // 14:30–16:45 in Prague (CET) on a Tuesday.
  const m = await app.gql<{ scheduleMeeting: { id: string } }>(
    `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`,
    { input: { bodyId: world.group.id, title: 'Setkání PS Senioři', startsAt: '2027-03-09T13:30:00Z', endsAt: '2027-03-09T15:45:00Z', place: 'Radnice, zasedací místnost', onlineLink: 'https://meet.example.cz/ps-seniori' } },
    chair,
  );
  const meetingId = m.data!.scheduleMeeting.id;
  await app.gql(`mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }`, { input: { meetingId, title: 'Plán' } }, chair);
  await app.gql(`mutation($input: MeetingActionInput!) { conveneMeeting(input: $input) { status } }`, { input: { meetingId } }, chair);
  const proposalId = await aSubmittedProposal(app.url, world, 'Odlehčovací služba');
  const moved = await app.gql(`mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }`, { input: { proposalId, event: 'RECOMMEND', expectedVersion: 2 } }, chair);
  expect(moved.errors).toBeUndefined();
  await dispatchOutbox(app.orm);
  // Three more at once: made in one transaction, they share one moment, and the cursor's id breaks the tie.
  await app.em().transactional(async (em) => {
    for (const n of [1, 2, 3]) await enqueue(em, world.area.id, { kind: 'MINUTES_OVERDUE', subjectId: meetingId, title: { cs: `Upomínka ${n}`, en: `Reminder ${n}` }, recipients: [world.actors.author.person.id] });
  });
  await dispatchOutbox(app.orm);

  type Inbox = { notificationInbox: { edges: Array<{ cursor: string; node: { id: string; kind: string; title: string; body: string | null; subjectId: string; subjectKind: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number; unreadCount: number } };
  const INBOX = `query($first: Int!, $after: String, $unreadOnly: Boolean! = false) { notificationInbox(first: $first, after: $after, unreadOnly: $unreadOnly) {
    edges { cursor node { id kind title body subjectId subjectKind } } pageInfo { hasNextPage endCursor } totalCount unreadCount } }`;
  const page = async (first: number, after: string | null, as = author, headers: Record<string, string> = {}, unreadOnly = false) => {
    const res = await app.gql<Inbox>(INBOX, { first, after, unreadOnly }, { ...as, headers });
    expect(res.errors).toBeUndefined();
    return res.data!.notificationInbox;
  };

  // The author's five, two at a time: every one once, newest first, counted on every page.
  const pages = [await page(2, null)];
  while (pages.at(-1)!.pageInfo.hasNextPage) pages.push(await page(2, pages.at(-1)!.pageInfo.endCursor));
  expect(pages.map((p) => [p.edges.length, p.totalCount, p.unreadCount])).toEqual([[2, 5, 5], [2, 5, 5], [1, 5, 5]]);
  const seen = pages.flatMap((p) => p.edges.map((e) => e.node));
  expect(new Set(seen.map((n) => n.id)).size).toBe(5);
  expect(seen.map((n) => n.kind)).toEqual(['MINUTES_OVERDUE', 'MINUTES_OVERDUE', 'MINUTES_OVERDUE', 'PROPOSAL_MOVED', 'MEETING_CONVENED']);
  const byKind = (kind: string) => seen.find((n) => n.kind === kind)!;
  expect(byKind('MINUTES_OVERDUE')).toMatchObject({ body: null, subjectId: meetingId, subjectKind: 'MEETING' });
  const recommend = shippedWorkflows().latest('standard').definition.transitions.find((t) => t.event === 'RECOMMEND' && t.from.includes('WORKING_GROUP'))!;
  expect(byKind('PROPOSAL_MOVED')).toMatchObject({ subjectId: proposalId, subjectKind: 'PROPOSAL', body: `${recommend.label.cs}.` });
  expect(byKind('MEETING_CONVENED')).toMatchObject({
    subjectId: meetingId,
    subjectKind: 'MEETING',
    body: 'PS Senioři: Setkání PS Senioři.\nKdy: úterý 9. 3. 2027 od 14:30 do 16:45.\nMísto: Radnice, zasedací místnost.\nOnline: https://meet.example.cz/ps-seniori',
  });
  const english = (await page(5, null, author, { 'accept-language': 'en' })).edges.map((e) => e.node).find((n) => n.kind === 'MEETING_CONVENED')!;
  expect(english.body).toBe('PS Senioři: Setkání PS Senioři.\nWhen: Tuesday, 9 March 2027, 14:30–16:45.\nWhere: Radnice, zasedací místnost.\nOnline: https://meet.example.cz/ps-seniori');

  // One read, then all: the counts follow; another member's notices stay unread.
  await app.gql(`mutation($input: MarkNotificationReadInput!) { markNotificationRead(input: $input) { id } }`, { input: { notificationId: seen[0].id } }, author);
  const unread = await page(10, null, author, {}, true);
  expect([unread.edges.length, unread.totalCount, unread.unreadCount]).toEqual([4, 4, 4]);
  expect(unread.edges.map((e) => e.node.id)).not.toContain(seen[0].id);
  const providerBefore = (await page(10, null, { as: world.actors.provider.subject })).unreadCount;
  expect(providerBefore).toBe(1);
  expect((await app.gql(`mutation { markAllNotificationsRead }`, {}, author)).data).toEqual({ markAllNotificationsRead: 4 });
  expect((await app.gql(`mutation { markAllNotificationsRead }`, {}, author)).data).toEqual({ markAllNotificationsRead: 0 });
  expect([(await page(10, null)).unreadCount, (await page(10, null)).totalCount]).toEqual([0, 5]);
  expect((await page(10, null, { as: world.actors.provider.subject })).unreadCount).toBe(1);

  // The public has no inbox and marks nothing; a cursor not of ours is refused as input.
  const anonymous = await app.gql<Inbox>(INBOX, { first: 5 });
  expect(anonymous.data!.notificationInbox).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0, unreadCount: 0 });
  expect(codes(await app.gql(`mutation { markAllNotificationsRead }`, {}))).toEqual(['UNAUTHENTICATED']);
  expect(codes(await app.gql(INBOX, { first: 5, after: 'bm90IGEgY3Vyc29y' }, author))).toEqual(['BAD_USER_INPUT']);
  expect(codes(await app.gql(INBOX, { first: 0 }, author))).toEqual(['BAD_USER_INPUT']);
});
