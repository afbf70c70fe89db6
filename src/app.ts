import { WorkflowRegistry } from './workflows/workflow-registry';
import http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { guardSubscriptions, permissionRules, permissions } from './auth/permissions';
import { unwrapPlainFields } from './auth/plain-fields';
import { loadFeedViewer } from './auth/calendar-feed-secret';
import { BEARER, InvalidTokenError, UnknownSigningKeyError, type TokenVerifier, type VerifiedToken } from './auth/token-verifier';
import { loadViewer } from './auth/viewer-loader';
import { freshLoadersAfterMutation } from './common/fresh-loaders.middleware';
import { Viewer } from './auth/viewer';
import { pragueDay } from './common/dates';
import type { Config } from './config/config';
import type { LiveContext, RequestContext } from './context';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { WebSocket } from 'ws';
import { listenForChanges } from './data/change-signals';
import { ChangeHub } from './live/change-hub';
import { attachSubscriptionServer, dropSlowSubscriber, subscriptionsOnlyOverWebSocket, type LiveSession } from './live/subscription-server';
import { countSubscriptionStart } from './security/mutation-rate-limit.plugin';
import type { Orm } from './db/orm';
import { AppError, badInput, ErrorCode, internalError, notFound, SERVICE_UNAVAILABLE_RETRY_SECONDS, SERVICE_UNAVAILABLE_TEXT, serviceUnavailable, unauthenticated } from './errors/app-errors';
import { isDatabaseUnavailable, serviceUnavailablePlugin } from './errors/database-unavailable';
import { createFormatError } from './errors/format-error';
import { inputErrorsInRequestLanguage } from './errors/input-errors.plugin';
import { compiledReadsPlugin, type CompiledReads } from './reads/compiled-reads.plugin';
import { localeFromHeader, type Locale, type Text } from './i18n/locale';
import { pingDatabase } from './data/health';
import { Loaders } from './data/loaders';
import type { Logger } from './logger';
import { accessLog } from './observability/access-log.middleware';
import { guardedMetricsRoute } from './observability/metrics-endpoint';
import { createMetrics, uncountedMetrics, type Metrics } from './observability/metrics';
import { observationPlugin } from './observability/observation.plugin';
import { inRequestScope, observationOf, requestIdFrom } from './observability/request-observation';
import { buildTriadaSchema } from './schema/build-schema';
import { cors } from './security/cors';
import { clientAddressOf, protocolOf, type TrustProxy } from './security/upgrade-request';
import { mountGraphiQL } from './security/graphiql';
import { inputHygiene } from './security/input-hygiene';
import { mutationRateLimitPlugin } from './security/mutation-rate-limit.plugin';
import { QUERY_LIMITS, queryProtection } from './security/query-limits';
import { createServices, type Services } from './services/services';

export interface App {
  server: http.Server;
  /** This process's change signals, as its subscriptions receive them. */
  changes: ChangeHub;
  /** The service's Prometheus series (served per METRICS_PORT / METRICS_TOKEN). */
  metrics: Metrics;
  /** Whether queries a compiled read can answer skip the resolvers (src/reads); on unless COMPILED_READS=0. */
  compiledReads: CompiledReads;
  /** Stops taking requests, lets in-flight ones finish (up to the grace period), then stops Apollo. */
  stop(graceMillis?: number): Promise<void>;
}

/** What a client is told of a refused token, by the verifier's reason. */
const TOKEN_REFUSALS: Record<string, Text> = {
  'token expired': { cs: 'Platnost přihlášení vypršela.', en: 'The token has expired.' },
  'token lifetime too long': { cs: 'Přístupový token platí déle, než služba přijímá.', en: 'The access token is valid for longer than this service accepts.' },
  'token invalid': { cs: 'Neplatný přístupový token.', en: 'Invalid access token.' },
};

/**
 * What a client is told of a token whose key id names no key this service trusts: the key it names,
 * the keys trusted (ids only: they are public) and what to do. Data folders are never named.
 */
function unknownSigningKeyText({ tokenKeyId, expectedKeyIds, keySource }: UnknownSigningKeyError): Text {
  const quoted = { cs: expectedKeyIds.map((id) => `„${id}“`).join(', '), en: expectedKeyIds.map((id) => `"${id}"`).join(', ') };
  const signed =
    tokenKeyId === null
      ? { cs: 'Token neuvádí identifikátor klíče (kid)', en: 'The token names no key id (kid)' }
      : { cs: `Token je podepsán klíčem „${tokenKeyId}“`, en: `The token was signed with key "${tokenKeyId}"` };
  if (keySource === 'local') {
    return {
      cs: `${TOKEN_REFUSALS['token invalid'].cs} ${signed.cs}, služba ale přijímá jen tokeny svého místního podpisového klíče ${quoted.cs}. Token byl nejspíš vytvořen s jiným DATA_DIR, než s jakým běží server: spusťte \`npm run token\` se stejným DATA_DIR jako server.`,
      en: `${TOKEN_REFUSALS['token invalid'].en} ${signed.en}, but this service accepts only tokens of its local signing key ${quoted.en}. The token was probably made with another DATA_DIR than the server runs with: run \`npm run token\` with the same DATA_DIR as the server.`,
    };
  }
  const published = { cs: quoted.cs || 'jen klíče bez identifikátoru', en: quoted.en || 'only keys without an id' };
  return tokenKeyId === null
    ? {
        cs: `${TOKEN_REFUSALS['token invalid'].cs} ${signed.cs} a žádný klíč, který poskytovatel identit zveřejňuje (${published.cs}), jej neověřil. Vyžádejte si nový token od poskytovatele identit.`,
        en: `${TOKEN_REFUSALS['token invalid'].en} ${signed.en} and no key the identity provider publishes (${published.en}) verifies it. Get a new token from the identity provider.`,
      }
    : {
        cs: `${TOKEN_REFUSALS['token invalid'].cs} ${signed.cs}, který poskytovatel identit nezveřejňuje (zveřejňuje ${published.cs}). Vyžádejte si nový token od poskytovatele identit.`,
        en: `${TOKEN_REFUSALS['token invalid'].en} ${signed.en}, which the identity provider does not publish (it publishes ${published.en}). Get a new token from the identity provider.`,
      };
}

/** The refusal of a token: its text by the verifier's reason, and for an unknown key a hint machines can read. */
function tokenRefusal(locale: Locale, err: InvalidTokenError): AppError {
  if (err instanceof UnknownSigningKeyError) {
    return unauthenticated(locale, unknownSigningKeyText(err), { reason: 'UNKNOWN_SIGNING_KEY', tokenKeyId: err.tokenKeyId, expectedKeyIds: err.expectedKeyIds });
  }
  return unauthenticated(locale, TOKEN_REFUSALS[err.message] ?? TOKEN_REFUSALS['token invalid']);
}

const FEED_REFUSED: Text = { cs: 'Neplatný nebo zrušený odkaz pro kalendář.', en: 'Invalid or revoked calendar feed link.' };

const TOKEN_IN_URL: Text = {
  cs: 'Přístupový token v adrese se nepřijímá: vydejte si odkaz pro kalendář (issueCalendarFeed) a použijte ?feed=.',
  en: 'Access tokens are not accepted in the URL: issue a calendar feed link (issueCalendarFeed) and use ?feed=.',
};

function throwUnauthenticated(locale: Locale, text: Text): never {
  throw unauthenticated(locale, text);
}

/** The HTTP status of an error code, for the endpoints outside GraphQL; any other code is 500. */
const HTTP_STATUS: Partial<Record<string, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, CONFLICT: 409, SERVICE_UNAVAILABLE: 503 };

/** What the endpoints outside GraphQL tell of an error besides its code: the offending fields, why a token was refused. */
const PLAIN_HTTP_EXTENSIONS = ['fields', 'reason', 'tokenKeyId', 'expectedKeyIds'] as const;

/** A calendar feed is there or not: a malformed body id is no calendar (404). */
const CALENDAR_STATUS: Partial<Record<string, number>> = { BAD_USER_INPUT: 404 };


/** Builds the HTTP server: `/graphql`, `/healthz`, `/readyz`. It is not listening yet. */
export async function createApp(options: {
  config: Config;
  orm: Orm;
  verifier: TokenVerifier;
  logger: Logger;
  schema?: GraphQLSchema;
  /** The services to use; those of createServices() when not given. */
  services?: Services;
  /** Whether the process can serve at all (false while its embedded database is being started again). */
  healthy?: () => boolean;
  /** The metrics to count into; by default a registry of this app's own when /metrics is served (config.metrics), else none. */
  metrics?: Metrics;
  /** The approval workflows compiled in this process (besides what is published in the database, which is always added). */
  workflows?: WorkflowRegistry;
  /** How old (ms) a subscriber's roles may be before an event reads them again (30 s unless given). */
  liveViewerFreshMs?: number;
}): Promise<App> {
  const { config, orm, verifier, logger } = options;
  const workflows = options.workflows ?? new WorkflowRegistry([]);
  const services = options.services ?? createServices();
  // Every published version is compiled and checked now: a stored definition that cannot run stops the start.
  await services.workflows.catchUp(orm.em.fork(), workflows);
  // Permissions first (outermost), then argument hygiene (NFC, no control characters), then the
  // resolver, after which a mutation's loaders forget what they read; the fields declared plain
  // are left unwrapped (see plain-fields.ts).
  const schema = unwrapPlainFields(options.schema ?? (await buildTriadaSchema()), permissionRules, (s) =>
    guardSubscriptions(applyMiddleware(s, permissions, inputHygiene, freshLoadersAfterMutation)),
  );
  const protection = queryProtection();
  const compiledReads: CompiledReads = { enabled: config.compiledReads, answered: 0 };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  const server = http.createServer(app);
  const metrics = options.metrics ?? (config.metrics ? createMetrics(orm, logger) : uncountedMetrics());
  // Every request gets its id, its access-log line and its count first; CORS answers preflights.
  app.use(accessLog(logger, metrics));
  app.use(cors(config.corsOrigins, config.corsMaxAgeSeconds));
  // Body parsers call on outside the request's scope: this enters it again (see request-observation.ts).
  const rescope: express.RequestHandler = (req, _res, next) => {
    const observation = observationOf(req);
    if (observation) inRequestScope(observation, next);
    else next();
  };
  // Responses being written while the service stops tell their client to drop the connection, so
  // that no client sends another request on a connection that is about to close.
  let stopping = false;
  const open = new Set<express.Response>();
  app.use((_req, res, next) => {
    if (stopping) res.set('Connection', 'close');
    open.add(res);
    res.once('close', () => open.delete(res));
    next();
  });

  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: createFormatError(logger),
    includeStacktraceInErrorResponses: false,
    introspection: !config.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    validationRules: protection.validationRules,
    // Shutdown order is ours (src/main.ts): requests, then Apollo, then the database.
    stopOnTerminationSignals: false,
    plugins: [
      // Apollo's own landing page loads from a CDN; development gets GraphiQL from npm instead.
      ApolloServerPluginLandingPageDisabled(),
      // No response is cacheable (every answer depends on the viewer), and the default cache-control
      // plugin would wrap every field's resolver to collect hints nobody reads.
      ApolloServerPluginCacheControlDisabled(),
      ...(protection.plugins as Array<ApolloServerPlugin<RequestContext>>),
      mutationRateLimitPlugin({ perViewerPerMinute: config.mutationsPerMinutePerViewer, perAddressPerMinute: config.mutationsPerMinutePerAddress }),
      serviceUnavailablePlugin(),
      subscriptionsOnlyOverWebSocket(),
      inputErrorsInRequestLanguage(),
      observationPlugin(),
      compiledReadsPlugin(schema, compiledReads),
    ],
  });
  await apollo.start();

  // Liveness: the process can serve, now or once its database is back (an external database's
  // outage is /readyz's to report: restarting this process would not help it).
  app.get('/healthz', (_req, res) => {
    if (options.healthy && !options.healthy()) res.status(503).json({ status: 'embedded database down; starting it again' });
    else res.json({ status: 'ok' });
  });
  if (config.metrics?.token) app.get('/metrics', guardedMetricsRoute(metrics, config.metrics.token, logger));
  app.get('/readyz', async (_req, res) => {
    try {
      await pingDatabase(orm.em);
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });

  /**
   * One request context per request: viewer from the bearer token (or, for calendar feeds only, from
   * a feed secret), a forked EntityManager, locale, day. Expected refusals (a bad token, the database
   * away) keep their code; anything else is logged with the request id and reaches the client
   * masked, never as a bare 500.
   */
  async function buildContext(req: express.Request, credentials: { feedSecret?: string } = {}): Promise<RequestContext> {
    const observation = observationOf(req);
    const requestId = observation?.requestId ?? requestIdFrom(req.headers['x-request-id']);
    const locale = localeFromHeader(req.headers['accept-language']);
    try {
      const context = await createContext(req, requestId, locale, credentials.feedSecret);
      if (observation) observation.personIds = context.viewer.people.map((p) => p.id);
      return context;
    } catch (err) {
      if (err instanceof AppError) throw err;
      // The viewer is read from the database; while it is out of reach, say so (503), not 500.
      if (isDatabaseUnavailable(err)) throw serviceUnavailable(locale);
      logger.child({ requestId }).error({ err }, 'unexpected error while building the request context');
      throw internalError(requestId);
    }
  }

  async function createContext(req: express.Request, requestId: string, locale: Locale, feedSecret: string | undefined): Promise<RequestContext> {
    const now = new Date();
    const today = pragueDay(now);
    const em = orm.em.fork();
    const requestLogger = logger.child({ requestId });
    let viewer = Viewer.anonymous();
    const header = req.headers.authorization;
    if (feedSecret !== undefined) {
      // A calendar application's link: the feed's person, read-only; the header, if any, is not asked.
      viewer = (await loadFeedViewer(em, feedSecret, today)) ?? throwUnauthenticated(locale, FEED_REFUSED);
    } else if (header !== undefined) {
      const match = BEARER.exec(header);
      if (!match?.[1]) throw unauthenticated(locale, { cs: 'Neplatná hlavička Authorization.', en: 'Malformed Authorization header.' });
      const { subject } = await verifyBearer(match[1], locale, requestLogger);
      viewer = await loadViewer(em, subject, today);
    }
    return contextOf({ requestId, locale, viewer, em, now, logger: requestLogger, clientAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown', publicBaseUrl: publicBaseUrlOf(req.protocol, req.get('host')) });
  }

  /** A bearer token's subject and expiry; a refused token is UNAUTHENTICATED with the reason's text. */
  async function verifyBearer(token: string, locale: Locale, requestLogger: Logger): Promise<VerifiedToken> {
    try {
      return await verifier.verifyToken(token);
    } catch (err) {
      if (!(err instanceof InvalidTokenError)) throw err;
      const keys = err instanceof UnknownSigningKeyError ? { tokenKeyId: err.tokenKeyId, expectedKeyIds: err.expectedKeyIds } : {};
      requestLogger.info({ reason: err.message, ...keys }, 'token refused');
      throw tokenRefusal(locale, err);
    }
  }

  function publicBaseUrlOf(protocol: string, host: string | undefined): string {
    return config.publicUrl ?? `${protocol}://${host ?? 'localhost'}`;
  }

  /** A request's context from who asks and how; the rest is the deployment's. */
  function contextOf(c: Pick<RequestContext, 'requestId' | 'locale' | 'viewer' | 'em' | 'now' | 'logger' | 'clientAddress' | 'publicBaseUrl'>): RequestContext {
    return {
      ...c,
      today: pragueDay(c.now),
      loaders: new Loaders(c.em),
      services,
      limits: { hearingCommentsPerHour: config.hearingCommentsPerHour },
      workflows,
    };
  }

  // Live updates: the database's change signals fanned out to this process's subscriptions (GraphQL over WebSocket on /graphql).
  const changes = new ChangeHub();
  const listener = await listenForChanges(orm.config.get('clientUrl') ?? '', logger.child({ component: 'live' }), (signal) => changes.publish(signal));
  const subscriptions = attachSubscriptionServer({
    server,
    schema,
    logger: logger.child({ component: 'live' }),
    validationRules: protection.validationRules,
    maxTokens: QUERY_LIMITS.maxTokens,
    production: config.production,
    verifyToken: (token) => verifier.verifyToken(token),
    clientAddressOf: (request) => clientAddressOf(request, app.get('trust proxy fn') as TrustProxy),
    publicBaseUrlOf: (request) => publicBaseUrlOf(protocolOf(request, app.get('trust proxy fn') as TrustProxy), request.headers.host),
    formatError: createFormatError(logger),
    liveContext: (session, socket) => liveContextOf(session, socket),
    countSubscription: (ctx) => countSubscriptionStart(ctx, { perViewerPerMinute: config.mutationsPerMinutePerViewer, perAddressPerMinute: config.mutationsPerMinutePerAddress }),
  });

  /** How old a subscriber's roles may be before an event reads them again. */
  const viewerFreshMs = options.liveViewerFreshMs ?? 30_000;

  /** The context of one subscription: renewed for each event, the viewer read again once stale. */
  async function liveContextOf(session: LiveSession, socket: WebSocket): Promise<LiveContext> {
    const requestId = randomUUID();
    const liveLogger = logger.child({ requestId, component: 'live' });
    const load = async (em: EntityManager, now: Date): Promise<Viewer> => (session.subject === null ? Viewer.anonymous() : loadViewer(em, session.subject, pragueDay(now)));
    const now = new Date();
    const em = orm.em.fork();
    let viewerReadAt = now.getTime();
    const ctx: LiveContext = {
      ...contextOf({ requestId, locale: session.locale, viewer: await load(em, now), em, now, logger: liveLogger, clientAddress: session.clientAddress, publicBaseUrl: session.publicBaseUrl }),
      changes,
      async renew() {
        const at = new Date();
        const fresh = orm.em.fork();
        if (at.getTime() - viewerReadAt > viewerFreshMs) {
          ctx.viewer = await load(fresh, at);
          viewerReadAt = at.getTime();
        }
        Object.assign(ctx, { em: fresh, loaders: new Loaders(fresh), now: at, today: pragueDay(at) });
        // The permission rules' answers are kept on the context for one request: each event is a new one.
        delete (ctx as { _shield?: unknown })._shield;
      },
      tooSlow() {
        liveLogger.warn('a subscriber fell behind its events; dropped');
        dropSlowSubscriber(socket);
      },
    };
    return ctx;
  }

  if (!config.production) mountGraphiQL(app, logger);
  // A context that cannot be built (a refused token, the database away) is answered by Apollo
  // before any plugin runs: its code is noted here.
  const graphqlContext = async ({ req }: { req: express.Request }): Promise<RequestContext> => {
    try {
      return await buildContext(req);
    } catch (err) {
      observationOf(req)?.errorCodes.push(err instanceof AppError ? String(err.extensions.code) : ErrorCode.INTERNAL_SERVER_ERROR);
      throw err;
    }
  };
  app.use('/graphql', express.json({ limit: '100kb' }), rescope, expressMiddleware(apollo, { context: graphqlContext }));

  /**
   * Answers a refused or failed request of the plain HTTP endpoints as JSON with its code. `statuses`
   * overrides the status of a code where an endpoint says it otherwise (a calendar that cannot be
   * read is simply not there).
   */
  const sendError = (res: express.Response, thrown: unknown, what = 'request failed', statuses: Partial<Record<string, number>> = {}): void => {
    // The database out of reach is a 503 the client may retry, here as in GraphQL.
    const err = isDatabaseUnavailable(thrown)
      ? new AppError(ErrorCode.SERVICE_UNAVAILABLE, `${SERVICE_UNAVAILABLE_TEXT.cs} / ${SERVICE_UNAVAILABLE_TEXT.en}`)
      : thrown;
    const code = err instanceof AppError ? String(err.extensions.code) : 'INTERNAL_SERVER_ERROR';
    observationOf(res.req)?.errorCodes.push(code);
    const status = statuses[code] ?? HTTP_STATUS[code] ?? 500;
    if (status === 503) {
      logger.warn({ err: thrown }, 'database unavailable');
      res.set('Retry-After', String(SERVICE_UNAVAILABLE_RETRY_SECONDS));
    }
    if (status === 500) logger.error({ err }, what);
    const extra = err instanceof AppError ? Object.fromEntries(PLAIN_HTTP_EXTENSIONS.filter((k) => err.extensions[k] !== undefined).map((k) => [k, err.extensions[k]])) : {};
    res.status(status).json({
      errors: [{ message: status === 500 ? 'Interní chyba serveru / Internal server error' : (err as Error).message, extensions: { code, ...extra } }],
    });
  };

  // Documents too large for a GraphQL request: the raw file as the body, its type in Content-Type.
  app.post('/materials', express.raw({ type: () => true, limit: config.materialMaxBytes }), rescope, async (req, res) => {
    try {
      const ctx = await buildContext(req);
      if (!ctx.viewer.isAuthenticated) throw unauthenticated(ctx.locale);
      const q = req.query as Record<string, unknown>;
      const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
      const material = await services.materials.attach(
        ctx,
        {
          agendaItemId: str(q.agendaItemId),
          proposalId: str(q.proposalId),
          name: str(q.name) ?? '',
          mediaType: (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase(),
          content: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        },
        config.materialMaxBytes,
      );
      res.status(201).json({ data: { id: material.id, name: material.name, version: material.version, sha256: material.sha256, sizeBytes: material.sizeBytes } });
    } catch (err) {
      sendError(res, err);
    }
  });

  /**
   * Imports take the raw file as the body (any Content-Type), up to IMPORT_MAX_BYTES; a dry run
   * by default (`dryRun=false` applies); an import with a problem writes nothing (422, with the
   * same report).
   */
  const importRoute = <R extends { dryRun: boolean; applied: boolean }>(path: string, run: (ctx: RequestContext, content: Buffer, dryRun: boolean, query: Record<string, unknown>) => Promise<R>) =>
    app.post(path, express.raw({ type: () => true, limit: config.importMaxBytes }), rescope, async (req, res) => {
      try {
        const ctx = await buildContext(req);
        if (!ctx.viewer.isAuthenticated) throw unauthenticated(ctx.locale);
        const query = req.query as Record<string, unknown>;
        if (query.dryRun !== undefined && query.dryRun !== 'true' && query.dryRun !== 'false') {
          throw badInput(ctx.locale, [{ field: 'dryRun', text: { cs: 'dryRun je true, nebo false.', en: 'dryRun is true or false.' } }]);
        }
        const report = await run(ctx, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), query.dryRun !== 'false', query);
        res.status(!report.dryRun && !report.applied ? 422 : 200).json({ data: report });
      } catch (err) {
        sendError(res, err);
      }
    });
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');

  // Onboarding from spreadsheets: people and seats from CSV or XLSX.
  importRoute('/imports/people', (ctx, content, dryRun, q) => services.peopleImport.run(ctx, { areaId: text(q.areaId), content, dryRun }));
  // A plan from the JSON that exportPlan writes, as a new draft plan of the area.
  importRoute('/imports/plan', (ctx, content, dryRun, q) => services.planImport.run(ctx, { areaId: text(q.areaId), content, dryRun, workingGroupBodyId: text(q.workingGroupBodyId) || null }));

  app.get('/materials/:id', async (req, res) => {
    try {
      const ctx = await buildContext(req);
      const material = await services.materials.content(ctx, req.params.id);
      res
        .type(material.mediaType)
        .set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(material.name)}`)
        .set('X-Content-Type-Options', 'nosniff')
        .set('Cache-Control', 'private, no-store')
        .set('ETag', `"${material.sha256}"`)
        .send(material.content);
    } catch (err) {
      sendError(res, err);
    }
  });

  // Calendar applications cannot send headers: `?feed=` carries a person's feed secret (read-only,
  // these feeds only). A bearer token is taken from the header alone, never from the URL.
  app.get('/calendar/:file', async (req, res) => {
    const match = /^(me|[0-9a-f-]{36})\.ics$/i.exec(req.params.file);
    const { feed, token } = req.query as Record<string, unknown>;
    try {
      if (!match?.[1]) throw notFound('cs', 'Body');
      const locale = localeFromHeader(req.headers['accept-language']);
      if (token !== undefined) throw unauthenticated(locale, TOKEN_IN_URL);
      if (feed !== undefined && typeof feed !== 'string') throw unauthenticated(locale, FEED_REFUSED);
      const ctx = await buildContext(req, { feedSecret: feed });
      const ics = match[1].toLowerCase() === 'me' ? await services.calendar.personalFeed(ctx) : await services.calendar.bodyFeed(ctx, match[1]);
      res.type('text/calendar; charset=utf-8').set('Cache-Control', 'private, max-age=300').send(ics);
    } catch (err) {
      sendError(res, err, 'calendar feed failed', CALENDAR_STATUS);
    }
  });

  // A body that is not JSON, or too large, gets a JSON error with a code, never an HTML page.
  app.use((err: { status?: number; type?: string }, req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (!err) return next();
    const status = err.status ?? 500;
    observationOf(req)?.errorCodes.push(status === 413 ? 'PAYLOAD_TOO_LARGE' : status >= 400 && status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR');
    if (status === 413) {
      res.status(413).json({ errors: [{ message: 'Požadavek je příliš velký / Request body too large', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
      return;
    }
    if (status >= 400 && status < 500) {
      res.status(status).json({ errors: [{ message: 'Neplatný požadavek / Malformed request', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    logger.error({ err }, 'unexpected HTTP error');
    res.status(500).json({ errors: [{ message: 'Interní chyba serveru / Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  });

  return {
    server,
    changes,
    metrics,
    compiledReads,
    async stop(graceMillis = 10_000) {
      // Stop accepting connections; idle keep-alive ones close now, busy ones when their request
      // has been answered, and whatever still runs after the grace period is cut. Only then may
      // the caller close the database: the requests in flight still need it.
      stopping = true;
      await subscriptions.close();
      changes.close();
      await listener.close();
      for (const res of open) if (!res.headersSent) res.set('Connection', 'close');
      const wasListening = server.listening;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
      const cut = setTimeout(() => server.closeAllConnections(), graceMillis);
      try {
        if (wasListening) await closed;
      } finally {
        clearInterval(idleSweep);
        clearTimeout(cut);
      }
      await apollo.stop();
    },
  };
}
