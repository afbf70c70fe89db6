import type http from 'node:http';
import { getOperationAST, GraphQLError, OperationTypeNode, parse, specifiedRules, validate, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApolloServerPlugin } from '@apollo/server';
import type { LiveContext, RequestContext } from '../context';
import { BEARER, InvalidTokenError, type VerifiedToken } from '../auth/token-verifier';
import { ErrorCode, serviceUnavailable } from '../errors/app-errors';
import { isDatabaseUnavailable } from '../errors/database-unavailable';
import { localeFromHeader, localize, type Locale, type Text } from '../i18n/locale';
import type { Logger } from '../logger';

/** Close codes of a socket this service ends (graphql-ws's own are 44xx as well). */
export const LIVE_CLOSE = {
  /** The token was refused when connecting, or has expired since. */
  TOKEN_REFUSED: CloseCode.Unauthorized,
  /** The subscriber fell too far behind its events and was dropped. */
  TOO_SLOW: 4008,
  /** The service is stopping. */
  GOING_AWAY: 1001,
} as const;

/** Subscriptions one socket may hold at once. */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 50;

/** The longest a Node.js timer waits. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What the service holds unread by a client at most before dropping it. */
const MAX_UNREAD_BYTES = 1024 * 1024;

/** The largest message a client may send (a subscription document with its variables). */
const MAX_MESSAGE_BYTES = 100 * 1024;

const TEXTS = {
  tokenExpired: { cs: 'Platnost přihlášení vypršela', en: 'Token expired' },
  tokenRefused: { cs: 'Neplatný přístupový token', en: 'Invalid access token' },
  tooSlow: { cs: 'Odběratel nestíhá', en: 'Subscriber too slow' },
  onlySubscriptions: {
    cs: 'Přes WebSocket jen odběry (subscription); dotazy a změny posílejte přes HTTP.',
    en: 'Only subscriptions go over WebSocket; send queries and mutations over HTTP.',
  },
  subscriptionOverHttp: {
    cs: 'Odběry (subscription) běží přes WebSocket (protokol graphql-ws) na téže adrese, ne přes HTTP.',
    en: 'Subscriptions run over WebSocket (the graphql-ws protocol) at the same address, not over HTTP.',
  },
  tooMany: { cs: `Na jednom spojení nejvýše ${MAX_SUBSCRIPTIONS_PER_SOCKET} odběrů.`, en: `At most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions per connection.` },
} satisfies Record<string, Text>;

/** A close reason in both languages (at most 123 bytes, as WebSocket allows). */
function closeReason(text: Text): string {
  return `${text.en} / ${text.cs}`;
}

/** Who is connected on one socket, as its connection's token said. */
export interface LiveSession {
  /** The token's subject, or null for the public. */
  subject: string | null;
  locale: Locale;
  clientAddress: string;
  publicBaseUrl: string;
}

export interface SubscriptionServerOptions {
  server: http.Server;
  /** The schema with its permissions (the same one HTTP requests run on). */
  schema: GraphQLSchema;
  logger: Logger;
  /** The document limits of HTTP requests (graphql-armor's rules, the parser's token cap). */
  validationRules: ValidationRule[];
  maxTokens: number;
  production: boolean;
  /** Verifies a bearer token: its subject and expiry, or throws InvalidTokenError. */
  verifyToken(token: string): Promise<VerifiedToken>;
  /** The context of one subscription of a session. */
  liveContext(session: LiveSession, socket: WebSocket): Promise<LiveContext>;
  /** Counts the start of a subscription against the session's rate limits; throws RATE_LIMITED when over. */
  countSubscription(ctx: LiveContext): Promise<void>;
  /** Formats an error as HTTP responses do (codes kept, anything unexpected masked). */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** The client address of an upgrade request (behind trusted proxies). */
  clientAddressOf(request: http.IncomingMessage): string;
  publicBaseUrlOf(request: http.IncomingMessage): string;
}

/** The token of a connection's `connectionParams`: `{ Authorization: "Bearer …" }` (any case) or `{ token: "…" }`; undefined for none. */
function tokenOf(params: Readonly<Record<string, unknown>> | undefined): string | null | undefined {
  if (!params) return undefined;
  const header = Object.entries(params).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
  if (header !== undefined && header !== null && header !== '') return typeof header === 'string' ? (BEARER.exec(header)?.[1] ?? null) : null;
  const token = params.token;
  if (token === undefined || token === null || token === '') return undefined;
  return typeof token === 'string' ? token : null;
}

function coded(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

/**
 * GraphQL subscriptions over WebSocket on the HTTP server's port and `/graphql`, with the
 * graphql-ws protocol. A connection is the public's without a token, a person's with a valid one
 * in its `connectionParams`, and refused (closed 4401) with an invalid one; when the token expires
 * the socket is closed (4401, "Token expired"). Only subscriptions run here, under the same
 * document limits and permissions as HTTP requests, each start counted against the rate limits.
 */
export function attachSubscriptionServer(options: SubscriptionServerOptions): { close(): Promise<void>; sockets(): number } {
  const { logger } = options;
  const wss = new WebSocketServer({ server: options.server, path: '/graphql', maxPayload: MAX_MESSAGE_BYTES });
  // A client that sends but does not read (pings answered by pongs it never takes, say) would have
  // the service hold every answer: past a bound, it is dropped like a subscriber too slow for its events.
  wss.on('connection', (socket) => {
    socket.on('message', () => {
      if (socket.bufferedAmount > MAX_UNREAD_BYTES) dropSlowSubscriber(socket);
    });
  });
  const formatErrors = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((e) => {
      const formatted = options.formatError(e.toJSON(), e);
      // The HTTP status and headers of an error (a rate limit's Retry-After) mean nothing on a socket.
      const { http: _http, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    });

  const disposable = useServer<Record<string, unknown>, { session: LiveSession; expiry: NodeJS.Timeout }>(
    {
      isProd: options.production,
      async onConnect(ctx) {
        const { socket, request } = ctx.extra;
        const locale = localeFromHeader(request.headers['accept-language']);
        const base = { locale, clientAddress: options.clientAddressOf(request), publicBaseUrl: options.publicBaseUrlOf(request) };
        const token = tokenOf(ctx.connectionParams);
        if (token === undefined) {
          ctx.extra.session = { subject: null, ...base };
          return true;
        }
        try {
          if (token === null) throw new InvalidTokenError('token invalid');
          const { subject, expiresAt } = await options.verifyToken(token);
          // Gone while its token was checked: no session, no timer left behind.
          if (socket.readyState !== socket.OPEN) return false;
          ctx.extra.session = { subject, ...base };
          // A timer waits at most about 24.8 days; a token valid for longer is looked at again then.
          const closeOnExpiry = (): void => {
            const left = expiresAt.getTime() - Date.now();
            if (left > 0) {
              ctx.extra.expiry = setTimeout(closeOnExpiry, Math.min(left, MAX_TIMER_MS));
              ctx.extra.expiry.unref();
            } else socket.close(LIVE_CLOSE.TOKEN_REFUSED, closeReason(TEXTS.tokenExpired));
          };
          closeOnExpiry();
          return true;
        } catch (err) {
          if (!(err instanceof InvalidTokenError)) logger.error({ err }, 'a subscription connection could not be authenticated');
          else logger.info({ reason: err.message }, 'token refused');
          const expired = err instanceof InvalidTokenError && err.message === 'token expired';
          socket.close(LIVE_CLOSE.TOKEN_REFUSED, closeReason(expired ? TEXTS.tokenExpired : TEXTS.tokenRefused));
          return false;
        }
      },
      onClose(ctx) {
        const { expiry } = ctx.extra;
        if (expiry) clearTimeout(expiry);
      },
      async onSubscribe(ctx, _id, payload) {
        const session = ctx.extra.session;
        if (!session) return [coded('Unauthorized', ErrorCode.UNAUTHENTICATED)];
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_SOCKET) return [coded(localize(TEXTS.tooMany, session.locale), ErrorCode.RATE_LIMITED)];
        let document;
        try {
          document = parse(payload.query, { maxTokens: options.maxTokens });
        } catch (err) {
          return [coded((err as Error).message, 'GRAPHQL_PARSE_FAILED')];
        }
        const invalid = validate(options.schema, document, [...specifiedRules, ...options.validationRules]);
        if (invalid.length > 0) return invalid.map((e) => coded(e.message, (e.extensions.code as string | undefined) ?? 'GRAPHQL_VALIDATION_FAILED'));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [coded('Unable to identify operation', ErrorCode.BAD_REQUEST)];
        if (operation.operation !== OperationTypeNode.SUBSCRIPTION) return [coded(localize(TEXTS.onlySubscriptions, session.locale), ErrorCode.BAD_REQUEST)];
        let contextValue: LiveContext;
        try {
          contextValue = await options.liveContext(session, ctx.extra.socket);
          await options.countSubscription(contextValue);
        } catch (err) {
          // Refused (a rate limit) as it is; the database away is SERVICE_UNAVAILABLE; anything else is logged and masked.
          if (err instanceof GraphQLError) return [err];
          if (isDatabaseUnavailable(err)) return [serviceUnavailable(session.locale)];
          logger.error({ err }, 'a subscription could not start');
          return [coded('Interní chyba serveru / Internal server error', ErrorCode.INTERNAL_SERVER_ERROR)];
        }
        return { schema: options.schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
      },
      onNext(_ctx, _id, _payload, _args, result: ExecutionResult) {
        return result.errors ? { ...result, errors: formatErrors(result.errors) } : undefined;
      },
      onError(_ctx, _id, _payload, errors) {
        return formatErrors(errors);
      },
    },
    wss,
  );
  return {
    sockets: () => wss.clients.size,
    async close() {
      for (const socket of wss.clients) socket.close(LIVE_CLOSE.GOING_AWAY, 'Going away');
      // A client that does not answer the close is cut after a second, not after ws's 30 s.
      const cut = setTimeout(() => {
        for (const socket of wss.clients) socket.terminate();
      }, 1_000);
      try {
        await disposable.dispose();
      } finally {
        clearTimeout(cut);
      }
    },
  };
}

/** Drops a subscriber that fell behind: told why, and cut if it does not take even that. */
export function dropSlowSubscriber(socket: WebSocket): void {
  socket.close(LIVE_CLOSE.TOO_SLOW, closeReason(TEXTS.tooSlow));
  setTimeout(() => socket.terminate(), 1_000).unref();
}

/** A subscription sent over HTTP is refused (BAD_REQUEST) before it runs: subscriptions go over WebSocket. */
export function subscriptionsOnlyOverWebSocket(): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) return Promise.resolve();
          throw new GraphQLError(localize(TEXTS.subscriptionOverHttp, contextValue.locale), { extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } } });
        },
      });
    },
  };
}
