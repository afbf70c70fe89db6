import { startTestApp, type TestApp } from '../support/test-app';
import { aWorkflowWorld, forumWorkflow, type WorkflowWorld } from '../support/workflow-world';

/**
 * An area shapes its own approval workflow through the API alone, as seed 002 (Nový Jičín) works:
 * discussion forums → steering group → council → assembly, no commission, and a material for the
 * council that skips the steering group (a guard with parameters). The admin drafts it from
 * nothing, validates, previews, publishes; proposals run through it; version 2 renames a stage;
 * a proposal in flight stays on version 1 until the admin migrates it, dry run first; every
 * history verifies. Around it, the refusals the policy and the rules of versions demand.
 */

let app: TestApp;
let world: WorkflowWorld;

beforeAll(async () => {
  app = await startTestApp();
  world = await aWorkflowWorld(app.em(), { area: 'Nový Jičín (diskusní fóra)', other: 'Jiná oblast' });
});
afterAll(async () => {
  await app.close();
});

const DRAFT_FIELDS = 'id areaId key basedOnVersion revision publishedVersion definition { key version areaId nameCs stages { key labelCs phase bodyKind } mermaid }';
const CREATE = `mutation($input: CreateWorkflowDraftInput!) { createWorkflowDraft(input: $input) { ${DRAFT_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateWorkflowDraftInput!) { updateWorkflowDraft(input: $input) { ${DRAFT_FIELDS} } }`;
const VALIDATE = `query($id: ID!) { validateWorkflowDraft(draftId: $id) { code path message } }`;
const PREVIEW = `query($id: ID!) { previewWorkflowDraft(draftId: $id) { mermaid problems { code } bodies { body { name kind } stages { key } events { event from to } } } }`;
const PUBLISH = `mutation($input: PublishWorkflowDraftInput!) { publishWorkflowDraft(input: $input) { key version areaId stages { key } } }`;
const MIGRATE = `mutation($input: MigrateProposalsInput!) { migrateProposals(input: $input) { dryRun moves { proposalId fromState toState refusal { code message } proposal { state workflowVersion } } } }`;
const CREATE_PROPOSAL = `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id state workflowKey workflowVersion version } }`;
const FIRE = `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state phase version workflowVersion councilResolution } }`;
const PROPOSAL = `query($id: ID!) { proposal(id: $id) { state stageLabel workflowKey workflowVersion version availableTransitions { event target allowed refusals { code } } history { event fromState toState actorRole reason workflowChange } } }`;
const VERIFY = `query($id: ID!) { verifyHistory(proposalId: $id) { valid checkedEvents } }`;

interface Draft {
  id: string;
  key: string;
  revision: number;
  basedOnVersion: number | null;
  publishedVersion: number | null;
  definition: { version: number; stages: Array<{ key: string }>; mermaid: string };
}
interface ProposalView {
  state: string;
  stageLabel: string;
  workflowKey: string;
  workflowVersion: number;
  version: number;
  availableTransitions: Array<{ event: string; target: string; allowed: boolean; refusals: Array<{ code: string }> }>;
  history: Array<{ event: string; fromState: string; toState: string; actorRole: string | null; reason: string | null; workflowChange: string | null }>;
}

async function createProposal(kind: string, title: string): Promise<{ id: string; workflowKey: string; workflowVersion: number }> {
  const res = await app.gql<{ createProposal: { id: string; workflowKey: string; workflowVersion: number } }>(
    CREATE_PROPOSAL,
    { input: { workingGroupBodyId: world.bodies.forum.id, kind, title, summary: 'Shrnutí návrhu pro fórum.' } },
    world.author,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.createProposal;
}

async function fire(id: string, event: string, as: { as: string }, extra: Record<string, string> = {}) {
  const view = await proposal(id);
  return app.gql<{ transitionProposal: { state: string; workflowVersion: number } }>(FIRE, { input: { proposalId: id, event, expectedVersion: view.version, ...extra } }, as);
}

async function proposal(id: string): Promise<ProposalView> {
  const res = await app.gql<{ proposal: ProposalView }>(PROPOSAL, { id }, world.admin);
  expect(res.errors).toBeUndefined();
  return res.data!.proposal;
}

const codeOf = (res: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => res.errors?.[0]?.extensions?.code;

test('an area builds its workflow from nothing through the API, runs proposals on it, publishes version 2 and migrates a proposal in flight on purpose', async () => {
  // ── Draft from nothing: nothing to publish yet, and the problems say why ─────────────────
  const created = await app.gql<{ createWorkflowDraft: Draft }>(CREATE, { input: { areaId: world.area.id, key: 'nj-fora' } }, world.admin);
  expect(created.errors).toBeUndefined();
  const draft = created.data!.createWorkflowDraft;
  expect(draft).toMatchObject({ key: 'nj-fora', revision: 1, basedOnVersion: null, publishedVersion: null, definition: { version: 0, stages: [] } });
  const empty = await app.gql<{ validateWorkflowDraft: Array<{ code: string; path: string }> }>(VALIDATE, { id: draft.id }, world.admin);
  expect(empty.data!.validateWorkflowDraft.map((p) => p.code)).toEqual(expect.arrayContaining(['UNKNOWN_INITIAL_STAGE', 'NO_APPROVED_STAGE']));
  const refused = await app.gql(PUBLISH, { input: { draftId: draft.id, expectedRevision: 1 } }, world.admin);
  expect(codeOf(refused)).toBe('BAD_USER_INPUT');
  expect((refused.errors![0].extensions!.problems as Array<{ code: string }>).map((p) => p.code)).toEqual(expect.arrayContaining(['NO_APPROVED_STAGE']));

  // ── The whole definition: valid, previewed per body ──────────────────────────────────────
  const updated = await app.gql<{ updateWorkflowDraft: Draft }>(UPDATE, { input: { draftId: draft.id, expectedRevision: 1, definition: forumWorkflow() } }, world.admin);
  expect(updated.errors).toBeUndefined();
  expect(updated.data!.updateWorkflowDraft.revision).toBe(2);
  const stale = await app.gql(UPDATE, { input: { draftId: draft.id, expectedRevision: 1, definition: forumWorkflow() } }, world.admin);
  expect(codeOf(stale)).toBe('CONFLICT');
  const valid = await app.gql<{ validateWorkflowDraft: unknown[] }>(VALIDATE, { id: draft.id }, world.admin);
  expect(valid.errors).toBeUndefined();
  expect(valid.data!.validateWorkflowDraft).toEqual([]);
  const preview = await app.gql<{
    previewWorkflowDraft: { mermaid: string; problems: unknown[]; bodies: Array<{ body: { name: string; kind: string }; stages: Array<{ key: string }>; events: Array<{ event: string; from: string[]; to: string }> }> };
  }>(PREVIEW, { id: draft.id }, world.admin);
  expect(preview.errors).toBeUndefined();
  const { mermaid, bodies, problems } = preview.data!.previewWorkflowDraft;
  expect(problems).toEqual([]);
  expect(mermaid.split('\n')).toEqual(expect.arrayContaining(['stateDiagram-v2', '  [*] --> DRAFT', '  FORUM --> COUNCIL : TO_COUNCIL', '  FORUM : Diskusní fórum']));
  const forum = bodies.find((b) => b.body.kind === 'WORKING_GROUP')!;
  expect(forum.body.name).toBe('Diskusní fórum Senioři');
  expect(forum.stages.map((s) => s.key)).toEqual(['FORUM']);
  expect(forum.events.map((e) => `${e.event}:${e.to}`).sort()).toEqual(['RECOMMEND:STEERING', 'TO_COUNCIL:COUNCIL']);
  expect(bodies.find((b) => b.body.kind === 'COUNCIL')!.events.map((e) => e.event).sort()).toEqual(['APPROVE', 'REFER', 'REJECT']);

  // ── Published: version 1, the area's workflow for new proposals ──────────────────────────
  const published = await app.gql<{ publishWorkflowDraft: { key: string; version: number; areaId: string } }>(PUBLISH, { input: { draftId: draft.id, expectedRevision: 2 } }, world.admin);
  expect(published.errors).toBeUndefined();
  expect(published.data!.publishWorkflowDraft).toMatchObject({ key: 'nj-fora', version: 1, areaId: world.area.id });
  const again = await app.gql(UPDATE, { input: { draftId: draft.id, expectedRevision: 2, definition: forumWorkflow() } }, world.admin);
  expect(codeOf(again)).toBe('CONFLICT');
  const area = await app.gql<{ area: { workflowKey: string } }>(`query($id: ID!) { area(id: $id) { workflowKey } }`, { id: world.area.id });
  expect(area.data!.area.workflowKey).toBe('nj-fora');

  // ── A material skips the steering group; a measure may not ────────────────────────────────
  const material = await createProposal('MATERIAL', 'Podklad pro radu: dotace sociálním službám');
  expect(material).toMatchObject({ workflowKey: 'nj-fora', workflowVersion: 1 });
  expect((await fire(material.id, 'SUBMIT', world.author)).errors).toBeUndefined();
  expect((await proposal(material.id)).stageLabel).toBe('Diskusní fórum');
  expect((await fire(material.id, 'TO_COUNCIL', world.coordinator)).data!.transitionProposal.state).toBe('COUNCIL');
  const approved = await fire(material.id, 'APPROVE', world.clerk, { resolutionNumber: 'RM 12/2026' });
  expect(approved.errors).toBeUndefined();
  expect(approved.data!.transitionProposal).toMatchObject({ state: 'APPROVED', councilResolution: 'RM 12/2026' });

  const measure = await createProposal('MEASURE', 'Odlehčovací služba v Kopřivnici');
  expect((await fire(measure.id, 'SUBMIT', world.author)).errors).toBeUndefined();
  const atForum = await proposal(measure.id);
  const skip = atForum.availableTransitions.find((t) => t.event === 'TO_COUNCIL')!;
  expect(skip.refusals.map((r) => r.code)).toContain('NOT_FOR_THIS_KIND');
  const skipped = await fire(measure.id, 'TO_COUNCIL', world.coordinator);
  expect(codeOf(skipped)).toBe('TRANSITION_NOT_ALLOWED');
  expect((await fire(measure.id, 'RECOMMEND', world.forumChair)).data!.transitionProposal.state).toBe('STEERING');

  // ── Version 2 renames the steering stage; the proposal in flight stays on version 1 ──────
  const second = await app.gql<{ createWorkflowDraft: Draft }>(CREATE, { input: { areaId: world.area.id, key: 'nj-fora', from: { key: 'nj-fora', version: 1 } } }, world.admin);
  expect(second.errors).toBeUndefined();
  expect(second.data!.createWorkflowDraft).toMatchObject({ basedOnVersion: 1, revision: 1 });
  const secondId = second.data!.createWorkflowDraft.id;
  expect(
    (await app.gql(UPDATE, { input: { draftId: secondId, expectedRevision: 1, definition: forumWorkflow('MANAGEMENT', 'Manažerský tým') } }, world.admin)).errors,
  ).toBeUndefined();
  const v2 = await app.gql<{ publishWorkflowDraft: { version: number; stages: Array<{ key: string }> } }>(PUBLISH, { input: { draftId: secondId, expectedRevision: 2 } }, world.admin);
  expect(v2.errors).toBeUndefined();
  expect(v2.data!.publishWorkflowDraft.version).toBe(2);
  const inFlight = await proposal(measure.id);
  expect(inFlight).toMatchObject({ workflowKey: 'nj-fora', workflowVersion: 1, state: 'STEERING', stageLabel: 'Řídící skupina' });
  expect(inFlight.availableTransitions.map((t) => t.event)).toEqual(['RECOMMEND']);
  const newer = await createProposal('MEASURE', 'Sociální šatník');
  expect(newer).toMatchObject({ workflowKey: 'nj-fora', workflowVersion: 2 });

  // ── Migration: the dry run first, then on purpose ───────────────────────────────────────
  const base = { areaId: world.area.id, from: { key: 'nj-fora', version: 1 }, to: { key: 'nj-fora', version: 2 }, reason: 'Řídící skupina se přejmenovala na manažerský tým.' };
  type Migration = { migrateProposals: { dryRun: boolean; moves: Array<{ proposalId: string; fromState: string; toState: string | null; refusal: { code: string } | null; proposal: { state: string; workflowVersion: number } }> } };
  const noCounterpart = await app.gql<Migration>(MIGRATE, { input: { ...base, dryRun: true } }, world.admin);
  expect(noCounterpart.errors).toBeUndefined();
  // The decided material is not considered; the measure's stage has no counterpart without a map.
  expect(noCounterpart.data!.migrateProposals.moves).toEqual([
    expect.objectContaining({ proposalId: measure.id, fromState: 'STEERING', toState: null, refusal: expect.objectContaining({ code: 'NO_COUNTERPART' }) as unknown }),
  ]);
  const refusedApply = await app.gql(MIGRATE, { input: { ...base, dryRun: false } }, world.admin);
  expect(codeOf(refusedApply)).toBe('BAD_USER_INPUT');
  const stateMap = [{ from: 'STEERING', to: 'MANAGEMENT' }];
  const dry = await app.gql<Migration>(MIGRATE, { input: { ...base, stateMap, dryRun: true } }, world.admin);
  expect(dry.data!.migrateProposals).toEqual({
    dryRun: true,
    moves: [expect.objectContaining({ proposalId: measure.id, fromState: 'STEERING', toState: 'MANAGEMENT', refusal: null, proposal: { state: 'STEERING', workflowVersion: 1 } })],
  });
  expect((await proposal(measure.id)).workflowVersion).toBe(1);
  const decided = await app.gql<Migration>(MIGRATE, { input: { ...base, stateMap, proposalIds: [material.id], dryRun: true } }, world.admin);
  expect(decided.data!.migrateProposals.moves.map((m) => m.refusal?.code)).toEqual(['DECIDED']);
  const moved = await app.gql<Migration>(MIGRATE, { input: { ...base, stateMap, dryRun: false } }, world.admin);
  expect(moved.errors).toBeUndefined();
  expect(moved.data!.migrateProposals.moves[0].proposal).toEqual({ state: 'MANAGEMENT', workflowVersion: 2 });
  const migrated = await proposal(measure.id);
  expect(migrated).toMatchObject({ workflowVersion: 2, state: 'MANAGEMENT', stageLabel: 'Manažerský tým' });
  expect(migrated.history.at(-1)).toEqual({
    event: 'workflow:migrated',
    fromState: 'STEERING',
    toState: 'MANAGEMENT',
    actorRole: 'ADMIN',
    reason: base.reason,
    workflowChange: 'nj-fora@1 → nj-fora@2',
  });
  // It runs on in version 2.
  expect((await fire(measure.id, 'RECOMMEND', world.steeringChair)).data!.transitionProposal).toMatchObject({ state: 'COUNCIL', workflowVersion: 2 });

  // ── Every history still verifies ─────────────────────────────────────────────────────────
  for (const id of [material.id, measure.id, newer.id]) {
    const verified = await app.gql<{ verifyHistory: { valid: boolean; checkedEvents: number } }>(VERIFY, { id }, world.admin);
    expect(verified.data!.verifyHistory.valid).toBe(true);
  }

  // ── Every version with its diagram; the published ones never change ──────────────────────
  const defs = await app.gql<{ workflowDefinitions: Array<{ key: string; version: number; areaId: string | null; mermaid: string }> }>(
    `query($areaId: ID) { workflowDefinitions(areaId: $areaId) { key version areaId mermaid } }`,
    { areaId: world.area.id },
  );
  const own = defs.data!.workflowDefinitions.filter((d) => d.areaId === world.area.id);
  expect(own.map((d) => `${d.key}@${d.version}`)).toEqual(['nj-fora@1', 'nj-fora@2']);
  expect(own[1].mermaid).toContain('FORUM --> MANAGEMENT : RECOMMEND');
  await expect(app.em().getConnection().execute(`update workflow_definition set definition = '{}' where key = 'nj-fora' and version = 1`)).rejects.toThrow(/never changed/);
  await expect(app.em().getConnection().execute(`delete from workflow_definition where key = 'nj-fora'`)).rejects.toThrow(/never changed/);
});

test('only the area admin edits its workflow and migrates its proposals; templates are the global admin’s; another area’s key is not to be had', async () => {
  const coordinatorDraft = await app.gql(CREATE, { input: { areaId: world.area.id, key: 'koordinator' } }, world.coordinator);
  expect(codeOf(coordinatorDraft)).toBe('FORBIDDEN');
  const template = await app.gql(CREATE, { input: { key: 'sablona-x' } }, world.admin);
  expect(codeOf(template)).toBe('FORBIDDEN');
  const globalTemplate = await app.gql<{ createWorkflowDraft: Draft }>(CREATE, { input: { key: 'standard', from: { key: 'standard', version: 3 } } }, world.globalAdmin);
  expect(globalTemplate.errors).toBeUndefined();
  expect(globalTemplate.data!.createWorkflowDraft).toMatchObject({ key: 'standard', basedOnVersion: 3 });

  const own = await app.gql<{ createWorkflowDraft: Draft }>(CREATE, { input: { areaId: world.area.id, key: 'nj-pokus', from: { key: 'novy-jicin', version: 3 } } }, world.admin);
  expect(own.errors).toBeUndefined();
  const id = own.data!.createWorkflowDraft.id;
  // Another area's admin: the draft does not exist for them, nor can they take its key or touch the proposals.
  expect(codeOf(await app.gql(VALIDATE, { id }, world.otherAdmin))).toBe('NOT_FOUND');
  expect(codeOf(await app.gql(UPDATE, { input: { draftId: id, expectedRevision: 1, definition: forumWorkflow() } }, world.otherAdmin))).toBe('NOT_FOUND');
  expect(codeOf(await app.gql(CREATE, { input: { areaId: world.other.id, key: 'nj-pokus' } }, world.otherAdmin))).toBe('BAD_USER_INPUT');
  // Published definitions are public: another area may start from one, under a key of its own, and never run on the original.
  const copied = await app.gql<{ createWorkflowDraft: Draft }>(CREATE, { input: { areaId: world.other.id, key: 'x-fora', from: { key: 'nj-fora', version: 1 } } }, world.otherAdmin);
  expect(copied.errors).toBeUndefined();
  expect(copied.data!.createWorkflowDraft).toMatchObject({ key: 'x-fora', basedOnVersion: null, definition: { version: 0 } });
  const choose = await app.gql(`mutation($input: UpdateAreaInput!) { updateArea(input: $input) { workflowKey } }`, { input: { areaId: world.other.id, workflowKey: 'nj-fora' } }, world.otherAdmin);
  expect(codeOf(choose)).toBe('BAD_USER_INPUT');
  const migrate = { areaId: world.area.id, from: { key: 'nj-fora', version: 1 }, to: { key: 'nj-fora', version: 2 }, reason: 'x', dryRun: true };
  expect(codeOf(await app.gql(MIGRATE, { input: migrate }, world.otherAdmin))).toBe('NOT_FOUND');
  expect(codeOf(await app.gql(MIGRATE, { input: migrate }, world.coordinator))).toBe('FORBIDDEN');
  // Bad migration input is refused naming the field, before anything is judged or written.
  const badMigration = async (input: Record<string, unknown>, field: string) => {
    const res = await app.gql(MIGRATE, { input: { ...migrate, ...input } }, world.admin);
    expect({ code: codeOf(res), fields: (res.errors?.[0]?.extensions?.fields as Array<{ field: string }> | undefined)?.map((f) => f.field) }).toEqual({ code: 'BAD_USER_INPUT', fields: [field] });
  };
  await badMigration({ to: migrate.from }, 'to');
  await badMigration({ to: { key: 'nj-fora', version: 9 } }, 'to');
  await badMigration({ stateMap: [{ from: 'NO_SUCH_STAGE', to: 'FORUM' }] }, 'stateMap[0].from');
  await badMigration({ stateMap: [{ from: 'FORUM', to: 'NO_SUCH_STAGE' }] }, 'stateMap[0].to');
  await badMigration({ stateMap: [{ from: 'FORUM', to: 'FORUM' }, { from: 'FORUM', to: 'DRAFT' }] }, 'stateMap[1].from');
  await badMigration({ reason: '   ' }, 'reason');
  // A key is lower case; bad input writes nothing.
  expect(codeOf(await app.gql(CREATE, { input: { areaId: world.area.id, key: 'Velká Písmena' } }, world.admin))).toBe('BAD_USER_INPUT');
  const drafts = await app.gql<{ workflowDrafts: Draft[] }>(`query($areaId: ID) { workflowDrafts(areaId: $areaId) { key } }`, { areaId: world.area.id }, world.admin);
  expect(drafts.data!.workflowDrafts.map((d) => d.key).sort()).toEqual(['nj-fora', 'nj-fora', 'nj-pokus']);
  // Discarded, the draft frees its key (no version holds it): another area may take it.
  const DISCARD = `mutation($input: DiscardWorkflowDraftInput!) { discardWorkflowDraft(input: $input) }`;
  expect(codeOf(await app.gql(DISCARD, { input: { draftId: id, expectedRevision: 1 } }, world.otherAdmin))).toBe('NOT_FOUND');
  expect(codeOf(await app.gql(DISCARD, { input: { draftId: id, expectedRevision: 2 } }, world.admin))).toBe('CONFLICT');
  expect((await app.gql<{ discardWorkflowDraft: string }>(DISCARD, { input: { draftId: id, expectedRevision: 1 } }, world.admin)).data!.discardWorkflowDraft).toBe(id);
  expect(codeOf(await app.gql(VALIDATE, { id }, world.admin))).toBe('NOT_FOUND');
  expect((await app.gql(CREATE, { input: { areaId: world.other.id, key: 'nj-pokus' } }, world.otherAdmin)).errors).toBeUndefined();
});
