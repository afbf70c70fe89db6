import { Client } from 'pg';
import type { Logger } from '../logger';

/** The channel the database's change triggers notify on (migration Migration20261202170000_change_signals). */
export const CHANGE_CHANNEL = 'triada_changes';

/** What changed, by id only: each service process reads again what it sends to whom. */
export type ChangeSignal =
  | { kind: 'proposal'; areaId: string; id: string }
  | { kind: 'meeting'; areaId: string; id: string; bodyId: string }
  | { kind: 'notification'; areaId: string; id: string; personId: string };

const KINDS = new Set(['proposal', 'meeting', 'notification']);

/** A payload of the channel as a signal; anything else (another writer's experiment) is none. */
export function parseChangeSignal(payload: string | undefined): ChangeSignal | null {
  try {
    const s = JSON.parse(payload ?? '') as Record<string, unknown>;
    if (typeof s.kind !== 'string' || !KINDS.has(s.kind) || typeof s.areaId !== 'string' || typeof s.id !== 'string') return null;
    if (s.kind === 'meeting' && typeof s.bodyId !== 'string') return null;
    if (s.kind === 'notification' && typeof s.personId !== 'string') return null;
    return s as unknown as ChangeSignal;
  } catch {
    return null;
  }
}

/** A listening connection; `close()` stops listening for good. */
export interface ChangeListener {
  close(): Promise<void>;
}

/** How long to wait before listening again after the connection was lost, at most. */
const MAX_RETRY_MS = 5_000;

/**
 * Listens on the change channel over a connection of its own (a pooled one cannot hold a LISTEN)
 * and hands every signal to `onSignal`. A lost connection is opened again, retrying with a growing
 * pause; `onReconnected` is called once it listens again (signals sent meanwhile are lost: screens
 * then read afresh what they show).
 */
export function listenForChanges(
  clientUrl: string,
  logger: Logger,
  onSignal: (signal: ChangeSignal) => void,
  onReconnected: () => void = () => undefined,
): Promise<ChangeListener> {
  let closed = false;
  let client: Client | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let failures = 0;

  const connect = async (): Promise<void> => {
    const c = new Client({ connectionString: clientUrl, application_name: 'triada-live' });
    c.on('notification', (message) => {
      if (message.channel !== CHANGE_CHANNEL) return;
      const signal = parseChangeSignal(message.payload);
      if (signal) onSignal(signal);
    });
    c.on('error', (err) => {
      if (closed) return;
      logger.warn({ err }, 'change listener connection lost; listening again');
      void c.end().catch(() => undefined);
      if (client === c) {
        client = null;
        scheduleRetry();
      }
    });
    await c.connect();
    await c.query(`listen ${CHANGE_CHANNEL}`);
    if (closed) {
      await c.end();
      return;
    }
    client = c;
  };

  const scheduleRetry = (): void => {
    if (closed || retryTimer) return;
    const pause = Math.min(MAX_RETRY_MS, 100 * 2 ** failures);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect().then(
        () => {
          failures = 0;
          if (!closed) onReconnected();
        },
        (err: unknown) => {
          failures += 1;
          logger.warn({ err, failures }, 'change listener could not listen; trying again');
          scheduleRetry();
        },
      );
    }, pause);
    retryTimer.unref();
  };

  return connect().then(() => ({
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  }));
}
