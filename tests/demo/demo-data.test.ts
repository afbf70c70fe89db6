import fs from 'node:fs';
import path from 'node:path';
import { Body } from '../../src/entities/body.entity';
import { Municipality } from '../../src/entities/municipality.entity';
import { PlanningArea } from '../../src/entities/planning-area.entity';
import { Proposal } from '../../src/entities/proposal.entity';
import { DEMO_PEOPLE, demoPeopleMarkdown, loadDemoData } from '../../src/demo/demo-data';
import { loadDemoProviders } from '../../src/demo/demo-providers';
import register from '../../src/demo/demo-provider-register.json';
import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  expect(await loadDemoData(app.em())).toBe(true);
});
afterAll(async () => {
  await app.close();
});

test('ORP Chomutov has its 25 municipalities and 81,786 inhabitants; loading again does nothing', async () => {
  const em = app.em();
  const chomutov = await em.findOneOrFail(PlanningArea, { name: 'ORP Chomutov' });
  const municipalities = await em.find(Municipality, { areaId: chomutov.id });
  expect(municipalities).toHaveLength(25);
  expect(municipalities.reduce((sum, m) => sum + m.population, 0)).toBe(81_786);
  expect(await loadDemoData(em)).toBe(false);
  expect(await em.count(PlanningArea, {})).toBe(3);
});

test("ORP Chomutov's 25 municipalities have distinct six-digit codes (kód obce), the two towns' the official 562971 and 563099", async () => {
  const em = app.em();
  const chomutov = await em.findOneOrFail(PlanningArea, { name: 'ORP Chomutov' });
  const municipalities = await em.find(Municipality, { areaId: chomutov.id });
  const codes = municipalities.map((m) => m.code);
  expect(codes.every((code) => code !== null && code >= 100_000 && code <= 999_999)).toBe(true);
  expect(new Set(codes).size).toBe(25);
  const codeOf = (name: string) => municipalities.find((m) => m.name === name)?.code;
  expect([codeOf('Chomutov'), codeOf('Jirkov')]).toEqual([562971, 563099]);
});

test('every municipality the demo provider register names is a demo municipality, and the filter by municipality finds the providers serving Jirkov', async () => {
  const em = app.em();
  const demoCodes = new Set((await em.find(Municipality, {})).map((m) => m.code));
  const registerCodes = JSON.stringify(register).match(/"Obec\/(\d+)"/g)!.map((id) => Number(/\d+/.exec(id)![0]));
  expect(registerCodes.length).toBeGreaterThan(0);
  expect(registerCodes.filter((code) => !demoCodes.has(code))).toEqual([]);

  expect(await loadDemoProviders(em)).toBe(true);
  const chomutov = await em.findOneOrFail(PlanningArea, { name: 'ORP Chomutov' });
  const inMunicipality = async (name: string): Promise<string[]> => {
    const municipality = await em.findOneOrFail(Municipality, { areaId: chomutov.id, name });
    const res = await app.gql<{ providers: { edges: Array<{ node: { name: string } }> } }>(
      'query($m: ID!) { providers(filter: { municipalityId: $m }) { edges { node { name } } } }',
      { m: municipality.id },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.providers.edges.map((e) => e.node.name).sort();
  };
  // The register's facilities in Jirkov (Obec/563099): Člověk v tísni's field programme and Domov Na Stráni's two services.
  expect(await inMunicipality('Jirkov')).toEqual(['Domov Na Stráni, o.p.s.', 'Člověk v tísni, o.p.s.'].sort());
  // Nothing in the register is in Kalek.
  expect(await inMunicipality('Kalek')).toEqual([]);
});

test('Český Krumlov is organised KS → MS → SK → RM/ZM', async () => {
  const em = app.em();
  const krumlov = await em.findOneOrFail(PlanningArea, { name: 'Český Krumlov' });
  const bodies = await em.find(Body, { areaId: krumlov.id });
  expect(new Set(bodies.map((b) => b.shortName))).toEqual(new Set(['KS', 'MS', 'SK', 'RM', 'ZM']));
  // Seed 003: the commission's secretary convenes it as its chair authorised; a member of MS verifies the minutes its chair writes.
  const delegations = async (shortName: string) =>
    (
      await app.gql<{ body: { delegations: Array<{ power: string; active: boolean; delegate: { name: string }; onBehalfOf: { name: string } | null }> } }>(
        'query($id: ID!) { body(id: $id) { delegations { power active delegate { name } onBehalfOf { name } } } }',
        { id: bodies.find((b) => b.shortName === shortName)!.id },
        { as: 'demo-krumlov-coordinator' },
      )
    ).data!.body.delegations;
  expect(await delegations('SK')).toEqual([{ power: 'CONVENE', active: true, delegate: { name: 'Ivana Zapisovatelová' }, onBehalfOf: { name: 'Antonín Komisní' } }]);
  expect(await delegations('MS')).toEqual([{ power: 'VERIFY_MINUTES', active: true, delegate: { name: 'Drahomíra Koordinační' }, onBehalfOf: { name: 'Kateřina Plánovačová' } }]);
});

test('ORP Nový Jičín runs its own workflow, made from the Nový Jičín template in its own words: discussion forums, no commission; it passes every check against its bodies', async () => {
  const em = app.em();
  const area = await em.findOneOrFail(PlanningArea, { name: 'ORP Nový Jičín' });
  expect(area.workflowKey).toBe('novy-jicin-fora');
  const defs = await app.gql<{ workflowDefinitions: Array<{ key: string; version: number; areaId: string; stages: Array<{ key: string; labelCs: string }> }> }>(
    'query($a: ID) { workflowDefinitions(areaId: $a) { key version areaId stages { key labelCs } } }',
    { a: area.id },
  );
  const own = defs.data!.workflowDefinitions.filter((d) => d.areaId === area.id);
  expect(own.map((d) => `${d.key}@${d.version}`)).toEqual(['novy-jicin-fora@1']);
  expect(own[0].stages.map((s) => s.key)).not.toContain('SOCIAL_COMMISSION');
  expect(own[0].stages.find((s) => s.key === 'WORKING_GROUP')!.labelCs).toBe('Diskusní fórum');
  const proposals = await em.find(Proposal, { areaId: area.id });
  expect(proposals.length).toBeGreaterThanOrEqual(5);
  expect(new Set(proposals.map((p) => `${p.workflowKey}@${p.workflowVersion}`))).toEqual(new Set(['novy-jicin-fora@1']));
  // Its admin starts version 2 from it: as it stands, nothing is wrong with it in this area.
  const admin = { as: 'demo-nj-admin' };
  const draft = await app.gql<{ createWorkflowDraft: { id: string } }>(
    'mutation($input: CreateWorkflowDraftInput!) { createWorkflowDraft(input: $input) { id } }',
    { input: { areaId: area.id, key: 'novy-jicin-fora', from: { key: 'novy-jicin-fora', version: 1 } } },
    admin,
  );
  expect(draft.errors).toBeUndefined();
  const problems = await app.gql<{ validateWorkflowDraft: unknown[] }>('query($id: ID!) { validateWorkflowDraft(draftId: $id) { code path } }', { id: draft.data!.createWorkflowDraft.id }, admin);
  expect(problems.data!.validateWorkflowDraft).toEqual([]);
});

test("ORP Chomutov's plan carries seed 001's SWOT analysis and its four solution variants", async () => {
  const coordinator = { as: 'demo-chomutov-coordinator' };
  const chomutov = await app.em().findOneOrFail(PlanningArea, { name: 'ORP Chomutov' });
  const res = await app.gql<{ plans: Array<{ swot: Array<{ kind: string; text: string }>; solutionVariants: Array<{ position: number; title: string; chosen: boolean }> }> }>(
    'query($a: ID!) { plans(areaId: $a) { swot { kind text } solutionVariants { position title chosen } } }',
    { a: chomutov.id },
    coordinator,
  );
  expect(res.errors).toBeUndefined();
  const [plan] = res.data!.plans;
  expect(plan.solutionVariants.map((v) => `${v.position}. ${v.title}`)).toEqual([
    '1. Širší zapojení neziskového sektoru při poskytování služeb',
    '2. Zvýšení informovanosti o službách a činnosti organizací',
    '3. Vytvoření nového systému řízení komunitního plánování',
    '4. Vytvoření kompletního třístupňového systému služeb pro rodiny s dětmi',
  ]);
  expect(plan.solutionVariants.every((v) => !v.chosen)).toBe(true);
  expect(new Set(plan.swot.map((i) => i.kind))).toEqual(new Set(['STRENGTH', 'WEAKNESS', 'OPPORTUNITY', 'THREAT']));
  expect(plan.swot).toContainEqual({ kind: 'THREAT', text: 'Nedostatek finančních prostředků od státu' });
});

test("the seeds' meetings: ORP Chomutov's working group of 11 and 21 November 2014 (seed 000), and one shaped like Jindřichův Hradec's of 29 March 2018 (seed 004)", async () => {
  const em = app.em();
  const meetingsOf = async (areaName: string, as: string) => {
    const area = await em.findOneOrFail(PlanningArea, { name: areaName });
    const res = await app.gql<{
      meetings: {
        edges: Array<{
          node: {
            title: string;
            startsAt: string;
            place: string;
            status: string;
            recordedAfterwards: boolean;
            nextMeetingDate: string | null;
            agenda: Array<{ title: string }>;
            attendance: Array<{ status: string }>;
            minutes: { version: number; verifiedAt: string | null; distributedAt: string | null; text: string } | null;
          };
        }>;
      };
    }>(
      `query($a: ID!) { meetings(filter: { areaId: $a, to: "2020-01-01T00:00:00Z" }, first: 10) { edges { node { title startsAt place status recordedAfterwards nextMeetingDate agenda { title } attendance { status } minutes { version verifiedAt distributedAt text } } } } }`,
      { a: area.id },
      { as },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.meetings.edges.map((e) => e.node);
  };
  const [fourth, fifth] = await meetingsOf('ORP Chomutov', 'demo-chomutov-coordinator');
  expect(fourth).toMatchObject({ startsAt: '2014-11-11T08:00:00.000Z', place: 'Chomutov, radnice, nám. 1. máje', status: 'MINUTES_DISTRIBUTED', recordedAfterwards: true, nextMeetingDate: '2014-11-21' });
  expect(fourth.agenda.map((i) => i.title)).toEqual(['Zahájení pracovní skupiny', 'Gestor cíle, gestor indikátoru', 'Různé']);
  expect(fourth.attendance.map((a) => a.status).sort()).toEqual(['EXCUSED', 'PRESENT', 'PRESENT', 'PRESENT', 'PRESENT']);
  expect(fourth.minutes).toMatchObject({ version: 1, verifiedAt: expect.any(String) as unknown, distributedAt: expect.any(String) as unknown });
  expect(fourth.minutes!.text).toContain('Výsluní a Vrskmaň');
  expect(fifth).toMatchObject({ startsAt: '2014-11-21T08:00:00.000Z', place: 'Chomutov, radnice – bývalé informační centrum', status: 'HELD', minutes: null });
  const [krumlov] = await meetingsOf('Český Krumlov', 'demo-krumlov-coordinator');
  expect(krumlov).toMatchObject({ startsAt: '2018-03-29T07:00:00.000Z', status: 'MINUTES_DISTRIBUTED', nextMeetingDate: '2018-04-12' });
  expect(krumlov.agenda).toHaveLength(5);
});

test('demo proposals stand in every stage and their histories verify', async () => {
  const em = app.em();
  const states = new Set((await em.find(Proposal, {})).map((p) => p.state));
  expect(states).toEqual(new Set(['DRAFT', 'WORKING_GROUP', 'STEERING_GROUP', 'SOCIAL_COMMISSION', 'COUNCIL', 'ASSEMBLY', 'APPROVED', 'REJECTED', 'WITHDRAWN']));
  const coordinator = DEMO_PEOPLE.find((p) => p.subject === 'demo-chomutov-coordinator')!;
  const chomutov = await em.findOneOrFail(PlanningArea, { name: 'ORP Chomutov' });
  const list = await app.gql<{ proposals: { totalCount: number; edges: Array<{ node: { id: string; history: Array<{ seq: number }> } }> } }>(
    `query($areaId: ID!) { proposals(filter: { areaId: $areaId }, first: 100) { totalCount edges { node { id history { seq } } } } }`,
    { areaId: chomutov.id },
    { as: coordinator.subject },
  );
  expect(list.errors).toBeUndefined();
  expect(list.data!.proposals.totalCount).toBe(11);
  for (const { node } of list.data!.proposals.edges) {
    const verified = await app.gql<{ verifyHistory: { valid: boolean; checkedEvents: number } }>(
      `query($id: ID!) { verifyHistory(proposalId: $id) { valid checkedEvents } }`,
      { id: node.id },
      { as: coordinator.subject },
    );
    expect(verified.data!.verifyHistory).toEqual({ valid: true, checkedEvents: node.history.length });
  }
});

test("README's table of demo people is the one the demo data makes", () => {
  const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const table = /<!-- demo-people:start -->\n([\s\S]*?)\n<!-- demo-people:end -->/.exec(readme)?.[1];
  expect(table).toBe(demoPeopleMarkdown());
});

test('organisations are records of their area: one per name, seats and people refer to them, providers carry their IČO', async () => {
  const coordinator = DEMO_PEOPLE.find((p) => p.subject === 'demo-chomutov-coordinator')!;
  const chomutov = await app.em().findOneOrFail(PlanningArea, { name: 'ORP Chomutov' });
  const res = await app.gql<{ organisations: { totalCount: number; edges: Array<{ node: { name: string; ico: string | null } }> } }>(
    `query($a: ID!) { organisations(areaId: $a, search: "o.p.s.", first: 100) { totalCount edges { node { name ico } } } }`,
    { a: chomutov.id },
    { as: coordinator.subject },
  );
  expect(res.errors).toBeUndefined();
  const byName = new Map(res.data!.organisations.edges.map((e) => [e.node.name, e.node.ico]));
  expect(byName.get('Člověk v tísni, o.p.s.')).toBe('26593017');
  expect(byName.get('Domov Na Stráni, o.p.s.')).toBe('26407787');
  const duplicates = await app.em().getConnection().execute<Array<{ n: number }>>(
    `select count(*)::int as n from (select area_id, name from organisation group by area_id, name having count(*) > 1) d`,
  );
  expect(duplicates[0].n).toBe(0);
  const seat = await app.em().getConnection().execute<Array<{ same: boolean }>>(
    `select m.organisation_id = p.organisation_id as same from membership m join person p on p.id = m.person_id where p.subject = 'demo-chomutov-provider'`,
  );
  expect(seat.map((r) => r.same)).toEqual([true, true]);
});

test('every demo person with a subject can sign in and is known', async () => {
  for (const person of DEMO_PEOPLE) {
    const me = await app.gql<{ me: { people: Array<{ name: string }> } }>('{ me { people { name } } }', {}, { as: person.subject });
    expect(me.data!.me.people.map((p) => p.name)).toEqual([person.name]);
  }
});

test("ORP Chomutov's plan: the three goals of seed 000 with their guarantors, people and organisations, the five risks of seed 001", async () => {
  const em = app.em();
  const chomutov = await em.findOneOrFail(PlanningArea, { name: 'ORP Chomutov' });
  const coordinator = DEMO_PEOPLE.find((p) => p.subject === 'demo-chomutov-coordinator')!;
  const plans = await app.gql<{
    plans: Array<{
      status: string;
      priorities: Array<{
        goals: Array<{
          title: string;
          guarantors: Array<{ municipality: { name: string } }>;
          measures: Array<{ indicators: Array<{ guarantors: Array<{ person: { name: string } | null; organisation: { name: string } | null }> }> }>;
        }>;
      }>;
      risks: Array<{ score: number }>;
      stakeholders: Array<{ quadrant: string }>;
    }>;
  }>(
    `query($a: ID!) { plans(areaId: $a) { status priorities { goals { title guarantors { municipality { name } } measures { indicators { guarantors { person { name } organisation { name } } } } } } risks { score } stakeholders { quadrant } } }`,
    { a: chomutov.id },
    { as: coordinator.subject },
  );
  expect(plans.errors).toBeUndefined();
  const [plan] = plans.data!.plans;
  expect(plan.status).toBe('IN_APPROVAL');
  const goals = plan.priorities[0].goals;
  expect(goals.map((g) => g.guarantors.map((x) => x.municipality.name))).toEqual([['Výsluní', 'Vrskmaň'], ['Chomutov', 'Spořice'], ['Jirkov']]);
  // Seed 000: an NGO and the town's social department for goal 1; two NGOs and the coordinator for
  // goal 2; the coordinators of Chomutov and Jirkov for goal 3.
  const named = (g: (typeof goals)[number]) =>
    g.measures[0].indicators[0].guarantors.map((x) => (x.person ? `person ${x.person.name}` : `organisation ${x.organisation!.name}`)).sort();
  expect(goals.map(named)).toEqual([
    ['organisation Magistrát města Chomutova, odbor sociálních věcí', 'organisation Člověk v tísni, o.p.s.'],
    ['organisation Světlo Kadaň, z.s.', 'organisation Člověk v tísni, o.p.s.', 'person Lucie Koordinátorová'],
    ['person Jana Jirkovská', 'person Lucie Koordinátorová'],
  ]);
  expect(plan.risks.map((r) => r.score)).toEqual([20, 20, 15, 15, 12]);
  expect(new Set(plan.stakeholders.map((s) => s.quadrant))).toEqual(new Set(['CROWD', 'KEEP_INFORMED', 'KEEP_SATISFIED', 'KEY_PLAYERS']));
});

test("exportPlan gives ORP Chomutov's plan as Markdown and JSON to the area, and nothing to the public while in approval", async () => {
  const em = app.em();
  const chomutov = await em.findOneOrFail(PlanningArea, { name: 'ORP Chomutov' });
  const coordinator = DEMO_PEOPLE.find((p) => p.subject === 'demo-chomutov-coordinator')!;
  const plans = await app.gql<{ plans: Array<{ id: string }> }>(`query($a: ID!) { plans(areaId: $a) { id } }`, { a: chomutov.id }, { as: coordinator.subject });
  const planId = plans.data!.plans[0].id;
  const markdown = await app.gql<{ exportPlan: { content: string } }>(`query($id: ID!) { exportPlan(planId: $id) { content } }`, { id: planId }, { as: coordinator.subject });
  const text = markdown.data!.exportPlan.content;
  expect(text).toContain('### Cíl 1.1: Zvýšení nabídky sociálních služeb');
  expect(text).toContain('Gestor cíle: Vrskmaň; Výsluní'); // guarantors by name
  expect(text).toMatch(/\| Výtisky katalogu poskytovatelů \|.*\| (Lucie Koordinátorová; Jana Jirkovská|Jana Jirkovská; Lucie Koordinátorová) \|/);
  expect(text).toContain('| Finanční | Nedostatek financí na provoz, opravy | 4 | 5 | 20 | Čerpání dotačních prostředků | Obec a NNO |');
  expect(text).toContain('Stav / Status: Ve schvalování');
  const json = await app.gql<{ exportPlan: { content: string } }>(`query($id: ID!) { exportPlan(planId: $id, format: JSON) { content } }`, { id: planId }, { as: coordinator.subject });
  const doc = JSON.parse(json.data!.exportPlan.content) as { status: string; priorities: Array<{ goals: unknown[] }>; risks: Array<{ score: number }> };
  expect({ status: doc.status, goals: doc.priorities[0].goals.length, scores: doc.risks.map((r) => r.score) }).toEqual({ status: 'IN_APPROVAL', goals: 3, scores: [20, 20, 15, 15, 12] });
  const publicView = await app.gql(`query($id: ID!) { exportPlan(planId: $id) { content } }`, { id: planId });
  expect(publicView.errors![0].extensions!.code).toBe('NOT_FOUND');
});
