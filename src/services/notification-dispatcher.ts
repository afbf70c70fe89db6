import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../db/orm';
import type { Logger } from '../logger';
import type { OutboxMessage } from './outbox';

/** Sends one e-mail; absent when no SMTP is configured. */
export interface Mailer {
  send(to: string, subject: string, text: string): Promise<void>;
}

/**
 * Turns pending outbox rows into per-person notifications. Rows are taken with SKIP LOCKED and
 * marked in the same transaction, so any number of processes dispatch each exactly once.
 */
export async function dispatchOutbox(orm: Orm, batch = 100): Promise<number> {
  const em = orm.em.fork();
  return em.transactional(async (tx: EntityManager) => {
    const conn = tx.getConnection();
    const trx: unknown = tx.getTransactionContext();
    const rows = await conn.execute<Array<{ area_id: string; id: string; payload: OutboxMessage }>>(
      `select area_id, id, payload from outbox where dispatched_at is null order by id limit ? for update skip locked`,
      [batch],
      'all',
      trx,
    );
    for (const row of rows) {
      const m = row.payload;
      for (const personId of new Set(m.recipients)) {
        await conn.execute(
          `insert into notification (area_id, id, person_id, kind, title_cs, title_en, subject_id, outbox_id)
           select ?, ?, ?, ?, ?, ?, ?, ? where exists (select 1 from person where area_id = ? and id = ? and erased_at is null)
           on conflict do nothing`,
          [row.area_id, randomUUID(), personId, m.kind, m.title.cs, m.title.en, m.subjectId, row.id, row.area_id, personId],
          'run',
          trx,
        );
      }
      await conn.execute(`update outbox set dispatched_at = now() where area_id = ? and id = ?`, [row.area_id, row.id], 'run', trx);
    }
    return rows.length;
  });
}

/**
 * E-mails notifications not yet e-mailed, after their dispatch committed. Each is claimed (marked)
 * before sending, so several processes never send the same one twice.
 */
export async function emailPending(orm: Orm, mailer: Mailer, logger: Logger, batch = 50): Promise<number> {
  const claimed = await orm.em.fork().getConnection().execute<Array<{ email: string | null; title_cs: string; title_en: string }>>(
    `update notification n set emailed_at = now()
       from person p
      where p.area_id = n.area_id and p.id = n.person_id
        and (n.area_id, n.id) in (select area_id, id from notification where emailed_at is null order by created_at limit ? for update skip locked)
     returning p.email, n.title_cs, n.title_en`,
    [batch],
  );
  for (const n of claimed) {
    if (!n.email) continue;
    try {
      await mailer.send(n.email, n.title_cs, `${n.title_cs}\n\n${n.title_en}\n\n— Triáda`);
    } catch (err) {
      logger.error({ err }, 'e-mail not sent');
    }
  }
  return claimed.length;
}
