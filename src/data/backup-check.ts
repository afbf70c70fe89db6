import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowEvent } from '../entities/workflow-event.entity';
import { firstBrokenLink } from '../workflows/history-hash';

/** One table's contents in short: its row count and a digest of its rows in a fixed order. */
export interface TableFingerprint {
  table: string;
  rows: number;
  digest: string;
}

/**
 * Every table of the service's schema with its row count and an MD5 of its rows (each row's text
 * form hashed, the hashes sorted and hashed again): two databases with the same fingerprints hold
 * the same rows. Read with the service stopped, or the figures move under the reader.
 */
export async function tableFingerprints(em: EntityManager): Promise<TableFingerprint[]> {
  const tables = await em.getConnection().execute<Array<{ table_name: string }>>(
    `select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  );
  const found: TableFingerprint[] = [];
  for (const { table_name: table } of tables) {
    const quoted = `"${table.replace(/"/g, '""')}"`;
    const [row] = await em.getConnection().execute<Array<{ rows: number; digest: string }>>(
      `select count(*)::int as rows, md5(coalesce(string_agg(h, '' order by h), '')) as digest
         from (select md5(t::text) as h from ${quoted} t) hashed`,
    );
    found.push({ table, rows: row.rows, digest: row.digest });
  }
  return found;
}

/** What checking every proposal's history found: how many, and the proposals whose chain is broken. */
export interface HistoriesChecked {
  proposals: number;
  events: number;
  broken: Array<{ proposalId: string; firstBrokenSeq: number }>;
}

/** Checks the hash chain of every proposal's history, a few hundred proposals at a time. */
export async function checkEveryHistory(em: EntityManager, batch = 500): Promise<HistoriesChecked> {
  const result: HistoriesChecked = { proposals: 0, events: 0, broken: [] };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const ids = await em.getConnection().execute<Array<{ id: string }>>('select id from proposal where id > ? order by id limit ?', [after, batch]);
    if (ids.length === 0) return result;
    const events = await em.fork().find(WorkflowEvent, { proposalId: { $in: ids.map((r) => r.id) } }, { orderBy: { proposalId: 'asc', seq: 'asc' } });
    const byProposal = new Map<string, WorkflowEvent[]>(ids.map((r) => [r.id, []]));
    for (const e of events) byProposal.get(e.proposalId)?.push(e);
    for (const [proposalId, history] of byProposal) {
      const broken = firstBrokenLink(history);
      if (broken !== null) result.broken.push({ proposalId, firstBrokenSeq: broken });
      result.events += history.length;
    }
    result.proposals += ids.length;
    after = ids[ids.length - 1].id;
  }
}
