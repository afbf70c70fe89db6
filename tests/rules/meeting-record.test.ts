import { AttendanceStatus, MeetingStatus, TriadSide } from '../../src/domain/enums';
import {
  agendaItemJudgement,
  agendaOrder,
  attendanceOpen,
  attendanceRow,
  changeRefusal,
  clearingRefusal,
  dayAfter,
  draftTarget,
  hasDraft,
  hasStarted,
  heldOn,
  invitees,
  lateByMovingRefusal,
  materialsDeadline,
  materialsLate,
  minutesDueDate,
  minutesNextStep,
  minutesOverdue,
  minutesRecipients,
  MOVED_EARLIER,
  movesStart,
  presentVoters,
  proposalBodyRefusal,
  readableVersions,
  recordClosed,
  repeatedPersonRefusal,
  resolutionsOpen,
  scheduleRefusal,
  startRefusal,
  updateRefusal,
  wroteMinutes,
  type FieldProblem,
  type MeetingChange,
  type MeetingRefusal,
  type MeetingUpdate,
} from '../../src/domain/meeting-record';
import { meetingWorkflow, type MeetingFacts } from '../../src/workflows/meeting.workflow';

/**
 * The rules of a meeting's record, from the README (Meetings), ../shared/DESIGN.md and the rules of
 * procedure in the seeds: a meeting is rescheduled only before it is held and never into the past
 * (one already held is recorded so); its agenda takes items before it is held (one recorded
 * afterwards also while its record is open), a proposal's item only at the body handling it and,
 * with materials later than the body's lead days, only with an urgency reason; attendance is
 * recorded from convening, resolutions once held; verified minutes close the record (a new version
 * of the minutes opens it again); a draft of the minutes is rewritten, verified ones never (a change
 * is a new version), drafts are read only by those the policy lets; the minutes go to the members of
 * the meeting day and are overdue after the body's days. Every status × every change, every
 * status × every step of the minutes. No database: tests/meetings/* run the same rules through GraphQL.
 */

const S = MeetingStatus;
const STATUSES = Object.values(MeetingStatus);

const conflict = (cs: string, en: string): MeetingRefusal => ({ code: 'CONFLICT', text: { cs, en } });
const problem = (field: string, cs: string, en: string): FieldProblem => ({ field, text: { cs, en } });
const badInput = (field: string, cs: string, en: string): MeetingRefusal => ({ code: 'BAD_INPUT', problems: [problem(field, cs, en)] });

const RECORD_CLOSED = conflict(
  'Zápis z jednání je ověřen; záznam jednání lze opravit jen v nové verzi zápisu (draftMinutes).',
  "The minutes are verified; the meeting's record is corrected only in a new version of the minutes (draftMinutes).",
);

/**
 * When each change is open, and what it says otherwise: `open` statuses, `afterwards` those open too
 * for a meeting recorded afterwards; a verified record refuses with `closed`, any other status with
 * `refused`.
 */
const CHANGES: Record<MeetingChange, { open: MeetingStatus[]; afterwards?: MeetingStatus[]; closed: MeetingRefusal | null; refused: MeetingRefusal | null; cancelled?: MeetingRefusal }> = {
  reschedule: {
    open: [S.PLANNED, S.CONVENED],
    closed: null,
    refused: conflict('Konané nebo zrušené jednání nelze přeplánovat.', 'A held or cancelled meeting cannot be rescheduled.'),
  },
  addAgendaItem: {
    open: [S.PLANNED, S.CONVENED],
    afterwards: [S.HELD, S.MINUTES_DRAFTED],
    closed: RECORD_CLOSED,
    refused: conflict('Program konaného nebo zrušeného jednání nelze měnit.', 'The agenda of a held or cancelled meeting cannot change.'),
  },
  moveAgendaItem: { open: [S.PLANNED, S.CONVENED, S.HELD, S.MINUTES_DRAFTED, S.CANCELLED], closed: RECORD_CLOSED, refused: null },
  recordAttendance: {
    open: [S.CONVENED, S.HELD, S.MINUTES_DRAFTED],
    closed: RECORD_CLOSED,
    refused: conflict('Prezenci lze zapsat u svolaného nebo konaného jednání.', 'Attendance is recorded for a convened or held meeting.'),
  },
  recordResolution: {
    open: [S.HELD, S.MINUTES_DRAFTED],
    closed: RECORD_CLOSED,
    refused: conflict('Usnesení se zapisuje po konání jednání.', 'Resolutions are recorded once the meeting has been held.'),
  },
  attachItemMaterial: {
    open: [S.PLANNED, S.CONVENED, S.HELD, S.MINUTES_DRAFTED],
    closed: conflict('Zápis z jednání je ověřen; podklady jsou uzavřeny.', "The minutes are verified; the meeting's documents are closed."),
    refused: null,
    cancelled: badInput('agendaItemId', 'Jednání je zrušeno.', 'The meeting is cancelled.'),
  },
};
const VERIFIED = [S.MINUTES_VERIFIED, S.MINUTES_DISTRIBUTED];

/** Every condition of the meeting's course met (tests/rules/meeting-rules.test.ts judges them one by one). */
const MET: MeetingFacts = {
  actorIsConvener: true,
  actorIsMinuteTaker: true,
  actorIsChair: true,
  actorDraftedMinutes: false,
  agendaItems: 1,
  started: true,
  reason: 'Důvod',
};

describe('what may change in which status', () => {
  test('every change in every status, recorded afterwards or not: open, refused by a verified record, or refused by its own window', () => {
    for (const [change, rule] of Object.entries(CHANGES) as Array<[MeetingChange, (typeof CHANGES)[MeetingChange]]>) {
      for (const status of STATUSES) {
        for (const recordedAfterwards of [false, true]) {
          const open = rule.open.includes(status) || (recordedAfterwards && (rule.afterwards ?? []).includes(status));
          const expected = open ? null : status === S.CANCELLED && rule.cancelled ? rule.cancelled : VERIFIED.includes(status) && rule.closed ? rule.closed : rule.refused;
          expect([change, status, recordedAfterwards, changeRefusal(change, { status, recordedAfterwards })]).toEqual([change, status, recordedAfterwards, expected]);
        }
      }
    }
  });

  test('the record is closed once the minutes are verified; attendance is open from convening, resolutions once held, both until then', () => {
    expect(STATUSES.filter(recordClosed).sort()).toEqual([S.MINUTES_DISTRIBUTED, S.MINUTES_VERIFIED]);
    expect(STATUSES.filter(attendanceOpen).sort()).toEqual([S.CONVENED, S.HELD, S.MINUTES_DRAFTED]);
    expect(STATUSES.filter(resolutionsOpen).sort()).toEqual([S.HELD, S.MINUTES_DRAFTED]);
  });

  test("a new version of the minutes opens a verified record again, through the meeting's course; verifying it closes it again", () => {
    for (const status of VERIFIED) {
      const drafted = meetingWorkflow.decide(meetingWorkflow.snapshotAt(status), 'DRAFT_MINUTES', MET);
      if (!drafted.allowed) throw new Error(`DRAFT_MINUTES refused from ${status}`);
      const reopened = drafted.to as MeetingStatus;
      for (const change of ['moveAgendaItem', 'recordAttendance', 'recordResolution', 'attachItemMaterial'] as const) {
        expect([status, reopened, change, changeRefusal(change, { status: reopened, recordedAfterwards: false })]).toEqual([status, reopened, change, null]);
      }
      const verified = meetingWorkflow.decide(meetingWorkflow.snapshotAt(reopened), 'VERIFY_MINUTES', MET);
      expect(verified.allowed && recordClosed(verified.to as MeetingStatus)).toBe(true);
    }
  });
});

describe('scheduling', () => {
  const start = new Date('2027-03-10T08:00:00Z');
  const at = (ms: number) => new Date(start.getTime() + ms);
  const ENDS = problem('endsAt', 'Konec musí být po začátku.', 'endsAt must be after startsAt.');
  const PLACE = problem('place', 'Uveďte místo nebo odkaz na online jednání.', 'Give a place or an online link.');

  test('a meeting ends after it starts and takes place somewhere (a place, an online link or both); every problem is named', () => {
    const cases: Array<[Date | null, string | null, string | null, FieldProblem[]]> = [
      [null, 'Radnice', null, []],
      [at(1), null, 'https://meet.example.cz/ps', []],
      [at(60_000), 'Radnice', 'https://meet.example.cz/ps', []],
      [at(0), 'Radnice', null, [ENDS]],
      [at(-1), 'Radnice', null, [ENDS]],
      [null, null, null, [PLACE]],
      [null, '', '', [PLACE]],
      [at(-60_000), null, null, [ENDS, PLACE]],
    ];
    for (const [endsAt, place, onlineLink, problems] of cases) {
      const refusal = scheduleRefusal({ startsAt: start, endsAt, place, onlineLink });
      expect([endsAt, place, onlineLink, refusal]).toEqual([endsAt, place, onlineLink, problems.length ? { code: 'BAD_INPUT', problems } : null]);
    }
  });

  test('a start in the past is refused naming startsAt, unless the meeting is recorded as already held; the present moment is no past', () => {
    const PAST = badInput(
      'startsAt',
      'Začátek jednání je v minulosti; jednání, které už proběhlo, zapište s alreadyHeld.',
      'startsAt is in the past; record a meeting already held with alreadyHeld.',
    );
    const now = start;
    for (const [startsAt, alreadyHeld, expected] of [
      [at(-1), false, PAST],
      [at(-86_400_000), false, PAST],
      [at(0), false, null],
      [at(1), false, null],
      [at(-86_400_000), true, null],
      [at(0), true, null],
      [at(86_400_000), true, null],
    ] as Array<[Date, boolean, MeetingRefusal | null]>) {
      expect([startsAt, alreadyHeld, startRefusal(startsAt, now, alreadyHeld)]).toEqual([startsAt, alreadyHeld, expected]);
    }
  });

  test('a meeting has started at its start and after it, not a moment before', () => {
    expect([hasStarted(start, at(-1)), hasStarted(start, at(0)), hasStarted(start, at(1))]).toEqual([false, true, true]);
  });

  test('neither the title nor the start is cleared (the title named first); other fields may be', () => {
    const CLEARED = (field: string) => badInput(field, 'Nelze smazat.', 'Cannot be cleared.');
    expect(clearingRefusal({ title: null })).toEqual(CLEARED('title'));
    expect(clearingRefusal({ startsAt: null })).toEqual(CLEARED('startsAt'));
    expect(clearingRefusal({ title: null, startsAt: null })).toEqual(CLEARED('title'));
    expect(clearingRefusal({})).toBeNull();
    expect(clearingRefusal({ title: 'PS', startsAt: start, endsAt: null, place: null, onlineLink: null, nextMeetingDate: null })).toBeNull();
  });

  test('in every status: the title, time, place or link (set or cleared) are rescheduled only before the meeting is held; the next meeting date at any time', () => {
    const RESCHEDULE = CHANGES.reschedule.refused;
    const fields: Array<[keyof MeetingUpdate, unknown]> = [
      ['title', 'PS č. 5'],
      ['startsAt', at(86_400_000)],
      ['endsAt', at(7_200_000)],
      ['endsAt', null],
      ['place', 'Radnice'],
      ['place', null],
      ['onlineLink', 'https://meet.example.cz/ps'],
      ['onlineLink', null],
    ];
    for (const status of STATUSES) {
      const before = status === S.PLANNED || status === S.CONVENED;
      for (const [field, value] of fields) {
        expect([status, field, value, updateRefusal(status, { [field]: value })]).toEqual([status, field, value, before ? null : RESCHEDULE]);
        expect([status, field, 'with the next date', updateRefusal(status, { nextMeetingDate: '2027-04-01', [field]: value })]).toEqual([
          status,
          field,
          'with the next date',
          before ? null : RESCHEDULE,
        ]);
      }
      expect([status, updateRefusal(status, { nextMeetingDate: '2027-04-01' }), updateRefusal(status, { nextMeetingDate: null }), updateRefusal(status, {})]).toEqual([
        status,
        null,
        null,
        null,
      ]);
    }
  });

  test('the same instant again does not move the start; another does; nothing asked moves nothing', () => {
    expect(movesStart(start, new Date(start.getTime()))).toBe(false);
    expect(movesStart(start, at(1))).toBe(true);
    expect(movesStart(start, at(-1))).toBe(true);
    expect(movesStart(start, undefined)).toBe(false);
    expect(movesStart(start, null)).toBe(false);
  });
});

describe('days: the materials deadline, late materials, the minutes due, seats', () => {
  test('calendar days counted across months, years, leap days and the change of clocks', () => {
    const cases: Array<[string, number, string]> = [
      ['2027-03-10', 0, '2027-03-10'],
      ['2027-03-10', 5, '2027-03-15'],
      ['2027-03-10', -5, '2027-03-05'],
      ['2027-03-03', -5, '2027-02-26'],
      ['2028-03-03', -5, '2028-02-27'],
      ['2028-02-28', 1, '2028-02-29'],
      ['2027-02-28', 1, '2027-03-01'],
      ['2026-12-30', 7, '2027-01-06'],
      ['2027-01-02', -3, '2026-12-30'],
      ['2026-03-29', 1, '2026-03-30'],
      ['2026-10-25', -1, '2026-10-24'],
    ];
    for (const [day, days, expected] of cases) expect([day, days, dayAfter(day, days)]).toEqual([day, days, expected]);
  });

  test("the materials deadline is the body's lead days before the meeting day; on the deadline day materials are on time, a day later or never they are late", () => {
    expect(materialsDeadline('2027-03-10', 5)).toBe('2027-03-05');
    expect(materialsDeadline('2027-03-03', 7)).toBe('2027-02-24');
    expect(materialsDeadline('2027-03-10', 0)).toBe('2027-03-10');
    const deadline = '2027-03-05';
    for (const [submitted, late] of [
      [null, true],
      ['2027-02-01', false],
      ['2027-03-04', false],
      ['2027-03-05', false],
      ['2027-03-06', true],
      ['2027-03-10', true],
    ] as Array<[string | null, boolean]>) {
      expect([submitted, materialsLate(submitted, deadline)]).toEqual([submitted, late]);
    }
  });

  test("the minutes are due the body's days after the meeting ends (the day it starts when no end is given)", () => {
    expect(minutesDueDate('2014-11-11', null, 7)).toBe('2014-11-18');
    expect(minutesDueDate('2014-11-11', '2014-11-12', 7)).toBe('2014-11-19');
    expect(minutesDueDate('2026-12-28', null, 14)).toBe('2027-01-11');
  });

  test('a seat is held from its first day through its last, or open-ended', () => {
    const cases: Array<[string, string | null, string, boolean]> = [
      ['2027-01-01', null, '2026-12-31', false],
      ['2027-01-01', null, '2027-01-01', true],
      ['2027-01-01', null, '2030-06-30', true],
      ['2027-01-01', '2027-06-30', '2027-06-30', true],
      ['2027-01-01', '2027-06-30', '2027-07-01', false],
      ['2027-01-01', '2027-01-01', '2027-01-01', true],
    ];
    for (const [validFrom, validTo, day, held] of cases) expect([validFrom, validTo, day, heldOn({ validFrom, validTo }, day)]).toEqual([validFrom, validTo, day, held]);
  });
});

describe('the agenda', () => {
  test("a proposal goes on the agenda of the body handling it now, and no other's", () => {
    expect(proposalBodyRefusal('group', 'group')).toBeNull();
    const NOT_HERE = badInput('proposalId', 'Návrh teď neprojednává tento orgán.', 'This body does not handle the proposal at its current stage.');
    expect(proposalBodyRefusal('steering', 'group')).toEqual(NOT_HERE);
    expect(proposalBodyRefusal(null, 'group')).toEqual(NOT_HERE);
  });

  test('materials on time: an item not late, keeping no urgency reason; late ones only with an urgency reason, which the item keeps; without one refused naming the days', () => {
    const deadline = '2027-03-05';
    expect(agendaItemJudgement(deadline, '2027-03-05', null)).toEqual({ late: false, urgencyReason: null, refusal: null });
    expect(agendaItemJudgement(deadline, '2027-03-01', 'Termín dotace')).toEqual({ late: false, urgencyReason: null, refusal: null });
    expect(agendaItemJudgement(deadline, '2027-03-06', 'Termín dotace')).toEqual({ late: true, urgencyReason: 'Termín dotace', refusal: null });
    expect(agendaItemJudgement(deadline, null, 'Termín dotace')).toEqual({ late: true, urgencyReason: 'Termín dotace', refusal: null });
    for (const reason of [null, '']) {
      expect(agendaItemJudgement(deadline, '2027-03-07', reason)).toEqual({
        late: true,
        urgencyReason: null,
        refusal: badInput(
          'urgencyReason',
          'Podklady měly být předloženy do 2027-03-05, přišly 2027-03-07; pozdější zařazení jen s odůvodněním naléhavosti od předsedy.',
          'Materials were due by 2027-03-05, they came on 2027-03-07; a later item needs an urgency reason recorded by the chair.',
        ),
      });
    }
    expect(agendaItemJudgement(deadline, null, null)).toEqual({
      late: true,
      urgencyReason: null,
      refusal: badInput(
        'urgencyReason',
        'Podklady měly být předloženy do 2027-03-05; pozdější zařazení jen s odůvodněním naléhavosti od předsedy.',
        'Materials were due by 2027-03-05; a later item needs an urgency reason recorded by the chair.',
      ),
    });
  });

  test('moving a meeting earlier: the items that would be late are named with the new deadline; the chair moving it gives them the reason', () => {
    expect(lateByMovingRefusal(['Rozpočet', 'Dotace'], '2027-03-01')).toEqual(
      badInput(
        'startsAt',
        'Při tomto termínu by podklady bodů „Rozpočet“, „Dotace“ přišly po lhůtě (2027-03-01); takové body uznává jako naléhavé jen předseda.',
        'At this time the materials of "Rozpočet", "Dotace" would be late (due 2027-03-01); only the chair accepts such items as urgent.',
      ),
    );
    expect(MOVED_EARLIER).toEqual({ cs: 'Jednání bylo přesunuto na dřívější termín.', en: 'The meeting was moved to an earlier date.' });
  });

  test('an item moved to a position stands there (the last one when past the end), every other item keeping its order', () => {
    const items = ['A', 'B', 'C', 'D'].map((id) => ({ id }));
    for (const moving of items) {
      for (let position = 1; position <= items.length + 2; position++) {
        const order = agendaOrder(items, moving.id, position).map((i) => i.id);
        const others = items.map((i) => i.id).filter((id) => id !== moving.id);
        expect([moving.id, position, order.indexOf(moving.id) + 1, order.filter((id) => id !== moving.id), order.length]).toEqual([
          moving.id,
          position,
          Math.min(position, items.length),
          others,
          items.length,
        ]);
      }
    }
    expect(agendaOrder(items, 'D', 1).map((i) => i.id)).toEqual(['D', 'A', 'B', 'C']);
    expect(agendaOrder(items, 'A', 3).map((i) => i.id)).toEqual(['B', 'C', 'A', 'D']);
    // An item not on the agenda moves nothing.
    expect(agendaOrder(items, 'X', 1)).toEqual(items);
  });
});

describe('attendance', () => {
  test('each person once in one recording', () => {
    const ONCE = badInput('entries', 'Každá osoba jen jednou.', 'Each person once only.');
    expect(repeatedPersonRefusal([])).toBeNull();
    expect(repeatedPersonRefusal([{ personId: 'a' }, { personId: 'b' }])).toBeNull();
    expect(repeatedPersonRefusal([{ personId: 'a' }, { personId: 'a' }])).toEqual(ONCE);
    expect(repeatedPersonRefusal([{ personId: 'a' }, { personId: 'b' }, { personId: 'a' }])).toEqual(ONCE);
  });

  test("a member seated that day attends with the seat's side and vote; anyone else is a guest on the side given, without a vote", () => {
    for (const status of Object.values(AttendanceStatus)) {
      for (const side of Object.values(TriadSide)) {
        for (const votingRight of [true, false]) {
          expect(attendanceRow({ status, guestSide: TriadSide.PUBLIC }, { triadSide: side, votingRight })).toEqual({ status, isGuest: false, triadSide: side, votingRight });
        }
        expect(attendanceRow({ status, guestSide: side }, undefined)).toEqual({ status, isGuest: true, triadSide: side, votingRight: false });
      }
      expect(attendanceRow({ status }, undefined)).toEqual({ status, isGuest: true, triadSide: null, votingRight: false });
      expect(attendanceRow({ status, guestSide: null }, undefined)).toEqual({ status, isGuest: true, triadSide: null, votingRight: false });
    }
  });

  test('those present with a vote count; the excused, the absent and guests do not', () => {
    const rows = Object.values(AttendanceStatus).flatMap((status) => [true, false].map((votingRight) => ({ status, votingRight })));
    expect(presentVoters(rows)).toEqual([{ status: AttendanceStatus.PRESENT, votingRight: true }]);
  });
});

describe('invitations and recipients', () => {
  const seat = (person: string, validFrom: string, validTo: string | null = null) => ({ person: { id: person }, validFrom, validTo });
  const meetingDay = '2027-03-10';
  const today = '2027-04-20';
  const seats = [
    seat('long-standing', '2020-01-01'),
    seat('left-after-the-meeting', '2020-01-01', '2027-03-31'),
    seat('left-on-the-day', '2020-01-01', '2027-03-10'),
    seat('left-before', '2020-01-01', '2027-03-09'),
    seat('joined-on-the-day', '2027-03-10'),
    seat('joined-since', '2027-04-01'),
    seat('joins-later', '2027-05-01'),
    seat('two-seats', '2020-01-01', '2027-03-31'),
    seat('two-seats', '2027-04-01'),
  ];

  test('a convened meeting invites the members seated on its day', () => {
    expect(new Set(invitees(seats, meetingDay))).toEqual(new Set(['long-standing', 'left-after-the-meeting', 'left-on-the-day', 'joined-on-the-day', 'two-seats']));
  });

  test('the minutes go to the members of the meeting day and those seated today, each once', () => {
    expect(minutesRecipients(seats, meetingDay, today).sort()).toEqual(['joined-on-the-day', 'joined-since', 'left-after-the-meeting', 'left-on-the-day', 'long-standing', 'two-seats']);
  });
});

describe('the minutes', () => {
  test('overdue after the due day from the meeting held until distributed; never before it is held, once cancelled or distributed', () => {
    const due = '2027-03-17';
    const waiting = [S.HELD, S.MINUTES_DRAFTED, S.MINUTES_VERIFIED];
    for (const status of STATUSES) {
      for (const [today, after] of [
        ['2027-03-16', false],
        ['2027-03-17', false],
        ['2027-03-18', true],
      ] as Array<[string, boolean]>) {
        expect([status, today, minutesOverdue(status, today, due)]).toEqual([status, today, after && waiting.includes(status)]);
      }
    }
  });

  test("the step each status waits for is an event of the meeting's course from it: held: write; drafted: verify; verified: distribute; none otherwise", () => {
    const STEPS: Partial<Record<MeetingStatus, [string, string]>> = {
      [S.HELD]: ['DRAFT_MINUTES', 'minutes.draft'],
      [S.MINUTES_DRAFTED]: ['VERIFY_MINUTES', 'minutes.draft'],
      [S.MINUTES_VERIFIED]: ['DISTRIBUTE_MINUTES', 'minutes.distribute'],
    };
    for (const status of STATUSES) {
      const step = minutesNextStep(status);
      const expected = STEPS[status];
      expect([status, step]).toEqual([status, expected ? { event: expected[0], taking: expected[1] } : null]);
      if (step) expect([status, meetingWorkflow.transitionsFrom(status).some((t) => t.event === step.event)]).toEqual([status, true]);
    }
  });

  test('drafting rewrites the current draft; the first draft, or one after verified minutes, is a new version', () => {
    const draft = (version: number) => ({ version, verifiedAt: null });
    const verified = (version: number) => ({ version, verifiedAt: new Date('2027-03-20T10:00:00Z') });
    for (const status of STATUSES) {
      expect([status, 'none', draftTarget(status, null)]).toEqual([status, 'none', { newVersion: 1 }]);
      for (const version of [1, 2]) {
        const current = draft(version);
        const frozen = VERIFIED.includes(status);
        expect([status, 'draft', version, draftTarget(status, current)]).toEqual([status, 'draft', version, frozen ? { newVersion: version + 1 } : { rewrite: current }]);
        expect([status, 'verified', version, draftTarget(status, verified(version))]).toEqual([status, 'verified', version, { newVersion: version + 1 }]);
      }
    }
  });

  test('the author of the current version is the one who wrote it; with no minutes nobody is', () => {
    expect(wroteMinutes({ draftedBy: { id: 'p1' } }, 'p1')).toBe(true);
    expect(wroteMinutes({ draftedBy: { id: 'p1' } }, 'p2')).toBe(false);
    expect(wroteMinutes(null, 'p1')).toBe(false);
  });

  test('verified versions are read by everyone who sees the meeting; drafts only by those who may read them', () => {
    const v1 = { version: 1, verifiedAt: new Date('2027-03-20T10:00:00Z') };
    const v2 = { version: 2, verifiedAt: null };
    const v3 = { version: 3, verifiedAt: new Date('2027-04-01T10:00:00Z') };
    expect([hasDraft([]), hasDraft([v1]), hasDraft([v1, v3]), hasDraft([v1, v2]), hasDraft([v2])]).toEqual([false, false, false, true, true]);
    expect(readableVersions([v1, v2], true)).toEqual([v1, v2]);
    expect(readableVersions([v1, v2], false)).toEqual([v1]);
    expect(readableVersions([v2], false)).toEqual([]);
    expect(readableVersions([v1, v2, v3], false)).toEqual([v1, v3]);
    expect(readableVersions([v1, v3], false)).toEqual([v1, v3]);
  });
});
