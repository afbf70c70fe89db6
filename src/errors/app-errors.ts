import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { localize, type Locale, type Text } from '../i18n/locale';

/** The stable codes in `extensions.code`. Clients switch on these, never on messages. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  TRANSITION_NOT_ALLOWED = 'TRANSITION_NOT_ALLOWED',
  RATE_LIMITED = 'RATE_LIMITED',
  /** The database is out of reach for the moment (restarting, connection lost); retry, with the same idempotency key. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  /** The request itself is malformed (not JSON, an unsupported persisted-query version); HTTP 400. */
  BAD_REQUEST = 'BAD_REQUEST',
  /** A query sent with `extensions.persistedQuery.sha256Hash` that is not its SHA-256 (the code Apollo Router gives it); HTTP 400. */
  PERSISTED_QUERY_HASH_MISMATCH = 'PERSISTED_QUERY_HASH_MISMATCH',
}

/** One offending input field and what is wrong with it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An expected outcome: it reaches the client with its code; nothing else about the server does. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

const TEXTS = {
  unauthenticated: { cs: 'Přihlaste se.', en: 'Authentication required.' },
  forbidden: { cs: 'K této akci nemáte oprávnění.', en: 'You are not allowed to do this.' },
  notFound: { cs: 'Nenalezeno.', en: 'Not found.' },
  badInput: { cs: 'Neplatný vstup.', en: 'Invalid input.' },
} satisfies Record<string, Text>;

/** `extensions`: more for machines to read beside the code (e.g. why a token was refused). */
export function unauthenticated(locale: Locale, detail?: Text, extensions: Record<string, unknown> = {}): AppError {
  return new AppError(ErrorCode.UNAUTHENTICATED, localize(detail ?? TEXTS.unauthenticated, locale), {
    ...extensions,
    http: { status: 401 },
  });
}

export function forbidden(locale: Locale, detail?: Text): AppError {
  return new AppError(ErrorCode.FORBIDDEN, localize(detail ?? TEXTS.forbidden, locale));
}

/** Too many requests of one kind from one client; HTTP 429 with Retry-After. */
export function rateLimited(locale: Locale, retryAfterSeconds: number): AppError {
  const headers = new HeaderMap([['retry-after', String(retryAfterSeconds)]]);
  return new AppError(
    ErrorCode.RATE_LIMITED,
    localize({ cs: `Příliš mnoho požadavků; zkuste to znovu za ${retryAfterSeconds} s.`, en: `Too many requests; try again in ${retryAfterSeconds} s.` }, locale),
    { retryAfterSeconds, http: { status: 429, headers } },
  );
}

/** Seconds a client should wait before retrying while the database is out of reach. */
export const SERVICE_UNAVAILABLE_RETRY_SECONDS = 5;

export const SERVICE_UNAVAILABLE_TEXT: Text = {
  cs: 'Databáze je dočasně nedostupná; zkuste to prosím za chvíli znovu.',
  en: 'The database is temporarily unavailable; please try again shortly.',
};

/** The database is out of reach; HTTP 503 with Retry-After. */
export function serviceUnavailable(locale: Locale): AppError {
  const headers = new HeaderMap([['retry-after', String(SERVICE_UNAVAILABLE_RETRY_SECONDS)]]);
  return new AppError(ErrorCode.SERVICE_UNAVAILABLE, localize(SERVICE_UNAVAILABLE_TEXT, locale), { http: { status: 503, headers } });
}

/**
 * An unexpected failure, already logged with `requestId`: the client learns nothing but the code and
 * the request id to quote when reporting it. HTTP 500.
 */
export function internalError(requestId: string): AppError {
  return new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'Interní chyba serveru / Internal server error', { requestId, http: { status: 500 } });
}

/** `what` names the kind of object, e.g. "Body"; the id is echoed so that clients can match it. */
export function notFound(locale: Locale, what: string, id?: string): AppError {
  return new AppError(ErrorCode.NOT_FOUND, `${localize(TEXTS.notFound, locale)} (${what}${id ? ` ${id}` : ''})`, {
    entity: what,
  });
}

export function badInput(locale: Locale, fields: Array<{ field: string; text: Text }>): AppError {
  const problems: FieldProblem[] = fields.map((f) => ({ field: f.field, message: localize(f.text, locale) }));
  return new AppError(
    ErrorCode.BAD_USER_INPUT,
    `${localize(TEXTS.badInput, locale)} ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
    { fields: problems },
  );
}

export function conflict(locale: Locale, text: Text, extra: Record<string, unknown> = {}): AppError {
  return new AppError(ErrorCode.CONFLICT, localize(text, locale), extra);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Ids are UUIDs; anything else is refused before it reaches the database. */
export function requireId(locale: Locale, field: string, id: string): void {
  if (!isUuid(id)) {
    throw badInput(locale, [{ field, text: { cs: 'Neplatný identifikátor.', en: 'Malformed id.' } }]);
  }
}
