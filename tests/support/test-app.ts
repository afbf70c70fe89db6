import type { WorkflowRegistry } from '../../src/workflows/workflow-registry';
import type { AddressInfo } from 'node:net';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { importJWK, SignJWT, type JWK } from 'jose';
import { Client } from 'pg';
import { createApp, type App } from '../../src/app';
import { createTokenVerifier } from '../../src/auth/token-verifier';
import type { Config } from '../../src/config/config';
import { withDatabase } from '../../src/db/embedded-database';
import { openOrm, type Orm } from '../../src/db/orm';
import { createLogger, type Logger } from '../../src/logger';

export const TEST_ISSUER = 'https://idp.test/realms/triada';
export const TEST_AUDIENCE = 'triada-api';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string; [key: string]: unknown } }>;
}

export interface RequestOptions {
  /** Sign a valid token for this subject. */
  as?: string;
  /** Send exactly this Authorization header value. */
  authorization?: string;
  headers?: Record<string, string>;
}

export interface TestApp {
  url: string;
  /** The connection URL of the app's database, for clients of its own (locks, raw SQL). */
  databaseUrl: string;
  orm: Orm;
  em(): EntityManager;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GraphQLResponse<T>>;
  token(subject: string, claims?: { issuer?: string; audience?: string; expiresIn?: number; key?: JWK }): Promise<string>;
  /** The service itself (its change signals, for tests of live updates). */
  app: App;
  close(): Promise<void>;
}

function testEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest (global setup)`);
  return value;
}

/** Signs a token as the test identity provider would. */
export async function signTestToken(
  subject: string,
  claims: { issuer?: string; audience?: string; expiresIn?: number; key?: JWK } = {},
): Promise<string> {
  const jwk = claims.key ?? (JSON.parse(testEnv('TRIADA_TEST_PRIVATE_JWK')) as JWK);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: jwk.kid ?? 'test-key', typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(claims.issuer ?? TEST_ISSUER)
    .setAudience(claims.audience ?? TEST_AUDIENCE)
    .setIssuedAt(now - 60)
    .setExpirationTime(now + (claims.expiresIn ?? 600))
    .sign(await importJWK(jwk, 'ES256'));
}

/**
 * A database of one's own, dropped by `drop()`: a clone of the migrated template, or with
 * `migrated: false` an empty one (no migration applied).
 */
export async function aTestDatabase({ migrated = true } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = testEnv('TRIADA_TEST_ADMIN_URL');
  const template = testEnv('TRIADA_TEST_TEMPLATE');
  const database = `${template.replace('triada_tpl_', 'triada_t_')}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(migrated ? `create database ${database} template ${template}` : `create database ${database}`);
  await admin.end();
  return {
    url: withDatabase(adminUrl, database),
    async drop() {
      const cleanup = new Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${database} with (force)`);
      await cleanup.end();
    },
  };
}

/** The test settings of the service: JWKS-file tokens, no jobs, no demo data, limits out of the way. */
export function testConfig(databaseUrl: string, overrides: Partial<Config> = {}): Config {
  return {
    nodeEnv: 'test',
    production: false,
    port: 0,
    host: '127.0.0.1',
    dataDir: testEnv('TRIADA_TEST_WORK_DIR'),
    databaseUrl,
    embeddedPort: 0,
    auth: {
      mode: 'jwks-path',
      jwksPath: testEnv('TRIADA_TEST_JWKS_PATH'),
      issuer: TEST_ISSUER,
      audience: TEST_AUDIENCE,
      algorithms: ['ES256', 'RS256'],
      maxTokenLifetimeSeconds: 24 * 3600,
    },
    bootstrapAdminSubject: undefined,
    demoData: false,
    logLevel: 'silent',
    logFormat: 'json',
    materialMaxBytes: 64 * 1024,
    importMaxBytes: 256 * 1024,
    smtpUrl: undefined,
    smtpFrom: 'test@triada.invalid',
    jobs: false,
    compiledReads: true,
    trustProxy: 'loopback',
    hearingCommentsPerHour: 1000,
    mutationsPerMinutePerViewer: 100_000,
    mutationsPerMinutePerAddress: 100_000,
    publicUrl: undefined,
    shutdownGraceSeconds: 5,
    database: { poolMax: 5, acquireTimeoutMs: 10_000, statementTimeoutMs: 30_000 },
    jobsPoolMax: 2,
    metrics: undefined,
    corsOrigins: [],
    corsMaxAgeSeconds: 600,
    otlpEndpoint: undefined,
    otelServiceName: 'triada',
    ...overrides,
  };
}

/**
 * Starts the service on its own database (a clone of the migrated template) on a free port, as it
 * runs in production: real HTTP, real tokens verified against a JWKS file.
 */
export async function startTestApp(overrides: Partial<Config> = {}, services: { workflows?: WorkflowRegistry; liveViewerFreshMs?: number } = {}): Promise<TestApp> {
  const database = await aTestDatabase();
  return serveTestApp(database.url, overrides, () => database.drop(), undefined, services);
}

/** POSTs one GraphQL request to `url`; `options.as` signs a token for that subject. */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: RequestOptions = {},
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.as) headers.authorization = `Bearer ${await signTestToken(options.as)}`;
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: res.status, ...body };
}

/**
 * Serves the service in this process on a migrated database at `databaseUrl`, on a free port;
 * `afterClose` runs once it has stopped (e.g. to drop the database); `logger` replaces the silent
 * one (a test that reads what the service logged).
 */
export async function serveTestApp(
  databaseUrl: string,
  overrides: Partial<Config> = {},
  afterClose?: () => Promise<void>,
  logger: Logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
  services: { workflows?: WorkflowRegistry; liveViewerFreshMs?: number } = {},
): Promise<TestApp> {
  const config = testConfig(databaseUrl, overrides);
  const orm = await openOrm(config.databaseUrl as string, config.database, logger);
  const app = await createApp({ config, orm, verifier: await createTokenVerifier(config.auth), logger, workflows: services.workflows, liveViewerFreshMs: services.liveViewerFreshMs });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/graphql`;

  return {
    url,
    databaseUrl: config.databaseUrl as string,
    orm,
    em: () => orm.em.fork(),
    token: signTestToken,
    app,
    gql<T>(query: string, variables: Record<string, unknown> = {}, options: RequestOptions = {}): Promise<GraphQLResponse<T>> {
      return postGraphQL<T>(url, query, variables, options);
    },
    async close() {
      // Live sockets first (they would hold the server open), then every connection at once.
      await app.stop(0);
      await orm.close(true);
      await afterClose?.();
    },
  };
}

/** The codes of a response's errors, in order. */
export function codes(res: GraphQLResponse<unknown>): string[] {
  return (res.errors ?? []).map((e) => String(e.extensions?.code));
}
