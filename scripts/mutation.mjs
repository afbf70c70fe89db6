#!/usr/bin/env node
// `npm run mutation` (also `npm run mutants`): mutation testing of the rule modules with Stryker
// (stryker.config.mjs). One PostgreSQL serves the whole run: an embedded one started here (or the
// server at DATABASE_URL), and the migrated template of the first Jest run is kept for every later
// one (TRIADA_TEST_REUSE_TEMPLATE, tests/support/global-setup.ts). Arguments go to `stryker run`,
// e.g. `npm run mutation -- --mutate src/workflows/history-hash.ts`. Long: not part of CI.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

let database;
let dataDir;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  // The build is CommonJS, whose named exports swc defines as getters that import() does not see.
  const { startEmbeddedDatabase } = createRequire(import.meta.url)(path.join(ROOT, 'dist/src/db/embedded-database.js'));
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'triada-mutation-'));
  fs.chmodSync(dataDir, 0o755);
  database = await startEmbeddedDatabase({ dataDir, port: await freePort() });
  databaseUrl = database.adminUrl;
}

const started = Date.now();
const code = await new Promise((resolve) => {
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: databaseUrl, TRIADA_TEST_REUSE_TEMPLATE: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
});
process.stderr.write(`mutation: ${Math.round((Date.now() - started) / 60000)} min\n`);
await database?.stop();
if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(code);
