// `npm run bench`: the service, the hand-written limit and PostGraphile side by side, in one run,
// on the same data. See bench/README.md for what is measured and how. `limit` and `postgraphile`
// are the fair baselines (the same token, visibility, answers and, for the limit, the same
// transition as the service); `limit-bare` and `postgraphile-bare` the earlier, lighter ones.
//
// Environment: DATABASE_URL (else the bench's embedded PostgreSQL, loaded by `npm run bench:data`),
// BENCH_DURATION (seconds per scenario for the service, default 25: its 12 scenarios make the
// 5-minute run), BENCH_PEER_DURATION (seconds per scenario for the limit and PostGraphile, default
// 15), BENCH_WARMUP (seconds, default 3), BENCH_TARGETS (e.g. "triada,limit"), BENCH_SCENARIOS (e.g.
// "LIST,DETAIL"), BENCH_CONNECTIONS (e.g. "10"), BENCH_SERVICE_NODE_OPTIONS (NODE_OPTIONS of the service only).
//
// `node bench/run.mjs --dry-run` checks these settings and prints what a run would measure and for
// how long, then exits without starting anything (nor needing bench/node_modules).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { BENCH_DIR, DATA_DIR, ROOT_DIR, benchKey, listSetting, log, numberListSetting, numberSetting, openBenchDatabase, prng, signToken, startOrDryRun } from './lib/common.mjs';
import { peerDatabaseUrl, preparePeerDatabase } from './lib/peer-database.mjs';

const DURATION = numberSetting('BENCH_DURATION', 25, { min: 1 });
const PEER_DURATION = numberSetting('BENCH_PEER_DURATION', 15, { min: 1 });
const WARMUP = numberSetting('BENCH_WARMUP', 3);
const CONNECTIONS = numberListSetting('BENCH_CONNECTIONS', '1,10,32', { min: 1, integer: true });
const SCENARIOS = listSetting('BENCH_SCENARIOS', 'LIST,DETAIL,TRANSITION,MIXED', ['LIST', 'DETAIL', 'TRANSITION', 'MIXED']);
const STATES = ['DRAFT', 'WORKING_GROUP', 'STEERING_GROUP', 'SOCIAL_COMMISSION', 'COUNCIL', 'ASSEMBLY', 'APPROVED', 'REJECTED', 'WITHDRAWN'];
const PAGE = 20;
const REASON = 'Doplnit podklady (benchmark).';
const CLK_TCK = 100;
/** Server on core 0, load generator on core 1: needs two cores and taskset (util-linux). */
const PINNED = os.availableParallelism() >= 2 && (() => {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

// ---------------------------------------------------------------- the three servers' request shapes

const SERVICE_LIST = `query List($filter: ProposalFilter!, $first: Int!) { proposals(filter: $filter, first: $first) { edges { node {
  id title state version stageLabel createdAt workingGroup { id name } author { id name }
  history(last: 5) { seq event fromState toState occurredAt }
  availableTransitions { event label target allowed reasons } } } pageInfo { hasNextPage endCursor } } }`;
const SERVICE_DETAIL = `query Detail($id: ID!) { proposal(id: $id) {
  id title summary state version stageLabel createdAt author { name }
  workingGroup { name memberships(activeOnly: true) { role triadSide person { name } } }
  history { seq event fromState toState actorRole reason occurredAt hash } } }`;
const SERVICE_TRANSITION = `mutation Transition($input: TransitionProposalInput!) { transitionProposal(input: $input) { id state version } }`;
// The fair PostGraphile's: the stage label and the allowed events as computed columns, the working
// group's seats held today (bench/sql/postgraphile-fair.sql); visibility is the database's.
const PEER_LIST = `query List($areaId: UUID!, $state: String!, $first: Int!) {
  allProposals(condition: { areaId: $areaId, state: $state }, orderBy: [CREATED_AT_DESC, PRIMARY_KEY_DESC], first: $first) {
    nodes { rowId title state version stageLabel createdAt bodyByAreaIdAndWorkingGroupId { rowId name } personByAreaIdAndAuthorId { rowId name }
      workflowEventsByAreaIdAndProposalId(orderBy: SEQ_DESC, first: 5) { nodes { seq event fromState toState occurredAt } }
      availableTransitions { nodes { event label target allowed reasons } } }
    pageInfo { hasNextPage endCursor } } }`;
const PEER_DETAIL = `query Detail($areaId: UUID!, $id: UUID!) { proposalByAreaIdAndRowId(areaId: $areaId, rowId: $id) {
  rowId title summary state version stageLabel createdAt personByAreaIdAndAuthorId { name }
  bodyByAreaIdAndWorkingGroupId { name activeMemberships(orderBy: [ROLE_ORDER_ASC, VALID_FROM_ASC, ROW_ID_ASC]) { nodes { role triadSide personByAreaIdAndPersonId { name } } } }
  workflowEventsByAreaIdAndProposalId(orderBy: SEQ_ASC) { nodes { seq event fromState toState actorRole reason occurredAt hash } } } }`;
// The bare PostGraphile's: the tables as they are (every seat of the group, ended ones too).
const BARE_PEER_LIST = `query List($areaId: UUID!, $state: String!, $first: Int!) {
  allProposals(condition: { areaId: $areaId, state: $state }, orderBy: [CREATED_AT_DESC, PRIMARY_KEY_DESC], first: $first) {
    nodes { rowId title state version createdAt bodyByAreaIdAndWorkingGroupId { rowId name } personByAreaIdAndAuthorId { rowId name }
      workflowEventsByAreaIdAndProposalId(orderBy: SEQ_DESC, first: 5) { nodes { seq event fromState toState occurredAt } } }
    pageInfo { hasNextPage endCursor } } }`;
const BARE_PEER_DETAIL = `query Detail($areaId: UUID!, $id: UUID!) { proposalByAreaIdAndRowId(areaId: $areaId, rowId: $id) {
  rowId title summary state version createdAt personByAreaIdAndAuthorId { name }
  bodyByAreaIdAndWorkingGroupId { name membershipsByAreaIdAndBodyId { nodes { role triadSide validTo personByAreaIdAndPersonId { name } } } }
  workflowEventsByAreaIdAndProposalId(orderBy: SEQ_ASC) { nodes { seq event fromState toState actorRole reason occurredAt hash } } } }`;

const TRACE_SINK_PORT = 4318;

/** An OTLP/HTTP collector that reads what it is sent and keeps nothing; counts the spans' batches. */
function startTraceSink() {
  let batches = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      batches += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => server.listen(TRACE_SINK_PORT, '127.0.0.1', () => resolve({ batches: () => batches, close: () => server.close() })));
}

const ok = (cond) => (cond ? 'ok' : 'error');
const codeOf = (res) => res.errors?.[0]?.extensions?.code;
/** An event of availableTransitions as the service answers it. */
const isOption = (t) => typeof t.event === 'string' && typeof t.label === 'string' && typeof t.target === 'string' && typeof t.allowed === 'boolean' && Array.isArray(t.reasons);

/** Each target: how to start it, and for each kind of request its path, body and check. */
function targets(env, key) {
  const graphql = (query) => (variables) => ({ path: '/graphql', body: JSON.stringify({ query, variables }) });
  const serviceChecks = {
    LIST: (res) => ok(res.data?.proposals?.edges?.length === PAGE && res.data.proposals.edges.every((e) => typeof e.node.stageLabel === 'string' && Array.isArray(e.node.availableTransitions) && e.node.availableTransitions.every(isOption) && e.node.history.length <= 5 && e.node.author.name)),
    DETAIL: (res, v) => ok(res.data?.proposal?.id === v.id && res.data.proposal.history.length > 0 && res.data.proposal.workingGroup.memberships.length > 0),
    TRANSITION: (res, v) => (res.data?.transitionProposal ? ok(res.data.transitionProposal.version === v.input.expectedVersion + 1) : codeOf(res) === 'CONFLICT' ? 'conflict' : 'error'),
  };
  const triada = {
      label: 'Triáda (this service)',
      cmd: [process.execPath, [path.join(ROOT_DIR, 'dist/src/main.js')]],
      env: {
        NODE_ENV: 'production', PORT: '4100', HOST: '127.0.0.1', JOBS: '0', DEMO_DATA: '0', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
        AUTH_JWKS_PATH: key.jwksFile, AUTH_ISSUER: 'triada-bench', AUTH_AUDIENCE: 'triada',
        MUTATIONS_PER_MINUTE_PER_VIEWER: '1000000', MUTATIONS_PER_MINUTE_PER_ADDRESS: '1000000',
        // e.g. "--max-old-space-size=160" to see the service under a heap limit.
        ...(process.env.BENCH_SERVICE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVICE_NODE_OPTIONS } : {}),
      },
      port: 4100,
      scenarios: SCENARIOS,
      LIST: { build: (v) => graphql(SERVICE_LIST)({ filter: { areaId: v.areaId, state: v.state }, first: PAGE }), check: serviceChecks.LIST },
      DETAIL: { build: (v) => graphql(SERVICE_DETAIL)({ id: v.id }), check: serviceChecks.DETAIL },
      TRANSITION: { build: (v) => graphql(SERVICE_TRANSITION)(v), check: serviceChecks.TRANSITION },
  };
  // The service again with its observability on: metrics counted (METRICS_PORT) and the access log
  // written (LOG_LEVEL=info, to /dev/null as all its output here); then tracing too, to a collector
  // that takes the spans and drops them (TRACE_SINK_PORT, in this process).
  const observedEnv = { ...triada.env, LOG_LEVEL: 'info', METRICS_PORT: '4190', METRICS_HOST: '127.0.0.1' };
  return {
    triada,
    'triada-resolvers': { ...triada, label: 'Triáda, every query on the resolvers (COMPILED_READS=0)', env: { ...triada.env, COMPILED_READS: '0' } },
    'triada-observed': { ...triada, label: 'Triáda, metrics and access log on', env: observedEnv },
    'triada-traced': { ...triada, label: 'Triáda, metrics, access log and tracing on', env: { ...observedEnv, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${TRACE_SINK_PORT}` } },
    limit: {
      label: 'limit (http + pg, hand-written SQL, the service\'s rules)',
      cmd: [process.execPath, [path.join(BENCH_DIR, 'servers/limit.mjs')]],
      // The service's mutation limits, raised as for the service: the counters are still written.
      env: { PORT: '4101', AUTH_JWKS_PATH: key.jwksFile, MUTATIONS_PER_MINUTE_PER_VIEWER: '1000000', MUTATIONS_PER_MINUTE_PER_ADDRESS: '1000000' },
      port: 4101,
      scenarios: SCENARIOS,
      LIST: { build: (v) => ({ path: '/list', body: JSON.stringify({ variables: { areaId: v.areaId, state: v.state, first: PAGE } }) }), check: serviceChecks.LIST },
      DETAIL: { build: (v) => ({ path: '/detail', body: JSON.stringify({ variables: { areaId: v.areaId, id: v.id } }) }), check: serviceChecks.DETAIL },
      TRANSITION: { build: (v) => ({ path: '/transition', body: JSON.stringify({ variables: v.input }) }), check: serviceChecks.TRANSITION },
    },
    'limit-bare': {
      label: 'limit, bare (http + pg, simplified rules, no rate limit, no engine)',
      cmd: [process.execPath, [path.join(BENCH_DIR, 'servers/limit-bare.mjs')]],
      env: { PORT: '4103', AUTH_JWKS_PATH: key.jwksFile },
      port: 4103,
      scenarios: SCENARIOS,
      LIST: { build: (v) => ({ path: '/list', body: JSON.stringify({ variables: { areaId: v.areaId, state: v.state, first: PAGE } }) }), check: serviceChecks.LIST },
      DETAIL: { build: (v) => ({ path: '/detail', body: JSON.stringify({ variables: { areaId: v.areaId, id: v.id } }) }), check: serviceChecks.DETAIL },
      TRANSITION: { build: (v) => ({ path: '/transition', body: JSON.stringify({ variables: v.input }) }), check: serviceChecks.TRANSITION },
    },
    postgraphile: {
      label: 'PostGraphile 5 (peer): token, row-level security, computed columns',
      // Node 22 of bench/node_modules, looked up only when it starts.
      get cmd() {
        return [fs.realpathSync(path.join(BENCH_DIR, 'node_modules/.bin/node')), [path.join(BENCH_DIR, 'servers/postgraphile.mjs')]];
      },
      env: { PORT: '4102', NODE_ENV: 'production', PEER_FAIR: '1', AUTH_JWKS_PATH: key.jwksFile, AUTH_ISSUER: 'triada-bench', AUTH_AUDIENCE: 'triada' },
      port: 4102,
      // Its policies, viewer functions and computed columns, written again before it starts; it connects as the role they bind.
      prepare: async (db) => log(`  row-level security and computed columns applied: ${JSON.stringify(await preparePeerDatabase(db.client))}`),
      databaseUrl: peerDatabaseUrl,
      scenarios: SCENARIOS.filter((s) => s === 'LIST' || s === 'DETAIL'),
      LIST: {
        build: (v) => graphql(PEER_LIST)({ areaId: v.areaId, state: v.state, first: PAGE }),
        check: (res) => ok(res.data?.allProposals?.nodes?.length === PAGE && res.data.allProposals.nodes.every((n) =>
          n.personByAreaIdAndAuthorId?.name && typeof n.stageLabel === 'string' && n.workflowEventsByAreaIdAndProposalId.nodes.length <= 5 && n.availableTransitions?.nodes?.every(isOption))),
      },
      DETAIL: {
        build: (v) => graphql(PEER_DETAIL)({ areaId: v.areaId, id: v.id }),
        check: (res, v) => {
          const p = res.data?.proposalByAreaIdAndRowId;
          return ok(p?.rowId === v.id && p.workflowEventsByAreaIdAndProposalId.nodes.length > 0 && p.bodyByAreaIdAndWorkingGroupId.activeMemberships.nodes.length > 0);
        },
      },
    },
    'postgraphile-bare': {
      label: 'PostGraphile 5 (peer), bare: no token, no row-level security',
      get cmd() {
        return [fs.realpathSync(path.join(BENCH_DIR, 'node_modules/.bin/node')), [path.join(BENCH_DIR, 'servers/postgraphile.mjs')]];
      },
      env: { PORT: '4104', NODE_ENV: 'production' },
      port: 4104,
      scenarios: SCENARIOS.filter((s) => s === 'LIST' || s === 'DETAIL'),
      LIST: {
        build: (v) => graphql(BARE_PEER_LIST)({ areaId: v.areaId, state: v.state, first: PAGE }),
        check: (res) => ok(res.data?.allProposals?.nodes?.length === PAGE && res.data.allProposals.nodes.every((n) => n.personByAreaIdAndAuthorId?.name)),
      },
      DETAIL: {
        build: (v) => graphql(BARE_PEER_DETAIL)({ areaId: v.areaId, id: v.id }),
        check: (res, v) => ok(res.data?.proposalByAreaIdAndRowId?.rowId === v.id && res.data.proposalByAreaIdAndRowId.workflowEventsByAreaIdAndProposalId.nodes.length > 0),
      },
    },
  };
}

// ---------------------------------------------------------------- fixtures: who asks for what

async function loadFixtures(db) {
  const areas = (
    await db.query(`select pa.id, pe.subject from planning_area pa join area_role r on r.area_id = pa.id and r.role = 'COORDINATOR'
      join person pe on pe.area_id = r.area_id and pe.id = r.person_id where pe.subject like 'bench-%' order by pa.name`)
  ).rows;
  if (areas.length === 0) throw new Error('No benchmark data in this database: run `npm run bench:data` first');
  const coordinator = new Map(areas.map((a) => [a.id, a.subject]));
  const details = (await db.query(`select id, area_id from proposal order by md5(id::text) limit 5000`)).rows.map((r) => ({ id: r.id, areaId: r.area_id, subject: coordinator.get(r.area_id) }));
  const lists = [];
  for (const state of STATES) for (const a of areas) lists.push({ areaId: a.id, state, subject: a.subject });
  return { areas, details, lists };
}

/** Proposals that can go back and forth (SUBMIT by the author, RETURN by the group's chair), with their current versions. */
async function loadTransitionPool(db) {
  const { rows } = await db.query(`
    select p.id, p.state, p.version, a.subject as author, c.subject as chair
    from proposal p
    join person a on a.area_id = p.area_id and a.id = p.author_id
    join membership m on m.area_id = p.area_id and m.body_id = p.working_group_id and m.role = 'CHAIR' and m.valid_to is null
    join person c on c.area_id = m.area_id and c.id = m.person_id
    where p.state in ('DRAFT', 'WORKING_GROUP') and a.subject like 'bench-%'
    order by md5(p.id::text)`);
  return rows.map((r) => ({ ...r, busy: false, dead: false }));
}

class TransitionPool {
  constructor(rows) {
    this.rows = rows;
    this.next = 0;
  }

  take() {
    for (let n = 0; n < this.rows.length; n++) {
      const p = this.rows[this.next++ % this.rows.length];
      if (!p.busy && !p.dead) {
        p.busy = true;
        return p;
      }
    }
    throw new Error('transition pool exhausted');
  }
}

// ---------------------------------------------------------------- measuring

function procStat(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK, rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

async function statementCounter(db) {
  const has = (await db.query(`select count(*)::int as n from pg_extension where extname = 'pg_stat_statements'`)).rows[0].n > 0;
  if (has) {
    try {
      await db.query('select 1 from pg_stat_statements limit 1');
      return {
        method: 'pg_stat_statements (sum of calls, this database, all statements incl. BEGIN/COMMIT)',
        read: async () => Number((await db.query(`select coalesce(sum(calls), 0)::bigint as n from pg_stat_statements
            where dbid = (select oid from pg_database where datname = current_database()) and query not ilike '%pg_stat%'`)).rows[0].n),
      };
    } catch {
      /* not preloaded */
    }
  }
  return {
    method: 'pg_stat_database xact_commit + xact_rollback (transactions, not statements: pg_stat_statements unavailable)',
    read: async () => {
      await db.query('select pg_stat_clear_snapshot()');
      return Number((await db.query(`select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()`)).rows[0].n) - 0;
    },
  };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function waitReady(port, child, seconds = 60) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server on ${port} did not become ready`);
}

/** One autocannon run; every request built with its own variables and its body checked. */
async function drive(target, kind, connections, seconds, fx, pool, tokens, r) {
  const latencies = [];
  const counts = { ok: 0, error: 0, conflictExpected: 0, conflictUnexpected: 0, transitions: 0 };
  let i = 0;
  const pick = () => {
    if (kind !== 'MIXED') return kind;
    const x = r.next();
    return x < 0.375 ? 'LIST' : x < 0.75 ? 'DETAIL' : 'TRANSITION';
  };
  const build = (context) => {
    const k = pick();
    const n = i++;
    let v;
    let subject;
    if (k === 'LIST') {
      v = fx.lists[n % fx.lists.length];
      subject = v.subject;
    } else if (k === 'DETAIL') {
      v = fx.details[n % fx.details.length];
      subject = v.subject;
    } else {
      const p = pool.take();
      const stale = kind === 'MIXED' && r.next() < 0.03;
      const submit = p.state === 'DRAFT';
      subject = submit ? p.author : p.chair;
      v = { input: { proposalId: p.id, event: submit ? 'SUBMIT' : 'RETURN', expectedVersion: stale ? p.version - 1 : p.version, ...(submit ? {} : { reason: REASON }) }, p, stale };
    }
    context.k = k;
    context.v = v;
    context.t0 = performance.now();
    const req = target[k].build(v);
    return { method: 'POST', path: req.path, body: req.body, headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens(subject)}` } };
  };
  const onResponse = (status, body, context) => {
    latencies.push(performance.now() - context.t0);
    const { k, v } = context;
    let verdict = 'error';
    try {
      verdict = status === 200 ? target[k].check(JSON.parse(body), v) : 'error';
    } catch {
      verdict = 'error';
    }
    if (k === 'TRANSITION') {
      counts.transitions++;
      const p = v.p;
      p.busy = false;
      if (verdict === 'ok') {
        const moved = JSON.parse(body).data.transitionProposal;
        p.version = moved.version;
        p.state = moved.state;
      } else if (verdict === 'conflict' && v.stale) {
        counts.conflictExpected++;
        verdict = 'ok';
      } else if (verdict === 'conflict') {
        counts.conflictUnexpected++;
        p.dead = true;
        verdict = 'ok';
      } else {
        p.dead = true;
        if (counts.error < 3) log(`  ${k} failed (${status}): ${String(body).slice(0, 300)}`);
      }
    } else if (verdict !== 'ok' && counts.error < 3) {
      log(`  ${k} failed (${status}): ${String(body).slice(0, 300)}`);
    }
    counts[verdict === 'ok' ? 'ok' : 'error']++;
  };
  const started = performance.now();
  const { default: autocannon } = await import('autocannon');
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}`,
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: 30,
    requests: [{ setupRequest: (_req, context) => build(context), onResponse }],
  });
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { latencies, counts, elapsed, socketErrors: result.errors + result.timeouts + result.non2xx };
}

function round(x, digits = 1) {
  return x === null || x === undefined || Number.isNaN(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits;
}

// ---------------------------------------------------------------- the run

async function runTarget(name, target, db, fx, tokens, counter) {
  const duration = name.startsWith('triada') ? DURATION : PEER_DURATION;
  log(`${target.label}: starting`);
  const [bin, args] = target.cmd;
  const pin = PINNED ? ['taskset', ['-c', '0', bin, ...args]] : [bin, args];
  if (target.prepare) await target.prepare(db);
  const databaseUrl = target.databaseUrl ? target.databaseUrl(db.url) : db.url;
  const child = spawn(pin[0], pin[1], { cwd: ROOT_DIR, env: { ...process.env, ...target.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitReady(target.port, child);
    const atStart = procStat(child.pid);
    const r = prng(7);
    // Warm-up (not measured): JIT, pools, caches.
    for (const k of target.scenarios.filter((s) => s !== 'TRANSITION' && s !== 'MIXED')) await drive(target, k, 10, WARMUP, fx, null, tokens, r);
    const rows = [];
    const runStart = procStat(child.pid);
    const runStarted = Date.now();
    for (const scenario of target.scenarios) {
      for (const connections of CONNECTIONS) {
        const pool = scenario === 'TRANSITION' || scenario === 'MIXED' ? new TransitionPool(await loadTransitionPool(db.client)) : null;
        const sql0 = await counter.read();
        const cpu0 = procStat(child.pid).cpuMs;
        const d = await drive(target, scenario, connections, duration, fx, pool, tokens, r);
        // Requests still in flight when autocannon stops finish before the next scenario reads versions.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const cpu1 = procStat(child.pid).cpuMs;
        const sql1 = await counter.read();
        const n = d.latencies.length;
        const row = {
          target: name, scenario, connections, seconds: round(d.elapsed, 2), requests: n,
          rps: round(n / d.elapsed, 1),
          p50: round(percentile(d.latencies, 50), 2), p95: round(percentile(d.latencies, 95), 2), p99: round(percentile(d.latencies, 99), 2),
          sqlPerRequest: n ? round((sql1 - sql0) / n, 2) : null,
          cpuMsPerRequest: n ? round((cpu1 - cpu0) / n, 3) : null,
          errors: d.counts.error + d.socketErrors,
          conflictsExpected: d.counts.conflictExpected, conflictsUnexpected: d.counts.conflictUnexpected, transitions: d.counts.transitions,
        };
        rows.push(row);
        log(`  ${scenario.padEnd(10)} c=${String(connections).padStart(2)}  ${row.rps} req/s  p50 ${row.p50} p95 ${row.p95} p99 ${row.p99} ms  sql/req ${row.sqlPerRequest}  cpu ${row.cpuMsPerRequest} ms/req  errors ${row.errors}  conflicts ${row.conflictsExpected}+${row.conflictsUnexpected}`);
      }
    }
    const atEnd = procStat(child.pid);
    return {
      rows,
      memory: {
        rssAfterStartMb: round(atStart.rssMb), rssRunStartMb: round(runStart.rssMb), rssRunEndMb: round(atEnd.rssMb), peakRssMb: round(atEnd.hwmMb),
        growthPct: round(((atEnd.rssMb - runStart.rssMb) / runStart.rssMb) * 100), runSeconds: round((Date.now() - runStarted) / 1000, 0),
      },
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  }
}

function machine(dbVersion) {
  const cpu = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model;
  const node22 = execFileSync(path.join(BENCH_DIR, 'node_modules/.bin/node'), ['-v']).toString().trim();
  return { cores: os.cpus().length, cpu, ramGb: round(os.totalmem() / 2 ** 30), node: process.version, postgraphileNode: node22, postgres: dbVersion, kernel: os.release() };
}

function fmt(x) {
  return x === null || x === undefined ? '–' : String(x);
}

/** The issue's targets for the committed table, judged on this run's figures. */
function targets10(result, byKey) {
  const at = (target, scenario) => byKey.get(`${target}/${scenario}/10`);
  const list = at('triada', 'LIST');
  const peerList = at('postgraphile', 'LIST');
  const tr = at('triada', 'TRANSITION');
  const limitTr = at('limit', 'TRANSITION');
  const mem = result.memory.triada;
  const judge = (value, ok, goal) => ({ value, goal, verdict: value === null || value === undefined ? 'not measured' : ok ? 'met' : 'missed' });
  const x = (v) => (v === null || v === undefined ? null : `${v.toFixed(2)}×`);
  const q = (a, b) => (a !== undefined && b !== undefined && b ? a / b : null);
  return [
    ['LIST req/s at 10 connections ÷ PostGraphile', judge(x(q(list?.rps, peerList?.rps)), q(list?.rps, peerList?.rps) >= 1, '≥ 1.00×')],
    ['LIST p99 at 10 connections ÷ PostGraphile', judge(x(q(list?.p99, peerList?.p99)), q(list?.p99, peerList?.p99) <= 1, '≤ 1.00×')],
    ['TRANSITION req/s at 10 connections ÷ limit', judge(x(q(tr?.rps, limitTr?.rps)), q(tr?.rps, limitTr?.rps) >= 0.8, '≥ 0.80×')],
    ['TRANSITION p99 at 10 connections', judge(tr ? `${tr.p99} ms` : null, tr?.p99 < 50, '< 50 ms')],
    ['service RSS at the end of the run', judge(mem ? `${mem.rssRunEndMb} MB (peak ${mem.peakRssMb} MB)` : null, mem?.rssRunEndMb < 250, '< 250 MB')],
    ['service RSS growth over the run', judge(mem ? `${mem.growthPct}%` : null, mem?.growthPct < 10, '< 10%')],
  ];
}

function markdown(result) {
  const byKey = new Map(result.rows.map((r) => [`${r.target}/${r.scenario}/${r.connections}`, r]));
  const ratio = (a, b) => (a !== null && a !== undefined && b ? `${(a / b).toFixed(2)}×` : '–');
  const lines = [
    `| server | scenario | conn | req/s | p50 ms | p95 ms | p99 ms | SQL/req | CPU ms/req | errors | conflicts (expected+unexpected) | req/s ÷ limit | p99 ÷ limit | req/s ÷ PostGraphile | p99 ÷ PostGraphile |`,
    `| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
  ];
  for (const r of result.rows) {
    const limit = byKey.get(`limit/${r.scenario}/${r.connections}`);
    const peer = byKey.get(`postgraphile/${r.scenario}/${r.connections}`);
    const self = (name, value) => (r.target === name ? '1.00×' : value);
    lines.push(
      `| ${r.target} | ${r.scenario} | ${r.connections} | ${fmt(r.rps)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.sqlPerRequest)} | ${fmt(r.cpuMsPerRequest)} | ${r.errors} | ${r.transitions ? `${r.conflictsExpected}+${r.conflictsUnexpected}` : '–'} | ${self('limit', ratio(r.rps, limit?.rps))} | ${self('limit', ratio(r.p99, limit?.p99))} | ${self('postgraphile', ratio(r.rps, peer?.rps))} | ${self('postgraphile', ratio(r.p99, peer?.p99))} |`,
    );
  }
  lines.push('', '| server | RSS after start MB | RSS at run start MB | RSS at run end MB | growth | peak RSS MB | run s |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, m] of Object.entries(result.memory)) {
    lines.push(`| ${name} | ${m.rssAfterStartMb} | ${m.rssRunStartMb} | ${m.rssRunEndMb} | ${m.growthPct}% | ${m.peakRssMb} | ${m.runSeconds} |`);
  }
  lines.push('', '| target | this run | goal | verdict |', '| --- | ---: | ---: | --- |');
  for (const [name, t] of targets10(result, byKey)) lines.push(`| ${name} | ${t.value ?? '–'} | ${t.goal} | ${t.verdict} |`);
  return lines.join('\n');
}

/** What a run with these settings does, for --dry-run. */
function plan(named, chosen) {
  const seconds = (name) => WARMUP + named[name].scenarios.length * CONNECTIONS.length * (name.startsWith('triada') ? DURATION : PEER_DURATION);
  const minutes = (s) => `about ${Math.max(1, Math.round(s / 60))} min`;
  const dataset = process.env.DATABASE_URL
    ? 'DATABASE_URL'
    : `the embedded PostgreSQL in ${DATA_DIR}${fs.existsSync(path.join(DATA_DIR, 'dataset.json')) ? '' : ' (its dataset generated first)'}`;
  const total = chosen.reduce((sum, name) => sum + seconds(name), 0);
  return [
    `bench: ${chosen.join(', ')} on ${dataset}, ${minutes(total)} of measuring`,
    ...chosen.map((name) => `  ${name}: ${named[name].scenarios.join(', ')} at ${CONNECTIONS.join(', ')} connections, ${minutes(seconds(name))}`),
  ];
}

async function main() {
  const started = Date.now();
  // The targets as the settings name them (no key is read for that).
  const named = targets(process.env, {});
  const chosen = listSetting('BENCH_TARGETS', 'triada,limit,postgraphile', Object.keys(named));
  startOrDryRun(() => plan(named, chosen));
  // A clean clone has no data yet: load it first (about a minute), as `npm run bench:data` would.
  if (!process.env.DATABASE_URL && !fs.existsSync(path.join(DATA_DIR, 'dataset.json'))) {
    log('no benchmark dataset in bench/.data yet: generating it first');
    execFileSync(process.execPath, [path.join(BENCH_DIR, 'data.mjs')], { stdio: 'inherit' });
  }
  const dbh = await openBenchDatabase();
  // The load generator (this process) on core 1, every server on core 0; PostgreSQL, started
  // before this, keeps every core.
  if (PINNED) execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  const loadBefore = os.loadavg().map((x) => round(x, 2));
  const client = new pg.Client({ connectionString: dbh.url });
  await client.connect();
  const db = { url: dbh.url, client };
  try {
    const key = benchKey();
    const fx = await loadFixtures(client);
    const tokenCache = new Map();
    const tokens = (subject) => {
      let t = tokenCache.get(subject);
      if (!t) tokenCache.set(subject, (t = signToken(key, subject)));
      return t;
    };
    const counter = await statementCounter(client);
    const dbVersion = (await client.query('show server_version')).rows[0].server_version;
    const dataset = (
      await client.query(`select (select count(*) from planning_area)::int as areas, (select count(*) from municipality)::int as municipalities,
        (select count(*) from body)::int as bodies, (select count(*) from person)::int as people, (select count(*) from membership)::int as memberships,
        (select count(*) from proposal)::int as proposals, (select count(*) from workflow_event)::int as "workflowEvents",
        (select count(*) from meeting)::int as meetings, (select count(*) from agenda_item)::int as "agendaItems"`)
    ).rows[0];
    const all = targets(process.env, key);
    const result = {
      date: new Date().toISOString(),
      settings: { pinned: PINNED, serviceNodeOptions: process.env.BENCH_SERVICE_NODE_OPTIONS ?? null, serviceSecondsPerScenario: DURATION, peerSecondsPerScenario: PEER_DURATION, warmupSeconds: WARMUP, connections: CONNECTIONS, page: PAGE, statements: counter.method, database: dbh.embedded ? 'embedded (bench/.data)' : 'DATABASE_URL' },
      machine: machine(dbVersion),
      dataset,
      rows: [],
      memory: {},
    };
    const sink = chosen.includes('triada-traced') ? await startTraceSink() : null;
    for (const name of chosen) {
      try {
        const { rows, memory } = await runTarget(name, all[name], db, fx, tokens, counter);
        result.rows.push(...rows);
        result.memory[name] = memory;
      } catch (err) {
        log(`${name} failed: ${err.stack ?? err}`);
        result.failed = { ...result.failed, [name]: String(err.message ?? err) };
      }
    }
    if (sink) {
      result.traceBatchesReceived = sink.batches();
      sink.close();
    }
    result.totalSeconds = round((Date.now() - started) / 1000, 0);
    // The machine's load average (1, 5, 15 min) around the run: figures from a busy machine are not comparable.
    result.machine.loadAverage = { before: loadBefore, after: os.loadavg().map((x) => round(x, 2)) };
    result.targets = Object.fromEntries(targets10(result, new Map(result.rows.map((r) => [`${r.target}/${r.scenario}/${r.connections}`, r]))));
    const table = markdown(result);
    const dir = path.join(BENCH_DIR, 'results');
    fs.mkdirSync(dir, { recursive: true });
    // Shorter or partial runs are kept apart from full ones.
    const partial = ['BENCH_TARGETS', 'BENCH_SCENARIOS', 'BENCH_CONNECTIONS'].some((v) => process.env[v]);
    const quick = DURATION < 25 || PEER_DURATION < 15 || partial ? '-quick' : '';
    const file = path.join(dir, `${result.date.slice(0, 10)}${quick}.json`);
    fs.writeFileSync(file, `${JSON.stringify({ ...result, table }, null, 2)}\n`);
    fs.writeFileSync(file.replace(/\.json$/, '.md'), `${table}\n`);
    console.log(`\n${table}\n`);
    log(`written ${path.relative(ROOT_DIR, file)} (and .md) in ${result.totalSeconds} s`);
    if (result.failed) process.exitCode = 1;
  } finally {
    await client.end();
    await dbh.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
