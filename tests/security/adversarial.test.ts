import { generateKeyPair, exportJWK, SignJWT } from 'jose';
import { BodyKind } from '../../src/entities/enums';
import { Proposal } from '../../src/entities/proposal.entity';
import { WorkflowEvent } from '../../src/entities/workflow-event.entity';
import { QUERY_LIMITS } from '../../src/security/query-limits';
import { expectNoLeak } from '../support/api-assertions';
import { dbFingerprint } from '../support/db-fingerprint';
import { aBody, aPerson, aSeat } from '../support/factories';
import { aPipelineWorld, allActors, type PipelineWorld } from '../support/pipeline-world';
import { codes, signTestToken, startTestApp, TEST_AUDIENCE, TEST_ISSUER, type GraphQLResponse, type TestApp } from '../support/test-app';

/**
 * Hostile requests, each answered with a stable code and leaving every table as it was. Two areas:
 * A (the attacker's, with every role of the pipeline) and B (the victim's).
 */

let app: TestApp;
let prod: TestApp;
let limited: TestApp;
let a: PipelineWorld;
let b: PipelineWorld;
let bProposal: string;
let aProposal: string;
let bPrivate: { body: string; meeting: string; person: string };
let aPrivateMeeting: string;

const CREATE = `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id version } }`;
const TRANSITION = `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state version } }`;
const PROPOSAL = `query($id: ID!) { proposal(id: $id) { id title } }`;

async function draft(world: PipelineWorld, title: string): Promise<string> {
  const res = await app.gql<{ createProposal: { id: string } }>(
    CREATE,
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title, summary: 'Rozšíření kapacity odlehčovací služby.' } },
    { as: world.actors.author.subject },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.createProposal.id;
}

async function meeting(world: PipelineWorld, bodyId: string): Promise<string> {
  const res = await app.gql<{ scheduleMeeting: { id: string } }>(
    `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`,
    { input: { bodyId, title: 'Jednání', startsAt: '2027-03-01T08:00:00Z', endsAt: '2027-03-01T10:00:00Z', place: 'Radnice' } },
    { as: world.actors.coordinator.subject },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.scheduleMeeting.id;
}

beforeAll(async () => {
  app = await startTestApp();
  prod = await startTestApp({ nodeEnv: 'production', production: true });
  limited = await startTestApp({ mutationsPerMinutePerViewer: 3, mutationsPerMinutePerAddress: 5 });
  a = await aPipelineWorld(app.em());
  b = await aPipelineWorld(app.em());
  aProposal = await draft(a, 'Návrh oblasti A');
  bProposal = await draft(b, 'Tajný návrh oblasti B');
  const bBody = await aBody(app.em(), b.area, BodyKind.WORKING_GROUP, { name: 'Tajná skupina', isPublic: false, reportsTo: b.steering });
  const bPerson = await aPerson(app.em(), b.area, { name: 'Tajná osoba' });
  await aSeat(app.em(), bBody, bPerson);
  bPrivate = { body: bBody.id, meeting: await meeting(b, bBody.id), person: bPerson.id };
  const privateBody = await aBody(app.em(), a.area, BodyKind.WORKING_GROUP, { name: 'Neveřejná skupina', isPublic: false, reportsTo: a.steering });
  aPrivateMeeting = await meeting(a, privateBody.id);
});
afterAll(async () => {
  await Promise.all([app.close(), prod.close(), limited.close()]);
});

type Raw = { status: number; body: GraphQLResponse & Record<string, unknown> };

async function raw(target: TestApp, init: RequestInit, url = target.url): Promise<Raw> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: Raw['body'];
  try {
    body = JSON.parse(text) as Raw['body'];
  } catch {
    body = { status: res.status, errors: [{ message: text, extensions: { code: 'NOT_JSON' } }] };
  }
  return { status: res.status, body };
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** Runs the attack, asserts nothing was written and nothing leaked, returns the response. */
async function attack<T extends { errors?: GraphQLResponse['errors'] }>(run: () => Promise<T>): Promise<T> {
  const before = await dbFingerprint(app.em());
  const res = await run();
  expectNoLeak(res as unknown as GraphQLResponse);
  expect(await dbFingerprint(app.em())).toEqual(before);
  return res;
}

const codesOf = (r: { errors?: GraphQLResponse['errors'] }): string[] => (r.errors ?? []).map((e) => String(e.extensions?.code));
/** `levels` pairs of body → memberships → person → memberships → body …, each pair two levels deeper. */
const nested = (levels: number): string => {
  let open = '';
  let close = '';
  for (let i = 0; i < levels; i++) {
    open += i % 2 === 0 ? 'memberships { person { ' : 'memberships { body { ';
    close += '} } ';
  }
  return `${open}id ${close}`;
};

describe('malformed and oversized requests', () => {
  test.each([
    ['a body over 100 kB', () => raw(app, json({ query: `{ areas { id } } # ${'x'.repeat(110_000)}` })), 413, 'PAYLOAD_TOO_LARGE'],
    ['a body that is not JSON', () => raw(app, json('{"query": "{ areas { id } }"')), 400, 'BAD_REQUEST'],
    ['an empty JSON object', () => raw(app, json({})), 400, 'BAD_REQUEST'],
    ['a batched request (an array of operations)', () => raw(app, json([{ query: '{ areas { id } }' }, { query: '{ areas { id } }' }])), 400, 'BAD_REQUEST'],
    ['a text/plain POST without preflight headers (CSRF)', () => raw(app, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ areas { id } }' }) }), 400, 'BAD_REQUEST'],
    [
      'a form-encoded POST (CSRF)',
      () => raw(app, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B%20areas%20%7B%20id%20%7D%20%7D' }),
      400,
      'BAD_REQUEST',
    ],
  ])('%s', async (_name, run, status, code) => {
    const res = await attack(async () => {
      const r = await run();
      return { ...r, errors: r.body.errors };
    });
    expect({ status: res.status, codes: codesOf(res) }).toEqual({ status, codes: [code] });
  });

  test('a mutation over GET is refused (GET runs queries only)', async () => {
    const query = `mutation { createProposal(input: { workingGroupBodyId: "${a.group.id}", kind: MEASURE, title: "GET", summary: "GET" }) { id } }`;
    const res = await attack(async () => {
      const r = await raw(app, { method: 'GET', headers: { 'apollo-require-preflight': '1', authorization: `Bearer ${await signTestToken(a.actors.author.subject)}` } }, `${app.url}?query=${encodeURIComponent(query)}`);
      return { ...r, errors: r.body.errors };
    });
    expect(res.status).toBe(405);
    expect(codesOf(res)).toEqual(['BAD_REQUEST']);
  });
});

describe('documents built to exhaust the server', () => {
  const expectShapeRefused = async (query: string, code = 'GRAPHQL_VALIDATION_FAILED') => {
    const res = await attack(() => app.gql(query, {}, { as: a.actors.coordinator.subject }));
    expect(codesOf(res)).toContain(code);
    expect(res.data ?? null).toBeNull();
    const text = JSON.stringify(res.errors);
    for (const limit of Object.values(QUERY_LIMITS)) expect(text).not.toMatch(new RegExp(`\\b${limit}\\b`));
    return res;
  };

  test('deep nesting', async () => {
    await expectShapeRefused(`{ areas { bodies { ${nested(10)} } } }`);
  });

  test('depth hidden in fragments', async () => {
    const fragments = Array.from({ length: 8 }, (_, i) => `fragment F${i} on Membership { person { memberships { ...F${i + 1} } } }`).join('\n');
    await expectShapeRefused(`{ areas { bodies { memberships { ...F0 } } } }\n${fragments}\nfragment F8 on Membership { id }`);
  });

  test('depth hidden in a fragment named __schema', async () => {
    const fragments = Array.from({ length: 8 }, (_, i) => `fragment ${i === 0 ? '__schema' : `F${i}`} on Membership { person { memberships { ...F${i + 1} } } }`).join('\n');
    await expectShapeRefused(`{ areas { bodies { memberships { ...__schema } } } }\n${fragments}\nfragment F8 on Membership { id }`);
  });

  test('depth hidden behind aliases named __schema', async () => {
    await expectShapeRefused(`{ __schema: areas { bodies { ${nested(10).replace(/memberships/g, '__schema: memberships')} } } }`);
  });

  test('an alias flood', async () => {
    await expectShapeRefused(`{ ${Array.from({ length: 40 }, (_, i) => `a${i}: areas { id }`).join(' ')} }`);
  });

  test('a directive flood', async () => {
    await expectShapeRefused(`{ areas ${Array.from({ length: 30 }, () => '@include(if: true)').join(' ')} { id } }`);
  });

  test('a token flood (the parser stops; the message names no number)', async () => {
    const res = await expectShapeRefused(`{ ${Array.from({ length: 2_000 }, () => 'areas { id }').join(' ')} }`, 'GRAPHQL_PARSE_FAILED');
    expect(res.errors![0].message).toBe('Dotaz je příliš dlouhý / Query is too long.');
  });

  test('a cyclic fragment', async () => {
    await expectShapeRefused(`{ areas { ...A } } fragment A on Area { bodies { area { ...A } } }`);
  });

  test('a misspelt field gets no "did you mean" hint about the schema', async () => {
    const res = await expectShapeRefused(`{ arease { id } }`);
    expect(res.errors![0].message).not.toMatch(/did you mean|suggest/i);
  });

  test('an unknown enum value gets no hint either', async () => {
    const res = await expectShapeRefused(`{ proposals(filter: { areaId: "${a.area.id}", kind: PLANN }, first: 5) { totalCount } }`);
    expect(JSON.stringify(res.errors)).not.toMatch(/did you mean|PLAN\b/i);
  });

  test('introspection in production', async () => {
    const res = await prod.gql(`{ __schema { types { name } } }`);
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  test('a page larger than 100', async () => {
    const res = await attack(() => app.gql(`{ proposals(filter: { areaId: "${a.area.id}" }, first: 101) { totalCount } }`, {}, { as: a.actors.coordinator.subject }));
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('hostile values', () => {
  const title = (value: unknown) => app.gql(CREATE, { input: { workingGroupBodyId: a.group.id, kind: 'MEASURE', title: value, summary: 'Shrnutí.' } }, { as: a.actors.author.subject });

  test.each([
    ['a malformed id', () => app.gql(PROPOSAL, { id: "1' or '1'='1" }, { as: a.actors.coordinator.subject }), 'BAD_USER_INPUT'],
    ['an unknown id', () => app.gql(PROPOSAL, { id: '00000000-0000-4000-8000-000000000000' }, { as: a.actors.coordinator.subject }), 'NOT_FOUND'],
    ['a huge string', () => title('Č'.repeat(30_000)), 'BAD_USER_INPUT'],
    ['a control character', () => title('Návrh\u0007'), 'BAD_USER_INPUT'],
    ['a NUL byte', () => title('Návrh\u0000; drop table proposal;'), 'BAD_USER_INPUT'],
    ['a lone surrogate', () => title('Návrh \ud800'), 'BAD_USER_INPUT'],
    ['an impossible date', () => app.gql(`mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`, { input: { bodyId: a.group.id, title: 'X', startsAt: '2027-02-30T08:00:00Z', place: 'X' } }, { as: a.actors.coordinator.subject }), 'BAD_USER_INPUT'],
    ['a client-supplied state', () => app.gql(`mutation { createProposal(input: { workingGroupBodyId: "${a.group.id}", kind: MEASURE, title: "T", summary: "S", state: "APPROVED" }) { id } }`, {}, { as: a.actors.author.subject }), 'GRAPHQL_VALIDATION_FAILED'],
    ['a client-supplied area', () => app.gql(`mutation { createProposal(input: { workingGroupBodyId: "${a.group.id}", kind: MEASURE, title: "T", summary: "S", areaId: "${b.area.id}" }) { id } }`, {}, { as: a.actors.author.subject }), 'GRAPHQL_VALIDATION_FAILED'],
    ['a client-supplied author', () => app.gql(`mutation { createProposal(input: { workingGroupBodyId: "${a.group.id}", kind: MEASURE, title: "T", summary: "S", authorId: "${a.actors.coordinator.person.id}" }) { id } }`, {}, { as: a.actors.author.subject }), 'GRAPHQL_VALIDATION_FAILED'],
    ['a client-supplied version on a draft update', () => app.gql(`mutation { updateProposal(input: { proposalId: "${aProposal}", expectedVersion: 1, title: "T", version: 7 }) { id } }`, {}, { as: a.actors.author.subject }), 'GRAPHQL_VALIDATION_FAILED'],
  ])('%s', async (_name, run, code) => {
    const res = await attack(run);
    expect([...new Set(codesOf(res))]).toEqual([code]);
  });

  test.each([
    ['SQL in a text filter', "' OR 1=1; --"],
    ['a JSON operator in a text filter', '{"$ne": null}'],
    ['LIKE wildcards in a text filter', '%_%'],
  ])('%s is only text: no error, nothing found', async (_name, text) => {
    const res = await attack(() => app.gql<{ proposals: { totalCount: number } }>(`query($t: String!) { proposals(filter: { areaId: "${a.area.id}", text: $t }, first: 10) { totalCount } }`, { t: text }, { as: a.actors.coordinator.subject }));
    expect(res.errors).toBeUndefined();
    expect(res.data!.proposals.totalCount).toBe(0);
  });

  test('invisible direction marks are text a person can paste: stored, not refused', async () => {
    expect((await title('Návrh \u202e')).errors).toBeUndefined();
  });

  test('text typed in decomposed Unicode is stored composed (NFC)', async () => {
    const res = await app.gql<{ createProposal: { id: string } }>(CREATE, { input: { workingGroupBodyId: a.group.id, kind: 'MEASURE', title: 'C\u030Cesky\u0301 Krumlov', summary: 'Shrnutí.' } }, { as: a.actors.author.subject });
    const stored = await app.em().findOneOrFail(Proposal, { id: res.data!.createProposal.id });
    expect(stored.title).toBe('\u010Cesk\u00FD Krumlov');
  });
});

describe('tokens', () => {
  const QUERY = `{ me { subject } }`;
  const header = (token: string) => ({ authorization: `Bearer ${token}` });
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

  test.each([
    ['an expired token', async () => signTestToken(a.actors.coordinator.subject, { expiresIn: -120 })],
    ['a token signed by another key', async () => signTestToken(a.actors.coordinator.subject, { key: { ...(await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey)), kid: 'test-key' } })],
    ['alg: none', () => Promise.resolve(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: a.actors.coordinator.subject, iss: TEST_ISSUER, aud: TEST_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 600 })}.`)],
    ['a wrong audience', async () => signTestToken(a.actors.coordinator.subject, { audience: 'another-api' })],
    ['a wrong issuer', async () => signTestToken(a.actors.coordinator.subject, { issuer: 'https://evil.example/' })],
    [
      'an HS256 token keyed with the public key',
      () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(a.actors.coordinator.subject).setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setExpirationTime('10m').sign(new TextEncoder().encode('public-key-as-secret')),
    ],
    ['a truncated token', async () => (await signTestToken(a.actors.coordinator.subject)).slice(0, -10)],
  ])('%s is UNAUTHENTICATED', async (_name, make) => {
    const res = await attack(async () => app.gql(QUERY, {}, { headers: header(await make()) }));
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    expect(res.status).toBe(401);
  });

  test('a malformed Authorization header is UNAUTHENTICATED', async () => {
    const res = await attack(() => app.gql(QUERY, {}, { authorization: 'Basic YWRtaW46YWRtaW4=' }));
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
  });

  test("a valid token of a person with no role or seat left changes nothing", async () => {
    const res = await attack(() => app.gql(TRANSITION, { input: { proposalId: aProposal, event: 'SUBMIT', expectedVersion: 1 } }, { as: a.actors.outsider.subject }));
    expect(codes(res)).toEqual(['NOT_FOUND']);
  });
});

describe('permissions and areas', () => {
  test.each(['SUBMIT', 'RECOMMEND', 'RETURN', 'REJECT', 'APPROVE', 'REFER_TO_ASSEMBLY', 'WITHDRAW'])('%s by every actor who may not fire it writes nothing', async (event) => {
    const proposal = await draft(a, `Návrh pro ${event}`);
    let refused = 0;
    for (const actor of allActors(a)) {
      const offered = await app.gql<{ proposal: { availableTransitions: Array<{ event: string; allowed: boolean; reasons: string[] }> } | null }>(
        `query($id: ID!) { proposal(id: $id) { availableTransitions { event allowed reasons } } }`,
        { id: proposal },
        { as: actor.subject, headers: { 'accept-language': 'en' } },
      );
      // Offered: allowed, or held back only by text still to be typed (which this request gives).
      const typedOnly = (t: { allowed: boolean; reasons: string[] }) => t.allowed || t.reasons.every((r) => /reason is required|resolution number/i.test(r));
      if (offered.data?.proposal?.availableTransitions.some((t) => t.event === event && typedOnly(t))) continue;
      const res = await attack(() => app.gql(TRANSITION, { input: { proposalId: proposal, event, expectedVersion: 1, reason: 'Důvod.', resolutionNumber: 'X/1/2027' } }, { as: actor.subject }));
      expect({ actor: actor.key, codes: codesOf(res) }).toEqual({ actor: actor.key, codes: [expect.stringMatching(/^(TRANSITION_NOT_ALLOWED|FORBIDDEN|NOT_FOUND)$/)] });
      refused += 1;
    }
    expect(refused).toBeGreaterThanOrEqual(allActors(a).length - 3);
  });

  test.each([
    ['a proposal', () => PROPOSAL, () => ({ id: bProposal })],
    ['non-public body', () => `query($id: ID!) { body(id: $id) { id name } }`, () => ({ id: bPrivate.body })],
    ['non-public meeting', () => `query($id: ID!) { meeting(id: $id) { id title } }`, () => ({ id: bPrivate.meeting })],
    ['person seated only in a non-public body', () => `query($id: ID!) { person(id: $id) { id name } }`, () => ({ id: bPrivate.person })],
    ['a history check', () => `query($id: ID!) { verifyHistory(proposalId: $id) { valid } }`, () => ({ id: bProposal })],
  ])("another area's %s by id is NOT_FOUND", async (_name, query, vars) => {
    const res = await attack(() => app.gql(query(), vars(), { as: a.actors.coordinator.subject }));
    expect(codes(res)).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(res)).not.toMatch(/Tajn/);
  });

  test("another area's proposals through a filter and nested fields: nothing", async () => {
    const res = await attack(() =>
      app.gql<{ proposals: { totalCount: number } }>(`{ proposals(filter: { areaId: "${b.area.id}" }, first: 10) { totalCount edges { node { title } } } }`, {}, { as: a.actors.coordinator.subject }),
    );
    expect(codesOf(res).every((c) => c === 'NOT_FOUND') && (res.data?.proposals?.totalCount ?? 0) === 0).toBe(true);
    const mine = await app.gql<{ me: { people: Array<{ memberships: Array<{ body: { id: string } }> }> } }>(`{ me { people { memberships { body { id } } } } }`, {}, { as: a.actors.author.subject });
    expect(JSON.stringify(mine.data)).not.toContain(b.group.id);
  });

  test("firing another area's proposal is NOT_FOUND", async () => {
    const res = await attack(() => app.gql(TRANSITION, { input: { proposalId: bProposal, event: 'SUBMIT', expectedVersion: 1 } }, { as: a.actors.coordinator.subject }));
    expect(codes(res)).toEqual(['NOT_FOUND']);
  });

  test('the public on a meeting of a non-public body is NOT_FOUND', async () => {
    const res = await attack(() => app.gql(`query($id: ID!) { meeting(id: $id) { id title } }`, { id: aPrivateMeeting }));
    expect(codes(res)).toEqual(['NOT_FOUND']);
  });

  test("a member asking for another person's contacts gets FORBIDDEN on those fields only", async () => {
    const res = await attack(() => app.gql<{ person: { name: string; email: string | null } | null }>(`query($id: ID!) { person(id: $id) { name email } }`, { id: a.actors.groupChair.person.id }, { as: a.actors.author.subject }));
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.errors![0].path).toEqual(['person', 'email']);
  });
});

describe('replays and conflicts', () => {
  test('a replayed idempotency key takes effect once; the same key with another request is CONFLICT', async () => {
    const id = await draft(a, 'Opakovaný požadavek');
    const input = { proposalId: id, event: 'SUBMIT', expectedVersion: 1, idempotencyKey: `replay-${id}` };
    const first = await app.gql(TRANSITION, { input }, { as: a.actors.author.subject });
    const replay = await app.gql(TRANSITION, { input }, { as: a.actors.author.subject });
    expect(replay.data).toEqual(first.data);
    expect(await app.em().count(WorkflowEvent, { proposalId: id })).toBe(1);
    const res = await attack(() => app.gql(TRANSITION, { input: { ...input, event: 'WITHDRAW', reason: 'Jinak.' } }, { as: a.actors.author.subject }));
    expect(codes(res)).toEqual(['CONFLICT']);
  });

  test('a stale version is CONFLICT', async () => {
    const id = await draft(a, 'Zastaralá verze');
    await app.gql(TRANSITION, { input: { proposalId: id, event: 'SUBMIT', expectedVersion: 1 } }, { as: a.actors.author.subject });
    const res = await attack(() => app.gql(TRANSITION, { input: { proposalId: id, event: 'WITHDRAW', expectedVersion: 1, reason: 'Stará verze.' } }, { as: a.actors.author.subject }));
    expect(codes(res)).toEqual(['CONFLICT']);
  });
});

describe('rate limits on mutations', () => {
  test('per signed-in person: RATE_LIMITED with HTTP 429 once over the minute, nothing written', async () => {
    const world = await aPipelineWorld(limited.em());
    const make = () =>
      limited.gql(CREATE, { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Limit', summary: 'Limit.' } }, { as: world.actors.author.subject, headers: { 'x-forwarded-for': '192.0.2.10' } });
    for (let i = 0; i < 3; i++) expect((await make()).errors).toBeUndefined();
    const proposals = await limited.em().count(Proposal, {});
    const res = await make();
    expect({ status: res.status, codes: codes(res) }).toEqual({ status: 429, codes: ['RATE_LIMITED'] });
    expect(await limited.em().count(Proposal, {})).toBe(proposals);
  });

  test('per client address: several people behind one address share its limit; queries are not counted', async () => {
    const world = await aPipelineWorld(limited.em());
    const from = { 'x-forwarded-for': '192.0.2.77' };
    const make = (who: string) => limited.gql(CREATE, { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Adresa', summary: 'Adresa.' } }, { as: who, headers: from });
    for (const who of [world.actors.author, world.actors.author, world.actors.provider, world.actors.provider, world.actors.groupChair]) expect((await make(who.subject)).errors).toBeUndefined();
    expect(codes(await make(world.actors.groupChair.subject))).toEqual(['RATE_LIMITED']);
    expect((await limited.gql(`{ areas { id } }`, {}, { as: world.actors.groupChair.subject, headers: from })).errors).toBeUndefined();
  });
});
