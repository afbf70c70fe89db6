import type { Locale, Text } from '../domain/text';

export type { Locale, Text };

export function localize(text: Text, locale: Locale): string {
  return text[locale];
}

/** Picks the language from an Accept-Language header: the first of cs/en by preference, else Czech. */
export function localeFromHeader(header: string | undefined): Locale {
  if (!header) return 'cs';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.lang === 'cs' || entry.lang === 'en')
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (ranked[0]?.lang as Locale | undefined) ?? 'cs';
}
