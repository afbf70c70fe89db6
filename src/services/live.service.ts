import type { LiveContext } from '../context';
import type { ChangeSignal } from '../data/change-signals';
import { DeskChangeKind, type DeskChange } from '../domain/live';
import type { Meeting } from '../entities/meeting.entity';
import type { Notification } from '../entities/notification.entity';
import type { Proposal } from '../entities/proposal.entity';
import { AppError, badInput, ErrorCode, requireId } from '../errors/app-errors';
import type { SignalStream } from '../live/change-hub';
import type { BodyService } from './body.service';
import type { MeetingService } from './meeting.service';
import type { NotificationService } from './notification.service';
import type { ProposalService } from './proposal.service';

/** Events a subscriber may have waiting before it is dropped as too slow. */
export const SUBSCRIBER_QUEUE_CAPACITY = 100;

/** A subscription's events: the records read again for the subscriber, one per change signal they may see. */
export type LiveStream<T> = AsyncIterableIterator<T>;

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/** Which of two arguments narrows a subscription: exactly one must be given. */
function exactlyOne(ctx: LiveContext, given: Record<string, string | null | undefined>): [string, string] {
  const set = Object.entries(given).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].length > 0);
  if (set.length !== 1) {
    const names = Object.keys(given);
    throw badInput(
      ctx.locale,
      names.map((field) => ({ field, text: { cs: `Zadejte právě jedno z: ${names.join(', ')}.`, en: `Give exactly one of: ${names.join(', ')}.` } })),
    );
  }
  requireId(ctx.locale, set[0][0], set[0][1]);
  return set[0];
}

/**
 * Live updates: each subscription takes the change signals of this process (fanned out from the
 * database's NOTIFY, see src/data/change-signals.ts) that concern it, and for each reads the record
 * again as its subscriber, under the same read rule as a query — an event the subscriber could not
 * query is never sent.
 */
export class LiveService {
  constructor(
    private readonly proposals: ProposalService,
    private readonly meetings: MeetingService,
    private readonly bodies: BodyService,
    private readonly notifications: NotificationService,
  ) {}

  /** A proposal of an area (`areaId`) or one proposal (`proposalId`) changed: the proposal as it is now. */
  async proposalChanges(ctx: LiveContext, filter: { areaId?: string | null; proposalId?: string | null }): Promise<LiveStream<Proposal>> {
    const [by, id] = exactlyOne(ctx, { areaId: filter.areaId, proposalId: filter.proposalId });
    // One proposal must be there for the subscriber now (NOT_FOUND otherwise, as a query says).
    if (by === 'proposalId') await this.proposals.get(ctx, id);
    const accepts = by === 'proposalId' ? (s: ChangeSignal) => s.kind === 'proposal' && s.id === id : (s: ChangeSignal) => s.kind === 'proposal' && s.areaId === id;
    return reread(ctx, this.signals(ctx, accepts), (s) => this.proposals.get(ctx, s.id));
  }

  /** A meeting of a body (`bodyId`) or one meeting (`meetingId`) changed, its agenda, attendance or minutes included. */
  async meetingChanges(ctx: LiveContext, filter: { bodyId?: string | null; meetingId?: string | null }): Promise<LiveStream<Meeting>> {
    const [by, id] = exactlyOne(ctx, { bodyId: filter.bodyId, meetingId: filter.meetingId });
    if (by === 'meetingId') await this.meetings.get(ctx, id);
    else await this.bodies.get(ctx, id);
    const accepts =
      by === 'meetingId' ? (s: ChangeSignal) => s.kind === 'meeting' && s.id === id : (s: ChangeSignal) => s.kind === 'meeting' && s.bodyId === id;
    return reread(ctx, this.signals(ctx, accepts), (s) => this.meetings.get(ctx, s.id));
  }

  /** A notification to the subscriber was added. */
  async notificationsAdded(ctx: LiveContext): Promise<LiveStream<Notification>> {
    const people = new Set(ctx.viewer.people.map((p) => p.id));
    const accepts = (s: ChangeSignal): boolean => s.kind === 'notification' && people.has(s.personId);
    return Promise.resolve(reread(ctx, this.signals(ctx, accepts), (s) => this.notifications.own(ctx, s.id)));
  }

  /**
   * Something on the subscriber's desk may have changed: a proposal or meeting they may see in one of
   * their areas, or a notification to them.
   */
  async deskChanges(ctx: LiveContext): Promise<LiveStream<DeskChange>> {
    const areas = new Set(ctx.viewer.people.map((p) => p.areaId));
    const people = new Set(ctx.viewer.people.map((p) => p.id));
    const accepts = (s: ChangeSignal): boolean => (s.kind === 'notification' ? people.has(s.personId) : areas.has(s.areaId));
    return Promise.resolve(
      reread(ctx, this.signals(ctx, accepts), async (s): Promise<DeskChange> => {
        if (s.kind === 'proposal') await this.proposals.get(ctx, s.id);
        else if (s.kind === 'meeting') await this.meetings.get(ctx, s.id);
        else await this.notifications.own(ctx, s.id);
        const kind = s.kind === 'proposal' ? DeskChangeKind.PROPOSAL : s.kind === 'meeting' ? DeskChangeKind.MEETING : DeskChangeKind.NOTIFICATION;
        return { kind, subjectId: s.id, areaId: s.areaId };
      }),
    );
  }

  private signals(ctx: LiveContext, accepts: (s: ChangeSignal) => boolean): SignalStream {
    return ctx.changes.subscribe(accepts, SUBSCRIBER_QUEUE_CAPACITY, () => ctx.tooSlow());
  }
}

/**
 * The records of `signals` read again, each as a new request of the subscriber would read it; a
 * signal about what the subscriber may not see (NOT_FOUND, FORBIDDEN) sends nothing, and one whose
 * read fails otherwise is logged and skipped. `return()` ends the subscription at once, also while
 * it waits for the next signal.
 */
function reread<T>(ctx: LiveContext, signals: SignalStream, read: (signal: ChangeSignal) => Promise<T>): LiveStream<T> {
  const stream: LiveStream<T> = {
    async next(): Promise<IteratorResult<T>> {
      for (;;) {
        const signal = await signals.next();
        if (signal.done) return DONE;
        try {
          await ctx.renew();
          return { done: false, value: await read(signal.value) };
        } catch (err) {
          const code = err instanceof AppError ? err.extensions.code : undefined;
          if (code !== ErrorCode.NOT_FOUND && code !== ErrorCode.FORBIDDEN && code !== ErrorCode.UNAUTHENTICATED) {
            ctx.logger.warn({ err, signal: signal.value }, 'a live update could not be read; skipped');
          }
        }
      }
    },
    async return(): Promise<IteratorResult<T>> {
      await signals.return?.();
      return DONE;
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
