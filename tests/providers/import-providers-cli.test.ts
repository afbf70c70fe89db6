import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { buildTree, type BuiltTree, type ProgramRun } from '../support/built-tree';
import { aTestDatabase } from '../support/test-app';

/**
 * `npm run import-providers -- rpss.json`, the operator's import of the national register: the built
 * CLI (`node <build>/src/cli/import-providers.js`) on a database of its own, with the register extract
 * of the fixtures; a malformed file writes nothing.
 */

const CLI = 'src/cli/import-providers.js';
const SAMPLE = path.join('tests', 'fixtures', 'rpss-sample.json');
let built: BuiltTree;
let database: Awaited<ReturnType<typeof aTestDatabase>>;

const importProviders = (...args: string[]): Promise<ProgramRun> => built.run(CLI, args, { DATABASE_URL: database.url, LOG_LEVEL: 'info' });

async function counts(): Promise<{ providers: number; services: number; imports: number }> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ providers: number; services: number; imports: number }>(
      `select (select count(*)::int from provider) as providers, (select count(*)::int from social_service) as services,
              (select count(*)::int from provider_register_import) as imports`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

/** The fields of the CLI's log line that reports the import. */
function reported(run: ProgramRun): Record<string, unknown> {
  const line = run.stdout.split('\n').find((l) => l.includes('"provider register imported"'));
  if (!line) throw new Error(`no report in:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line) as Record<string, unknown>;
}

beforeAll(async () => {
  built = await buildTree('import-providers-cli-test');
  database = await aTestDatabase();
});

afterAll(async () => {
  built.remove();
  await database.drop();
});

test('the register file is imported and recorded (its SHA-256, who ran it); imported again it updates nothing and duplicates nothing', async () => {
  const first = await importProviders(SAMPLE);
  expect(first.code).toBe(0);
  expect(reported(first)).toMatchObject({ providersInFile: 3, providersCreated: 3, providersUpdated: 0, servicesEnded: 0 });
  const after = await counts();
  expect(after).toMatchObject({ providers: 3, imports: 1 });
  expect(after.services).toBeGreaterThan(0);

  const again = await importProviders(SAMPLE);
  expect(again.code).toBe(0);
  expect(reported(again)).toMatchObject({ providersCreated: 0, providersUpdated: 0, servicesCreated: 0, servicesUpdated: 0 });
  expect(await counts()).toEqual({ ...after, imports: 2 });

  const client = new Client({ connectionString: database.url });
  await client.connect();
  const { rows } = await client.query<{ sha256: string; imported_by: string }>('select sha256, imported_by from provider_register_import');
  await client.end();
  const sha256 = createHash('sha256').update(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'rpss-sample.json'))).digest('hex');
  expect(rows).toEqual([
    { sha256, imported_by: `cli:${userInfo().username}` },
    { sha256, imported_by: `cli:${userInfo().username}` },
  ]);
});

test('a malformed file: every problem on stderr, exit 1, nothing written; no file: the usage, exit 1', async () => {
  const before = await counts();
  const run = await importProviders(path.join('tests', 'fixtures', 'rpss-missing-ico.json'));
  expect(run.code).toBe(1);
  expect(run.stderr).toBe(
    "polozky[1].poskytovatel.ico: Record 2 (service 2000033): the provider's company number (IČO) is missing.\nthe file was not imported; nothing was written\n",
  );
  expect(await counts()).toEqual(before);

  const bare = await importProviders();
  expect(bare).toMatchObject({ code: 1, stderr: 'usage: npm run import-providers -- <rpss.json>\n' });
});
