import { createHash } from 'node:crypto';
import { AgendaItem } from '../../src/entities/agenda-item.entity';
import { Attendance } from '../../src/entities/attendance.entity';
import { AttendanceStatus, MeetingStatus, ProposalKind, ProposalPhase } from '../../src/entities/enums';
import { Material } from '../../src/entities/material.entity';
import { Meeting } from '../../src/entities/meeting.entity';
import { MinutesRecipient } from '../../src/entities/minutes-recipient.entity';
import { Minutes } from '../../src/entities/minutes.entity';
import { Proposal } from '../../src/entities/proposal.entity';
import { Resolution } from '../../src/entities/resolution.entity';
import { meetingWorkflow } from '../../src/workflows/meeting.workflow';
import { shippedWorkflows } from '../../src/workflows/workflow-registry';
import { aPipelineWorld, type PipelineWorld } from '../support/pipeline-world';
import { statementCounter } from '../support/statement-count';
import { startTestApp, type TestApp } from '../support/test-app';

// Not a timing test: it counts the SQL statements of a page of meetings asked with everything a
// meeting has (agenda with presenters, proposals and documents, attendance with quorum and triad,
// resolutions, minutes with their versions, authors and recipients), so that an N+1 in any of
// them fails here.

const MEETINGS = `query($filter: MeetingFilter!, $first: Int!) {
  meetings(filter: $filter, first: $first) {
    edges { node {
      id title status startsAt isPublic materialsDeadline minutesDueDate minutesOverdue
      body { id name }
      agenda { position title presenter { name } proposal { id title stageLabel } materials { name version uploadedBy { name } } }
      attendance { status person { name } }
      quorum { presentVoting totalVoting required reached }
      triadRepresentation { present missing complete }
      resolutions { number adopted }
      minutes { version draftedBy { name } verifiedBy { name } recipients { person { name } } }
      minutesVersions { version }
    } }
    pageInfo { hasNextPage }
  }
}`;

let app: TestApp;
let world: PipelineWorld;
const counter = statementCounter();

beforeAll(async () => {
  app = await startTestApp();
  world = await aPipelineWorld(app.em());
  const em = app.em();
  const { definition, engine } = shippedWorkflows().latest('standard');
  const proposalSnapshot = engine.snapshotAt('WORKING_GROUP');
  const meetingSnapshot = meetingWorkflow.snapshotAt(MeetingStatus.MINUTES_DISTRIBUTED);
  const { coordinator, groupChair, author, provider } = world.actors;
  const people = [coordinator.person, groupChair.person, author.person, provider.person];
  const areaId = world.area.id;

  // 120 held meetings of the working group, each with three agenda items (one on its own
  // proposal, with a document), four attendance records, a resolution and two versions of its
  // minutes, the second sent to two people. Attendance and recipients refer to their meeting and
  // minutes by a plain key, so they are written after them.
  const later: Array<() => void> = [];
  for (let i = 0; i < 120; i++) {
    const startsAt = new Date(Date.UTC(2026, 0, 1) + i * 86_400_000);
    const meeting = em.create(Meeting, {
      areaId,
      body: world.group,
      title: `Jednání ${i + 1}`,
      startsAt,
      place: 'Zasedací místnost',
      status: MeetingStatus.MINUTES_DISTRIBUTED,
      snapshot: meetingSnapshot,
    });
    const proposal = em.create(Proposal, {
      areaId,
      workingGroup: world.group,
      author: people[i % people.length],
      kind: ProposalKind.MEASURE,
      title: `Návrh ${i + 1}`,
      summary: 'Shrnutí.',
      state: 'WORKING_GROUP',
      phase: ProposalPhase.IN_REVIEW,
      currentBody: world.group,
      workflowKey: definition.key,
      workflowVersion: definition.version,
      snapshot: proposalSnapshot,
    });
    const items = ['Zahájení', 'Návrh', 'Různé'].map((title, position) =>
      em.create(AgendaItem, {
        areaId,
        meeting,
        position: position + 1,
        title,
        presenter: people[(i + position) % people.length],
        proposal: position === 1 ? proposal : null,
        late: false,
      }),
    );
    const content = Buffer.from(`Podklad ${i + 1}`);
    em.create(Material, {
      areaId,
      agendaItem: items[1],
      name: 'podklad.txt',
      mediaType: 'text/plain',
      sizeBytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      content,
      version: 1,
      uploadedBy: coordinator.person,
    });
    people.forEach((person, k) =>
      later.push(() => em.create(Attendance, {
        areaId,
        meetingId: meeting.id,
        personId: person.id,
        status: k === 3 ? AttendanceStatus.EXCUSED : AttendanceStatus.PRESENT,
        isGuest: false,
        votingRight: true,
      })),
    );
    em.create(Resolution, {
      areaId,
      meeting,
      number: `${i + 1}/2026`,
      text: 'Pracovní skupina bere na vědomí.',
      votesFor: 3,
      votesAgainst: 0,
      votesAbstain: 0,
      adopted: true,
      recordedBy: coordinator.person,
    });
    for (const version of [1, 2]) {
      const minutes = em.create(Minutes, {
        areaId,
        meeting,
        version,
        text: `Zápis ${i + 1}, verze ${version}`,
        draftedBy: coordinator.person,
        draftedAt: startsAt,
        verifiedBy: version === 2 ? groupChair.person : null,
        verifiedAt: version === 2 ? startsAt : null,
      });
      if (version === 2) {
        for (const person of [author.person, provider.person]) {
          later.push(() => em.create(MinutesRecipient, { areaId, minutesId: minutes.id, personId: person.id, sentAt: startsAt }));
        }
      }
    }
  }
  await em.flush();
  for (const create of later) create();
  await em.flush();
  counter.reset();
});

afterAll(async () => {
  counter.restore();
  await app.close();
});

interface MeetingsData {
  meetings: {
    edges: Array<{
      node: {
        agenda: Array<{ presenter: { name: string } | null; proposal: { title: string } | null; materials: unknown[] }>;
        attendance: Array<{ person: { name: string } }>;
        quorum: { presentVoting: number };
        resolutions: unknown[];
        minutes: { version: number; verifiedBy: { name: string }; recipients: Array<{ person: { name: string } }> };
        minutesVersions: unknown[];
      };
    }>;
  };
}

test.each([
  ['the coordinator', 'coordinator'],
  ['the working-group chair', 'groupChair'],
] as const)('a page of meetings with everything they hold sends the same statements for 20 and 100 (%s)', async (_label, who) => {
  const subject = world.actors[who].subject;
  const auth = (await counter.count(app, '{ __typename }', {}, subject)).statements;
  const filter = { areaId: world.area.id, bodyId: world.group.id };
  const small = await counter.count(app, MEETINGS, { filter, first: 20 }, subject);
  const large = await counter.count(app, MEETINGS, { filter, first: 100 }, subject);

  const pages = [(small.data as MeetingsData).meetings.edges, (large.data as MeetingsData).meetings.edges];
  expect(pages.map((p) => p.length)).toEqual([20, 100]);
  // Everything asked for is there, on every meeting of the large page.
  for (const { node } of pages[1]) {
    expect(node.agenda.map((a) => [Boolean(a.presenter?.name), a.proposal?.title !== undefined, a.materials.length])).toEqual([
      [true, false, 0],
      [true, true, 1],
      [true, false, 0],
    ]);
    expect(node.attendance.every((a) => a.person.name)).toBe(true);
    expect(node.quorum.presentVoting).toBe(3);
    expect(node.resolutions).toHaveLength(1);
    expect([node.minutes.version, node.minutes.verifiedBy.name.length > 0, node.minutes.recipients.length, node.minutesVersions.length]).toEqual([2, true, 2, 2]);
  }
  if (process.env.SHOW_STATEMENT_COUNTS) console.log(`${who}: authentication ${auth}, meetings 20: ${small.statements}, meetings 100: ${large.statements}`);
  // One statement per kind of thing on the page (bodies, meetings, agenda, attendance, seats,
  // resolutions, minutes, recipients, people, proposals, documents), not one per meeting: the same
  // bound for 20 meetings as for 100. (Which tick a loader's batch falls in can vary a statement
  // or two between runs, so the count is bounded rather than matched.)
  expect(small.statements - auth).toBeLessThanOrEqual(14);
  expect(large.statements - auth).toBeLessThanOrEqual(14);
});

test('totalCount is counted when a client asks for it, and only then', async () => {
  const subject = world.actors.coordinator.subject;
  const filter = { areaId: world.area.id, bodyId: world.group.id };
  const page = (query: string) => counter.count(app, query, { filter }, subject);
  const without = await page(`query($filter: MeetingFilter!) { meetings(filter: $filter, first: 5) { edges { node { id } } } }`);
  const counted = await page(`query($filter: MeetingFilter!) { meetings(filter: $filter, first: 5) { totalCount edges { node { id } } } }`);
  expect((counted.data as { meetings: { totalCount: number } }).meetings.totalCount).toBe(120);
  expect(counted.statements).toBe(without.statements + 1);
});
