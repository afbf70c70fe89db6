import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowEvent } from '../entities/workflow-event.entity';

/**
 * The statements of an area's decision history for a period (src/services/decision-history.service.ts):
 * the proposals that moved in it and their histories. A period is a half-open range of instants
 * [`start`, `end`); `visible` is the policy's read rule of proposals as SQL over the alias `p`.
 */

export interface HistoryProposalRow {
  id: string;
  kind: string;
  title: string;
  working_group_id: string;
  author_id: string;
  workflow_key: string;
  workflow_version: number;
  created_at: Date;
}

function rows<T>(em: EntityManager, query: string, params: unknown[]): Promise<T[]> {
  return em.getConnection().execute<T[]>(query, params, 'all', em.getTransactionContext());
}

/** The proposals of the area the viewer may read with at least one event in the period, oldest first. */
export function proposalsMovedIn(em: EntityManager, areaId: string, start: Date, end: Date, visible: { sql: string; params: unknown[] }): Promise<HistoryProposalRow[]> {
  return rows<HistoryProposalRow>(
    em,
    `select p.id, p.kind, p.title, p.working_group_id, p.author_id, p.workflow_key, p.workflow_version, p.created_at
       from proposal p
      where p.area_id = ?
        and exists (select 1 from workflow_event e where e.area_id = p.area_id and e.proposal_id = p.id and e.occurred_at >= ? and e.occurred_at < ?)
        and ${visible.sql}
      order by p.created_at, p.id`,
    [areaId, start, end, ...visible.params],
  );
}

/**
 * The last event of each proposal recorded before `end`: its history is exported from the first
 * event up to it, a whole chain an auditor verifies from its start. Chosen by seq, not by time, so
 * that no link is skipped should two events' times and order ever disagree.
 */
const LAST_BEFORE_END = `select proposal_id, max(seq) as last from workflow_event
  where area_id = ? and proposal_id = any(?::uuid[]) and occurred_at < ? group by proposal_id`;

/** How many events the histories of these proposals hold up to `end`. */
export async function countHistoryEvents(em: EntityManager, areaId: string, proposalIds: readonly string[], end: Date): Promise<number> {
  if (proposalIds.length === 0) return 0;
  const [row] = await rows<{ count: string }>(
    em,
    `select count(*) as count from workflow_event e join (${LAST_BEFORE_END}) l on l.proposal_id = e.proposal_id and e.seq <= l.last where e.area_id = ?`,
    [areaId, `{${proposalIds.join(',')}}`, end, areaId],
  );
  return Number(row?.count ?? 0);
}

/** The histories of these proposals from their first event up to the last before `end`, by proposal and seq. */
export async function historyEvents(em: EntityManager, areaId: string, proposalIds: readonly string[], end: Date): Promise<WorkflowEvent[]> {
  if (proposalIds.length === 0) return [];
  const found = await rows<Record<string, unknown>>(
    em,
    `select e.* from workflow_event e join (${LAST_BEFORE_END}) l on l.proposal_id = e.proposal_id and e.seq <= l.last
      where e.area_id = ? order by e.proposal_id, e.seq`,
    [areaId, `{${proposalIds.join(',')}}`, end, areaId],
  );
  return found.map((row) => em.map(WorkflowEvent, row));
}
