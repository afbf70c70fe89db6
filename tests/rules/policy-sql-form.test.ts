import { RawQueryFragment } from '@mikro-orm/core';
import { Client } from 'pg';
import { conditionSql, holds, visibleFilter, visibleWhere, type SqlForm } from '../../src/auth/authority';
import { POLICY } from '../../src/auth/policy';
import { PROPOSAL_SQL } from '../../src/auth/resources';
import { all, any, anyone, areaPerson, areaRole, areaSeat, chair, flag, globalAdmin, not, seat, self, signedIn, type Condition, type Resource } from '../../src/auth/conditions';
import { Viewer } from '../../src/auth/viewer';
import { AreaRoleKind, DelegatedPower, MembershipRole } from '../../src/entities/enums';
import { plainViewer } from '../support/plain-viewer';

/**
 * One rule, two forms (../shared/DESIGN.md §6a): the decision point judges a condition for one
 * record (`holds`, what `can` asks) and turns the same condition into SQL for lists
 * (`conditionSql`, what `visibleWhere` builds). For every condition of the vocabulary that has a
 * SQL form, every kind of viewer and every kind of record, PostgreSQL must find exactly the records
 * the single-record rule lets through. The records are a VALUES list, so that nothing but the two
 * forms is judged; tests/security/authority-generated.test.ts does the same on the service's own
 * tables through GraphQL.
 */

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** People: one per area of a login, so that one login may hold people in both areas. */
const PERSON_A = id(101);
const PERSON_B = id(102);
const OTHER_PERSON = id(103);
/** Bodies: a working group and a commission in A, a working group in B. */
const GROUP_A = id(201);
const COMMISSION_A = id(202);
const GROUP_B = id(203);

const seated = (body: string, areaId: string, role: MembershipRole) => ({ body, areaId, role });
const delegated = (body: string, areaId: string, power: DelegatedPower) => ({ body, areaId, power, forPersonId: OTHER_PERSON });
const VIEWERS: Record<string, Viewer> = {
  anonymous: Viewer.anonymous(),
  'signed in, nobody': plainViewer({ subject: 'nobody' }),
  'global admin': plainViewer({ globalAdmin: true }),
  'person of A': plainViewer({ people: [{ id: PERSON_A, areaId: A }] }),
  'coordinator of A': plainViewer({ people: [{ id: PERSON_A, areaId: A }], roles: [[A, AreaRoleKind.COORDINATOR]] }),
  'admin of B, person of A and B': plainViewer({ people: [{ id: PERSON_A, areaId: A }, { id: PERSON_B, areaId: B }], roles: [[B, AreaRoleKind.ADMIN]] }),
  'clerk of A and coordinator of B': plainViewer({
    people: [{ id: PERSON_A, areaId: A }, { id: PERSON_B, areaId: B }],
    roles: [
      [A, AreaRoleKind.CLERK],
      [B, AreaRoleKind.COORDINATOR],
    ],
  }),
  'member of group A': plainViewer({ people: [{ id: PERSON_A, areaId: A }], seats: [seated(GROUP_A, A, MembershipRole.MEMBER)] }),
  'chair of commission A': plainViewer({ people: [{ id: PERSON_A, areaId: A }], seats: [seated(COMMISSION_A, A, MembershipRole.CHAIR)] }),
  'secretary of group B': plainViewer({ people: [{ id: PERSON_B, areaId: B }], seats: [seated(GROUP_B, B, MembershipRole.SECRETARY)] }),
  'convening for the chair of group A': plainViewer({ people: [{ id: PERSON_A, areaId: A }], delegations: [delegated(GROUP_A, A, DelegatedPower.CONVENE)] }),
  'deputy with the whole chair of group B': plainViewer({
    people: [{ id: PERSON_B, areaId: B }],
    seats: [seated(GROUP_B, B, MembershipRole.DEPUTY)],
    delegations: [delegated(GROUP_B, B, DelegatedPower.CHAIR)],
  }),
};

interface Row {
  id: string;
  areaId: string | null;
  authors: string[];
  bodies: string[];
  isPublic: boolean;
}
/** Records of every kind: in each area, in none, by each author, of each body, public or not. */
const ROWS: Row[] = [
  { id: id(1), areaId: A, authors: [PERSON_A], bodies: [GROUP_A], isPublic: false },
  { id: id(2), areaId: A, authors: [OTHER_PERSON], bodies: [COMMISSION_A], isPublic: true },
  { id: id(3), areaId: A, authors: [], bodies: [GROUP_A, COMMISSION_A], isPublic: false },
  { id: id(4), areaId: B, authors: [PERSON_B], bodies: [GROUP_B], isPublic: false },
  { id: id(5), areaId: B, authors: [PERSON_A], bodies: [], isPublic: true },
  { id: id(6), areaId: null, authors: [], bodies: [], isPublic: true },
];
const resourceOf = (row: Row): Resource => ({
  areaId: row.areaId,
  people: { author: row.authors },
  bodies: { body: row.bodies.map((bodyId) => ({ id: bodyId })) },
  flags: { public: row.isPublic },
});
const FORM: SqlForm = {
  areaId: 'r.area_id',
  people: { author: (ids) => `r.authors && ${ids}` },
  bodies: { body: (ids) => `r.bodies && ${ids}` },
  flags: { public: 'r.is_public' },
};

const CONDITIONS: Record<string, Condition> = {
  anyone,
  signedIn,
  globalAdmin,
  areaPerson,
  'areaRole ADMIN': areaRole(AreaRoleKind.ADMIN),
  'areaRole COORDINATOR or ADMIN': areaRole(AreaRoleKind.COORDINATOR, AreaRoleKind.ADMIN),
  'areaRole CLERK': areaRole(AreaRoleKind.CLERK),
  areaSeat,
  'self author': self('author'),
  'seat body': seat('body'),
  'seat body as CHAIR or SECRETARY': seat('body', MembershipRole.CHAIR, MembershipRole.SECRETARY),
  'chair body': chair('body'),
  'chair body, power to convene': chair('body', DelegatedPower.CONVENE),
  'chair body, power to verify': chair('body', DelegatedPower.VERIFY_MINUTES),
  'flag public': flag('public'),
  'public or author': any(flag('public'), self('author')),
  'coordinator and not public': all(areaRole(AreaRoleKind.COORDINATOR), not(flag('public'))),
  'not (person and seat)': not(all(areaPerson, seat('body'))),
  'all of nothing': all(),
  'any of nothing': any(),
  'not any of nothing': not(any()),
};

let client: Client;
beforeAll(async () => {
  client = new Client({ connectionString: process.env.TRIADA_TEST_ADMIN_URL });
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

/** The ids of the records the SQL form lets through. */
async function throughSql(cond: Condition, viewer: Viewer): Promise<string[]> {
  const { sql, params } = conditionSql(cond, viewer, FORM);
  const values = ROWS.map((_row, i) => `($${i * 5 + 1}::uuid, $${i * 5 + 2}::uuid, $${i * 5 + 3}::uuid[], $${i * 5 + 4}::uuid[], $${i * 5 + 5}::boolean)`).join(', ');
  const rowParams = ROWS.flatMap((row) => [row.id, row.areaId, `{${row.authors.join(',')}}`, `{${row.bodies.join(',')}}`, row.isPublic]);
  let n = rowParams.length;
  const where = sql.replace(/\?/g, () => `$${++n}`);
  const { rows } = await client.query<{ id: string }>(`select r.id from (values ${values}) as r(id, area_id, authors, bodies, is_public) where ${where} order by r.id`, [...rowParams, ...params]);
  return rows.map((r) => r.id);
}

test('for every condition with a SQL form and every viewer, PostgreSQL finds exactly the records the single-record rule lets through', async () => {
  let allowedSomewhere = 0;
  for (const [name, cond] of Object.entries(CONDITIONS)) {
    for (const [who, viewer] of Object.entries(VIEWERS)) {
      const byRule = ROWS.filter((row) => holds(cond, viewer, resourceOf(row))).map((row) => row.id);
      allowedSomewhere += byRule.length;
      expect([name, who, await throughSql(cond, viewer)]).toEqual([name, who, byRule]);
    }
  }
  // The cases are not all refusals: the comparison says something.
  expect(allowedSomewhere).toBeGreaterThan(100);
});

test('the cases tell the rules apart: a role, a seat or a delegation counts only where the rule says', () => {
  const rows = (cond: Condition, who: string) => ROWS.filter((row) => holds(cond, VIEWERS[who], resourceOf(row))).map((row) => ROWS.indexOf(row) + 1);
  expect(rows(areaRole(AreaRoleKind.ADMIN), 'admin of B, person of A and B')).toEqual([4, 5]);
  expect(rows(areaRole(AreaRoleKind.ADMIN), 'global admin')).toEqual([1, 2, 3, 4, 5, 6]);
  expect(rows(areaRole(AreaRoleKind.CLERK), 'clerk of A and coordinator of B')).toEqual([1, 2, 3]);
  expect(rows(chair('body', DelegatedPower.CONVENE), 'convening for the chair of group A')).toEqual([1, 3]);
  expect(rows(chair('body', DelegatedPower.VERIFY_MINUTES), 'convening for the chair of group A')).toEqual([]);
  expect(rows(chair('body', DelegatedPower.VERIFY_MINUTES), 'deputy with the whole chair of group B')).toEqual([4]);
  expect(rows(seat('body', MembershipRole.CHAIR, MembershipRole.SECRETARY), 'secretary of group B')).toEqual([4]);
  expect(rows(areaSeat, 'member of group A')).toEqual([1, 2, 3]);
  expect(rows(all(), 'anonymous')).toEqual([1, 2, 3, 4, 5, 6]);
  expect(rows(any(), 'global admin')).toEqual([]);
});

test('a condition without a SQL form, or a reference the form lacks, is refused by name, never turned into a wrong filter', () => {
  const viewer = VIEWERS['coordinator of A'];
  const refused = (cond: Condition, form: SqlForm = FORM) => {
    try {
      conditionSql(cond, viewer, form);
      return 'turned into SQL';
    } catch (err) {
      return (err as Error).message;
    }
  };
  expect(refused({ kind: 'represents', ref: 'concerned' })).toBe('The policy\'s SQL form has no form of "represents" (a body\'s own rules are judged per record)');
  expect(refused({ kind: 'convener', ref: 'body' })).toBe('The policy\'s SQL form has no form of "convener" (a body\'s own rules are judged per record)');
  expect(refused({ kind: 'minuteTaker', ref: 'body' })).toBe('The policy\'s SQL form has no form of "minuteTaker" (a body\'s own rules are judged per record)');
  expect(refused(self('guarantor'))).toBe('The policy\'s SQL form has no person reference "guarantor"');
  expect(refused(seat('chain'))).toBe('The policy\'s SQL form has no body reference "chain"');
  expect(refused(chair('handledBodies'))).toBe('The policy\'s SQL form has no body reference "handledBodies"');
  expect(refused(flag('draft'))).toBe('The policy\'s SQL form has no flag "draft"');
  // A form with no references of a kind at all says which reference it lacks.
  const bare: SqlForm = { areaId: 'r.area_id' };
  expect(refused(self('author'), bare)).toBe('The policy\'s SQL form has no person reference "author"');
  expect(refused(seat('body'), bare)).toBe('The policy\'s SQL form has no body reference "body"');
  expect(refused(chair('body'), bare)).toBe('The policy\'s SQL form has no body reference "body"');
  expect(refused(flag('public'), bare)).toBe('The policy\'s SQL form has no flag "public"');
  // Nothing to look for: no placeholder is bound, the answer is known.
  expect(conditionSql(self('author'), VIEWERS.anonymous, FORM)).toEqual({ sql: 'false', params: [] });
  expect(conditionSql(areaPerson, VIEWERS['admin of B, person of A and B'], FORM)).toEqual({ sql: 'r.area_id = any(?::uuid[])', params: [`{${A},${B}}`] });
});

test("an action's list filter is the SQL form of its policy row, over the alias the query gives", () => {
  for (const who of ['coordinator of A', 'member of group A', 'admin of B, person of A and B', 'anonymous']) {
    const viewer = VIEWERS[who];
    expect([who, visibleWhere(viewer, 'proposal.read', PROPOSAL_SQL('p'))]).toEqual([who, conditionSql(POLICY['proposal.read'].who, viewer, PROPOSAL_SQL('p'))]);
    // As a MikroORM filter: one raw condition, written for whichever alias the query gives the root entity.
    const filter = visibleFilter(viewer, 'proposal.read', PROPOSAL_SQL);
    const fragments = Object.keys(filter).map((key) => RawQueryFragment.getKnownFragment(key));
    const asWritten = visibleWhere(viewer, 'proposal.read', PROPOSAL_SQL('[::alias::]'));
    expect([who, Object.values(filter), fragments.map((f) => f && { sql: f.sql, params: f.params })]).toEqual([who, [[]], [{ sql: asWritten.sql, params: asWritten.params }]]);
  }
});
