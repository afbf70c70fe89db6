import type { Constructor, MigrationObject } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';

/**
 * Rows that reverting a migration (its `down()`) would destroy: the rows of a table it drops, or
 * the rows of a table whose column it drops that hold a value the older schema has no place for
 * (`where`). `npm run migrate -- down` counts them first and refuses while any exists.
 */
export interface DiscardedRows {
  table: string;
  /** Which rows lose something (SQL); all of them when absent. */
  where?: string;
}

/**
 * A migration class that says what its `down()` discards: `[]` when it drops only what its `up()`
 * builds again from the data that stays (indexes, derived columns).
 */
export type ReversibleMigrationClass = Constructor<Migration> & { readonly downDiscards: readonly DiscardedRows[] };

export interface ShippedMigration extends MigrationObject {
  class: ReversibleMigrationClass;
}
