// What an operator asks of the migrations (`npm run migrate -- status | down`): which are applied
// and which pending, and a rollback that refuses to destroy data.
import { Migration } from '@mikro-orm/migrations';
import { migrationsList } from '../../migrations';
import type { ShippedMigration } from '../../migrations/reversal';
import { withMigrationLock, type Orm } from './orm';

export interface AppliedMigration {
  name: string;
  appliedAt: Date;
  /** False for a migration this release does not ship (applied by a newer one). */
  shipped: boolean;
}

export interface MigrationStatus {
  /** In the order they were applied. */
  applied: AppliedMigration[];
  /** In the order `up` applies them. */
  pending: string[];
}

export async function migrationStatus(orm: Orm, shipped: readonly ShippedMigration[] = migrationsList): Promise<MigrationStatus> {
  const migrator = orm.getMigrator();
  const executed = await migrator.getExecutedMigrations();
  const pending = await migrator.getPendingMigrations();
  return {
    applied: executed.map((row) => ({ name: row.name, appliedAt: new Date(row.executed_at), shipped: shipped.some((m) => m.name === row.name) })),
    pending: pending.map((m) => m.name),
  };
}

/**
 * The migrations of this release not applied to the database, read without changing anything (the
 * migrator itself would create its table in an empty database): for checks that must leave a
 * database as they found it, such as verifying a restored backup.
 */
export async function pendingWithoutWriting(orm: Orm, shipped: readonly ShippedMigration[] = migrationsList): Promise<string[]> {
  const connection = orm.em.fork().getConnection();
  const [{ present }] = await connection.execute<Array<{ present: boolean }>>(`select to_regclass('mikro_orm_migrations') is not null as present`);
  const applied = present ? new Set((await connection.execute<Array<{ name: string }>>('select name from mikro_orm_migrations')).map((r) => r.name)) : new Set<string>();
  return shipped.map((m) => m.name).filter((name) => !applied.has(name));
}

/** A rollback that is not done: why, one line per reason. Nothing was reverted. */
export class RollbackRefused extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join('\n'));
  }
}

/**
 * The migrations `down` reverts, newest first: the last one applied, or every one applied after
 * `to` (which stays applied). Refused when one of them is not shipped by this release or has no
 * `down()`.
 */
export function rollbackPlan(applied: readonly string[], to: string | undefined, shipped: readonly ShippedMigration[] = migrationsList): ShippedMigration[] {
  let names: string[];
  if (to === undefined) {
    names = applied.slice(-1);
  } else {
    const at = applied.lastIndexOf(to);
    if (at < 0) throw new RollbackRefused([`${to} is not an applied migration (see: npm run migrate -- status).`]);
    names = applied.slice(at + 1).reverse();
  }
  const reasons: string[] = [];
  const plan: ShippedMigration[] = [];
  for (const name of names) {
    const migration = shipped.find((m) => m.name === name);
    if (!migration) {
      reasons.push(`${name} is not part of this release: revert it with the release that applied it.`);
    } else if ((migration.class.prototype as Migration).down === Migration.prototype.down) {
      reasons.push(`${name} has no down(): it cannot be reverted (restore the backup taken before the upgrade).`);
    } else {
      plan.push(migration);
    }
  }
  if (reasons.length > 0) throw new RollbackRefused(reasons);
  return plan;
}

/** Why reverting `plan` would destroy data: the rows each migration's `down()` would discard, counted. */
async function dataAtStake(orm: Orm, plan: readonly ShippedMigration[]): Promise<string[]> {
  const connection = orm.em.fork().getConnection();
  const reasons: string[] = [];
  for (const migration of plan) {
    for (const { table, where } of migration.class.downDiscards) {
      const rows = where ? `${table} where ${where}` : table;
      const [{ n }] = await connection.execute<Array<{ n: number }>>(`select count(*)::int as n from ${rows}`);
      if (n > 0) reasons.push(`${migration.name} would drop data: ${n} ${n === 1 ? 'row' : 'rows'} of ${rows}.`);
    }
  }
  return reasons;
}

/**
 * Reverts the last applied migration, or every one applied after `to`, in one transaction under the
 * migration lock; returns the names reverted, newest first. Refused (`RollbackRefused`, nothing
 * reverted) when one cannot be reverted or its `down()` would destroy data.
 */
export async function rollback(orm: Orm, to?: string, shipped: readonly ShippedMigration[] = migrationsList): Promise<string[]> {
  return withMigrationLock(orm, async () => {
    const migrator = orm.getMigrator();
    const applied = (await migrator.getExecutedMigrations()).map((row) => row.name);
    const plan = rollbackPlan(applied, to, shipped);
    if (plan.length === 0) return [];
    const atStake = await dataAtStake(orm, plan);
    if (atStake.length > 0) throw new RollbackRefused(atStake);
    const reverted = await migrator.down({ migrations: plan.map((m) => m.name) });
    return reverted.map((m) => m.name);
  });
}
