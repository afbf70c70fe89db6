import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { addHits, dropWindowsBefore } from '../data/rate-limits';

/** A limit: at most `max` hits per window of `windowSeconds`. */
export interface RateLimit {
  max: number;
  windowSeconds: number;
}

/** A client's address as a bucket key: hashed, so the counters do not hold addresses. */
export function clientKey(address: string): string {
  return createHash('sha256').update(address).digest('base64url').slice(0, 22);
}

/**
 * Counts `hits` (one by default) in a fixed window shared by every service process (a row in
 * PostgreSQL, upserted outside the caller's transaction so that refused attempts count too).
 * Returns null when within the limit, or the seconds until the window ends.
 */
export async function hitRateLimit(em: EntityManager, bucket: string, limit: RateLimit, now: Date, hits = 1): Promise<number | null> {
  const windowMillis = limit.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMillis) * windowMillis);
  const hitsSoFar = await addHits(em, bucket, windowStart, hits);
  if (hitsSoFar <= limit.max) return null;
  return Math.max(1, Math.ceil((windowStart.getTime() + windowMillis - now.getTime()) / 1000));
}

/** Drops windows that ended more than a day ago. */
export async function pruneRateLimits(em: EntityManager, now: Date): Promise<void> {
  await dropWindowsBefore(em, new Date(now.getTime() - 86_400_000));
}
