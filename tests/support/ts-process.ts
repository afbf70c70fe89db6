import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');

/**
 * Makes `require` compile each .ts file with @swc/core (a dev dependency) and the project's .swcrc
 * as it loads, as the tests do: child processes run the sources with no build step and no dist/.
 */
const REGISTER_TYPESCRIPT = `
const fs = require('node:fs');
const { transformSync } = require('@swc/core');
const swcrc = JSON.parse(fs.readFileSync('.swcrc', 'utf8'));
delete swcrc.$schema;
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...swcrc, swcrc: false, filename, sourceMaps: 'inline' });
  module._compile(code, filename);
};
`;

/**
 * Starts `node` on a TypeScript file of the repository (e.g. `src/main.ts`) in a child process
 * with exactly `env` (plus PATH), its output piped. Arguments reach the script as
 * `process.argv.slice(2)`, as when node runs a file (`node -e` alone would put them at 1).
 */
export function spawnTypeScript(script: string, env: Record<string, string>, args: string[] = []): ChildProcess {
  const entry = JSON.stringify(path.join(REPO_ROOT, script));
  return spawn(process.execPath, ['-e', `${REGISTER_TYPESCRIPT}\nprocess.argv.splice(1, 0, ${entry});\nrequire(${entry});`, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Runs a TypeScript file of the repository to its end (see spawnTypeScript): its exit code and all it printed. */
export function runTypeScript(script: string, env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawnTypeScript(script, env, args);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
