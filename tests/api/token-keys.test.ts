import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { calculateJwkThumbprint, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { loadOrCreateLocalKey } from '../../src/auth/local-signing-key';
import { loadConfig } from '../../src/config/config';
import { leakChecked, type Api } from '../support/api-assertions';
import { aTestDatabase, codes, serveTestApp, signTestToken, type TestApp } from '../support/test-app';
import { runTypeScript } from '../support/ts-process';

/**
 * Which key signed a token, and which the service trusts: a token made with another DATA_DIR's
 * local key (or one an identity provider no longer publishes) is refused with both key ids named,
 * so that whoever holds it knows what to change. Key ids are public; data folders are not told.
 */

const ME = '{ me { authenticated subject } }';
const now = (): number => Math.floor(Date.now() / 1000);

/** The server's data folder and another one, each with a local signing key of its own. */
let serverDir: string;
let otherDir: string;
let serverKid: string;
let otherKid: string;
/** The service in local mode, its key in serverDir. */
let local: TestApp;
let localApi: Api;
/** The service with an identity provider (the test JWKS, key id `test-key`). */
let provider: TestApp;
let providerApi: Api;

const keyPathOf = (dataDir: string): string => {
  const auth = loadConfig({ DATA_DIR: dataDir }).auth;
  if (auth.mode !== 'local') throw new Error('no identity provider is configured here: local mode');
  return auth.keyPath;
};

beforeAll(async () => {
  serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'triada-server-data-'));
  otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'triada-other-data-'));
  serverKid = (await loadOrCreateLocalKey(keyPathOf(serverDir))).kid as string;
  otherKid = (await loadOrCreateLocalKey(keyPathOf(otherDir))).kid as string;
  const [localDb, providerDb] = await Promise.all([aTestDatabase(), aTestDatabase()]);
  local = await serveTestApp(localDb.url, { dataDir: serverDir, auth: loadConfig({ DATA_DIR: serverDir }).auth }, () => localDb.drop());
  provider = await serveTestApp(providerDb.url, {}, () => providerDb.drop());
  localApi = leakChecked(local);
  providerApi = leakChecked(provider);
});
afterAll(async () => {
  await Promise.all([local?.close(), provider?.close()]);
  fs.rmSync(serverDir, { recursive: true, force: true });
  fs.rmSync(otherDir, { recursive: true, force: true });
});

/** `npm run token -- <subject>` with DATA_DIR set to `dataDir`. */
const issue = (dataDir: string, subject: string) => runTypeScript('src/cli/token.ts', { DATA_DIR: dataDir }, [subject]);

/** The local signing key of `dataDir` as a private JWK. */
const keyOf = (dataDir: string): JWK => JSON.parse(fs.readFileSync(keyPathOf(dataDir), 'utf8')) as JWK;

/** A local-mode token signed with `key`, its header chosen freely. */
async function localToken(key: JWK, header: Record<string, unknown>, claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ sub: 'someone', iss: 'triada-local', aud: 'triada', iat: now(), exp: now() + 600, ...claims })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', ...header })
    .sign(await importJWK(key, 'ES256'));
}

async function meWith(api: Api, token: string, language?: string) {
  const res = await api.gql(ME, {}, { authorization: `Bearer ${token}`, headers: language ? { 'accept-language': language } : {} });
  const { code: _code, ...hint } = res.errors?.[0]?.extensions ?? {};
  return { status: res.status, codes: codes(res), data: res.data ?? null, message: res.errors?.[0]?.message ?? '', hint };
}

describe('`npm run token` names the key it signed with', () => {
  test('stdout is the token alone; stderr names the key id and the data folder; the kid is the key\'s RFC 7638 thumbprint', async () => {
    const run = await issue(otherDir, 'cli-subject');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const { kid, alg } = decodeProtectedHeader(run.stdout.trim());
    const { d: _d, ...publicKey } = keyOf(otherDir);
    expect({ kid, alg }).toEqual({ kid: await calculateJwkThumbprint(publicKey), alg: 'ES256' });
    expect(kid).toBe(otherKid);
    expect(run.stderr).toContain(otherKid);
    expect(run.stderr).toContain(otherDir);
  });

  test('a key file written without a kid still signs with the kid of its public key', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'triada-kidless-'));
    try {
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      const jwk = { ...(await exportJWK(privateKey)), alg: 'ES256' };
      fs.mkdirSync(path.dirname(keyPathOf(dataDir)), { recursive: true });
      fs.writeFileSync(keyPathOf(dataDir), JSON.stringify(jwk), { mode: 0o600 });
      const run = await issue(dataDir, 'cli-subject');
      expect(run.code).toBe(0);
      expect(decodeProtectedHeader(run.stdout.trim()).kid).toBe(await calculateJwkThumbprint(jwk));
      expect((await loadOrCreateLocalKey(keyPathOf(dataDir))).kid).toBe(await calculateJwkThumbprint(jwk));
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('local mode: a token of another data folder\'s key', () => {
  test('a token of the server\'s own data folder is accepted', async () => {
    const run = await issue(serverDir, 'cli-subject');
    expect(await meWith(localApi, run.stdout.trim())).toMatchObject({ status: 200, data: { me: { authenticated: true, subject: 'cli-subject' } } });
  });

  test('is refused (401 UNAUTHENTICATED) naming both key ids and DATA_DIR, in Czech and in English, and no folder', async () => {
    const token = (await issue(otherDir, 'cli-subject')).stdout.trim();
    const cs = await meWith(localApi, token);
    const en = await meWith(localApi, token, 'en-GB,en;q=0.9');
    const hint = { reason: 'UNKNOWN_SIGNING_KEY', tokenKeyId: otherKid, expectedKeyIds: [serverKid] };
    expect(cs).toMatchObject({ status: 401, codes: ['UNAUTHENTICATED'], data: null, hint });
    expect(en).toMatchObject({ status: 401, codes: ['UNAUTHENTICATED'], data: null, hint });
    expect(cs.message).toMatch(/^Neplatný přístupový token\./);
    expect(en.message).toMatch(/^Invalid access token\./);
    for (const message of [cs.message, en.message]) {
      expect(message).toContain(otherKid);
      expect(message).toContain(serverKid);
      expect(message).toContain('DATA_DIR');
      expect(message).toContain('npm run token');
      expect(message).not.toContain(serverDir);
      expect(message).not.toContain(otherDir);
      expect(message).not.toContain(os.tmpdir());
    }
    expect(cs.message).toMatch(/jiným DATA_DIR/);
    expect(en.message).toMatch(/another DATA_DIR/);
  });

  test('the endpoints outside GraphQL say the same (POST /materials: 401 with the hint)', async () => {
    const token = (await issue(otherDir, 'cli-subject')).stdout.trim();
    const res = await fetch(local.url.replace(/\/graphql$/, '/materials?name=a.txt'), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain', 'accept-language': 'en' },
      body: 'text',
    });
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(res.status).toBe(401);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'UNKNOWN_SIGNING_KEY', tokenKeyId: otherKid, expectedKeyIds: [serverKid] });
    expect(body.errors[0].message).toContain('another DATA_DIR');
  });

  test('a token without a kid that the local key did not sign is refused as of no known key', async () => {
    const res = await meWith(localApi, await localToken(keyOf(otherDir), {}), 'en');
    expect(res).toMatchObject({ status: 401, codes: ['UNAUTHENTICATED'], hint: { reason: 'UNKNOWN_SIGNING_KEY', tokenKeyId: null, expectedKeyIds: [serverKid] } });
    expect(res.message).toMatch(/no key id/);
    expect(res.message).toContain(serverKid);
  });

  test('a token naming the server\'s key but signed by another keeps today\'s message, and says nothing of keys', async () => {
    const forged = await localToken(keyOf(otherDir), { kid: serverKid });
    expect(await meWith(localApi, forged)).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], data: null, message: 'Neplatný přístupový token.', hint: {} });
    expect(await meWith(localApi, forged, 'en')).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], data: null, message: 'Invalid access token.', hint: {} });
  });

  test('an expired token of the server\'s key keeps today\'s message', async () => {
    const expired = await localToken(keyOf(serverDir), { kid: serverKid }, { iat: now() - 7200, exp: now() - 3600 });
    expect(await meWith(localApi, expired, 'en')).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], data: null, message: 'The token has expired.', hint: {} });
  });

  test('a key id that is no plain short text is not echoed', async () => {
    for (const kid of ['a'.repeat(300), 'line\nbreak', 42]) {
      const res = await meWith(localApi, await localToken(keyOf(otherDir), { kid }), 'en');
      expect({ status: res.status, codes: res.codes, message: res.message, hint: res.hint }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], message: 'Invalid access token.', hint: {} });
    }
  });
});

describe('an identity provider (JWKS): a token of a key it does not publish', () => {
  test('is refused naming the kid and saying the provider does not publish it, in Czech and in English', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const token = await signTestToken('provider-subject', { key: { ...(await exportJWK(privateKey)), kid: 'rotated-away-2024' } });
    const hint = { reason: 'UNKNOWN_SIGNING_KEY', tokenKeyId: 'rotated-away-2024', expectedKeyIds: ['test-key'] };
    const cs = await meWith(providerApi, token);
    const en = await meWith(providerApi, token, 'en');
    expect(cs).toMatchObject({ status: 401, codes: ['UNAUTHENTICATED'], data: null, hint });
    expect(en).toMatchObject({ status: 401, codes: ['UNAUTHENTICATED'], data: null, hint });
    expect(cs.message).toMatch(/^Neplatný přístupový token\. .*„rotated-away-2024“.*poskytovatel identit.*nezveřejňuje.*„test-key“/);
    expect(en.message).toMatch(/^Invalid access token\. .*"rotated-away-2024".*identity provider does not publish.*"test-key"/);
    expect(en.message).not.toMatch(/DATA_DIR|npm run token/);
  });

  test('a token of a published kid whose signature does not verify keeps today\'s message', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const token = await signTestToken('provider-subject', { key: { ...(await exportJWK(privateKey)), kid: 'test-key' } });
    expect(await meWith(providerApi, token, 'en')).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], data: null, message: 'Invalid access token.', hint: {} });
  });

  test('a valid token of the published key is accepted', async () => {
    const token = await signTestToken('provider-subject');
    expect(await meWith(providerApi, token)).toMatchObject({ status: 200, data: { me: { authenticated: true, subject: 'provider-subject' } } });
  });
});
