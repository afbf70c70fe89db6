import { AreaRoleKind } from '../../src/entities/enums';
import type { PlanningArea } from '../../src/entities/planning-area.entity';
import type { DraftDefinition } from '../../src/workflows/workflow-definition';
import type { AreaShape } from '../../src/workflows/workflow-problems';
import { aBody, anArea, aPerson, aRole } from '../support/factories';
import { codes, startTestApp, type TestApp } from '../support/test-app';
import { baseDraft, EVERY_BODY, WORKFLOW_PROBLEM_CASES } from '../support/workflow-problem-cases';

/**
 * Every validation problem through the API, from the same table as the validator's own test
 * (tests/support/workflow-problem-cases.ts): an area's admin writes the broken draft with
 * `updateWorkflowDraft`, `validateWorkflowDraft` lists the problem at its path, and
 * `publishWorkflowDraft` is refused naming it, with nothing published. Every case reaches the
 * validator: a label the API would refuse as input (blank, invisible) is sent left out.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const areas = new Map<string, { area: PlanningArea; admin: { as: string } }>();
/** An area with a body of each kind of the shape, and its admin; one per shape. */
async function anAreaShaped(shape: AreaShape) {
  const id = [...shape.bodyKinds].sort().join(',');
  const known = areas.get(id);
  if (known) return known;
  const em = app.em();
  const area = await anArea(em);
  for (const kind of shape.bodyKinds) await aBody(em, area, kind, { name: `${kind} ${area.id.slice(0, 4)}` });
  const admin = await aPerson(em, area, { name: 'Správce', subject: `admin-${area.id}` });
  await aRole(em, admin, AreaRoleKind.ADMIN);
  const made = { area, admin: { as: admin.subject as string } };
  areas.set(id, made);
  return made;
}

/** Text the API refuses as input (blank, or invisible characters only): a label left out, as an editor leaves it. */
const given = (text: string | undefined): string | null => (text && text.replace(/[\s\u200b-\u200d\u2060\ufeff]/g, '') ? text : null);

/** A definition as `updateWorkflowDraft` takes it. */
const toInput = (d: DraftDefinition) => ({
  nameCs: given(d.name?.cs),
  nameEn: given(d.name?.en),
  initial: d.initial,
  stages: d.stages.map((s) => ({ key: s.key, labelCs: given(s.label?.cs), labelEn: given(s.label?.en), phase: s.phase, bodyKind: s.bodyKind ?? null })),
  transitions: d.transitions.map((t) => ({
    event: t.event,
    from: t.from,
    to: t.to,
    labelCs: given(t.label?.cs),
    labelEn: given(t.label?.en),
    guards: t.guards.map((g) => ({ name: g.name, params: g.params ?? null })),
    effects: t.effects ?? [],
    returns: t.returns ?? false,
  })),
  hearingRule: d.hearingRule ?? null,
});

const CREATE = `mutation($input: CreateWorkflowDraftInput!) { createWorkflowDraft(input: $input) { id } }`;
const UPDATE = `mutation($input: UpdateWorkflowDraftInput!) { updateWorkflowDraft(input: $input) { revision } }`;
const VALIDATE = `query($id: ID!) { validateWorkflowDraft(draftId: $id) { code path message } }`;
const PUBLISH = `mutation($input: PublishWorkflowDraftInput!) { publishWorkflowDraft(input: $input) { version } }`;

async function aDraftOf(shape: AreaShape, definition: DraftDefinition, tag: string) {
  const { area, admin } = await anAreaShaped(shape);
  const created = await app.gql<{ createWorkflowDraft: { id: string } }>(CREATE, { input: { areaId: area.id, key: `vada-${tag}` } }, admin);
  expect(created.errors).toBeUndefined();
  const id = created.data!.createWorkflowDraft.id;
  const updated = await app.gql<{ updateWorkflowDraft: { revision: number } }>(UPDATE, { input: { draftId: id, expectedRevision: 1, definition: toInput(definition) } }, admin);
  return { id, admin, updated };
}

const published = async () => Number((await app.em().getConnection().execute<Array<{ n: string }>>('select count(*) as n from workflow_definition'))[0].n);

test('the sound draft the cases start from has no problem and is published', async () => {
  const { id, admin, updated } = await aDraftOf(EVERY_BODY, baseDraft(), 'zdrava');
  expect(updated.errors).toBeUndefined();
  expect((await app.gql<{ validateWorkflowDraft: unknown[] }>(VALIDATE, { id }, admin)).data!.validateWorkflowDraft).toEqual([]);
  const done = await app.gql<{ publishWorkflowDraft: { version: number } }>(PUBLISH, { input: { draftId: id, expectedRevision: 2 } }, admin);
  expect(done.errors).toBeUndefined();
  expect(done.data!.publishWorkflowDraft.version).toBe(1);
});

test.each(WORKFLOW_PROBLEM_CASES.map((c, i) => [`${c.code} at ${c.path}: ${c.why}`, c, i] as const))('%s — listed, and the draft cannot be published', async (_name, c, i) => {
  const { id, admin, updated } = await aDraftOf(c.area ?? EVERY_BODY, c.mutate(baseDraft()), `p${i}`);
  const before = await published();
  expect(updated.errors).toBeUndefined();
  const problems = (await app.gql<{ validateWorkflowDraft: Array<{ code: string; path: string; message: string }> }>(VALIDATE, { id }, admin)).data!.validateWorkflowDraft;
  expect(problems).toContainEqual({ code: c.code, path: c.path, message: expect.any(String) as unknown });
  const refused = await app.gql(PUBLISH, { input: { draftId: id, expectedRevision: 2 } }, admin);
  expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
  expect(refused.errors![0].extensions!.problems).toContainEqual({ code: c.code, path: c.path });
  expect(await published()).toBe(before);
});
