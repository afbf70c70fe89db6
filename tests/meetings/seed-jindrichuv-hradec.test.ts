import { AreaKind, AreaRoleKind, BodyKind, MembershipRole, TargetGroup, TriadSide } from '../../src/entities/enums';
import { aBody, anArea, anOrganisation, aPerson, aRole, aSeat } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Seed 004: the working group "Osoby ohrožené sociálním vyloučením" of ORP Jindřichův Hradec met on
 * 29 March 2018; five agenda items; the next date is the public hearing of 12 April 2018. Replayed
 * through the API from scheduling to distributed minutes.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const AGENDA = [
  'Základní informace o komunitním plánování sociálních služeb pro ORP Jindřichův Hradec',
  'Krajské plánování',
  'Organizační zajištění',
  'Hlavní aktivity',
  'Diskuze',
];

test('the Jindřichův Hradec working-group meeting of 29 March 2018, through the API', async () => {
  const em = app.em();
  const area = await anArea(em, { name: 'ORP Jindřichův Hradec', kind: AreaKind.ORP });
  const steering = await aBody(em, area, BodyKind.STEERING_GROUP, { name: 'Řídicí skupina' });
  const group = await aBody(em, area, BodyKind.WORKING_GROUP, { name: 'PS Osoby ohrožené sociálním vyloučením', reportsTo: steering });
  await em.getConnection().execute(`update body set target_group = ? where id = ?`, [TargetGroup.SOCIAL_EXCLUSION, group.id]);
  const coordinator = await aPerson(em, area, { name: 'Místní koordinátorka' });
  await aRole(em, coordinator, AreaRoleKind.COORDINATOR);
  const methodologist = await aPerson(em, area, { name: 'Metodik CKP jižní Čechy', organisation: await anOrganisation(em, area, { name: 'Centrum pro komunitní práci jižní Čechy' }) });
  const since = { validFrom: '2018-01-01' };
  const chair = await aPerson(em, area, { name: 'Vedoucí pracovní skupiny' });
  await aSeat(em, group, chair, { role: MembershipRole.CHAIR, triadSide: TriadSide.PROVIDER, ...since });
  const town = await aPerson(em, area, { name: 'Zástupce města' });
  await aSeat(em, group, town, { triadSide: TriadSide.COMMISSIONER, ...since });
  const user = await aPerson(em, area, { name: 'Zástupce uživatelů' });
  await aSeat(em, group, user, { triadSide: TriadSide.SERVICE_USER, ...since });
  const as = { as: coordinator.subject as string };

  const scheduled = await app.gql<{ scheduleMeeting: { id: string } }>(
    `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`,
    {
      input: {
        bodyId: group.id,
        title: 'Jednání pracovní skupiny Osoby ohrožené sociálním vyloučením',
        startsAt: '2018-03-29T07:00:00Z',
        endsAt: '2018-03-29T09:00:00Z',
        place: 'MěÚ Jindřichův Hradec, nám. Masarykovo 168/II, 1. patro, místnost krizového řízení',
        alreadyHeld: true,
      },
    },
    as,
  );
  const meetingId = scheduled.data!.scheduleMeeting.id;
  for (const title of AGENDA) {
    const added = await app.gql(`mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }`, { input: { meetingId, title, presenterPersonId: methodologist.id } }, as);
    expect(added.errors).toBeUndefined();
  }
  await app.gql(
    `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { id } }`,
    {
      input: {
        meetingId,
        entries: [
          { personId: chair.id, status: 'PRESENT' },
          { personId: town.id, status: 'PRESENT' },
          { personId: user.id, status: 'PRESENT' },
          { personId: methodologist.id, status: 'PRESENT', guestSide: 'PROVIDER' },
        ],
      },
    },
    as,
  );
  await app.gql(`mutation($input: UpdateMeetingInput!) { updateMeeting(input: $input) { id } }`, { input: { meetingId, nextMeetingDate: '2018-04-12' } }, as);
  await app.gql(
    `mutation($input: DraftMinutesInput!) { draftMinutes(input: $input) { status } }`,
    { input: { meetingId, text: 'Veřejné projednání: 12. dubna 2018 v 15:00, Muzeum fotografie a moderních obrazových médií, Kostelní 20/I.' } },
    as,
  );
  expect((await app.gql(`mutation($input: MinutesActionInput!) { verifyMinutes(input: $input) { status } }`, { input: { meetingId } }, { as: chair.subject as string })).errors).toBeUndefined();
  expect((await app.gql(`mutation($input: MinutesActionInput!) { distributeMinutes(input: $input) { status } }`, { input: { meetingId } }, as)).errors).toBeUndefined();

  const read = await app.gql(
    `query($id: ID!) { meeting(id: $id) { status nextMeetingDate isPublic agenda { position title } quorum { reached presentVoting totalVoting } triadRepresentation { complete } minutes { version recipients { person { name } } } } }`,
    { id: meetingId },
  );
  expect(read.errors).toBeUndefined();
  expect(read.data).toEqual({
    meeting: {
      status: 'MINUTES_DISTRIBUTED',
      nextMeetingDate: '2018-04-12',
      isPublic: true,
      agenda: AGENDA.map((title, i) => ({ position: i + 1, title })),
      quorum: { reached: true, presentVoting: 3, totalVoting: 3 },
      triadRepresentation: { complete: true },
      minutes: { version: 1, recipients: expect.arrayContaining([{ person: { name: 'Zástupce uživatelů' } }]) as unknown },
    },
  });
});
