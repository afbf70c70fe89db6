#!/usr/bin/env node
// `npm run mutation` (also `npm run mutants`): mutation testing of the rule modules with Stryker
// (stryker.config.mjs). One PostgreSQL serves the whole run: an embedded one started here (or the
// server at DATABASE_URL), and the migrated template of the first Jest run is kept for every later
// one (TRIADA_TEST_REUSE_TEMPLATE, tests/support/global-setup.ts). Arguments go to `stryker run`,
// e.g. `npm run mutation -- --mutate src/workflows/history-hash.ts`. Long: not part of CI.
// `npm run mutation -- --dry-run` checks the configuration instead — the scopes (MUTATION_SCOPE),
// the files to mutate (also those of `--mutate`) and the test files exist — prints what a run would
// do and exits: no build, no database, no Stryker.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv.includes('--dry-run')) {
  const args = process.argv.slice(2).filter((arg) => arg !== '--dry-run');
  let config;
  try {
    ({ default: config } = await import(pathToFileURL(path.join(ROOT, 'stryker.config.mjs')).href));
  } catch (err) {
    console.error(`stryker.config.mjs: ${err.message}`);
    process.exit(2);
  }
  const given = args.indexOf('--mutate');
  // Stryker's own forms: comma-separated, globs, `file:line-line` ranges; a plain path must exist.
  const mutate = given >= 0 ? (args[given + 1] ?? '').split(',').filter(Boolean) : config.mutate;
  const tests = config.jest.config.testMatch.map((match) => match.replace('<rootDir>/', ''));
  const missing = [...mutate.filter((file) => !/[*?{}[\]]/.test(file)).map((file) => file.replace(/:\d+(-\d+)?$/, '')), ...tests].filter(
    (file) => !fs.existsSync(path.join(ROOT, file)),
  );
  if (mutate.length === 0 || missing.length > 0) {
    console.error(mutate.length === 0 ? '--mutate names no file' : `no such file: ${missing.join(', ')}`);
    process.exit(2);
  }
  console.log(
    [
      'dry run, nothing done:',
      `mutation: scopes ${process.env.MUTATION_SCOPE ?? 'all'}; static mutants ${config.ignoreStatic ? 'left out' : 'included'}; fails below ${config.thresholds.break} %`,
      `  mutates ${mutate.join(', ')}`,
      `  with ${tests.join(', ')}`,
      `  stryker run ${args.join(' ')}`.trimEnd(),
    ].join('\n'),
  );
  process.exit(0);
}

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
