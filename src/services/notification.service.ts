import type { RequestContext } from '../context';
import { cutPage, decodedCursor, decodeTimeCursor, encodeCursor, pageRequest, type Page, type PageArgs } from '../common/cursor';
import { countNotifications, markNotificationsRead, notificationPage, ownNotification } from '../data/notifications';
import { Notification } from '../entities/notification.entity';
import { notFound } from '../errors/app-errors';
import { authorize } from '../auth/authority';
import { notificationResource } from '../auth/resources';

/** A page of the viewer's inbox; the counts are statements of their own, run only when asked for. */
export interface InboxPage extends Page<Notification> {
  totalCount(): Promise<number>;
  unreadCount(): Promise<number>;
}

/** A person's notifications: each reads and marks only their own (all the people records of their login, in every area). */
export class NotificationService {
  /** A page of the viewer's notifications, newest first (none for the public). */
  async inbox(ctx: RequestContext, unreadOnly: boolean, args: PageArgs): Promise<InboxPage> {
    const request = pageRequest(ctx, args);
    const cursor = decodedCursor(request, (c, field) => decodeTimeCursor(ctx, c, field));
    const personIds = ctx.viewer.people.map((p) => p.id);
    if (personIds.length === 0) return { ...cutPage(request, []), totalCount: () => Promise.resolve(0), unreadCount: () => Promise.resolve(0) };
    const rows = await notificationPage(ctx.em, personIds, unreadOnly, request, cursor);
    return {
      ...cutPage(request, rows),
      totalCount: () => countNotifications(ctx.em, personIds, unreadOnly),
      unreadCount: () => countNotifications(ctx.em, personIds, true),
    };
  }

  /** One of the viewer's own notifications (NOT_FOUND for anyone else's, as if it did not exist). */
  async own(ctx: RequestContext, id: string): Promise<Notification> {
    authorize(ctx, 'notification.read', { areaId: null }, 'Notification', id);
    const personIds = ctx.viewer.people.map((p) => p.id);
    const row = personIds.length > 0 ? await ownNotification(ctx.em, personIds, id) : null;
    if (!row) throw notFound(ctx.locale, 'Notification', id);
    return row;
  }

  static cursor(n: Notification): string {
    return encodeCursor([n.createdAt.toISOString(), n.id]);
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

  /** Marks every unread notification of the viewer read; how many it marked (0 when none were unread). */
  async markAllRead(ctx: RequestContext): Promise<number> {
    authorize(ctx, 'notification.markAllRead', { areaId: null }, 'Notification');
    const personIds = ctx.viewer.people.map((p) => p.id);
    if (personIds.length === 0) return 0;
    return ctx.em.transactional((em) => markNotificationsRead(em, personIds, ctx.now));
  }
}
