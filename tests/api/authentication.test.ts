import { exportJWK, generateKeyPair } from 'jose';
import { anOrganisedArea } from '../support/factories';
import { codes, signTestToken, startTestApp, TEST_AUDIENCE, TEST_ISSUER, type TestApp } from '../support/test-app';

let app: TestApp;
let world: Awaited<ReturnType<typeof anOrganisedArea>>;
beforeAll(async () => {
  app = await startTestApp();
  world = await anOrganisedArea(app.em());
});
afterAll(async () => {
  await app.close();
});

const ME = '{ me { authenticated subject person { name } areaRoles { role } memberships { role triadSide } } }';
const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('tokens', () => {
  test('no token: the anonymous public', async () => {
    const res = await app.gql(ME);
    expect(res.data).toEqual({ me: { authenticated: false, subject: null, person: null, areaRoles: [], memberships: [] } });
  });

  test('a valid token: the viewer with person, roles and seats of today', async () => {
    const res = await app.gql(ME, {}, { as: world.chair.subject as string });
    expect(res.data).toEqual({
      me: { authenticated: true, subject: world.chair.subject, person: { name: 'Jana Předsedová' }, areaRoles: [], memberships: [{ role: 'CHAIR', triadSide: 'COMMISSIONER' }] },
    });
    const coordinator = await app.gql(ME, {}, { as: world.coordinator.subject as string });
    expect(coordinator.data).toMatchObject({ me: { areaRoles: [{ role: 'COORDINATOR' }] } });
  });

  const refusedTokens: Array<[string, () => Promise<string>]> = [
    ['expired', () => signTestToken(world.coordinator.subject as string, { expiresIn: -3600 })],
    ['signed by another key', async () => {
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      return signTestToken(world.coordinator.subject as string, { key: { ...(await exportJWK(privateKey)), kid: 'test-key' } });
    }],
    ['of another issuer', () => signTestToken(world.coordinator.subject as string, { issuer: 'https://evil.example/realms/x' })],
    ['for another audience', () => signTestToken(world.coordinator.subject as string, { audience: 'some-other-api' })],
    ['with alg none', () => {
      const now = Math.floor(Date.now() / 1000);
      return Promise.resolve(
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: world.coordinator.subject, iss: TEST_ISSUER, aud: TEST_AUDIENCE, exp: now + 600 })}.`,
      );
    }],
    ['with its payload altered', async () => {
      const [h, , s] = (await signTestToken(world.member.subject as string)).split('.');
      const now = Math.floor(Date.now() / 1000);
      return `${h}.${b64({ sub: world.coordinator.subject, iss: TEST_ISSUER, aud: TEST_AUDIENCE, exp: now + 600 })}.${s}`;
    }],
  ];

  test.each(refusedTokens)('a token %s is UNAUTHENTICATED with HTTP 401 and no data', async (_name, make) => {
    const res = await app.gql(ME, {}, { authorization: `Bearer ${await make()}` });
    expect({ status: res.status, codes: codes(res), data: res.data ?? null }).toEqual({ status: 401, codes: ['UNAUTHENTICATED'], data: null });
  });

  test.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer not-a-jwt', `Bearer ${'a'.repeat(40)}`])('a malformed header "%s" is UNAUTHENTICATED', async (header) => {
    const res = await app.gql(ME, {}, { authorization: header });
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
  });

  test('a valid token of an unknown subject: signed in, but belongs to no area and changes nothing', async () => {
    const me = await app.gql(ME, {}, { as: 'nobody-known' });
    expect(me.data).toMatchObject({ me: { authenticated: true, person: null } });
    const res = await app.gql('mutation($input: UpdateBodyInput!) { updateBody(input: $input) { id } }', { input: { id: world.group.id, name: 'X' } }, { as: 'nobody-known' });
    expect(codes(res)).toEqual(['NOT_FOUND']);
  });

  test('messages follow Accept-Language; Czech by default', async () => {
    const cs = await app.gql('{ body(id: "00000000-0000-4000-8000-000000000000") { id } }');
    const en = await app.gql('{ body(id: "00000000-0000-4000-8000-000000000000") { id } }', {}, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(cs.errors![0].message).toMatch(/^Nenalezeno/);
    expect(en.errors![0].message).toMatch(/^Not found/);
  });
});
