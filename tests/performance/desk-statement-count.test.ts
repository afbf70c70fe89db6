import { MeetingStatus, ProposalKind, ProposalPhase } from '../../src/entities/enums';
import { AgendaItem } from '../../src/entities/agenda-item.entity';
import { Meeting } from '../../src/entities/meeting.entity';
import { Minutes } from '../../src/entities/minutes.entity';
import type { Person } from '../../src/entities/person.entity';
import { meetingWorkflow } from '../../src/workflows/meeting.workflow';
import { Proposal } from '../../src/entities/proposal.entity';
import { pragueDay } from '../../src/common/dates';
import { IndicatorDirection } from '../../src/entities/enums';
import { HearingComment } from '../../src/entities/hearing.entity';
import { Indicator, IndicatorGuarantor } from '../../src/entities/plan.entity';
import { ASSEMBLY_APPROVES, movePlanProposal, PLAN_TO_ASSEMBLY, planWithStructure } from '../support/plan-world';
import { shippedWorkflows } from '../../src/workflows/workflow-registry';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { statementCounter } from '../support/statement-count';
import { startTestApp, type TestApp } from '../support/test-app';

// Not a timing test: it counts the SQL statements of the whole desk, so that a statement per
// waiting item (an N+1) fails here. The same count at 5 and at 500 waiting items of each kind.

const DESK = `query($first: Int!) {
  myDesk {
    proposalsToMove(first: $first) { totalCount edges { node { proposal { id title stageLabel author { name } workingGroup { name } } transitions { event requiredInputs } } } }
    proposalsWaiting(first: $first) { totalCount edges { node { proposal { id title } waitingOn { id name } } } }
    meetingsToRun(first: $first) { totalCount edges { node { meeting { id title } body { name } events { event allowed refusals { code } } } } }
    minutesDue(first: $first) { totalCount edges { node { meeting { id } event dueOn overdue } } }
    materialsDue(first: $first) { totalCount edges { node { item { id title } meeting { id } dueOn } } }
    indicatorValuesDue(first: $first) { totalCount edges { node { indicator { id name } planId dueOn } } }
    hearingCommentsToAnswer(first: $first) { totalCount edges { node { comment { id text } planId } } }
  }
}`;

interface Section {
  totalCount: number;
}
type Desk = Record<'proposalsToMove' | 'proposalsWaiting' | 'meetingsToRun' | 'minutesDue' | 'materialsDue' | 'indicatorValuesDue' | 'hearingCommentsToAnswer', Section>;

let app: TestApp;
let world: PipelineWorld;
const counter = statementCounter();
let made = 0;
/** An adopted plan's measure (new indicators go there) and a drafted plan's open hearing (new comments go there). */
let measureId: string;
let hearingId: string;

/** `n` more waiting items of every kind: proposals in the working group (MEASURE and PLAN), in the steering group, and meetings at every step. */
async function moreWaiting(n: number): Promise<void> {
  const em = app.em();
  const { definition, engine } = shippedWorkflows().latest('standard');
  const a = world.actors;
  for (let i = 0; i < n; i++) {
    made += 1;
    const createdAt = new Date(Date.UTC(2026, 0, 1) + made * 60_000);
    const proposal = (kind: ProposalKind, state: string, body: typeof world.group) =>
      em.create(Proposal, {
        areaId: world.area.id,
        workingGroup: world.group,
        author: a.author.person,
        kind,
        title: `${state} ${made}`,
        summary: 'Shrnutí.',
        state,
        phase: ProposalPhase.IN_REVIEW,
        currentBody: body,
        workflowKey: definition.key,
        workflowVersion: definition.version,
        snapshot: engine.snapshotAt(state),
        createdAt,
        updatedAt: createdAt,
      });
    proposal(i % 5 === 0 ? ProposalKind.PLAN : ProposalKind.MEASURE, 'WORKING_GROUP', world.group);
    proposal(ProposalKind.MEASURE, 'STEERING_GROUP', world.steering);
  }
  await em.flush();
  /** A meeting of the working group in `status`, begun yesterday or due in 20 days, with one agenda item. */
  const meeting = (status: MeetingStatus, opts: { upcoming?: boolean; presenter?: Person } = {}): Meeting => {
    const m = em.create(Meeting, {
      areaId: world.area.id,
      body: world.group,
      title: `Jednání ${made}`,
      startsAt: new Date(Date.now() + (opts.upcoming ? 20 : -1) * 86_400_000),
      place: 'Radnice',
      status,
      snapshot: meetingWorkflow.snapshotAt(status),
    });
    em.create(AgendaItem, { areaId: world.area.id, meeting: m, position: 1, title: 'Bod 1', presenter: opts.presenter ?? null, late: false });
    return m;
  };
  const indicators: Indicator[] = [];
  for (let i = 0; i < n; i++) {
    // An indicator due since the baseline a year ago, guaranteed by the author; a comment without an answer.
    const indicator = em.create(Indicator, {
      areaId: world.area.id,
      measureId,
      name: `Indikátor ${made}-${i}`,
      unit: 'osob',
      baselineValue: '1',
      baselineDate: `${year - 1}-01-01`,
      targetValue: '2',
      targetDate: `${year + 2}-12-31`,
      direction: IndicatorDirection.UP,
    });
    indicators.push(indicator);
    em.create(HearingComment, { areaId: world.area.id, hearingId, text: `Připomínka ${made}-${i}` });
    meeting(MeetingStatus.PLANNED);
    meeting(MeetingStatus.HELD);
    const drafted = meeting(MeetingStatus.MINUTES_DRAFTED);
    em.create(Minutes, { areaId: world.area.id, meeting: drafted, version: 1, text: 'Zápis.', draftedBy: a.coordinator.person, draftedAt: new Date() });
    meeting(MeetingStatus.CONVENED, { upcoming: true, presenter: a.author.person });
  }
  await em.flush();
  // Guarantors refer to their indicator by a plain key: written once the indicators are.
  for (const indicator of indicators) em.create(IndicatorGuarantor, { areaId: world.area.id, indicatorId: indicator.id, personId: a.author.person.id });
  await em.flush();
}

beforeAll(async () => {
  app = await startTestApp();
  world = await aPipelineWorld(app.em());
  const adopted = await planWithStructure(app, world, { yearFrom: year, yearTo: year + 2 });
  await movePlanProposal(app, world, adopted.proposalId, [...PLAN_TO_ASSEMBLY, ...ASSEMBLY_APPROVES]);
  measureId = adopted.measure;
  const drafted = await planWithStructure(app, world, { yearFrom: year + 3, yearTo: year + 5 });
  const open = await app.gql<{ openPublicHearing: { id: string } }>(
    `mutation($input: OpenPublicHearingInput!) { openPublicHearing(input: $input) { id } }`,
    { input: { planId: drafted.planId, closesAt: new Date(Date.now() + 86_400_000).toISOString() } },
    { as: world.actors.coordinator.subject },
  );
  hearingId = open.data!.openPublicHearing.id;
  await moreWaiting(5);
  counter.reset();
});

afterAll(async () => {
  counter.restore();
  await app.close();
});

const year = Number(pragueDay(new Date()).slice(0, 4));
const VIEWERS = ['coordinator', 'groupChair', 'author', 'steeringChair'] as const;

const MAY_ACT = `query($filter: ProposalFilter!) {
  proposals(filter: $filter, first: 20) { totalCount edges { node { id title author { name } availableTransitions { event allowed } } } }
}`;

test('the proposal list of what the viewer may move (mayAct) sends the same statements at 5 and at 500 proposals in the area', async () => {
  // Runs before the desk's test adds the 495 (tests of a file run in order).
  const subject = world.actors.groupChair.subject;
  const filter = { areaId: world.area.id, mayAct: true };
  const small = await counter.count(app, MAY_ACT, { filter }, subject);
  expect((small.data as { proposals: { totalCount: number } }).proposals.totalCount).toBe(5);
  mayActAtFive = small.statements;
});

let mayActAtFive = 0;

test('the desk sends the same statements with 5 and with 500 waiting items of each kind, for every viewer', async () => {
  const small: Record<string, { statements: number; desk: Desk }> = {};
  for (const who of VIEWERS) {
    const counted = await counter.count(app, DESK, { first: 20 }, world.actors[who].subject);
    small[who] = { statements: counted.statements, desk: (counted.data as { myDesk: Desk }).myDesk };
  }
  const t0 = Date.now();
  await moreWaiting(495);
  if (process.env.SHOW_STATEMENT_COUNTS) console.log(`495 more of each: ${Date.now() - t0} ms`);
  counter.reset();
  for (const who of VIEWERS) {
    const started = Date.now();
    const large = await counter.count(app, DESK, { first: 20 }, world.actors[who].subject);
    const desk = (large.data as { myDesk: Desk }).myDesk;
    if (process.env.SHOW_STATEMENT_COUNTS) console.log(`${who}: desk at 5: ${small[who].statements}, at 500: ${large.statements} (${Date.now() - started} ms)`);
    expect(large.statements).toBe(small[who].statements);
    // Authentication, the open proposals, the area's bodies, the histories, the voting sides, the
    // plans' hearings, the open meetings, their agendas, minutes and the items' materials; the indicators due,
    // where the plans stand, the guarantors, the indicators; the unanswered comments and the comments.
    expect(large.statements).toBeLessThanOrEqual(16);
    // The sections did grow (the items are really there and judged).
    for (const [section, count] of Object.entries(small[who].desk)) {
      if (count.totalCount > 0) expect({ section, more: desk[section as keyof Desk].totalCount >= count.totalCount + 495 }).toEqual({ section, more: true });
    }
  }
  expect(small.groupChair.desk.proposalsToMove.totalCount).toBe(5);
  expect(small.steeringChair.desk.proposalsToMove.totalCount).toBe(5);
  expect(small.coordinator.desk.minutesDue.totalCount).toBe(5);
  expect(small.groupChair.desk.minutesDue.totalCount).toBe(5);
  expect(small.coordinator.desk.meetingsToRun.totalCount).toBe(10);
  expect(small.author.desk.materialsDue.totalCount).toBe(5);
  expect(small.author.desk.proposalsWaiting.totalCount).toBeGreaterThanOrEqual(5);
  expect(small.author.desk.indicatorValuesDue.totalCount).toBe(5);
  // The list with mayAct, now with 500 proposals the chair may move.
  const list = await counter.count(app, MAY_ACT, { filter: { areaId: world.area.id, mayAct: true } }, world.actors.groupChair.subject);
  expect((list.data as { proposals: { totalCount: number } }).proposals.totalCount).toBe(500);
  expect(mayActAtFive).toBeGreaterThan(0);
  // The same statements, give or take one: a DataLoader batches the loads of one turn of the event
  // loop, and the plans' proposals wait on their hearings first, so the page's histories come in one
  // batch or, as the reads happen to finish, in two. What grows with the proposals would be hundreds.
  expect(Math.abs(list.statements - mayActAtFive)).toBeLessThanOrEqual(1);
  expect(small.coordinator.desk.hearingCommentsToAnswer.totalCount).toBe(5);
}, 180_000);
