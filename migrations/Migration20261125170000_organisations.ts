import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * Organisations become records of their area (issue 12, item 4): a name and an optional IČO, so that
 * seats, people, proposals' concerned organisations and guarantors refer to one organisation by id
 * and the conflict-of-interest rule compares identity, not spelling.
 *
 * Existing text becomes records: within an area, the names that differ only in case, spacing,
 * punctuation or Czech diacritics ("Diakonie ČCE z. s.", "Diakonie ČCE z.s.", "DIAKONIE CCE, z.s.")
 * are one organisation, named by its most used spelling (then alphabetically first). People, seats
 * and proposals are linked to it and the text columns are dropped.
 */
/** The text columns that named an organisation, and the reference that replaces each. */
const LINKS = [
  ['person', 'organisation', 'organisation_id'],
  ['membership', 'organisation', 'organisation_id'],
  ['proposal', 'concerned_organisation', 'concerned_organisation_id'],
] as const;

export class Migration20261125170000_organisations extends Migration {
  /** Reverting writes the organisations back as text: their IČO and the organisations nothing names are lost. */
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'organisation' }];

  override up(): void {
    this.addSql(`
      create table organisation (
        area_id uuid not null references planning_area (id),
        id uuid not null,
        name text not null check (btrim(name) <> ''),
        ico text check (ico ~ '^[0-9]{8}$'),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id)
      );
      create index organisation_id_idx on organisation (id);
      create unique index organisation_area_ico_uq on organisation (area_id, ico) where ico is not null;
      create index organisation_area_name_idx on organisation (area_id, name, id);

      -- The key under which spellings of one name meet: lower case, Czech (and Slovak, German)
      -- diacritics dropped, everything but letters and digits removed. Only for this conversion.
      create function pg_temp.organisation_name_key(raw text) returns text language sql immutable as $$
        select coalesce(
          nullif(regexp_replace(
            translate(lower(raw),
              'ÁÄČĎÉĚËÍĹĽŇÓÔÖŔŘŠŤÚŮÜÝŽáäčďéěëíĺľňóôöŕřšťúůüýž',
              'aacdeeeillnooorrstuuuyzaacdeeeillnooorrstuuuyz'),
            '[^a-z0-9]+', '', 'g'), ''),
          lower(btrim(regexp_replace(raw, '[[:space:]]+', ' ', 'g'))))
      $$;

      with names as (
        ${LINKS.map(([table, text]) => `select area_id, btrim(regexp_replace(${text}, '[[:space:]]+', ' ', 'g')) as name from ${table} where ${text} is not null`).join(' union all ')}
      ),
      spellings as (
        select area_id, pg_temp.organisation_name_key(name) as key, name, count(*) as uses
          from names where name <> '' group by area_id, name
      ),
      chosen as (
        select distinct on (area_id, key) area_id, name from spellings order by area_id, key, uses desc, name
      )
      insert into organisation (area_id, id, name) select area_id, gen_random_uuid(), name from chosen;

      alter table person drop constraint person_erased_blank;
    `);
    for (const [table, text, id] of LINKS) {
      this.addSql(`
        alter table ${table} add column ${id} uuid;
        update ${table} t set ${id} = o.id from organisation o
          where t.${text} is not null and o.area_id = t.area_id
            and pg_temp.organisation_name_key(o.name) = pg_temp.organisation_name_key(t.${text});
        alter table ${table} drop column ${text};
        alter table ${table} add constraint ${table}_${id.replace(/_id$/, '')}_fk foreign key (area_id, ${id}) references organisation (area_id, id);
        create index ${table}_${id.replace(/_id$/, '')}_idx on ${table} (area_id, ${id}) where ${id} is not null;
      `);
    }
    this.addSql(`
      drop function pg_temp.organisation_name_key(text);
      alter table person add constraint person_erased_blank check (
        erased_at is null or (email is null and phone is null and organisation_id is null and subject is null)
      );
    `);
  }

  override down(): void {
    this.addSql(`
      alter table person drop constraint person_erased_blank;
    `);
    for (const [table, text, id] of LINKS) {
      this.addSql(`
        alter table ${table} add column ${text} text;
        update ${table} t set ${text} = o.name from organisation o where o.area_id = t.area_id and o.id = t.${id};
        alter table ${table} drop column ${id};
      `);
    }
    this.addSql(`
      alter table person add constraint person_erased_blank check (
        erased_at is null or (email is null and phone is null and organisation is null and subject is null)
      );

      drop table organisation;
    `);
  }
}
