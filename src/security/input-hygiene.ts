import type { GraphQLResolveInfo } from 'graphql';
import { hasVisibleText } from '../common/text';
import type { IMiddlewareFunction } from 'graphql-middleware';
import type { RequestContext } from '../context';
import { badInput } from '../errors/app-errors';

// C0 and C1 control characters except tab and line breaks; lone UTF-16 surrogates.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a text could have been typed by a person: no control characters, no broken Unicode. */
export function isCleanText(value: string): boolean {
  return !CONTROL.test(value) && !LONE_SURROGATE.test(value);
}

type Problem = { field: string; text: { cs: string; en: string } };

const EMPTY: Problem['text'] = { cs: 'Text nesmí být prázdný ani jen z mezer a neviditelných znaků.', en: 'The text cannot be empty or only spaces and invisible characters.' };

/**
 * Cleans argument values: text is normalised to NFC; text with control characters is refused, and
 * so is non-empty text that says nothing once invisible and format characters are removed (" ",
 * "\u200b"). A required '' is the validators' to refuse (every required String has a minimum length).
 */
/** How deep an argument may nest (lists and objects in JSON values count): far beyond any input of the schema. */
const MAX_DEPTH = 32;

function clean(value: unknown, path: string, problems: Problem[], depth = 0): unknown {
  const field = path.replace(/^input\./, '');
  if (depth > MAX_DEPTH) {
    problems.push({ field, text: { cs: `Hodnota je zanořená hlouběji než ${MAX_DEPTH} úrovní.`, en: `The value nests deeper than ${MAX_DEPTH} levels.` } });
    return value;
  }
  if (typeof value === 'string') {
    if (!isCleanText(value)) {
      problems.push({ field, text: { cs: 'Text obsahuje řídicí znaky nebo poškozený Unicode.', en: 'The text holds control characters or broken Unicode.' } });
      return value;
    }
    // Text that is there must say something ('' is left to the field's own rules: required, or a way to clear).
    if (value.length > 0 && !hasVisibleText(value)) problems.push({ field, text: EMPTY });
    return value.normalize('NFC');
  }
  if (Array.isArray(value)) {
    return value.map((v, i) => clean(v, `${path}.${i}`, problems, depth + 1));
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        // Keys are text too (in JSON values): a control character in one is refused like one in a value.
        if (!isCleanText(k)) problems.push({ field: field || k, text: { cs: 'Klíč obsahuje řídicí znaky nebo poškozený Unicode.', en: 'A key holds control characters or broken Unicode.' } });
        return [k.normalize('NFC'), clean(v, path ? `${path}.${k}` : k, problems, depth + 1)];
      }),
    );
  }
  return value;
}

/**
 * Every argument of every field, before any resolver or validator sees it: text is normalised to
 * Unicode NFC (so "č" typed two ways is one value in searches, uniqueness and hashes), text with
 * control characters or lone surrogates is refused, and so is text that says nothing once
 * invisible and format characters (Unicode Cf, Z, Cc) are removed — all as BAD_USER_INPUT naming
 * the field (as the validators do: `title` for `input.title`).
 */
/** A field's arguments as the middleware hands them on (text in NFC), or null where it would refuse them (compiled reads, src/reads). */
export function cleanedArguments(args: Record<string, unknown>): Record<string, unknown> | null {
  if (Object.keys(args).length === 0) return args;
  const problems: Problem[] = [];
  const cleaned = clean(args, '', problems) as Record<string, unknown>;
  return problems.length ? null : cleaned;
}

export const inputHygiene: IMiddlewareFunction = (resolve, parent, args: Record<string, unknown>, ctx: RequestContext, info: GraphQLResolveInfo) => {
  if (!args || Object.keys(args).length === 0) return resolve(parent, args, ctx, info) as Promise<unknown>;
  const problems: Problem[] = [];
  const cleaned = clean(args, '', problems) as Record<string, unknown>;
  if (problems.length) throw badInput(ctx.locale, problems);
  return resolve(parent, cleaned, ctx, info) as Promise<unknown>;
};
