import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import { MarkNotificationReadInput, NotificationType } from '../schema/notification.type';

@Resolver(() => NotificationType)
export class NotificationResolver {
  @Query(() => [NotificationType], { description: "The viewer's notifications, newest first (empty for the public)." })
  async myNotifications(
    @Ctx() ctx: RequestContext,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false, description: 'Only unread ones.' }) unreadOnly: boolean,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many, 1–100.' }) first: number,
  ): Promise<NotificationType[]> {
    return (await ctx.services.notifications.mine(ctx, unreadOnly, first)).map((n) => NotificationType.from(n, ctx.locale));
  }

  @Mutation(() => NotificationType, { description: 'Marks one of the viewer\'s notifications read.' })
  async markNotificationRead(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => MarkNotificationReadInput, { description: 'What to do; see the input type.' }) input: MarkNotificationReadInput,
  ): Promise<NotificationType> {
    return NotificationType.from(await ctx.services.notifications.markRead(ctx, input.id), ctx.locale);
  }
}
