import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A digest of every row of every table of the service: equal before and after means nothing was
 * written. Left out: the migrations' bookkeeping, and the rate limiter's counters, which count
 * every attempt (refused ones too) by design.
 */
export async function dbFingerprint(em: EntityManager): Promise<Record<string, string>> {
  const conn = em.getConnection();
  const tables = await conn.execute<Array<{ name: string }>>(
    `select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('mikro_orm_migrations', 'rate_limit_window')
      order by table_name`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = await conn.execute<Array<{ digest: string | null; n: string }>>(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest, count(*) as n from "${name}" t`,
    );
    result[name] = `${rows[0]?.n}:${rows[0]?.digest}`;
  }
  return result;
}

let fingerprintSql: string | undefined;

/**
 * The same digest in one statement (the table list is read once per process): for tests that
 * compare the whole database around hundreds of refused requests.
 */
export async function fastFingerprint(em: EntityManager): Promise<Record<string, string>> {
  const conn = em.getConnection();
  if (!fingerprintSql) {
    const tables = await conn.execute<Array<{ name: string }>>(
      `select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('mikro_orm_migrations', 'rate_limit_window')
        order by table_name`,
    );
    fingerprintSql = tables
      .map(({ name }) => `select '${name}' as name, count(*) || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${name}" t`)
      .join(' union all ');
  }
  const rows = await conn.execute<Array<{ name: string; digest: string }>>(fingerprintSql);
  return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
}
