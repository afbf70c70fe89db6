import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runNode } from '../support/built-tree';

/**
 * The runs that take many minutes — `npm run bench:data` (bench/data.mjs), `npm run bench`
 * (bench/run.mjs), `npm run soak` (bench/soak.mjs), `npm run mutation` (scripts/mutation.mjs) —
 * in their cheap mode, `--dry-run`: each script loads, checks its settings and prints what a run
 * would do, starting nothing; a wrong setting is named, exit 2. (npm would build and install the
 * benchmark's own packages first; the scripts are run as npm's last step runs them.)
 */

let benchData: string;
beforeAll(() => {
  // A data folder of the test's own, so that nothing found in bench/.data changes the plan.
  benchData = fs.mkdtempSync(path.join(os.tmpdir(), 'triada-bench-dry-'));
});
afterAll(() => fs.rmSync(benchData, { recursive: true, force: true }));

const dryRun = (script: string, env: Record<string, string> = {}, args: string[] = []) => runNode(script, ['--dry-run', ...args], { BENCH_DATA_DIR: benchData, ...env });

test('bench/data.mjs --dry-run: the dataset it would generate and where, nothing loaded', async () => {
  expect(await dryRun('bench/data.mjs')).toEqual({
    code: 0,
    stdout: [
      'dry run, nothing done:',
      'bench:data: seed 20261125; 5 areas × (25 municipalities, 12 bodies, 400 people, 10,000 proposals with about 10 history events each, 1,000 meetings with 10 agenda items each)',
      `into a fresh database triada_bench of the embedded PostgreSQL in ${benchData}, port 54339`,
      '',
    ].join('\n'),
    stderr: '',
  });
  expect(fs.readdirSync(benchData)).toEqual([]);
  expect(await dryRun('bench/data.mjs', { BENCH_SEED: 'x', BENCH_PG_PORT: '80' })).toMatchObject({
    code: 2,
    stderr: 'BENCH_PG_PORT=80: expected a whole number of at least 1024\nBENCH_SEED=x: expected a whole number of at least 0\n',
  });
});

test('bench/run.mjs --dry-run: the targets, scenarios and connection counts, and how long they take; no benchmark packages needed', async () => {
  const full = await dryRun('bench/run.mjs');
  expect(full).toMatchObject({ code: 0, stderr: '' });
  expect(full.stdout.split('\n')).toEqual([
    'dry run, nothing done:',
    `bench: triada, limit, postgraphile on the embedded PostgreSQL in ${benchData} (its dataset generated first), about 10 min of measuring`,
    '  triada: LIST, DETAIL, TRANSITION, MIXED at 1, 10, 32 connections, about 5 min',
    '  limit: LIST, DETAIL, TRANSITION, MIXED at 1, 10, 32 connections, about 3 min',
    '  postgraphile: LIST, DETAIL at 1, 10, 32 connections, about 2 min',
    '',
  ]);
  const quick = await dryRun('bench/run.mjs', { BENCH_DURATION: '3', BENCH_PEER_DURATION: '3', BENCH_TARGETS: 'triada,triada-traced', BENCH_CONNECTIONS: '10' });
  expect(quick.stdout).toContain('  triada-traced: LIST, DETAIL, TRANSITION, MIXED at 10 connections, about 1 min\n');
  // The fair baselines under their names, the earlier bare ones beside them for comparison.
  const baselines = await dryRun('bench/run.mjs', { BENCH_TARGETS: 'limit,limit-bare,postgraphile,postgraphile-bare', BENCH_CONNECTIONS: '10' });
  expect(baselines).toMatchObject({ code: 0, stderr: '' });
  expect(baselines.stdout).toContain('  limit-bare: LIST, DETAIL, TRANSITION, MIXED at 10 connections, about 1 min\n');
  expect(baselines.stdout).toContain('  postgraphile-bare: LIST, DETAIL at 10 connections, about 1 min\n');
  expect(await dryRun('bench/run.mjs', { BENCH_SCENARIOS: 'LIST,UPLOAD', BENCH_CONNECTIONS: '10,0', BENCH_TARGETS: 'hasura' })).toMatchObject({
    code: 2,
    stdout: '',
    stderr: [
      'BENCH_CONNECTIONS=0: expected a whole number of at least 1',
      'BENCH_SCENARIOS: "UPLOAD" not among LIST, DETAIL, TRANSITION, MIXED',
      'BENCH_TARGETS: "hasura" not among triada, triada-resolvers, triada-observed, triada-traced, limit, limit-bare, postgraphile, postgraphile-bare',
      '',
    ].join('\n'),
  });
});

test('bench/fanout.mjs --dry-run: the subscribers and events it would measure, nothing started', async () => {
  expect(await dryRun('bench/fanout.mjs')).toEqual({ code: 0, stderr: '', stdout: 'dry run, nothing done:\nfan-out: 20 events to 1, 100, 1000 subscribers of one proposal, one service process\n' });
  expect(await dryRun('bench/fanout.mjs', { BENCH_FANOUT_EVENTS: '2' })).toMatchObject({ code: 2, stderr: 'BENCH_FANOUT_EVENTS=2: expected a whole number of at least 5\n' });
});

test('bench/soak.mjs --dry-run: its length, clients and faults, nothing started', async () => {
  const run = await dryRun('bench/soak.mjs', { SOAK_MINUTES: '2', SOAK_KILL_EVERY_SECONDS: '5' });
  expect(run).toMatchObject({ code: 0, stderr: '' });
  expect(run.stdout).toContain(
    "soak: 2 min, 6 clients, two service processes, database restarts at 30 % and 70 %, a backend killed every 5 s; 10 ms between a client's requests\n",
  );
  expect(await dryRun('bench/soak.mjs', { SOAK_CLIENTS: '1.5' })).toMatchObject({ code: 2, stderr: 'SOAK_CLIENTS=1.5: expected a whole number of at least 1\n' });
});

test("scripts/mutation.mjs --dry-run: the scopes' files exist, also those given to --mutate (the README's example), nothing mutated", async () => {
  const readme = await dryRun('scripts/mutation.mjs', { MUTATION_SCOPE: 'history,meetings' }, ['--mutate', 'src/workflows/history-hash.ts', '--incremental']);
  expect(readme).toMatchObject({ code: 0, stderr: '' });
  // A scope not yet measured to the standard sets no floor; the database-free ones fail below their recorded 100 %.
  expect(readme.stdout).toContain('mutation: scopes history,meetings; static mutants left out; fails below 0 %\n  mutates src/workflows/history-hash.ts\n');
  const rules = await dryRun('scripts/mutation.mjs', { MUTATION_SCOPE: 'history,guards,engine,meetingRules,hygiene' });
  expect(rules.stdout).toContain('mutation: scopes history,guards,engine,meetingRules,hygiene; static mutants left out; fails below 100 %\n');
  expect(rules.stdout).toContain('  with tests/rules/history-hash.test.ts, tests/rules/guard-catalogue.test.ts');
  expect(readme.stdout).toContain('  stryker run --mutate src/workflows/history-hash.ts --incremental\n');
  const all = await dryRun('scripts/mutation.mjs');
  expect(all.code).toBe(0);
  expect(all.stdout).toContain('tests/security/authority-generated.test.ts');
  const unknown = await dryRun('scripts/mutation.mjs', { MUTATION_SCOPE: 'rules' });
  expect(unknown.code).toBe(2);
  // The scopes are named, the database-free ones first.
  expect(unknown.stderr).toMatch(/^stryker\.config\.mjs: MUTATION_SCOPE: no scope "rules" \(history, guards, engine, definitions, meetingRules, hygiene, [a-zA-Z, ]*meetings, authority\)\n$/);
  expect(await dryRun('scripts/mutation.mjs', {}, ['--mutate', 'src/workflows/history_hash.ts'])).toMatchObject({ code: 2, stderr: 'no such file: src/workflows/history_hash.ts\n' });
});
