// `npm run soak`: mixed reads and writes from several clients through two service processes for
// ten minutes, while the database restarts twice and backends are killed every few seconds. It
// prints the requests, the answers by code, the writes acknowledged and the writes found afterwards
// (they must be equal), and the service processes' RSS at the start and the end; the figures go
// into the README's reliability section. A script, not a test: it takes its time and measures.
//
// Environment: SOAK_MINUTES (10), SOAK_CLIENTS (6), SOAK_THINK_MS (pause of a client between
// requests, 10), SOAK_KILL_EVERY_SECONDS (15). It runs on a PostgreSQL of its own (embedded, in
// bench/.soak, made afresh), on the built service (`npm run build` first, as `npm run soak` does).
// `node bench/soak.mjs --dry-run` checks these settings and prints what a run would do, then exits
// without starting anything.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { BENCH_DIR, ROOT_DIR, benchKey, dist, log, numberSetting, prng, signToken, startOrDryRun } from './lib/common.mjs';

const MINUTES = numberSetting('SOAK_MINUTES', 10, { min: 0.1 });
const CLIENTS = numberSetting('SOAK_CLIENTS', 6, { min: 1, integer: true });
const THINK_MS = numberSetting('SOAK_THINK_MS', 10);
const KILL_EVERY_SECONDS = numberSetting('SOAK_KILL_EVERY_SECONDS', 15, { min: 1 });
const WHAT = `soak: ${MINUTES} min, ${CLIENTS} clients, two service processes, database restarts at 30 % and 70 %, a backend killed every ${KILL_EVERY_SECONDS} s`;
const SOAK_DIR = path.join(BENCH_DIR, '.soak');
const SUBJECT = 'demo-chomutov-coordinator';
const TITLE = 'Soak';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resident memory of a process in MB (Linux /proc). */
function rssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
}

// ---------------------------------------------------------------- the database and the services

async function startDatabase() {
  const { startEmbeddedDatabase, withDatabase } = dist('src/db/embedded-database.js');
  const { ensureDatabase } = dist('src/db/database.js');
  fs.rmSync(SOAK_DIR, { recursive: true, force: true });
  fs.mkdirSync(SOAK_DIR, { recursive: true });
  const server = await startEmbeddedDatabase({ dataDir: path.join(SOAK_DIR, 'data'), port: await freePort() });
  await ensureDatabase(server.adminUrl, 'triada');
  return { server, url: withDatabase(server.adminUrl, 'triada') };
}

/** `node dist/src/main.js` on the soak database; resolves once it serves. Counts what it logs at level error and above, by message. */
async function startService(name, databaseUrl, key, env) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT_DIR, 'dist/src/main.js')], {
    cwd: ROOT_DIR,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn',
      AUTH_JWKS_PATH: key.jwksFile, AUTH_ISSUER: 'triada-bench', AUTH_AUDIENCE: 'triada', JOBS: '1',
      MUTATIONS_PER_MINUTE_PER_VIEWER: '1000000', MUTATIONS_PER_MINUTE_PER_ADDRESS: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors = new Map();
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const count = (what) => errors.set(what, (errors.get(what) ?? 0) + 1);
  readline.createInterface({ input: child.stderr }).on('line', (line) => count(`stderr: ${line.slice(0, 120)}`));
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      const entry = JSON.parse(line);
      if (entry.level >= 50) count(entry.msg);
    } catch {
      // not a log line
    }
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited while starting (${child.exitCode})`);
    const ready = await fetch(url.replace('/graphql', '/readyz')).then((r) => r.status === 200, () => false);
    if (ready) break;
    if (i > 1200) throw new Error(`${name} did not become ready`);
    await sleep(100);
  }
  return { name, pid: child.pid, url, errors, stop: () => (child.kill('SIGTERM'), exited) };
}

// ---------------------------------------------------------------- one client

const READS = [
  (ctx) => [`query($filter: ProposalFilter!) { proposals(filter: $filter, first: 20) { edges { node { id title state version history(last: 3) { seq event } availableTransitions { event allowed } } } } }`, { filter: { areaId: ctx.areaId } }],
  (ctx) => [`query($filter: MeetingFilter!) { meetings(filter: $filter, first: 20) { edges { node { id title status agenda { title } attendance { status } } } } }`, { filter: { areaId: ctx.areaId } }],
  (ctx) => [`query($id: ID!) { area(id: $id) { name bodies { name memberships(activeOnly: true) { role triadSide person { name } } } } }`, { id: ctx.areaId }],
  (ctx, own) => [`query($id: ID!) { proposal(id: $id) { state version history { seq event actorRole } } verifyHistory(proposalId: $id) { valid } }`, { id: own.id }],
];
const TRANSITION = `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state version } }`;
const CREATE = `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id state version } }`;

/** Sends one request; the outcome is its code (OK, an error code, HTTP <status>, or the network error). */
async function send(stats, url, token, query, variables) {
  stats.requests += 1;
  let outcome;
  let data = null;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(60_000),
    });
    const body = await res.json().catch(() => null);
    if (!body) outcome = `HTTP ${res.status}`;
    else if (body.errors?.length) outcome = String(body.errors[0].extensions?.code ?? 'NO_CODE');
    else {
      outcome = 'OK';
      data = body.data;
    }
  } catch (err) {
    outcome = `NETWORK ${err.cause?.code ?? err.name}`;
  }
  stats.codes[outcome] = (stats.codes[outcome] ?? 0) + 1;
  return { outcome, data };
}

/**
 * A client through one service process: reads, and moves its own proposals back and forth
 * (SUBMIT, RETURN) with an idempotency key per step, retrying a step until it is acknowledged, as
 * a client should; now and then it creates a proposal (no key: an answer lost is an unknown).
 */
async function client(index, service, ctx, token, running, stats) {
  const random = prng(1000 + index);
  const own = [];
  const acked = new Map();
  const created = [];
  const create = async () => {
    const { outcome, data } = await send(stats, service.url, token, CREATE, { input: { workingGroupBodyId: ctx.groupId, kind: 'MEASURE', title: `${TITLE} ${index}-${created.length + 1}`, summary: 'Zátěžová zkouška.' } });
    stats.writes += 1;
    if (outcome !== 'OK') return;
    created.push(data.createProposal.id);
    own.push({ ...data.createProposal });
    acked.set(data.createProposal.id, []);
  };
  const step = async (p) => {
    const input = p.state === 'DRAFT'
      ? { proposalId: p.id, event: 'SUBMIT', expectedVersion: p.version }
      : { proposalId: p.id, event: 'RETURN', expectedVersion: p.version, reason: 'Doplňte rozpočet.' };
    input.idempotencyKey = `soak-${index}-${p.id}-v${p.version}`;
    // Until acknowledged, also after the run was told to end: an attempt whose answer was lost
    // may have committed, and only its acknowledgement settles that.
    for (;;) {
      stats.writes += 1;
      const { outcome, data } = await send(stats, service.url, token, TRANSITION, { input });
      if (outcome === 'OK') {
        acked.get(p.id).push(input.idempotencyKey);
        Object.assign(p, data.transitionProposal);
        return;
      }
      if (outcome !== 'SERVICE_UNAVAILABLE' && !outcome.startsWith('NETWORK')) {
        stats.unexpected.push({ client: index, proposal: p.id, key: input.idempotencyKey, outcome });
        const read = await send(stats, service.url, token, READS[3](ctx, p)[0], { id: p.id });
        if (read.data) Object.assign(p, { state: read.data.proposal.state, version: read.data.proposal.version });
        return;
      }
      await sleep(200);
    }
  };
  while (own.length < 3) await create();
  while (running()) {
    const r = random.next();
    if (r < 0.5) {
      const [query, variables] = random.pick(READS)(ctx, random.pick(own));
      await send(stats, service.url, token, query, variables);
    } else if (r < 0.95) {
      await step(random.pick(own));
    } else {
      await create();
    }
    await sleep(THINK_MS);
  }
  return { acked, created };
}

// ---------------------------------------------------------------- faults

/** Terminates one client backend of the service database now and then; restarts the database twice. */
async function faults(db, totalMs, running, report) {
  const started = Date.now();
  const restarts = [0.3, 0.7].map((f) => started + f * totalMs);
  let nextKill = started + KILL_EVERY_SECONDS * 1000;
  while (running()) {
    const now = Date.now();
    if (restarts.length && now >= restarts[0]) {
      restarts.shift();
      log('restarting the database (fast shutdown, 5 s down)');
      await db.server.stop();
      await sleep(5000);
      await db.server.start();
      report.restarts += 1;
      log('database back');
    } else if (now >= nextKill) {
      nextKill = now + KILL_EVERY_SECONDS * 1000;
      const admin = new pg.Client({ connectionString: db.server.adminUrl });
      try {
        await admin.connect();
        const { rows } = await admin.query(
          `select pid from pg_stat_activity where datname = 'triada' and backend_type = 'client backend' and pid <> pg_backend_pid() order by random() limit 1`,
        );
        if (rows[0]) {
          await admin.query('select pg_terminate_backend($1)', [rows[0].pid]);
          report.killed += 1;
        }
      } catch (err) {
        log(`could not kill a backend: ${err.message}`);
      } finally {
        await admin.end().catch(() => {});
      }
    }
    await sleep(250);
  }
}

// ---------------------------------------------------------------- the run

async function main() {
  startOrDryRun(() => [
    `${WHAT}; ${THINK_MS} ms between a client's requests`,
    `on a PostgreSQL of its own in ${path.relative(ROOT_DIR, SOAK_DIR)} (made afresh) and the built service (${fs.existsSync(path.join(ROOT_DIR, 'dist/src/main.js')) ? 'dist/ is there' : 'no dist/ yet: npm run soak builds it'})`,
  ]);
  const totalMs = MINUTES * 60_000;
  const key = benchKey();
  const token = signToken(key, SUBJECT, 2 + Math.ceil(MINUTES / 60));
  log(WHAT);
  const db = await startDatabase();
  const services = [await startService('service A', db.url, key, { DEMO_DATA: '1' })];
  services.push(await startService('service B', db.url, key, { DEMO_DATA: '0' }));
  const areas = await send({ requests: 0, codes: {} }, services[0].url, token, `{ areas { id name bodies(kind: WORKING_GROUP) { id } } }`, {});
  const area = areas.data.areas.find((a) => a.name === 'ORP Chomutov');
  const ctx = { areaId: area.id, groupId: area.bodies[0].id };
  const rssStart = services.map((s) => rssMb(s.pid));

  const stats = { requests: 0, writes: 0, codes: {}, unexpected: [] };
  const report = { restarts: 0, killed: 0 };
  const endAt = Date.now() + totalMs;
  const running = () => Date.now() < endAt;
  const progress = setInterval(() => log(`${Math.round((endAt - Date.now()) / 1000)} s left: ${stats.requests} requests, ${JSON.stringify(stats.codes)}`), 60_000);
  const [results] = await Promise.all([
    Promise.all(Array.from({ length: CLIENTS }, (_v, i) => client(i, services[i % 2], ctx, token, running, stats))),
    faults(db, totalMs, running, report),
  ]);
  clearInterval(progress);
  const rssEnd = services.map((s) => rssMb(s.pid));

  // What the database holds afterwards, against what was acknowledged.
  const check = new pg.Client({ connectionString: db.url });
  await check.connect();
  let ackedTransitions = 0;
  let mismatched = 0;
  let verified = 0;
  let proposals = 0;
  for (const { acked } of results) {
    for (const [id, keys] of acked) {
      proposals += 1;
      ackedTransitions += keys.length;
      const { rows } = await check.query('select idempotency_key from workflow_event where proposal_id = $1 order by seq', [id]);
      if (JSON.stringify(rows.map((r) => r.idempotency_key)) !== JSON.stringify(keys)) mismatched += 1;
      const read = await send({ requests: 0, codes: {} }, services[proposals % 2].url, token, READS[3](ctx, { id })[0], { id });
      if (read.data?.verifyHistory.valid) verified += 1;
    }
  }
  const foundTransitions = Number((await check.query(`select count(*) from workflow_event where idempotency_key like 'soak-%'`)).rows[0].count);
  const ackedCreates = new Set(results.flatMap((r) => r.created));
  const foundCreates = (await check.query(`select id from proposal where title like $1`, [`${TITLE} %`])).rows.map((r) => r.id);
  await check.end();

  const exits = await Promise.all(services.map((s) => s.stop()));
  await db.server.stop();
  const figures = {
    minutes: MINUTES,
    clients: CLIENTS,
    serviceProcesses: services.length,
    databaseRestarts: report.restarts,
    backendsKilled: report.killed,
    requests: stats.requests,
    writeRequests: stats.writes,
    answersByCode: Object.fromEntries(Object.entries(stats.codes).sort((a, b) => b[1] - a[1])),
    transitions: { acknowledged: ackedTransitions, found: foundTransitions, proposalsWithOtherHistory: mismatched },
    proposalsCreated: { acknowledged: ackedCreates.size, found: foundCreates.length, acknowledgedButMissing: [...ackedCreates].filter((id) => !foundCreates.includes(id)).length },
    historiesVerified: `${verified} of ${proposals}`,
    unexpectedRefusals: stats.unexpected,
    rssMb: Object.fromEntries(services.map((s, i) => [s.name, { start: rssStart[i], end: rssEnd[i] }])),
    serviceErrorLogs: Object.fromEntries(services.map((s) => [s.name, Object.fromEntries(s.errors)])),
    exitCodesOnSigterm: exits,
    node: process.version,
    at: new Date().toISOString(),
  };
  fs.mkdirSync(path.join(BENCH_DIR, 'results'), { recursive: true });
  const file = path.join(BENCH_DIR, 'results', `soak-${figures.at.slice(0, 10)}.json`);
  fs.writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(JSON.stringify(figures, null, 2));
  log(`written to ${path.relative(ROOT_DIR, file)}`);
  const clean = ackedTransitions === foundTransitions && mismatched === 0 && figures.proposalsCreated.acknowledgedButMissing === 0 && !stats.codes.INTERNAL_SERVER_ERROR && verified === proposals;
  if (!clean) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
