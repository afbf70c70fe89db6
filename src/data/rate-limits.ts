import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Adds `hits` to the window of `bucket` starting at `windowStart` (a row shared by every service
 * process, upserted outside any transaction so that refused attempts count too); returns the
 * window's hits so far.
 */
export async function addHits(em: EntityManager, bucket: string, windowStart: Date, hits: number): Promise<number> {
  const [row] = await em.getConnection().execute<Array<{ hits: number }>>(
    `insert into rate_limit_window (bucket, window_start, hits) values (?, ?, ?)
     on conflict (bucket, window_start) do update set hits = rate_limit_window.hits + excluded.hits
     returning hits`,
    [bucket, windowStart, hits],
  );
  return row.hits;
}

/** Drops windows that started before `before`. */
export async function dropWindowsBefore(em: EntityManager, before: Date): Promise<void> {
  await em.getConnection().execute('delete from rate_limit_window where window_start < ?', [before], 'run');
}
