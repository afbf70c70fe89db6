import { getSimplePaths } from '@xstate/graph';
import { AreaRoleKind, BodyKind } from '../../src/entities/enums';
import { aPerson, aRole } from '../support/factories';
import { Proposal } from '../../src/entities/proposal.entity';
import type { ActorRule, TransitionDefinition, WorkflowDefinition } from '../../src/workflows/workflow-definition';
import { DECIDED_PHASES } from '../../src/entities/enums';
import { shippedWorkflows, WORKFLOW_DEFINITIONS } from '../../src/workflows/workflow-registry';
import { aPipelineWorld, allActors, type Actor, type PipelineWorld } from '../support/pipeline-world';
import { codes, startTestApp, type TestApp } from '../support/test-app';

/**
 * Model-based: every path from DRAFT to a final stage, enumerated from each compiled machine, is
 * replayed through the GraphQL API by the actor the definition names; at every step each other
 * actor is refused and nothing changes; afterwards the history is the path and it verifies. This
 * runs over every published version of every template (the templates in the database are these
 * definitions: tests/workflows/workflow-records.test.ts): each is taken up by an area through the
 * API — a draft from that version, published as the area's own — so the version replayed is the
 * one new proposals of the area start on.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});


function pathsOf(def: WorkflowDefinition): Array<Array<{ from: string; event: string; to: string }>> {
  // Every event as if its guards passed: the paths the definition allows at all.
  const { machine } = shippedWorkflows().get(def.key, def.version).engine;
  const events = [...new Set(def.transitions.map((t) => t.event))].map((type) => ({ type, permitted: true }));
  const finals = new Set(def.stages.filter((s) => DECIDED_PHASES.includes(s.phase)).map((s) => s.key));
  return getSimplePaths(machine, { events })
    .filter((p) => finals.has(String(p.state.value)))
    .map((p) => {
      const states = p.steps.map((s) => String(s.state.value));
      return p.steps.slice(1).map((s, i) => ({ from: states[i], event: s.event.type, to: String(s.state.value) }));
    });
}

function actorFor(world: PipelineWorld, rule: ActorRule): Actor | null {
  switch (rule.kind) {
    case 'AUTHOR':
      return world.actors.author;
    case 'AREA_ROLE':
      return rule.role === 'COORDINATOR' ? world.actors.coordinator : rule.role === 'CLERK' ? world.actors.clerk : null;
    case 'CHAIR_OF':
      switch (rule.bodyKind) {
        case BodyKind.WORKING_GROUP:
          return world.actors.groupChair;
        case BodyKind.STEERING_GROUP:
          return world.actors.steeringChair;
        case BodyKind.SOCIAL_COMMISSION:
          return world.actors.commissionChair;
        case BodyKind.COUNCIL:
        case BodyKind.ASSEMBLY:
          return null;
      }
  }
}

function rulesOf(t: TransitionDefinition): readonly ActorRule[] {
  const guard = t.guards.find((g) => g.name === 'actorIs');
  return guard && guard.name === 'actorIs' ? guard.params.anyOf : [];
}

const TRANSITION = `mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state version } }`;

/** The area takes up exactly `def` as its own workflow, through the API (its admin drafts from the template version and publishes). */
async function takeUp(world: PipelineWorld, def: WorkflowDefinition): Promise<void> {
  const person = await aPerson(app.em(), world.area, { name: 'Správce oblasti', subject: `admin-${world.area.id}` });
  await aRole(app.em(), person, AreaRoleKind.ADMIN);
  const admin = { as: person.subject as string };
  const key = `vzor-${world.area.id.slice(0, 8)}`;
  const draft = await app.gql<{ createWorkflowDraft: { id: string; revision: number } }>(
    `mutation($input: CreateWorkflowDraftInput!) { createWorkflowDraft(input: $input) { id revision } }`,
    { input: { areaId: world.area.id, key, from: { key: def.key, version: def.version } } },
    admin,
  );
  expect(draft.errors).toBeUndefined();
  const published = await app.gql<{ publishWorkflowDraft: { key: string } }>(
    `mutation($input: PublishWorkflowDraftInput!) { publishWorkflowDraft(input: $input) { key } }`,
    { input: { draftId: draft.data!.createWorkflowDraft.id, expectedRevision: draft.data!.createWorkflowDraft.revision } },
    admin,
  );
  expect(published.errors).toBeUndefined();
}

describe.each(WORKFLOW_DEFINITIONS.map((d) => [`${d.key}@${d.version}`, d] as const))('%s: every path to a final stage', (_key, def) => {
  const paths = pathsOf(def);

  test('has paths to APPROVED, REJECTED and WITHDRAWN', () => {
    expect(new Set(paths.map((p) => p.at(-1)!.to))).toEqual(new Set(['APPROVED', 'REJECTED', 'WITHDRAWN']));
  });

  test.each(paths.map((p) => [p.map((s) => s.event).join(' → '), p] as const))('%s', async (_name, path) => {
    const world = await aPipelineWorld(app.em(), def.key);
    await takeUp(world, def);
    const created = await app.gql<{ createProposal: { id: string } }>(
      `mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }`,
      { input: { workingGroupBodyId: world.group.id, kind: 'MEASURE', title: 'Denní stacionář', summary: 'Nová služba pro seniory.' } },
      { as: world.actors.author.subject },
    );
    expect(created.errors).toBeUndefined();
    const proposalId = created.data!.createProposal.id;
    let version = 1;

    for (const step of path) {
      const t = def.transitions.find((x) => x.event === step.event && x.from.includes(step.from))!;
      const allowed = rulesOf(t)
        .map((r) => actorFor(world, r))
        .filter((a): a is Actor => a !== null);
      const input = { proposalId, event: step.event, expectedVersion: version, reason: 'Důvod kroku', resolutionNumber: `RM/${version}/2026` };

      for (const other of allActors(world).filter((a) => !allowed.some((x) => x.key === a.key))) {
        const refused = await app.gql(TRANSITION, { input }, { as: other.subject });
        expect({ actor: other.key, step: step.event, codes: codes(refused) }).toEqual({
          actor: other.key,
          step: step.event,
          codes: [expect.stringMatching(/^(TRANSITION_NOT_ALLOWED|FORBIDDEN|NOT_FOUND)$/)],
        });
      }
      const unchanged = await app.em().findOneOrFail(Proposal, { id: proposalId });
      expect({ state: unchanged.state, version: unchanged.version }).toEqual({ state: step.from, version });

      const actor = allowed[0];
      const done = await app.gql<{ transitionProposal: { state: string; version: number } }>(TRANSITION, { input }, { as: actor.subject });
      expect({ actor: actor.key, errors: done.errors }).toEqual({ actor: actor.key, errors: undefined });
      expect(done.data!.transitionProposal).toEqual({ state: step.to, version: version + 1 });
      version += 1;
    }

    const after = await app.gql<{
      proposal: { history: Array<{ seq: number; event: string; fromState: string; toState: string }> };
      verifyHistory: { valid: boolean; checkedEvents: number; firstBrokenSeq: number | null };
    }>(
      `query($id: ID!) { proposal(id: $id) { history { seq event fromState toState } } verifyHistory(proposalId: $id) { valid checkedEvents firstBrokenSeq } }`,
      { id: proposalId },
      { as: world.actors.coordinator.subject },
    );
    expect(after.errors).toBeUndefined();
    expect(after.data!.proposal.history).toEqual(path.map((s, i) => ({ seq: i + 1, event: s.event, fromState: s.from, toState: s.to })));
    expect(after.data!.verifyHistory).toEqual({ valid: true, checkedEvents: path.length, firstBrokenSeq: null });
  });
});
