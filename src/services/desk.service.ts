import { LoadStrategy } from '@mikro-orm/core';
import { can, visibleFilter } from '../auth/authority';
import { guarantorsOf, planResource, PROPOSAL_SQL } from '../auth/resources';
import { pageOfSorted, type PageArgs, type SortedPage } from '../common/cursor';
import { pragueDay } from '../common/dates';
import type { RequestContext } from '../context';
import { unansweredComments } from '../data/desk';
import { indicatorsOfAdoptedPlans } from '../data/reminders';
import type { AgendaItem } from '../entities/agenda-item.entity';
import type { Body } from '../entities/body.entity';
import { DECIDED_PHASES, MeetingStatus, PlanStatus, ProposalPhase } from '../entities/enums';
import { HearingComment } from '../entities/hearing.entity';
import { Meeting } from '../entities/meeting.entity';
import { Indicator, IndicatorGuarantor } from '../entities/plan.entity';
import { Proposal } from '../entities/proposal.entity';
import { valueDueBy } from './indicator-due';
import type { MaterialService } from './material.service';
import type { MeetingOption, MeetingService } from './meeting.service';
import type { MinutesService, MinutesStep } from './minutes.service';
import { loadPlanStandings } from './plan-standing';
import type { ProposalService, TransitionOption } from './proposal.service';

/** A proposal the viewer may move now, with the events they may fire (and what each asks them to type). */
export interface ProposalToMove {
  proposal: Proposal;
  transitions: TransitionOption[];
}

/** A proposal of the viewer's (as its author or its working group's chair) that waits on a body. */
export interface ProposalWaiting {
  proposal: Proposal;
  /** The body handling its current stage. */
  waitingOn: Body;
}

/** A meeting the viewer convenes that is yet to be convened or held, with the convener's events. */
export interface MeetingToRun {
  meeting: Meeting;
  body: Body;
  transitions: MeetingOption[];
}

/** A meeting whose minutes wait for the viewer's step. */
export interface MinutesDue {
  meeting: Meeting;
  body: Body;
  step: MinutesStep;
}

/** An agenda item the viewer presents whose materials are not in yet. */
export interface MaterialsDue {
  item: AgendaItem;
  meeting: Meeting;
  /** The last day (YYYY-MM-DD, Prague) the materials are due by. */
  dueOn: string;
  overdue: boolean;
}

/** An indicator of an adopted plan whose next value is due from the viewer as its guarantor. */
export interface IndicatorValueDue {
  indicator: Indicator;
  planId: string;
  /** The day (YYYY-MM-DD) the value was due by: one reporting period after the latest value (or the baseline). */
  dueOn: string;
}

/** A comment of a plan's public hearing waiting for the viewer's answer. */
export interface HearingCommentToAnswer {
  comment: HearingComment;
  planId: string;
}

/** Meetings whose next step may be the viewer's: to convene or hold, or with minutes to write, verify or distribute. */
const OPEN_MEETING = [MeetingStatus.PLANNED, MeetingStatus.CONVENED, MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFTED, MeetingStatus.MINUTES_VERIFIED];
const TO_RUN = [MeetingStatus.PLANNED, MeetingStatus.CONVENED];

/** Sorts by the key, then the id, as `pageOfSorted` pages. */
function sortedBy<T>(items: T[], keyOf: (item: T) => [string, string]): T[] {
  return items.sort((a, b) => {
    const [ka, ia] = keyOf(a);
    const [kb, ib] = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : ia < ib ? -1 : ia > ib ? 1 : 0;
  });
}

/**
 * One viewer's desk for one request: every section is judged once (the first time a field asks for
 * it) over everything open in the viewer's areas, read in a few statements whatever its size, and
 * then paged. Who may see and do each item is the policy's and the workflows' (through the
 * services that judge the same record elsewhere); the desk lists nothing the viewer could not query
 * or do.
 */
export class Desk {
  private proposalsJudged?: Promise<{ toMove: ProposalToMove[]; waiting: ProposalWaiting[] }>;
  private meetingsJudged?: Promise<{ toRun: MeetingToRun[]; minutes: MinutesDue[]; materials: MaterialsDue[] }>;
  private indicatorsJudged?: Promise<IndicatorValueDue[]>;
  private commentsJudged?: Promise<HearingCommentToAnswer[]>;

  constructor(
    private readonly ctx: RequestContext,
    private readonly services: { proposals: ProposalService; meetings: MeetingService; minutes: MinutesService; materials: MaterialService },
  ) {}

  /** The areas the desk looks at: those the viewer is a person of. */
  private get areaIds(): string[] {
    return [...new Set(this.ctx.viewer.people.map((p) => p.areaId))];
  }

  /** Proposals the viewer may move now, the longest unmoved first. */
  async proposalsToMove(args: PageArgs): Promise<SortedPage<ProposalToMove>> {
    const { toMove } = await this.proposals();
    return pageOfSorted(this.ctx, toMove, (i) => proposalKey(i.proposal), args);
  }

  /** The viewer's proposals in review that wait on a body, the longest waiting first. */
  async proposalsWaiting(args: PageArgs): Promise<SortedPage<ProposalWaiting>> {
    const { waiting } = await this.proposals();
    return pageOfSorted(this.ctx, waiting, (i) => proposalKey(i.proposal), args);
  }

  /** Meetings to convene or hold, the soonest first. */
  async meetingsToRun(args: PageArgs): Promise<SortedPage<MeetingToRun>> {
    const { toRun } = await this.meetings();
    return pageOfSorted(this.ctx, toRun, (i) => meetingKey(i.meeting), args);
  }

  /** Minutes to write, verify or distribute, by their due day (the overdue first). */
  async minutesDue(args: PageArgs): Promise<SortedPage<MinutesDue>> {
    const { minutes } = await this.meetings();
    return pageOfSorted(this.ctx, minutes, minutesKey, args);
  }

  /** Agenda items the viewer presents whose materials are due, by their deadline. */
  async materialsDue(args: PageArgs): Promise<SortedPage<MaterialsDue>> {
    const { materials } = await this.meetings();
    return pageOfSorted(this.ctx, materials, materialsKey, args);
  }

  /** Indicators whose next value is due from the viewer as their guarantor, the longest due first. */
  async indicatorValuesDue(args: PageArgs): Promise<SortedPage<IndicatorValueDue>> {
    this.indicatorsJudged ??= this.judgeIndicators();
    return pageOfSorted(this.ctx, await this.indicatorsJudged, indicatorKey, args);
  }

  /** Hearing comments waiting for the viewer's answer, the oldest first. */
  async hearingCommentsToAnswer(args: PageArgs): Promise<SortedPage<HearingCommentToAnswer>> {
    this.commentsJudged ??= this.judgeComments();
    return pageOfSorted(this.ctx, await this.commentsJudged, commentKey, args);
  }

  private proposals() {
    this.proposalsJudged ??= this.judgeProposals();
    return this.proposalsJudged;
  }

  private meetings() {
    this.meetingsJudged ??= this.judgeMeetings();
    return this.meetingsJudged;
  }

  /** Every undecided proposal the viewer sees in their areas (one statement), judged as `availableTransitions` judges it. */
  private async judgeProposals(): Promise<{ toMove: ProposalToMove[]; waiting: ProposalWaiting[] }> {
    const { ctx } = this;
    if (this.areaIds.length === 0) return { toMove: [], waiting: [] };
    const open = await ctx.em.find(
      Proposal,
      { $and: [{ areaId: { $in: this.areaIds } }, { phase: { $nin: [...DECIDED_PHASES] } }, visibleFilter(ctx.viewer, 'proposal.read', PROPOSAL_SQL)] },
      { populate: ['author'], strategy: LoadStrategy.JOINED },
    );
    const judged = await Promise.all(
      open.map(async (proposal) => {
        const [transitions, follows] = await Promise.all([this.services.proposals.movable(ctx, proposal), this.services.proposals.follows(ctx, proposal)]);
        const current = proposal.currentBody ? await ctx.loaders.bodyOfArea(proposal.areaId, proposal.currentBody.id) : null;
        return { proposal, transitions, follows, current };
      }),
    );
    const toMove = judged.filter((j) => j.transitions.length > 0).map(({ proposal, transitions }) => ({ proposal, transitions }));
    const waiting = judged.flatMap(({ proposal, transitions, follows, current }) =>
      transitions.length === 0 && follows && proposal.phase === ProposalPhase.IN_REVIEW && current ? [{ proposal, waitingOn: current }] : [],
    );
    return { toMove: sortedBy(toMove, (i) => proposalKey(i.proposal)), waiting: sortedBy(waiting, (i) => proposalKey(i.proposal)) };
  }

  /** Every open meeting of the viewer's areas (one statement), judged by the meeting workflow and the policy. */
  private async judgeMeetings(): Promise<{ toRun: MeetingToRun[]; minutes: MinutesDue[]; materials: MaterialsDue[] }> {
    const { ctx } = this;
    if (this.areaIds.length === 0) return { toRun: [], minutes: [], materials: [] };
    const open = await ctx.em.find(Meeting, { areaId: { $in: this.areaIds }, status: { $in: OPEN_MEETING } });
    const judged = await Promise.all(
      open.map(async (meeting) => {
        const body = await ctx.loaders.bodyOfArea(meeting.areaId, meeting.body.id);
        if (!body || !this.services.meetings.canSee(ctx, body)) return null;
        const toRun = TO_RUN.includes(meeting.status);
        const [transitions, step, materials] = await Promise.all([
          toRun ? this.services.meetings.conveningOptions(ctx, meeting, body) : [],
          toRun ? null : this.services.minutes.nextStep(ctx, meeting, body),
          toRun && meeting.startsAt > ctx.now ? this.materialsOf(meeting, body) : [],
        ]);
        return { meeting, body, transitions, step, materials };
      }),
    );
    const seen = judged.filter((j) => j !== null);
    return {
      toRun: sortedBy(
        seen.filter((j) => j.transitions.length > 0).map(({ meeting, body, transitions }) => ({ meeting, body, transitions })),
        (i) => meetingKey(i.meeting),
      ),
      minutes: sortedBy(
        seen.flatMap(({ meeting, body, step }) => (step ? [{ meeting, body, step }] : [])),
        minutesKey,
      ),
      materials: sortedBy(
        seen.flatMap((j) => j.materials),
        materialsKey,
      ),
    };
  }

  /**
   * The indicators of the adopted plans of the viewer's areas whose next value is due by today (the
   * reminders' rule), of which the viewer is a guarantor (plan.guaranteeIndicator) who may record it
   * (plan.recordIndicatorValue). A few statements, one more per area (where its plans stand).
   */
  private async judgeIndicators(): Promise<IndicatorValueDue[]> {
    const { ctx } = this;
    if (this.areaIds.length === 0) return [];
    const year = Number(ctx.today.slice(0, 4));
    const due = (await indicatorsOfAdoptedPlans(ctx.em, year, this.areaIds)).flatMap((r) => {
      const dueOn = valueDueBy(r, ctx.today);
      return dueOn ? [{ row: r, dueOn }] : [];
    });
    if (due.length === 0) return [];
    const standings = new Map(await Promise.all([...new Set(due.map((d) => d.row.area_id))].map(async (areaId) => [areaId, await loadPlanStandings(ctx.em, areaId, year)] as const)));
    const guarantors = await ctx.em.find(IndicatorGuarantor, { indicatorId: { $in: due.map((d) => d.row.id) } });
    const mine = due.filter(({ row }) => {
      if (standings.get(row.area_id)?.get(row.plan_id)?.status !== PlanStatus.ADOPTED) return false;
      const resource = planResource(row.area_id, guarantorsOf(guarantors.filter((g) => g.indicatorId === row.id)));
      return can(ctx.viewer, 'plan.guaranteeIndicator', resource) && can(ctx.viewer, 'plan.recordIndicatorValue', resource);
    });
    if (mine.length === 0) return [];
    const indicators = new Map((await ctx.em.find(Indicator, { id: { $in: mine.map((d) => d.row.id) } })).map((i) => [i.id, i]));
    return sortedBy(
      mine.flatMap(({ row, dueOn }) => {
        const indicator = indicators.get(row.id);
        return indicator ? [{ indicator, planId: row.plan_id, dueOn }] : [];
      }),
      indicatorKey,
    );
  }

  /** The unanswered comments of the hearings of plans not yet adopted, in the areas whose comments the viewer answers (hearing.answer). */
  private async judgeComments(): Promise<HearingCommentToAnswer[]> {
    const { ctx } = this;
    const areas = this.areaIds.filter((areaId) => can(ctx.viewer, 'hearing.answer', planResource(areaId)));
    const open = await unansweredComments(ctx.em, areas);
    if (open.length === 0) return [];
    const planOf = new Map(open.map((c) => [c.id, c.plan_id]));
    const comments = await ctx.em.find(HearingComment, { id: { $in: [...planOf.keys()] } });
    return sortedBy(
      comments.map((comment) => ({ comment, planId: planOf.get(comment.id) as string })),
      commentKey,
    );
  }

  /** The meeting's items the viewer presents and may attach materials to (meeting.attachMaterial), with none attached yet (to the item, or to the proposal it is about). */
  private async materialsOf(meeting: Meeting, body: Body): Promise<MaterialsDue[]> {
    const { ctx } = this;
    const me = ctx.viewer.personIn(meeting.areaId);
    if (!me) return [];
    const mine = (await this.services.meetings.agenda(ctx, meeting)).filter(
      (item) => item.presenter?.id === me.id && this.services.materials.mayAttachToItem(ctx, body, item),
    );
    const dueOn = this.services.meetings.materialsDeadline(meeting, body);
    // An item about a proposal is supplied by the proposal's documents as well.
    const attached = await Promise.all(
      mine.map(async (item) => [...(await this.services.materials.ofAgendaItem(ctx, item.id)), ...(item.proposal ? await this.services.materials.ofProposal(ctx, item.proposal.id) : [])]),
    );
    return mine.filter((_item, i) => attached[i].length === 0).map((item) => ({ item, meeting, dueOn, overdue: ctx.today > dueOn }));
  }
}

const indicatorKey = (i: IndicatorValueDue): [string, string] => [i.dueOn, i.indicator.id];
const commentKey = (i: HearingCommentToAnswer): [string, string] => [i.comment.createdAt.toISOString(), i.comment.id];
const proposalKey = (p: Proposal): [string, string] => [p.updatedAt.toISOString(), p.id];
const meetingKey = (m: Meeting): [string, string] => [m.startsAt.toISOString(), m.id];
const minutesKey = (i: MinutesDue): [string, string] => [`${i.step.dueOn} ${pragueDay(i.meeting.startsAt)}`, i.meeting.id];
const materialsKey = (i: MaterialsDue): [string, string] => [`${i.dueOn} ${i.meeting.startsAt.toISOString()} ${String(i.item.position).padStart(4, '0')}`, i.item.id];

/** The coordinator's desk: what waits for the viewer across all their areas and bodies (see `Desk`). */
export class DeskService {
  constructor(
    private readonly proposals: ProposalService,
    private readonly meetings: MeetingService,
    private readonly minutes: MinutesService,
    private readonly materials: MaterialService,
  ) {}

  /** The viewer's desk for this request; its sections are judged when first asked for. */
  open(ctx: RequestContext): Desk {
    return new Desk(ctx, { proposals: this.proposals, meetings: this.meetings, minutes: this.minutes, materials: this.materials });
  }
}
