import type { Client } from 'pg';

/**
 * Polls `probe` until it gives something truthy and returns that; after `timeoutMs` fails naming
 * `what`. Tests wait for conditions this way, never for a fixed time.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError instanceof Error ? ` (last error: ${lastError.message})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * The process id of the one backend of `client`'s database that waits for a lock `client` holds:
 * a request caught inside its transaction.
 */
export async function backendBlockedBy(client: Client): Promise<number> {
  try {
    return await waitFor('a backend blocked by the lock holder', async () => {
      const { rows } = await client.query<{ pid: number }>(
        `select pid from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and pg_backend_pid() = any(pg_blocking_pids(pid))`,
      );
      return rows.length === 1 ? rows[0].pid : undefined;
    });
  } catch (err) {
    const { rows } = await client.query(
      `select pid, state, wait_event_type, wait_event, left(query, 200) as query from pg_stat_activity where datname = current_database()`,
    );
    throw new Error(`${(err as Error).message}; backends now: ${JSON.stringify(rows)}`);
  }
}
