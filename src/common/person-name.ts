import type { Person } from '../entities/person.entity';
import { localize, type Locale, type Text } from '../i18n/locale';

/** What an erased person is called wherever they appear (actor, author, member, guarantor, recorder). */
export const ERASED_PERSON_NAME: Text = { cs: 'Smazaná osoba', en: 'Deleted person' };

/** The name to show: the person's own, or the deleted-person label in the viewer's language. */
export function displayName(p: Pick<Person, 'name' | 'erasedAt'>, locale: Locale): string {
  return p.erasedAt ? localize(ERASED_PERSON_NAME, locale) : p.name;
}
