import { AreaRoleKind, BodyKind, MembershipRole, TriadSide } from '../../src/entities/enums';
import { Meeting } from '../../src/entities/meeting.entity';
import { aBody, anArea, aPerson, aRole, aSeat, daysAhead } from '../support/factories';
import { dbFingerprint } from '../support/db-fingerprint';
import { aPipelineWorld } from '../support/pipeline-world';
import { codes, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id status materialsDeadline minutesDueDate isPublic } }`;
const AGENDA = `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id agenda { id position title late urgencyReason } } }`;
const ACT = (name: string) => `mutation($input: MeetingActionInput!) { ${name}(input: $input) { status version cancelReason } }`;
const ATTEND = `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { id } }`;

/** The Chomutov working group "Sociální služby" as seed 000 shows it. */
async function chomutovGroup() {
  const em = app.em();
  const area = await anArea(em, { name: `ORP Chomutov ${Date.now()}` });
  const coordinator = await aPerson(em, area, { name: 'Lenka Koordinátorka' });
  await aRole(em, coordinator, AreaRoleKind.COORDINATOR);
  const group = await aBody(em, area, BodyKind.WORKING_GROUP, { name: 'Pracovní skupina Sociální služby' });
  const members = {
    commissioner: await aPerson(em, area, { name: 'Starosta Výsluní' }),
    social: await aPerson(em, area, { name: 'Vedoucí odboru sociálních věcí' }),
    provider: await aPerson(em, area, { name: 'Pracovník NNO' }),
    user: await aPerson(em, area, { name: 'Zástupce uživatelů' }),
  };
  // Seats since the project began in 2014; the side and vote on the meeting day are what count.
  const since = { validFrom: '2014-01-01' };
  await aSeat(em, group, members.commissioner, { role: MembershipRole.CHAIR, triadSide: TriadSide.COMMISSIONER, ...since });
  await aSeat(em, group, members.social, { triadSide: TriadSide.COMMISSIONER, ...since });
  await aSeat(em, group, members.provider, { triadSide: TriadSide.PROVIDER, ...since });
  await aSeat(em, group, members.user, { triadSide: TriadSide.SERVICE_USER, ...since });
  const analyst = await aPerson(em, area, { name: 'Pracovnice pro analýzy a strategie' });
  return { area, coordinator, group, members, analyst };
}

test('the fourth meeting of the Chomutov working group (seed 000), recorded afterwards: agenda, attendance, triad, next date', async () => {
  const w = await chomutovGroup();
  const as = { as: w.coordinator.subject as string };
  const scheduled = await app.gql<{ scheduleMeeting: { id: string; status: string; materialsDeadline: string; minutesDueDate: string; isPublic: boolean } }>(
    SCHEDULE,
    { input: { bodyId: w.group.id, title: 'Pracovní skupina č. 4', startsAt: '2014-11-11T08:00:00Z', endsAt: '2014-11-11T09:00:00Z', place: 'Chomutov, radnice, nám. 1. máje', alreadyHeld: true } },
    as,
  );
  expect(scheduled.errors).toBeUndefined();
  const id = scheduled.data!.scheduleMeeting.id;
  expect(scheduled.data!.scheduleMeeting).toMatchObject({ status: 'HELD', materialsDeadline: '2014-11-06', minutesDueDate: '2014-11-18', isPublic: true });
  for (const title of ['Zahájení pracovní skupiny', 'Gestor cíle, gestor indikátoru', 'Různé']) {
    const item = await app.gql(AGENDA, { input: { meetingId: id, title, presenterPersonId: title.startsWith('Gestor') ? w.analyst.id : w.coordinator.id } }, as);
    expect(item.errors).toBeUndefined();
  }

  const attended = await app.gql(
    ATTEND,
    {
      input: {
        meetingId: id,
        entries: [
          { personId: w.members.commissioner.id, status: 'PRESENT' },
          { personId: w.members.social.id, status: 'PRESENT' },
          { personId: w.members.provider.id, status: 'PRESENT' },
          { personId: w.members.user.id, status: 'EXCUSED' },
          { personId: w.analyst.id, status: 'PRESENT', guestSide: 'COMMISSIONER' },
        ],
      },
    },
    as,
  );
  expect(attended.errors).toBeUndefined();
  expect(
    (await app.gql(`mutation($input: UpdateMeetingInput!) { updateMeeting(input: $input) { nextMeetingDate } }`, { input: { meetingId: id, nextMeetingDate: '2014-11-21' } }, as)).data,
  ).toEqual({ updateMeeting: { nextMeetingDate: '2014-11-21' } });

  const read = await app.gql(
    `query($id: ID!) { meeting(id: $id) { status agenda { position title presenter { name } } attendance { status isGuest triadSide votingRight person { name } } quorum { presentVoting totalVoting required reached } triadRepresentation { present missing complete } } }`,
    { id },
  );
  expect(read.errors).toBeUndefined();
  expect(read.data).toMatchObject({
    meeting: {
      status: 'HELD',
      agenda: [
        { position: 1, title: 'Zahájení pracovní skupiny', presenter: { name: 'Lenka Koordinátorka' } },
        { position: 2, title: 'Gestor cíle, gestor indikátoru', presenter: { name: 'Pracovnice pro analýzy a strategie' } },
        { position: 3, title: 'Různé' },
      ],
      quorum: { presentVoting: 3, totalVoting: 4, required: 3, reached: true },
      triadRepresentation: { present: ['COMMISSIONER', 'PROVIDER'], missing: ['SERVICE_USER'], complete: false },
    },
  });
  const guest = (read.data as { meeting: { attendance: Array<{ isGuest: boolean; votingRight: boolean; person: { name: string } }> } }).meeting.attendance.find(
    (a) => a.person.name === 'Pracovnice pro analýzy a strategie',
  );
  expect(guest).toMatchObject({ isGuest: true, votingRight: false });
});

test('late material is refused without the chair\'s urgency reason, and flagged late with it', async () => {
  const world = await aPipelineWorld(app.em());
  const created = await app.gql<{ createProposal: { id: string } }>(
    `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Návrh', summary: 'S' } },
    { as: world.actors.author.subject },
  );
  const proposalId = created.data!.createProposal.id;
  await app.gql(`mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }`, { input: { proposalId, event: 'SUBMIT', expectedVersion: 1 } }, {
    as: world.actors.author.subject,
  });
  const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const meeting = await app.gql<{ scheduleMeeting: { id: string; materialsDeadline: string } }>(
    SCHEDULE,
    { input: { bodyId: world.group.id, title: 'Mimořádné jednání', startsAt: inThreeDays, place: 'Radnice' } },
    { as: world.actors.groupChair.subject },
  );
  const meetingId = meeting.data!.scheduleMeeting.id;
  const before = await dbFingerprint(app.em());
  const refused = await app.gql(AGENDA, { input: { meetingId, title: 'Návrh', proposalId } }, { as: world.actors.groupChair.subject, headers: { 'accept-language': 'en' } });
  expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
  expect(refused.errors![0].message).toContain(`Materials were due by ${meeting.data!.scheduleMeeting.materialsDeadline}`);
  expect(await dbFingerprint(app.em())).toEqual(before);
  expect(codes(await app.gql(AGENDA, { input: { meetingId, title: 'Návrh', proposalId, urgencyReason: 'Termín dotace' } }, { as: world.actors.coordinator.subject }))).toEqual([
    'FORBIDDEN',
  ]);
  const late = await app.gql(AGENDA, { input: { meetingId, title: 'Návrh', proposalId, urgencyReason: 'Termín dotační výzvy' } }, { as: world.actors.groupChair.subject });
  // The meeting comes back, its agenda listing the late item.
  expect(late.data).toEqual({ addAgendaItem: { id: meetingId, agenda: [{ id: expect.any(String) as unknown, position: 1, title: 'Návrh', late: true, urgencyReason: 'Termín dotační výzvy' }] } });
});

test('a non-public body\'s meetings are NOT_FOUND but for its members, the coordinator and support', async () => {
  const world = await aPipelineWorld(app.em());
  const scheduled = await app.gql<{ scheduleMeeting: { id: string; isPublic: boolean } }>(
    SCHEDULE,
    { input: { bodyId: world.steering.id, title: 'Řídící skupina', startsAt: '2027-12-01T09:00:00Z', onlineLink: 'https://meet.example.cz/rs' } },
    { as: world.actors.coordinator.subject },
  );
  expect(scheduled.errors).toBeUndefined();
  const id = scheduled.data!.scheduleMeeting.id;
  const read = (as?: string) => app.gql(`query($id: ID!) { meeting(id: $id) { title } }`, { id }, as ? { as } : {});
  expect(codes(await read())).toEqual(['NOT_FOUND']);
  for (const who of [world.actors.author, world.actors.clerk, world.actors.outsider]) expect(codes(await read(who.subject))).toEqual(['NOT_FOUND']);
  for (const who of [world.actors.steeringChair, world.actors.coordinator, world.actors.support]) expect((await read(who.subject)).errors).toBeUndefined();
  const list = await app.gql<{ meetings: { totalCount: number } }>(`query($areaId: ID!) { meetings(filter: { areaId: $areaId }) { totalCount } }`, { areaId: world.area.id });
  expect(list.data!.meetings.totalCount).toBe(0);
});

test('only the convener schedules, convenes and cancels; cancelling needs a reason; nothing is written on refusal', async () => {
  const world = await aPipelineWorld(app.em());
  const input = { bodyId: world.steering.id, title: 'ŘS', startsAt: '2027-12-02T09:00:00Z', place: 'Radnice' };
  const before = await dbFingerprint(app.em());
  expect(codes(await app.gql(SCHEDULE, { input }, { as: world.actors.steeringChair.subject }))).toEqual(['FORBIDDEN']);
  expect(codes(await app.gql(SCHEDULE, { input }))).toEqual(['UNAUTHENTICATED']);
  expect(codes(await app.gql(SCHEDULE, { input: { ...input, place: null } }, { as: world.actors.coordinator.subject }))).toEqual(['BAD_USER_INPUT']);
  expect(await dbFingerprint(app.em())).toEqual(before);
  const scheduled = await app.gql<{ scheduleMeeting: { id: string } }>(SCHEDULE, { input }, { as: world.actors.coordinator.subject });
  const meetingId = scheduled.data!.scheduleMeeting.id;
  // Convening needs an agenda.
  expect(codes(await app.gql(ACT('conveneMeeting'), { input: { meetingId } }, { as: world.actors.coordinator.subject }))).toEqual(['TRANSITION_NOT_ALLOWED']);
  expect(codes(await app.gql(ACT('cancelMeeting'), { input: { meetingId } }, { as: world.actors.coordinator.subject }))).toEqual(['TRANSITION_NOT_ALLOWED']);
  expect(codes(await app.gql(ACT('cancelMeeting'), { input: { meetingId, reason: 'x' } }, { as: world.actors.steeringChair.subject }))).toEqual(['TRANSITION_NOT_ALLOWED']);
  const cancelled = await app.gql(ACT('cancelMeeting'), { input: { meetingId, reason: 'Nízká účast' } }, { as: world.actors.coordinator.subject });
  expect(cancelled.data).toEqual({ cancelMeeting: { status: 'CANCELLED', version: 2, cancelReason: 'Nízká účast' } });
  expect((await app.em().findOneOrFail(Meeting, { id: meetingId })).status).toBe('CANCELLED');
  // A cancelled meeting is final: convening it is refused as not possible in its status, nothing written.
  const afterCancel = await dbFingerprint(app.em());
  const convened = await app.gql(ACT('conveneMeeting'), { input: { meetingId } }, { as: world.actors.coordinator.subject });
  expect(convened.errors?.[0]?.extensions).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', refusals: [{ code: 'STATUS_NOT_ALLOWED' }] });
  expect(await dbFingerprint(app.em())).toEqual(afterCancel);
});

test('moveAgendaItem reorders the agenda', async () => {
  const w = await chomutovGroup();
  const as = { as: w.coordinator.subject as string };
  const m = await app.gql<{ scheduleMeeting: { id: string } }>(SCHEDULE, { input: { bodyId: w.group.id, title: 'PS', startsAt: '2027-12-03T09:00:00Z', place: 'Radnice' } }, as);
  const meetingId = m.data!.scheduleMeeting.id;
  const ids: string[] = [];
  for (const title of ['A', 'B', 'C']) {
    // The meeting comes back, its agenda listing the new item last.
    const agenda = (await app.gql<{ addAgendaItem: { agenda: Array<{ id: string; title: string; position: number }> } }>(AGENDA, { input: { meetingId, title } }, as)).data!.addAgendaItem.agenda;
    expect(agenda.at(-1)).toMatchObject({ title, position: ids.length + 1 });
    ids.push(agenda.at(-1)!.id);
  }
  const moved = await app.gql<{ moveAgendaItem: { agenda: Array<{ title: string; position: number }> } }>(
    `mutation($input: MoveAgendaItemInput!) { moveAgendaItem(input: $input) { agenda { title position } } }`,
    { input: { agendaItemId: ids[2], position: 1 } },
    as,
  );
  expect(moved.data!.moveAgendaItem.agenda).toEqual([
    { title: 'C', position: 1 },
    { title: 'A', position: 2 },
    { title: 'B', position: 3 },
  ]);
});

test('the iCalendar feed of a body: public bodies for anyone, others with a member\'s token in the header', async () => {
  const world = await aPipelineWorld(app.em());
  const startsAt = daysAhead(30);
  const schedule = (bodyId: string, title: string) =>
    app.gql(SCHEDULE, { input: { bodyId, title, startsAt, place: 'Radnice, zasedací místnost; 2. patro' } }, { as: world.actors.coordinator.subject });
  await schedule(world.group.id, 'Pracovní skupina, prosinec');
  await schedule(world.steering.id, 'Řídící skupina, prosinec');
  const base = app.url.replace(/\/graphql$/, '');

  const open = await fetch(`${base}/calendar/${world.group.id}.ics`);
  expect(open.status).toBe(200);
  expect(open.headers.get('content-type')).toMatch(/^text\/calendar/);
  const text = await open.text();
  expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
  expect(text).toContain('SUMMARY:Pracovní skupina\\, prosinec\r\n');
  expect(text).toContain('LOCATION:Radnice\\, zasedací místnost\\; 2. patro\r\n');
  expect(text).toContain(`DTSTART:${startsAt.replace(/[-:]/g, '').replace(/\.\d{3}/, '')}\r\n`);
  expect(text).toContain('STATUS:TENTATIVE\r\n');

  expect((await fetch(`${base}/calendar/${world.steering.id}.ics`)).status).toBe(404);
  const token = await app.token(world.actors.steeringChair.subject);
  const withHeader = await fetch(`${base}/calendar/${world.steering.id}.ics`, { headers: { authorization: `Bearer ${token}` } });
  expect(withHeader.status).toBe(200);
  expect(await withHeader.text()).toContain('SUMMARY:Řídící skupina\\, prosinec');
  // An API token in the URL is refused (calendar applications get feed links: tests/meetings/calendar-feeds.test.ts).
  expect((await fetch(`${base}/calendar/${world.steering.id}.ics?token=${token}`)).status).toBe(401);
  expect((await fetch(`${base}/calendar/${world.steering.id}.ics?token=forged.token.x`)).status).toBe(401);
  expect((await fetch(`${base}/calendar/not-an-id.ics`)).status).toBe(404);
});
