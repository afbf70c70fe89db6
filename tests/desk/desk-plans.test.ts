import { pragueDay } from '../../src/common/dates';
import { aPipelineWorld, allActors, type PipelineWorld } from '../support/pipeline-world';
import { ASSEMBLY_APPROVES, movePlanProposal, PLAN_TO_ASSEMBLY, planWithStructure } from '../support/plan-world';
import { startTestApp, type TestApp } from '../support/test-app';

// The plans' part of the desk: an adopted plan's indicator values due from their guarantors (by the
// reminders' rule: one reporting period after the latest value), and the comments of a plan's public
// hearing waiting for the answer of whoever answers them (hearing.answer: the coordinator).

let app: TestApp;
let world: PipelineWorld;
let adopted: Awaited<ReturnType<typeof planWithStructure>>;
let drafted: Awaited<ReturnType<typeof planWithStructure>>;
const commentIds: string[] = [];

const DESK = `{
  myDesk {
    indicatorValuesDue(first: 10) { totalCount edges { node { indicator { id name } planId dueOn } } }
    hearingCommentsToAnswer(first: 10) { totalCount edges { cursor node { comment { id text decision } planId } } }
  }
}`;

interface Desk {
  indicatorValuesDue: { totalCount: number; edges: Array<{ node: { indicator: { id: string }; planId: string; dueOn: string } }> };
  hearingCommentsToAnswer: { totalCount: number; edges: Array<{ cursor: string; node: { comment: { id: string; decision: string | null }; planId: string } }> };
}

async function deskOf(subject: string): Promise<Desk> {
  const res = await app.gql<{ myDesk: Desk }>(DESK, {}, { as: subject });
  expect(res.errors).toBeUndefined();
  return res.data!.myDesk;
}

beforeAll(async () => {
  app = await startTestApp();
  world = await aPipelineWorld(app.em());
  const year = Number(pragueDay(new Date()).slice(0, 4));
  // In force this year, its indicator measured yearly from the baseline (a year before the plan): a value is due.
  adopted = await planWithStructure(app, world, { yearFrom: year, yearTo: year + 2 });
  await movePlanProposal(app, world, adopted.proposalId, [...PLAN_TO_ASSEMBLY, ...ASSEMBLY_APPROVES]);
  // A later plan still in the working group, in its public hearing.
  drafted = await planWithStructure(app, world, { yearFrom: year + 3, yearTo: year + 5 });
  const open = await app.gql<{ openPublicHearing: { id: string } }>(
    `mutation($input: OpenPublicHearingInput!) { openPublicHearing(input: $input) { id } }`,
    { input: { planId: drafted.planId, closesAt: new Date(Date.now() + 86_400_000).toISOString() } },
    { as: world.actors.coordinator.subject },
  );
  expect(open.errors).toBeUndefined();
  for (const text of ['Chybí služby pro osoby bez domova.', 'Více terénní péče v malých obcích.']) {
    const res = await app.gql<{ submitHearingComment: { id: string } }>(
      `mutation($input: SubmitHearingCommentInput!) { submitHearingComment(input: $input) { id } }`,
      { input: { hearingId: open.data!.openPublicHearing.id, text } },
    );
    expect(res.errors).toBeUndefined();
    commentIds.push(res.data!.submitHearingComment.id);
  }
});

afterAll(async () => {
  await app.close();
});

test("the indicator's guarantor has its value due, from the day a reporting period after the baseline; nobody else has", async () => {
  const year = Number(pragueDay(new Date()).slice(0, 4));
  const desk = await deskOf(world.actors.provider.subject);
  expect(desk.indicatorValuesDue.totalCount).toBe(1);
  expect(desk.indicatorValuesDue.edges[0].node).toEqual({ indicator: { id: adopted.indicatorId, name: 'Počet obcí s terénní službou' }, planId: adopted.planId, dueOn: `${year}-01-01` });
  // The plan not yet adopted owes nothing, though its indicator has the same guarantor.
  for (const actor of allActors(world).filter((a) => a.key !== 'provider')) {
    expect({ who: actor.key, due: (await deskOf(actor.subject)).indicatorValuesDue.totalCount }).toEqual({ who: actor.key, due: 0 });
  }
});

test('a value recorded today settles it until the next period', async () => {
  const today = pragueDay(new Date());
  const res = await app.gql(
    `mutation($input: RecordIndicatorValueInput!) { recordIndicatorValue(input: $input) { id } }`,
    { input: { indicatorId: adopted.indicatorId, value: 7, measuredOn: today } },
    { as: world.actors.provider.subject },
  );
  expect(res.errors).toBeUndefined();
  expect((await deskOf(world.actors.provider.subject)).indicatorValuesDue.totalCount).toBe(0);
});

test('the coordinator, who answers hearing comments, has the unanswered ones, the oldest first; nobody else has them', async () => {
  const desk = await deskOf(world.actors.coordinator.subject);
  expect(desk.hearingCommentsToAnswer.totalCount).toBe(2);
  expect(desk.hearingCommentsToAnswer.edges.map((e) => e.node.comment.id).sort()).toEqual([...commentIds].sort());
  expect(desk.hearingCommentsToAnswer.edges.every((e) => e.node.planId === drafted.planId && e.node.comment.decision === null)).toBe(true);
  for (const actor of allActors(world).filter((a) => a.key !== 'coordinator')) {
    expect({ who: actor.key, comments: (await deskOf(actor.subject)).hearingCommentsToAnswer.totalCount }).toEqual({ who: actor.key, comments: 0 });
  }
  const answered = await app.gql(
    `mutation($input: AnswerHearingCommentInput!) { answerHearingComment(input: $input) { id } }`,
    { input: { hearingCommentId: commentIds[0], decision: 'ACCEPTED', justification: 'Doplněno do opatření 1.1.' } },
    { as: world.actors.coordinator.subject },
  );
  expect(answered.errors).toBeUndefined();
  const after = await deskOf(world.actors.coordinator.subject);
  expect(after.hearingCommentsToAnswer.edges.map((e) => e.node.comment.id)).toEqual([commentIds[1]]);
});
