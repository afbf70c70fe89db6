import { aPipelineWorld } from '../support/pipeline-world';
import { dbFingerprint } from '../support/db-fingerprint';
import { codes, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

/** The risk register of seed 001 (ORP Chomutov): area, risk, score, mitigation, owner. */
const SEED_RISKS = [
  { riskArea: 'FINANCIAL', description: 'Nedostatek financí na provoz, opravy', probability: 4, impact: 5, mitigation: 'Čerpání dotačních prostředků', owner: 'Obec a NNO' },
  { riskArea: 'ORGANISATIONAL', description: 'Rušení dopravních spojů', probability: 5, impact: 4, mitigation: 'Návrhy na změny spojů', owner: 'Obce, kraj' },
  { riskArea: 'LEGAL', description: 'Reformy na úkor kvality', probability: 3, impact: 5, mitigation: 'Politická intervence', owner: 'Obce' },
  { riskArea: 'TECHNICAL', description: 'Nevyhovující stav budov', probability: 5, impact: 3, mitigation: 'Průběžná údržba a opravy', owner: 'Obec, NNO' },
  { riskArea: 'MATERIAL', description: 'Personální rizika (fluktuace)', probability: 3, impact: 4, mitigation: 'Zaměstnání kvalifikovaných pracovníků', owner: 'Obec, NNO' },
];

async function aPlan() {
  const world = await aPipelineWorld(app.em());
  const res = await app.gql<{ createPlan: { id: string } }>(
    `mutation($input: CreatePlanInput!) { createPlan(input: $input) { id } }`,
    { input: { areaId: world.area.id, title: 'Plán', yearFrom: 2027, yearTo: 2029 } },
    { as: world.actors.coordinator.subject },
  );
  return { world, planId: res.data!.createPlan.id };
}

test('the risk register of seed 001 scores 20, 20, 15, 15, 12, listed by score; a score sent by a client is refused', async () => {
  const { world, planId } = await aPlan();
  const ADD = `mutation($input: AddRiskInput!) { addRisk(input: $input) { id risks { score description } } }`;
  for (const [index, risk] of [...SEED_RISKS].reverse().entries()) {
    const res = await app.gql<{ addRisk: { id: string; risks: Array<{ score: number; description: string }> } }>(ADD, { input: { planId, ...risk } }, { as: world.actors.support.subject });
    expect(res.errors).toBeUndefined();
    // The plan comes back, its register listing the new risk with its score.
    expect(res.data!.addRisk.id).toBe(planId);
    expect(res.data!.addRisk.risks).toHaveLength(index + 1);
    expect(res.data!.addRisk.risks).toContainEqual({ score: risk.probability * risk.impact, description: risk.description });
  }
  const before = await dbFingerprint(app.em());
  const withScore = await app.gql(ADD, { input: { planId, ...SEED_RISKS[0], score: 25 } }, { as: world.actors.coordinator.subject });
  expect(codes(withScore)).toEqual(['BAD_USER_INPUT']);
  expect(codes(await app.gql(ADD, { input: { planId, ...SEED_RISKS[0], probability: 6 } }, { as: world.actors.coordinator.subject }))).toEqual(['BAD_USER_INPUT']);
  expect(codes(await app.gql(ADD, { input: { planId, ...SEED_RISKS[0] } }, { as: world.actors.author.subject }))).toEqual(['FORBIDDEN']);
  expect(await dbFingerprint(app.em())).toEqual(before);
  const read = await app.gql<{ plan: { risks: Array<{ score: number; riskArea: string }> } }>(`query($id: ID!) { plan(id: $id) { risks { score riskArea } } }`, { id: planId }, {
    as: world.actors.author.subject,
  });
  expect(read.data!.plan.risks.map((r) => r.score)).toEqual([20, 20, 15, 15, 12]);
});

test('the stakeholder matrix computes quadrants; a quadrant sent by a client is refused', async () => {
  const { world, planId } = await aPlan();
  const ADD = `mutation($input: AddStakeholderInput!) { addStakeholder(input: $input) { stakeholders { name quadrant approach } } }`;
  const as = { as: world.actors.coordinator.subject };
  const results = [];
  for (const [name, influence, interest] of [
    ['Média', 'LOW', 'LOW'],
    ['Rodiče dětí v ZŠ a MŠ', 'LOW', 'HIGH'],
    ['Kraj', 'HIGH', 'LOW'],
    ['Starostové obcí s MŠ a ZŠ', 'HIGH', 'HIGH'],
  ] as const) {
    // The plan comes back, its matrix listing the new stakeholder.
    const plan = (await app.gql<{ addStakeholder: { stakeholders: Array<{ name: string }> } }>(ADD, { input: { planId, name, influence, interest } }, as)).data!.addStakeholder;
    results.push(plan.stakeholders.find((s) => s.name === name));
  }
  expect(results).toEqual([
    { name: 'Média', quadrant: 'CROWD', approach: 'odpovídání na otázky' },
    { name: 'Rodiče dětí v ZŠ a MŠ', quadrant: 'KEEP_INFORMED', approach: 'průběžné informování' },
    { name: 'Kraj', quadrant: 'KEEP_SATISFIED', approach: 'zajištění spokojenosti' },
    { name: 'Starostové obcí s MŠ a ZŠ', quadrant: 'KEY_PLAYERS', approach: 'vedení dialogu' },
  ]);
  expect(codes(await app.gql(ADD, { input: { planId, name: 'X', influence: 'LOW', interest: 'LOW', quadrant: 'KEY_PLAYERS' } }, as))).toEqual(['BAD_USER_INPUT']);
  // The plan lists them quadrant by quadrant, key players first, by name within a quadrant.
  await app.gql(ADD, { input: { planId, name: 'Děti, žáci', influence: 'LOW', interest: 'HIGH' } }, as);
  const matrix = await app.gql<{ plan: { stakeholders: Array<{ name: string }> } }>(`query($id: ID!) { plan(id: $id) { stakeholders { name } } }`, { id: planId }, as);
  expect(matrix.data!.plan.stakeholders.map((s) => s.name)).toEqual(['Starostové obcí s MŠ a ZŠ', 'Kraj', 'Děti, žáci', 'Rodiče dětí v ZŠ a MŠ', 'Média']);
});

test('the analysis: SWOT items by quadrant, solution variants with one chosen', async () => {
  const { world, planId } = await aPlan();
  const as = { as: world.actors.support.subject };
  const SWOT = `mutation($input: AddSwotItemInput!) { addSwotItem(input: $input) { swot { kind text } } }`;
  await app.gql(SWOT, { input: { planId, kind: 'WEAKNESS', text: 'Dlouhodobě vysoká míra nezaměstnanosti' } }, as);
  await app.gql(SWOT, { input: { planId, kind: 'OPPORTUNITY', text: 'Využívání veřejně prospěšných prací' } }, as);
  const VARIANT = `mutation($input: AddSolutionVariantInput!) { addSolutionVariant(input: $input) { solutionVariants { position chosen } } }`;
  await app.gql(VARIANT, { input: { planId, title: 'Širší zapojení neziskového sektoru', chosen: true } }, as);
  await app.gql(VARIANT, { input: { planId, title: 'Zvýšení informovanosti o službách' } }, as);
  // The plan comes back with its variants: the new chosen one last, the earlier chosen one no longer.
  const third = await app.gql(VARIANT, { input: { planId, title: 'Nový systém řízení komunitního plánování', chosen: true } }, as);
  expect(third.data).toEqual({ addSolutionVariant: { solutionVariants: [{ position: 1, chosen: false }, { position: 2, chosen: false }, { position: 3, chosen: true }] } });
  expect(codes(await app.gql(SWOT, { input: { planId, kind: 'THREAT', text: 'x' } }, { as: world.actors.author.subject }))).toEqual(['FORBIDDEN']);
  const read = await app.gql(`query($id: ID!) { plan(id: $id) { swot { kind text } solutionVariants { position title chosen } } }`, { id: planId }, as);
  expect(read.data).toEqual({
    plan: {
      swot: [
        { kind: 'OPPORTUNITY', text: 'Využívání veřejně prospěšných prací' },
        { kind: 'WEAKNESS', text: 'Dlouhodobě vysoká míra nezaměstnanosti' },
      ],
      solutionVariants: [
        { position: 1, title: 'Širší zapojení neziskového sektoru', chosen: false },
        { position: 2, title: 'Zvýšení informovanosti o službách', chosen: false },
        { position: 3, title: 'Nový systém řízení komunitního plánování', chosen: true },
      ],
    },
  });
});
