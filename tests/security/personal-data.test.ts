import { AreaRoleKind } from '../../src/entities/enums';
import { dispatchOutbox } from '../../src/services/notification-dispatcher';
import { EXPORT_COVERAGE, PERSON_REFERENCES } from '../../src/services/personal-data.service';
import { expectRefused, leakChecked, oneRow, type Api } from '../support/api-assertions';
import { dbFingerprint } from '../support/db-fingerprint';
import { aGlobalAdmin, anArea, anOrganisation, aPerson, aRole } from '../support/factories';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { codes, startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 5, item 6: erasure keeps the history valid and shows a deleted person; the export gives a
 * person everything held about them, and covers every table that refers to a person.
 */

let app: TestApp;
let api: Api;
beforeAll(async () => {
  app = await startTestApp();
  api = leakChecked(app);
});
afterAll(async () => {
  await app.close();
});

const ERASE = `mutation($input: ErasePersonInput!) { erasePerson(input: $input) { id name erased erasedAt email phone organisation { id } subject } }`;
const EXPORT = `query($id: ID!) { personalDataExport(personId: $id) { personId exportedAt coverage document } }`;
const TRANSITION = `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state version } }`;
const HISTORY = `query($id: ID!) {
  proposal(id: $id) { author { id name erased } history { seq event actor { id name erased erasedAt email subject } } }
  verifyHistory(proposalId: $id) { valid checkedEvents firstBrokenSeq }
}`;

interface World extends PipelineWorld {
  admin: { id: string; subject: string };
  proposalId: string;
}

/** A pipeline area with an admin, and a proposal the author submitted and the group chair recommended. */
async function aWorldWithHistory(): Promise<World> {
  const em = app.em();
  const world = await aPipelineWorld(em);
  const admin = await aPerson(em, world.area, { name: 'Alena Správcová' });
  await aRole(em, admin, AreaRoleKind.ADMIN);
  const created = await api.gql<{ createProposal: { id: string } }>(
    `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
    { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Sociální šatník', summary: 'Zřídit sociální šatník.' } },
    { as: world.actors.author.subject },
  );
  const proposalId = created.data!.createProposal.id;
  for (const [actor, event, expectedVersion] of [
    [world.actors.author, 'SUBMIT', 1],
    [world.actors.groupChair, 'RECOMMEND', 2],
  ] as const) {
    const moved = await api.gql(TRANSITION, { input: { proposalId, event, expectedVersion } }, { as: actor.subject });
    expect(moved.errors).toBeUndefined();
  }
  // The chair's recommendation notified the author.
  await dispatchOutbox(app.orm);
  return { ...world, admin: { id: admin.id, subject: admin.subject as string }, proposalId };
}

/** The subject of the admin of a fresh, unrelated area. */
async function anotherAreasAdmin(): Promise<string> {
  const other = await anArea(app.em());
  const admin = await aPerson(app.em(), other);
  await aRole(app.em(), admin, AreaRoleKind.ADMIN);
  return admin.subject as string;
}

async function historyRows(proposalId: string): Promise<string> {
  const rows = await app.em().getConnection().execute<Array<{ t: string }>>(
    `select string_agg(w::text, '|' order by seq) as t from workflow_event w where proposal_id = ?`,
    [proposalId],
  );
  return rows[0]?.t ?? '';
}

test('erasure by anyone but an area admin is refused and writes nothing', async () => {
  const world = await aWorldWithHistory();
  const input = { personId: world.actors.author.person.id };
  // A coordinator manages people but does not erase them; a member and the person neither.
  await expectRefused(app, ERASE, { input }, { as: world.actors.coordinator.subject }, 'FORBIDDEN');
  await expectRefused(app, ERASE, { input }, { as: world.actors.groupChair.subject }, 'FORBIDDEN');
  await expectRefused(app, ERASE, { input }, { as: world.actors.author.subject }, 'FORBIDDEN');
  await expectRefused(app, ERASE, { input }, {}, 'UNAUTHENTICATED');
  // Another area's admin does not learn that the person exists.
  await expectRefused(app, ERASE, { input }, { as: await anotherAreasAdmin() }, 'NOT_FOUND');
  await expectRefused(app, ERASE, { input: { personId: 'not-a-uuid' } }, { as: world.admin.subject }, 'BAD_USER_INPUT');
});

test('erasure blanks the person, keeps the history valid and shows a deleted person there', async () => {
  const world = await aWorldWithHistory();
  const author = world.actors.author;
  const chair = world.actors.groupChair;
  const chainBefore = await historyRows(world.proposalId);
  expect(await oneRow(app.em(), `select count(*)::int as n from notification where person_id = ?`, [author.person.id])).toEqual({ n: 1 });
  // Where the person works is theirs too: erasure removes the link (the organisation stays).
  const employer = await anOrganisation(app.em(), world.area);
  await app.em().getConnection().execute(`update person set organisation_id = ? where id = ?`, [employer.id, author.person.id]);

  const erased = await api.gql<{ erasePerson: Record<string, unknown> }>(ERASE, { input: { personId: author.person.id } }, { as: world.admin.subject });
  expect(erased.errors).toBeUndefined();
  expect(erased.data!.erasePerson).toEqual({
    id: author.person.id,
    name: 'Smazaná osoba',
    erased: true,
    erasedAt: expect.any(String) as unknown,
    email: null,
    phone: null,
    organisation: null,
    subject: null,
  });
  // The chair who acted in the same history is erased too.
  expect((await api.gql(ERASE, { input: { personId: chair.person.id } }, { as: world.admin.subject })).errors).toBeUndefined();

  // Nothing of the hash-chained history changed, and it still verifies.
  expect(await historyRows(world.proposalId)).toEqual(chainBefore);
  const history = await api.gql<{
    proposal: { author: Record<string, unknown>; history: Array<{ seq: number; event: string; actor: Record<string, unknown> }> };
    verifyHistory: Record<string, unknown>;
  }>(HISTORY, { id: world.proposalId }, { as: world.actors.coordinator.subject, headers: { 'accept-language': 'en' } });
  expect(history.errors).toBeUndefined();
  expect(history.data!.verifyHistory).toEqual({ valid: true, checkedEvents: 2, firstBrokenSeq: null });
  expect(history.data!.proposal.author).toEqual({ id: author.person.id, name: 'Deleted person', erased: true });
  expect(history.data!.proposal.history.map((h) => [h.event, h.actor])).toEqual([
    ['SUBMIT', { id: author.person.id, name: 'Deleted person', erased: true, erasedAt: expect.any(String) as unknown, email: null, subject: null }],
    ['RECOMMEND', { id: chair.person.id, name: 'Deleted person', erased: true, erasedAt: expect.any(String) as unknown, email: null, subject: null }],
  ]);

  // In the database: the row is blank, seats end today, notifications and outbox addresses are gone, the erasure is recorded.
  const em = app.em();
  expect(await oneRow(em, `select name, email, phone, organisation_id, subject, erased_at is not null as erased from person where id = ?`, [author.person.id])).toEqual({
    name: 'Smazaná osoba',
    email: null,
    phone: null,
    organisation_id: null,
    subject: null,
    erased: true,
  });
  expect(await oneRow(em, `select count(*)::int as n from notification where person_id = ?`, [author.person.id])).toEqual({ n: 0 });
  expect(await oneRow(em, `select count(*)::int as n from outbox where payload -> 'recipients' @> jsonb_build_array(?::text)`, [author.person.id])).toEqual({ n: 0 });
  expect(await oneRow(em, `select count(*)::int as n from membership where person_id = ? and (valid_to is null or valid_to > current_date)`, [author.person.id])).toEqual({ n: 0 });
  expect(await oneRow(em, `select count(*)::int as n from membership where person_id = ?`, [author.person.id])).toEqual({ n: 1 });
  expect(await oneRow(em, `select erased_by_id, erased_by_subject from person_erasure where person_id = ?`, [author.person.id])).toEqual({
    erased_by_id: world.admin.id,
    erased_by_subject: null,
  });
  // The erased data itself appears nowhere: not in the erasure record, not in the outbox.
  const dump = await oneRow<{ t: string }>(em, `select (select string_agg(e::text, '|') from person_erasure e) || (select coalesce(string_agg(o::text, '|'), '') from outbox o) as t`);
  expect(dump!.t).not.toContain(author.subject);
  expect(dump!.t).not.toContain(author.person.email as string);

  // The old token gives no rights: no person, no roles, no seats, and the proposal is out of reach.
  const me = await api.gql<{ me: Record<string, unknown> }>(`{ me { authenticated person { id } people { id } areaRoles { role } memberships { id } } }`, {}, { as: author.subject });
  expect(me.data!.me).toEqual({ authenticated: true, person: null, people: [], areaRoles: [], memberships: [] });
  await expectRefused(app, TRANSITION, { input: { proposalId: world.proposalId, event: 'WITHDRAW', expectedVersion: 3 } }, { as: author.subject }, 'NOT_FOUND');
  await expectRefused(app, EXPORT, { id: author.person.id }, { as: author.subject }, 'NOT_FOUND');
});

test('a repeated erasure changes nothing; an erased person cannot be given their data back', async () => {
  const world = await aWorldWithHistory();
  const input = { personId: world.actors.provider.person.id };
  const first = await api.gql<{ erasePerson: { erasedAt: string } }>(ERASE, { input }, { as: world.admin.subject });
  expect(first.errors).toBeUndefined();
  const before = await dbFingerprint(app.em());
  const again = await api.gql<{ erasePerson: { erasedAt: string } }>(ERASE, { input }, { as: world.admin.subject });
  expect(again.data!.erasePerson.erasedAt).toEqual(first.data!.erasePerson.erasedAt);
  expect(await dbFingerprint(app.em())).toEqual(before);
  await expectRefused(
    app,
    `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { id } }`,
    { input: { personId: input.personId, subject: world.actors.provider.subject } },
    { as: world.admin.subject },
    'CONFLICT',
  );
});

test("the area's last admin is not erased (CONFLICT, nothing written) unless a global admin erases", async () => {
  const world = await aWorldWithHistory();
  const res = await expectRefused(app, ERASE, { input: { personId: world.admin.id } }, { as: world.admin.subject }, 'CONFLICT');
  expect(res.errors![0].extensions!.reason).toBe('LAST_ADMIN');
  // With a second admin, the first may go.
  const second = await aPerson(app.em(), world.area);
  await aRole(app.em(), second, AreaRoleKind.ADMIN);
  expect((await api.gql(ERASE, { input: { personId: world.admin.id } }, { as: second.subject as string })).errors).toBeUndefined();
  expect(await oneRow(app.em(), `select count(*)::int as n from area_role where person_id = ? and revoked_at is null`, [world.admin.id])).toEqual({ n: 0 });
  // A global admin may erase the last one (and then appoints a new admin).
  const global = await aGlobalAdmin(app.em());
  const erased = await api.gql<{ erasePerson: { erased: boolean } }>(ERASE, { input: { personId: second.id } }, { as: global });
  expect(erased.data!.erasePerson).toMatchObject({ erased: true });
  expect(await oneRow(app.em(), `select erased_by_id, erased_by_subject from person_erasure where person_id = ?`, [second.id])).toEqual({
    erased_by_id: null,
    erased_by_subject: global,
  });
});

test('the export goes to the person and the area admin; another member gets FORBIDDEN', async () => {
  const world = await aWorldWithHistory();
  const author = world.actors.author;
  const own = await api.gql<{ personalDataExport: { personId: string; coverage: string[]; document: unknown } }>(EXPORT, { id: author.person.id }, { as: author.subject });
  expect(own.errors).toBeUndefined();
  const doc = own.data!.personalDataExport.document as {
    person: Record<string, unknown>;
    records: Record<string, Array<Record<string, unknown>>>;
  };
  expect(doc.person).toMatchObject({ id: author.person.id, name: author.person.name, email: author.person.email, subject: author.subject });
  expect(doc.records.proposal.map((p) => p.id)).toEqual([world.proposalId]);
  expect(doc.records.workflow_event.map((e) => e.event)).toEqual(['SUBMIT']);
  expect(doc.records.membership.map((m) => m.body_id)).toEqual([world.group.id]);
  expect(doc.records.notification.map((n) => n.kind)).toEqual(['PROPOSAL_MOVED']);
  expect(doc.records.outbox).toHaveLength(1);

  const byAdmin = await api.gql<{ personalDataExport: { personId: string } }>(EXPORT, { id: author.person.id }, { as: world.admin.subject });
  expect(byAdmin.data!.personalDataExport.personId).toBe(author.person.id);

  await expectRefused(app, EXPORT, { id: author.person.id }, { as: world.actors.groupChair.subject }, 'FORBIDDEN');
  await expectRefused(app, EXPORT, { id: author.person.id }, { as: world.actors.coordinator.subject }, 'FORBIDDEN');
  await expectRefused(app, EXPORT, { id: author.person.id }, {}, 'UNAUTHENTICATED');
  await expectRefused(app, EXPORT, { id: author.person.id }, { as: await anotherAreasAdmin() }, 'NOT_FOUND');

  // After erasure the admin's export shows what is still held: the blank row and the kept records.
  await api.gql(ERASE, { input: { personId: author.person.id } }, { as: world.admin.subject });
  const after = await api.gql<{ personalDataExport: { document: unknown } }>(EXPORT, { id: author.person.id }, { as: world.admin.subject });
  const erasedDoc = after.data!.personalDataExport.document as typeof doc;
  expect(erasedDoc.person).toMatchObject({ name: 'Smazaná osoba', email: null, phone: null, subject: null });
  expect(erasedDoc.records.notification).toEqual([]);
  expect(erasedDoc.records.person_erasure).toHaveLength(1);
  expect(JSON.stringify(after.data!.personalDataExport.document)).not.toContain(author.subject);
});

test('the export covers every column of every table that refers to a person', async () => {
  const fks = await app.em().getConnection().execute<Array<{ ref: string }>>(
    `select c.conrelid::regclass::text || '.' || a.attname as ref
       from pg_constraint c
       cross join lateral unnest(c.conkey) as k(attnum)
       join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
      where c.contype = 'f' and c.confrelid = 'person'::regclass and a.attname <> 'area_id'
      order by 1`,
  );
  const references = fks.map((r) => r.ref);
  expect(references.length).toBeGreaterThan(15);
  // A new table referring to person must be added to PERSON_REFERENCES with its erasure decision.
  expect(references.filter((r) => !EXPORT_COVERAGE.includes(r))).toEqual([]);
  expect(EXPORT_COVERAGE.filter((c) => c.split('.').length === 2 && c !== 'person.id' && !references.includes(c))).toEqual([]);
  expect(new Set(PERSON_REFERENCES.map((r) => r.table)).size).toBe(PERSON_REFERENCES.length);

  // The API reports the same coverage.
  const world = await aWorldWithHistory();
  const res = await api.gql<{ personalDataExport: { coverage: string[] } }>(EXPORT, { id: world.admin.id }, { as: world.admin.subject });
  expect(res.data!.personalDataExport.coverage).toEqual([...EXPORT_COVERAGE]);
  expect(codes(res)).toEqual([]);
});
