import path from 'node:path';
import type { DatabaseLimits } from '../db/orm';

/** What every token must satisfy, whoever signed it. */
interface TokenRules {
  issuer: string;
  audience: string;
  algorithms: string[];
  /** The longest lifetime accepted: `exp − iat`, and `exp − now` for a token without `iat`. */
  maxTokenLifetimeSeconds: number;
}

/** How the service learns the keys that sign bearer tokens. */
export type AuthConfig =
  | ({ mode: 'jwks-url'; jwksUrl: string } & TokenRules)
  | ({ mode: 'jwks-path'; jwksPath: string } & TokenRules)
  | ({ mode: 'local'; keyPath: string } & TokenRules);

export interface Config {
  nodeEnv: string;
  production: boolean;
  port: number;
  host: string;
  /** Folder for the embedded database and the local signing key. */
  dataDir: string;
  /** Set when an external PostgreSQL is used; otherwise the embedded one serves. */
  databaseUrl: string | undefined;
  embeddedPort: number;
  auth: AuthConfig;
  bootstrapAdminSubject: string | undefined;
  demoData: boolean;
  logLevel: string;
  /**
   * How logs are written: `pretty` (lines for people, development only, and only to a terminal) or
   * `json` (a JSON object a line, for collectors); LOG_FORMAT, `pretty` by default outside production.
   */
  logFormat: LogFormat;
  /** Largest material (document) accepted, in bytes. */
  materialMaxBytes: number;
  /** Largest spreadsheet accepted by `POST /imports/people` (bytes). */
  importMaxBytes: number;
  /** SMTP server for e-mailed notifications; none: notifications stay in the app. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Whether this process runs the background jobs (reminders, notification dispatch). */
  jobs: boolean;
  /** Which proxies' X-Forwarded-For to trust for the client address (Express "trust proxy"). */
  trustProxy: boolean | number | string;
  /** Comments one client address may submit to public hearings per hour. */
  hearingCommentsPerHour: number;
  /** Whether queries a compiled read can answer skip the resolvers (src/reads); the answers are the same either way. */
  compiledReads: boolean;
  /** Mutations one signed-in person may send per minute. */
  mutationsPerMinutePerViewer: number;
  /** Mutations one client address may send per minute (all its people together). */
  mutationsPerMinutePerAddress: number;
  /** The service's address as clients reach it (e.g. behind a proxy), for links it hands out; unset: each request's scheme and host. */
  publicUrl: string | undefined;
  /** On SIGTERM/SIGINT: how long requests in flight may take to finish before their connections are cut. */
  shutdownGraceSeconds: number;
  /** The service's connection pool and statement timeout. */
  database: DatabaseLimits;
  /** Connections of the job queue's own pool at most. */
  jobsPoolMax: number;
  /** Where Prometheus reads `/metrics`; unset: nowhere (nothing is exposed). */
  metrics: MetricsExposure | undefined;
  /** Browser origins allowed to call the API (CORS), exactly as a browser sends them; none by default. */
  corsOrigins: string[];
  /** How long a browser may cache a CORS preflight answer, in seconds. */
  corsMaxAgeSeconds: number;
  /** OTLP/HTTP collector that receives traces (`/v1/traces` is appended); unset: no tracing. */
  otlpEndpoint: string | undefined;
  /** The service name spans carry (OTEL_SERVICE_NAME). */
  otelServiceName: string;
}

/**
 * `/metrics` on a listener of its own (METRICS_PORT, reachable only where that port is), or on the
 * service's port behind a bearer token (METRICS_TOKEN); both may be set.
 */
export interface MetricsExposure {
  port: number | undefined;
  host: string;
  token: string | undefined;
}

export type LogFormat = 'json' | 'pretty';

/** Raised for a configuration the service must not start with; the message says what to change. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOCAL_ISSUER = 'triada-local';
const DEFAULT_AUDIENCE = 'triada';

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function boolVar(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be 1/0 (true/false), got "${raw}"`);
}

/** TRUST_PROXY: a hop count, "true"/"false", or Express's names and CIDRs ("loopback, 10.0.0.0/8"). */
function trustProxyVar(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '') return 'loopback';
  if (/^\d+$/.test(raw)) return Number(raw);
  if (['true', 'false'].includes(raw.toLowerCase())) return raw.toLowerCase() === 'true';
  if (!/^[\w.:/, ]+$/.test(raw)) throw new ConfigError(`TRUST_PROXY must be a hop count, true/false, or names and CIDRs, got "${raw}"`);
  return raw;
}

function urlOrNothing(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/** PUBLIC_URL: an absolute http(s) address, possibly with a path, kept without its trailing slash. */
function publicUrlVar(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const url = urlOrNothing(raw);
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(`PUBLIC_URL must be an http(s) address without query or credentials, e.g. https://kpss.example.cz, got "${raw}"`);
  }
  return url.href.replace(/\/+$/, '');
}

/** METRICS_PORT / METRICS_HOST / METRICS_TOKEN: where `/metrics` is served, if anywhere. */
function metricsVar(env: NodeJS.ProcessEnv, serviceHost: string, servicePort: number): MetricsExposure | undefined {
  const port = env.METRICS_PORT ? intVar(env, 'METRICS_PORT', 0, 0, 65535) : undefined;
  const token = env.METRICS_TOKEN || undefined;
  if (token !== undefined && !/^[\x21-\x7e]{24,256}$/.test(token)) {
    throw new ConfigError('METRICS_TOKEN must be 24 to 256 printable ASCII characters without spaces (e.g. the output of `openssl rand -hex 24`)');
  }
  if (port !== undefined && port !== 0 && port === servicePort) throw new ConfigError('METRICS_PORT must differ from PORT (or use METRICS_TOKEN to serve /metrics on PORT)');
  if (port === undefined && token === undefined) return undefined;
  return { port, host: env.METRICS_HOST || serviceHost, token };
}

/** CORS_ORIGINS: a comma-separated list of origins (`https://kpss.example.cz`), no paths, no wildcard. */
function corsOriginsVar(raw: string | undefined): string[] {
  const listed = (raw ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of listed) {
    const url = urlOrNothing(origin);
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== origin.replace(/\/$/, '')) {
      throw new ConfigError(`CORS_ORIGINS must list origins such as https://kpss.example.cz (scheme, host and port only; no wildcard), got "${origin}"`);
    }
  }
  return listed.map((o) => o.replace(/\/$/, ''));
}

/** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base address (http or https). */
function otlpEndpointVar(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const url = urlOrNothing(raw);
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new ConfigError(`OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) address such as http://otel-collector:4318, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

/** The log level: LOG_LEVEL, or silent under tests and info otherwise. */
export function logLevelOf(env: NodeJS.ProcessEnv = process.env): string {
  return env.LOG_LEVEL ?? ((env.NODE_ENV ?? 'development') === 'test' ? 'silent' : 'info');
}

/**
 * LOG_FORMAT: `json` or `pretty`; unset, `pretty` outside production. Production logs are JSON for
 * its collectors, and pino-pretty, a development dependency, is not installed there: `pretty` is
 * refused.
 */
function logFormatVar(raw: string | undefined, production: boolean): LogFormat {
  if (raw === undefined || raw === '') return production ? 'json' : 'pretty';
  if (raw !== 'json' && raw !== 'pretty') throw new ConfigError(`LOG_FORMAT must be json or pretty, got "${raw}"`);
  if (raw === 'pretty' && production) {
    throw new ConfigError('LOG_FORMAT=pretty is for development: under NODE_ENV=production logs are JSON lines (pino-pretty is not installed there); unset LOG_FORMAT or set it to json');
  }
  return raw;
}

/** Reads and checks the environment once, at start; nothing else reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const production = nodeEnv === 'production';
  const dataDir = path.resolve(env.DATA_DIR ?? '.data');
  const algorithms = (env.AUTH_ALGORITHMS ?? 'RS256,ES256')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  if (algorithms.some((a) => a.toLowerCase() === 'none' || a.startsWith('HS'))) {
    throw new ConfigError('AUTH_ALGORITHMS may list only asymmetric algorithms (RS*, PS*, ES*, EdDSA)');
  }
  // A day by default; an identity provider's access tokens usually live minutes.
  const maxTokenLifetimeSeconds = intVar(env, 'AUTH_MAX_TOKEN_LIFETIME_SECONDS', 24 * 3600, 60, 30 * 24 * 3600);

  let auth: AuthConfig;
  if (env.AUTH_JWKS_URL || env.AUTH_JWKS_PATH) {
    if (env.AUTH_JWKS_URL && env.AUTH_JWKS_PATH) {
      throw new ConfigError('Set either AUTH_JWKS_URL or AUTH_JWKS_PATH, not both');
    }
    if (!env.AUTH_ISSUER || !env.AUTH_AUDIENCE) {
      throw new ConfigError('AUTH_ISSUER and AUTH_AUDIENCE are required with AUTH_JWKS_URL or AUTH_JWKS_PATH');
    }
    auth = env.AUTH_JWKS_URL
      ? { mode: 'jwks-url', jwksUrl: env.AUTH_JWKS_URL, issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE, algorithms, maxTokenLifetimeSeconds }
      : {
          mode: 'jwks-path',
          jwksPath: path.resolve(env.AUTH_JWKS_PATH as string),
          issuer: env.AUTH_ISSUER,
          audience: env.AUTH_AUDIENCE,
          algorithms,
          maxTokenLifetimeSeconds,
        };
  } else {
    if (production) {
      throw new ConfigError(
        'Local authentication mode (no AUTH_JWKS_URL / AUTH_JWKS_PATH) is refused under NODE_ENV=production: configure your identity provider',
      );
    }
    auth = {
      mode: 'local',
      keyPath: path.join(dataDir, 'auth', 'local-signing-key.json'),
      issuer: env.AUTH_ISSUER ?? LOCAL_ISSUER,
      audience: env.AUTH_AUDIENCE ?? DEFAULT_AUDIENCE,
      algorithms: ['ES256'],
      maxTokenLifetimeSeconds,
    };
  }

  const port = intVar(env, 'PORT', 4000, 0, 65535);
  const host = env.HOST ?? '0.0.0.0';
  return {
    nodeEnv,
    production,
    port,
    host,
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedPort: intVar(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    auth,
    bootstrapAdminSubject: env.BOOTSTRAP_ADMIN_SUBJECT || undefined,
    // The demo people have predictable subjects: a production service loads them only when asked.
    demoData: boolVar(env, 'DEMO_DATA', !production),
    logLevel: logLevelOf(env),
    logFormat: logFormatVar(env.LOG_FORMAT, production),
    materialMaxBytes: intVar(env, 'MATERIAL_MAX_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    importMaxBytes: intVar(env, 'IMPORT_MAX_BYTES', 5 * 1024 * 1024, 1024, 50 * 1024 * 1024),
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM ?? 'Triáda <noreply@triada.invalid>',
    jobs: boolVar(env, 'JOBS', true),
    compiledReads: boolVar(env, 'COMPILED_READS', true),
    trustProxy: trustProxyVar(env.TRUST_PROXY),
    hearingCommentsPerHour: intVar(env, 'HEARING_COMMENTS_PER_HOUR', 10, 1, 10_000),
    mutationsPerMinutePerViewer: intVar(env, 'MUTATIONS_PER_MINUTE_PER_VIEWER', 120, 1, 1_000_000),
    mutationsPerMinutePerAddress: intVar(env, 'MUTATIONS_PER_MINUTE_PER_ADDRESS', 600, 1, 1_000_000),
    publicUrl: publicUrlVar(env.PUBLIC_URL),
    shutdownGraceSeconds: intVar(env, 'SHUTDOWN_GRACE_SECONDS', 20, 1, 3600),
    database: {
      poolMax: intVar(env, 'DB_POOL_MAX', 10, 1, 1000),
      acquireTimeoutMs: intVar(env, 'DB_POOL_ACQUIRE_TIMEOUT_MS', 10_000, 100, 600_000),
      statementTimeoutMs: intVar(env, 'DB_STATEMENT_TIMEOUT_MS', 30_000, 0, 3_600_000),
    },
    jobsPoolMax: intVar(env, 'JOBS_POOL_MAX', 3, 1, 100),
    metrics: metricsVar(env, host, port),
    corsOrigins: corsOriginsVar(env.CORS_ORIGINS),
    corsMaxAgeSeconds: intVar(env, 'CORS_MAX_AGE_SECONDS', 600, 0, 86_400),
    otlpEndpoint: otlpEndpointVar(env.OTEL_EXPORTER_OTLP_ENDPOINT),
    otelServiceName: env.OTEL_SERVICE_NAME || 'triada',
  };
}
