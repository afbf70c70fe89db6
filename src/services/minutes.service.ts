import { LockMode } from '@mikro-orm/core';
import { pragueDay } from '../common/dates';
import type { RequestContext } from '../context';
import type { Body } from '../entities/body.entity';
import { DelegatedPower } from '../entities/enums';
import { draftTarget, hasDraft, minutesNextStep, minutesOverdue, minutesRecipients, readableVersions, wroteMinutes } from '../domain/meeting-record';
import { can, onBehalfOf, refusal } from '../auth/authority';
import { bodyResource } from '../auth/resources';
import { Meeting } from '../entities/meeting.entity';
import { Membership } from '../entities/membership.entity';
import { Minutes } from '../entities/minutes.entity';
import { MinutesRecipient } from '../entities/minutes-recipient.entity';
import { Person } from '../entities/person.entity';
import { meetingWorkflow, type MeetingEventName, type MeetingFacts } from '../workflows/meeting.workflow';
import type { Text } from '../i18n/locale';
import type { MeetingService, MeetingActionCommand } from './meeting.service';

/** The minutes' step waiting for the viewer: the event, and by when the minutes are due (distributed). */
export interface MinutesStep {
  event: MeetingEventName;
  label: Text;
  /** YYYY-MM-DD, Prague. */
  dueOn: string;
  overdue: boolean;
}

/** The minutes' text, as written by the minute-taker. */
export interface DraftMinutesCommand {
  meetingId: string;
  text: string;
}

/** Minutes: drafted by the minute-taker, verified by the chair (never their author), distributed to the members. */
export class MinutesService {
  constructor(private readonly meetings: MeetingService) {}

  /**
   * The versions of the minutes the viewer may read, oldest first: verified ones with the meeting;
   * a draft only its body's members, the minute-taker, the chair and the managers (minutes.readDraft).
   */
  async versions(ctx: RequestContext, meeting: Meeting): Promise<Minutes[]> {
    const all = await ctx.loaders.childrenOf(Minutes, 'meeting', { version: 'asc' }).load(meeting.id);
    if (!hasDraft(all)) return all;
    const body = await ctx.loaders.bodyById.load(meeting.body.id);
    return readableVersions(all, body !== null && can(ctx.viewer, 'minutes.readDraft', bodyResource(body)));
  }

  /** Minutes are overdue when not distributed by the body's deadline. */
  overdue(ctx: RequestContext, meeting: Meeting, body: Body): boolean {
    return minutesOverdue(meeting.status, ctx.today, this.meetings.minutesDueDate(meeting, body));
  }

  /**
   * The minutes' next step the viewer may take now — write them (HELD), verify them (MINUTES_DRAFTED),
   * distribute them (MINUTES_VERIFIED) — judged by the meeting machine on the same facts as the
   * mutation; null when there is none for them.
   */
  async nextStep(ctx: RequestContext, meeting: Meeting, body: Body): Promise<MinutesStep | null> {
    const step = minutesNextStep(meeting.status);
    const person = ctx.viewer.personIn(meeting.areaId);
    if (!step || !person) return null;
    const versions = await ctx.loaders.childrenOf(Minutes, 'meeting', { version: 'asc' }).load(meeting.id);
    const facts = this.facts(ctx, body, person, versions.at(-1) ?? null, step.taking);
    const option = meetingWorkflow.options(meeting.status, facts).find((o) => o.transition.event === step.event);
    if (!option || option.refusals.length > 0) return null;
    return { event: step.event, label: option.transition.label, dueOn: this.meetings.minutesDueDate(meeting, body), overdue: this.overdue(ctx, meeting, body) };
  }

  private async prepare(ctx: RequestContext, meetingId: string) {
    const meeting = await this.meetings.get(ctx, meetingId);
    const body = (await ctx.loaders.bodyById.load(meeting.body.id))!;
    const person = ctx.viewer.personIn(meeting.areaId);
    if (!person) throw refusal(ctx, 'minutes.draft', bodyResource(body), 'Meeting', meeting.id);
    return { meeting, body, person };
  }

  /** What the minutes' guards judge; who may draft, verify and distribute is the policy's (src/auth/policy.ts). */
  private facts(ctx: RequestContext, body: Body, person: Person, current: Minutes | null, taking: 'minutes.draft' | 'minutes.distribute'): MeetingFacts {
    const resource = bodyResource(body);
    return {
      actorIsConvener: false,
      agendaItems: 0,
      started: true,
      reason: null,
      actorIsMinuteTaker: can(ctx.viewer, taking, resource),
      actorIsChair: can(ctx.viewer, 'minutes.verify', resource),
      onBehalfOf: onBehalfOf(ctx.viewer, 'minutes.verify', resource, DelegatedPower.VERIFY_MINUTES),
      actorDraftedMinutes: wroteMinutes(current, person.id),
    };
  }

  async draft(ctx: RequestContext, input: DraftMinutesCommand): Promise<Meeting> {
    const { meeting, body, person } = await this.prepare(ctx, input.meetingId);
    return ctx.em.transactional(async (em) => {
      const m = await em.findOneOrFail(Meeting, { id: meeting.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      const current = await em.findOne(Minutes, { meeting: m.id }, { orderBy: { version: 'desc' } });
      // Judged on the status before the draft: verified minutes are frozen, a change is a new version.
      const target = draftTarget(m.status, current);
      this.meetings.fire(ctx, m, 'DRAFT_MINUTES', this.facts(ctx, body, person, current, 'minutes.draft'));
      if ('rewrite' in target) {
        target.rewrite.text = input.text;
        target.rewrite.draftedBy = em.getReference(Person, person.id);
        target.rewrite.draftedAt = ctx.now;
      } else {
        em.create(Minutes, {
          areaId: m.areaId,
          meeting: m,
          version: target.newVersion,
          text: input.text,
          draftedBy: em.getReference(Person, person.id),
          draftedAt: ctx.now,
        });
      }
      m.version += 1;
      await em.flush();
      return m;
    });
  }

  async verify(ctx: RequestContext, input: MeetingActionCommand): Promise<Meeting> {
    const { meeting, body, person } = await this.prepare(ctx, input.meetingId);
    return ctx.em.transactional(async (em) => {
      const m = await em.findOneOrFail(Meeting, { id: meeting.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      const current = await em.findOne(Minutes, { meeting: m.id }, { orderBy: { version: 'desc' } });
      const acting = this.meetings.fire(ctx, m, 'VERIFY_MINUTES', this.facts(ctx, body, person, current, 'minutes.draft'));
      current!.verifiedBy = em.getReference(Person, person.id);
      current!.verifiedOnBehalfOfId = acting.onBehalfOf;
      current!.verifiedAt = ctx.now;
      m.version += 1;
      await em.flush();
      return m;
    });
  }

  /** Sends the verified minutes to the body's members of the meeting day; who and when is recorded. */
  async distribute(ctx: RequestContext, input: MeetingActionCommand): Promise<Meeting> {
    const { meeting, body, person } = await this.prepare(ctx, input.meetingId);
    const day = pragueDay(meeting.startsAt);
    const recipients = minutesRecipients(await ctx.em.find(Membership, { body: body.id }), day, ctx.today);
    return ctx.em.transactional(async (em) => {
      const m = await em.findOneOrFail(Meeting, { id: meeting.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      const current = await em.findOne(Minutes, { meeting: m.id }, { orderBy: { version: 'desc' } });
      this.meetings.fire(ctx, m, 'DISTRIBUTE_MINUTES', this.facts(ctx, body, person, current, 'minutes.distribute'));
      current!.distributedBy = em.getReference(Person, person.id);
      current!.distributedAt = ctx.now;
      for (const personId of recipients) {
        em.create(MinutesRecipient, { areaId: m.areaId, minutesId: current!.id, personId, sentAt: ctx.now });
      }
      m.version += 1;
      await em.flush();
      return m;
    });
  }

  async recipients(ctx: RequestContext, minutesId: string): Promise<MinutesRecipient[]> {
    return ctx.loaders.childrenOf(MinutesRecipient, 'minutesId', { personId: 'asc' }).load(minutesId);
  }
}
