import { Arg, Ctx, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { LiveContext, RequestContext } from '../context';
import type { DeskChange } from '../domain/live';
import type { Meeting } from '../entities/meeting.entity';
import type { Notification } from '../entities/notification.entity';
import type { Proposal } from '../entities/proposal.entity';
import { DeskChangeType } from '../schema/live.type';
import { MeetingType } from '../schema/meeting.type';
import { NotificationType } from '../schema/notification.type';
import { ProposalType } from '../schema/proposal.type';

type Subscribe<A> = SubscribeResolverData<unknown, A, LiveContext>;

/**
 * Live updates over WebSocket (the graphql-ws protocol, on /graphql). Each event is the record as
 * the subscriber would query it at that moment; what they may not see is never sent.
 */
@Resolver()
export class LiveResolver {
  @Subscription(() => ProposalType, {
    description:
      'A proposal changed (moved along the pipeline, edited, or drafted): of an area (`areaId`) or one proposal (`proposalId`); give exactly one. Sent only when the subscriber may see the proposal then.',
    subscribe: ({ args, context }: Subscribe<{ areaId?: string | null; proposalId?: string | null }>) => context.services.live.proposalChanges(context, args),
  })
  proposalChanged(
    @Root() proposal: Proposal,
    @Arg('areaId', () => ID, { nullable: true, description: 'Every proposal of this area.' }) _areaId?: string | null,
    @Arg('proposalId', () => ID, { nullable: true, description: 'This proposal only.' }) _proposalId?: string | null,
  ): ProposalType {
    return ProposalType.from(proposal);
  }

  @Subscription(() => MeetingType, {
    description:
      'A meeting changed — its time or place, agenda, attendance or minutes, or it was convened: of a body (`bodyId`) or one meeting (`meetingId`); give exactly one.',
    subscribe: ({ args, context }: Subscribe<{ bodyId?: string | null; meetingId?: string | null }>) => context.services.live.meetingChanges(context, args),
  })
  meetingChanged(
    @Root() meeting: Meeting,
    @Arg('bodyId', () => ID, { nullable: true, description: 'Every meeting of this body.' }) _bodyId?: string | null,
    @Arg('meetingId', () => ID, { nullable: true, description: 'This meeting only.' }) _meetingId?: string | null,
  ): MeetingType {
    return MeetingType.from(meeting);
  }

  @Subscription(() => NotificationType, {
    description: 'A notification to the viewer arrived (in any of their areas). Signed-in viewers only.',
    subscribe: ({ context }: Subscribe<object>) => context.services.live.notificationsAdded(context),
  })
  notificationAdded(@Root() notification: Notification, @Ctx() ctx: RequestContext): NotificationType {
    return NotificationType.from(notification, ctx.locale);
  }

  @Subscription(() => DeskChangeType, {
    description: "Something on the viewer's desk changed: a proposal or meeting they may see in one of their areas, or a notification to them. Signed-in viewers only.",
    subscribe: ({ context }: Subscribe<object>) => context.services.live.deskChanges(context),
  })
  myDeskChanged(@Root() change: DeskChange): DeskChangeType {
    return DeskChangeType.from(change);
  }
}
