import { AttendanceStatus, MeetingStatus, type TriadSide } from './enums';
import type { Text } from './text';

/**
 * The rules of a meeting's record besides its course (src/workflows/meeting.workflow.ts): when its
 * schedule, agenda, attendance, resolutions and documents may change, when its materials and minutes
 * are due, which version of the minutes a draft writes and who may read it, who is invited and who
 * receives the minutes. Decisions on plain values — statuses, days, versions, flags — returning the
 * decision or the refusal's words; the services load, ask the policy, persist and throw.
 */

const S = MeetingStatus;

/** A field of the input and what is wrong with it. */
export interface FieldProblem {
  field: string;
  text: Text;
}

/** Why a change is refused: CONFLICT when the meeting's status forbids it now, BAD_INPUT naming the fields. */
export type MeetingRefusal = { code: 'CONFLICT'; text: Text } | { code: 'BAD_INPUT'; problems: FieldProblem[] };

const conflictWith = (text: Text): MeetingRefusal => ({ code: 'CONFLICT', text });
const badInputWith = (problems: FieldProblem[]): MeetingRefusal => ({ code: 'BAD_INPUT', problems });

/** A term of a seat: held from its first day through its last (null: open-ended), days YYYY-MM-DD. */
export interface Term {
  validFrom: string;
  validTo: string | null;
}

/** Whether a seat is held on a day (both ends of its term included). */
export function heldOn(term: Term, day: string): boolean {
  return term.validFrom <= day && (term.validTo === null || term.validTo >= day);
}

/** The calendar day `days` after a YYYY-MM-DD day (before it when `days` is negative). */
export function dayAfter(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Changes to a meeting's record, by status

/** The changes of a meeting besides its course, each judged on the meeting's status. */
export type MeetingChange = 'reschedule' | 'addAgendaItem' | 'moveAgendaItem' | 'recordAttendance' | 'recordResolution' | 'attachItemMaterial';

/** What a change is judged on. */
export interface MeetingState {
  status: MeetingStatus;
  /** Recorded afterwards (scheduleMeeting with alreadyHeld): it had no agenda here before it was held. */
  recordedAfterwards: boolean;
}

/**
 * Whether the meeting's record (attendance, resolutions, the agenda and its order, documents of its
 * items) stands closed: its minutes are verified. Drafting a new version of the minutes
 * (DRAFT_MINUTES from a verified status) opens it again until that version is verified.
 */
export function recordClosed(status: MeetingStatus): boolean {
  return status === S.MINUTES_VERIFIED || status === S.MINUTES_DISTRIBUTED;
}

/** Attendance is recorded from convening until the minutes are verified (again while a new version is drafted). */
export function attendanceOpen(status: MeetingStatus): boolean {
  return status === S.CONVENED || status === S.HELD || status === S.MINUTES_DRAFTED;
}

/** Resolutions are recorded once the meeting is held, until the minutes are verified (again while a new version is drafted). */
export function resolutionsOpen(status: MeetingStatus): boolean {
  return status === S.HELD || status === S.MINUTES_DRAFTED;
}

/** Before the meeting is held: planned or convened. */
function beforeHeld(status: MeetingStatus): boolean {
  return status === S.PLANNED || status === S.CONVENED;
}

/** A meeting is rescheduled (its title, time, place, link) only before it is held. */
function rescheduleRefusal(status: MeetingStatus): MeetingRefusal | null {
  return beforeHeld(status) ? null : conflictWith({ cs: 'Konané nebo zrušené jednání nelze přeplánovat.', en: 'A held or cancelled meeting cannot be rescheduled.' });
}

/**
 * Items are added before the meeting (planned, convened); to a meeting recorded afterwards also
 * while its record is open, since it had no agenda here before it was held.
 */
function agendaOpen(m: MeetingState): boolean {
  return beforeHeld(m.status) || (m.recordedAfterwards && (m.status === S.HELD || m.status === S.MINUTES_DRAFTED));
}

const RECORD_CLOSED_TEXT: Text = {
  cs: 'Zápis z jednání je ověřen; záznam jednání lze opravit jen v nové verzi zápisu (draftMinutes).',
  en: "The minutes are verified; the meeting's record is corrected only in a new version of the minutes (draftMinutes).",
};

/** A verified record refuses every change of it, saying how to correct it. */
function closedRecordRefusal(status: MeetingStatus): MeetingRefusal | null {
  return recordClosed(status) ? conflictWith(RECORD_CLOSED_TEXT) : null;
}

/** Why the change is refused in the meeting's status, or null when it is open now. */
export function changeRefusal(change: MeetingChange, m: MeetingState): MeetingRefusal | null {
  switch (change) {
    case 'reschedule':
      return rescheduleRefusal(m.status);
    case 'addAgendaItem':
      return (
        closedRecordRefusal(m.status) ??
        (agendaOpen(m) ? null : conflictWith({ cs: 'Program konaného nebo zrušeného jednání nelze měnit.', en: 'The agenda of a held or cancelled meeting cannot change.' }))
      );
    case 'moveAgendaItem':
      return closedRecordRefusal(m.status);
    case 'recordAttendance':
      return (
        closedRecordRefusal(m.status) ??
        (attendanceOpen(m.status) ? null : conflictWith({ cs: 'Prezenci lze zapsat u svolaného nebo konaného jednání.', en: 'Attendance is recorded for a convened or held meeting.' }))
      );
    case 'recordResolution':
      return (
        closedRecordRefusal(m.status) ??
        (resolutionsOpen(m.status) ? null : conflictWith({ cs: 'Usnesení se zapisuje po konání jednání.', en: 'Resolutions are recorded once the meeting has been held.' }))
      );
    case 'attachItemMaterial':
      if (m.status === S.CANCELLED) return badInputWith([{ field: 'agendaItemId', text: { cs: 'Jednání je zrušeno.', en: 'The meeting is cancelled.' } }]);
      return recordClosed(m.status) ? conflictWith({ cs: 'Zápis z jednání je ověřen; podklady jsou uzavřeny.', en: "The minutes are verified; the meeting's documents are closed." }) : null;
  }
}

// ---------------------------------------------------------------------------------------------
// Scheduling

/** A meeting's time and place as scheduled. */
export interface MeetingSchedule {
  startsAt: Date;
  endsAt: Date | null;
  place: string | null;
  onlineLink: string | null;
}

/** A meeting ends after it starts, and takes place somewhere: a place or an online link (or both). */
export function scheduleRefusal(s: MeetingSchedule): MeetingRefusal | null {
  const problems: FieldProblem[] = [];
  if (s.endsAt && s.endsAt <= s.startsAt) problems.push({ field: 'endsAt', text: { cs: 'Konec musí být po začátku.', en: 'endsAt must be after startsAt.' } });
  if (!s.place && !s.onlineLink) problems.push({ field: 'place', text: { cs: 'Uveďte místo nebo odkaz na online jednání.', en: 'Give a place or an online link.' } });
  return problems.length > 0 ? badInputWith(problems) : null;
}

/** A planned start must not lie in the past; a meeting already held is recorded so (`alreadyHeld`), its start past. */
export function startRefusal(startsAt: Date, now: Date, alreadyHeld: boolean): MeetingRefusal | null {
  if (alreadyHeld || startsAt >= now) return null;
  return badInputWith([
    {
      field: 'startsAt',
      text: {
        cs: 'Začátek jednání je v minulosti; jednání, které už proběhlo, zapište s alreadyHeld.',
        en: 'startsAt is in the past; record a meeting already held with alreadyHeld.',
      },
    },
  ]);
}

/** Whether the meeting's start has come (it may be marked held, or recorded as held). */
export function hasStarted(startsAt: Date, now: Date): boolean {
  return now >= startsAt;
}

/** A change of a meeting as asked: a field left out (undefined) stays, null clears it. */
export interface MeetingUpdate {
  title?: string | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  place?: string | null;
  onlineLink?: string | null;
  nextMeetingDate?: string | null;
}

/** A meeting always has a title and a start: neither is cleared (the title named first). */
export function clearingRefusal(u: MeetingUpdate): MeetingRefusal | null {
  if (u.title !== null && u.startsAt !== null) return null;
  return badInputWith([{ field: u.title === null ? 'title' : 'startsAt', text: { cs: 'Nelze smazat.', en: 'Cannot be cleared.' } }]);
}

/**
 * Why the update is refused in the meeting's status: its title, time, place or link are rescheduled
 * only before it is held; the date of the next meeting is set at any time.
 */
export function updateRefusal(status: MeetingStatus, u: MeetingUpdate): MeetingRefusal | null {
  const reschedules = [u.title, u.startsAt, u.endsAt, u.place, u.onlineLink].some((v) => v !== undefined);
  return reschedules ? rescheduleRefusal(status) : null;
}

/** Whether the update moves the start (the same instant again moves nothing). */
export function movesStart(current: Date, asked: Date | null | undefined): asked is Date {
  return asked instanceof Date && asked.getTime() !== current.getTime();
}

// ---------------------------------------------------------------------------------------------
// Materials and the agenda

/** Last day (YYYY-MM-DD, Prague) by which a proposal's materials must be submitted: the body's lead days before the meeting day. */
export function materialsDeadline(meetingDay: string, leadDays: number): string {
  return dayAfter(meetingDay, -leadDays);
}

/** Materials are late when they came after the deadline day, or not at all; on the deadline day itself they are on time. */
export function materialsLate(submittedDay: string | null, deadline: string): boolean {
  return submittedDay === null || submittedDay > deadline;
}

/** A proposal goes on a body's agenda only while that body handles it (its current stage). */
export function proposalBodyRefusal(currentBodyId: string | null, bodyId: string): MeetingRefusal | null {
  if (currentBodyId === bodyId) return null;
  return badInputWith([{ field: 'proposalId', text: { cs: 'Návrh teď neprojednává tento orgán.', en: 'This body does not handle the proposal at its current stage.' } }]);
}

/** A proposal's item on the agenda: late or not, the urgency reason it keeps (a late item's only), or why it is refused. */
export interface AgendaItemJudgement {
  late: boolean;
  urgencyReason: string | null;
  refusal: MeetingRefusal | null;
}

/**
 * A proposal whose materials came after the deadline (or not at all) goes on the agenda only with an
 * urgency reason, and is flagged late (the chair records it: the policy's meeting.acceptLateItem).
 */
export function agendaItemJudgement(deadline: string, submittedDay: string | null, urgencyReason: string | null): AgendaItemJudgement {
  const late = materialsLate(submittedDay, deadline);
  if (!late) return { late, urgencyReason: null, refusal: null };
  if (urgencyReason) return { late, urgencyReason, refusal: null };
  const came = submittedDay ? { cs: `, přišly ${submittedDay}`, en: `, they came on ${submittedDay}` } : { cs: '', en: '' };
  return {
    late,
    urgencyReason: null,
    refusal: badInputWith([
      {
        field: 'urgencyReason',
        text: {
          cs: `Podklady měly být předloženy do ${deadline}${came.cs}; pozdější zařazení jen s odůvodněním naléhavosti od předsedy.`,
          en: `Materials were due by ${deadline}${came.en}; a later item needs an urgency reason recorded by the chair.`,
        },
      },
    ]),
  };
}

/**
 * Moving a meeting earlier must not turn materials on time into late ones behind the chair's back:
 * anyone but the chair is refused, naming the items that would be late and the new deadline.
 */
export function lateByMovingRefusal(titles: string[], deadline: string): MeetingRefusal {
  return badInputWith([
    {
      field: 'startsAt',
      text: {
        cs: `Při tomto termínu by podklady bodů ${titles.map((t) => `„${t}“`).join(', ')} přišly po lhůtě (${deadline}); takové body uznává jako naléhavé jen předseda.`,
        en: `At this time the materials of ${titles.map((t) => `"${t}"`).join(', ')} would be late (due ${deadline}); only the chair accepts such items as urgent.`,
      },
    },
  ]);
}

/** The urgency reason of an item that became late because the chair moved the meeting earlier. */
export const MOVED_EARLIER: Text = { cs: 'Jednání bylo přesunuto na dřívější termín.', en: 'The meeting was moved to an earlier date.' };

/** The agenda with one item moved to a position (from 1; past the end: last), the others keeping their order. */
export function agendaOrder<T extends { id: string }>(items: readonly T[], movingId: string, position: number): T[] {
  const moving = items.find((i) => i.id === movingId);
  if (!moving) return [...items];
  const rest = items.filter((i) => i.id !== movingId);
  rest.splice(Math.min(position, items.length) - 1, 0, moving);
  return rest;
}

// ---------------------------------------------------------------------------------------------
// Attendance

/** Each person is entered once in one recording of attendance. */
export function repeatedPersonRefusal(entries: ReadonlyArray<{ personId: string }>): MeetingRefusal | null {
  if (new Set(entries.map((e) => e.personId)).size === entries.length) return null;
  return badInputWith([{ field: 'entries', text: { cs: 'Každá osoba jen jednou.', en: 'Each person once only.' } }]);
}

/** What an attendance row holds for a person. */
export interface AttendanceRow {
  status: AttendanceStatus;
  isGuest: boolean;
  triadSide: TriadSide | null;
  votingRight: boolean;
}

/**
 * A member seated on the meeting day attends with their seat's triad side and vote; anyone else is a
 * guest, on the side given for them (or none), without a vote.
 */
export function attendanceRow(
  entry: { status: AttendanceStatus; guestSide?: TriadSide | null },
  seat: { triadSide: TriadSide; votingRight: boolean } | undefined,
): AttendanceRow {
  if (seat) return { status: entry.status, isGuest: false, triadSide: seat.triadSide, votingRight: seat.votingRight };
  return { status: entry.status, isGuest: true, triadSide: entry.guestSide ?? null, votingRight: false };
}

/** Who counts for the quorum and the triad: those present with a vote. */
export function presentVoters<T extends { status: AttendanceStatus; votingRight: boolean }>(rows: readonly T[]): T[] {
  return rows.filter((a) => a.status === AttendanceStatus.PRESENT && a.votingRight);
}

/** A seat with its holder. */
export interface SeatHeld extends Term {
  person: { id: string };
}

/** Who is invited when a meeting is convened: the body's members seated on the meeting day. */
export function invitees(seats: readonly SeatHeld[], meetingDay: string): string[] {
  return seats.filter((s) => heldOn(s, meetingDay)).map((s) => s.person.id);
}

/** Who receives the minutes: the body's members of the meeting day and those seated today, each once. */
export function minutesRecipients(seats: readonly SeatHeld[], meetingDay: string, today: string): string[] {
  return [...new Set(seats.filter((s) => heldOn(s, meetingDay) || heldOn(s, today)).map((s) => s.person.id))];
}

// ---------------------------------------------------------------------------------------------
// Minutes

/** The day the minutes are due: the body's days after the meeting's last day (the day it ends, else the day it starts). */
export function minutesDueDate(startDay: string, endDay: string | null, dueDays: number): string {
  return dayAfter(endDay ?? startDay, dueDays);
}

/** Minutes are overdue after their due day, from the meeting held until they are distributed; never for a meeting not held or cancelled. */
export function minutesOverdue(status: MeetingStatus, today: string, dueDay: string): boolean {
  switch (status) {
    case S.PLANNED:
    case S.CONVENED:
    case S.CANCELLED:
    case S.MINUTES_DISTRIBUTED:
      return false;
    case S.HELD:
    case S.MINUTES_DRAFTED:
    case S.MINUTES_VERIFIED:
      return today > dueDay;
  }
}

/** The minutes' step a meeting waits for, and the policy action naming the minute-taker's part in it. */
export interface MinutesStepRule {
  event: 'DRAFT_MINUTES' | 'VERIFY_MINUTES' | 'DISTRIBUTE_MINUTES';
  taking: 'minutes.draft' | 'minutes.distribute';
}

/** Held: the minutes are written; drafted: verified; verified: distributed. Any other status waits for no step of the minutes. */
export function minutesNextStep(status: MeetingStatus): MinutesStepRule | null {
  switch (status) {
    case S.HELD:
      return { event: 'DRAFT_MINUTES', taking: 'minutes.draft' };
    case S.MINUTES_DRAFTED:
      return { event: 'VERIFY_MINUTES', taking: 'minutes.draft' };
    case S.MINUTES_VERIFIED:
      return { event: 'DISTRIBUTE_MINUTES', taking: 'minutes.distribute' };
    case S.PLANNED:
    case S.CONVENED:
    case S.CANCELLED:
    case S.MINUTES_DISTRIBUTED:
      return null;
  }
}

/** A version of the minutes as the rules see it. */
export interface MinutesVersion {
  version: number;
  verifiedAt: Date | null;
}

/**
 * What drafting writes: the current draft again (rewritten), or a new version — the first, or the
 * next once the current one is verified (verified minutes are frozen; a change is a new version).
 */
export function draftTarget<T extends MinutesVersion>(status: MeetingStatus, current: T | null): { rewrite: T } | { newVersion: number } {
  if (current && !recordClosed(status) && current.verifiedAt === null) return { rewrite: current };
  return { newVersion: (current?.version ?? 0) + 1 };
}

/** Whether the actor wrote the current version of the minutes (its author never verifies it). */
export function wroteMinutes(current: { draftedBy: { id: string } } | null, personId: string): boolean {
  return current !== null && current.draftedBy.id === personId;
}

/** Whether any version of the minutes is a draft (not verified). */
export function hasDraft(versions: readonly MinutesVersion[]): boolean {
  return versions.some((v) => v.verifiedAt === null);
}

/** The versions a viewer reads: all of them when they may read drafts (minutes.readDraft), else the verified ones. */
export function readableVersions<T extends MinutesVersion>(versions: readonly T[], readsDrafts: boolean): T[] {
  return readsDrafts ? [...versions] : versions.filter((v) => v.verifiedAt !== null);
}
