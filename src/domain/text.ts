/** Languages of human-facing labels and reasons. Czech is the default. */
export type Locale = 'cs' | 'en';

/** A text in both languages of the product: Czech (the default) and English. */
export interface Text {
  cs: string;
  en: string;
}

/**
 * Characters that show nothing: format characters (Cf: zero-width spaces and joiners, word joiner,
 * byte-order mark), separators (Z: spaces of every width, line and paragraph separators) and
 * control characters (Cc). Text made only of them is no text.
 */
const INVISIBLE = /[\p{Cf}\p{Z}\p{Cc}]/gu;

/** Whether a text says anything once invisible and format characters are removed. */
export function hasVisibleText(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.replace(INVISIBLE, '').length > 0;
}

/** The text when it says anything, else null (a required reason of " \u200b" is no reason). */
export function visibleOrNull(value: string | null | undefined): string | null {
  return hasVisibleText(value) ? (value as string) : null;
}
