import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { NotificationKind } from '../domain/notifications';
import type { Text } from '../i18n/locale';

/** A notice waiting to be dispatched: what happened, to whom, in both languages. */
export interface OutboxMessage {
  kind: NotificationKind;
  subjectId: string;
  title: Text;
  /** More than the title says (an invitation's date, time and place). */
  body?: Text;
  recipients: string[];
}

/** An outbox row not yet dispatched. */
export interface PendingOutboxRow {
  area_id: string;
  id: string;
  payload: OutboxMessage;
  /** When the change that wrote it happened (its transaction's start): the notice is dated by it, not by its dispatch. */
  created_at: Date;
}

/** Writes a message within `em`'s transaction; a `dedupeKey` already written in the area writes nothing. */
export async function insertOutboxMessage(em: EntityManager, areaId: string, message: OutboxMessage, dedupeKey: string | null): Promise<void> {
  await em.getConnection().execute(
    `insert into outbox (area_id, kind, payload, dedupe_key) values (?, ?, ?, ?) on conflict do nothing`,
    [areaId, message.kind, JSON.stringify(message), dedupeKey],
    'run',
    em.getTransactionContext(),
  );
}

/**
 * Takes up to `batch` undispatched rows for `tx` (SKIP LOCKED: rows another process is dispatching
 * are passed over), and for each writes a notification per recipient who is not erased — dated when
 * the change that wrote the row happened, to the millisecond (a page cursor carries it) — and
 * marks it dispatched, in `tx`.
 */
export async function dispatchOutboxRows(tx: EntityManager, batch: number): Promise<number> {
  const conn = tx.getConnection();
  const trx: unknown = tx.getTransactionContext();
  const rows = await conn.execute<PendingOutboxRow[]>(
    `select area_id, id, payload, created_at from outbox where dispatched_at is null order by id limit ? for update skip locked`,
    [batch],
    'all',
    trx,
  );
  for (const row of rows) {
    const m = row.payload;
    for (const personId of new Set(m.recipients)) {
      await conn.execute(
        `insert into notification (area_id, id, person_id, kind, title_cs, title_en, body_cs, body_en, subject_id, outbox_id, created_at)
         select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, date_trunc('milliseconds', ?::timestamptz) where exists (select 1 from person where area_id = ? and id = ? and erased_at is null)
         on conflict do nothing`,
        [row.area_id, randomUUID(), personId, m.kind, m.title.cs, m.title.en, m.body?.cs ?? null, m.body?.en ?? null, m.subjectId, row.id, row.created_at, row.area_id, personId],
        'run',
        trx,
      );
    }
    await conn.execute(`update outbox set dispatched_at = now() where area_id = ? and id = ?`, [row.area_id, row.id], 'run', trx);
  }
  return rows.length;
}
