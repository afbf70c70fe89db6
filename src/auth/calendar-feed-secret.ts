import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { touchCalendarFeed } from '../data/calendar-feeds';
import { CalendarFeed } from '../entities/calendar-feed.entity';
import { Person } from '../entities/person.entity';
import { Viewer } from './viewer';
import { loadViewer } from './viewer-loader';

/**
 * Calendar feed secrets: `kal_` and 256 random bits in base64url. The prefix lets secret scanners
 * and people tell them from API tokens; having no dots, a secret never has the shape of a bearer JWT,
 * so no other endpoint takes it.
 */
const PREFIX = 'kal_';
const SECRET = /^kal_[A-Za-z0-9_-]{43}$/;

export function newFeedSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What is stored of a secret: its SHA-256 in hex (the secret is random, so no salt or stretching is needed). */
export function feedSecretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * The viewer a feed secret stands for on `day`: the person who holds it, with that person's roles and
 * seats of the day and nothing more — no other area the same login reaches, no global admin rights.
 * So the feed shows what the person may see today, and stops with the seat. Null for a malformed,
 * unknown or revoked secret, and for a person who can no longer sign in (erased, or without a subject).
 */
export async function loadFeedViewer(em: EntityManager, secret: string, day: string): Promise<Viewer | null> {
  if (!SECRET.test(secret)) return null;
  const feed = await em.findOne(CalendarFeed, { secretSha256: feedSecretHash(secret), revokedAt: null });
  if (!feed) return null;
  const person = await em.findOne(Person, { id: feed.personId, areaId: feed.areaId });
  if (!person?.subject || person.erasedAt) return null;
  const full = await loadViewer(em, person.subject, day);
  // A calendar polls every few minutes: "last used" is kept to the hour, without a write each time.
  await touchCalendarFeed(em, feed);
  return new Viewer(
    full.subject,
    false,
    full.people.filter((p) => p.id === person.id),
    full.areaRoles.filter((r) => r.person.id === person.id),
    full.memberships.filter((m) => m.person.id === person.id),
  );
}
