import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { SortedPage } from '../common/cursor';
import { refusalsFor } from '../common/refusal';
import type { RequestContext } from '../context';
import { localize } from '../i18n/locale';
import { BodyType } from '../schema/body.type';
import { ConnectionArgs } from '../schema/connection.args';
import {
  DeskHearingCommentConnection,
  DeskIndicatorValueDueConnection,
  DeskMaterialsDueConnection,
  DeskMeetingToRunConnection,
  DeskMinutesDueConnection,
  DeskProposalToMoveConnection,
  DeskProposalWaitingConnection,
  DeskType,
  type DeskHearingCommentType,
  type DeskIndicatorValueDueType,
  type DeskMaterialsDueType,
  type DeskMeetingToRunType,
  type DeskMinutesDueType,
  type DeskPage,
  type DeskProposalToMoveType,
  type DeskProposalWaitingType,
} from '../schema/desk.type';
import { AgendaItemType, MeetingType } from '../schema/meeting.type';
import { PageInfo } from '../schema/page-info.type';
import { ProposalType } from '../schema/proposal.type';
import type { TransitionInputKind } from '../schema/refusal.type';
import type { Desk } from '../services/desk.service';
import { toComment } from './hearing.resolver';
import { toIndicator } from './plan.resolver';
import { transitionView } from './proposal.resolver';

/** A section's page in the schema's shape. */
function connection<T, N>(page: SortedPage<T>, view: (item: T) => N): DeskPage<N> {
  const edges = page.items.map(({ cursor, node }) => ({ cursor, node: view(node) }));
  return { edges, pageInfo: PageInfo.of(page, edges), totalCount: page.totalCount };
}

@Resolver(() => DeskType)
export class DeskResolver {
  @Query(() => DeskType, {
    description:
      "The viewer's desk: what waits for them across all their areas and bodies, section by section, each counted and paged. UNAUTHENTICATED without a token; empty for someone who is a person of no area.",
  })
  myDesk(@Ctx() ctx: RequestContext): DeskType {
    return Object.assign(new DeskType(), { work: ctx.services.desk.open(ctx) });
  }

  @FieldResolver(() => DeskProposalToMoveConnection, {
    description: "Proposals the viewer may move now, with the events they may fire and the inputs each asks for; the longest unmoved first. Exactly the proposals whose `availableTransitions` allow the viewer something.",
  })
  async proposalsToMove(
    @Ctx() ctx: RequestContext,
    @Root() root: DeskType,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<DeskPage<DeskProposalToMoveType>> {
    return connection(await (root.work as Desk).proposalsToMove(paging), (i) => ({
      proposal: ProposalType.from(i.proposal),
      transitions: i.transitions.map((o) => transitionView(ctx, o)),
    }));
  }

  @FieldResolver(() => DeskProposalWaitingConnection, {
    description: "Proposals in review the viewer authored or whose working group they chair, which wait on a body's decision (and not on the viewer); the longest waiting first.",
  })
  async proposalsWaiting(
    @Root() root: DeskType,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<DeskPage<DeskProposalWaitingType>> {
    return connection(await (root.work as Desk).proposalsWaiting(paging), (i) => ({
      proposal: ProposalType.from(i.proposal),
      waitingOn: BodyType.from(i.waitingOn),
    }));
  }

  @FieldResolver(() => DeskMeetingToRunConnection, {
    description: "Meetings the viewer convenes by their body's rules (or by the chair's delegation) that are yet to be convened or held, with the convener's events; the soonest first.",
  })
  async meetingsToRun(
    @Ctx() ctx: RequestContext,
    @Root() root: DeskType,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<DeskPage<DeskMeetingToRunType>> {
    return connection(await (root.work as Desk).meetingsToRun(paging), (i) => ({
      meeting: MeetingType.from(i.meeting),
      body: BodyType.from(i.body),
      events: i.transitions.map((o) => {
        const refusals = refusalsFor(ctx.locale, o.refusals);
        return { event: o.event, label: localize(o.label, ctx.locale), allowed: refusals.length === 0, refusals, requiredInputs: o.requiredInputs as TransitionInputKind[] };
      }),
    }));
  }

  @FieldResolver(() => DeskMinutesDueConnection, {
    description: "Meetings whose minutes the viewer may write, verify or distribute now, by the day they are due (the overdue first).",
  })
  async minutesDue(
    @Ctx() ctx: RequestContext,
    @Root() root: DeskType,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<DeskPage<DeskMinutesDueType>> {
    return connection(await (root.work as Desk).minutesDue(paging), (i) => ({
      meeting: MeetingType.from(i.meeting),
      body: BodyType.from(i.body),
      event: i.step.event,
      label: localize(i.step.label, ctx.locale),
      dueOn: i.step.dueOn,
      overdue: i.step.overdue,
    }));
  }

  @FieldResolver(() => DeskMaterialsDueConnection, {
    description: 'Agenda items of upcoming meetings the viewer presents, with no materials yet, by their deadline.',
  })
  async materialsDue(
    @Root() root: DeskType,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<DeskPage<DeskMaterialsDueType>> {
    return connection(await (root.work as Desk).materialsDue(paging), (i) => ({
      item: AgendaItemType.from(i.item),
      meeting: MeetingType.from(i.meeting),
      dueOn: i.dueOn,
      overdue: i.overdue,
    }));
  }

  @FieldResolver(() => DeskIndicatorValueDueConnection, {
    description: "Indicators of adopted plans whose next value is due from the viewer as their guarantor (a person named, or of an organisation named), the longest due first.",
  })
  async indicatorValuesDue(
    @Root() root: DeskType,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<DeskPage<DeskIndicatorValueDueType>> {
    return connection(await (root.work as Desk).indicatorValuesDue(paging), (i) => ({ indicator: toIndicator(i.indicator), planId: i.planId, dueOn: i.dueOn }));
  }

  @FieldResolver(() => DeskHearingCommentConnection, {
    description: "Comments of public hearings of plans not yet adopted that wait for an answer, for whoever answers them (the area's coordinator or admin); the oldest first.",
  })
  async hearingCommentsToAnswer(
    @Root() root: DeskType,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<DeskPage<DeskHearingCommentType>> {
    return connection(await (root.work as Desk).hearingCommentsToAnswer(paging), (i) => ({ comment: toComment(i.comment), planId: i.planId }));
  }
}
