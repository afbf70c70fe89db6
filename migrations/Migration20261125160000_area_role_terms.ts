import { Migration } from '@mikro-orm/migrations';
import type { DiscardedRows } from './reversal';

/**
 * A person may hold the same area role in several terms (a coordinator whose term ended and who is
 * appointed again): the uniqueness of a held role moves from "one unrevoked row" to "one unrevoked
 * open-ended row". Overlapping terms are refused by the service, which serialises the grants of a
 * person with a row lock.
 */
export class Migration20261125160000_area_role_terms extends Migration {
  /** Reverting changes indexes only (it fails, changing nothing, while a person holds a role in two unrevoked terms). */
  static readonly downDiscards: readonly DiscardedRows[] = [];

  override up(): void {
    this.addSql(`
      drop index area_role_current_uq;
      create unique index area_role_open_uq on area_role (area_id, person_id, role) where revoked_at is null and valid_to is null;
      create index area_role_person_role_idx on area_role (area_id, person_id, role) where revoked_at is null;
    `);
  }

  override down(): void {
    this.addSql(`
      drop index area_role_person_role_idx;
      drop index area_role_open_uq;
      create unique index area_role_current_uq on area_role (area_id, person_id, role) where revoked_at is null;
    `);
  }
}
