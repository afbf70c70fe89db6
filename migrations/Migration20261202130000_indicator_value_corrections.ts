import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * An indicator's value is corrected, never overwritten: a correction is a new value that names the
 * one it corrects and why; the corrected one stays, marked superseded. One value in force per
 * indicator and day (values recorded twice for one day before this keep the newest in force).
 */
export class Migration20261202130000_indicator_value_corrections extends Migration {
  static readonly downDiscards: readonly DiscardedRows[] = [{ table: 'indicator_value', where: 'corrects_id is not null or superseded_by_id is not null' }];

  override up(): void {
    this.addSql(`
      alter table indicator_value
        add column corrects_id uuid,
        add column correction_reason text,
        add column superseded_by_id uuid,
        add constraint indicator_value_corrects_fk foreign key (area_id, corrects_id) references indicator_value (area_id, id),
        add constraint indicator_value_correction_reason_ck check ((corrects_id is null) = (correction_reason is null));
      update indicator_value v set superseded_by_id = newer.id
        from indicator_value newer
       where newer.area_id = v.area_id and newer.indicator_id = v.indicator_id and newer.measured_on = v.measured_on
         and (newer.created_at, newer.id) > (v.created_at, v.id)
         and not exists (select 1 from indicator_value between_them
                          where between_them.area_id = v.area_id and between_them.indicator_id = v.indicator_id and between_them.measured_on = v.measured_on
                            and (between_them.created_at, between_them.id) > (v.created_at, v.id) and (between_them.created_at, between_them.id) < (newer.created_at, newer.id));
      create unique index indicator_value_in_force_uq on indicator_value (area_id, indicator_id, measured_on) where superseded_by_id is null;
    `);
  }

  override down(): void {
    this.addSql(`
      drop index indicator_value_in_force_uq;
      alter table indicator_value drop constraint indicator_value_corrects_fk, drop constraint indicator_value_correction_reason_ck,
        drop column corrects_id, drop column correction_reason, drop column superseded_by_id;
    `);
  }
}
