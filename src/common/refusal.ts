import type { Locale } from '../i18n/locale';
import type { Refusal, RefusalCode } from '../domain/refusal';
import { localize } from '../i18n/locale';

export { RefusalCode, refusal, type Refusal } from '../domain/refusal';

/** Refusals as a client gets them: the code and the message in the request's language. */
export function refusalsFor(locale: Locale, refusals: readonly Refusal[]): Array<{ code: RefusalCode; message: string }> {
  return refusals.map((r) => ({ code: r.code, message: localize(r.text, locale) }));
}

/**
 * The extensions of a refusal: `refusals` with their codes, and `reasons`, the same messages as
 * plain strings (kept for clients written before the codes).
 */
export function refusalExtensions(locale: Locale, refusals: readonly Refusal[]): { refusals: Array<{ code: RefusalCode; message: string }>; reasons: string[] } {
  const coded = refusalsFor(locale, refusals);
  return { refusals: coded, reasons: coded.map((r) => r.message) };
}
