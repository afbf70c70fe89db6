import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import { selectsField } from '../common/selection';
import { ConnectionArgs } from '../schema/connection.args';
import { PageInfo } from '../schema/page-info.type';
import { MarkNotificationReadInput, NotificationConnection, NotificationType } from '../schema/notification.type';
import { NotificationService } from '../services/notification.service';

@Resolver(() => NotificationType)
export class NotificationResolver {
  @Query(() => [NotificationType], {
    description: "The viewer's notifications, newest first (empty for the public).",
    deprecationReason: 'Use `notificationInbox`, which pages with cursors and counts the unread ones.',
  })
  async myNotifications(
    @Ctx() ctx: RequestContext,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false, description: 'Only unread ones.' }) unreadOnly: boolean,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many, 1–100.' }) first: number,
  ): Promise<NotificationType[]> {
    return (await ctx.services.notifications.inbox(ctx, unreadOnly, { first })).items.map((n) => NotificationType.from(n, ctx.locale));
  }

  @Query(() => NotificationConnection, {
    description: "The viewer's inbox: their notifications in every area they belong to, newest first, a page at a time, with the unread count (empty for the public).",
  })
  async notificationInbox(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false, description: 'Only unread ones.' }) unreadOnly: boolean,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<NotificationConnection> {
    const page = await ctx.services.notifications.inbox(ctx, unreadOnly, paging);
    const edges = page.items.map((n) => ({ cursor: NotificationService.cursor(n), node: NotificationType.from(n, ctx.locale) }));
    return {
      edges,
      pageInfo: PageInfo.of(page, edges),
      totalCount: selectsField(info, 'totalCount') ? await page.totalCount() : 0,
      unreadCount: selectsField(info, 'unreadCount') ? await page.unreadCount() : 0,
    };
  }

  @Mutation(() => NotificationType, { description: 'Marks one of the viewer\'s notifications read.' })
  async markNotificationRead(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => MarkNotificationReadInput, { description: 'What to do; see the input type.' }) input: MarkNotificationReadInput,
  ): Promise<NotificationType> {
    return NotificationType.from(await ctx.services.notifications.markRead(ctx, input.notificationId), ctx.locale);
  }

  @Mutation(() => Int, { description: 'Marks every unread notification of the viewer read, in every area; returns how many it marked (0 when none were unread). Signed-in people.' })
  async markAllNotificationsRead(@Ctx() ctx: RequestContext): Promise<number> {
    return ctx.services.notifications.markAllRead(ctx);
  }
}
