import fs from 'node:fs';
import path from 'node:path';

/**
 * The container recipe read as files (this machine has no container engine; .ci/production-start.sh
 * runs the start it makes): a Node 24 runtime, the one CI runs the suite on, production
 * dependencies only, not root, NODE_ENV=production, a health check on /readyz; compose sets only
 * variables the service reads, and the README documents every variable it reads.
 */

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The environment variables src/config/config.ts reads. */
function configVariables(): string[] {
  const source = read('src/config/config.ts');
  const names = new Set<string>();
  for (const [, name] of source.matchAll(/env\.([A-Z][A-Z0-9_]+)/g)) names.add(name);
  for (const [, name] of source.matchAll(/(?:intVar|boolVar)\(env, '([A-Z][A-Z0-9_]+)'/g)) names.add(name);
  return [...names].sort();
}

test('the Dockerfile: build, then a slim Node 24 runtime (the version CI runs the suite on) with production dependencies, as `node`, NODE_ENV=production, health check on /readyz', () => {
  const dockerfile = read('Dockerfile');
  const image = /^ARG NODE_IMAGE=node:(\d+\.\d+\.\d+)-bookworm-slim$/m.exec(dockerfile)?.[1];
  const ciNode = (JSON.parse(read('.ci/node24/package.json')) as { dependencies: { node: string } }).dependencies.node;
  expect(image).toBe(ciNode);
  expect(image).toMatch(/^24\./);
  const stages = dockerfile.split(/^FROM /m).slice(1);
  expect(stages.map((s) => s.split('\n')[0])).toEqual(['${NODE_IMAGE} AS build', '${NODE_IMAGE} AS dependencies', '${NODE_IMAGE}']);
  const runtime = stages[2];
  expect(stages[1]).toMatch(/npm ci --omit=dev/);
  expect(runtime).toMatch(/COPY --from=dependencies \/app\/node_modules/);
  expect(runtime).not.toMatch(/--from=build \/app\/node_modules/);
  expect(runtime).toMatch(/NODE_ENV=production/);
  expect(runtime).toMatch(/^USER node$/m);
  expect(runtime).toMatch(/^HEALTHCHECK [^\n]*\\\n[^\n]*\/readyz/m);
  expect(runtime).toMatch(/^CMD \["node", "dist\/src\/main.js"\]$/m);
});

test('.dockerignore keeps dependencies, builds, data, tests and history out of the build context', () => {
  const ignored = read('.dockerignore').split('\n').filter((l) => l && !l.startsWith('#'));
  expect(ignored).toEqual(expect.arrayContaining(['.git', '.data', 'node_modules', 'dist', 'tests', 'bench']));
  for (const needed of ['src', 'migrations', 'scripts', 'package.json', 'package-lock.json', '.swcrc']) expect(ignored).not.toContain(needed);
});

test('compose.yaml: the service, PostgreSQL and a reverse proxy; the service gets only variables it reads, the required ones demanded', () => {
  const compose = read('compose.yaml');
  expect(Object.keys(Object.fromEntries([...compose.matchAll(/^ {2}([a-z]+):$/gm)].map((m) => [m[1], true])))).toEqual(['triada', 'postgres', 'proxy']);
  const service = compose.split(/^ {2}postgres:$/m)[0];
  const set = [...service.matchAll(/^ {6}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
  const known = configVariables();
  expect(set.filter((name) => !known.includes(name))).toEqual([]);
  for (const required of ['DATABASE_URL', 'AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'SMTP_URL', 'NODE_ENV', 'METRICS_PORT']) expect(set).toContain(required);
  expect(service).toMatch(/AUTH_JWKS_URL: \$\{AUTH_JWKS_URL:\?/);
  expect(read('deploy/Caddyfile')).toMatch(/reverse_proxy triada:4000/);
});

test('the README documents every variable the service reads', () => {
  const readme = read('README.md');
  expect(configVariables().filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
});
