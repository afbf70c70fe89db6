import type { EntityManager } from '@mikro-orm/postgresql';
import type { CalendarFeed } from '../entities/calendar-feed.entity';

/** Marks a feed used now; kept to the hour (a calendar polls every few minutes), so most calls write nothing. */
export async function touchCalendarFeed(em: EntityManager, feed: Pick<CalendarFeed, 'areaId' | 'id'>): Promise<void> {
  await em
    .getConnection()
    .execute(`update calendar_feed set last_used_at = now() where area_id = ? and id = ? and (last_used_at is null or last_used_at < now() - interval '1 hour')`, [feed.areaId, feed.id]);
}
