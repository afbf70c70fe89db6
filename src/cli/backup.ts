import fs from 'node:fs';
import path from 'node:path';
import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { checkEveryHistory, tableFingerprints } from '../data/backup-check';
import { BackupError, createBackup, restoreBackup, type BackupTarget } from '../db/backup';
import { startDatabaseServer } from '../db/database';
import { pendingWithoutWriting } from '../db/migration-admin';
import { openOrm } from '../db/orm';
import { createLogger } from '../logger';

const USAGE = [
  'usage: npm run --silent backup -- create <file>     back up the configured database (the service stopped when embedded)',
  '       npm run --silent backup -- restore <file>    restore into an empty DATABASE_URL database, or a new DATA_DIR',
  '       npm run --silent backup -- verify [--fingerprint <file.json>]',
  '                                                    check every proposal\'s history; write every table\'s row count and digest',
].join('\n');

/**
 * `npm run backup`: backups and restores of the service's database (src/db/backup.ts), and the
 * check that a restored database is whole: every proposal's hash-chained history verifies, and
 * (with --fingerprint) every table's row count and digest, to compare with the original's.
 * Exit codes: 0 done, 1 a check failed or a tool did, 2 a wrong call.
 */
async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  const target: BackupTarget = config.databaseUrl ? { kind: 'server', url: config.databaseUrl } : { kind: 'embedded', dataDir: config.dataDir };
  if ((command === 'create' || command === 'restore') && rest.length === 1) {
    const said = command === 'create' ? await createBackup(target, rest[0]) : await restoreBackup(target, rest[0]);
    console.log(said);
    return 0;
  }
  if (command === 'verify' && (rest.length === 0 || (rest.length === 2 && rest[0] === '--fingerprint'))) {
    // Checked as it is: nothing created, nothing migrated (a restored database of an older release
    // is verified by that release, or after `npm run migrate`).
    if (target.kind === 'embedded' && !fs.existsSync(path.join(target.dataDir, 'postgres', 'PG_VERSION'))) {
      throw new BackupError(`There is no embedded database in ${target.dataDir}: is DATA_DIR right?`);
    }
    const logger = createLogger('warn');
    const server = await startDatabaseServer(config, logger);
    try {
      const orm = await openOrm(server.url, 2, logger);
      try {
        const pending = await pendingWithoutWriting(orm);
        if (pending.length > 0) {
          throw new BackupError(
            `${server.description} is not at this release's schema (${pending.length} pending migrations, e.g. ${pending[0]}): an empty database, or one of an older release — verify it with that release, or after npm run migrate.`,
          );
        }
        const em = orm.em.fork();
        const histories = await checkEveryHistory(em);
        if (rest[1]) fs.writeFileSync(rest[1], `${JSON.stringify(await tableFingerprints(em), null, 2)}\n`);
        console.log(`${histories.proposals} proposals, ${histories.events} history entries checked: ${histories.broken.length} broken`);
        for (const b of histories.broken) console.log(`  proposal ${b.proposalId}: broken from entry ${b.firstBrokenSeq}`);
        return histories.broken.length === 0 ? 0 : 1;
      } finally {
        await orm.close(true);
      }
    } finally {
      await server.stop();
    }
  }
  console.error(USAGE);
  return 2;
}

run(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err instanceof BackupError || err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
