import type { EntityManager } from '@mikro-orm/postgresql';
import { insertOutboxMessage, type OutboxMessage } from '../data/outbox';

export type { OutboxMessage } from '../data/outbox';

/**
 * Writes a message to the outbox within the caller's transaction: it is dispatched only if that
 * transaction commits. A `dedupeKey` makes the same message once per area, whoever writes it.
 */
export async function enqueue(em: EntityManager, areaId: string, message: OutboxMessage, dedupeKey: string | null = null): Promise<void> {
  if (message.recipients.length === 0) return;
  await insertOutboxMessage(em, areaId, message, dedupeKey);
}
