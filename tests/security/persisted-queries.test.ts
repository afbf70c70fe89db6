import { createHash } from 'node:crypto';
import { dbFingerprint } from '../support/db-fingerprint';
import { expectNoLeak } from '../support/api-assertions';
import { anOrganisedArea } from '../support/factories';
import { codes, signTestToken, startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app';

/**
 * Automatic persisted queries (Apollo APQ, `extensions.persistedQuery`): a client registers a query
 * with its SHA-256 and then sends the hash alone. A hash that does not match its query, or a
 * protocol version the server does not speak, is the client's error, with a code of its own.
 */

let app: TestApp;
let world: Awaited<ReturnType<typeof anOrganisedArea>>;
beforeAll(async () => {
  app = await startTestApp();
  world = await anOrganisedArea(app.em());
});
afterAll(async () => {
  await app.close();
});

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const persisted = (sha256Hash: string, version = 1) => ({ persistedQuery: { version, sha256Hash } });

async function post(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const answer = { status: res.status, ...((await res.json()) as Omit<GraphQLResponse, 'status'>) };
  expectNoLeak(answer);
  return answer;
}

const AREAS = '{ areas { name } }';

test('a query registered with its hash is then served by the hash alone; an unknown hash asks for the query', async () => {
  const hash = sha256(AREAS);
  const unknown = await post({ extensions: persisted(sha256('{ areas { id } }')) });
  expect({ status: unknown.status, codes: codes(unknown) }).toEqual({ status: 200, codes: ['PERSISTED_QUERY_NOT_FOUND'] });
  const registered = await post({ query: AREAS, extensions: persisted(hash) });
  expect(registered.errors).toBeUndefined();
  const byHash = await post({ extensions: persisted(hash) });
  expect({ status: byHash.status, data: byHash.data }).toEqual({ status: 200, data: registered.data });
});

test('a query sent with a hash that is not its own is 400 PERSISTED_QUERY_HASH_MISMATCH, runs nothing and registers nothing', async () => {
  const mutation = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }`;
  const before = await dbFingerprint(app.em());
  const wrongHash = sha256('{ areas { name municipalities { name } } }');
  const res = await post(
    { query: mutation, variables: { input: { areaId: world.area.id, name: 'Přes Cizí Otisk' } }, extensions: persisted(wrongHash) },
    { authorization: `Bearer ${await signTestToken(world.coordinator.subject as string)}` },
  );
  expect({ status: res.status, codes: codes(res), data: res.data ?? null }).toEqual({ status: 400, codes: ['PERSISTED_QUERY_HASH_MISMATCH'], data: null });
  expect(res.errors![0].message).toBe(
    'extensions.persistedQuery.sha256Hash není otisk SHA-256 dotazu / extensions.persistedQuery.sha256Hash is not the SHA-256 of the query.',
  );
  expect(await dbFingerprint(app.em())).toEqual(before);
  // The mismatched hash was not registered for that query.
  expect(codes(await post({ extensions: persisted(wrongHash) }))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);

  // The same over GET, where the extensions come as a URL parameter.
  const url = new URL(app.url);
  url.searchParams.set('query', AREAS);
  url.searchParams.set('extensions', JSON.stringify(persisted(sha256('{ me { subject } }'))));
  const overGet = await fetch(url, { headers: { 'apollo-require-preflight': '1' } });
  const got = { status: overGet.status, ...((await overGet.json()) as Omit<GraphQLResponse, 'status'>) };
  expect({ status: got.status, codes: codes(got) }).toEqual({ status: 400, codes: ['PERSISTED_QUERY_HASH_MISMATCH'] });
});

test('a persisted-query version other than 1 is 400 BAD_REQUEST', async () => {
  const res = await post({ query: AREAS, extensions: persisted(sha256(AREAS), 2) });
  expect({ status: res.status, codes: codes(res), data: res.data ?? null }).toEqual({ status: 400, codes: ['BAD_REQUEST'], data: null });
  expect(res.errors![0].message).toMatch(/ \/ Unsupported extensions\.persistedQuery\.version: only 1 is supported\.$/);
});
