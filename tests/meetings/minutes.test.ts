import { AreaRoleKind, BodyKind, MembershipRole, TriadSide } from '../../src/entities/enums';
import { aBody, anArea, aPerson, aRole, aSeat } from '../support/factories';
import { dbFingerprint } from '../support/db-fingerprint';
import { codes, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const MEETING = `query($id: ID!) { meeting(id: $id) { status minutesOverdue minutesDueDate minutes { version text verifiedBy { name } recipients { person { name } } } minutesVersions { version text verifiedAt } } }`;
const minutes = (name: string) => `mutation($input: ${name === 'draftMinutes' ? 'DraftMinutesInput' : 'MinutesActionInput'}!) { ${name}(input: $input) { status } }`;

/** A working group whose chair is also a coordinator, a second coordinator, and a meeting held long ago (recorded afterwards). */
async function heldLongAgo() {
  const em = app.em();
  const area = await anArea(em);
  const group = await aBody(em, area, BodyKind.WORKING_GROUP, { name: 'PS Senioři' });
  const chairCoordinator = await aPerson(em, area, { name: 'Jan Předseda' });
  const coordinator = await aPerson(em, area, { name: 'Aneta Zapisovatelka' });
  await aRole(em, chairCoordinator, AreaRoleKind.COORDINATOR);
  await aRole(em, coordinator, AreaRoleKind.COORDINATOR);
  const member = await aPerson(em, area, { name: 'Marie Členka' });
  await aSeat(em, group, chairCoordinator, { role: MembershipRole.CHAIR, triadSide: TriadSide.COMMISSIONER, validFrom: '2014-01-01' });
  await aSeat(em, group, member, { triadSide: TriadSide.SERVICE_USER, validFrom: '2014-01-01' });
  const as = { as: coordinator.subject as string };
  const m = await app.gql<{ scheduleMeeting: { id: string } }>(
    `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`,
    { input: { bodyId: group.id, title: 'PS č. 4', startsAt: '2014-11-11T08:00:00Z', place: 'Radnice', alreadyHeld: true } },
    as,
  );
  const meetingId = m.data!.scheduleMeeting.id;
  await app.gql(`mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }`, { input: { meetingId, title: 'Gestoři' } }, as);
  return { meetingId, chair: chairCoordinator.subject as string, coordinator: coordinator.subject as string, member: member.subject as string };
}

test('minutes: the author never verifies them; verified minutes are frozen and a change is a new version; distribution records recipients', async () => {
  const w = await heldLongAgo();
  expect((await app.gql(MEETING, { id: w.meetingId }, { as: w.chair })).data).toMatchObject({ meeting: { status: 'HELD', minutesOverdue: true, minutesDueDate: '2014-11-18', minutes: null } });

  expect(codes(await app.gql(minutes('draftMinutes'), { input: { meetingId: w.meetingId, text: 'Zápis' } }, { as: w.member }))).toEqual(['TRANSITION_NOT_ALLOWED']);
  expect((await app.gql(minutes('draftMinutes'), { input: { meetingId: w.meetingId, text: 'Zápis PS č. 4' } }, { as: w.chair })).errors).toBeUndefined();

  const before = await dbFingerprint(app.em());
  const ownVerify = await app.gql(minutes('verifyMinutes'), { input: { meetingId: w.meetingId } }, { as: w.chair, headers: { 'accept-language': 'en' } });
  expect(codes(ownVerify)).toEqual(['TRANSITION_NOT_ALLOWED']);
  expect(ownVerify.errors![0].extensions!.reasons).toEqual(['The minutes cannot be verified by their author.']);
  expect(await dbFingerprint(app.em())).toEqual(before);

  // The other coordinator rewrites the draft; now the chair may verify it.
  expect((await app.gql(minutes('draftMinutes'), { input: { meetingId: w.meetingId, text: 'Zápis PS č. 4, opravený' } }, { as: w.coordinator })).errors).toBeUndefined();
  expect(codes(await app.gql(minutes('verifyMinutes'), { input: { meetingId: w.meetingId } }, { as: w.coordinator }))).toEqual(['TRANSITION_NOT_ALLOWED']);
  expect((await app.gql(minutes('verifyMinutes'), { input: { meetingId: w.meetingId } }, { as: w.chair })).data).toEqual({ verifyMinutes: { status: 'MINUTES_VERIFIED' } });
  expect((await app.gql(minutes('distributeMinutes'), { input: { meetingId: w.meetingId } }, { as: w.coordinator })).data).toEqual({ distributeMinutes: { status: 'MINUTES_DISTRIBUTED' } });

  const distributed = await app.gql<{ meeting: { minutesOverdue: boolean; minutes: { version: number; verifiedBy: { name: string }; recipients: Array<{ person: { name: string } }> } } }>(
    MEETING,
    { id: w.meetingId },
    { as: w.chair },
  );
  expect(distributed.data!.meeting.minutesOverdue).toBe(false);
  expect(distributed.data!.meeting.minutes.verifiedBy.name).toBe('Jan Předseda');
  expect(distributed.data!.meeting.minutes.recipients.map((r) => r.person.name).sort()).toEqual(['Jan Předseda', 'Marie Členka']);

  expect((await app.gql(minutes('draftMinutes'), { input: { meetingId: w.meetingId, text: 'Doplněk k zápisu' } }, { as: w.coordinator })).data).toEqual({
    draftMinutes: { status: 'MINUTES_DRAFTED' },
  });
  const amended = await app.gql<{ meeting: { minutesVersions: Array<{ version: number; text: string; verifiedAt: string | null }> } }>(MEETING, { id: w.meetingId }, { as: w.chair });
  const versions = amended.data!.meeting.minutesVersions;
  expect(versions.map((v) => [v.version, v.text, v.verifiedAt !== null])).toEqual([
    [1, 'Zápis PS č. 4, opravený', true],
    [2, 'Doplněk k zápisu', false],
  ]);
});
