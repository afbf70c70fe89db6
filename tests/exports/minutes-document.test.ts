import { createHash } from 'node:crypto';
import { AreaRoleKind, BodyKind, MeetingStatus, MembershipRole, TriadSide } from '../../src/entities/enums';
import { expectReadsRefused } from '../support/api-assertions';
import { aBody, aMeetingOf, anArea, anotherAreasCoordinator, aPerson, aRole, aSeat } from '../support/factories';
import { HOSTILE_TEXT, markdownView } from '../support/markdown-view';
import { codes, startTestApp, type TestApp } from '../support/test-app';

/**
 * A meeting's minutes as a document through GraphQL: Markdown with everything the record needs
 * (time and place, attendance by side of the triad, agenda, resolutions with votes, the text, who
 * drafted and verified it and when, the version), user text kept as text, the same in PDF, and read
 * exactly as the minutes are read (verified ones with the meeting, a draft only by its readers).
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const EXPORT = `query($id: ID!, $format: MinutesFormat!, $version: Int) {
  exportMinutes(meetingId: $id, format: $format, version: $version) { fileName mediaType encoding content sizeBytes sha256 }
}`;
type Exported = { exportMinutes: { fileName: string; mediaType: string; encoding: string; content: string; sizeBytes: number; sha256: string } };

const MEETING_TITLE = `Jednání č. 4 ${HOSTILE_TEXT}`;
const MINUTES_TEXT = ['## Projednáno', '', '- Katalog služeb', '- Dotace 2027', '', 'Pozor: <script>alert(1)</script> a & b.'].join('\n');

/** A public working group's meeting held on 10 November 2026, its attendance, a resolution, minutes verified and a second version drafted. */
async function aMeetingWithMinutes() {
  const em = app.em();
  const area = await anArea(em);
  const group = await aBody(em, area, BodyKind.WORKING_GROUP, { name: 'PS Senioři' });
  const coordinator = await aPerson(em, area, { name: 'Aneta Zapisovatelka' });
  await aRole(em, coordinator, AreaRoleKind.COORDINATOR);
  const seated = async (name: string, side: TriadSide, role = MembershipRole.MEMBER) => {
    const p = await aPerson(em, area, { name });
    await aSeat(em, group, p, { role, triadSide: side });
    return p;
  };
  const chair = await seated('Jana Předsedová', TriadSide.COMMISSIONER, MembershipRole.CHAIR);
  const user = await seated('Petr Člen', TriadSide.SERVICE_USER);
  const citizen = await seated('Ondřej Občan', TriadSide.PUBLIC);
  const provider = await seated('Pavel Poskytovatel', TriadSide.PROVIDER);
  const absent = await seated('Karel Nepřišel', TriadSide.COMMISSIONER);
  const guest = await aPerson(em, area, { name: 'Hana Hostová' });
  const outsider = await aPerson(em, area, { name: 'Olga Nezapojená' });
  const as = { as: coordinator.subject! };
  const ok = async (query: string, input: Record<string, unknown>, who = as) => {
    const res = await app.gql<Record<string, { id?: string }>>(query, { input }, who);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const scheduled = await ok(`mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`, {
    bodyId: group.id,
    title: MEETING_TITLE,
    startsAt: '2026-11-10T08:00:00Z',
    endsAt: '2026-11-10T09:30:00Z',
    place: 'Radnice, zasedací místnost č. 2',
    alreadyHeld: true,
  });
  const meetingId = scheduled.scheduleMeeting.id!;
  await ok(`mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }`, { meetingId, title: 'Katalog služeb', presenterPersonId: provider.id });
  await ok(`mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }`, { meetingId, title: '- [Dotace](javascript:alert(1)) 2027' });
  await ok(`mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { id } }`, {
    meetingId,
    entries: [
      { personId: chair.id, status: 'PRESENT' },
      { personId: user.id, status: 'PRESENT' },
      { personId: citizen.id, status: 'PRESENT' },
      { personId: provider.id, status: 'EXCUSED' },
      { personId: absent.id, status: 'ABSENT' },
      { personId: guest.id, status: 'PRESENT', guestSide: 'PROVIDER' },
    ],
  });
  await ok(`mutation($input: RecordResolutionInput!) { recordResolution(input: $input) { id } }`, {
    meetingId,
    number: 'PS4/1/2026',
    text: '=1+1 Skupina doporučuje katalog | <b>ke schválení</b>',
    votesFor: 2,
    votesAgainst: 1,
    votesAbstain: 0,
  });
  await ok(`mutation($input: DraftMinutesInput!) { draftMinutes(input: $input) { id } }`, { meetingId, text: MINUTES_TEXT });
  await ok(`mutation($input: MinutesActionInput!) { verifyMinutes(input: $input) { id } }`, { meetingId }, { as: chair.subject! });
  await ok(`mutation($input: MinutesActionInput!) { distributeMinutes(input: $input) { id } }`, { meetingId });
  await ok(`mutation($input: DraftMinutesInput!) { draftMinutes(input: $input) { id } }`, { meetingId, text: 'Doplněk: opravené jméno hosta.' });
  return { area, group, meetingId, coordinator, chair, user, outsider };
}

test('the minutes in Markdown: body, time and place, attendance by side, agenda, resolutions with votes, the text, who drafted and verified, the version', async () => {
  const w = await aMeetingWithMinutes();
  const res = await app.gql<Exported>(EXPORT, { id: w.meetingId, format: 'MARKDOWN', version: 1 }, { as: w.user.subject! });
  expect(res.errors).toBeUndefined();
  const doc = res.data!.exportMinutes;
  expect(doc).toMatchObject({ mediaType: 'text/markdown; charset=utf-8', encoding: 'TEXT', fileName: 'zapis-ps-seniori-2026-11-10-v1.md' });
  expect(doc.sha256).toBe(createHash('sha256').update(doc.content).digest('hex'));
  const view = markdownView(doc.content);

  expect(view.blocks[0]).toBe('Zápis z jednání: PS Senioři');
  expect(view.blocks).toEqual(
    expect.arrayContaining([
      'Orgán: PS Senioři',
      `Jednání: ${MEETING_TITLE}`,
      'Kdy: úterý 10. 11. 2026, 9:00–10:30',
      'Místo: Radnice, zasedací místnost č. 2',
      'Stav jednání: Zápis vyhotoven',
      'Verze zápisu: 1 (ověřená)',
      'Usnášeníschopnost: ano — přítomno 3 členů s hlasem z 5, potřeba 3',
      'Zastoupení triády: chybí: Poskytovatelé',
      'Katalog služeb — předkládá: Pavel Poskytovatel',
      // Typed as a list item of its own, it stays the item's text.
      '- [Dotace](javascript:alert(1)) 2027',
      'Projednáno',
      'Katalog služeb',
      'Pozor: <script>alert(1)</script> a & b.',
      expect.stringMatching(/^Zapsal\(a\): Aneta Zapisovatelka, 2026-\d\d-\d\d \d\d:\d\d$/),
      expect.stringMatching(/^Ověřil\(a\): Jana Předsedová, 2026-\d\d-\d\d \d\d:\d\d$/),
      expect.stringMatching(/^Rozesláno: 2026-/),
      'Verze zápisu: 1 / 2',
    ]),
  );
  expect(view.rows).toEqual([
    ['Strana triády', 'Přítomni', 'Omluveni', 'Nepřítomni'],
    ['Zadavatelé', 'Jana Předsedová', '', 'Karel Nepřišel'],
    ['Poskytovatelé', 'Hana Hostová (host)', 'Pavel Poskytovatel', ''],
    ['Uživatelé', 'Petr Člen', '', ''],
    ['Veřejnost', 'Ondřej Občan', '', ''],
    ['Číslo', 'Usnesení', 'Pro', 'Proti', 'Zdrželo se', 'Přijato'],
    ['PS4/1/2026', '=1+1 Skupina doporučuje katalog | <b>ke schválení</b>', '2', '1', '0', 'ano'],
  ]);
  // User text stays text; the minutes keep their own Markdown (a heading, a list), never HTML.
  for (const kind of ['html_inline', 'html_block', 'link_open', 'image', 'code_inline']) expect({ kind, found: view.kinds.has(kind) }).toEqual({ kind, found: false });
  expect(doc.content).toContain('## Projednáno');
  expect(view.kinds.has('bullet_list_open')).toBe(true);

  // The latest version the reader may read, by default: a member reads the draft.
  const latest = await app.gql<Exported>(EXPORT, { id: w.meetingId, format: 'MARKDOWN' }, { as: w.user.subject!, headers: { 'accept-language': 'en' } });
  const english = markdownView(latest.data!.exportMinutes.content);
  expect(latest.data!.exportMinutes.fileName).toBe('minutes-ps-seniori-2026-11-10-v2.md');
  expect(english.blocks).toEqual(
    expect.arrayContaining(['Minutes of the meeting: PS Senioři', 'Version of the minutes: 2 (draft, not verified)', 'Doplněk: opravené jméno hosta.', 'Verified by: not verified', 'When: Tuesday, 10 November 2026, 09:00–10:30']),
  );
  expect(english.rows[0]).toEqual(['Side of the triad', 'Present', 'Excused', 'Absent']);
});

test('the minutes in PDF: an A4 PDF in base64 with its font embedded, its size and hash', async () => {
  const w = await aMeetingWithMinutes();
  const res = await app.gql<Exported>(EXPORT, { id: w.meetingId, format: 'PDF', version: 1 }, { as: w.coordinator.subject! });
  expect(res.errors).toBeUndefined();
  const doc = res.data!.exportMinutes;
  expect(doc).toMatchObject({ mediaType: 'application/pdf', encoding: 'BASE64', fileName: 'zapis-ps-seniori-2026-11-10-v1.pdf' });
  const bytes = Buffer.from(doc.content, 'base64');
  expect(bytes.length).toBe(doc.sizeBytes);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(doc.sha256);
  const text = bytes.toString('latin1');
  expect(text.startsWith('%PDF-1.')).toBe(true);
  expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  expect(text).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
  expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
  expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
  expect(text).toContain('/Lang (cs-CZ)');
});

test('read as the minutes are: a draft only by its readers, a non-public body\'s meeting by nobody outside it; nothing leaked', async () => {
  const w = await aMeetingWithMinutes();
  const asked = (who: { subject: string | null } | null, version?: number, meetingId = w.meetingId) =>
    app.gql<Exported>(EXPORT, { id: meetingId, format: 'MARKDOWN', version }, who ? { as: who.subject! } : {});

  // A public body's meeting: anyone reads the verified minutes, and no draft.
  for (const who of [null, w.outsider]) {
    const res = await asked(who);
    expect(res.errors).toBeUndefined();
    expect(res.data!.exportMinutes.fileName).toMatch(/-v1\.md$/);
    expect(res.data!.exportMinutes.content).not.toContain('Doplněk');
    const draft = await asked(who, 2);
    expect(codes(draft)).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(draft)).not.toContain('Doplněk');
  }
  expect(codes(await asked(w.user, 3))).toEqual(['NOT_FOUND']);

  // A meeting of the steering group (not public) with a draft only.
  const em = app.em();
  const steering = await aBody(em, w.area, BodyKind.STEERING_GROUP, { name: 'Řídící skupina' });
  const steeringMember = await aPerson(em, w.area, { name: 'Ivan Řídící' });
  await aSeat(em, steering, steeringMember, { triadSide: TriadSide.COMMISSIONER });
  const closed = await aMeetingOf(em, steering, MeetingStatus.HELD);
  expect((await app.gql(`mutation($input: DraftMinutesInput!) { draftMinutes(input: $input) { id } }`, { input: { meetingId: closed.id, text: 'Důvěrný návrh rozpočtu.' } }, { as: w.coordinator.subject! })).errors).toBeUndefined();
  const otherCoordinator = await anotherAreasCoordinator(em);

  expect((await asked(steeringMember, undefined, closed.id)).data!.exportMinutes.content).toContain('Důvěrný návrh rozpočtu.');
  const refused = {
    anonymous: await asked(null, undefined, closed.id),
    outsider: await asked(w.outsider, undefined, closed.id),
    memberOfAnotherBody: await asked(w.user, undefined, closed.id),
    otherArea: await asked(otherCoordinator, undefined, closed.id),
    malformedId: await asked(w.coordinator, undefined, 'not-a-meeting'),
  };
  expectReadsRefused(
    refused,
    { anonymous: 'NOT_FOUND', outsider: 'NOT_FOUND', memberOfAnotherBody: 'NOT_FOUND', otherArea: 'NOT_FOUND', malformedId: 'BAD_USER_INPUT' },
    /Důvěrný|Řídící skupina/,
  );
});
