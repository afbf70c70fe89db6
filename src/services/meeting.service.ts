import { LockMode, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { cutPage, decodedCursor, decodeTimeCursor, encodeCursor, keysetFilter, pageRequest, readingOrder, type PageArgs } from '../common/cursor';
import { pragueDay, spokenDay, spokenTime } from '../common/dates';
import type { RequestContext } from '../context';
import { AgendaItem } from '../entities/agenda-item.entity';
import { Attendance } from '../entities/attendance.entity';
import { Body } from '../entities/body.entity';
import { DelegatedPower, type AttendanceStatus, type MeetingStatus, type TriadSide } from '../entities/enums';
import { quorumOf, type QuorumResult } from '../domain/quorum';
import {
  agendaItemJudgement,
  agendaOrder,
  attendanceRow,
  changeRefusal,
  clearingRefusal,
  hasStarted,
  invitees,
  lateByMovingRefusal,
  materialsDeadline,
  materialsLate,
  minutesDueDate,
  movesStart,
  MOVED_EARLIER,
  presentVoters,
  proposalBodyRefusal,
  repeatedPersonRefusal,
  scheduleRefusal,
  startRefusal,
  updateRefusal,
  type MeetingChange,
  type MeetingRefusal,
  type MeetingState,
} from '../domain/meeting-record';
import { Meeting } from '../entities/meeting.entity';
import { Membership } from '../entities/membership.entity';
import { Person } from '../entities/person.entity';
import { Proposal } from '../entities/proposal.entity';
import { AppError, badInput, conflict, ErrorCode, notFound, requireId } from '../errors/app-errors';
import { assertInArea, authorize, belongsTo, can, onBehalfOf } from '../auth/authority';
import type { Action } from '../auth/policy';
import { bodyResource } from '../auth/resources';
import { refusalExtensions } from '../common/refusal';
import { localize, type Text } from '../i18n/locale';
import type { ActingAs } from '../workflows/engine';
import { meetingWorkflow, type MeetingEventName, type MeetingFacts, type MeetingTransition } from '../workflows/meeting.workflow';
import type { EventOption, TransitionInput } from '../workflows/engine';
import type { Resource } from '../auth/conditions';
import type { Refusal } from '../domain/refusal';
import { TRIAD_SIDES_REQUIRED } from '../workflows/workflow-guards';
import { enqueue } from './outbox';
import { refuseErased } from './erased-person';

/** Throws the refusal of a rule of the meeting's record (src/domain/meeting-record.ts), if there is one. */
export function refuse(ctx: RequestContext, refusal: MeetingRefusal | null): void {
  if (refusal === null) return;
  throw refusal.code === 'CONFLICT' ? conflict(ctx.locale, refusal.text) : badInput(ctx.locale, refusal.problems);
}

/** What the service is asked to do (a resolver passes its GraphQL input, which has these shapes). */
export interface ScheduleMeetingCommand {
  bodyId: string;
  title: string;
  startsAt: Date;
  endsAt?: Date | null;
  place?: string | null;
  onlineLink?: string | null;
  /** A meeting already held, recorded afterwards: starts in the past, stands HELD, invites no one. */
  alreadyHeld?: boolean | null;
}

export interface UpdateMeetingCommand {
  meetingId: string;
  title?: string;
  startsAt?: Date;
  endsAt?: Date | null;
  place?: string | null;
  onlineLink?: string | null;
  nextMeetingDate?: string | null;
}

/** An act on a meeting (convene, hold, cancel; the minutes' steps), with a reason where one is asked. */
export interface MeetingActionCommand {
  meetingId: string;
  reason?: string | null;
}

export interface AddAgendaItemCommand {
  meetingId: string;
  title: string;
  presenterPersonId?: string | null;
  proposalId?: string | null;
  urgencyReason?: string | null;
}

export interface MoveAgendaItemCommand {
  agendaItemId: string;
  position: number;
}

export interface RecordAttendanceCommand {
  meetingId: string;
  entries: Array<{ personId: string; status: AttendanceStatus; guestSide?: TriadSide | null }>;
}

export interface MeetingQuery {
  areaId: string;
  bodyId?: string | null;
  from?: Date | null;
  to?: Date | null;
  status?: MeetingStatus | null;
}

/** The convener's events and the policy's action of each. */
const CONVENING_ACTIONS = { CONVENE: 'meeting.convene', HOLD: 'meeting.hold', CANCEL: 'meeting.cancel' } as const satisfies Record<string, Action>;
type ConveningEvent = keyof typeof CONVENING_ACTIONS;

/** Stands for a reason the actor will type: the options judge everything else. */
const TYPED_WHEN_FIRING = 'typed when firing';

/** An event of a meeting as the viewer sees it: why they cannot fire it now (empty when they can), and what they must type. */
export interface MeetingOption {
  event: MeetingEventName;
  label: Text;
  target: string;
  refusals: Refusal[];
  requiredInputs: TransitionInput[];
}

/** Meetings of bodies: convening, agenda with the materials deadline, attendance, quorum. */
/** What an invitation says besides its title: the body, the day, the time from–to, the place and the online link. */
function invitationBody(m: Meeting, bodyName: string): Text {
  const day = spokenDay(m.startsAt);
  const from = spokenTime(m.startsAt);
  const to = m.endsAt ? spokenTime(m.endsAt) : null;
  const cs = [`${bodyName}: ${m.title}.`, `Kdy: ${day.cs} od ${from.cs}${to ? ` do ${to.cs}` : ''}.`];
  const en = [`${bodyName}: ${m.title}.`, `When: ${day.en}, ${from.en}${to ? `–${to.en}` : ''}.`];
  if (m.place) {
    cs.push(`Místo: ${m.place}.`);
    en.push(`Where: ${m.place}.`);
  }
  if (m.onlineLink) {
    cs.push(`Online: ${m.onlineLink}`);
    en.push(`Online: ${m.onlineLink}`);
  }
  return { cs: cs.join('\n'), en: en.join('\n') };
}

export class MeetingService {
  /** Whether the viewer may see the body's meetings (src/auth/policy.ts, meeting.read). */
  canSee(ctx: RequestContext, body: Body): boolean {
    return can(ctx.viewer, 'meeting.read', bodyResource(body));
  }

  /** Last day (YYYY-MM-DD, Prague) by which a proposal's materials must have been submitted. */
  materialsDeadline(meeting: Meeting, body: Body): string {
    return materialsDeadline(pragueDay(meeting.startsAt), body.materialsLeadDays);
  }

  /** The day (YYYY-MM-DD, Prague) by which the meeting's minutes are due. */
  minutesDueDate(meeting: Meeting, body: Body): string {
    return minutesDueDate(pragueDay(meeting.startsAt), meeting.endsAt ? pragueDay(meeting.endsAt) : null, body.minutesDueDays);
  }

  private async bodyOf(ctx: RequestContext, meeting: Meeting): Promise<Body> {
    const body = await ctx.loaders.bodyById.load(meeting.body.id);
    if (!body) throw notFound(ctx.locale, 'Body', meeting.body.id);
    return body;
  }

  async get(ctx: RequestContext, id: string): Promise<Meeting> {
    requireId(ctx.locale, 'id', id);
    const meeting = await ctx.em.findOne(Meeting, { id });
    if (!meeting || !this.canSee(ctx, await this.bodyOf(ctx, meeting))) throw notFound(ctx.locale, 'Meeting', id);
    return meeting;
  }

  /** A meeting to change: NOT_FOUND unless visible, FORBIDDEN unless the viewer may do `action` on it. */
  private async forConvener(ctx: RequestContext, id: string, action: Action): Promise<{ meeting: Meeting; body: Body }> {
    const meeting = await this.get(ctx, id);
    const body = await this.bodyOf(ctx, meeting);
    authorize(ctx, action, bodyResource(body), 'Meeting', id);
    return { meeting, body };
  }

  async page(ctx: RequestContext, filter: MeetingQuery, args: PageArgs) {
    const request = pageRequest(ctx, args);
    const cursor = decodedCursor(request, (c, field) => decodeTimeCursor(ctx, c, field));
    const bodies = (await ctx.loaders.bodiesByArea.load(filter.areaId)).filter((b) => this.canSee(ctx, b));
    const and: Array<FilterQuery<Meeting>> = [{ areaId: filter.areaId, body: { $in: bodies.map((b) => b.id) } }];
    if (filter.bodyId) and.push({ body: filter.bodyId });
    if (filter.status) and.push({ status: filter.status });
    if (filter.from) and.push({ startsAt: { $gte: filter.from } });
    if (filter.to) and.push({ startsAt: { $lt: filter.to } });
    // Counting is a statement of its own: the resolver runs it only when a client asks.
    const matching = [...and];
    const totalCount = () => ctx.em.count(Meeting, { $and: matching });
    if (cursor) and.push(keysetFilter(request, 'asc', 'startsAt', cursor));
    const { order } = readingOrder(request, 'asc');
    const rows = await ctx.em.find(Meeting, { $and: and }, { orderBy: { startsAt: order, id: order }, limit: request.size + 1 });
    return { ...cutPage(request, rows), totalCount };
  }

  static cursor(m: Meeting): string {
    return encodeCursor([m.startsAt.toISOString(), m.id]);
  }

  /** Refuses the change when the meeting's status does not admit it now (CONFLICT; a cancelled meeting's documents: BAD_USER_INPUT). */
  refuseChange(ctx: RequestContext, m: MeetingState, change: MeetingChange): void {
    refuse(ctx, changeRefusal(change, m));
  }

  async schedule(ctx: RequestContext, input: ScheduleMeetingCommand): Promise<Meeting> {
    const body = await ctx.em.findOne(Body, { id: input.bodyId });
    if (!body || !belongsTo(ctx.viewer, body.areaId) || !this.canSee(ctx, body)) throw notFound(ctx.locale, 'Body', input.bodyId);
    authorize(ctx, 'meeting.schedule', bodyResource(body), 'Body', body.id);
    refuse(ctx, scheduleRefusal({ startsAt: input.startsAt, endsAt: input.endsAt ?? null, place: input.place ?? null, onlineLink: input.onlineLink ?? null }));
    const alreadyHeld = input.alreadyHeld === true;
    refuse(ctx, startRefusal(input.startsAt, ctx.now, alreadyHeld));
    const start = meetingWorkflow.start();
    const { bodyId: _bodyId, alreadyHeld: _alreadyHeld, ...schedule } = input;
    return ctx.em.transactional(async (em) => {
      const meeting = em.create(Meeting, {
        ...schedule,
        areaId: body.areaId,
        body: em.getReference(Body, body.id),
        status: start.state as MeetingStatus,
        snapshot: start.snapshot,
        recordedAfterwards: alreadyHeld,
      });
      if (alreadyHeld) {
        // Through the machine: RECORD_HELD asks the convener and a start that has come. Nothing is enqueued.
        this.fire(ctx, meeting, 'RECORD_HELD', {
          actorIsConvener: can(ctx.viewer, 'meeting.schedule', bodyResource(body)),
          onBehalfOf: null,
          actorIsMinuteTaker: false,
          actorIsChair: false,
          actorDraftedMinutes: false,
          agendaItems: 0,
          started: hasStarted(meeting.startsAt, ctx.now),
          reason: null,
        });
      }
      await em.flush();
      return meeting;
    });
  }

  async update(ctx: RequestContext, input: UpdateMeetingCommand): Promise<Meeting> {
    const { meeting: found, body } = await this.forConvener(ctx, input.meetingId, 'meeting.update');
    refuse(ctx, clearingRefusal(input));
    return ctx.em.transactional(async (em) => {
      const m = await em.findOneOrFail(Meeting, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      refuse(ctx, updateRefusal(m.status, input));
      if (input.title !== undefined) m.title = input.title;
      if (movesStart(m.startsAt, input.startsAt)) {
        refuse(ctx, startRefusal(input.startsAt, ctx.now, false));
        await this.refuseLateByRescheduling(ctx, em, m, body, input.startsAt);
        m.startsAt = input.startsAt;
      }
      if (input.endsAt !== undefined) m.endsAt = input.endsAt;
      if (input.place !== undefined) m.place = input.place;
      if (input.onlineLink !== undefined) m.onlineLink = input.onlineLink;
      if (input.nextMeetingDate !== undefined) m.nextMeetingDate = input.nextMeetingDate;
      refuse(ctx, scheduleRefusal(m));
      m.version += 1;
      await em.flush();
      return m;
    });
  }

  /**
   * Moving a meeting earlier must not turn materials on time into late ones behind the chair's back:
   * a late item goes on the agenda only as urgent, accepted by the chair (meeting.acceptLateItem).
   * The chair may move it (the items become late, with the reason that the meeting was moved);
   * anyone else is refused, naming the items.
   */
  private async refuseLateByRescheduling(ctx: RequestContext, em: EntityManager, m: Meeting, body: Body, startsAt: Date): Promise<void> {
    const deadline = materialsDeadline(pragueDay(startsAt), body.materialsLeadDays);
    const items = await em.find(AgendaItem, { meeting: m.id, late: false, proposal: { $ne: null } }, { populate: ['proposal'] });
    const late = items.filter((i) => materialsLate(i.proposal?.submittedAt ? pragueDay(i.proposal.submittedAt) : null, deadline));
    if (late.length === 0) return;
    if (!can(ctx.viewer, 'meeting.acceptLateItem', bodyResource(body))) refuse(ctx, lateByMovingRefusal(late.map((i) => i.title), deadline));
    for (const item of late) {
      item.late = true;
      item.urgencyReason ??= localize(MOVED_EARLIER, ctx.locale);
    }
  }

  /** CONVENE, HOLD or CANCEL through the meeting machine; refusals carry the reasons. */
  async act(ctx: RequestContext, input: MeetingActionCommand, event: 'CONVENE' | 'HOLD' | 'CANCEL'): Promise<Meeting> {
    const found = await this.get(ctx, input.meetingId);
    const body = await this.bodyOf(ctx, found);
    // Another area's meeting is NOT_FOUND to a change, public or not; within the area the machine judges.
    assertInArea(ctx, found.areaId, 'Meeting', found.id);
    const resource = bodyResource(body);
    const person = ctx.viewer.personIn(found.areaId);
    return ctx.em.transactional(async (em) => {
      const m = await em.findOneOrFail(Meeting, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      const facts = this.conveningFacts(ctx, m, resource, event, await em.count(AgendaItem, { meeting: m.id }), input.reason ?? null);
      const acting = this.fire(ctx, m, event, facts);
      if (event === 'CONVENE') {
        m.convenedAt = ctx.now;
        // meeting.convene asks for a person of the area: the machine refused anyone else.
        m.convenedBy = em.getReference(Person, (person as Person).id);
        m.convenedOnBehalfOfId = acting.onBehalfOf;
        const day = pragueDay(m.startsAt);
        const seats = await em.find(Membership, { body: body.id });
        const where = m.place ?? m.onlineLink ?? '';
        await enqueue(em, m.areaId, {
          kind: 'MEETING_CONVENED',
          subjectId: m.id,
          title: { cs: `Pozvánka: ${m.title}, ${day}, ${where}`, en: `Invitation: ${m.title}, ${day}, ${where}` },
          body: invitationBody(m, body.name),
          recipients: invitees(seats, day),
        });
      }
      if (event === 'CANCEL') m.cancelReason = input.reason ?? null;
      m.version += 1;
      await em.flush();
      return m;
    });
  }

  /** What CONVENE, HOLD or CANCEL judge: who convenes is the policy's; the agenda, the time and the reason the meeting's. */
  conveningFacts(ctx: RequestContext, m: Meeting, resource: Resource, event: ConveningEvent, agendaItems: number, reason: string | null): MeetingFacts {
    const action = CONVENING_ACTIONS[event];
    return {
      actorIsConvener: can(ctx.viewer, action, resource),
      onBehalfOf: onBehalfOf(ctx.viewer, action, resource, DelegatedPower.CONVENE),
      actorIsMinuteTaker: false,
      actorIsChair: false,
      actorDraftedMinutes: false,
      agendaItems,
      started: hasStarted(m.startsAt, ctx.now),
      reason,
    };
  }

  /**
   * The convener's events of the meeting's status (CONVENE, HOLD, CANCEL) as the machine judges them
   * for the viewer now, with a reason typed when firing; none when the viewer does not convene it.
   */
  async conveningOptions(ctx: RequestContext, m: Meeting, body: Body): Promise<MeetingOption[]> {
    const resource = bodyResource(body);
    const events = meetingWorkflow.transitionsFrom(m.status).filter((t): t is MeetingTransition & { event: ConveningEvent } => t.event in CONVENING_ACTIONS);
    if (!events.some((t) => can(ctx.viewer, CONVENING_ACTIONS[t.event], resource))) return [];
    const agendaItems = (await this.agenda(ctx, m)).length;
    return events.map((t) => {
      const facts = this.conveningFacts(ctx, m, resource, t.event, agendaItems, TYPED_WHEN_FIRING);
      const option = meetingWorkflow.options(m.status, facts).find((o) => o.transition.event === t.event) as EventOption<MeetingTransition>;
      return { event: t.event, label: t.label, target: t.to, refusals: option.refusals, requiredInputs: option.inputs };
    });
  }

  /** Moves the meeting through its workflow, or refuses with every reason; says in which capacity the actor acted. */
  fire(ctx: RequestContext, m: Meeting, event: MeetingEventName, facts: MeetingFacts): ActingAs {
    const decision = meetingWorkflow.decide(m.snapshot, event, facts);
    if (!decision.allowed) {
      throw new AppError(ErrorCode.TRANSITION_NOT_ALLOWED, localize({ cs: 'Tuto akci teď nelze provést.', en: 'This action is not allowed now.' }, ctx.locale), {
        ...refusalExtensions(ctx.locale, decision.refusals),
      });
    }
    m.status = decision.to as MeetingStatus;
    m.snapshot = decision.snapshot;
    return decision.actingAs;
  }

  async agenda(ctx: RequestContext, meeting: Meeting): Promise<AgendaItem[]> {
    return ctx.loaders.childrenOf(AgendaItem, 'meeting', { position: 'asc' }).load(meeting.id);
  }

  /** Adds an item at the end of the agenda; returns the meeting, whose agenda lists it. */
  async addAgendaItem(ctx: RequestContext, input: AddAgendaItemCommand): Promise<Meeting> {
    const meeting = await this.get(ctx, input.meetingId);
    const body = await this.bodyOf(ctx, meeting);
    const resource = bodyResource(body);
    authorize(ctx, 'meeting.addAgendaItem', resource, 'Meeting', meeting.id);
    this.refuseChange(ctx, meeting, 'addAgendaItem');
    let judged = { late: false, urgencyReason: null as string | null };
    if (input.proposalId) {
      const proposal = await ctx.em.findOne(Proposal, { id: input.proposalId, areaId: meeting.areaId });
      if (!proposal) throw notFound(ctx.locale, 'Proposal', input.proposalId);
      refuse(ctx, proposalBodyRefusal(proposal.currentBody?.id ?? null, body.id));
      const submitted = proposal.submittedAt ? pragueDay(proposal.submittedAt) : null;
      const judgement = agendaItemJudgement(this.materialsDeadline(meeting, body), submitted, input.urgencyReason ?? null);
      refuse(ctx, judgement.refusal);
      if (judgement.late) authorize(ctx, 'meeting.acceptLateItem', resource, 'Meeting', meeting.id);
      judged = judgement;
    }
    if (input.presenterPersonId) {
      const presenter = await ctx.em.findOne(Person, { id: input.presenterPersonId, areaId: meeting.areaId });
      if (!presenter) throw notFound(ctx.locale, 'Person', input.presenterPersonId);
      refuseErased(ctx, presenter, 'presenterPersonId');
    }
    return ctx.em.transactional(async (em) => {
      const locked = await em.findOneOrFail(Meeting, { id: meeting.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      this.refuseChange(ctx, locked, 'addAgendaItem');
      const last = await em.findOne(AgendaItem, { meeting: meeting.id }, { orderBy: { position: 'desc' } });
      em.create(AgendaItem, {
        areaId: meeting.areaId,
        meeting: em.getReference(Meeting, meeting.id),
        position: (last?.position ?? 0) + 1,
        title: input.title,
        presenter: input.presenterPersonId ? em.getReference(Person, input.presenterPersonId) : null,
        proposal: input.proposalId ? em.getReference(Proposal, input.proposalId) : null,
        late: judged.late,
        urgencyReason: judged.urgencyReason,
      });
      await em.flush();
      return locked;
    });
  }

  /** Moves an agenda item to a position; returns the meeting, whose agenda is in the new order. */
  async moveAgendaItem(ctx: RequestContext, input: MoveAgendaItemCommand): Promise<Meeting> {
    requireId(ctx.locale, 'agendaItemId', input.agendaItemId);
    const item = await ctx.em.findOne(AgendaItem, { id: input.agendaItemId });
    if (!item) throw notFound(ctx.locale, 'AgendaItem', input.agendaItemId);
    const { meeting } = await this.forConvener(ctx, item.meeting.id, 'meeting.moveAgendaItem');
    this.refuseChange(ctx, meeting, 'moveAgendaItem');
    return ctx.em.transactional(async (em) => {
      const locked = await em.findOneOrFail(Meeting, { id: meeting.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      this.refuseChange(ctx, locked, 'moveAgendaItem');
      const items = await em.find(AgendaItem, { meeting: meeting.id }, { orderBy: { position: 'asc' } });
      // Positions are unique per meeting; the constraint is checked at commit, so renumbering in place is safe.
      agendaOrder(items, item.id, input.position).forEach((i, index) => {
        i.position = index + 1;
      });
      await em.flush();
      return locked;
    });
  }

  async attendance(ctx: RequestContext, meeting: Meeting): Promise<Attendance[]> {
    return ctx.loaders.childrenOf(Attendance, 'meetingId', { personId: 'asc' }).load(meeting.id);
  }

  async recordAttendance(ctx: RequestContext, input: RecordAttendanceCommand): Promise<Meeting> {
    const meeting = await this.get(ctx, input.meetingId);
    const body = await this.bodyOf(ctx, meeting);
    authorize(ctx, 'meeting.recordAttendance', bodyResource(body), 'Meeting', meeting.id);
    this.refuseChange(ctx, meeting, 'recordAttendance');
    refuse(ctx, repeatedPersonRefusal(input.entries));
    const ids = input.entries.map((e) => e.personId);
    const people = await ctx.em.find(Person, { id: { $in: ids }, areaId: meeting.areaId });
    const missing = ids.find((id) => !people.some((p) => p.id === id));
    if (missing) throw notFound(ctx.locale, 'Person', missing);
    const day = pragueDay(meeting.startsAt);
    const seats = (await ctx.em.find(Membership, { body: body.id, person: { $in: ids } })).filter((m) => m.isValidOn(day));
    return ctx.em.transactional(async (em) => {
      // The meeting's row lock first: concurrent recordings of one person then read each other's
      // row and update it, instead of both inserting it (a unique violation for one of them).
      const m = await em.findOneOrFail(Meeting, { id: meeting.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      this.refuseChange(ctx, m, 'recordAttendance');
      for (const entry of input.entries) {
        const values = attendanceRow(entry, seats.find((s) => s.person.id === entry.personId));
        const existing = await em.findOne(Attendance, { meetingId: meeting.id, personId: entry.personId });
        if (existing) Object.assign(existing, values);
        else em.create(Attendance, { areaId: meeting.areaId, meetingId: meeting.id, personId: entry.personId, ...values });
      }
      m.version += 1;
      await em.flush();
      return m;
    });
  }

  async quorum(ctx: RequestContext, meeting: Meeting): Promise<QuorumResult> {
    const body = await this.bodyOf(ctx, meeting);
    const day = pragueDay(meeting.startsAt);
    const totalVoting = (await ctx.loaders.membershipsByBody.load(body.id)).filter((m) => m.votingRight && m.isValidOn(day)).length;
    const presentVoting = presentVoters(await this.attendance(ctx, meeting)).length;
    return quorumOf(body.quorumRule, presentVoting, totalVoting);
  }

  async triadRepresentation(ctx: RequestContext, meeting: Meeting): Promise<{ present: TriadSide[]; missing: TriadSide[]; complete: boolean }> {
    const present = [
      ...new Set(
        presentVoters(await this.attendance(ctx, meeting))
          .filter((a) => a.triadSide)
          .map((a) => a.triadSide as TriadSide),
      ),
    ].sort();
    const missing = TRIAD_SIDES_REQUIRED.filter((s) => !present.includes(s));
    return { present, missing, complete: missing.length === 0 };
  }
}
