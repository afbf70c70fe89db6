import type { RequestContext } from '../context';
import type { Person } from '../entities/person.entity';
import { conflict } from '../errors/app-errors';

/**
 * An erased person (src/services/personal-data.service.ts) stays only where they already acted or
 * sat: nothing new is recorded about them — no role, seat, delegation, guarantorship or agenda item.
 */
export function refuseErased(ctx: RequestContext, person: Pick<Person, 'erasedAt'>, field = 'personId'): void {
  if (person.erasedAt) {
    throw conflict(
      ctx.locale,
      { cs: 'Osobní údaje této osoby byly smazány; nelze jí nic nového přidělit.', en: "This person's personal data was erased; nothing new can be assigned to them." },
      { reason: 'PERSON_ERASED', field },
    );
  }
}
