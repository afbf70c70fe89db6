import { BodyKind, ProposalKind, ProposalPhase } from '../../src/entities/enums';
import type { TransitionDefinition, WorkflowDefinition } from '../../src/workflows/workflow-definition';
import { shippedWorkflows } from '../../src/workflows/workflow-registry';
import { badFields, expectNoLeak } from '../support/api-assertions';
import { anAuthorityWorld, aProposalIn, KINDS, mayFire, named, sideOf, type AuthorityWorld, type Kind } from '../support/authority-world';
import { fastFingerprint } from '../support/db-fingerprint';
import { codes, startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app';

/**
 * What a person must type to fire an event, read off the rules of the pipeline
 * (../shared/DESIGN.md §3), never off the guards a definition happens to name: a proposal is never
 * returned, rejected or not recommended without a reason, nor withdrawn by anyone but its author
 * without one; every decision of the council or the assembly carries its resolution number; a plan
 * is never approved by the council. For every event of every shipped definition (its newest
 * version), fired through the API by someone the definition names: without the typed values it is
 * refused with exactly those refusals (text of invisible characters only is refused as input) and
 * nothing written, the button asks for exactly those inputs, and with them it happens — recorded in
 * the history with what was typed, the capacity the actor acted in (the first of the definition's
 * actor rules that names them) and the triad side of the seat they acted from.
 */

let app: TestApp;
const worlds = new Map<string, AuthorityWorld>();
const DEFINITIONS = shippedWorkflows().keys.map((key) => shippedWorkflows().latest(key).definition);

beforeAll(async () => {
  app = await startTestApp();
  for (const def of DEFINITIONS) worlds.set(def.key, await anAuthorityWorld(app.em(), def.key));
});
afterAll(async () => {
  await app.close();
});

const phaseOf = (def: WorkflowDefinition, stage: string): ProposalPhase => def.stages.find((s) => s.key === stage)!.phase;
const bodyKindOf = (def: WorkflowDefinition, stage: string): BodyKind | undefined => def.stages.find((s) => s.key === stage)?.bodyKind;

/** The rule: which values the event needs typed, and whether its author is spared the reason. */
function needs(def: WorkflowDefinition, t: TransitionDefinition, from: string): { reason: boolean; reasonUnlessAuthor: boolean; resolutionNumber: boolean; neverForPlan: boolean } {
  const to = phaseOf(def, t.to);
  const decidedBy = bodyKindOf(def, from);
  return {
    reason: t.returns === true || to === ProposalPhase.REJECTED || (t.effects ?? []).includes('COMMISSION_DOES_NOT_RECOMMEND'),
    reasonUnlessAuthor: to === ProposalPhase.WITHDRAWN,
    resolutionNumber: decidedBy === BodyKind.COUNCIL || decidedBy === BodyKind.ASSEMBLY,
    neverForPlan: decidedBy === BodyKind.COUNCIL && to === ProposalPhase.APPROVED,
  };
}

const TRANSITION = 'mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }';
const OPTIONS = 'query($id: ID!) { proposal(id: $id) { availableTransitions { event allowed requiredInputs refusals { code } } } }';
const INVISIBLE = ' \u200b\u00a0\t';
const REASON = 'Podklady nejsou úplné.';
const NUMBER = 'RM/12/2026';

type Fired = GraphQLResponse<{ transitionProposal: { state: string } }>;
const refusalCodes = (res: GraphQLResponse<unknown>): string[] =>
  ((res.errors?.[0]?.extensions?.refusals as Array<{ code: string }> | undefined) ?? []).map((r) => r.code).sort();

const HISTORY = 'query($id: ID!) { proposal(id: $id) { history(last: 1) { event actorRole actorTriadSide reason resolutionNumber } } }';

/** In which capacity the history records the actor: the first of the definition's actor rules that names them. */
function capacityOf(t: TransitionDefinition, kind: Kind): string | null {
  const actorIs = t.guards.find((g) => g.name === 'actorIs');
  const rule = actorIs?.name === 'actorIs' ? actorIs.params.anyOf.find((r) => named(r, kind)) : undefined;
  return !rule ? null : rule.kind === 'AUTHOR' ? 'AUTHOR' : rule.kind === 'CHAIR_OF' ? 'CHAIR' : rule.role;
}

/** The side the history records: of the seat the actor acted through (the author's, the chair's or a deputy's own), none for an office. */
const sideRecorded = (t: TransitionDefinition, kind: Kind): string | null => (['AUTHOR', 'CHAIR'].includes(capacityOf(t, kind) ?? '') ? sideOf(kind) : null);

const CASES = DEFINITIONS.flatMap((def) => def.transitions.flatMap((t) => t.from.map((from) => [`${def.key}@${def.version} ${from} ${t.event}`, def, t, from] as const)));

test('the rules ask for a reason somewhere, a resolution number somewhere, and every event has a case', () => {
  expect(CASES.some(([, def, t, from]) => needs(def, t, from).reason)).toBe(true);
  expect(CASES.some(([, def, t, from]) => needs(def, t, from).resolutionNumber)).toBe(true);
  expect(CASES.some(([, def, t, from]) => needs(def, t, from).reasonUnlessAuthor)).toBe(true);
  expect(new Set(CASES.map(([, def, t]) => `${def.key}:${t.event}`))).toEqual(new Set(DEFINITIONS.flatMap((d) => d.transitions.map((t) => `${d.key}:${t.event}`))));
});

test.each(CASES)('%s: refused without what the rules ask to be typed, nothing written; done with it', async (_name, def, t, from) => {
  const world = worlds.get(def.key)!;
  const rule = needs(def, t, from);
  // Someone the definition names who is not the author (the author is spared the reason to withdraw).
  const actor = KINDS.find((kind) => kind !== 'serviceUser' && mayFire(def, t, from, kind))!;
  expect(actor).toBeDefined();
  const as = { as: world.subjects[actor]! };
  const fire = (proposalId: string, typed: { reason?: string | null; resolutionNumber?: string | null }, options = as): Promise<Fired> =>
    app.gql(TRANSITION, { input: { proposalId, event: t.event, expectedVersion: 1, ...typed } }, options);

  const expectedRefusals = [
    ...(rule.reason || rule.reasonUnlessAuthor ? ['REASON_REQUIRED'] : []),
    ...(rule.resolutionNumber ? ['RESOLUTION_NUMBER_REQUIRED'] : []),
  ].sort();
  const expectedInputs = [...(rule.reason || rule.reasonUnlessAuthor ? ['REASON'] : []), ...(rule.resolutionNumber ? ['RESOLUTION_NUMBER'] : [])];
  const problems: string[] = [];

  const id = await aProposalIn(app.em(), world, def, from);
  const options = await app.gql<{ proposal: { availableTransitions: Array<{ event: string; allowed: boolean; requiredInputs: string[]; refusals: Array<{ code: string }> }> } }>(OPTIONS, { id }, as);
  const option = options.data?.proposal.availableTransitions.find((o) => o.event === t.event);
  if (!option) problems.push(`${actor} sees no ${t.event} button: ${JSON.stringify(options.errors ?? options.data)}`);
  else {
    if ([...option.requiredInputs].sort().join() !== [...expectedInputs].sort().join()) problems.push(`the button asks for ${JSON.stringify(option.requiredInputs)}, the rules for ${JSON.stringify(expectedInputs)}`);
    // The button is drawn when only typed values are missing: nothing else stands in the way.
    if (!option.allowed || option.refusals.length) problems.push(`the button is refused: ${JSON.stringify(option.refusals)}`);
  }

  if (expectedRefusals.length) {
    const before = await fastFingerprint(app.em());
    const bare = await fire(id, {});
    expectNoLeak(bare);
    if (codes(bare).join() !== 'TRANSITION_NOT_ALLOWED' || bare.data?.transitionProposal) problems.push(`without typed values: not refused: ${JSON.stringify(bare.errors ?? bare.data)}`);
    else if (refusalCodes(bare).join() !== expectedRefusals.join()) problems.push(`refused with ${JSON.stringify(refusalCodes(bare))}, the rules say ${JSON.stringify(expectedRefusals)}`);
    // Text of invisible characters only is no value: refused as input before any rule is judged.
    const blank = await fire(id, { reason: INVISIBLE, resolutionNumber: INVISIBLE });
    if (codes(blank).join() !== 'BAD_USER_INPUT' || badFields(blank).sort().join() !== 'reason,resolutionNumber') problems.push(`invisible text: ${JSON.stringify(blank.errors ?? blank.data)}`);
    // Each value alone is not enough when the rules ask for both.
    if (expectedRefusals.length === 2) {
      const onlyReason = await fire(id, { reason: REASON });
      if (refusalCodes(onlyReason).join() !== 'RESOLUTION_NUMBER_REQUIRED') problems.push(`with a reason only: ${JSON.stringify(onlyReason.errors ?? onlyReason.data)}`);
      const onlyNumber = await fire(id, { resolutionNumber: NUMBER });
      if (refusalCodes(onlyNumber).join() !== 'REASON_REQUIRED') problems.push(`with a resolution number only: ${JSON.stringify(onlyNumber.errors ?? onlyNumber.data)}`);
    }
    const after = await fastFingerprint(app.em());
    const written = Object.keys(after).filter((k) => after[k] !== before[k]);
    if (written.length) problems.push(`a refused attempt wrote to ${written.join(', ')}`);
    const done = await fire(id, { reason: REASON, resolutionNumber: NUMBER });
    if (done.errors || done.data?.transitionProposal.state !== t.to) problems.push(`with everything typed: ${JSON.stringify(done.errors ?? done.data)}`);
  } else {
    const done = await fire(id, {});
    if (done.errors || done.data?.transitionProposal.state !== t.to) problems.push(`needs nothing typed, yet: ${JSON.stringify(done.errors ?? done.data)}`);
  }
  // The history keeps what was typed, and in which capacity the actor acted.
  const recorded = (await app.gql<{ proposal: { history: Array<Record<string, unknown>> } }>(HISTORY, { id }, as)).data?.proposal.history[0];
  const expected = {
    event: t.event,
    actorRole: capacityOf(t, actor),
    actorTriadSide: sideRecorded(t, actor),
    ...(expectedRefusals.includes('REASON_REQUIRED') ? { reason: REASON } : {}),
    ...(rule.resolutionNumber ? { resolutionNumber: NUMBER } : {}),
  };
  if (!recorded || Object.entries(expected).some(([k, v]) => recorded[k] !== v)) problems.push(`the history says ${JSON.stringify(recorded)}, expected ${JSON.stringify(expected)}`);

  if (rule.reasonUnlessAuthor && mayFire(def, t, from, 'serviceUser')) {
    const own = await aProposalIn(app.em(), world, def, from);
    const byAuthor = await fire(own, {}, { as: world.subjects.serviceUser! });
    if (byAuthor.errors || byAuthor.data?.transitionProposal.state !== t.to) problems.push(`the author without a reason: ${JSON.stringify(byAuthor.errors ?? byAuthor.data)}`);
    const recorded = (await app.gql<{ proposal: { history: Array<{ actorRole: string | null; actorTriadSide: string | null }> } }>(HISTORY, { id: own }, { as: world.subjects.serviceUser! })).data?.proposal.history[0];
    if (recorded?.actorRole !== 'AUTHOR' || recorded.actorTriadSide !== sideOf('serviceUser')) problems.push(`the author's withdrawal recorded as ${JSON.stringify(recorded)}`);
  }

  // A deputy firing with the chair's delegated power acts from their own seat: their side is recorded, not the chair's.
  if (actor !== 'deputy' && capacityOf(t, 'deputy') === 'CHAIR' && mayFire(def, t, from, 'deputy')) {
    const delegated = await aProposalIn(app.em(), world, def, from);
    const byDeputy = await fire(delegated, { reason: REASON, resolutionNumber: NUMBER }, { as: world.subjects.deputy! });
    const recorded = (await app.gql<{ proposal: { history: Array<Record<string, unknown>> } }>(HISTORY, { id: delegated }, as)).data?.proposal.history[0];
    if (byDeputy.errors || recorded?.actorRole !== 'CHAIR' || recorded.actorTriadSide !== sideOf('deputy')) {
      problems.push(`the deputy's ${t.event}: ${JSON.stringify(byDeputy.errors ?? recorded)}`);
    }
  }

  if (rule.neverForPlan) {
    const plan = await aProposalIn(app.em(), world, def, from, ProposalKind.PLAN);
    const res = await fire(plan, { reason: REASON, resolutionNumber: NUMBER });
    if (refusalCodes(res).join() !== 'DECIDED_ELSEWHERE') problems.push(`a plan at the council: ${JSON.stringify(res.errors ?? res.data)}`);
  }
  expect(problems).toEqual([]);
});
