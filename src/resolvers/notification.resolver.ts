import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import { Notification } from '../entities/notification.entity';
import { assertPageSize } from '../common/cursor';
import { notFound } from '../errors/app-errors';
import { authorize } from '../auth/authority';
import { notificationResource } from '../auth/resources';
import { MarkNotificationReadInput, NotificationType } from '../schema/notification.type';

@Resolver(() => NotificationType)
export class NotificationResolver {
  @Query(() => [NotificationType], { description: "The viewer's notifications, newest first (empty for the public)." })
  async myNotifications(
    @Ctx() ctx: RequestContext,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false, description: 'Only unread ones.' }) unreadOnly: boolean,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many, 1–100.' }) first: number,
  ): Promise<NotificationType[]> {
    assertPageSize(ctx, first);
    const personIds = ctx.viewer.people.map((p) => p.id);
    if (personIds.length === 0) return [];
    const rows = await ctx.em.find(
      Notification,
      { personId: { $in: personIds }, ...(unreadOnly ? { readAt: null } : {}) },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first },
    );
    return rows.map((n) => NotificationType.from(n, ctx.locale));
  }

  @Mutation(() => NotificationType, { description: 'Marks one of the viewer\'s notifications read.' })
  async markNotificationRead(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => MarkNotificationReadInput, { description: 'What to do; see the input type.' }) input: MarkNotificationReadInput,
  ): Promise<NotificationType> {
    const n = await ctx.em.transactional(async (em) => {
      const row = await em.findOne(Notification, { id: input.id });
      if (!row) throw notFound(ctx.locale, 'Notification', input.id);
      authorize(ctx, 'notification.markRead', notificationResource(row), 'Notification', input.id);
      row.readAt ??= ctx.now;
      await em.flush();
      return row;
    });
    return NotificationType.from(n, ctx.locale);
  }
}
