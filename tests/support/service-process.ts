import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { waitFor } from './polling';
import { TEST_AUDIENCE, TEST_ISSUER } from './test-app';
import { spawnTypeScript } from './ts-process';

/** The service running as a process of its own (`src/main.ts`), as in production. */
export interface ServiceProcess {
  /** Its GraphQL endpoint. */
  readonly url: string;
  readonly pid: number;
  /** The last lines it wrote (JSON log lines), for failure messages. */
  output(): string;
  /** Every log line it wrote at level error or fatal. */
  errorLines(): string[];
  /** Resolves once it has logged a line with this message (`msg`), with that line's fields. */
  logged(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Sends a signal and returns at once. */
  signal(signal: NodeJS.Signals): void;
  /** Its exit code once it has exited (null when a signal ended it). */
  exited(): Promise<number | null>;
  /** SIGTERM, then its exit code (SIGKILL and null after 20 s). */
  stop(): Promise<number | null>;
}

function testEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest (global setup)`);
  return value;
}

/**
 * Starts `src/main.ts` in a child process on the (migrated) database at `databaseUrl` (the embedded
 * one when empty), on a port the OS picks, with the test identity provider's keys, no demo data and
 * no background jobs; `env` overrides any of that (a variable given as undefined is not set). Does
 * not wait for it: see `startServiceProcess`.
 */
export function spawnServiceProcess(
  databaseUrl: string,
  env: Record<string, string | undefined> = {},
): Omit<ServiceProcess, 'url'> & { url(): string | undefined; child: ChildProcess } {
  const settings: Record<string, string | undefined> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    DATA_DIR: testEnv('TRIADA_TEST_WORK_DIR'),
    AUTH_JWKS_PATH: testEnv('TRIADA_TEST_JWKS_PATH'),
    AUTH_ISSUER: TEST_ISSUER,
    AUTH_AUDIENCE: TEST_AUDIENCE,
    AUTH_ALGORITHMS: 'ES256',
    DEMO_DATA: '0',
    JOBS: '0',
    MUTATIONS_PER_MINUTE_PER_VIEWER: '1000000',
    MUTATIONS_PER_MINUTE_PER_ADDRESS: '1000000',
    ...env,
  };
  const child = spawnTypeScript('src/main.ts', Object.fromEntries(Object.entries(settings).filter((entry): entry is [string, string] => entry[1] !== undefined)));
  const lines: string[] = [];
  const entries: Array<Record<string, unknown>> = [];
  const remember = (line: string): void => {
    lines.push(line);
    if (lines.length > 200) lines.shift();
  };
  const output = (): string => lines.join('\n');
  const errorLines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  readline.createInterface({ input: child.stderr! }).on('line', remember);

  let url: string | undefined;
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    remember(line);
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; url?: string };
      entries.push(entry);
      if ((entry.level ?? 0) >= 50) errorLines.push(line);
      if (entry.msg === 'Triáda is serving GraphQL' && entry.url) url = entry.url.replace('//localhost:', '//127.0.0.1:');
    } catch {
      // Not a log line (a dependency writing to stdout); kept for the failure message only.
    }
  });

  const stop = async (): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    try {
      return await exited;
    } finally {
      clearTimeout(killer);
    }
  };
  return {
    child,
    url: () => url,
    pid: child.pid as number,
    output,
    errorLines: () => [...errorLines],
    logged: (msg, timeoutMs = 20_000) =>
      waitFor(`the service to log "${msg}"`, () => Promise.resolve(entries.find((e) => e.msg === msg)), timeoutMs).catch((err: Error) => {
        throw new Error(`${err.message}; it wrote:\n${output()}`);
      }),
    signal: (signal) => child.kill(signal),
    exited: () => exited,
    stop,
  };
}

/**
 * Starts the service as `spawnServiceProcess` does and resolves once it serves and `/readyz`
 * answers 200; fails (and kills it) if it exits or is not ready within `timeoutMs`.
 */
export async function startServiceProcess(databaseUrl: string, env: Record<string, string | undefined> = {}, timeoutMs = 40_000): Promise<ServiceProcess> {
  const { child, url, ...service } = spawnServiceProcess(databaseUrl, env);
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the service process exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${service.output()}`);
      }
      if (Date.now() > deadline) throw new Error(`the service process was not ready within ${timeoutMs} ms:\n${service.output()}`);
      const serving = url();
      if (serving) {
        const res = await fetch(serving.replace('/graphql', '/readyz')).catch(() => null);
        if (res?.status === 200) return { ...service, url: serving };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (err) {
    await service.stop();
    throw err;
  }
}
