// Live updates fanned out: one service process, N subscribers (real graphql-ws clients) of one
// proposal, and changes committed to it one after another, each once every subscriber has the one
// before (a closed loop: what is measured is the service's own pace, never a queue it falls behind
// on). For N = 1, 100 and 1,000: events per second, deliveries per second, and the delay from the
// change's commit to a subscriber receiving it, at p50 and p99.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import pg from 'pg';
import { BENCH_DIR, DATA_DIR, ROOT_DIR, benchKey, log, numberListSetting, numberSetting, openBenchDatabase, requireRoot, signToken, startOrDryRun } from './lib/common.mjs';

const SUBSCRIBERS = numberListSetting('BENCH_FANOUT_SUBSCRIBERS', '1,100,1000', { min: 1, integer: true });
const EVENTS = numberSetting('BENCH_FANOUT_EVENTS', 20, { min: 5, integer: true });
const PORT = 4102;

const { createClient } = requireRoot('graphql-ws');
const { WebSocket } = requireRoot('ws');

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function waitReady(child) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/healthz`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the service did not become ready');
}

async function level(n, token, proposalId, db) {
  const committed = new Map();
  const delays = [];
  const received = new Map();
  let waiter = null;
  const clients = [];
  const onEvent = (title) => {
    const seq = Number(title.split(' ').at(-1));
    const at = committed.get(seq);
    if (at !== undefined) delays.push(performance.now() - at);
    received.set(seq, (received.get(seq) ?? 0) + 1);
    if (waiter && received.get(waiter.seq) === n) waiter.resolve();
  };
  const allHave = (seq) => new Promise((resolve) => (received.get(seq) === n ? resolve() : (waiter = { seq, resolve })));
  for (let i = 0; i < n; i++) {
    const client = createClient({ url: `ws://127.0.0.1:${PORT}/graphql`, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, connectionParams: { Authorization: `Bearer ${token}` } });
    client.subscribe({ query: 'subscription($id: ID!) { proposalChanged(proposalId: $id) { title } }', variables: { id: proposalId } }, {
      next: (v) => onEvent(v.data.proposalChanged.title),
      error: (e) => log('subscription error', JSON.stringify(e)),
      complete: () => {},
    });
    clients.push(client);
  }
  const change = (seq) => db.query(`update proposal set title = $1 where id = $2`, [`Fan-out ${n} ${seq}`, proposalId]);
  // Warm-up until every subscriber hears: then all of them are listening.
  for (let seq = -1; ; seq--) {
    await change(seq);
    // Each change is read again for every subscriber: give a thousand of them time to hear it.
    const heard = await Promise.race([allHave(seq).then(() => true), new Promise((r) => setTimeout(() => r(false), 3000 + 20 * n))]);
    if (heard) break;
  }
  delays.length = 0;
  const started = performance.now();
  for (let seq = 1; seq <= EVENTS; seq++) {
    const done = allHave(seq);
    await change(seq);
    committed.set(seq, performance.now());
    await done;
  }
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(clients.map((c) => c.dispose()));
  delays.sort((a, b) => a - b);
  const round = (x) => (x === null ? null : Math.round(x * 10) / 10);
  return { subscribers: n, events: EVENTS, deliveries: delays.length, seconds: round(seconds), eventsPerSecond: round(EVENTS / seconds), deliveriesPerSecond: round(delays.length / seconds), p50Ms: round(percentile(delays, 50)), p99Ms: round(percentile(delays, 99)) };
}

async function main() {
  startOrDryRun(() => [`fan-out: ${EVENTS} events to ${SUBSCRIBERS.join(', ')} subscribers of one proposal, one service process`]);
  if (!process.env.DATABASE_URL && !fs.existsSync(path.join(DATA_DIR, 'dataset.json'))) {
    log('no benchmark dataset in bench/.data yet: generating it first');
    execFileSync(process.execPath, [path.join(BENCH_DIR, 'data.mjs')], { stdio: 'inherit' });
  }
  const dbh = await openBenchDatabase();
  const db = new pg.Client({ connectionString: dbh.url });
  await db.connect();
  const key = benchKey();
  const { rows } = await db.query(`select p.id, p.title, pe.subject from proposal p join area_role r on r.area_id = p.area_id and r.role = 'COORDINATOR'
      join person pe on pe.area_id = r.area_id and pe.id = r.person_id where pe.subject like 'bench-%' order by p.id limit 1`);
  if (rows.length === 0) throw new Error('No benchmark data in this database: run `npm run bench:data` first');
  const [{ id, title, subject }] = rows;
  const child = spawn(process.execPath, [path.join(ROOT_DIR, 'dist/src/main.js')], {
    cwd: ROOT_DIR,
    env: {
      ...process.env, NODE_ENV: 'production', PORT: String(PORT), HOST: '127.0.0.1', JOBS: '0', DEMO_DATA: '0', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      AUTH_JWKS_PATH: key.jwksFile, AUTH_ISSUER: 'triada-bench', AUTH_AUDIENCE: 'triada', DATABASE_URL: dbh.url,
      MUTATIONS_PER_MINUTE_PER_VIEWER: '1000000', MUTATIONS_PER_MINUTE_PER_ADDRESS: '1000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const results = [];
  try {
    await waitReady(child);
    for (const n of SUBSCRIBERS) {
      log(`${n} subscriber(s)`);
      results.push(await level(n, signToken(key, subject), id, db));
    }
  } finally {
    child.kill('SIGTERM');
    await db.query(`update proposal set title = $1 where id = $2`, [title, id]);
    await db.end();
    await dbh.stop();
  }
  const table = [
    '| subscribers | events | deliveries | events/s | deliveries/s | delay p50 (ms) | delay p99 (ms) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((r) => `| ${r.subscribers} | ${r.events} | ${r.deliveries} | ${r.eventsPerSecond} | ${r.deliveriesPerSecond} | ${r.p50Ms} | ${r.p99Ms} |`),
  ].join('\n');
  const stamp = new Date().toISOString().slice(0, 10);
  fs.mkdirSync(path.join(BENCH_DIR, 'results'), { recursive: true });
  fs.writeFileSync(path.join(BENCH_DIR, 'results', `fanout-${stamp}.json`), JSON.stringify({ at: new Date().toISOString(), events: EVENTS, results }, null, 2));
  fs.writeFileSync(path.join(BENCH_DIR, 'results', `fanout-${stamp}.md`), `${table}\n`);
  console.log(table);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
