import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../../src/context';
import { isCleanText, inputHygiene } from '../../src/security/input-hygiene';

/**
 * What every argument goes through before any resolver sees it (../shared/DESIGN.md §8): text as a
 * person could type it — normalised to NFC, no control characters but tab and line breaks, no broken
 * Unicode, and, when there is any, something visible; keys of JSON values likewise; nothing nested
 * past 32 levels. Each problem is BAD_USER_INPUT naming its field (as the validators name it:
 * `title` for `input.title`) in the request's language. Judged on the middleware itself, without a
 * database; tests/security/adversarial.test.ts sends the same through the API.
 */

const info = {} as GraphQLResolveInfo;
/** The middleware as graphql-middleware calls it. */
type Middleware = (resolve: (parent: unknown, args: unknown) => Promise<unknown>, parent: unknown, args: Record<string, unknown>, ctx: RequestContext, info: GraphQLResolveInfo) => Promise<unknown>;
const context = (locale: 'cs' | 'en') => ({ locale }) as unknown as RequestContext;

/** The arguments the resolver receives, or the refusal: its code and each field with its words. */
async function through(args: Record<string, unknown>, locale: 'cs' | 'en' = 'en'): Promise<{ args: unknown } | { code: unknown; fields: unknown; message: string }> {
  try {
    let received: unknown = 'resolver not called';
    await (inputHygiene as unknown as Middleware)(
      (_parent: unknown, given: unknown) => {
        received = given;
        return Promise.resolve(null);
      },
      {},
      args,
      context(locale),
      info,
    );
    return { args: received };
  } catch (err) {
    const e = err as { extensions: { code: unknown; fields: unknown }; message: string };
    return { code: e.extensions.code, fields: e.extensions.fields, message: e.message };
  }
}

const CONTROL = { cs: 'Text obsahuje řídicí znaky nebo poškozený Unicode.', en: 'The text holds control characters or broken Unicode.' };
const EMPTY = { cs: 'Text nesmí být prázdný ani jen z mezer a neviditelných znaků.', en: 'The text cannot be empty or only spaces and invisible characters.' };
const KEY = { cs: 'Klíč obsahuje řídicí znaky nebo poškozený Unicode.', en: 'A key holds control characters or broken Unicode.' };

test('text a person could type passes; control characters (but tab and line breaks) and broken Unicode do not', () => {
  for (const text of ['Sociální šatník', 'řádek\nřádek', 'a\tb', 'a\r\nb', '😀 emoji', '', ' x ']) expect([text, isCleanText(text)]).toEqual([text, true]);
  const refused = ['\u0000', 'a\u0007b', '\u0008', '\u000b', '\u000c', '\u000e', '\u001f', '\u007f', '\u0080', '\u009f', '\ud800', 'a\udc00', '\udc00\ud800', 'x\ud83d'];
  for (const text of refused) expect([text, isCleanText(text)]).toEqual([text, false]);
  expect(isCleanText('\u00a0\u00a0')).toBe(true);
});

test('arguments reach the resolver normalised to NFC, at every depth, keys too; other values untouched', async () => {
  const decomposed = 'c\u030Ce\u0301'; // "čé" typed as letters with combining marks
  const when = new Date('2026-12-03T10:00:00Z');
  const result = await through({ input: { title: decomposed, tags: [decomposed, 7, null, true], when, nested: { [decomposed]: decomposed } }, first: 20 });
  expect(result).toEqual({ args: { input: { title: 'čé', tags: ['čé', 7, null, true], when, nested: { čé: 'čé' } }, first: 20 } });
  expect((result as { args: { input: { when: unknown } } }).args.input.when).toBe(when);
  // No arguments: the resolver gets what was sent, the very same object.
  const none = {};
  expect(((await through(none)) as { args: unknown }).args).toBe(none);
});

test('each problem names its field as the validators do, all of them at once, in the request language', async () => {
  const refused = await through({ input: { title: 'a\u0000', summary: ' \u200b', reason: '', items: ['ok', '\u0007'], params: { 'k\u0001': 'v' } }, id: '\u200b' });
  expect(refused).toEqual({
    code: 'BAD_USER_INPUT',
    fields: [
      { field: 'title', message: CONTROL.en },
      { field: 'summary', message: EMPTY.en },
      { field: 'items.1', message: CONTROL.en },
      { field: 'params', message: KEY.en },
      { field: 'id', message: EMPTY.en },
    ],
    message: `Invalid input. title: ${CONTROL.en}; summary: ${EMPTY.en}; items.1: ${CONTROL.en}; params: ${KEY.en}; id: ${EMPTY.en}`,
  });
  const czech = await through({ input: { title: '\u0000', params: { ['\u0001']: 1 } }, reason: '\u3000' }, 'cs');
  expect(czech).toMatchObject({
    code: 'BAD_USER_INPUT',
    fields: [
      { field: 'title', message: CONTROL.cs },
      { field: 'params', message: KEY.cs },
      { field: 'reason', message: EMPTY.cs },
    ],
  });
  // Only the argument named input is left out of a field's name; a field called input elsewhere stays.
  expect(await through({ filter: { input: { text: '\u0000' } } })).toMatchObject({ fields: [{ field: 'filter.input.text', message: CONTROL.en }] });
  // A key of a top-level argument that is itself an object is named by the key.
  expect(await through({ ['bad\u0002']: 'x' })).toMatchObject({ fields: [{ field: 'bad\u0002', message: KEY.en }] });
});

test('a value nested deeper than 32 levels is refused; 32 are enough for anything the schema takes', async () => {
  const nest = (levels: number): unknown => (levels === 0 ? 'leaf' : { a: nest(levels - 1) });
  const deepList = (levels: number): unknown => (levels === 0 ? 'leaf' : [deepList(levels - 1)]);
  // The argument object itself is level 0: a value 32 levels below it passes, one more does not.
  expect(await through(nest(32) as Record<string, unknown>)).toEqual({ args: nest(32) });
  const refused = await through(nest(33) as Record<string, unknown>, 'cs');
  expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: `${'a.'.repeat(32)}a`.replace(/^input\./, ''), message: 'Hodnota je zanořená hlouběji než 32 úrovní.' }] });
  expect(await through({ list: deepList(31) })).toEqual({ args: { list: deepList(31) } });
  expect(await through({ list: deepList(32) })).toMatchObject({ fields: [{ field: `list${'.0'.repeat(32)}`, message: 'The value nests deeper than 32 levels.' }] });
});
