import type { RequestContext } from '../context';
import { feedSecretHash, newFeedSecret } from '../auth/calendar-feed-secret';
import { CalendarFeed } from '../entities/calendar-feed.entity';
import { Person } from '../entities/person.entity';
import { conflict, notFound, requireId } from '../errors/app-errors';
import { authorize } from '../auth/authority';
import { personResource } from '../auth/resources';
import { lockPerson } from '../data/people';

/** Active links one person may hold: one per device or application is plenty, and a leak stays countable. */
export const MAX_ACTIVE_CALENDAR_FEEDS = 10;

export interface IssuedCalendarFeed {
  feed: CalendarFeed;
  secret: string;
  url: string;
  bodyUrlTemplate: string;
}

/**
 * Calendar feed links: each person issues, lists and revokes their own. Several may be active at
 * once (one per device or application), so that revoking the one a lost phone held leaves the
 * office calendar working.
 */
export class CalendarFeedService {
  async issue(ctx: RequestContext, input: { personId: string; label: string }): Promise<IssuedCalendarFeed> {
    requireId(ctx.locale, 'personId', input.personId);
    const person = await ctx.em.findOne(Person, { id: input.personId });
    if (!person) throw notFound(ctx.locale, 'Person', input.personId);
    authorize(ctx, 'calendarFeed.issue', personResource(person), 'Person', input.personId);
    const secret = newFeedSecret();
    const feed = await ctx.em.transactional(async (em) => {
      // The person's row is locked, as erasure locks it: the limit holds under concurrent requests,
      // and no link is issued to a person being erased.
      const locked = await lockPerson(em, person.areaId, person.id);
      if (!locked || locked.erased) throw notFound(ctx.locale, 'Person', person.id);
      const active = await em.count(CalendarFeed, { areaId: person.areaId, personId: person.id, revokedAt: null });
      if (active >= MAX_ACTIVE_CALENDAR_FEEDS) {
        throw conflict(ctx.locale, {
          cs: `Aktivních odkazů pro kalendář může být nejvýše ${MAX_ACTIVE_CALENDAR_FEEDS}; nejprve některý zrušte.`,
          en: `At most ${MAX_ACTIVE_CALENDAR_FEEDS} calendar feed links may be active; revoke one first.`,
        });
      }
      const row = em.create(CalendarFeed, { areaId: person.areaId, personId: person.id, label: input.label, secretSha256: feedSecretHash(secret) });
      await em.flush();
      return row;
    });
    const base = `${ctx.publicBaseUrl}/calendar`;
    return { feed, secret, url: `${base}/me.ics?feed=${secret}`, bodyUrlTemplate: `${base}/{bodyId}.ics?feed=${secret}` };
  }

  /** Stops a link from working, for good; revoking it again changes nothing. Only its person. */
  async revoke(ctx: RequestContext, id: string): Promise<CalendarFeed> {
    requireId(ctx.locale, 'calendarFeedId', id);
    return ctx.em.transactional(async (em) => {
      const feed = await em.findOne(CalendarFeed, { id });
      if (!feed) throw notFound(ctx.locale, 'CalendarFeed', id);
      // Another person's link is not there for the viewer, whoever they are (the action is hidden).
      authorize(ctx, 'calendarFeed.revoke', personResource({ id: feed.personId, areaId: feed.areaId }), 'CalendarFeed', id);
      feed.revokedAt ??= ctx.now;
      await em.flush();
      return feed;
    });
  }

  /** The viewer's links that still work, newest first (none for the public). */
  async mine(ctx: RequestContext): Promise<CalendarFeed[]> {
    const personIds = ctx.viewer.people.map((p) => p.id);
    if (personIds.length === 0) return [];
    return ctx.em.find(CalendarFeed, { personId: { $in: personIds }, revokedAt: null }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }
}
