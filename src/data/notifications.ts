import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { keysetFilter, readingOrder, type PageRequest } from '../common/cursor';
import { Notification } from '../entities/notification.entity';

/** A notification claimed for e-mailing, with its person's address. */
export interface ClaimedNotification {
  area_id: string;
  id: string;
  email_attempts: number;
  email: string | null;
  title_cs: string;
  title_en: string;
}

/** What became of an attempt to e-mail a notification. */
export type EmailSettlement = 'emailed_at' | 'email_failed_at' | 'email_retry_at';

/**
 * Claims up to `batch` notifications due for e-mailing at `now` (SKIP LOCKED), counting the attempt
 * and holding each until `leaseUntil`, in one statement.
 */
export function claimNotificationsToEmail(em: EntityManager, now: Date, leaseUntil: Date, batch: number): Promise<ClaimedNotification[]> {
  return em.getConnection().execute<ClaimedNotification[]>(
    `update notification n set email_attempts = n.email_attempts + 1, email_retry_at = ?
       from person p
      where p.area_id = n.area_id and p.id = n.person_id
        and (n.area_id, n.id) in (
          select area_id, id from notification
           where emailed_at is null and email_failed_at is null and (email_retry_at is null or email_retry_at <= ?)
           order by created_at limit ? for update skip locked)
     returning n.area_id, n.id, n.email_attempts, p.email, n.title_cs, n.title_en`,
    [leaseUntil, now, batch],
  );
}

/** Records at `at` that a claimed notification was e-mailed, given up, or is to be tried again. */
export async function settleNotificationEmail(em: EntityManager, n: { area_id: string; id: string }, column: EmailSettlement, at: Date): Promise<void> {
  await em.getConnection().execute(`update notification set ${column} = ? where area_id = ? and id = ?`, [at, n.area_id, n.id], 'run');
}

/** Which of a person's notifications: all or the unread ones. */
const ofPeople = (personIds: string[], unreadOnly: boolean): FilterQuery<Notification> => ({ personId: { $in: personIds }, ...(unreadOnly ? { readAt: null } : {}) });

/** The order of the inbox: newest first. */
const INBOX_ORDER = 'desc';

/**
 * The rows of a page of these people's notifications (newest first), read in the page's reading
 * order beyond its cursor ([createdAt, id]); one more than the page's size tells whether more lie
 * beyond (`cutPage`).
 */
export function notificationPage(em: EntityManager, personIds: string[], unreadOnly: boolean, request: PageRequest, cursor: [Date, string] | null): Promise<Notification[]> {
  const and: Array<FilterQuery<Notification>> = [ofPeople(personIds, unreadOnly)];
  if (cursor) and.push(keysetFilter(request, INBOX_ORDER, 'createdAt', cursor));
  const { order } = readingOrder(request, INBOX_ORDER);
  return em.find(Notification, { $and: and }, { orderBy: { createdAt: order, id: order }, limit: request.size + 1 });
}

/** How many notifications these people have (only the unread ones with `unreadOnly`). */
export function countNotifications(em: EntityManager, personIds: string[], unreadOnly: boolean): Promise<number> {
  return em.count(Notification, ofPeople(personIds, unreadOnly));
}

/** Marks every unread notification of these people read at `at`; how many it marked. */
export function markNotificationsRead(em: EntityManager, personIds: string[], at: Date): Promise<number> {
  return em.nativeUpdate(Notification, ofPeople(personIds, true), { readAt: at });
}

/** One notification, if it is addressed to one of `personIds`. */
export function ownNotification(em: EntityManager, personIds: string[], id: string): Promise<Notification | null> {
  return em.findOne(Notification, { id, personId: { $in: personIds } });
}
