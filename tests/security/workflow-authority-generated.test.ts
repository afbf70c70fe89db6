import { Proposal } from '../../src/entities/proposal.entity';
import type { TransitionDefinition } from '../../src/workflows/workflow-definition';
import { shippedWorkflows } from '../../src/workflows/workflow-registry';
import { expectNoLeak } from '../support/api-assertions';
import { anAuthorityWorld, aProposalIn, KINDS, mayFire, proposalTarget, refusalProblem, type AuthorityWorld, type Kind } from '../support/authority-world';
import { fastFingerprint } from '../support/db-fingerprint';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Generated from the workflow definitions: in an area on each shipped definition (its newest
 * version), every event of every stage is fired by every kind of viewer on a proposal standing in
 * that stage, with every other rule of the moment met (triad present, reason and resolution number
 * given). A viewer is allowed exactly when the policy lets them see and act on the proposal and the
 * definition's `actorIs` names them (a deputy counts as the chair they act for); refused, nothing is
 * written.
 */

let app: TestApp;
const worlds = new Map<string, AuthorityWorld>();
/** A world of its own for comparing lists with single records: only the proposals made for it. */
let listWorld: AuthorityWorld;
const DEFINITIONS = shippedWorkflows().keys.map((key) => shippedWorkflows().latest(key).definition);

beforeAll(async () => {
  app = await startTestApp();
  for (const def of DEFINITIONS) worlds.set(def.key, await anAuthorityWorld(app.em(), def.key));
  listWorld = await anAuthorityWorld(app.em(), 'standard');
});
afterAll(async () => {
  await app.close();
});

const CASES = DEFINITIONS.flatMap((def) => def.transitions.flatMap((t) => t.from.map((from) => [`${def.key}@${def.version} ${from} ${t.event}`, def, t, from] as const)));

test('every event of every shipped definition has a case', () => {
  const events = new Set(DEFINITIONS.flatMap((d) => d.transitions.map((t) => `${d.key}:${t.event}`)));
  expect(new Set(CASES.map(([, def, t]) => `${def.key}:${t.event}`))).toEqual(events);
  expect(CASES.length).toBeGreaterThan(40);
});

test.each(CASES)('%s: fired exactly by whom the policy and the definition name; refused, nothing written', async (_name, def, t: TransitionDefinition, from) => {
  const world = worlds.get(def.key)!;
  const target = proposalTarget(def, from);
  const verdicts = KINDS.map((kind) => ({ kind, allowed: mayFire(def, t, from, kind) }));
  const fire = (proposalId: string, kind: Kind) =>
    app.gql<{ transitionProposal: { state: string } }>(
      'mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }',
      { input: { proposalId, event: t.event, expectedVersion: 1, reason: 'Důvod pro záznam.', resolutionNumber: 'RM/12/2026' } },
      world.subjects[kind] ? { as: world.subjects[kind] } : {},
    );

  const problems: string[] = [];
  const shared = await aProposalIn(app.em(), world, def, from);
  // The attempts are independent: refused ones write nothing, allowed ones act on proposals of their own.
  const before = await fastFingerprint(app.em());
  const refused = verdicts.filter((v) => !v.allowed).map((v) => v.kind);
  (await Promise.all(refused.map((kind) => fire(shared, kind)))).forEach((res, i) => {
    expectNoLeak(res);
    const problem = refusalProblem(res, refused[i], target);
    if (problem) problems.push(`${refused[i]} should be refused: ${problem}`);
  });
  const after = await fastFingerprint(app.em());
  const written = Object.keys(after).filter((k) => after[k] !== before[k]);
  if (written.length) problems.push(`a refused attempt wrote to ${written.join(', ')}`);

  const allowed = verdicts.filter((v) => v.allowed).map((v) => v.kind);
  const targets: string[] = [];
  for (let i = 0; i < allowed.length; i++) targets.push(await aProposalIn(app.em(), world, def, from));
  (await Promise.all(allowed.map((kind, i) => fire(targets[i], kind)))).forEach((res, i) => {
    if (res.errors || res.data?.transitionProposal.state !== t.to) problems.push(`${allowed[i]} should move it to ${t.to}: ${JSON.stringify(res.errors ?? res.data)}`);
  });
  expect(problems).toEqual([]);
  // The definition names someone for every event: no event is left to nobody.
  expect(verdicts.some((v) => v.allowed)).toBe(true);
});

test('the list filter and the single-record check are one rule: for every kind, proposals(...) holds exactly the proposals proposal(id) shows', async () => {
  const def = DEFINITIONS.find((d) => d.key === 'standard')!;
  const world = listWorld;
  // A proposal in every stage, one of them approved in the public working group, one with history in the steering group.
  for (const stage of def.stages.map((s) => s.key)) await aProposalIn(app.em(), world, def, stage);
  const ids = (await app.em().find(Proposal, { areaId: world.areaId }, { fields: ['id'] })).map((p) => p.id);
  const problems: string[] = [];
  for (const kind of KINDS) {
    const options = world.subjects[kind] ? { as: world.subjects[kind] } : {};
    const listed = new Set<string>();
    for (let after: string | null = null, more = true; more; ) {
      const page: { data?: { proposals: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null } = await app.gql(
        'query($a: ID!, $after: String) { proposals(filter: { areaId: $a }, first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }',
        { a: world.areaId, after },
        options,
      );
      page.data?.proposals.edges.forEach((e) => listed.add(e.node.id));
      more = page.data?.proposals.pageInfo.hasNextPage ?? false;
      after = page.data?.proposals.pageInfo.endCursor ?? null;
    }
    const reads = await Promise.all(ids.map((id) => app.gql('query($id: ID!) { proposal(id: $id) { id } }', { id }, options)));
    const shown = new Set(ids.filter((_id, i) => !reads[i].errors));
    const onlyListed = [...listed].filter((id) => !shown.has(id));
    const onlyShown = [...shown].filter((id) => !listed.has(id));
    if (onlyListed.length || onlyShown.length) problems.push(`${kind}: listed only ${onlyListed.length}, shown only ${onlyShown.length}`);
  }
  expect(problems).toEqual([]);
});

test('people too: for every kind, area.people holds exactly the people person(id) shows', async () => {
  const world = listWorld;
  const ids = (await app.em().find('Person', { areaId: world.areaId }, { fields: ['id'] })).map((p) => (p as { id: string }).id);
  const problems: string[] = [];
  for (const kind of KINDS) {
    const options = world.subjects[kind] ? { as: world.subjects[kind] } : {};
    const res = await app.gql<{ area: { people: { totalCount: number; edges: Array<{ node: { id: string } }> } } }>(
      'query($a: ID!) { area(id: $a) { people(first: 100) { totalCount edges { node { id } } } } }',
      { a: world.areaId },
      options,
    );
    const listed = new Set(res.data!.area.people.edges.map((e) => e.node.id));
    const reads = await Promise.all(ids.map((id) => app.gql('query($id: ID!) { person(id: $id) { id } }', { id }, options)));
    const shown = new Set(ids.filter((_id, i) => !reads[i].errors));
    if ([...listed].some((id) => !shown.has(id)) || [...shown].some((id) => !listed.has(id)) || res.data!.area.people.totalCount !== listed.size) problems.push(kind);
  }
  expect(problems).toEqual([]);
});
