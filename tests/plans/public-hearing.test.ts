import { Hearing } from '../../src/entities/hearing.entity';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { ASSEMBLY_APPROVES, movePlanProposal, PLAN_TO_ASSEMBLY, planWithStructure } from '../support/plan-world';
import { codes, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const DAY = 86_400_000;
const OPEN = `mutation($input: OpenPublicHearingInput!) { openPublicHearing(input: $input) { id } }`;
const COMMENT = `mutation($input: SubmitHearingCommentInput!) { submitHearingComment(input: $input) { id } }`;
const DRAFT = `plan { id title yearFrom yearTo status
  priorities { title goals { title measures { title description indicators { name unit baselineValue baselineDate targetValue targetDate direction } } } }
  swot { kind text } solutionVariants { title chosen } }`;
const NOTICE = `id opensAt closesAt commentCount area { id name } ${DRAFT}`;
const LIST = `query($areaId: ID) { openHearings(areaId: $areaId) { ${NOTICE} } }`;
const ONE = `query($id: ID!) { hearingNotice(hearingId: $id) { ${NOTICE} } }`;
const SETTLEMENT = `query($id: ID!) { hearingSettlement(planId: $id) { markdown comments { authorName text decision justification } } }`;
const PLAN = `query($id: ID!) { plan(id: $id) { status hearingSettlement { markdown csv comments { authorName text decision justification } } } }`;

interface Notice {
  id: string;
  commentCount: number;
  area: { id: string; name: string };
  plan: { id: string; title: string; status: string; priorities: unknown[]; swot: unknown[]; solutionVariants: unknown[] };
}

/** What the coordinator and support keep inside: a guarantor's status note, a risk, a stakeholder. */
async function internals(world: PipelineWorld, planId: string, goalId: string) {
  const as = { as: world.actors.coordinator.subject };
  for (const [mutation, input] of [
    ['updateGoalStatus', { goalId, status: 'IN_PROGRESS', comment: 'Interní: čekáme na rozpočet obce' }],
    ['addRisk', { planId, riskArea: 'FINANCIAL', description: 'Interní riziko: výpadek dotace', probability: 3, impact: 4, owner: 'Interní vlastník' }],
    ['addStakeholder', { planId, name: 'Interní aktér', influence: 'HIGH', interest: 'LOW' }],
    ['addSwotItem', { planId, kind: 'STRENGTH', text: 'Síť terénních služeb' }],
    ['addSolutionVariant', { planId, title: 'Rozšířit terénní služby', chosen: true }],
  ] as const) {
    const type = { updateGoalStatus: 'UpdateGoalStatusInput', addRisk: 'AddRiskInput', addStakeholder: 'AddStakeholderInput', addSwotItem: 'AddSwotItemInput', addSolutionVariant: 'AddSolutionVariantInput' }[mutation];
    const res = await app.gql(`mutation($input: ${type}!) { ${mutation}(input: $input) { id } }`, { input }, as);
    expect({ mutation, errors: res.errors }).toEqual({ mutation, errors: undefined });
  }
}

test('an anonymous visitor finds the open hearing, reads only the public draft, comments, and reads the settlement as the adopted plan’s annex', async () => {
  const world = await aPipelineWorld(app.em());
  const p = await planWithStructure(app, world);
  await internals(world, p.planId, p.goal);
  expect((await app.gql<{ openHearings: Notice[] }>(LIST, { areaId: world.area.id })).data).toEqual({ openHearings: [] });

  const opened = await app.gql<{ openPublicHearing: { id: string } }>(OPEN, { input: { planId: p.planId, closesAt: new Date(Date.now() + 14 * DAY).toISOString() } }, { as: world.actors.coordinator.subject });
  const hearingId = opened.data!.openPublicHearing.id;

  // (1) The listing, without a token: of the area, and among every area's.
  const listed = await app.gql<{ openHearings: Notice[] }>(LIST, { areaId: world.area.id });
  expect(listed.errors).toBeUndefined();
  expect(listed.data!.openHearings).toHaveLength(1);
  const notice = listed.data!.openHearings[0];
  expect(notice).toMatchObject({
    id: hearingId,
    commentCount: 0,
    area: { id: world.area.id, name: world.area.name },
    plan: {
      id: p.planId,
      title: 'Střednědobý plán 2027–2029',
      yearFrom: 2027,
      yearTo: 2029,
      status: 'DRAFT',
      priorities: [
        {
          title: 'Dostupnost služeb',
          goals: [
            {
              title: 'Zvýšení nabídky sociálních služeb',
              measures: [
                {
                  title: 'Terénní služby v malých obcích',
                  description: null,
                  indicators: [{ name: 'Počet obcí s terénní službou', unit: 'obcí', baselineValue: 5, baselineDate: '2026-01-01', targetValue: 15, targetDate: '2029-12-31', direction: 'UP' }],
                },
              ],
            },
          ],
        },
      ],
      swot: [{ kind: 'STRENGTH', text: 'Síť terénních služeb' }],
      solutionVariants: [{ title: 'Rozšířit terénní služby', chosen: true }],
    },
  });
  const everywhere = await app.gql<{ openHearings: Notice[] }>(`query { openHearings { id } }`);
  expect(everywhere.data!.openHearings.map((h) => h.id)).toContain(hearingId);

  // (2) The draft by the hearing's id; nothing internal is in it, and the rest of the plan is still closed to the public.
  const one = await app.gql<{ hearingNotice: Notice }>(ONE, { id: hearingId });
  expect(one.data!.hearingNotice).toEqual(notice);
  const answer = JSON.stringify(one.data);
  for (const internal of ['Interní', world.actors.provider.person.id, p.proposalId]) expect(answer).not.toContain(internal);
  for (const field of [
    'plan { proposalId }',
    'plan { risks { id } }',
    'plan { stakeholders { id } }',
    'plan { hearings { id } }',
    'plan { priorities { goals { status statusComment } } }',
    'plan { priorities { goals { guarantors { id } } } }',
    'plan { priorities { goals { measures { indicators { guarantors { id } values { value } progress } } } } }',
    'comments { text }',
  ]) {
    const refused = new Set(codes(await app.gql(`query($id: ID!) { hearingNotice(hearingId: $id) { ${field} } }`, { id: hearingId })));
    expect({ field, codes: [...refused] }).toEqual({ field, codes: ['GRAPHQL_VALIDATION_FAILED'] });
  }
  for (const query of [`query($id: ID!) { plan(id: $id) { id } }`, `query($id: ID!) { exportPlan(planId: $id) { content } }`, SETTLEMENT]) {
    expect({ query, codes: codes(await app.gql(query, { id: p.planId })) }).toEqual({ query, codes: ['NOT_FOUND'] });
  }

  // (3) A comment from the listing's id; the public sees that there is one, not what it says.
  const commented = await app.gql<{ submitHearingComment: { id: string } }>(COMMENT, { input: { hearingId: notice.id, name: 'Jana Občanová', email: 'jana@example.cz', text: 'Doplňte noclehárnu v Jirkově.' } });
  expect(commented.errors).toBeUndefined();
  const afterComment = await app.gql<{ openHearings: Notice[] }>(LIST, { areaId: world.area.id });
  expect(afterComment.data!.openHearings.map((h) => h.commentCount)).toEqual([1]);
  expect(JSON.stringify(afterComment.data)).not.toContain('noclehárnu');

  // The coordinator answers; the hearing ends; the draft is no longer the public's, nor the settlement.
  const answered = await app.gql(
    `mutation($input: AnswerHearingCommentInput!) { answerHearingComment(input: $input) { decision } }`,
    { input: { hearingCommentId: commented.data!.submitHearingComment.id, decision: 'ACCEPTED', justification: 'Doplněno do opatření 1.1.1.' } },
    { as: world.actors.coordinator.subject },
  );
  expect(answered.errors).toBeUndefined();
  await app.em().nativeUpdate(Hearing, { id: hearingId }, { opensAt: new Date(Date.now() - 2 * DAY), closesAt: new Date(Date.now() - 1000) });
  expect((await app.gql<{ openHearings: Notice[] }>(LIST, { areaId: world.area.id })).data).toEqual({ openHearings: [] });
  expect(codes(await app.gql(ONE, { id: hearingId }))).toEqual(['NOT_FOUND']);
  expect(codes(await app.gql(SETTLEMENT, { id: p.planId }))).toEqual(['NOT_FOUND']);
  // The plan's readers keep both.
  expect((await app.gql(ONE, { id: hearingId }, { as: world.actors.provider.subject })).errors).toBeUndefined();
  const inside = await app.gql<{ plan: { hearingSettlement: { comments: unknown[] } } }>(PLAN, { id: p.planId }, { as: world.actors.coordinator.subject });
  expect(inside.data!.plan.hearingSettlement.comments).toHaveLength(1);

  // (4) Adopted: the settlement is the plan's annex, for everyone, the commenter's e-mail never in it.
  await movePlanProposal(app, world, p.proposalId, [...PLAN_TO_ASSEMBLY, ...ASSEMBLY_APPROVES]);
  const settled = { authorName: 'Jana Občanová', text: 'Doplňte noclehárnu v Jirkově.', decision: 'ACCEPTED', justification: 'Doplněno do opatření 1.1.1.' };
  const adopted = await app.gql<{ plan: { status: string; hearingSettlement: { markdown: string; csv: string; comments: unknown[] } } }>(PLAN, { id: p.planId });
  expect(adopted.errors).toBeUndefined();
  expect(adopted.data!.plan).toMatchObject({ status: 'ADOPTED', hearingSettlement: { comments: [settled] } });
  expect(adopted.data!.plan.hearingSettlement.markdown).toContain('| 1 | Jana Občanová | Doplňte noclehárnu v Jirkově. | Akceptováno | Doplněno do opatření 1.1.1. |');
  const published = await app.gql<{ hearingSettlement: { markdown: string; comments: unknown[] } }>(SETTLEMENT, { id: p.planId });
  expect(published.data!.hearingSettlement).toEqual({ markdown: adopted.data!.plan.hearingSettlement.markdown, comments: [settled] });
  const inForce = await app.gql<{ planInForce: { id: string; hearingSettlement: { comments: unknown[] } } }>(
    `query($a: ID!) { planInForce(areaId: $a, year: 2028) { id hearingSettlement { comments { authorName text decision justification } } } }`,
    { a: world.area.id },
    { headers: { 'accept-language': 'en' } },
  );
  expect(inForce.data).toEqual({ planInForce: { id: p.planId, hearingSettlement: { comments: [settled] } } });
  expect(JSON.stringify([adopted, inForce])).not.toContain('jana@example.cz');
  // The hearing is over for good: no comment after adoption; its notice is the adopted text's.
  expect(codes(await app.gql(COMMENT, { input: { hearingId, text: 'Pozdě.' } }))).toEqual(['TRANSITION_NOT_ALLOWED']);
  expect((await app.gql<{ hearingNotice: Notice }>(ONE, { id: hearingId })).data!.hearingNotice.plan.status).toBe('ADOPTED');
});

test("another area's closed, scheduled and never-heard plans stay NOT_FOUND to the public and to other areas, and are not listed", async () => {
  const world = await aPipelineWorld(app.em());
  const other = await aPipelineWorld(app.em());
  const heard = await planWithStructure(app, world);
  const neverHeard = await planWithStructure(app, world, { yearFrom: 2030, yearTo: 2032 });
  const open = (input: Record<string, unknown>) => app.gql<{ openPublicHearing: { id: string } }>(OPEN, { input }, { as: world.actors.coordinator.subject });
  const closed = (await open({ planId: heard.planId, opensAt: '2026-01-01T00:00:00Z', closesAt: '2026-01-31T00:00:00Z' })).data!.openPublicHearing.id;
  const scheduled = (await open({ planId: heard.planId, opensAt: new Date(Date.now() + 7 * DAY).toISOString(), closesAt: new Date(Date.now() + 21 * DAY).toISOString() })).data!.openPublicHearing.id;

  for (const as of [undefined, other.actors.coordinator.subject]) {
    const who = { as };
    expect((await app.gql<{ openHearings: Notice[] }>(LIST, { areaId: world.area.id }, who)).data).toEqual({ openHearings: [] });
    const everywhere = (await app.gql<{ openHearings: Notice[] }>(`query { openHearings { id } }`, {}, who)).data!.openHearings.map((h) => h.id);
    expect(everywhere).not.toContain(closed);
    expect(everywhere).not.toContain(scheduled);
    for (const id of [closed, scheduled]) expect({ as, id, codes: codes(await app.gql(ONE, { id }, who)) }).toEqual({ as, id, codes: ['NOT_FOUND'] });
    for (const planId of [heard.planId, neverHeard.planId]) {
      expect(codes(await app.gql(`query($id: ID!) { plan(id: $id) { id } }`, { id: planId }, who))).toEqual(['NOT_FOUND']);
      expect(codes(await app.gql(SETTLEMENT, { id: planId }, who))).toEqual(['NOT_FOUND']);
    }
  }
  // The area's own people read the notice of a closed hearing (they read the plan anyway).
  expect((await app.gql<{ hearingNotice: Notice }>(ONE, { id: closed }, { as: world.actors.coordinator.subject })).data!.hearingNotice.plan.id).toBe(heard.planId);
  expect(codes(await app.gql(ONE, { id: '00000000-0000-4000-8000-000000000000' }))).toEqual(['NOT_FOUND']);
});
