import { pragueDay } from '../../src/common/dates';
import { AreaRoleKind, BodyKind, MembershipRole, TriadSide } from '../../src/entities/enums';
import { Material } from '../../src/entities/material.entity';
import { Meeting } from '../../src/entities/meeting.entity';
import { dbFingerprint } from '../support/db-fingerprint';
import { aBody, anArea, aPerson, aRole, aSeat } from '../support/factories';
import { codes, startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id status recordedAfterwards } }`;
const UPDATE = `mutation($input: UpdateMeetingInput!) { updateMeeting(input: $input) { id startsAt } }`;
const ADD_ITEM = `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { agenda { id } } }`;
type Added = { addAgendaItem: { agenda: Array<{ id: string }> } };
const MOVE_ITEM = `mutation($input: MoveAgendaItemInput!) { moveAgendaItem(input: $input) { id } }`;
const CONVENE = `mutation($input: MeetingActionInput!) { conveneMeeting(input: $input) { status } }`;
const ATTEND = `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { id } }`;
const RESOLVE = `mutation($input: RecordResolutionInput!) { recordResolution(input: $input) { number } }`;
const ATTACH = `mutation($input: AttachMaterialInput!) { attachMaterial(input: $input) { id late } }`;
const DRAFT = `mutation($input: DraftMinutesInput!) { draftMinutes(input: $input) { status } }`;
const VERIFY = `mutation($input: MinutesActionInput!) { verifyMinutes(input: $input) { status } }`;

const LEAD_DAYS = 5;
const TEXT = Buffer.from('Podklady k bodu\n').toString('base64');

/** One world for the file: a working group (materials LEAD_DAYS ahead) with a chair, a coordinator who takes the minutes, and a member. */
let world: Awaited<ReturnType<typeof aWorld>>;
async function aWorld() {
  const em = app.em();
  const area = await anArea(em);
  const group = await aBody(em, area, BodyKind.WORKING_GROUP, { name: 'PS Rodina', materialsLeadDays: LEAD_DAYS });
  const chair = await aPerson(em, area, { name: 'Jana Předsedkyně' });
  const coordinator = await aPerson(em, area, { name: 'Petr Koordinátor' });
  const member = await aPerson(em, area, { name: 'Marie Členka' });
  await aRole(em, coordinator, AreaRoleKind.COORDINATOR);
  await aSeat(em, group, chair, { role: MembershipRole.CHAIR, triadSide: TriadSide.COMMISSIONER, validFrom: '2014-01-01' });
  await aSeat(em, group, member, { triadSide: TriadSide.SERVICE_USER, validFrom: '2014-01-01' });
  return { area, group, chair: chair.subject as string, coordinator: coordinator.subject as string, member };
}
beforeAll(async () => {
  world = await aWorld();
});

function ok<T>(res: GraphQLResponse<T>): T {
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

/** Noon UTC of the Prague day `days` after today (the same Prague day). */
function dayFromToday(days: number): string {
  const d = new Date(`${pragueDay(new Date())}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString();
}

async function notices(): Promise<number> {
  const rows = await app.em().getConnection().execute<Array<{ n: string }>>(
    `select (select count(*) from outbox where area_id = ?) + (select count(*) from notification where area_id = ?) as n`,
    [world.area.id, world.area.id],
  );
  return Number(rows[0].n);
}

test('a document attached after its item\'s materials deadline is flagged late; one attached on the deadline day is not', async () => {
  const as = { as: world.coordinator };
  const onTime = ok(await app.gql<{ scheduleMeeting: { id: string } }>(SCHEDULE, { input: { bodyId: world.group.id, title: 'PS – lhůta dnes', startsAt: dayFromToday(LEAD_DAYS), place: 'Radnice' } }, as));
  const late = ok(await app.gql<{ scheduleMeeting: { id: string } }>(SCHEDULE, { input: { bodyId: world.group.id, title: 'PS – lhůta včera', startsAt: dayFromToday(LEAD_DAYS - 1), place: 'Radnice' } }, as));
  const onTimeItem = ok(await app.gql<Added>(ADD_ITEM, { input: { meetingId: onTime.scheduleMeeting.id, title: 'Rozpočet' } }, as)).addAgendaItem.agenda[0];
  const lateItem = ok(await app.gql<Added>(ADD_ITEM, { input: { meetingId: late.scheduleMeeting.id, title: 'Rozpočet' } }, as)).addAgendaItem.agenda[0];

  const deadlines = await app.gql<{ a: { materialsDeadline: string }; b: { materialsDeadline: string } }>(
    `query($a: ID!, $b: ID!) { a: meeting(id: $a) { materialsDeadline } b: meeting(id: $b) { materialsDeadline } }`,
    { a: onTime.scheduleMeeting.id, b: late.scheduleMeeting.id },
    as,
  );
  const today = pragueDay(new Date());
  expect(deadlines.data!.a.materialsDeadline).toBe(today);
  expect(deadlines.data!.b.materialsDeadline < today).toBe(true);

  const attach = (agendaItemId: string) => app.gql<{ attachMaterial: { id: string; late: boolean } }>(ATTACH, { input: { agendaItemId, name: 'podklady.txt', mediaType: 'text/plain', contentBase64: TEXT } }, as);
  expect(ok(await attach(onTimeItem.id)).attachMaterial.late).toBe(false);
  const flagged = ok(await attach(lateItem.id)).attachMaterial;
  expect(flagged.late).toBe(true);
  expect((await app.em().findOneOrFail(Material, { id: flagged.id })).late).toBe(true);

  const listed = await app.gql<{ meeting: { agenda: Array<{ late: boolean; materials: Array<{ late: boolean }> }> } }>(
    `query($id: ID!) { meeting(id: $id) { agenda { late materials { late } } } }`,
    { id: late.scheduleMeeting.id },
    as,
  );
  // The item itself was on time when it went on the agenda; its document came late.
  expect(listed.data!.meeting.agenda).toEqual([{ late: false, materials: [{ late: true }] }]);
});

test('scheduling in the past is refused naming startsAt, and moving a planned meeting into the past too; nothing is written', async () => {
  const as = { as: world.coordinator, headers: { 'accept-language': 'en' } };
  const before = await dbFingerprint(app.em());
  const past = await app.gql(SCHEDULE, { input: { bodyId: world.group.id, title: 'PS', startsAt: dayFromToday(-1), place: 'Radnice' } }, as);
  expect(codes(past)).toEqual(['BAD_USER_INPUT']);
  expect((past.errors![0].extensions!.fields as Array<{ field: string }>).map((f) => f.field)).toEqual(['startsAt']);
  expect(await dbFingerprint(app.em())).toEqual(before);

  const planned = ok(await app.gql<{ scheduleMeeting: { id: string } }>(SCHEDULE, { input: { bodyId: world.group.id, title: 'PS', startsAt: dayFromToday(10), place: 'Radnice' } }, as));
  const id = planned.scheduleMeeting.id;
  const unchanged = await dbFingerprint(app.em());
  const moved = await app.gql(UPDATE, { input: { meetingId: id, startsAt: new Date(Date.now() - 60 * 60 * 1000).toISOString() } }, as);
  expect(codes(moved)).toEqual(['BAD_USER_INPUT']);
  expect((moved.errors![0].extensions!.fields as Array<{ field: string }>).map((f) => f.field)).toEqual(['startsAt']);
  expect(await dbFingerprint(app.em())).toEqual(unchanged);
  // Another future time is fine.
  expect((await app.gql(UPDATE, { input: { meetingId: id, startsAt: dayFromToday(11) } }, as)).errors).toBeUndefined();
});

test('a meeting already held is recorded as HELD, marked recorded afterwards, with no invitation or notice; a future one cannot be recorded so', async () => {
  const as = { as: world.coordinator };
  const notified = await notices();
  const recorded = ok(
    await app.gql<{ scheduleMeeting: { id: string; status: string; recordedAfterwards: boolean } }>(
      SCHEDULE,
      { input: { bodyId: world.group.id, title: 'PS č. 4 (11. 11. 2014)', startsAt: '2014-11-11T08:00:00Z', place: 'Chomutov, radnice', alreadyHeld: true } },
      as,
    ),
  ).scheduleMeeting;
  expect(recorded).toMatchObject({ status: 'HELD', recordedAfterwards: true });
  // Its agenda and attendance are entered afterwards; it cannot be convened.
  const meetingId = recorded.id;
  expect((await app.gql(ADD_ITEM, { input: { meetingId, title: 'Gestoři' } }, as)).errors).toBeUndefined();
  expect((await app.gql(ATTEND, { input: { meetingId, entries: [{ personId: world.member.id, status: 'PRESENT' }] } }, as)).errors).toBeUndefined();
  expect(codes(await app.gql(CONVENE, { input: { meetingId } }, as))).toEqual(['TRANSITION_NOT_ALLOWED']);
  expect(await notices()).toBe(notified);

  const before = await dbFingerprint(app.em());
  expect(codes(await app.gql(SCHEDULE, { input: { bodyId: world.group.id, title: 'PS', startsAt: dayFromToday(3), place: 'Radnice', alreadyHeld: true } }, as))).toEqual(['TRANSITION_NOT_ALLOWED']);
  expect(codes(await app.gql(SCHEDULE, { input: { bodyId: world.group.id, title: 'PS', startsAt: '2014-11-11T08:00:00Z', place: 'Radnice', alreadyHeld: true } }, { as: world.member.subject as string }))).toEqual([
    'FORBIDDEN',
  ]);
  expect(await dbFingerprint(app.em())).toEqual(before);
  const planned = ok(await app.gql<{ scheduleMeeting: { recordedAfterwards: boolean; status: string } }>(SCHEDULE, { input: { bodyId: world.group.id, title: 'PS', startsAt: dayFromToday(3), place: 'Radnice' } }, as));
  expect(planned.scheduleMeeting).toEqual(expect.objectContaining({ status: 'PLANNED', recordedAfterwards: false }));
});

test('verified minutes close attendance, resolutions, the agenda and documents; a new version of the minutes opens them until it is verified', async () => {
  const as = { as: world.coordinator };
  const meetingId = ok(
    await app.gql<{ scheduleMeeting: { id: string } }>(SCHEDULE, { input: { bodyId: world.group.id, title: 'PS č. 5', startsAt: '2014-11-21T08:00:00Z', place: 'Radnice', alreadyHeld: true } }, as),
  ).scheduleMeeting.id;
  const first = ok(await app.gql<Added>(ADD_ITEM, { input: { meetingId, title: 'Zahájení' } }, as)).addAgendaItem.agenda[0].id;
  ok(await app.gql(ADD_ITEM, { input: { meetingId, title: 'Různé' } }, as));
  ok(await app.gql(ATTEND, { input: { meetingId, entries: [{ personId: world.member.id, status: 'PRESENT' }] } }, as));
  ok(await app.gql(DRAFT, { input: { meetingId, text: 'Zápis PS č. 5' } }, as));
  // While the minutes are a draft the record may still be corrected.
  ok(await app.gql(ATTEND, { input: { meetingId, entries: [{ personId: world.member.id, status: 'EXCUSED' }] } }, as));
  expect(ok(await app.gql<{ verifyMinutes: { status: string } }>(VERIFY, { input: { meetingId } }, { as: world.chair })).verifyMinutes.status).toBe('MINUTES_VERIFIED');

  const closedAttempts = [
    () => app.gql(ATTEND, { input: { meetingId, entries: [{ personId: world.member.id, status: 'PRESENT' }] } }, as),
    () => app.gql(RESOLVE, { input: { meetingId, number: 'PS/5/2014', text: 'Bere na vědomí.', votesFor: 0, votesAgainst: 0, votesAbstain: 0 } }, as),
    () => app.gql(ADD_ITEM, { input: { meetingId, title: 'Dodatečný bod' } }, as),
    () => app.gql(MOVE_ITEM, { input: { agendaItemId: first, position: 2 } }, as),
    () => app.gql(ATTACH, { input: { agendaItemId: first, name: 'prezenčka.txt', mediaType: 'text/plain', contentBase64: TEXT } }, as),
  ];
  const before = await dbFingerprint(app.em());
  for (const attempt of closedAttempts) expect(codes(await attempt())).toEqual(['CONFLICT']);
  expect(await dbFingerprint(app.em())).toEqual(before);
  const meeting = await app.em().findOneOrFail(Meeting, { id: meetingId });
  expect(meeting.status).toBe('MINUTES_VERIFIED');

  // A new version of the minutes opens the record again …
  ok(await app.gql(DRAFT, { input: { meetingId, text: 'Zápis PS č. 5, verze 2: opravená prezence' } }, as));
  ok(await app.gql(ATTEND, { input: { meetingId, entries: [{ personId: world.member.id, status: 'PRESENT' }] } }, as));
  ok(await app.gql(MOVE_ITEM, { input: { agendaItemId: first, position: 2 } }, as));
  // … until that version is verified.
  ok(await app.gql(VERIFY, { input: { meetingId } }, { as: world.chair }));
  const after = await dbFingerprint(app.em());
  for (const attempt of closedAttempts) expect(codes(await attempt())).toEqual(['CONFLICT']);
  expect(await dbFingerprint(app.em())).toEqual(after);
});
