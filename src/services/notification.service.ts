import type { RequestContext } from '../context';
import { assertPageSize } from '../common/cursor';
import { notificationsOf } from '../data/notifications';
import { Notification } from '../entities/notification.entity';
import { notFound } from '../errors/app-errors';
import { authorize } from '../auth/authority';
import { notificationResource } from '../auth/resources';

/** A person's notifications: each reads and marks only their own. */
export class NotificationService {
  /** The viewer's notifications, newest first (none for the public). */
  async mine(ctx: RequestContext, unreadOnly: boolean, first: number): Promise<Notification[]> {
    assertPageSize(ctx, first);
    const personIds = ctx.viewer.people.map((p) => p.id);
    if (personIds.length === 0) return [];
    return notificationsOf(ctx.em, personIds, unreadOnly, first);
  }

  /** Marks one of the viewer's notifications read; reading it again changes nothing. */
  async markRead(ctx: RequestContext, id: string): Promise<Notification> {
    return ctx.em.transactional(async (em) => {
      const row = await em.findOne(Notification, { id });
      if (!row) throw notFound(ctx.locale, 'Notification', id);
      authorize(ctx, 'notification.markRead', notificationResource(row), 'Notification', id);
      row.readAt ??= ctx.now;
      await em.flush();
      return row;
    });
  }
}
