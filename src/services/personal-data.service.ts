import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../context';
import { authorize, can } from '../auth/authority';
import { inArea, personResource } from '../auth/resources';
import { Person } from '../entities/person.entity';
import { PlanningArea } from '../entities/planning-area.entity';
import { conflict, notFound, requireId } from '../errors/app-errors';
import { ERASED_PERSON_NAME } from '../schema/person.type';

/**
 * What erasure does to the rows of a table that refer to the erased person:
 * - KEEP: the row stays as it is; it refers to the person by id only, and the API shows a deleted person;
 * - REVOKE_ROLE: current area roles are revoked (the rows stay: that the role was held is a record);
 * - END_SEAT: current seats end today, seats that have not started yet are removed (held seats stay);
 * - DELETE: the rows go (they are about the person and record nothing of the area's decisions).
 */
export type ErasureAction = 'KEEP' | 'REVOKE_ROLE' | 'END_SEAT' | 'DELETE';

/** A table whose columns refer to a person, with what erasure does to its rows and why. */
export interface PersonReference {
  table: string;
  /** The columns holding a person id (the foreign keys to `person`, besides `area_id`). */
  columns: readonly string[];
  onErase: ErasureAction;
  why: string;
  /** Columns the export leaves out (document contents, secrets' hashes): the metadata is the data about the person. */
  omit?: readonly string[];
  /** Order of the exported rows. */
  orderBy: string;
}

/**
 * Every foreign key to `person`, each with its erasure decision. The export walks this list, and a
 * test (tests/security/personal-data.test.ts) fails when the database has a reference to `person`
 * that is not listed here: a new table that refers to people must decide what erasure does to it.
 */
export const PERSON_REFERENCES: readonly PersonReference[] = [
  { table: 'area_role', columns: ['person_id'], onErase: 'REVOKE_ROLE', orderBy: 'created_at, id', why: 'Who held which role when is a record of the area; an erased person holds none from now on.' },
  { table: 'membership', columns: ['person_id'], onErase: 'END_SEAT', orderBy: 'valid_from, id', why: 'That a seat existed (side, vote, dates) is a record of the body; an erased person sits nowhere from now on.' },
  { table: 'proposal', columns: ['author_id'], onErase: 'KEEP', orderBy: 'created_at, id', why: 'A proposal is a public record; its author shows as a deleted person.' },
  { table: 'workflow_event', columns: ['actor_id', 'on_behalf_of_id'], onErase: 'KEEP', orderBy: 'occurred_at, proposal_id, seq', why: 'The append-only, hash-chained history; the chain covers the actor id, never the name.' },
  { table: 'meeting', columns: ['convened_by_id', 'convened_on_behalf_of_id'], onErase: 'KEEP', orderBy: 'starts_at, id', why: 'Who convened a meeting is part of its record.' },
  { table: 'agenda_item', columns: ['presenter_id'], onErase: 'KEEP', orderBy: 'created_at, id', why: 'The agenda of a meeting is part of its record.' },
  { table: 'attendance', columns: ['person_id'], onErase: 'KEEP', orderBy: 'created_at, meeting_id', why: 'Attendance decides quorum and the triad rule of resolutions: a legal record.' },
  { table: 'resolution', columns: ['recorded_by_id'], onErase: 'KEEP', orderBy: 'created_at, id', why: 'Resolutions and their votes are a legal record.' },
  { table: 'minutes', columns: ['drafted_by_id', 'verified_by_id', 'verified_on_behalf_of_id', 'distributed_by_id'], onErase: 'KEEP', orderBy: 'drafted_at, id', why: 'Verified minutes are frozen; who drafted and verified them is part of the record.' },
  { table: 'minutes_recipient', columns: ['person_id'], onErase: 'KEEP', orderBy: 'sent_at, minutes_id', why: 'That minutes went to the members is part of the meeting record.' },
  { table: 'material', columns: ['uploaded_by_id'], onErase: 'KEEP', omit: ['content'], orderBy: 'created_at, id', why: 'Documents of agenda items and proposals belong to the record; the uploader shows as a deleted person.' },
  { table: 'delegation', columns: ['delegate_id', 'for_person_id', 'granted_by_id'], onErase: 'KEEP', orderBy: 'valid_from, id', why: 'Who acted for whom is part of the record of the acts done under it; an erased person holds no delegation from now on (seats end, so it no longer counts).' },
  { table: 'notification', columns: ['person_id'], onErase: 'DELETE', orderBy: 'created_at, id', why: 'Notices addressed to the person: nobody else reads them and they record no decision.' },
  { table: 'calendar_feed', columns: ['person_id'], onErase: 'DELETE', omit: ['secret_sha256'], orderBy: 'created_at, id', why: "The person's own calendar feed links: they open only the person's calendars and record no decision; erased, the person's links stop working." },
  { table: 'goal_guarantor', columns: ['person_id'], onErase: 'KEEP', orderBy: 'created_at, id', why: 'Guarantors are part of the plan; the coordinator assigns a new one.' },
  { table: 'indicator_guarantor', columns: ['person_id'], onErase: 'KEEP', orderBy: 'created_at, id', why: 'Guarantors are part of the plan; the coordinator assigns a new one.' },
  { table: 'indicator_value', columns: ['recorded_by_id'], onErase: 'KEEP', orderBy: 'measured_on, id', why: 'Monitoring values are a record of the plan.' },
  { table: 'hearing', columns: ['opened_by_id'], onErase: 'KEEP', orderBy: 'created_at, id', why: 'The public hearing is a record of the plan.' },
  { table: 'hearing_comment', columns: ['answered_by_id'], onErase: 'KEEP', orderBy: 'created_at, id', why: 'The settlement of comments is a record of the plan (commenters are not linked to people).' },
  { table: 'project_intent_report', columns: ['reported_by_id'], onErase: 'KEEP', orderBy: 'created_at, id', why: 'Progress reports are a record of the action plan.' },
  { table: 'person_erasure', columns: ['person_id', 'erased_by_id'], onErase: 'KEEP', orderBy: 'erased_at, id', why: 'The record of erasures: who erased whom and when, and nothing of the erased data.' },
];

/** `table.column` of every place the export looks for the person (besides the person row and the outbox). */
export const EXPORT_COVERAGE: readonly string[] = [
  'person.id',
  ...PERSON_REFERENCES.flatMap((r) => r.columns.map((c) => `${r.table}.${c}`)),
  'outbox.payload.recipients',
];

const NOT_LINKED = [
  'Public-hearing comments carry an optional author name and e-mail typed by the commenter; they are not linked to people and are not part of this export.',
  'Free text written by others (minutes, resolutions, reasons in the history, risk owners) is not searched for the name.',
];

export interface PersonalDataExport {
  personId: string;
  exportedAt: Date;
  coverage: readonly string[];
  json: string;
}

type Row = Record<string, unknown>;

/** Erasure and export of a person's personal data (issue 5, item 6). */
export class PersonalDataService {
  /**
   * Loads the person for an erasure or an export: another area's or a missing person is
   * NOT_FOUND; in the area, only its admins (and global admins) — for an export also the person.
   */
  private async load(ctx: RequestContext, personId: string, purpose: 'erase' | 'export'): Promise<Person> {
    requireId(ctx.locale, 'personId', personId);
    const person = await ctx.em.findOne(Person, { id: personId });
    if (!person) throw notFound(ctx.locale, 'Person', personId);
    authorize(ctx, purpose === 'erase' ? 'person.erase' : 'person.exportData', personResource(person), 'Person', personId);
    return person;
  }

  /**
   * Blanks the person's personal data in one transaction: name replaced by the deleted-person
   * label, contacts, organisation and login subject removed, current roles revoked and seats
   * ended, their notifications deleted and their id struck from pending outbox messages, and
   * the erasure recorded. Nothing of the workflow history changes. A repeated erasure returns the
   * erased person and writes nothing. Refused (CONFLICT) when the person is the area's last admin,
   * unless a global admin erases.
   */
  async erase(ctx: RequestContext, personId: string): Promise<Person> {
    const found = await this.load(ctx, personId, 'erase');
    if (found.erasedAt) return found;
    return ctx.em.transactional(async (em) => {
      const sql = rawSql(em);
      const { areaId } = found;
      // Admin rows first, then the person, in one order for every erasure and revocation: two
      // admins erasing each other cannot both succeed, nor deadlock.
      const admins = await sql<{ person_id: string; current: boolean }>(
        `select person_id, (valid_from <= ?::date and (valid_to is null or valid_to >= ?::date)) as current
           from area_role where area_id = ? and role = 'ADMIN' and revoked_at is null order by id for update`,
        [ctx.today, ctx.today, areaId],
      );
      await sql(`select 1 from person where area_id = ? and id = ? for update`, [areaId, personId]);
      const person = await em.findOneOrFail(Person, { id: personId }, { refresh: true });
      if (person.erasedAt) return person;

      const current = admins.filter((a) => a.current);
      const lastAdmin = current.some((a) => a.person_id === personId) && current.every((a) => a.person_id === personId);
      if (lastAdmin && !can(ctx.viewer, 'area.leaveWithoutAdmin', inArea(areaId))) {
        throw conflict(
          ctx.locale,
          {
            cs: 'Osoba je posledním správcem oblasti: nejdřív jmenujte jiného správce.',
            en: 'The person is the area\'s last admin: appoint another admin first.',
          },
          { reason: 'LAST_ADMIN' },
        );
      }

      person.name = ERASED_PERSON_NAME.cs;
      person.email = null;
      person.phone = null;
      person.organisation = null;
      person.subject = null;
      person.erasedAt = ctx.now;
      await em.flush();

      for (const ref of PERSON_REFERENCES) await this.applyErasure(sql, ctx, ref, areaId, personId);
      // Pending and dispatched messages: the person's id is struck from their recipients.
      await sql(
        `update outbox set payload = jsonb_set(payload, '{recipients}', coalesce(
            (select jsonb_agg(r) from jsonb_array_elements(payload -> 'recipients') r where r <> to_jsonb(?::text)), '[]'::jsonb))
          where area_id = ? and payload -> 'recipients' @> jsonb_build_array(?::text)`,
        [personId, areaId, personId],
      );
      const by = ctx.viewer.personIn(areaId);
      await sql(
        `insert into person_erasure (area_id, id, person_id, erased_by_id, erased_by_subject, erased_at) values (?, ?, ?, ?, ?, ?)`,
        [areaId, randomUUID(), personId, by?.id ?? null, by ? null : ctx.viewer.subject, ctx.now],
      );
      return person;
    });
  }

  private async applyErasure(sql: RawSql, ctx: RequestContext, ref: PersonReference, areaId: string, personId: string): Promise<void> {
    const column = ref.columns[0];
    switch (ref.onErase) {
      case 'KEEP':
        return;
      case 'DELETE':
        await sql(`delete from ${ref.table} where area_id = ? and ${column} = ?`, [areaId, personId]);
        return;
      case 'REVOKE_ROLE':
        await sql(`update ${ref.table} set revoked_at = ?, updated_at = now() where area_id = ? and ${column} = ? and revoked_at is null`, [ctx.now, areaId, personId]);
        return;
      case 'END_SEAT':
        await sql(`delete from ${ref.table} where area_id = ? and ${column} = ? and valid_from > ?::date`, [areaId, personId, ctx.today]);
        await sql(
          `update ${ref.table} set valid_to = ?::date, updated_at = now() where area_id = ? and ${column} = ? and (valid_to is null or valid_to > ?::date)`,
          [ctx.today, areaId, personId, ctx.today],
        );
        return;
    }
  }

  /** Everything held about the person, as JSON text: the person row and every row that refers to them. */
  async export(ctx: RequestContext, personId: string): Promise<PersonalDataExport> {
    const person = await this.load(ctx, personId, 'export');
    const sql = rawSql(ctx.em);
    const { areaId } = person;
    const area = await ctx.em.findOneOrFail(PlanningArea, { id: areaId });
    const [personRow] = await sql<{ row: Row }>(`select to_jsonb(p) as row from person p where area_id = ? and id = ?`, [areaId, personId]);
    const records: Record<string, Row[]> = {};
    for (const ref of PERSON_REFERENCES) {
      const omit = (ref.omit ?? []).map((c) => ` - '${c}'`).join('');
      const rows = await sql<{ row: Row }>(
        `select to_jsonb(t)${omit} as row from ${ref.table} t where t.area_id = ? and (${ref.columns.map((c) => `t.${c} = ?`).join(' or ')}) order by ${ref.orderBy}`,
        [areaId, ...ref.columns.map(() => personId)],
      );
      records[ref.table] = rows.map((r) => r.row);
    }
    const outbox = await sql<{ row: Row }>(
      `select to_jsonb(o) as row from outbox o where area_id = ? and payload -> 'recipients' @> jsonb_build_array(?::text) order by id`,
      [areaId, personId],
    );
    records.outbox = outbox.map((r) => r.row);
    const exportedAt = ctx.now;
    const document = {
      format: 'triada-personal-data/1',
      exportedAt: exportedAt.toISOString(),
      area: { id: area.id, name: area.name },
      person: personRow?.row ?? null,
      records,
      coverage: EXPORT_COVERAGE,
      notes: NOT_LINKED,
    };
    return { personId, exportedAt, coverage: EXPORT_COVERAGE, json: JSON.stringify(document, null, 2) };
  }
}

type RawSql = <T = Row>(query: string, params: unknown[]) => Promise<T[]>;

/** Raw SQL within the entity manager's transaction (if any). Table and column names come from PERSON_REFERENCES only. */
function rawSql(em: EntityManager): RawSql {
  return <T>(query: string, params: unknown[]) =>
    em.getConnection().execute<T[]>(query, params, 'all', em.getTransactionContext());
}
