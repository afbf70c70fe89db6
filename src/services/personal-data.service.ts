import type { RequestContext } from '../context';
import { authorize, can } from '../auth/authority';
import { inArea, personResource } from '../auth/resources';
import { eraseReferences, insertErasure, lockAreaAdmins, outboxRowsJson, personRowJson, referringRowsJson, strikeFromOutbox, type PersonReference } from '../data/personal-data';
import { lockPerson } from '../data/people';
import { Person } from '../entities/person.entity';
import { PlanningArea } from '../entities/planning-area.entity';
import { conflict, notFound, requireId } from '../errors/app-errors';
import { ERASED_PERSON_NAME } from '../common/person-name';

export type { ErasureAction, PersonReference } from '../data/personal-data';

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
  /** The export as JSON values only (dates as ISO text), ready to serialise. */
  document: unknown;
}

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
      const { areaId } = found;
      // Admin rows first, then the person, in one order for every erasure and revocation: two
      // admins erasing each other cannot both succeed, nor deadlock.
      const admins = await lockAreaAdmins(em, areaId, ctx.today);
      await lockPerson(em, areaId, personId);
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

      for (const ref of PERSON_REFERENCES) await eraseReferences(em, ref, areaId, personId, ctx.now, ctx.today);
      // Pending and dispatched messages: the person's id is struck from their recipients.
      await strikeFromOutbox(em, areaId, personId);
      const by = ctx.viewer.personIn(areaId);
      await insertErasure(em, { areaId, personId, byPersonId: by?.id ?? null, bySubject: by ? null : ctx.viewer.subject, at: ctx.now });
      return person;
    });
  }

  /** Everything held about the person, as JSON text: the person row and every row that refers to them. */
  async export(ctx: RequestContext, personId: string): Promise<PersonalDataExport> {
    const person = await this.load(ctx, personId, 'export');
    const { areaId } = person;
    const area = await ctx.em.findOneOrFail(PlanningArea, { id: areaId });
    const personRow = await personRowJson(ctx.em, areaId, personId);
    const records: Record<string, unknown[]> = {};
    for (const ref of PERSON_REFERENCES) records[ref.table] = await referringRowsJson(ctx.em, ref, areaId, personId);
    records.outbox = await outboxRowsJson(ctx.em, areaId, personId);
    const exportedAt = ctx.now;
    const document = {
      format: 'triada-personal-data/1',
      exportedAt: exportedAt.toISOString(),
      area: { id: area.id, name: area.name },
      person: personRow,
      records,
      coverage: EXPORT_COVERAGE,
      notes: NOT_LINKED,
    };
    return { personId, exportedAt, coverage: EXPORT_COVERAGE, document: JSON.parse(JSON.stringify(document)) as unknown };
  }
}
