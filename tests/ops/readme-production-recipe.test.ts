import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';
import { aTestDatabase, codes, postGraphQL, signTestToken } from '../support/test-app';

/**
 * The README's "Your own PostgreSQL and identity provider" recipe, as written: its variables and
 * `NODE_ENV=production npm start` — the service, `src/main.ts`, which `npm start` runs once built —
 * with only what points outside this machine put here: the database (a test database), the identity
 * provider's JWKS address (a server of this test at the same path) and the admin's subject. The
 * tokens carry the recipe's issuer and audience, and its keys are fetched from that address.
 */

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const HEADING = '### Your own PostgreSQL and identity provider';

/** The recipe's variables, in order, and the command they are given to (after the last one). */
function recipe(): { env: Record<string, string>; command: string } {
  const section = README.slice(README.indexOf(HEADING));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error(`no sh block under "${HEADING}" in README.md`);
  const lines = block.split(/ *\\?\n/).filter(Boolean);
  const env: Record<string, string> = {};
  let command = '';
  lines.forEach((line, i) => {
    const [, name, rest] = /^([A-Z_]+)=(.*)$/.exec(line) ?? [];
    if (!name) throw new Error(`not a variable: ${line}`);
    const last = i === lines.length - 1;
    env[name] = last ? rest.split(' ')[0] : rest;
    if (last) command = rest.slice(env[name].length + 1);
  });
  return { env, command };
}

const ADMIN = 'kpss-admin-1';
let database: { url: string; drop(): Promise<void> };
let service: ServiceProcess | undefined;
let idp: http.Server | undefined;

afterAll(async () => {
  await service?.stop();
  idp?.close();
  await database?.drop();
});

test("the recipe as written: production, the identity provider's keys fetched from its JWKS address, the bootstrap admin creates an area and no one else", async () => {
  const { env, command } = recipe();
  expect(command).toBe('npm start');
  expect(Object.keys(env)).toEqual(['DATABASE_URL', 'AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'BOOTSTRAP_ADMIN_SUBJECT', 'NODE_ENV']);
  expect(env.BOOTSTRAP_ADMIN_SUBJECT).toBe("<your admin's sub>");

  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const signing: JWK = { ...(await exportJWK(privateKey)), kid: 'idp-1', alg: 'ES256' };
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'idp-1', alg: 'ES256', use: 'sig' }] });
  const certsPath = new URL(env.AUTH_JWKS_URL).pathname;
  let fetched = 0;
  idp = http.createServer((req, res) => {
    if (req.url !== certsPath) return void res.writeHead(404).end();
    fetched += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
  });
  await new Promise<void>((resolve) => idp!.listen(0, '127.0.0.1', resolve));

  database = await aTestDatabase();
  service = await startServiceProcess(database.url, {
    ...env,
    DATABASE_URL: database.url,
    AUTH_JWKS_URL: `http://127.0.0.1:${(idp.address() as AddressInfo).port}${certsPath}`,
    BOOTSTRAP_ADMIN_SUBJECT: ADMIN,
    // The test process's own key file and algorithm list are not part of the recipe.
    AUTH_JWKS_PATH: undefined,
    AUTH_ALGORITHMS: undefined,
  });
  await service.logged('bootstrap admin granted');

  const token = (subject: string) => signTestToken(subject, { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE, key: signing });
  const CREATE = 'mutation($input: CreateAreaInput!) { createArea(input: $input) { name kind } }';
  const input = { input: { name: 'ORP Kadaň', kind: 'ORP' } };
  const created = await postGraphQL(service.url, CREATE, input, { authorization: `Bearer ${await token(ADMIN)}` });
  expect(created).toMatchObject({ status: 200, data: { createArea: { name: 'ORP Kadaň', kind: 'ORP' } } });
  expect(fetched).toBeGreaterThan(0);

  expect(codes(await postGraphQL(service.url, CREATE, input, { authorization: `Bearer ${await token('someone-else')}` }))).toEqual(['FORBIDDEN']);
  // Production: no introspection.
  expect(codes(await postGraphQL(service.url, '{ __schema { queryType { name } } }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
});
