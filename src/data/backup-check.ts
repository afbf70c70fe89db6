import type { EntityManager } from '@mikro-orm/postgresql';
import { ProposalPhase } from '../domain/enums';
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

/**
 * Checks every proposal's history, a few hundred proposals at a time: its hash chain from entry 1
 * without a gap, and that it is whole — the proposal stands where its newest entry took it, and a
 * proposal with no entry at all is still a draft. (A chain verifies on its own even when its newest
 * entries are lost; the proposal's own state tells.) A broken one is named with the first entry that
 * is wrong or missing.
 */
export async function checkEveryHistory(em: EntityManager, batch = 500): Promise<HistoriesChecked> {
  const result: HistoriesChecked = { proposals: 0, events: 0, broken: [] };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const proposals = await em
      .getConnection()
      .execute<Array<{ id: string; state: string; phase: ProposalPhase }>>('select id, state, phase from proposal where id > ? order by id limit ?', [after, batch]);
    if (proposals.length === 0) return result;
    const events = await em.fork().find(WorkflowEvent, { proposalId: { $in: proposals.map((r) => r.id) } }, { orderBy: { proposalId: 'asc', seq: 'asc' } });
    const byProposal = new Map<string, WorkflowEvent[]>(proposals.map((r) => [r.id, []]));
    for (const e of events) byProposal.get(e.proposalId)?.push(e);
    for (const p of proposals) {
      const history = byProposal.get(p.id) ?? [];
      const newest = history.at(-1);
      const broken = firstBrokenLink(history) ?? (newest ? (newest.toState === p.state ? null : newest.seq + 1) : p.phase === ProposalPhase.DRAFT ? null : 1);
      if (broken !== null) result.broken.push({ proposalId: p.id, firstBrokenSeq: broken });
      result.events += history.length;
    }
    result.proposals += proposals.length;
    after = proposals[proposals.length - 1].id;
  }
}
