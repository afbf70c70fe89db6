import { Hearing, HearingComment } from '../../src/entities/hearing.entity';
import { Proposal } from '../../src/entities/proposal.entity';
import { dbFingerprint } from '../support/db-fingerprint';
import { ACTIVE_MARKDOWN, HOSTILE_TEXT, markdownView } from '../support/markdown-view';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { codes, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const COMMENT = `mutation($input: SubmitHearingCommentInput!) { submitHearingComment(input: $input) { id authorName decision } }`;
const OPEN = `mutation($input: OpenPublicHearingInput!) { openPublicHearing(input: $input) { id } }`;

async function planInSteeringGroup(world: PipelineWorld) {
  const plan = await app.gql<{ createPlan: { id: string; proposalId: string } }>(
    `mutation($input: CreatePlanInput!) { createPlan(input: $input) { id proposalId } }`,
    { input: { areaId: world.area.id, title: 'Plán 2027–2029', yearFrom: 2027, yearTo: 2029, workingGroupBodyId: world.group.id } },
    { as: world.actors.coordinator.subject },
  );
  const { id: planId, proposalId } = plan.data!.createPlan;
  for (const [who, event, version] of [['coordinator', 'SUBMIT', 1], ['groupChair', 'RECOMMEND', 2]] as const) {
    const res = await app.gql(`mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }`, { input: { proposalId, event, expectedVersion: version } }, {
      as: world.actors[who].subject,
    });
    expect(res.errors).toBeUndefined();
  }
  return { planId, proposalId };
}

test('an anonymous comment is taken while the hearing is open and refused after it closed', async () => {
  const world = await aPipelineWorld(app.em());
  const { planId } = await planInSteeringGroup(world);
  const open = await app.gql<{ openPublicHearing: { id: string } }>(OPEN, { input: { planId, closesAt: new Date(Date.now() + 86_400_000).toISOString() } }, { as: world.actors.coordinator.subject });
  const ok = await app.gql(COMMENT, { input: { hearingId: open.data!.openPublicHearing.id, text: 'Chybí služby pro osoby bez domova v Jirkově.' } });
  expect(ok.data).toMatchObject({ submitHearingComment: { authorName: null, decision: null } });

  const closed = await app.gql<{ openPublicHearing: { id: string } }>(
    OPEN,
    { input: { planId, opensAt: '2026-01-01T00:00:00Z', closesAt: '2026-01-31T00:00:00Z' } },
    { as: world.actors.coordinator.subject },
  );
  const before = await dbFingerprint(app.em());
  const late = await app.gql(COMMENT, { input: { hearingId: closed.data!.openPublicHearing.id, text: 'Pozdě.' } });
  expect(codes(late)).toEqual(['TRANSITION_NOT_ALLOWED']);
  expect(await dbFingerprint(app.em())).toEqual(before);
  expect(codes(await app.gql(OPEN, { input: { planId, closesAt: '2030-01-01T00:00:00Z' } }, { as: world.actors.support.subject }))).toEqual(['FORBIDDEN']);
});

test('a PLAN with an unanswered comment cannot leave the steering group, with the reason; answered, it can', async () => {
  const world = await aPipelineWorld(app.em());
  const { planId, proposalId } = await planInSteeringGroup(world);
  const open = await app.gql<{ openPublicHearing: { id: string } }>(OPEN, { input: { planId, closesAt: new Date(Date.now() + 86_400_000).toISOString() } }, { as: world.actors.coordinator.subject });
  const comment = await app.gql<{ submitHearingComment: { id: string } }>(COMMENT, {
    input: { hearingId: open.data!.openPublicHearing.id, name: 'Jana Občanová', email: 'jana@example.cz', text: '=HYPERLINK("x") Doplnit noclehárnu.' },
  });
  const recommend = () =>
    app.gql(`mutation($input: TransitionProposalInput!) { transitionProposal(input: $input) { state } }`, { input: { proposalId, event: 'RECOMMEND', expectedVersion: 3 } }, {
      as: world.actors.steeringChair.subject,
      headers: { 'accept-language': 'en' },
    });
  const refused = await recommend();
  expect(codes(refused)).toEqual(['TRANSITION_NOT_ALLOWED']);
  expect(refused.errors![0].extensions!.refusals).toEqual([
    { code: 'HEARING_OPEN', message: "The plan's public hearing is still open." },
    { code: 'HEARING_UNANSWERED', message: 'The public hearing has 1 comment(s) without an answer.' },
  ]);

  const answered = await app.gql(
    `mutation($input: AnswerHearingCommentInput!) { answerHearingComment(input: $input) { decision } }`,
    { input: { hearingCommentId: comment.data!.submitHearingComment.id, decision: 'PARTIALLY_ACCEPTED', justification: 'Zařazeno do akčního plánu 2028.' } },
    { as: world.actors.coordinator.subject },
  );
  expect(answered.data).toEqual({ answerHearingComment: { decision: 'PARTIALLY_ACCEPTED' } });
  // Answered, but still open: the plan waits for the hearing's period to end.
  expect((await recommend()).errors![0].extensions!.refusals).toEqual([{ code: 'HEARING_OPEN', message: "The plan's public hearing is still open." }]);
  await app.em().nativeUpdate(Hearing, { id: open.data!.openPublicHearing.id }, { opensAt: new Date(Date.now() - 2 * 86_400_000), closesAt: new Date(Date.now() - 1000) });
  expect((await recommend()).errors).toBeUndefined();
  expect((await app.em().findOneOrFail(Proposal, { id: proposalId })).state).toBe('SOCIAL_COMMISSION');

  const settlement = await app.gql<{ hearingSettlement: { markdown: string; csv: string; comments: Array<{ authorName: string }> } }>(
    `query($id: ID!) { hearingSettlement(planId: $id) { markdown csv comments { authorName } } }`,
    { id: planId },
    { as: world.actors.coordinator.subject },
  );
  const s = settlement.data!.hearingSettlement;
  expect(s.markdown).toContain('| 1 | Jana Občanová | =HYPERLINK("x") Doplnit noclehárnu. | Částečně akceptováno | Zařazeno do akčního plánu 2028. |');
  // As Czech Excel opens it: UTF-8 with a byte-order mark, `;` between cells.
  expect(s.csv.startsWith('\uFEFF"Č."')).toBe(true);
  expect(s.csv.split('\r\n')[1]).toBe(`"1";"Jana Občanová";"'=HYPERLINK(""x"") Doplnit noclehárnu.";"Částečně akceptováno";"Zařazeno do akčního plánu 2028."`);
  expect(JSON.stringify(settlement)).not.toContain('jana@example.cz');
  expect(await app.em().count(HearingComment, { decision: null, hearingId: open.data!.openPublicHearing.id })).toBe(0);
});

test('the settlement in Markdown shows what commenters typed as text: no HTML, links, images or formatting, one row per comment', async () => {
  const world = await aPipelineWorld(app.em());
  const { planId } = await planInSteeringGroup(world);
  const open = await app.gql<{ openPublicHearing: { id: string } }>(OPEN, { input: { planId, closesAt: new Date(Date.now() + 86_400_000).toISOString() } }, { as: world.actors.coordinator.subject });
  const name = '<b onmouseover=alert(1)>Jana</b> | [web](https://evil.example)';
  const text = `${HOSTILE_TEXT}\nDruhý řádek\r\n# nadpis | další buňka`;
  const comment = await app.gql<{ submitHearingComment: { id: string } }>(COMMENT, { input: { hearingId: open.data!.openPublicHearing.id, name, text } });
  expect(comment.errors).toBeUndefined();
  const justification = `Zamítnuto: ${HOSTILE_TEXT}`;
  const answered = await app.gql(
    `mutation($input: AnswerHearingCommentInput!) { answerHearingComment(input: $input) { decision } }`,
    { input: { hearingCommentId: comment.data!.submitHearingComment.id, decision: 'REJECTED', justification } },
    { as: world.actors.coordinator.subject },
  );
  expect(answered.errors).toBeUndefined();

  const settlement = await app.gql<{ hearingSettlement: { markdown: string } }>(`query($id: ID!) { hearingSettlement(planId: $id) { markdown } }`, { id: planId }, {
    as: world.actors.coordinator.subject,
  });
  const view = markdownView(settlement.data!.hearingSettlement.markdown);
  expect(ACTIVE_MARKDOWN.filter((kind) => view.kinds.has(kind))).toEqual([]);
  expect(view.rows).toEqual([
    ['Č.', 'Podal', 'Připomínka', 'Vypořádání', 'Odůvodnění'],
    ['1', name, text.replace(/\r?\n/g, ' '), 'Neakceptováno', justification],
  ]);
  expect(view.blocks).toEqual(['Vypořádání připomínek: Plán 2027–2029']);
});
