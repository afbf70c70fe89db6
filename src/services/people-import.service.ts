import { authorize } from '../auth/authority';
import { POLICY } from '../auth/policy';
import { inArea } from '../auth/resources';
import type { RequestContext } from '../context';
import { Loaders } from '../data/loaders';
import { MembershipRole, type TriadSide } from '../domain/enums';
import type { Body } from '../entities/body.entity';
import { Organisation } from '../entities/organisation.entity';
import { Person } from '../entities/person.entity';
import { AppError, badInput, requireId } from '../errors/app-errors';
import type { Text } from '../i18n/locale';
import type { AreaService } from './area.service';
import type { MembershipService } from './membership.service';
import type { OrganisationService } from './organisation.service';
import {
  COLUMN_LABEL,
  folded,
  isEmail,
  NO_WORDS,
  parseDay,
  readSheet,
  ROLE_WORDS,
  SIDE_WORDS,
  UnreadableSheet,
  YES_WORDS,
  type ImportColumn,
  type Sheet,
  type SheetRow,
} from './people-import.parser';
import type { PersonService } from './person.service';

export interface PeopleImportCommand {
  areaId: string;
  /** The file as uploaded: CSV (UTF-8 or Windows-1250, `;` or `,`) or XLSX. */
  content: Buffer;
  /** Only report what would happen; nothing is written. */
  dryRun: boolean;
}

/** One problem of the file, by its row (the header is row 1) and column, in Czech and English. */
export interface ImportProblem {
  row: number;
  /** The column as the file names it (its Czech name when the file lacks it); null for the whole row. */
  column: string | null;
  field: ImportColumn | null;
  code: string;
  value: string | null;
  message: Text;
}

export type PersonOutcome = 'CREATED' | 'MATCHED_BY_EMAIL' | 'SAME_AS_ROW' | 'SKIPPED';
export type OrganisationOutcome = 'CREATED' | 'MATCHED' | 'NONE' | 'SKIPPED';
export type SeatOutcome = 'CREATED' | 'NONE' | 'SKIPPED';

/** What became of one row. Ids of what the import creates are given only when it was applied. */
export interface ImportRowOutcome {
  row: number;
  name: string | null;
  person: PersonOutcome;
  personId: string | null;
  /** For SAME_AS_ROW: the earlier row of the same person. */
  sameAsRow: number | null;
  organisation: OrganisationOutcome;
  organisationId: string | null;
  seat: SeatOutcome;
  bodyId: string | null;
  membershipId: string | null;
}

export interface PeopleImportReport {
  areaId: string;
  dryRun: boolean;
  /** Whether the import was written (never with a problem, never in a dry run). */
  applied: boolean;
  format: Sheet['format'];
  ignoredColumns: string[];
  rows: ImportRowOutcome[];
  problems: ImportProblem[];
  summary: { rows: number; peopleCreated: number; peopleMatched: number; organisationsCreated: number; seatsCreated: number; problems: number };
}

/** A row as read and checked on its own, before anything of the area is asked. */
interface CheckedRow {
  source: SheetRow;
  name: string | null;
  organisation: string | null;
  email: string | null;
  phone: string | null;
  body: Body | null;
  role: MembershipRole;
  side: TriadSide | null;
  voting: boolean | undefined;
  validFrom: string | undefined;
  /** A problem of the person's own cells: the person is not created. */
  personBroken: boolean;
  /** A problem of the seat's cells: the seat is not created. */
  seatBroken: boolean;
}

/** Thrown to roll back a dry run or an import with problems. */
class RollBack extends Error {}

/**
 * Onboarding an area from spreadsheets: people, their organisations and their seats in the area's
 * bodies, for whoever may create people and seats there (`people.import`). Every row goes through
 * the services that create people, organisations and seats, inside one transaction: their rules
 * (nobody seats themselves, erased people get nothing new, terms, one chair, no overlapping seat)
 * judge each row; a rule's refusal becomes a problem of that row. A dry run, or any problem, rolls
 * the whole transaction back: an import is written whole or not at all.
 */
export class PeopleImportService {
  constructor(
    private readonly areas: AreaService,
    private readonly people: PersonService,
    private readonly organisations: OrganisationService,
    private readonly memberships: MembershipService,
  ) {}

  async run(ctx: RequestContext, command: PeopleImportCommand): Promise<PeopleImportReport> {
    requireId(ctx.locale, 'areaId', command.areaId);
    const area = await this.areas.get(ctx, command.areaId);
    authorize(ctx, 'people.import', inArea(area.id), 'Area', area.id);
    let sheet: Sheet;
    try {
      sheet = await readSheet(command.content);
    } catch (err) {
      if (err instanceof UnreadableSheet) throw badInput(ctx.locale, [{ field: 'file', text: err.text }]);
      throw err;
    }

    const problems: ImportProblem[] = [];
    const columnOf = (field: ImportColumn): string => sheet.headers[field] ?? COLUMN_LABEL[field].cs;
    const problem = (row: number, field: ImportColumn | null, code: string, value: string | null, message: Text): void => {
      problems.push({ row, column: field ? columnOf(field) : null, field, code, value, message });
    };
    if (sheet.headers.name === undefined) {
      problem(1, 'name', 'MISSING_COLUMN', null, { cs: 'Chybí sloupec „jméno“ (name).', en: 'The column "name" (jméno) is missing.' });
    }
    if (sheet.headers.body !== undefined && sheet.headers.triadSide === undefined) {
      problem(1, 'triadSide', 'MISSING_COLUMN', null, { cs: 'Chybí sloupec „strana triády“ (triad side).', en: 'The column "triad side" (strana triády) is missing.' });
    }

    const bodies = await ctx.loaders.bodiesByArea.load(area.id);
    const bodyByName = new Map<string, Body>();
    for (const b of bodies) {
      bodyByName.set(folded(b.name), b);
      if (b.shortName) bodyByName.set(folded(b.shortName), b);
    }
    const checked = sheet.rows.map((r) => this.check(r, bodyByName, problem));

    const outcomes: ImportRowOutcome[] = checked.map((c) => ({
      row: c.source.row,
      name: c.name,
      person: 'SKIPPED',
      personId: null,
      sameAsRow: null,
      organisation: c.organisation ? 'SKIPPED' : 'NONE',
      organisationId: null,
      seat: c.body || c.source.cells.body ? 'SKIPPED' : 'NONE',
      bodyId: c.body?.id ?? null,
      membershipId: null,
    }));
    const created = { people: new Set<string>(), organisations: new Set<string>(), seats: new Set<string>() };

    let applied = false;
    try {
      await ctx.em.transactional(async (em) => {
        // The services run on this transaction: each of their own transactions is a savepoint in it.
        const tx: RequestContext = { ...ctx, em, loaders: new Loaders(em) };
        const organisationIds = new Map((await em.find(Organisation, { areaId: area.id })).map((o) => [folded(o.name), o.id] as const));
        const personByEmail = new Map<string, string>();
        for (const p of await em.find(Person, { areaId: area.id, email: { $ne: null } })) if (p.email) personByEmail.set(p.email.toLowerCase(), p.id);
        const earlier = new Map<string, { personId: string; row: number }>();

        for (const [i, c] of checked.entries()) {
          const out = outcomes[i];
          const row = c.source.row;
          if (c.personBroken || c.name === null) continue;

          let organisationId: string | null = null;
          if (c.organisation) {
            const key = folded(c.organisation);
            organisationId = organisationIds.get(key) ?? null;
            if (organisationId) out.organisation = created.organisations.has(organisationId) ? 'CREATED' : 'MATCHED';
            else {
              const name = c.organisation;
              const made = await this.attempt(row, 'organisation', problem, () => this.organisations.create(tx, { areaId: area.id, name }));
              if (!made) continue;
              organisationId = made.id;
              organisationIds.set(key, made.id);
              created.organisations.add(made.id);
              out.organisation = 'CREATED';
            }
            out.organisationId = organisationId;
          }

          const key = c.email ? `e:${c.email}` : `n:${folded(c.name)}`;
          const seen = earlier.get(key);
          let personId: string;
          if (seen) {
            personId = seen.personId;
            out.person = 'SAME_AS_ROW';
            out.sameAsRow = seen.row;
          } else if (c.email && personByEmail.has(c.email)) {
            personId = personByEmail.get(c.email)!;
            out.person = 'MATCHED_BY_EMAIL';
          } else {
            const name = c.name;
            const made = await this.attempt(row, 'name', problem, () =>
              this.people.create(tx, { areaId: area.id, name, email: c.email, phone: c.phone, organisationId }),
            );
            if (!made) continue;
            personId = made.id;
            created.people.add(personId);
            out.person = 'CREATED';
          }
          out.personId = personId;
          if (!seen) earlier.set(key, { personId, row });

          if (!c.body || c.seatBroken || c.side === null) continue;
          const body = c.body;
          const side = c.side;
          const seat = await this.attempt(row, 'body', problem, () =>
            this.memberships.add(tx, {
              bodyId: body.id,
              personId,
              role: c.role,
              triadSide: side,
              votingRight: c.voting,
              validFrom: c.validFrom,
              organisationId,
            }),
          );
          if (!seat) continue;
          created.seats.add(seat.id);
          out.seat = 'CREATED';
          out.membershipId = seat.id;
        }
        if (command.dryRun || problems.length > 0) throw new RollBack();
        applied = true;
      });
    } catch (err) {
      if (!(err instanceof RollBack)) throw err;
    }

    if (!applied) {
      // Nothing of it was written: ids of what would have been created name nothing.
      for (const out of outcomes) {
        if (out.personId && created.people.has(out.personId)) out.personId = null;
        if (out.organisationId && created.organisations.has(out.organisationId)) out.organisationId = null;
        out.membershipId = null;
      }
    }
    problems.sort((a, b) => a.row - b.row);
    return {
      areaId: area.id,
      dryRun: command.dryRun,
      applied,
      format: sheet.format,
      ignoredColumns: sheet.unknownHeaders,
      rows: outcomes,
      problems,
      summary: {
        rows: outcomes.length,
        peopleCreated: outcomes.filter((o) => o.person === 'CREATED').length,
        peopleMatched: outcomes.filter((o) => o.person === 'MATCHED_BY_EMAIL').length,
        organisationsCreated: created.organisations.size,
        seatsCreated: outcomes.filter((o) => o.seat === 'CREATED').length,
        problems: problems.length,
      },
    };
  }

  /** The cells of one row, read and checked on their own; every problem is noted by its column. */
  private check(
    source: SheetRow,
    bodyByName: Map<string, Body>,
    problem: (row: number, field: ImportColumn | null, code: string, value: string | null, message: Text) => void,
  ): CheckedRow {
    const { row, cells } = source;
    const out: CheckedRow = {
      source,
      name: cells.name ?? null,
      organisation: cells.organisation ?? null,
      email: null,
      phone: cells.phone ?? null,
      body: null,
      role: MembershipRole.MEMBER,
      side: null,
      voting: undefined,
      validFrom: undefined,
      personBroken: false,
      seatBroken: false,
    };
    if (!out.name) {
      out.personBroken = true;
      problem(row, 'name', 'MISSING_NAME', null, { cs: 'Chybí jméno.', en: 'The name is missing.' });
    }
    if (cells.email !== undefined) {
      if (isEmail(cells.email)) out.email = cells.email.toLowerCase();
      else {
        out.personBroken = true;
        problem(row, 'email', 'BAD_EMAIL', cells.email, { cs: `„${cells.email}“ není e-mailová adresa.`, en: `"${cells.email}" is not an e-mail address.` });
      }
    }
    const seatCells = (['role', 'triadSide', 'voting', 'validFrom'] as const).filter((f) => cells[f] !== undefined);
    if (cells.body === undefined) {
      // A row without a body creates the person only; seat cells without a body are a mistake.
      for (const f of seatCells) {
        problem(row, f, 'SEAT_WITHOUT_BODY', cells[f] ?? null, {
          cs: 'Údaj o členství bez orgánu: vyplňte orgán, nebo údaj smažte.',
          en: 'A seat detail without a body: fill in the body or clear it.',
        });
      }
      return out;
    }
    const body = bodyByName.get(folded(cells.body));
    if (body) out.body = body;
    else {
      out.seatBroken = true;
      problem(row, 'body', 'UNKNOWN_BODY', cells.body, {
        cs: `Orgán „${cells.body}“ v oblasti není (uveďte jeho název nebo zkratku).`,
        en: `The area has no body "${cells.body}" (give its name or short name).`,
      });
    }
    if (cells.role !== undefined) {
      const role = ROLE_WORDS[folded(cells.role)];
      if (role) out.role = role;
      else {
        out.seatBroken = true;
        problem(row, 'role', 'UNKNOWN_ROLE', cells.role, {
          cs: `Neznámá role „${cells.role}“; známé: předseda, místopředseda, tajemník, člen, host.`,
          en: `Unknown role "${cells.role}"; known: chair, deputy, secretary, member, guest.`,
        });
      }
    }
    if (cells.triadSide === undefined) {
      out.seatBroken = true;
      problem(row, 'triadSide', 'MISSING_SIDE', null, { cs: 'Chybí strana triády.', en: 'The side of the triad is missing.' });
    } else {
      const side = SIDE_WORDS[folded(cells.triadSide)];
      if (side) out.side = side;
      else {
        out.seatBroken = true;
        problem(row, 'triadSide', 'UNKNOWN_SIDE', cells.triadSide, {
          cs: `Neznámá strana triády „${cells.triadSide}“; známé: zadavatel, poskytovatel, uživatel, veřejnost.`,
          en: `Unknown side of the triad "${cells.triadSide}"; known: commissioner, provider, service user, public.`,
        });
      }
    }
    if (cells.voting !== undefined) {
      const word = folded(cells.voting);
      if (YES_WORDS.has(word)) out.voting = true;
      else if (NO_WORDS.has(word)) out.voting = false;
      else {
        out.seatBroken = true;
        problem(row, 'voting', 'BAD_VOTING', cells.voting, { cs: `„${cells.voting}“: uveďte ano, nebo ne.`, en: `"${cells.voting}": write yes or no (ano/ne).` });
      }
    }
    if (cells.validFrom !== undefined) {
      const day = parseDay(cells.validFrom);
      if (day) out.validFrom = day;
      else {
        out.seatBroken = true;
        problem(row, 'validFrom', 'BAD_DATE', cells.validFrom, {
          cs: `„${cells.validFrom}“ není datum (d. m. rrrr nebo rrrr-mm-dd).`,
          en: `"${cells.validFrom}" is not a date (d. m. yyyy or yyyy-mm-dd).`,
        });
      }
    }
    return out;
  }

  /**
   * One service call for a row: its result, or null with the refusal noted as the row's problem.
   * The service's own transaction is a savepoint, rolled back on its refusal; the import goes on
   * to find every problem, and is then rolled back whole.
   */
  private async attempt<T>(
    row: number,
    field: ImportColumn,
    problem: (row: number, field: ImportColumn | null, code: string, value: string | null, message: Text) => void,
    call: () => Promise<T>,
  ): Promise<T | null> {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const { code, reason, field: refused, fields } = err.extensions as { code: string; reason?: string; field?: string; fields?: Array<{ field: string }> };
      if (reason === 'PERSON_ERASED') {
        problem(row, 'email', 'PERSON_ERASED', null, {
          cs: 'Osobní údaje této osoby byly smazány; nelze jí nic nového přidělit.',
          en: "This person's personal data was erased; nothing new can be assigned to them.",
        });
      } else if (code === 'CONFLICT' && refused === 'personId') {
        problem(row, 'body', 'DUPLICATE_SEAT', null, {
          cs: 'Osoba už v tomto orgánu v daném období zasedá (v oblasti nebo na dřívějším řádku).',
          en: 'The person already sits in this body in that period (in the area or on an earlier row).',
        });
      } else if (code === 'CONFLICT' && refused === 'role') {
        problem(row, 'role', 'CHAIR_TAKEN', null, {
          cs: 'Orgán už má v daném období předsedu (v oblasti nebo na dřívějším řádku).',
          en: 'The body already has a chair in that period (in the area or on an earlier row).',
        });
      } else if (code === 'FORBIDDEN' && field === 'body') {
        problem(row, 'body', 'SEAT_REFUSED', null, POLICY['membership.add'].says);
      } else if (code === 'BAD_USER_INPUT' && fields?.some((f) => f.field === 'votingRight')) {
        problem(row, 'voting', 'GUEST_VOTES', null, { cs: 'Host nehlasuje.', en: 'A guest has no vote.' });
      } else {
        problem(row, field, code, null, { cs: err.message, en: err.message });
      }
      return null;
    }
  }
}
