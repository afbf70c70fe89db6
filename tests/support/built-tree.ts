import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './ts-process';

const run = promisify(execFile);

/** What a command-line program did: its exit code and its output. */
export interface ProgramRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node <file> <args>` from the repository root with exactly `env` (plus PATH); never throws for an exit code. */
export async function runNode(file: string, args: string[], env: Record<string, string>): Promise<ProgramRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, [file, ...args], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as ProgramRun;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The build of the repository in a folder of its own (see `buildTree`). */
export interface BuiltTree {
  /** Runs `node <folder>/<program>` (e.g. `src/cli/migrate.js`) from the repository root with exactly `env` (plus PATH). */
  run(program: string, args: string[], env: Record<string, string>): Promise<ProgramRun>;
  remove(): void;
}

/**
 * Builds the repository as `npm run build` does, into `dist/.<name>-<pid>` (where the output still
 * finds node_modules, and no other test's build is touched), for tests that run the programs an
 * operator runs.
 */
export async function buildTree(name: string): Promise<BuiltTree> {
  const out = path.join('dist', `.${name}-${process.pid}`);
  await run(process.execPath, ['scripts/build.mjs', '--out', out], { cwd: REPO_ROOT });
  return {
    run: (program, args, env) => runNode(path.join(out, program), args, env),
    remove() {
      fs.rmSync(path.join(REPO_ROOT, out), { recursive: true, force: true });
    },
  };
}
