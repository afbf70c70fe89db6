import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import type { Logger } from '../logger';
import { withoutLimitsOrHints } from '../security/query-limits';
import { AppError, ErrorCode, SERVICE_UNAVAILABLE_TEXT } from './app-errors';
import { isDatabaseUnavailable } from './database-unavailable';
import { localize, type Locale, type Text } from '../i18n/locale';
import { validationTexts, type FieldText, type ValidationErrorLike } from './validation-text';

/** The refused fields of each input error formatted, in both languages, for `inputErrorsIn` to word in the request's. */
const INPUT_ERRORS = new WeakMap<GraphQLFormattedError, FieldText[]>();

const INVALID_INPUT: Text = { cs: 'Neplatný vstup', en: 'Invalid input' };

/** An input error in one language, or in both (Czech / English) where no request's language is known. */
function inputError(fields: FieldText[], say: (text: Text) => string, extra: Pick<GraphQLFormattedError, 'path'> = {}): GraphQLFormattedError {
  const worded = fields.map((f) => ({ field: f.field, message: say(f.text) }));
  return {
    message: `${say(INVALID_INPUT)}: ${worded.map((f) => `${f.field}: ${f.message}`).join('; ')}`,
    ...extra,
    extensions: { code: ErrorCode.BAD_USER_INPUT, fields: worded },
  };
}

const bothLanguages = (text: Text): string => (text.cs === text.en ? text.cs : `${text.cs} / ${text.en}`);

/**
 * Words the input errors of a response in the request's language (Accept-Language): called once
 * the response is formatted, where the request's context is known. Any other error is left as it is.
 */
export function inputErrorsIn(errors: readonly GraphQLFormattedError[] | undefined, locale: Locale): GraphQLFormattedError[] | undefined {
  return errors?.map((e) => {
    const fields = INPUT_ERRORS.get(e);
    return fields ? inputError(fields, (text) => localize(text, locale), e.path ? { path: e.path } : {}) : e;
  });
}

function rememberedInputError(fields: FieldText[], extra: Pick<GraphQLFormattedError, 'path'> = {}): GraphQLFormattedError {
  const formatted = inputError(fields, bothLanguages, extra);
  INPUT_ERRORS.set(formatted, fields);
  return formatted;
}

/**
 * graphql-js's word for a variable whose value its type refuses (an impossible day for a
 * `LocalDate`, an unknown enum value): `Variable "$input" got invalid value "2026-02-30" at
 * "input.validFrom"; Value is not a valid LocalDate: 2026-02-30`, the path missing when the variable
 * itself is the value. The reason (graphql-js's or the scalar's) has no semicolon, so it is what
 * follows the last one; a message of any other shape is left as Apollo made it.
 */
const INVALID_VARIABLE = /^Variable "\$(\w+)" got invalid value .*?(?: at "\1((?:\.\w+|\[\d+\])+)")?; ([^;]+)$/s;

/**
 * The field a refused variable names, as class-validator's problems name theirs (`validFrom`,
 * `stages.2.key`, or the variable's name when it is the value itself), and why; null for any other error.
 */
function invalidVariable(message: string): FieldText | null {
  const match = INVALID_VARIABLE.exec(message);
  if (!match) return null;
  const [, variable, path, reason] = match as unknown as [string, string, string | undefined, string];
  const at = path ? path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '') : variable;
  const why = withoutLimitsOrHints(reason.trim());
  // A field missing from an input object, or one it does not have: named itself, as class-validator names its fields.
  const missing = /^Field "(\w+)" of required type .* was not provided\.?$/s.exec(why)?.[1];
  if (missing) return { field: path ? `${at}.${missing}` : missing, text: { cs: 'chybí povinná hodnota', en: 'a required value is missing' } };
  const unknown = /^Field "(\w+)" is not defined by type .*$/s.exec(why)?.[1];
  if (unknown) return { field: path ? `${at}.${unknown}` : unknown, text: { cs: 'toto pole vstup nemá', en: 'is not a field of this input' } };
  return { field: at, text: { cs: `neplatná hodnota (${why})`, en: why } };
}

/**
 * Client errors of Apollo's persisted-query (APQ) handling that Apollo Server 5 raises with HTTP 400
 * but without a code, so that they would read as INTERNAL_SERVER_ERROR. Known by their exact text;
 * tests/security/persisted-queries.test.ts notices should a new Apollo word them differently.
 */
const PERSISTED_QUERY_ERRORS: Record<string, { code: ErrorCode; message: string }> = {
  'provided sha does not match query': {
    code: ErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
    message: 'extensions.persistedQuery.sha256Hash není otisk SHA-256 dotazu / extensions.persistedQuery.sha256Hash is not the SHA-256 of the query.',
  },
  'Unsupported persisted query version': {
    code: ErrorCode.BAD_REQUEST,
    message: 'Nepodporovaná verze extensions.persistedQuery.version: jen 1 / Unsupported extensions.persistedQuery.version: only 1 is supported.',
  },
};

/**
 * The last word on what a client sees of an error: a stable code always; for unexpected errors a
 * generic message only (no stack, no SQL), SERVICE_UNAVAILABLE when the database was out of reach;
 * for input validation the offending fields.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code as ErrorCode | undefined;

    if (original instanceof GraphQLError && Array.isArray(original.extensions?.validationErrors)) {
      return rememberedInputError(validationTexts(original.extensions.validationErrors as ValidationErrorLike[]), formatted.path ? { path: formatted.path } : {});
    }

    // A variable its type refuses (Apollo codes it BAD_USER_INPUT): the field named as for any other bad input.
    const refusedVariable = code === ErrorCode.BAD_USER_INPUT && original instanceof GraphQLError && formatted.extensions?.fields === undefined ? invalidVariable(original.message) : null;
    if (refusedVariable) return rememberedInputError([refusedVariable]);

    // Raised before the operation runs, so no path and no code of Apollo's own.
    const persistedQueryError = original instanceof GraphQLError && original.extensions.code === undefined ? PERSISTED_QUERY_ERRORS[original.message] : undefined;
    if (persistedQueryError) return { message: persistedQueryError.message, extensions: { code: persistedQueryError.code } };

    const known = code !== undefined && code !== ErrorCode.INTERNAL_SERVER_ERROR;
    if (original instanceof AppError || (known && original instanceof GraphQLError)) {
      const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message: withoutLimitsOrHints(formatted.message), extensions };
    }

    // The database went away (restart, failover, a killed connection): a code clients can retry on.
    if (isDatabaseUnavailable(original)) {
      logger.warn({ err: original }, 'database unavailable');
      return {
        message: `${SERVICE_UNAVAILABLE_TEXT.cs} / ${SERVICE_UNAVAILABLE_TEXT.en}`,
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }

    if (code !== ErrorCode.INTERNAL_SERVER_ERROR || !(original instanceof GraphQLError)) {
      logger.error({ err: original }, 'unexpected error');
    }
    return {
      message: 'Interní chyba serveru / Internal server error',
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
