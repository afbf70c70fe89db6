import { Client } from 'pg';
import { backendBlockedBy, waitFor } from '../support/polling';
import { serveTestApp, startTestApp, type TestApp } from '../support/test-app';
import { aWorkflowWorld, forumWorkflow, type WorkflowWorld } from '../support/workflow-world';

/**
 * What approval workflows as records must withstand: odd guard parameters, a migration into a
 * stage the area cannot staff, a draft published over a newer version, a publication committed
 * late and other processes, one new key drafted by two areas at once, a new draft saved back as it
 * came. Every refusal is a coded error; nothing half-written stays behind.
 */

let app: TestApp;
let world: WorkflowWorld;

beforeAll(async () => {
  app = await startTestApp();
  world = await aWorkflowWorld(app.em(), { area: 'Oblast A', other: 'Oblast B' });
});
afterAll(async () => {
  await app.close();
});

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
    CREATE_PROPOSAL, { input: { workingGroupBodyId: world.bodies.forum.id, kind, title, summary: 'Shrnutí.' } }, world.author);
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

test('publications commit one at a time in their order, so another process catching up misses none', async () => {
  const other = await serveTestApp(app.databaseUrl);
  const client = new Client({ connectionString: app.databaseUrl });
  await client.connect();
  // pg_stat_activity is read afresh each time (inside a transaction it would keep its first snapshot).
  const waiting = async () => {
    await client.query('select pg_stat_clear_snapshot()');
    return (await client.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and cardinality(pg_blocking_pids(pid)) > 0`)).rows[0].n;
  };
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
    // A template published meanwhile (through the other process) waits for it: it can neither take an earlier place nor commit first.
    const templatePublished = other.gql<{ publishWorkflowDraft: { key: string } }>(PUBLISH, { input: { draftId: template.id, expectedRevision: template.revision } }, world.globalAdmin);
    await waitFor('the template publication waiting its turn', async () => (await waiting()) === 2);
    const before = await other.gql<{ workflowDefinitions: Array<{ key: string }> }>(DEFINITIONS, {});
    expect(before.data!.workflowDefinitions.map((w) => w.key)).not.toContain('att-late-tpl');
    await client.query('commit');
    expect((await late).data!.publishWorkflowDraft).toMatchObject({ key: 'att-late', version: 1 });
    expect((await templatePublished).errors).toBeUndefined();

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
    // Inserts into the drafts wait on this lock, reads do not.
    await client.query('begin');
    await client.query('lock table workflow_draft in share mode');
    const both = [
      app.gql(CREATE, { input: { areaId: world.area.id, key: 'att-both' } }, world.admin),
      app.gql(CREATE, { input: { areaId: world.other.id, key: 'att-both' } }, world.otherAdmin),
    ];
    // One waits to write its draft; the other waits for it to finish before it may even check the key.
    await waitFor('both drafts waiting', async () => {
      await client.query('select pg_stat_clear_snapshot()');
      const { rows } = await client.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and cardinality(pg_blocking_pids(pid)) > 0`,
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
