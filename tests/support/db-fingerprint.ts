import type { EntityManager } from '@mikro-orm/postgresql';

const TABLES = ['planning_area', 'global_admin', 'municipality', 'person', 'area_role', 'body', 'membership', 'proposal', 'workflow_event'];

/** A digest of every row of every table: equal before and after means nothing was written. */
export async function dbFingerprint(em: EntityManager): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of TABLES) {
    const rows = await em.getConnection().execute<Array<{ digest: string | null; n: string }>>(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest, count(*) as n from ${table} t`,
    );
    result[table] = `${rows[0]?.n}:${rows[0]?.digest}`;
  }
  return result;
}
