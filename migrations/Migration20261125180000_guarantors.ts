import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * Guarantors can be several, people or organisations (issue 12, item 4; seed 000 names an NGO and a
 * town department beside people): `indicator_guarantor` holds an indicator's guarantors, each a
 * person or an organisation, and the single `indicator.guarantor_id` becomes the first of them; a
 * goal guarantor may be an organisation, besides a municipality and/or a person.
 */
export class Migration20261125180000_guarantors extends Migration {
  /** Reverting keeps the first person guarantor of each indicator and the goal guarantors that are no organisation. */
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'indicator_guarantor' }, { table: 'goal_guarantor', where: 'organisation_id is not null' }];

  override up(): void {
    this.addSql(`
      alter table goal_guarantor add column organisation_id uuid;
      alter table goal_guarantor add constraint goal_guarantor_organisation_fk
        foreign key (area_id, organisation_id) references organisation (area_id, id);
      alter table goal_guarantor drop constraint goal_guarantor_check;
      -- A municipality and/or a person acting for it (e.g. its mayor), a person, or an organisation.
      alter table goal_guarantor add constraint goal_guarantor_who check (
        num_nonnulls(municipality_id, person_id, organisation_id) >= 1
        and (organisation_id is null or num_nonnulls(municipality_id, person_id) = 0)
      );

      create table indicator_guarantor (
        area_id uuid not null,
        id uuid not null,
        indicator_id uuid not null,
        person_id uuid,
        organisation_id uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (area_id, id),
        foreign key (area_id, indicator_id) references indicator (area_id, id),
        foreign key (area_id, person_id) references person (area_id, id),
        foreign key (area_id, organisation_id) references organisation (area_id, id),
        check (num_nonnulls(person_id, organisation_id) = 1)
      );
      create index indicator_guarantor_indicator_idx on indicator_guarantor (area_id, indicator_id, created_at);
      create unique index indicator_guarantor_person_uq on indicator_guarantor (area_id, indicator_id, person_id) where person_id is not null;
      create unique index indicator_guarantor_organisation_uq on indicator_guarantor (area_id, indicator_id, organisation_id) where organisation_id is not null;
      insert into indicator_guarantor (area_id, id, indicator_id, person_id)
        select area_id, gen_random_uuid(), id, guarantor_id from indicator where guarantor_id is not null;
      alter table indicator drop column guarantor_id;
    `);
  }

  override down(): void {
    this.addSql(`
      alter table indicator add column guarantor_id uuid;
      update indicator i set guarantor_id = (
        select g.person_id from indicator_guarantor g
         where g.area_id = i.area_id and g.indicator_id = i.id and g.person_id is not null
         order by g.created_at, g.id limit 1);
      alter table indicator add foreign key (area_id, guarantor_id) references person (area_id, id);
      drop table indicator_guarantor;

      delete from goal_guarantor where organisation_id is not null;
      alter table goal_guarantor drop constraint goal_guarantor_who;
      alter table goal_guarantor add constraint goal_guarantor_check check (municipality_id is not null or person_id is not null);
      alter table goal_guarantor drop column organisation_id;
    `);
  }
}
