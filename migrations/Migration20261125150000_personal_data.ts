import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * Erasure of a person's personal data (issue 5, item 6).
 *
 * `person.erased_at` marks an erased person: the row and its id stay (the workflow history, votes,
 * minutes and plans refer to it, and the history's hash chain covers the id, never the name), but
 * the name is replaced by a placeholder and contacts, organisation and login subject are gone. The
 * check keeps an erased row from holding any of them again.
 *
 * `person_erasure` records who erased whom and when — and nothing of the erased data. One erasure
 * per person: the unique index makes a repeated erasure a no-op rather than a second record.
 */
export class Migration20261125150000_personal_data extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'person_erasure' }, { table: 'person', where: 'erased_at is not null' }];

  override up(): void {
    this.addSql(`
      alter table person add column erased_at timestamptz;
      alter table person add constraint person_erased_blank check (
        erased_at is null or (email is null and phone is null and organisation is null and subject is null)
      );

      create table person_erasure (
        area_id uuid not null,
        id uuid not null,
        person_id uuid not null,
        erased_by_id uuid,
        erased_by_subject text,
        erased_at timestamptz not null,
        primary key (area_id, id),
        foreign key (area_id, person_id) references person (area_id, id),
        foreign key (area_id, erased_by_id) references person (area_id, id),
        check (erased_by_id is not null or erased_by_subject is not null)
      );
      create unique index person_erasure_person_uq on person_erasure (area_id, person_id);
      create index person_erasure_erased_by_idx on person_erasure (area_id, erased_by_id) where erased_by_id is not null;
    `);
  }

  override down(): void {
    this.addSql(`
      drop table person_erasure;
      alter table person drop constraint person_erased_blank;
      alter table person drop column erased_at;
    `);
  }
}
