import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * What erasure does to the rows of a table that refer to the erased person:
 * - KEEP: the row stays as it is; it refers to the person by id only, and the API shows a deleted person;
 * - REVOKE_ROLE: current area roles are revoked (the rows stay: that the role was held is a record);
 * - END_SEAT: current seats end today, seats that have not started yet are removed (held seats stay);
 * - DELETE: the rows go (they are about the person and record nothing of the area's decisions).
 */
export type ErasureAction = 'KEEP' | 'REVOKE_ROLE' | 'END_SEAT' | 'DELETE';

/** A table whose columns refer to a person, with what erasure does to its rows and why. */
export interface PersonReference {
  table: string;
  /** The columns holding a person id (the foreign keys to `person`, besides `area_id`). */
  columns: readonly string[];
  onErase: ErasureAction;
  why: string;
  /** Columns the export leaves out (document contents, secrets' hashes): the metadata is the data about the person. */
  omit?: readonly string[];
  /** Order of the exported rows. */
  orderBy: string;
}

type Row = Record<string, unknown>;

/** Raw SQL within the entity manager's transaction (if any). Table and column names come from the references only. */
function rawSql<T = Row>(em: EntityManager, query: string, params: unknown[]): Promise<T[]> {
  return em.getConnection().execute<T[]>(query, params, 'all', em.getTransactionContext());
}

/** Locks the area's admin roles not revoked (in id order) until `em`'s transaction ends: whose they are and whether they hold on `today`. */
export function lockAreaAdmins(em: EntityManager, areaId: string, today: string): Promise<Array<{ person_id: string; current: boolean }>> {
  return rawSql(
    em,
    `select person_id, (valid_from <= ?::date and (valid_to is null or valid_to >= ?::date)) as current
       from area_role where area_id = ? and role = 'ADMIN' and revoked_at is null order by id for update`,
    [today, today, areaId],
  );
}

/** Does to the rows of `ref` that refer to the person what erasure does to them (`now` and `today` end roles and seats). */
export async function eraseReferences(em: EntityManager, ref: Pick<PersonReference, 'table' | 'columns' | 'onErase'>, areaId: string, personId: string, now: Date, today: string): Promise<void> {
  const column = ref.columns[0];
  switch (ref.onErase) {
    case 'KEEP':
      return;
    case 'DELETE':
      await rawSql(em, `delete from ${ref.table} where area_id = ? and ${column} = ?`, [areaId, personId]);
      return;
    case 'REVOKE_ROLE':
      await rawSql(em, `update ${ref.table} set revoked_at = ?, updated_at = now() where area_id = ? and ${column} = ? and revoked_at is null`, [now, areaId, personId]);
      return;
    case 'END_SEAT':
      await rawSql(em, `delete from ${ref.table} where area_id = ? and ${column} = ? and valid_from > ?::date`, [areaId, personId, today]);
      await rawSql(
        em,
        `update ${ref.table} set valid_to = ?::date, updated_at = now() where area_id = ? and ${column} = ? and (valid_to is null or valid_to > ?::date)`,
        [today, areaId, personId, today],
      );
      return;
  }
}

/** Strikes the person's id from the recipients of the area's outbox messages, pending and dispatched. */
export async function strikeFromOutbox(em: EntityManager, areaId: string, personId: string): Promise<void> {
  await rawSql(
    em,
    `update outbox set payload = jsonb_set(payload, '{recipients}', coalesce(
        (select jsonb_agg(r) from jsonb_array_elements(payload -> 'recipients') r where r <> to_jsonb(?::text)), '[]'::jsonb))
      where area_id = ? and payload -> 'recipients' @> jsonb_build_array(?::text)`,
    [personId, areaId, personId],
  );
}

/** Records an erasure: whom, by which person of the area (or, for a global admin, which subject), when. */
export async function insertErasure(em: EntityManager, e: { areaId: string; personId: string; byPersonId: string | null; bySubject: string | null; at: Date }): Promise<void> {
  await rawSql(
    em,
    `insert into person_erasure (area_id, id, person_id, erased_by_id, erased_by_subject, erased_at) values (?, ?, ?, ?, ?, ?)`,
    [e.areaId, randomUUID(), e.personId, e.byPersonId, e.bySubject, e.at],
  );
}

/** The person's row as JSON (null when there is none). */
export async function personRowJson(em: EntityManager, areaId: string, personId: string): Promise<Row | null> {
  const [found] = await rawSql<{ row: Row }>(em, `select to_jsonb(p) as row from person p where area_id = ? and id = ?`, [areaId, personId]);
  return found?.row ?? null;
}

/** The rows of `ref` that refer to the person, as JSON without the omitted columns, in the reference's order. */
export async function referringRowsJson(em: EntityManager, ref: Pick<PersonReference, 'table' | 'columns' | 'omit' | 'orderBy'>, areaId: string, personId: string): Promise<Row[]> {
  const omit = (ref.omit ?? []).map((c) => ` - '${c}'`).join('');
  const rows = await rawSql<{ row: Row }>(
    em,
    `select to_jsonb(t)${omit} as row from ${ref.table} t where t.area_id = ? and (${ref.columns.map((c) => `t.${c} = ?`).join(' or ')}) order by ${ref.orderBy}`,
    [areaId, ...ref.columns.map(() => personId)],
  );
  return rows.map((r) => r.row);
}

/** The area's outbox messages addressed to the person, as JSON. */
export async function outboxRowsJson(em: EntityManager, areaId: string, personId: string): Promise<Row[]> {
  const rows = await rawSql<{ row: Row }>(
    em,
    `select to_jsonb(o) as row from outbox o where area_id = ? and payload -> 'recipients' @> jsonb_build_array(?::text) order by id`,
    [areaId, personId],
  );
  return rows.map((r) => r.row);
}
