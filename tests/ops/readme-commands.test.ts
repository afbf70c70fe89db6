import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';

/**
 * Every shell command README.md shows is run somewhere: by a test, or by a step of CI (.ci/run and
 * the scripts it runs). The commands are read from the README — each line of its ```sh blocks (split
 * at `&&`) and each inline `npm …`, `node …`, `curl …` or `docker …` — and looked up in the tables
 * below, which say where each is run; the places are checked to exist and to run that command.
 */

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** A test file that runs the command: it holds `runs`, the program the command's npm script runs (or its source). */
interface InTest {
  test: string;
  runs: string;
  /** The arguments the test must pass (as quoted strings); by default the README's words after `--`, placeholders aside. */
  args?: string[];
}

/** A CI step: `.ci/run`, or a script of `.ci/` that it runs, holds `runs`, the command itself (npm's `--silent` and further arguments aside). */
interface InCi {
  ci: string;
  runs: string;
}

/** The places several commands share. */
const MIGRATE_CLI: InTest = { test: 'tests/db/migrate-cli.test.ts', runs: 'src/cli/migrate.js' };
const TOKEN_CLI: InTest = { test: 'tests/api/authentication.test.ts', runs: 'src/cli/token.ts' };
/** A long run's cheap mode: the script with `--dry-run` (it loads, checks its settings and says what it would do). */
const dryRun = (runs: string): InTest => ({ test: 'tests/ops/long-runs-dry-run.test.ts', runs, args: ['--dry-run'] });

/** Where each README command runs. A command that takes many minutes points at the test that runs its cheap mode. */
const WHERE_RUN: Record<string, InTest | InCi> = {
  'npm ci': { ci: '.ci/run', runs: 'npm ci --no-audit --no-fund' },
  'npm start': { ci: '.ci/smoke-start.sh', runs: 'npm start' },
  'node dist/src/main.js': { ci: '.ci/smoke-start.sh', runs: 'node dist/src/main.js' },
  'npm test': { ci: '.ci/run', runs: 'npm test -- --json' },
  'npm run build': { test: 'tests/build/build.test.ts', runs: 'scripts/build.mjs' },
  'npm run lint': { ci: '.ci/run', runs: 'npm run lint' },
  'npm run typecheck': { ci: '.ci/run', runs: 'npm run typecheck' },
  'npm run schema': { ci: '.ci/run', runs: 'npm run --silent schema' },
  'npm run migrate': MIGRATE_CLI,
  'npm run migrate -- status': MIGRATE_CLI,
  'npm run migrate -- down': MIGRATE_CLI,
  'npm run token': TOKEN_CLI,
  'npm run --silent token -- <subject>': TOKEN_CLI,
  'npm run token -- <subject> [--ttl <hours>]': TOKEN_CLI,
  // rpss.json is the national file; the test imports the register extract of tests/fixtures.
  'npm run backup': { test: 'tests/ops/backup.test.ts', runs: 'src/cli/backup.ts' },
  'npm run backup -- create': { test: 'tests/ops/backup.test.ts', runs: 'src/cli/backup.ts', args: ['create'] },
  // The drill itself is a CI step, on the embedded database and on the server at 127.0.0.1:5432.
  'npm run backup:drill': { ci: '.ci/run', runs: 'npm run --silent backup:drill' },
  'npm run import-providers -- rpss.json': { test: 'tests/providers/import-providers-cli.test.ts', runs: 'src/cli/import-providers.js', args: ['rpss-sample.json'] },
  'npm run bench:data': dryRun('bench/data.mjs'),
  'npm run bench': dryRun('bench/run.mjs'),
  'npm run bench:fanout': dryRun('bench/fanout.mjs'),
  'npm run soak': dryRun('bench/soak.mjs'),
  'npm run mutation': dryRun('scripts/mutation.mjs'),
  'npm run mutants': dryRun('scripts/mutation.mjs'),
  'npm run mutation -- --mutate src/workflows/history-hash.ts --incremental': {
    ...dryRun('scripts/mutation.mjs'),
    args: ['--dry-run', '--mutate', 'src/workflows/history-hash.ts', '--incremental'],
  },
  'npm run mutation -- --dry-run': dryRun('scripts/mutation.mjs'),
  // The test saves an export as the README says and runs the script on it, then on files changed by hand.
  'node scripts/verify-history.mjs history.json': { test: 'tests/exports/decision-history.test.ts', runs: 'scripts/verify-history.mjs' },
  // The test posts files to the endpoint as the example does: the raw body, the bearer token, the dry run.
  'curl -s -X POST "http://localhost:4000/imports/people?areaId=$AREA&dryRun=true" -H "authorization: Bearer $TOKEN" --data-binary @lide.csv': {
    test: 'tests/imports/people-import.test.ts',
    runs: '/imports/people?areaId=',
  },
  'curl -s -X POST "http://localhost:4000/imports/plan?areaId=$AREA&dryRun=true" -H "authorization: Bearer $TOKEN" --data-binary @plan.json': {
    test: 'tests/imports/plan-import.test.ts',
    runs: '/imports/plan?areaId=',
  },
};

/** README sections whose ```sh blocks a file runs as written, reading them from the README by their heading. */
const RUN_AS_WRITTEN: Record<string, string> = {
  '### Try it with curl': '.ci/smoke-start.sh',
  '### Your own PostgreSQL and identity provider': 'tests/ops/readme-production-recipe.test.ts',
};

/**
 * `docker …` commands: CI has no container engine. tests/ops/container-recipe.test.ts reads the
 * Dockerfile and compose.yaml (the image, its user, its health check, the variables compose sets)
 * and .ci/production-start.sh runs the container's start without an engine. (The README shows none
 * now; the operator's guide does.)
 */
const CONTAINER_ENGINE: InTest = { test: 'tests/ops/container-recipe.test.ts', runs: 'compose.yaml' };

interface Shown {
  command: string;
  /** The heading of the README section it stands in. */
  section: string;
  /** Whether it stands in a ```sh block (else inline). */
  block: boolean;
}

/** The shell commands a Markdown document shows. */
function shownCommands(markdown: string): Shown[] {
  const tokens = new MarkdownIt().parse(markdown, {});
  const shown: Shown[] = [];
  let section = '';
  tokens.forEach((token, i) => {
    if (token.type === 'heading_open') section = `${token.markup} ${tokens[i + 1].content}`;
    if (token.type === 'fence' && /^(sh|bash|shell)\b/.test(token.info)) {
      const lines = token.content.replace(/\\\n\s*/g, '').split('\n');
      for (const line of lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))) {
        for (const command of line.split(' && ')) shown.push({ command: command.trim(), section, block: true });
      }
    }
    for (const child of token.children ?? []) {
      if (child.type === 'code_inline' && /^(npm|node|curl|docker) /.test(child.content)) shown.push({ command: child.content, section, block: false });
    }
  });
  return shown;
}

const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;

/** The npm script a command runs (`npm run [--flags] <name> …`, `npm start`, `npm test`), if any. */
function scriptOf(command: string): string | undefined {
  const words = command.split(/\s+/).filter((w) => !w.startsWith('-') || w === '--');
  if (words[0] !== 'npm') return undefined;
  const name = words[1] === 'run' ? words[2] : words[1];
  return name in scripts ? name : undefined;
}

/** The programs a command's npm script runs with node, as built (dist/…), as built elsewhere (…) and as sources (….ts). */
function programsOf(command: string): string[] {
  const script = scriptOf(command);
  if (!script) return [];
  return [...scripts[script].matchAll(/\bnode\s+([^\s;&|]+)/g)].flatMap(([, file]) =>
    file.startsWith('dist/') ? [file, file.slice('dist/'.length), file.slice('dist/'.length).replace(/\.js$/, '.ts')] : [file],
  );
}

/** The words of a command's arguments (after `--`), placeholders (`<…>`) left out. */
function argsOf(command: string): string[] {
  const at = command.indexOf(' -- ');
  if (at < 0) return [];
  return command
    .slice(at + 4)
    .replace(/<[^>]*>/g, '')
    .replace(/[[\]]/g, '')
    .split(/\s+/)
    .filter(Boolean);
}

/** What is wrong with the place a command is said to run at. */
function placeProblems(command: string, place: InTest | InCi): string[] {
  const file = 'test' in place ? place.test : place.ci;
  if (!fs.existsSync(path.join(ROOT, file))) return [`\`${command}\`: ${file} does not exist`];
  const text = read(file);
  const problems: string[] = [];
  if (!text.includes(place.runs)) problems.push(`\`${command}\`: ${file} does not hold "${place.runs}"`);
  if ('test' in place) {
    if (command.startsWith('npm ') && !programsOf(command).includes(place.runs)) {
      problems.push(`\`${command}\`: "${place.runs}" is not what its npm script runs (${programsOf(command).join(', ') || 'no node program'})`);
    }
    for (const arg of place.args ?? argsOf(command)) {
      if (!["'", '"'].some((q) => text.includes(`${q}${arg}${q}`))) problems.push(`\`${command}\`: ${file} does not pass its argument '${arg}'`);
    }
  } else {
    const bare = (c: string): string => c.replace(/ --silent\b/g, '');
    if (!bare(place.runs).startsWith(bare(command))) problems.push(`\`${command}\`: "${place.runs}" in ${file} is another command`);
    if (!file.startsWith('.ci/')) problems.push(`\`${command}\`: ${file} is not a CI script`);
    if (file !== '.ci/run' && !read('.ci/run').includes(file)) problems.push(`\`${command}\`: .ci/run does not run ${file}`);
  }
  return problems;
}

const README = read('README.md');
const shown = shownCommands(README);

test("the README's commands are found: each line of its sh blocks (split at &&, continuations joined) and each inline npm, node, curl or docker span", () => {
  const commands = shown.map((s) => s.command);
  expect(commands.slice(0, 3)).toEqual(['npm ci', 'npm start', 'npm ci']);
  expect(commands).toEqual(expect.arrayContaining(['npm test', 'npm run --silent token -- <subject>', 'npm run import-providers -- rpss.json', 'npm run soak']));
  const curl = shown.filter((s) => s.section === '### Try it with curl' && s.block).map((s) => s.command);
  expect(curl).toEqual(['TOKEN=$(npm run --silent token -- demo-chomutov-coordinator)', expect.stringMatching(/^curl -s http:\/\/localhost:4000\/graphql -H 'content-type: application\/json' -H "authorization: Bearer \$TOKEN" --data '\{"query"/)]);
  const recipe = shown.filter((s) => s.section === '### Your own PostgreSQL and identity provider' && s.block);
  expect(recipe).toHaveLength(1);
  expect(recipe[0].command).toMatch(/^DATABASE_URL=\S+ AUTH_JWKS_URL=.* NODE_ENV=production npm start$/);
  // Shell in the Layout's plain block is no command.
  expect(commands.filter((c) => c.startsWith('src/'))).toEqual([]);
});

test('every command the README shows is run by a test or by a CI step, as the tables here say', () => {
  const unplaced = shown
    .filter((s) => !(s.block && s.section in RUN_AS_WRITTEN) && !(s.command in WHERE_RUN) && !s.command.startsWith('docker '))
    .map(
      (s) =>
        `README.md (${s.section || 'top'}) shows \`${s.command}\`, which no test or CI step is known to run: run it somewhere — a test that executes it ` +
        '(or its cheap mode), or a step of .ci/run — and add it to WHERE_RUN in tests/ops/readme-commands.test.ts',
    );
  expect([...new Set(unplaced)]).toEqual([]);
});

test('each place the tables name runs its command: the file exists and holds it (a test: the program its npm script runs and its arguments; CI: the command, in a script .ci/run runs)', () => {
  const problems = Object.entries(WHERE_RUN).flatMap(([command, place]) => placeProblems(command, place));
  for (const s of shown.filter((c) => c.command.startsWith('docker '))) problems.push(...placeProblems(s.command, CONTAINER_ENGINE));
  for (const [heading, file] of Object.entries(RUN_AS_WRITTEN)) {
    if (!shown.some((s) => s.section === heading && s.block)) problems.push(`README.md has no sh block under "${heading}"`);
    if (!fs.existsSync(path.join(ROOT, file)) || !read(file).includes(heading)) problems.push(`${file} does not read the README's block under "${heading}"`);
  }
  expect(problems).toEqual([]);
});

test('the tables name no command the README no longer shows', () => {
  const commands = new Set(shown.map((s) => s.command));
  expect(Object.keys(WHERE_RUN).filter((command) => !commands.has(command))).toEqual([]);
});
