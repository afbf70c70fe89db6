import type { EntityManager } from '@mikro-orm/postgresql';
import type { Text } from '../i18n/locale';

/** A notice waiting to be dispatched: what happened, to whom, in both languages. */
export interface OutboxMessage {
  kind: 'PROPOSAL_MOVED' | 'MEETING_CONVENED' | 'MATERIALS_DEADLINE' | 'MINUTES_OVERDUE' | 'INDICATOR_VALUE_DUE';
  subjectId: string;
  title: Text;
  recipients: string[];
}

/**
 * Writes a message to the outbox within the caller's transaction: it is dispatched only if that
 * transaction commits. A `dedupeKey` makes the same message once per area, whoever writes it.
 */
export async function enqueue(em: EntityManager, areaId: string, message: OutboxMessage, dedupeKey: string | null = null): Promise<void> {
  if (message.recipients.length === 0) return;
  await em.getConnection().execute(
    `insert into outbox (area_id, kind, payload, dedupe_key) values (?, ?, ?, ?) on conflict do nothing`,
    [areaId, message.kind, JSON.stringify(message), dedupeKey],
    'run',
    em.getTransactionContext(),
  );
}
