import 'reflect-metadata';
import pino from 'pino';
import { loadConfig, type Config } from '../config/config';
import { openDatabase, openMigrationOrm, startDatabaseServer } from '../db/database';
import { migrationStatus, rollback, RollbackRefused, type MigrationStatus } from '../db/migration-admin';
import type { Orm } from '../db/orm';
import { createLogger, wantsPrettyLogs, type Logger } from '../logger';

const USAGE = [
  ['npm run migrate [-- up]', 'apply pending migrations (what the service does at start)'],
  ['npm run migrate -- status [--json]', 'list applied migrations (with when) and pending ones'],
  ['npm run migrate -- down [--to <migration>]', 'revert the last applied migration, or every one applied after <migration>'],
]
  .map(([command, what], i) => `${i === 0 ? 'usage: ' : '       '}${command.padEnd(44)}${what}`)
  .join('\n');

/** A usage error or a refused rollback: exit code 2. */
class Refused extends Error {}

type Command = { kind: 'up' } | { kind: 'status'; json: boolean } | { kind: 'down'; to?: string } | { kind: 'help' };

function parse(args: string[]): Command {
  const [sub, ...rest] = args;
  const flags = rest.join(' ');
  if (sub === undefined || (sub === 'up' && rest.length === 0)) return { kind: 'up' };
  if (sub === 'status' && (flags === '' || flags === '--json')) return { kind: 'status', json: flags === '--json' };
  if (sub === 'down' && rest.length === 0) return { kind: 'down' };
  if (sub === 'down' && rest.length === 2 && rest[0] === '--to') return { kind: 'down', to: rest[1] };
  if (sub === '--help' || sub === '-h' || sub === 'help') return { kind: 'help' };
  throw new Refused(`unknown command: ${args.join(' ')}\n${USAGE}`);
}

/** Applies pending migrations (opening the database does) and says which are applied. */
async function up(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel === 'silent' ? 'info' : config.logLevel, undefined, wantsPrettyLogs(config.logFormat));
  const db = await openDatabase(config, logger);
  const executed = await db.orm.getMigrator().getExecutedMigrations();
  logger.info({ database: db.description, applied: executed.map((m) => m.name) }, 'database is up to date');
  await db.close();
}

/** Runs `work` on the database without migrating it; logs go to stderr, the answer to stdout. */
async function withDatabase(config: Config, work: (orm: Orm, description: string) => Promise<void>): Promise<void> {
  const logger: Logger = createLogger(config.logLevel, pino.destination(2));
  const server = await startDatabaseServer(config, logger);
  try {
    const orm = await openMigrationOrm(server.url, logger);
    try {
      await work(orm, server.description);
    } finally {
      await orm.close(true);
    }
  } finally {
    await server.stop();
  }
}

const when = (date: Date): string => `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

function printStatus(status: MigrationStatus, description: string, json: boolean): void {
  if (json) {
    const applied = status.applied.map((m) => ({ name: m.name, appliedAt: m.appliedAt.toISOString(), shipped: m.shipped }));
    process.stdout.write(`${JSON.stringify({ database: description, applied, pending: status.pending }, null, 2)}\n`);
    return;
  }
  const blank = ' '.repeat(when(new Date(0)).length);
  const lines = [
    `Migrations of ${description}:`,
    ...status.applied.map((m) => `  applied  ${when(m.appliedAt)}  ${m.name}${m.shipped ? '' : '  (not part of this release)'}`),
    ...status.pending.map((name) => `  pending  ${blank}  ${name}`),
    `${status.applied.length} applied, ${status.pending.length} pending.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function down(orm: Orm, description: string, to: string | undefined): Promise<void> {
  let reverted: string[];
  try {
    reverted = await rollback(orm, to);
  } catch (err) {
    if (err instanceof RollbackRefused) throw new Refused(`Refused, nothing was reverted:\n${err.reasons.map((r) => `  ${r}`).join('\n')}`);
    throw err;
  }
  if (reverted.length === 0) {
    process.stdout.write(`Nothing to revert in ${description}.\n`);
    return;
  }
  const lines = [
    ...reverted.map((name) => `reverted ${name}`),
    `${reverted.length} ${reverted.length === 1 ? 'migration' : 'migrations'} reverted in ${description}, pending now.`,
    'Start the previous release next: this release applies pending migrations when it starts.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * `npm run migrate [-- up | status [--json] | down [--to <migration>]]`. Exit codes: 0 done,
 * 1 failed (the database out of reach, a migration's SQL failed and was rolled back), 2 a usage
 * error or a rollback refused (nothing changed).
 */
async function run(args: string[]): Promise<void> {
  const command = parse(args);
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return;
    case 'up':
      return up(loadConfig());
    case 'status':
      return withDatabase(loadConfig(), async (orm, description) => printStatus(await migrationStatus(orm), description, command.json));
    case 'down':
      return withDatabase(loadConfig(), (orm, description) => down(orm, description, command.to));
  }
}

run(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = err instanceof Refused ? 2 : 1;
});
