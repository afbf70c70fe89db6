import { authorize, can } from '../auth/authority';
import { inArea, personResource } from '../auth/resources';
import { CSV_MEDIA_TYPE, csvDocument } from '../common/csv';
import type { RequestContext } from '../context';
import { AREA_ROLE_LABEL, MEMBERSHIP_ROLE_LABEL, TRIAD_SIDE_LABEL, YES_NO } from '../domain/labels';
import { AreaRole } from '../entities/area-role.entity';
import { Membership } from '../entities/membership.entity';
import { Person } from '../entities/person.entity';
import { requireId } from '../errors/app-errors';
import { localize, type Text } from '../i18n/locale';
import type { AreaService } from './area.service';
import { fileNamePart, textDocument, type ExportedDocument } from './exported-document';

/** Whose list: an area's people, with every seat or only those held today. */
export interface PeopleExportQuery {
  areaId: string;
  activeOnly: boolean;
}

/**
 * The area's people and their seats as a spreadsheet for the coordinator: a row per seat (a person
 * without one gets a row of their own), with the person's organisation and contacts, their roles in
 * the area, and each seat's body, role, side of the triad, vote, whom it represents and its term.
 * Erased people are left out: nothing of them is personal data any more.
 */
export class PeopleExportService {
  constructor(private readonly areas: AreaService) {}

  async csv(ctx: RequestContext, query: PeopleExportQuery): Promise<ExportedDocument> {
    requireId(ctx.locale, 'areaId', query.areaId);
    const area = await this.areas.get(ctx, query.areaId);
    authorize(ctx, 'people.export', inArea(area.id), 'Area', area.id);
    const t = (text: Text) => localize(text, ctx.locale);

    const people = (await ctx.em.find(Person, { areaId: area.id, erasedAt: null }, { populate: ['organisation'] })).sort(
      (a, b) => a.name.localeCompare(b.name, ctx.locale) || a.id.localeCompare(b.id),
    );
    const bodies = new Map((await ctx.loaders.bodiesByArea.load(area.id)).map((b) => [b.id, b] as const));
    const seats = (await ctx.em.find(Membership, { areaId: area.id }, { populate: ['organisation'], orderBy: { validFrom: 'asc', id: 'asc' } })).filter(
      (s) => !query.activeOnly || s.isValidOn(ctx.today),
    );
    const roles = await ctx.em.find(AreaRole, {
      areaId: area.id,
      revokedAt: null,
      validFrom: { $lte: ctx.today },
      $or: [{ validTo: null }, { validTo: { $gte: ctx.today } }],
    });

    const head = [
      t({ cs: 'Jméno', en: 'Name' }),
      t({ cs: 'Organizace', en: 'Organisation' }),
      t({ cs: 'E-mail', en: 'E-mail' }),
      t({ cs: 'Telefon', en: 'Phone' }),
      t({ cs: 'Role v oblasti', en: 'Roles in the area' }),
      t({ cs: 'Orgán', en: 'Body' }),
      t({ cs: 'Role v orgánu', en: 'Role in the body' }),
      t({ cs: 'Strana triády', en: 'Side of the triad' }),
      t({ cs: 'Hlasovací právo', en: 'Voting right' }),
      t({ cs: 'Zastupuje organizaci', en: 'Represents' }),
      t({ cs: 'Členem od', en: 'Seat from' }),
      t({ cs: 'Členem do', en: 'Seat to' }),
      t({ cs: 'ID osoby', en: 'Person id' }),
      t({ cs: 'ID orgánu', en: 'Body id' }),
    ];
    const rows: Array<Array<string | null>> = [];
    for (const person of people) {
      // Contacts by the rule that guards them everywhere (person.readContacts).
      const contacts = can(ctx.viewer, 'person.readContacts', personResource(person));
      const own = [
        person.name,
        person.organisation?.name ?? null,
        contacts ? person.email : null,
        contacts ? person.phone : null,
        roles
          .filter((r) => r.person.id === person.id)
          .map((r) => t(AREA_ROLE_LABEL[r.role]))
          .sort()
          .join(', '),
      ];
      const held = seats
        .filter((s) => s.person.id === person.id)
        .sort((a, b) => (bodies.get(a.body.id)?.name ?? '').localeCompare(bodies.get(b.body.id)?.name ?? '', ctx.locale) || a.validFrom.localeCompare(b.validFrom));
      if (held.length === 0) rows.push([...own, null, null, null, null, null, null, null, person.id, null]);
      for (const s of held) {
        rows.push([
          ...own,
          bodies.get(s.body.id)?.name ?? null,
          t(MEMBERSHIP_ROLE_LABEL[s.role]),
          t(TRIAD_SIDE_LABEL[s.triadSide]),
          t(s.votingRight ? YES_NO.yes : YES_NO.no),
          s.organisation?.name ?? null,
          s.validFrom,
          s.validTo,
          person.id,
          s.body.id,
        ]);
      }
    }
    const what = t({ cs: 'lide-a-clenstvi', en: 'people-and-seats' });
    return textDocument(`${fileNamePart(area.name)}-${what}-${ctx.today}.csv`, CSV_MEDIA_TYPE, csvDocument(head, rows));
  }
}
