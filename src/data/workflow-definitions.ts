import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkflowDefinition } from '../workflows/workflow-definition';

/** A published version of a workflow definition as stored. */
export interface PublishedWorkflow {
  key: string;
  version: number;
  /** Null for a template. */
  areaId: string | null;
  definition: WorkflowDefinition;
  /** Order of publication. */
  seq: number;
}

interface Row {
  key: string;
  version: number;
  area_id: string | null;
  definition: WorkflowDefinition;
  seq: string;
}

const toPublished = (r: Row): PublishedWorkflow => ({ key: r.key, version: r.version, areaId: r.area_id, definition: r.definition, seq: Number(r.seq) });

const run = (em: EntityManager, sql: string, params: unknown[]): Promise<Row[]> => em.getConnection().execute<Row[]>(sql, params, 'all', em.getTransactionContext());

/** Every version published after `seq` (all of them from 0), in the order published. */
export async function publishedSince(em: EntityManager, seq: number): Promise<PublishedWorkflow[]> {
  const rows = await run(em, 'select key, version, area_id, definition, seq from workflow_definition where seq > ? order by seq', [seq]);
  return rows.map(toPublished);
}

/** One published version, or null. */
export async function publishedVersion(em: EntityManager, key: string, version: number): Promise<PublishedWorkflow | null> {
  const [row] = await run(em, 'select key, version, area_id, definition, seq from workflow_definition where key = ? and version = ?', [key, version]);
  return row ? toPublished(row) : null;
}

/** The newest published version of a key, or null when the key has none. */
export async function newestVersion(em: EntityManager, key: string): Promise<PublishedWorkflow | null> {
  const [row] = await run(em, 'select key, version, area_id, definition, seq from workflow_definition where key = ? order by version desc limit 1', [key]);
  return row ? toPublished(row) : null;
}

/**
 * Who a key belongs to, by its published versions or else its drafts: `{ areaId }` (null for a
 * template), or null for a key nobody uses yet.
 */
export async function keyOwner(em: EntityManager, key: string): Promise<{ areaId: string | null } | null> {
  const [row] = await em.getConnection().execute<Array<{ area_id: string | null }>>(
    `select area_id from (select area_id, 0 as pref from workflow_definition where key = ?
                          union all select area_id, 1 from workflow_draft where key = ?) k order by pref limit 1`,
    [key, key],
    'all',
    em.getTransactionContext(),
  );
  return row ? { areaId: row.area_id } : null;
}

/** Key of the advisory lock that runs publications and new keys one at a time (an arbitrary constant of this service). */
const PUBLICATION_LOCK = 7_203_317_041;

/**
 * Runs publications and the claiming of new keys one at a time, until the transaction ends: so a
 * key is claimed by one area only, versions are numbered one by one, and publications commit in the
 * order of their `seq` (a process catching up by `seq` misses none). Publications are rare.
 */
export async function lockPublications(em: EntityManager): Promise<void> {
  await em.getConnection().execute('select pg_advisory_xact_lock(?)', [PUBLICATION_LOCK], 'all', em.getTransactionContext());
}
