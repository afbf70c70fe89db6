import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../support/ts-process';

/**
 * The build `npm start` runs first: swc, no type check (that is `npm run typecheck`), only what
 * changed, saying what it does. Built into a folder of this test's own under dist/, where the
 * output still finds node_modules.
 */

const run = promisify(execFile);
const out = path.join('dist', `.build-test-${process.pid}`);

afterAll(() => {
  fs.rmSync(path.join(REPO_ROOT, out), { recursive: true, force: true });
});

async function build(): Promise<string> {
  const { stderr } = await run(process.execPath, ['scripts/build.mjs', '--out', out], { cwd: REPO_ROOT });
  return stderr;
}

test('the first build compiles every source, the next nothing, then only the file that changed; the output serves the schema', async () => {
  const first = await build();
  const total = Number(/compiling (\d+) of \1 files with swc/.exec(first)?.[1]);
  expect(total).toBeGreaterThan(100);
  expect(first).toContain('no type check here: npm run typecheck');

  expect(await build()).toMatch(new RegExp(`is up to date \\(${total} files`));

  // One source newer than its output (its time only: the file is not changed).
  const source = path.join(REPO_ROOT, 'src', 'logger.ts');
  const later = new Date(Date.now() + 1000);
  fs.utimesSync(source, later, later);
  expect(await build()).toContain(`compiling 1 of ${total} files`);

  // The output runs: decorators, their metadata and the JSON data are all there.
  const printed = path.join(REPO_ROOT, out, 'schema.graphql');
  await run(process.execPath, [path.join(out, 'src', 'cli', 'emit-schema.js'), printed], { cwd: REPO_ROOT });
  expect(fs.readFileSync(printed, 'utf8')).toBe(fs.readFileSync(path.join(REPO_ROOT, 'schema.graphql'), 'utf8'));
  expect(fs.existsSync(path.join(REPO_ROOT, out, 'src', 'demo', 'demo-provider-register.json'))).toBe(true);
});
