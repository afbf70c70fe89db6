import { Client } from 'pg';
import { AreaRoleKind, BodyKind, MembershipRole, TriadSide } from '../../src/entities/enums';
import { aBody, aGlobalAdmin, anArea, aPerson, aRole, aSeat } from '../support/factories';
import { backendBlockedBy, waitFor } from '../support/polling';
import { serveTestApp, startTestApp, type TestApp } from '../support/test-app';

/**
 * What approval workflows as records must withstand: odd guard parameters, a migration into a
 * stage the area cannot staff, a draft published over a newer version, a publication committed
 * late and other processes, one new key drafted by two areas at once, a new draft saved back as it
 * came. Every refusal is a coded error; nothing half-written stays behind.
 */

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld() {
  const em = app.em();
  const area = await anArea(em, { name: 'Oblast A' });
  const other = await anArea(em, { name: 'Oblast B' });
  const assembly = await aBody(em, area, BodyKind.ASSEMBLY, { name: 'Zastupitelstvo' });
  const council = await aBody(em, area, BodyKind.COUNCIL, { name: 'Rada', reportsTo: assembly });
  const steering = await aBody(em, area, BodyKind.STEERING_GROUP, { name: 'Řídící skupina', reportsTo: council });
  const forum = await aBody(em, area, BodyKind.WORKING_GROUP, { name: 'Fórum', reportsTo: steering });
  const person = async (name: string) => aPerson(em, area, { name, subject: `${name}-${area.id.slice(0, 8)}` });
  const admin = await person('admin');
  await aRole(em, admin, AreaRoleKind.ADMIN);
  const coordinator = await person('coordinator');
  await aRole(em, coordinator, AreaRoleKind.COORDINATOR);
  const clerk = await person('clerk');
  await aRole(em, clerk, AreaRoleKind.CLERK);
  const author = await person('author');
  await aSeat(em, forum, author, { role: MembershipRole.MEMBER, triadSide: TriadSide.SERVICE_USER });
  const forumChair = await person('forumChair');
  await aSeat(em, forum, forumChair, { role: MembershipRole.CHAIR, triadSide: TriadSide.COMMISSIONER });
  const steeringChair = await person('steeringChair');
  await aSeat(em, steering, steeringChair, { role: MembershipRole.CHAIR, triadSide: TriadSide.COMMISSIONER });
  const otherAdmin = await aPerson(em, other, { name: 'otherAdmin', subject: `other-admin-${other.id.slice(0, 8)}` });
  await aRole(em, otherAdmin, AreaRoleKind.ADMIN);
  const globalAdmin = await aGlobalAdmin(em);
  const as = (p: { subject: string | null }) => ({ as: p.subject as string });
  return {
    area,
    other,
    bodies: { assembly, council, steering, forum },
    admin: as(admin),
    coordinator: as(coordinator),
    clerk: as(clerk),
    author: as(author),
    forumChair: as(forumChair),
    steeringChair: as(steeringChair),
    otherAdmin: as(otherAdmin),
    globalAdmin: { as: globalAdmin },
  };
}

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld();
});
afterAll(async () => {
  await app.close();
});

const actor = (kind: string, extra: Record<string, string> = {}) => ({ kind, ...extra });
const role = (r: string) => actor('AREA_ROLE', { role: r });
const chairOf = (bodyKind: string) => actor('CHAIR_OF', { bodyKind });
const who = (...anyOf: object[]) => ({ name: 'actorIs', params: { anyOf } });
const label = (cs: string, en: string) => ({ labelCs: cs, labelEn: en });
const stage = (key: string, cs: string, en: string, phase: string, bodyKind?: string) => ({ key, ...label(cs, en), phase, ...(bodyKind ? { bodyKind } : {}) });
const RESOLUTION = { name: 'resolutionNumberRequired' };

function forumWorkflow(steeringKey = 'STEERING') {
  return {
    nameCs: 'Diskusní fóra',
    nameEn: 'Discussion forums',
    initial: 'DRAFT',
    stages: [
      stage('DRAFT', 'Návrh', 'Draft', 'DRAFT'),
      stage('FORUM', 'Diskusní fórum', 'Discussion forum', 'IN_REVIEW', 'WORKING_GROUP'),
      stage(steeringKey, 'Řídící skupina', 'Steering group', 'IN_REVIEW', 'STEERING_GROUP'),
      stage('COUNCIL', 'Rada města', 'Town council', 'IN_REVIEW', 'COUNCIL'),
      stage('ASSEMBLY', 'Zastupitelstvo města', 'Town assembly', 'IN_REVIEW', 'ASSEMBLY'),
      stage('APPROVED', 'Schváleno', 'Approved', 'APPROVED'),
      stage('REJECTED', 'Zamítnuto', 'Rejected', 'REJECTED'),
    ],
    transitions: [
      { event: 'SUBMIT', from: ['DRAFT'], to: 'FORUM', ...label('Předložit', 'Submit'), guards: [who(actor('AUTHOR'), role('COORDINATOR')), { name: 'hasTitleAndSummary' }], effects: ['SUBMITTED'] },
      { event: 'RECOMMEND', from: ['FORUM'], to: steeringKey, ...label('Fórum doporučuje', 'The forum recommends'), guards: [who(chairOf('WORKING_GROUP'), role('COORDINATOR'))] },
      { event: 'RECOMMEND', from: [steeringKey], to: 'COUNCIL', ...label('ŘS doporučuje', 'The steering group recommends'), guards: [who(chairOf('STEERING_GROUP'))] },
      { event: 'APPROVE', from: ['COUNCIL'], to: 'APPROVED', ...label('Rada schválila', 'Council approved'), guards: [who(role('CLERK')), RESOLUTION, { name: 'kindIsNot', params: { kinds: ['PLAN'] } }], effects: ['COUNCIL_RESOLUTION'] },
      { event: 'REFER', from: ['COUNCIL'], to: 'ASSEMBLY', ...label('Rada postupuje', 'Council refers'), guards: [who(role('CLERK')), RESOLUTION], effects: ['COUNCIL_RESOLUTION'] },
      { event: 'REJECT', from: ['COUNCIL'], to: 'REJECTED', ...label('Rada zamítla', 'Council rejected'), guards: [who(role('CLERK')), RESOLUTION, { name: 'reasonRequired' }], effects: ['COUNCIL_RESOLUTION'] },
      { event: 'APPROVE', from: ['ASSEMBLY'], to: 'APPROVED', ...label('ZM schválilo', 'Assembly approved'), guards: [who(role('CLERK')), RESOLUTION], effects: ['ASSEMBLY_RESOLUTION'] },
      { event: 'REJECT', from: ['ASSEMBLY'], to: 'REJECTED', ...label('ZM zamítlo', 'Assembly rejected'), guards: [who(role('CLERK')), RESOLUTION, { name: 'reasonRequired' }], effects: ['ASSEMBLY_RESOLUTION'] },
    ],
  };
}

const DRAFT_FIELDS = 'id areaId key basedOnVersion revision publishedVersion definition { key version initial }';
const CREATE = `mutation($input: CreateWorkflowDraftInput!) { createWorkflowDraft(input: $input) { ${DRAFT_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateWorkflowDraftInput!) { updateWorkflowDraft(input: $input) { ${DRAFT_FIELDS} } }`;
const VALIDATE = `query($id: ID!) { validateWorkflowDraft(draftId: $id) { code path message } }`;
const PUBLISH = `mutation($input: PublishWorkflowDraftInput!) { publishWorkflowDraft(input: $input) { key version areaId } }`;
const MIGRATE = `mutation($input: MigrateProposalsInput!) { migrateProposals(input: $input) { dryRun moves { proposalId fromState toState refusal { code message } proposal { state workflowKey workflowVersion } } } }`;
const CREATE_PROPOSAL = `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id state workflowKey workflowVersion version } }`;
const FIRE = `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state phase version workflowVersion } }`;
const PROPOSAL = `query($id: ID!) { proposal(id: $id) { state phase workflowKey workflowVersion version currentBody { id kind } availableTransitions { event allowed refusals { code } } } }`;
const DEFINITIONS = `query($areaId: ID) { workflowDefinitions(areaId: $areaId) { key version areaId } }`;

interface Draft { id: string; key: string; revision: number; basedOnVersion: number | null; publishedVersion: number | null; definition: { version: number; initial: string } }
type Res = { errors?: ReadonlyArray<{ message?: string; extensions?: Record<string, unknown> }> };
const codeOf = (res: Res) => res.errors?.[0]?.extensions?.code;

async function draftOf(areaId: string | null, key: string, as: { as: string }, from?: { key: string; version: number }): Promise<Draft> {
  const res = await app.gql<{ createWorkflowDraft: Draft }>(CREATE, { input: { ...(areaId ? { areaId } : {}), key, ...(from ? { from } : {}) } }, as);
  expect(res.errors).toBeUndefined();
  return res.data!.createWorkflowDraft;
}
async function update(draft: { id: string; revision: number }, definition: unknown, as = world.admin) {
  return app.gql<{ updateWorkflowDraft: Draft }>(UPDATE, { input: { draftId: draft.id, expectedRevision: draft.revision, definition } }, as);
}
async function publish(draft: { id: string; revision: number }, as = world.admin) {
  return app.gql<{ publishWorkflowDraft: { key: string; version: number } }>(PUBLISH, { input: { draftId: draft.id, expectedRevision: draft.revision } }, as);
}
async function createProposal(title: string, kind = 'MEASURE') {
  const res = await app.gql<{ createProposal: { id: string; workflowKey: string; workflowVersion: number } }>(
    CREATE_PROPOSAL, { input: { workingGroupId: world.bodies.forum.id, kind, title, summary: 'Shrnutí.' } }, world.author);
  expect(res.errors).toBeUndefined();
  return res.data!.createProposal;
}
async function proposal(id: string) {
  const res = await app.gql<{ proposal: { state: string; phase: string; workflowKey: string; workflowVersion: number; version: number; currentBody: { id: string; kind: string } | null; availableTransitions: Array<{ event: string; allowed: boolean; refusals: Array<{ code: string }> }> } }>(PROPOSAL, { id }, world.admin);
  expect(res.errors).toBeUndefined();
  return res.data!.proposal;
}
async function fire(id: string, event: string, as: { as: string }, extra: Record<string, string> = {}) {
  const view = await proposal(id);
  return app.gql<{ transitionProposal: { state: string } }>(FIRE, { input: { proposalId: id, event, expectedVersion: view.version, ...extra } }, as);
}


/** A body for updateWorkflowDraft whose first guard's parameters are written as raw JSON text (what `JSON.stringify` cannot say). */
async function updateWithRawParams(draft: { id: string; revision: number }, rawParams: string) {
  const definition = forumWorkflow();
  (definition.transitions[0].guards[0] as { params: unknown }).params = '@@PARAMS@@';
  const body = JSON.stringify({ query: UPDATE, variables: { input: { draftId: draft.id, expectedRevision: draft.revision, definition } } }).replace('"@@PARAMS@@"', rawParams);
  const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await app.token(world.admin.as)}` }, body });
  return (await res.json()) as Res & { data?: { updateWorkflowDraft: Draft } | null };
}

async function revisionOf(id: string): Promise<number> {
  const res = await app.gql<{ workflowDraft: { revision: number } }>(`query($id: ID!) { workflowDraft(id: $id) { revision } }`, { id }, world.admin);
  return res.data!.workflowDraft.revision;
}

test('guard parameters whose keys hold control characters are refused as bad input, like any other text', async () => {
  const draft = await draftOf(world.area.id, 'att-params-keys', world.admin);
  // NUL in a key: PostgreSQL's jsonb cannot hold it.
  const nul = await updateWithRawParams(draft, '{"anyOf":[{"kind":"AUTHOR","x\\u0000y":"z"}]}');
  expect(codeOf(nul)).toBe('BAD_USER_INPUT');
  // A bell and a right-to-left override in a key: stored, and quoted back in messages, unless refused.
  const bell = await updateWithRawParams(draft, '{"anyOf":[{"kind":"AUTHOR","\\u202e\\u0007":1}]}');
  expect(codeOf(bell)).toBe('BAD_USER_INPUT');
  expect(await revisionOf(draft.id)).toBe(1);
});

test('deeply nested guard parameters are refused as bad input, not an internal error', async () => {
  const draft = await draftOf(world.area.id, 'att-params-deep', world.admin);
  const depth = 3000; // about 6 kB of JSON, far below the request limit
  const res = await updateWithRawParams(draft, `{"anyOf":${'['.repeat(depth)}${']'.repeat(depth)}}`);
  expect(codeOf(res)).toBe('BAD_USER_INPUT');
  expect(await revisionOf(draft.id)).toBe(1);
});

test('a migration does not move proposals into a stage handled by a kind of body the area does not have', async () => {
  const draft = await draftOf(world.area.id, 'att-mig', world.admin);
  const updated = await update(draft, forumWorkflow());
  expect(updated.errors).toBeUndefined();
  expect((await publish(updated.data!.updateWorkflowDraft)).errors).toBeUndefined();
  const p = await createProposal('Návrh na radě');
  expect(p).toMatchObject({ workflowKey: 'att-mig', workflowVersion: 1 });
  expect((await fire(p.id, 'SUBMIT', world.author)).errors).toBeUndefined();
  expect((await fire(p.id, 'RECOMMEND', world.forumChair)).errors).toBeUndefined();
  expect((await fire(p.id, 'RECOMMEND', world.steeringChair)).data!.transitionProposal.state).toBe('COUNCIL');

  // The area has no social commission; the template's SOCIAL_COMMISSION stage is in review like COUNCIL.
  const input = { areaId: world.area.id, from: { key: 'att-mig', version: 1 }, to: { key: 'standard', version: 1 }, stateMap: [{ from: 'COUNCIL', to: 'SOCIAL_COMMISSION' }], reason: 'Přechod na šablonu.' };
  const dry = await app.gql<{ migrateProposals: { moves: Array<{ refusal: { code: string } | null }> } }>(MIGRATE, { input: { ...input, dryRun: true } }, world.admin);
  expect(dry.errors).toBeUndefined();
  expect(dry.data!.migrateProposals.moves).toHaveLength(1);
  expect(dry.data!.migrateProposals.moves[0].refusal).not.toBeNull();
  const applied = await app.gql(MIGRATE, { input: { ...input, dryRun: false } }, world.admin);
  expect(codeOf(applied)).toBe('BAD_USER_INPUT');
  // Had it moved, nobody could act on it: no body handles it, every event refused.
  const after = await proposal(p.id);
  expect(after).toMatchObject({ workflowKey: 'att-mig', workflowVersion: 1, state: 'COUNCIL' });
  expect(after.currentBody).not.toBeNull();
});

test('a draft based on an older version is not published over a newer one', async () => {
  const first = await draftOf(world.area.id, 'att-stale', world.admin);
  const filled = await update(first, forumWorkflow());
  expect((await publish(filled.data!.updateWorkflowDraft)).errors).toBeUndefined();
  // Two editors start from version 1; the first publishes version 2 (the steering group renamed).
  const mine = await draftOf(world.area.id, 'att-stale', world.admin, { key: 'att-stale', version: 1 });
  const theirs = await draftOf(world.area.id, 'att-stale', world.admin, { key: 'att-stale', version: 1 });
  expect(theirs.basedOnVersion).toBe(1);
  const renamed = await update(mine, forumWorkflow('MANAGEMENT'));
  const v2 = await publish(renamed.data!.updateWorkflowDraft);
  expect(v2.data!.publishWorkflowDraft.version).toBe(2);
  // The second, still based on version 1, would silently undo version 2.
  const stale = await publish(theirs);
  expect(codeOf(stale)).toBe('CONFLICT');
  const newest = await app.gql<{ workflowDefinitions: Array<{ key: string; version: number }> }>(DEFINITIONS, { areaId: world.area.id });
  expect(newest.data!.workflowDefinitions.filter((w) => w.key === 'att-stale').map((w) => w.version)).toEqual([1, 2]);
});

test('another process lists a version whose publication committed after a later one it had already seen', async () => {
  const other = await serveTestApp(app.databaseUrl);
  const client = new Client({ connectionString: app.databaseUrl });
  await client.connect();
  try {
    const draft = await draftOf(world.area.id, 'att-late', world.admin);
    const areaDraft = (await update(draft, forumWorkflow())).data!.updateWorkflowDraft;
    const template = await draftOf(null, 'att-late-tpl', world.globalAdmin, { key: 'standard', version: 1 });
    expect((await other.gql(DEFINITIONS, {})).errors).toBeUndefined();
    // The area's publication takes its place in the order of publication, then waits (here: on the area row) before it commits.
    await client.query('begin');
    await client.query('select 1 from planning_area where id = $1 for update', [world.area.id]);
    const late = publish(areaDraft);
    await backendBlockedBy(client);
    // Meanwhile a template is published and committed, and the other process lists it.
    expect((await publish(template, world.globalAdmin)).errors).toBeUndefined();
    const before = await other.gql<{ workflowDefinitions: Array<{ key: string }> }>(DEFINITIONS, {});
    expect(before.data!.workflowDefinitions.map((w) => w.key)).toContain('att-late-tpl');
    await client.query('commit');
    expect((await late).data!.publishWorkflowDraft).toMatchObject({ key: 'att-late', version: 1 });

    const listed = await other.gql<{ workflowDefinitions: Array<{ key: string; version: number; areaId: string | null }> }>(DEFINITIONS, { areaId: world.area.id });
    expect(listed.data!.workflowDefinitions.filter((w) => w.key.startsWith('att-late')).map((w) => `${w.key}@${w.version}`).sort()).toEqual(['att-late-tpl@1', 'att-late@1']);
  } finally {
    await client.query('rollback').catch(() => undefined);
    await client.end();
    await other.close();
  }
});

test('one new key drafted by two areas at once belongs to one of them only', async () => {
  const client = new Client({ connectionString: app.databaseUrl });
  await client.connect();
  try {
    // Both requests check the key's owner, then wait to write their draft (inserts wait on this lock, reads do not).
    await client.query('begin');
    await client.query('lock table workflow_draft in share mode');
    const both = [
      app.gql(CREATE, { input: { areaId: world.area.id, key: 'att-both' } }, world.admin),
      app.gql(CREATE, { input: { areaId: world.other.id, key: 'att-both' } }, world.otherAdmin),
    ];
    await waitFor('both drafts waiting to be written', async () => {
      const { rows } = await client.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and pg_backend_pid() = any(pg_blocking_pids(pid))`,
      );
      return rows[0].n === 2;
    });
    await client.query('commit');
    const codes = (await Promise.all(both)).map((r) => codeOf(r) ?? 'OK').sort();
    expect(codes).toEqual(['BAD_USER_INPUT', 'OK']);
    const { rows } = await client.query<{ area_id: string }>(`select distinct area_id from workflow_draft where key = 'att-both'`);
    expect(rows).toHaveLength(1);
  } finally {
    await client.query('rollback').catch(() => undefined);
    await client.end();
  }
});

test('a new empty draft can be saved back as it came, its problems listed by validation', async () => {
  const draft = await draftOf(world.area.id, 'att-empty', world.admin);
  expect(draft.definition.initial).toBe('');
  // The editor adds nothing yet and saves: the draft holds "problems and all".
  const saved = await update(draft, { nameCs: 'Prázdný', nameEn: 'Empty', initial: draft.definition.initial, stages: [], transitions: [] });
  expect(saved.errors).toBeUndefined();
  const problems = await app.gql<{ validateWorkflowDraft: Array<{ code: string }> }>(VALIDATE, { id: draft.id }, world.admin);
  expect(problems.data!.validateWorkflowDraft.map((p) => p.code)).toContain('UNKNOWN_INITIAL_STAGE');
});
