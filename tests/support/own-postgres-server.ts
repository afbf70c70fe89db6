import readline from 'node:readline';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../src/db/embedded-database';

/**
 * A child process that runs one embedded PostgreSQL for a test file (see own-postgres.ts): the
 * package is ESM-only and Jest's sandbox cannot import it. Commands on stdin, one a line: `start`,
 * `stop`; each answered on stdout with one JSON line. Closing stdin or SIGTERM stops the server.
 */
const dataDir = process.env.OWN_PG_DATA_DIR as string;
const port = Number(process.env.OWN_PG_PORT);
const binaries = process.env.OWN_PG_BINARIES || undefined;
const sharedDir = process.env.OWN_PG_SHARED_DIR || undefined;
// Run from a folder the server's user may not enter, as `npm start` does from a clone under /root.
if (process.env.OWN_PG_CWD) process.chdir(process.env.OWN_PG_CWD);
let server: EmbeddedDatabase | undefined;

const reply = (message: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify(message)}\n`);
};

async function run(command: string): Promise<void> {
  try {
    if (command === 'start') {
      server ??= await startEmbeddedDatabase({ dataDir, port, binaries, sharedDir });
      reply({ done: 'start', adminUrl: server.adminUrl });
    } else if (command === 'stop') {
      await server?.stop();
      server = undefined;
      reply({ done: 'stop' });
    } else {
      reply({ error: `unknown command ${command}` });
    }
  } catch (err) {
    reply({ error: err instanceof Error ? err.message : String(err) });
  }
}

async function shutdown(): Promise<void> {
  await server?.stop().catch(() => undefined);
  process.exit(0);
}

let queue = Promise.resolve();
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  queue = queue.then(() => run(line.trim()));
});
lines.on('close', () => {
  void queue.then(shutdown);
});
process.on('SIGTERM', () => void queue.then(shutdown));
