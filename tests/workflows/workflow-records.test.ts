import { AreaRoleKind } from '../../src/entities/enums';
import { WorkflowCatalogueService } from '../../src/services/workflow-catalogue.service';
import { WorkflowDefinitionError } from '../../src/workflows/engine';
import { WORKFLOW_DEFINITIONS, WorkflowRegistry } from '../../src/workflows/workflow-registry';
import { aRole, aPerson } from '../support/factories';
import { aPipelineWorld } from '../support/pipeline-world';
import { serveTestApp, startTestApp, type TestApp } from '../support/test-app';

/**
 * Workflow definitions are records: the shipped ones are templates in the database, loaded by
 * migration; every stored version is compiled and checked when a process starts; a proposal names a
 * published version; a version published by one process is run by the others.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

test('the templates in the database are the shipped definitions, every version, no area', async () => {
  const rows = await app.em().getConnection().execute<Array<{ key: string; version: number; area_id: string | null; definition: unknown }>>(
    'select key, version, area_id, definition from workflow_definition order by key, version',
  );
  const byId = (d: { key: string; version: number }) => `${d.key}@${d.version}`;
  expect(rows.map(byId)).toEqual(WORKFLOW_DEFINITIONS.map(byId).sort());
  for (const row of rows) {
    expect(row.area_id).toBeNull();
    // Equal as JSON: what src/workflows says and what the migration stored.
    expect(row.definition).toEqual(JSON.parse(JSON.stringify(WORKFLOW_DEFINITIONS.find((d) => byId(d) === byId(row)))));
  }
});

test('a version published through one process is what another process starts new proposals on, and lists', async () => {
  const other = await serveTestApp(app.databaseUrl);
  try {
    const em = app.em();
    const world = await aPipelineWorld(em);
    const admin = await aPerson(em, world.area, { name: 'Správce', subject: `admin-${world.area.id}` });
    await aRole(em, admin, AreaRoleKind.ADMIN);
    const as = { as: admin.subject as string };
    // The other process has compiled the templates already; now this one publishes a version of the area's own.
    expect((await other.gql(`{ workflowDefinitions { key } }`)).errors).toBeUndefined();
    const draft = await app.gql<{ createWorkflowDraft: { id: string } }>(
      `mutation($input: CreateWorkflowDraftInput!) { createWorkflowDraft(input: $input) { id } }`,
      { input: { areaId: world.area.id, key: 'oblast-vlastni', from: { key: 'standard', version: 3 } } },
      as,
    );
    expect(draft.errors).toBeUndefined();
    const published = await app.gql(`mutation($input: PublishWorkflowDraftInput!) { publishWorkflowDraft(input: $input) { version } }`, { input: { draftId: draft.data!.createWorkflowDraft.id, expectedRevision: 1 } }, as);
    expect(published.errors).toBeUndefined();

    const created = await other.gql<{ createProposal: { id: string; workflowKey: string; workflowVersion: number; stageLabel: string } }>(
      `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id workflowKey workflowVersion stageLabel } }`,
      { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Terénní služba', summary: 'Pro menší obce.' } },
      { as: world.actors.author.subject },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createProposal).toMatchObject({ workflowKey: 'oblast-vlastni', workflowVersion: 1, stageLabel: 'Návrh' });
    const submitted = await other.gql<{ transitionProposal: { state: string } }>(
      `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }`,
      { input: { proposalId: created.data!.createProposal.id, event: 'SUBMIT', expectedVersion: 1 } },
      { as: world.actors.author.subject },
    );
    expect(submitted.data!.transitionProposal.state).toBe('WORKING_GROUP');
    const listed = await other.gql<{ workflowDefinitions: Array<{ key: string; areaId: string | null }> }>(`{ workflowDefinitions { key areaId } }`);
    expect(listed.data!.workflowDefinitions).toContainEqual({ key: 'oblast-vlastni', areaId: world.area.id });
  } finally {
    await other.close();
  }
});

test('a stored version that cannot run stops the start, naming the version and the fault; a proposal names only a published version', async () => {
  const em = app.em();
  const broken = { ...WORKFLOW_DEFINITIONS[0], key: 'rozbity', version: 1 };
  broken.transitions = broken.transitions.map((t, i) => (i === 0 ? { ...t, guards: [...t.guards, { name: 'noSuchGuard' }] as never } : t));
  const conn = em.getConnection();
  await conn.execute(`insert into workflow_definition (key, version, definition) values ('rozbity', 1, ?::jsonb)`, [JSON.stringify(broken)]);
  const start = new WorkflowCatalogueService().catchUp(app.em(), new WorkflowRegistry([]));
  await expect(start).rejects.toThrow(WorkflowDefinitionError);
  await expect(new WorkflowCatalogueService().catchUp(app.em(), new WorkflowRegistry([]))).rejects.toThrow(/rozbity@1.*noSuchGuard/s);
  // Published versions never change, so it stays: this test comes last in its file.
  const world = await aPipelineWorld(em);
  await expect(
    conn.execute(`update proposal set workflow_key = 'standard', workflow_version = 99 where area_id = ?`, [world.area.id]).then(async () =>
      conn.execute(
        `insert into proposal (id, area_id, working_group_id, author_id, kind, title, state, phase, workflow_key, workflow_version, snapshot) values (gen_random_uuid(), ?, ?, ?, 'MEASURE', 'x', 'DRAFT', 'DRAFT', 'standard', 99, '{}')`,
        [world.area.id, world.group.id, world.actors.author.person.id],
      ),
    ),
  ).rejects.toThrow(/proposal_workflow_fk/);
});
