import { Client } from 'pg';
import { MeetingStatus, ProposalKind, ProposalPhase } from '../../src/entities/enums';
import { Proposal } from '../../src/entities/proposal.entity';
import { Provider } from '../../src/entities/provider.entity';
import { shippedWorkflows } from '../../src/workflows/workflow-registry';
import { badFields, leakChecked, type Api } from '../support/api-assertions';
import { aMeetingOf, anOrganisation, aPerson } from '../support/factories';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { codes, startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app';

// Every connection pages both ways (the Relay cursor connection spec): forward with `first` and
// `after`, backward with `last` and `before`, a page always in the list's own order. Walking a
// list forward two at a time and backward two at a time meets the same items in the same order,
// and each page says where it stands: its first and last cursors, whether items precede it
// (backward: exactly; forward: when `after` was given) and whether items follow it (forward:
// exactly; backward: when `before` was given).

let app: TestApp;
let api: Api;
let world: PipelineWorld;

const PAGING = '$first: Int, $after: String, $last: Int, $before: String';
const ARGS = 'first: $first, after: $after, last: $last, before: $before';
const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

interface Connection {
  edges: Array<{ cursor: string; node: { id?: string; proposal?: { id: string } } }>;
  pageInfo: PageInfo;
  totalCount: number;
}

interface Paging {
  first?: number;
  after?: string | null;
  last?: number;
  before?: string | null;
}

/** One connection of the API: a query with the paging variables, where its connection lies in the answer, and who asks. */
interface Kind {
  query: string;
  path: string[];
  variables: Record<string, unknown>;
  as: string;
  headers?: Record<string, string>;
}

function connectionOf(kind: Kind, res: GraphQLResponse): Connection {
  let value: unknown = res.data;
  for (const key of kind.path) value = (value as Record<string, unknown>)[key];
  return value as Connection;
}

const idOf = (edge: Connection['edges'][number]): string => edge.node.id ?? edge.node.proposal!.id;
const idsOf = (c: Connection): string[] => c.edges.map(idOf);

const SELECTION = `totalCount ${PAGE_INFO} edges { cursor node { id } }`;

/** A connection at the top of a query, `field(args, paging)`, its other arguments declared as `declared`. */
function topLevel(field: string, declared: string, args: string, variables: Record<string, unknown>, as: string): Kind {
  const argList = args ? `${args}, ${ARGS}` : ARGS;
  return { query: `query(${declared ? `${declared}, ` : ''}${PAGING}) { ${field}(${argList}) { ${SELECTION} } }`, path: [field], variables, as };
}

const meetingsOf = (areaId: string, as: string): Kind => topLevel('meetings', '$filter: MeetingFilter!', 'filter: $filter', { filter: { areaId } }, as);
const organisationsOf = (areaId: string, as: string): Kind => topLevel('organisations', '$areaId: ID!', 'areaId: $areaId', { areaId }, as);
const inboxOf = (as: string): Kind => topLevel('notificationInbox', '', '', {}, as);
const providersMatching = (search: string, as: string): Kind => topLevel('providers', '$filter: ProviderFilter', 'filter: $filter', { filter: { search } }, as);
const peopleOf = (areaId: string, as: string): Kind => ({
  query: `query($id: ID!, ${PAGING}) { area(id: $id) { people(${ARGS}) { ${SELECTION} } } }`,
  path: ['area', 'people'],
  variables: { id: areaId },
  as,
});

function ask(kind: Kind, paging: Paging, headers?: Record<string, string>): Promise<GraphQLResponse> {
  return api.gql(kind.query, { ...kind.variables, ...paging }, { as: kind.as, headers });
}

async function pageOf(kind: Kind, paging: Paging): Promise<Connection> {
  const res = await ask(kind, paging);
  expect(res.errors).toBeUndefined();
  return connectionOf(kind, res);
}

/**
 * Walks the list forward by 2 and backward by 2 and checks every page against `expected` (the
 * list's ids in its order); checks the edges of the list and the refusals. Returns the cursors of
 * the whole list.
 */
async function walkBothWays(kind: Kind, expected: string[]): Promise<string[]> {
  expect(expected.length).toBeGreaterThanOrEqual(5);
  const all = await pageOf(kind, { first: 100 });
  expect(idsOf(all)).toEqual(expected);
  const cursors = all.edges.map((e) => e.cursor);
  expect(all.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: cursors[0], endCursor: cursors.at(-1) });
  expect(all.totalCount).toBe(expected.length);

  // Nothing given: the first 20 (all of them here), as before backward paging came.
  const byDefault = await pageOf(kind, {});
  expect(idsOf(byDefault)).toEqual(expected);
  expect(byDefault.pageInfo).toEqual(all.pageInfo);

  // Forward, two at a time.
  const forward: string[] = [];
  let after: string | null = null;
  for (let round = 0; round < 50; round++) {
    const page = await pageOf(kind, { first: 2, after });
    const start = forward.length;
    const end = Math.min(start + 2, expected.length);
    expect(idsOf(page)).toEqual(expected.slice(start, end));
    expect(page.edges.map((e) => e.cursor)).toEqual(cursors.slice(start, end));
    expect(page.pageInfo).toEqual({ hasNextPage: end < expected.length, hasPreviousPage: after !== null, startCursor: cursors[start], endCursor: cursors[end - 1] });
    expect(page.totalCount).toBe(expected.length);
    forward.push(...idsOf(page));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(forward).toEqual(expected);

  // Backward, two at a time: each page still in the list's order, the last ones first.
  const backward: string[] = [];
  let before: string | null = null;
  for (let round = 0; round < 50; round++) {
    const page = await pageOf(kind, { last: 2, before });
    const end = expected.length - backward.length;
    const start = Math.max(0, end - 2);
    expect(idsOf(page)).toEqual(expected.slice(start, end));
    expect(page.edges.map((e) => e.cursor)).toEqual(cursors.slice(start, end));
    expect(page.pageInfo).toEqual({ hasNextPage: before !== null, hasPreviousPage: start > 0, startCursor: cursors[start], endCursor: cursors[end - 1] });
    expect(page.totalCount).toBe(expected.length);
    backward.unshift(...idsOf(page));
    if (!page.pageInfo.hasPreviousPage) break;
    before = page.pageInfo.startCursor;
  }
  expect(backward).toEqual(expected);

  // The whole list backward is the list, not reversed; `before` alone pages backward by 20.
  const lastAll = await pageOf(kind, { last: 100 });
  expect(idsOf(lastAll)).toEqual(expected);
  expect(lastAll.pageInfo).toEqual(all.pageInfo);
  const beforeOnly = await pageOf(kind, { before: cursors.at(-1) });
  expect(idsOf(beforeOnly)).toEqual(expected.slice(0, -1));
  expect(beforeOnly.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: cursors[0], endCursor: cursors.at(-2) });
  // A middle stretch from either side: the two items before the fourth are the two after the first.
  expect(idsOf(await pageOf(kind, { last: 2, before: cursors[3] }))).toEqual(idsOf(await pageOf(kind, { first: 2, after: cursors[0] })));

  // Beyond either end: empty pages without cursors.
  expect(await pageOf(kind, { last: 2, before: cursors[0] })).toMatchObject({
    edges: [],
    pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: null, endCursor: null },
  });
  expect(await pageOf(kind, { first: 2, after: cursors.at(-1) })).toMatchObject({
    edges: [],
    pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
  });

  await expectRefusals(kind, cursors);
  return cursors;
}

/** A page goes one way, 1 to 100 items, from a cursor of ours; anything else is BAD_USER_INPUT naming the argument. */
async function expectRefusals(kind: Kind, cursors: string[]): Promise<void> {
  const refused: Array<[Paging, string[]]> = [
    [{ first: 2, last: 2 }, ['last']],
    [{ after: cursors[0], last: 2 }, ['after']],
    [{ before: cursors[1], first: 2 }, ['before']],
    [{ after: cursors[0], before: cursors[2] }, ['after']],
    [{ last: 0 }, ['last']],
    [{ last: 101 }, ['last']],
    [{ last: -1, before: cursors[1] }, ['last']],
    [{ first: 0 }, ['first']],
    [{ last: 2, before: 'not-a-cursor' }, ['before']],
    [{ before: Buffer.from('["only one part"]').toString('base64url') }, ['before']],
  ];
  const outcomes = await Promise.all(refused.map(async ([paging]) => {
    const res = await ask(kind, paging);
    return { codes: codes(res), fields: badFields(res) };
  }));
  expect(outcomes).toEqual(refused.map(([, fields]) => ({ codes: ['BAD_USER_INPUT'], fields })));
}

beforeAll(async () => {
  app = await startTestApp();
  api = leakChecked(app);
  world = await aPipelineWorld(app.em());
});

afterAll(async () => {
  await app.close();
});

/** Sorts ids by a key (ISO time or day text, compared as text) and the id, ascending or descending. */
function byKeyThenId<T extends { id: string }>(items: T[], key: (item: T) => string, order: 'asc' | 'desc'): string[] {
  const sign = order === 'asc' ? 1 : -1;
  return [...items]
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      return sign * (ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    })
    .map((i) => i.id);
}

/**
 * A list by name in the database's collation: the whole list, checked to hold exactly `made`,
 * with records of one name ordered by id. The walks are checked against it.
 */
async function byName(kind: Kind, made: Array<{ id: string; name: string }>): Promise<string[]> {
  const listed = idsOf(await pageOf(kind, { first: 100 }));
  expect([...listed].sort()).toEqual(made.map((r) => r.id).sort());
  for (const { name } of made) {
    const alike = made.filter((r) => r.name === name).map((r) => r.id);
    expect(listed.filter((id) => alike.includes(id))).toEqual(alike.sort());
  }
  return listed;
}

describe('proposals', () => {
  const drafted: Array<{ id: string; createdAt: Date; updatedAt: Date }> = [];

  beforeAll(async () => {
    const em = app.em();
    const { definition, engine } = shippedWorkflows().latest('standard');
    // Drafts of the author, which they may submit; two drafted in the same instant (the id breaks the tie).
    const minutes = [1, 2, 3, 3, 5, 8, 13];
    for (const [i, m] of minutes.entries()) {
      const p = em.create(Proposal, {
        areaId: world.area.id,
        workingGroup: world.group,
        author: world.actors.author.person,
        kind: ProposalKind.MEASURE,
        title: `Návrh ${i + 1}`,
        summary: 'Shrnutí.',
        state: 'DRAFT',
        phase: ProposalPhase.DRAFT,
        currentBody: null,
        workflowKey: definition.key,
        workflowVersion: definition.version,
        snapshot: engine.snapshotAt('DRAFT'),
        createdAt: new Date(Date.UTC(2026, 0, 1) + m * 60_000),
        updatedAt: new Date(Date.UTC(2026, 1, 1) + ((i * 3) % 5) * 60_000),
      });
      drafted.push(p);
    }
    await em.flush();
  });

  const proposals = (filter: Record<string, unknown>, orderBy: string): Kind =>
    topLevel('proposals', '$filter: ProposalFilter!, $orderBy: ProposalOrder!', 'filter: $filter, orderBy: $orderBy', { filter: { areaId: world.area.id, ...filter }, orderBy }, world.actors.author.subject);

  test('newest first, in SQL: forward and backward meet the same proposals in the same order', async () => {
    await walkBothWays(proposals({}, 'NEWEST'), byKeyThenId(drafted, (p) => p.createdAt.toISOString(), 'desc'));
  });

  test('oldest first and by change: the same both ways in each order', async () => {
    await walkBothWays(proposals({}, 'OLDEST'), byKeyThenId(drafted, (p) => p.createdAt.toISOString(), 'asc'));
    await walkBothWays(proposals({}, 'CHANGED_LATEST'), byKeyThenId(drafted, (p) => p.updatedAt.toISOString(), 'desc'));
  });

  test('judged by the workflow (mayAct), paged in memory: the same both ways', async () => {
    await walkBothWays(proposals({ mayAct: true }, 'NEWEST'), byKeyThenId(drafted, (p) => p.createdAt.toISOString(), 'desc'));
    await walkBothWays(proposals({ mayAct: true }, 'CHANGED_EARLIEST'), byKeyThenId(drafted, (p) => p.updatedAt.toISOString(), 'asc'));
  });

  test("a desk section (the author's proposals to move, the longest unmoved first): the same both ways", async () => {
    const kind: Kind = {
      query: `query(${PAGING}) { myDesk { proposalsToMove(${ARGS}) { totalCount ${PAGE_INFO} edges { cursor node { proposal { id } } } } } }`,
      path: ['myDesk', 'proposalsToMove'],
      variables: {},
      as: world.actors.author.subject,
    };
    await walkBothWays(kind, byKeyThenId(drafted, (p) => p.updatedAt.toISOString(), 'asc'));
  });

  test('the refusals are worded in Czech and in English', async () => {
    const kind = proposals({}, 'NEWEST');
    const cs = await ask(kind, { first: 2, last: 2 }, { 'accept-language': 'cs' });
    const en = await ask(kind, { first: 2, last: 2 }, { 'accept-language': 'en' });
    expect(cs.errors?.[0].extensions?.fields).toEqual([{ field: 'last', message: 'Zadejte jen jedno z first a last.' }]);
    expect(en.errors?.[0].extensions?.fields).toEqual([{ field: 'last', message: 'Give first or last, not both.' }]);
    const bad = await ask(kind, { last: 2, before: 'not-a-cursor' }, { 'accept-language': 'en' });
    expect(bad.errors?.[0].extensions?.fields).toEqual([{ field: 'before', message: 'Invalid cursor.' }]);
    const size = await ask(kind, { last: 101 }, { 'accept-language': 'en' });
    expect(size.errors?.[0].extensions?.fields).toEqual([{ field: 'last', message: 'last must be between 1 and 100.' }]);
  });
});

test('meetings, by start, in SQL: the same both ways', async () => {
  const em = app.em();
  const starts = [5, 1, 3, 3, 2, 8];
  const meetings = [];
  for (const day of starts) {
    const m = await aMeetingOf(em, world.group, MeetingStatus.PLANNED, { items: 0 });
    m.startsAt = new Date(Date.UTC(2026, 2, day, 9));
    meetings.push(m);
  }
  await em.flush();
  await walkBothWays(meetingsOf(world.area.id, world.actors.coordinator.subject), byKeyThenId(meetings, (m) => m.startsAt.toISOString(), 'asc'));
});

test("an area's people and its organisations, by name, in SQL: the same both ways (names alike ordered by id)", async () => {
  const em = app.em();
  const alike = [await aPerson(em, world.area, { name: 'Stejné Jméno' }), await aPerson(em, world.area, { name: 'Stejné Jméno' })];
  const people = peopleOf(world.area.id, world.actors.coordinator.subject);
  const everyone = [...Object.values(world.actors).flatMap((a) => (a ? [a.person] : [])), ...alike];
  await walkBothWays(people, await byName(people, everyone));

  const organisations = [];
  for (const name of ['Charita', 'Diakonie', 'Charita', 'Archa, z. s.', 'Zahrada']) organisations.push(await anOrganisation(em, world.area, { name }));
  const kind = organisationsOf(world.area.id, world.actors.coordinator.subject);
  await walkBothWays(kind, await byName(kind, organisations));
});

test("the viewer's notifications, newest first, in SQL: the same both ways", async () => {
  const conn = app.em().getConnection();
  const person = world.actors.coordinator.person;
  const made: Array<{ id: string; created_at: Date }> = [];
  for (const minute of [10, 30, 20, 20, 50, 40]) {
    const [outbox] = await conn.execute<Array<{ id: string }>>(`insert into outbox (area_id, kind, payload, dispatched_at) values (?, 'TEST', '{}', now()) returning id`, [world.area.id]);
    const [n] = await conn.execute<Array<{ id: string; created_at: Date }>>(
      `insert into notification (area_id, id, person_id, kind, title_cs, title_en, outbox_id, created_at)
       values (?, gen_random_uuid(), ?, 'TEST', 'Zpráva', 'Notice', ?, ?) returning id, created_at`,
      [world.area.id, person.id, outbox.id, new Date(Date.UTC(2026, 3, 1, 8, minute))],
    );
    made.push(n);
  }
  await walkBothWays(inboxOf(world.actors.coordinator.subject), byKeyThenId(made, (n) => new Date(n.created_at).toISOString(), 'desc'));
});

test('the provider catalogue, by name, in SQL: the same both ways (names alike ordered by id)', async () => {
  const em = app.em();
  const names = ['Stránkování Beta', 'Stránkování Alfa', 'Stránkování Beta', 'Stránkování Gama', 'Stránkování Delta'];
  const providers = names.map((name, i) => em.create(Provider, { ico: `9900000${i}`, name, legalFormCode: null, emails: [], phones: [], websites: [] }));
  await em.flush();
  const kind = providersMatching('Stránkování', world.actors.outsider.subject);
  await walkBothWays(kind, await byName(kind, providers));
});

test('a backward page is read in SQL: the list\'s order reversed and one row more than asked, never the whole list', async () => {
  const spy = jest.spyOn(Client.prototype, 'query');
  /** The statements reading `table`'s rows (not counting them) for a page of `last: 2`. */
  const reads = async (kind: Kind, table: string): Promise<string[]> => {
    await app.token(kind.as);
    spy.mockClear();
    await pageOf(kind, { last: 2 });
    return spy.mock.calls
      .map(([q]) => (typeof q === 'string' ? q : (q as { text: string }).text))
      .filter((text) => (text.includes(`from "${table}"`) || text.includes(`from ${table} p join`)) && !/\bcount\(/.test(text));
  };
  const as = world.actors.coordinator.subject;
  const areaId = world.area.id;
  const newest = topLevel('proposals', '$filter: ProposalFilter!', 'filter: $filter', { filter: { areaId } }, as);
  const cases: Array<[Kind, string, RegExp]> = [
    [meetingsOf(areaId, as), 'meeting', /order by "\w+"\."starts_at" desc, "\w+"\."id" desc limit 3/],
    // Answered by a compiled read (src/reads), whose statement (`from proposal p join …`) names its columns unquoted.
    [newest, 'proposal', /order by \w+\.created_at asc, \w+\.id asc limit 3/],
    [organisationsOf(areaId, as), 'organisation', /order by "\w+"\."name" desc, "\w+"\."id" desc limit 3/],
    [peopleOf(areaId, as), 'person', /order by "\w+"\."name" desc, "\w+"\."id" desc limit 3/],
    [inboxOf(as), 'notification', /order by "\w+"\."created_at" asc, "\w+"\."id" asc limit 3/],
    [providersMatching('Stránkování', as), 'provider', /order by "\w+"\."name" desc, "\w+"\."id" desc limit 3/],
  ];
  try {
    for (const [kind, table, read] of cases) {
      const sent = await reads(kind, table);
      expect({ table, sent: sent.length }).toEqual({ table, sent: 1 });
      expect(sent[0]).toMatch(read);
    }
  } finally {
    spy.mockRestore();
  }
});
