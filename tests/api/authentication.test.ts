import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import pino from 'pino';
import { AreaRoleKind, MembershipRole, TriadSide } from '../../src/entities/enums';
import { aGlobalAdmin, anOrganisedArea, aPerson, aRole, aSeat } from '../support/factories';
import { expectRefused, leakChecked, subjectOf, who, type Api } from '../support/api-assertions';
import { loadOrCreateLocalKey } from '../../src/auth/local-signing-key';
import { createTokenVerifier } from '../../src/auth/token-verifier';
import { ConfigError, loadConfig } from '../../src/config/config';
import { aTestDatabase, codes, serveTestApp, signTestToken, TEST_AUDIENCE, TEST_ISSUER, testConfig, type TestApp } from '../support/test-app';
import { runTypeScript } from '../support/ts-process';

/** Bearer tokens (who is asking) and `me` (what the API thinks of them). */

let app: TestApp;
let api: Api;
let world: Awaited<ReturnType<typeof anOrganisedArea>>;
/** What the service logged (JSON lines), to check that failures are logged with their request id. */
const logged: Array<{ level: number; msg: string; requestId?: string; err?: { message?: string } }> = [];
beforeAll(async () => {
  const database = await aTestDatabase();
  app = await serveTestApp(database.url, {}, () => database.drop(), pino({ level: 'info' }, { write: (line: string) => logged.push(JSON.parse(line) as (typeof logged)[number]) }));
  api = leakChecked(app);
  world = await anOrganisedArea(app.em());
});
afterAll(async () => {
  await app.close();
});

const ME = '{ me { authenticated subject person { name } areaRoles { role } memberships { role triadSide } } }';
const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = (): number => Math.floor(Date.now() / 1000);
const testKey = (): JWK => JSON.parse(process.env.TRIADA_TEST_PRIVATE_JWK as string) as JWK;

/** A token signed with the test key but with claims chosen freely (including none at all). */
async function craftedToken(claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'test-key', typ: 'JWT', ...header }).sign(await importJWK(testKey(), 'ES256'));
}

describe('tokens', () => {
  test('no token: the anonymous public', async () => {
    const res = await api.gql(ME);
    expect(res.data).toEqual({ me: { authenticated: false, subject: null, person: null, areaRoles: [], memberships: [] } });
  });

  test('a valid token: the viewer with person, roles and seats of today', async () => {
    const res = await api.gql(ME, {}, { as: world.chair.subject as string });
    expect(res.data).toEqual({
      me: { authenticated: true, subject: world.chair.subject, person: { name: 'Jana Předsedová' }, areaRoles: [], memberships: [{ role: 'CHAIR', triadSide: 'COMMISSIONER' }] },
    });
    const coordinator = await api.gql(ME, {}, { as: world.coordinator.subject as string });
    expect(coordinator.data).toMatchObject({ me: { areaRoles: [{ role: 'COORDINATOR' }] } });
  });

  const refusedTokens: Array<[string, () => Promise<string>]> = [
    ['expired', () => signTestToken(world.coordinator.subject as string, { expiresIn: -3600 })],
    ['signed by another key', async () => {
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      return signTestToken(world.coordinator.subject as string, { key: { ...(await exportJWK(privateKey)), kid: 'test-key' } });
    }],
    ['signed by another RSA key', async () => {
      const { privateKey } = await generateKeyPair('RS256', { extractable: true });
      return new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setSubject(world.coordinator.subject as string)
        .setIssuer(TEST_ISSUER)
        .setAudience(TEST_AUDIENCE)
        .setExpirationTime(now() + 600)
        .sign(privateKey);
    }],
    ['of another issuer', () => signTestToken(world.coordinator.subject as string, { issuer: 'https://evil.example/realms/x' })],
    ['for another audience', () => signTestToken(world.coordinator.subject as string, { audience: 'some-other-api' })],
    ['with alg none', () =>
      Promise.resolve(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: world.coordinator.subject, iss: TEST_ISSUER, aud: TEST_AUDIENCE, exp: now() + 600 })}.`)],
    ['with alg none and a made-up signature', () =>
      Promise.resolve(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: world.coordinator.subject, iss: TEST_ISSUER, aud: TEST_AUDIENCE, exp: now() + 600 })}.c2ln`)],
    ['with its payload altered', async () => {
      const [h, , s] = (await signTestToken(world.member.subject as string)).split('.');
      return `${h}.${b64({ sub: world.coordinator.subject, iss: TEST_ISSUER, aud: TEST_AUDIENCE, exp: now() + 600 })}.${s}`;
    }],
    ['signed HS256 with the public key as the secret', async () => {
      const jwks = fs.readFileSync(process.env.TRIADA_TEST_JWKS_PATH as string);
      return new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', kid: 'test-key', typ: 'JWT' })
        .setSubject(world.coordinator.subject as string)
        .setIssuer(TEST_ISSUER)
        .setAudience(TEST_AUDIENCE)
        .setExpirationTime(now() + 600)
        .sign(new Uint8Array(jwks));
    }],
    ['without a subject', () => craftedToken({ iss: TEST_ISSUER, aud: TEST_AUDIENCE, exp: now() + 600 })],
    ['without an expiry', () => craftedToken({ sub: world.coordinator.subject, iss: TEST_ISSUER, aud: TEST_AUDIENCE })],
    ['not valid before an hour from now', () => craftedToken({ sub: world.coordinator.subject, iss: TEST_ISSUER, aud: TEST_AUDIENCE, exp: now() + 7200, nbf: now() + 3600 })],
  ];

  test.each(refusedTokens)('a token %s is UNAUTHENTICATED with HTTP 401 and no data', async (_name, make) => {
    const res = await api.gql(ME, {}, { authorization: `Bearer ${await make()}` });
    expect({ status: res.status, codes: codes(res), data: res.data ?? null }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], data: null });
  });

  test.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'bearer x.y.z', 'Bearer not-a-jwt', `Bearer ${'a'.repeat(40)}`, 'Bearer a.b.c d', 'garbage'])(
    'a malformed Authorization header "%s" is UNAUTHENTICATED with HTTP 401 and no data',
    async (header) => {
      const res = await api.gql(ME, {}, { authorization: header });
      expect({ status: res.status, codes: codes(res), data: res.data ?? null }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], data: null });
    },
  );

  test('a refused token is not taken for the anonymous public: public reads are refused too', async () => {
    const expired = await signTestToken(world.coordinator.subject as string, { expiresIn: -3600 });
    const res = await api.gql('{ areas { id } }', {}, { authorization: `Bearer ${expired}` });
    expect({ status: res.status, codes: codes(res), data: res.data ?? null }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], data: null });
    expect(res.errors![0].message).toMatch(/vypršela/);
  });

  test("a refused token changes nothing even when its subject is the area's coordinator", async () => {
    const expired = await signTestToken(world.coordinator.subject as string, { expiresIn: -3600 });
    await expectRefused(
      app,
      'mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }',
      { input: { areaId: world.area.id, name: 'Přes Starý Token' } },
      { authorization: `Bearer ${expired}` },
      'UNAUTHENTICATED',
    );
  });

  test('messages follow Accept-Language; Czech by default', async () => {
    const cs = await api.gql('{ body(id: "00000000-0000-4000-8000-000000000000") { id } }');
    const en = await api.gql('{ body(id: "00000000-0000-4000-8000-000000000000") { id } }', {}, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(cs.errors![0].message).toMatch(/^Nenalezeno/);
    expect(en.errors![0].message).toMatch(/^Not found/);
  });
});

describe('the lifetime of a token is capped (AUTH_MAX_TOKEN_LIFETIME_SECONDS, 24 hours by default)', () => {
  const HOUR = 3600;
  const claims = (lifetime: { iat?: number; exp: number }) => ({ sub: world.coordinator.subject, iss: TEST_ISSUER, aud: TEST_AUDIENCE, ...lifetime });
  const meAs = async (token: string, as: Api = api) => {
    const res = await as.gql(ME, {}, { authorization: `Bearer ${token}`, headers: { 'accept-language': 'en' } });
    return { status: res.status, codes: codes(res), message: res.errors?.[0]?.message, authenticated: (res.data as { me?: { authenticated: boolean } } | null)?.me?.authenticated };
  };
  const TOO_LONG = { status: 401, codes: ['UNAUTHENTICATED'], message: 'The access token is valid for longer than this service accepts.', authenticated: undefined };
  const ACCEPTED = { status: 200, codes: [], message: undefined, authenticated: true };

  test.each([
    ['a 100-year token issued now', () => ({ iat: now(), exp: now() + 100 * 365 * 24 * HOUR })],
    ['a 25-hour token issued now', () => ({ iat: now(), exp: now() + 25 * HOUR })],
    ['a token issued two days ago that expires in an hour', () => ({ iat: now() - 48 * HOUR, exp: now() + HOUR })],
    ['a 100-year token without iat', () => ({ exp: now() + 100 * 365 * 24 * HOUR })],
    ['a token without iat that expires in 25 hours', () => ({ exp: now() + 25 * HOUR })],
    ['a token "issued" tomorrow for 24 hours', () => ({ iat: now() + 24 * HOUR, exp: now() + 48 * HOUR })],
  ])('%s is UNAUTHENTICATED: its lifetime is longer than accepted', async (_name, lifetime) => {
    expect(await meAs(await craftedToken(claims(lifetime())))).toEqual(TOO_LONG);
  });

  test.each([
    ['a 24-hour token issued now', () => ({ iat: now(), exp: now() + 24 * HOUR })],
    ['a 24-hour token issued 23 hours ago', () => ({ iat: now() - 23 * HOUR, exp: now() + HOUR })],
    ['a token without iat that expires in an hour', () => ({ exp: now() + HOUR })],
  ])('%s is accepted', async (_name, lifetime) => {
    expect(await meAs(await craftedToken(claims(lifetime())))).toEqual(ACCEPTED);
  });

  test('the cap is configurable: at one hour, a two-hour token is refused and a one-hour token accepted', async () => {
    const config = testConfig(app.databaseUrl);
    const strict = await serveTestApp(app.databaseUrl, { auth: { ...config.auth, maxTokenLifetimeSeconds: HOUR } });
    try {
      expect(await meAs(await craftedToken(claims({ iat: now(), exp: now() + 2 * HOUR })), leakChecked(strict))).toEqual(TOO_LONG);
      expect(await meAs(await craftedToken(claims({ iat: now(), exp: now() + HOUR })), leakChecked(strict))).toEqual(ACCEPTED);
    } finally {
      await strict.close();
    }
    expect(loadConfig({}).auth.maxTokenLifetimeSeconds).toBe(24 * HOUR);
    expect(loadConfig({ AUTH_MAX_TOKEN_LIFETIME_SECONDS: '900' }).auth.maxTokenLifetimeSeconds).toBe(900);
    for (const bad of ['0', '-1', '1.5', 'a day', String(31 * 24 * HOUR)]) {
      expect(() => loadConfig({ AUTH_MAX_TOKEN_LIFETIME_SECONDS: bad })).toThrow(ConfigError);
    }
  });

  test('`npm run token` issues tokens within the cap, and refuses a --ttl beyond it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'triada-token-'));
    const run = async (env: Record<string, string>, args: string[]) => {
      const { code, stdout, stderr } = await runTypeScript('src/cli/token.ts', { DATA_DIR: dataDir, ...env }, args);
      return { code, stdout: stdout.trim(), stderr: stderr.trim() };
    };
    try {
      const [byDefault, capped, tooLong] = await Promise.all([
        run({}, ['cli-subject']),
        run({ AUTH_MAX_TOKEN_LIFETIME_SECONDS: String(HOUR) }, ['cli-subject']),
        run({ AUTH_MAX_TOKEN_LIFETIME_SECONDS: String(HOUR) }, ['cli-subject', '--ttl', '2']),
      ]);
      const lifetime = (token: string) => {
        const { exp, iat } = decodeJwt(token);
        return (exp as number) - (iat as number);
      };
      expect({ code: byDefault.code, lifetime: lifetime(byDefault.stdout) }).toEqual({ code: 0, lifetime: 12 * HOUR });
      expect({ code: capped.code, lifetime: lifetime(capped.stdout) }).toEqual({ code: 0, lifetime: HOUR });
      expect({ code: tooLong.code, stdout: tooLong.stdout }).toEqual({ code: 1, stdout: '' });
      expect(tooLong.stderr).toMatch(/--ttl .*up to 1 hour.*AUTH_MAX_TOKEN_LIFETIME_SECONDS/);
      // What the command printed is a token the service in local mode accepts.
      const local = loadConfig({ DATA_DIR: dataDir, AUTH_MAX_TOKEN_LIFETIME_SECONDS: String(HOUR) }).auth;
      expect(await (await createTokenVerifier(local)).verify(capped.stdout)).toBe('cli-subject');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the local signing key, made on first use', () => {
  /**
   * A slow disk, for one process: every file written into the data folder is written half, then
   * after `pauseMs` the rest, so that another process starting meanwhile finds the write under way.
   */
  const SLOW_DISK = (dataDir: string, pauseMs: number) => `
const fs = require('node:fs');
const write = fs.writeFileSync;
fs.writeFileSync = (file, data, options) => {
  if (typeof file !== 'string' || !file.startsWith(${JSON.stringify(dataDir)})) return write(file, data, options);
  const text = String(data);
  const fd = fs.openSync(file, (options && options.flag) || 'w', (options && options.mode) || 0o666);
  try {
    fs.writeSync(fd, text.slice(0, text.length >> 1));
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${pauseMs});
    fs.writeSync(fd, text.slice(text.length >> 1));
  } finally {
    fs.closeSync(fd);
  }
};
`;

  const issue = async (env: Record<string, string>) => {
    const { code, stdout, stderr } = await runTypeScript('src/cli/token.ts', env, ['cli-subject']);
    return { code, stdout: stdout.trim(), stderr: stderr.trim() };
  };

  test('a first start while another is still writing the key gets a whole key, and both tokens verify against the one kept', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'triada-key-race-'));
    const harness = fs.mkdtempSync(path.join(os.tmpdir(), 'triada-slow-disk-'));
    const slowDisk = path.join(harness, 'slow-disk.js');
    fs.writeFileSync(slowDisk, SLOW_DISK(dataDir, 4000));
    try {
      const slow = issue({ DATA_DIR: dataDir, NODE_OPTIONS: `--require ${slowDisk}` });
      // The second start begins once the first is writing into the data folder.
      const local = loadConfig({ DATA_DIR: dataDir }).auth;
      if (local.mode !== 'local') throw new Error('no identity provider is configured here: local mode');
      const keyFolder = path.dirname(local.keyPath);
      for (let waited = 0; !(fs.existsSync(keyFolder) && fs.readdirSync(keyFolder).length > 0); waited += 20) {
        if (waited > 30_000) throw new Error('the first start never began writing its key');
        await new Promise((r) => setTimeout(r, 20));
      }
      const runs = [await issue({ DATA_DIR: dataDir }), await slow];
      expect(runs.map((r) => r.code)).toEqual([0, 0]);
      // Each names the key it signed with, the one kept; one of them made it.
      const kept = (await loadOrCreateLocalKey(local.keyPath)).kid as string;
      for (const run of runs) expect(run.stderr).toContain(`key id ${kept}`);
      expect(runs.filter((r) => r.stderr.startsWith('No local signing key was in data folder'))).toHaveLength(1);
      const verifier = await createTokenVerifier(local);
      for (const run of runs) expect(await verifier.verify(run.stdout)).toBe('cli-subject');
      expect(fs.readdirSync(keyFolder).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(harness, { recursive: true, force: true });
    }
  });
});

describe('a validly signed token whose subject is not usable', () => {
  test.each([
    ['U+0000', 'demo\u0000admin'],
    ['a line break', 'demo\nadmin'],
    ['a tab', 'demo\tadmin'],
    ['U+007F', 'demo\u007Fadmin'],
    ['U+0085 (a C1 control)', 'demo\u0085admin'],
    ['a lone surrogate', 'demo\uD800admin'],
  ])('a subject with %s is UNAUTHENTICATED with HTTP 401, logged as refused, never a 500', async (_name, subject) => {
    const token = await craftedToken({ sub: subject, iss: TEST_ISSUER, aud: TEST_AUDIENCE, iat: now(), exp: now() + 600 });
    const res = await api.gql(ME, {}, { authorization: `Bearer ${token}`, headers: { 'x-request-id': 'bad-subject-1' } });
    expect({ status: res.status, codes: codes(res), data: res.data ?? null }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], data: null });
    expect(logged.filter((l) => l.requestId === 'bad-subject-1' && l.level >= 50)).toEqual([]);
  });
});

describe('a request context that cannot be built', () => {
  test('an unexpected failure while authenticating is logged with the request id and masked: INTERNAL_SERVER_ERROR, no SQL', async () => {
    // The statement that authenticates every request fails (its table is gone), not for want of a connection.
    const sql = (text: string) => app.em().getConnection().execute(text);
    await sql('alter table global_admin rename to global_admin_away');
    let res: Awaited<ReturnType<Api['gql']>>;
    try {
      res = await api.gql(ME, {}, { as: subjectOf(world.coordinator), headers: { 'x-request-id': 'context-fails-1' } });
    } finally {
      await sql('alter table global_admin_away rename to global_admin');
    }
    expect({ status: res.status, codes: codes(res), data: res.data ?? null }).toEqual({ status: 500, codes: ['INTERNAL_SERVER_ERROR'], data: null });
    expect(res.errors![0].message).not.toMatch(/global_admin|relation/);
    expect(res.errors![0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'context-fails-1' });
    const lines = logged.filter((l) => l.requestId === 'context-fails-1' && l.level >= 50);
    expect(lines.map((l) => l.msg)).toEqual(['unexpected error while building the request context']);
    expect(lines[0].err?.message).toMatch(/global_admin/);
    // The same request works once the table is back.
    expect((await api.gql(ME, {}, { as: subjectOf(world.coordinator) })).errors).toBeUndefined();
  });
});

describe('a valid token of an unknown subject', () => {
  const STRANGER = 'nobody-known';

  test('is signed in, but has no people, roles or seats', async () => {
    const res = await api.gql('{ me { authenticated subject isGlobalAdmin person { id } people { id } areaRoles { id } memberships { id } } }', {}, who(STRANGER));
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ me: { authenticated: true, subject: STRANGER, isGlobalAdmin: false, person: null, people: [], areaRoles: [], memberships: [] } });
  });

  test('reads what the public reads, and no more', async () => {
    const areas = await api.gql<{ areas: Array<{ id: string }> }>('{ areas { id } }', {}, who(STRANGER));
    expect(areas.data!.areas.map((x) => x.id)).toContain(world.area.id);
    expect(codes(await api.gql('query($id: ID!) { body(id: $id) { id } }', { id: world.steering.id }, who(STRANGER)))).toEqual(['NOT_FOUND']);
  });

  test('changes nothing: NOT_FOUND for the area and its objects, FORBIDDEN for a new area; nothing written', async () => {
    const as = who(STRANGER);
    await expectRefused(app, 'mutation($input: UpdateBodyInput!) { updateBody(input: $input) { id } }', { input: { bodyId: world.group.id, name: 'X' } }, as, 'NOT_FOUND');
    await expectRefused(app, 'mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }', { input: { areaId: world.area.id, name: 'Nikdo' } }, as, 'NOT_FOUND');
    await expectRefused(
      app,
      'mutation($input: AddMembershipInput!) { addMembership(input: $input) { id } }',
      { input: { bodyId: world.group.id, personId: world.outsider.id, role: 'MEMBER', triadSide: 'PUBLIC' } },
      as,
      'NOT_FOUND',
    );
    await expectRefused(
      app,
      'mutation($input: GrantAreaRoleInput!) { grantAreaRole(input: $input) { id } }',
      { input: { areaId: world.area.id, personId: world.outsider.id, role: 'COORDINATOR' } },
      as,
      'NOT_FOUND',
    );
    await expectRefused(app, 'mutation($input: CreateAreaInput!) { createArea(input: $input) { id } }', { input: { name: 'Moje oblast', kind: 'TOWN' } }, as, 'FORBIDDEN');
  });
});

describe('me', () => {
  const FULL_ME = `{ me { authenticated subject isGlobalAdmin
    person { id name email }
    people { id }
    areaRoles { role active validTo }
    memberships { role triadSide votingRight active body { id name } person { id } } } }`;

  test('a signed-in coordinator sees their person (with contacts), their roles and their seats of today', async () => {
    const em = app.em();
    const coordinator = await aPerson(em, world.area, { name: 'Věra Koordinátorka', email: 'vera@example.cz' });
    await aRole(em, coordinator, AreaRoleKind.COORDINATOR);
    await aRole(em, coordinator, AreaRoleKind.CLERK, { validFrom: '2020-01-01', validTo: '2021-12-31' });
    await aRole(em, coordinator, AreaRoleKind.SUPPORT, { revokedAt: new Date('2024-01-01T00:00:00Z') });
    await aSeat(em, world.steering, coordinator, { role: MembershipRole.SECRETARY, triadSide: TriadSide.COMMISSIONER });
    await aSeat(em, world.group, coordinator, { role: MembershipRole.GUEST, triadSide: TriadSide.PUBLIC, votingRight: false, validFrom: '2020-01-01', validTo: '2020-12-31' });

    const res = await api.gql(FULL_ME, {}, who(subjectOf(coordinator)));
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      me: {
        authenticated: true,
        subject: coordinator.subject,
        isGlobalAdmin: false,
        person: { id: coordinator.id, name: 'Věra Koordinátorka', email: 'vera@example.cz' },
        people: [{ id: coordinator.id }],
        areaRoles: [{ role: 'COORDINATOR', active: true, validTo: null }],
        memberships: [
          { role: 'SECRETARY', triadSide: 'COMMISSIONER', votingRight: true, active: true, body: { id: world.steering.id, name: 'Řídící skupina' }, person: { id: coordinator.id } },
        ],
      },
    });
  });

  test('a global admin is flagged as such', async () => {
    const root = await aGlobalAdmin(app.em());
    const res = await api.gql('{ me { authenticated isGlobalAdmin person { id } } }', {}, who(root));
    expect(res.data).toEqual({ me: { authenticated: true, isGlobalAdmin: true, person: null } });
  });

  test('a subject with a person in two areas has no single person, but both people', async () => {
    const other = await anOrganisedArea(app.em());
    const twin = await aPerson(app.em(), other.area, { name: 'Jana Předsedová', subject: subjectOf(world.chair) });
    const res = await api.gql<{ me: { person: null; people: Array<{ id: string }> } }>('{ me { person { id } people { id } } }', {}, who(subjectOf(world.chair)));
    expect(res.data!.me.person).toBeNull();
    expect(res.data!.me.people.map((p) => p.id).sort()).toEqual([world.chair.id, twin.id].sort());
  });
});

