import { randomBytes } from 'node:crypto';
import { AgendaItem } from '../../src/entities/agenda-item.entity';
import type { Body } from '../../src/entities/body.entity';
import { AreaRoleKind, BodyKind, Convener, DelegatedPower, MeetingStatus, MembershipRole } from '../../src/entities/enums';
import type { Person } from '../../src/entities/person.entity';
import { expectNoLeak } from '../support/api-assertions';
import { fastFingerprint } from '../support/db-fingerprint';
import { aBody, aDelegation, aMeetingOf, anArea, aPerson, aRole, aSeat } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Who runs a body's meetings is the body's own rule (../shared/DESIGN.md §4, the policy's
 * `convener`): its chair, the coordinator, or either — a chair's power counting also for whoever the
 * chair delegated convening to. For a body under each rule, every act of the convener (schedule,
 * update, convene, hold, cancel, move an agenda item) is tried by everyone who might pass for one:
 * allowed exactly to whom the rule names, refused to everyone else with nothing written.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const SEATED = ['chair', 'conveningDeputy', 'verifyingDeputy', 'secretary', 'member', 'otherChair'] as const;
const AREA = ['coordinator', 'admin', 'support', 'clerk'] as const;
type Who = (typeof SEATED)[number] | (typeof AREA)[number];

/** Whom each rule names; the managers are the area's admins and coordinators. */
const CONVENERS: Record<Convener, readonly Who[]> = {
  [Convener.CHAIR]: ['chair', 'conveningDeputy'],
  [Convener.COORDINATOR]: ['coordinator', 'admin'],
  [Convener.CHAIR_OR_COORDINATOR]: ['chair', 'conveningDeputy', 'coordinator', 'admin'],
};

const M = (name: string, type: string, select = 'id') => `mutation($input: ${type}!) { ${name}(input: $input) { ${select} } }`;

/** Each act of the convener, with a fresh target in the body. */
const ACTS: Array<{ mutation: string; document: string; input: (body: Body) => Promise<Record<string, unknown>> }> = [
  {
    mutation: 'scheduleMeeting',
    document: M('scheduleMeeting', 'ScheduleMeetingInput'),
    input: (body) => Promise.resolve({ bodyId: body.id, title: `Jednání ${randomBytes(3).toString('hex')}`, startsAt: '2027-05-01T08:00:00Z', place: 'Radnice' }),
  },
  { mutation: 'updateMeeting', document: M('updateMeeting', 'UpdateMeetingInput'), input: async (body) => ({ meetingId: (await aMeetingOf(app.em(), body, MeetingStatus.PLANNED)).id, place: 'Knihovna' }) },
  { mutation: 'conveneMeeting', document: M('conveneMeeting', 'MeetingActionInput'), input: async (body) => ({ meetingId: (await aMeetingOf(app.em(), body, MeetingStatus.PLANNED)).id }) },
  { mutation: 'holdMeeting', document: M('holdMeeting', 'MeetingActionInput'), input: async (body) => ({ meetingId: (await aMeetingOf(app.em(), body, MeetingStatus.CONVENED)).id }) },
  {
    mutation: 'cancelMeeting',
    document: M('cancelMeeting', 'MeetingActionInput'),
    input: async (body) => ({ meetingId: (await aMeetingOf(app.em(), body, MeetingStatus.PLANNED)).id, reason: 'Nemoc předsedy.' }),
  },
  {
    mutation: 'moveAgendaItem',
    document: M('moveAgendaItem', 'MoveAgendaItemInput', '__typename'),
    input: async (body) => {
      const meeting = await aMeetingOf(app.em(), body, MeetingStatus.PLANNED, { items: 2 });
      return { agendaItemId: (await app.em().findOneOrFail(AgendaItem, { meeting: meeting.id, position: 2 })).id, position: 1 };
    },
  },
];

test.each(Object.values(Convener))('a body whose convener is %s: its meetings are run exactly by whom the rule names', async (rule) => {
  const em = app.em();
  const area = await anArea(em);
  const body = await aBody(em, area, BodyKind.WORKING_GROUP, { name: `Skupina ${rule}`, convener: rule, isPublic: false });
  const other = await aBody(em, area, BodyKind.WORKING_GROUP, { name: 'Jiná skupina', convener: rule, isPublic: false });
  const people = {} as Record<Who, Person>;
  for (const who of [...SEATED, ...AREA]) people[who] = await aPerson(em, area, { name: who, subject: `${who}-${area.id.slice(0, 8)}` });
  await aSeat(em, body, people.chair, { role: MembershipRole.CHAIR });
  await aSeat(em, body, people.conveningDeputy, { role: MembershipRole.DEPUTY });
  await aSeat(em, body, people.verifyingDeputy, { role: MembershipRole.MEMBER });
  await aSeat(em, body, people.secretary, { role: MembershipRole.SECRETARY });
  await aSeat(em, body, people.member, { role: MembershipRole.MEMBER });
  await aSeat(em, other, people.otherChair, { role: MembershipRole.CHAIR });
  await aDelegation(em, body, people.chair, people.conveningDeputy, DelegatedPower.CONVENE);
  await aDelegation(em, body, people.chair, people.verifyingDeputy, DelegatedPower.VERIFY_MINUTES);
  await aRole(em, people.coordinator, AreaRoleKind.COORDINATOR);
  await aRole(em, people.admin, AreaRoleKind.ADMIN);
  await aRole(em, people.support, AreaRoleKind.SUPPORT);
  await aRole(em, people.clerk, AreaRoleKind.CLERK);

  const problems: string[] = [];
  const everyone = [...SEATED, ...AREA];
  const allowed = everyone.filter((who) => CONVENERS[rule].includes(who));
  const refused = everyone.filter((who) => !allowed.includes(who));
  expect(allowed.length).toBeGreaterThan(0);
  for (const act of ACTS) {
    const targets = await Promise.all(refused.map(() => act.input(body)));
    const before = await fastFingerprint(app.em());
    const attempts = await Promise.all(refused.map((who, i) => app.gql(act.document, { input: targets[i] }, { as: people[who].subject! })));
    attempts.forEach((res, i) => {
      expectNoLeak(res);
      const data = res.data?.[act.mutation];
      if (!res.errors?.length || data) problems.push(`${act.mutation} by ${refused[i]} was not refused: ${JSON.stringify(res.data)}`);
    });
    const after = await fastFingerprint(app.em());
    const written = Object.keys(after).filter((k) => after[k] !== before[k]);
    if (written.length) problems.push(`${act.mutation}: a refused attempt wrote to ${written.join(', ')}`);
    for (const who of allowed) {
      const res = await app.gql(act.document, { input: await act.input(body) }, { as: people[who].subject! });
      if (res.errors) problems.push(`${act.mutation} by ${who} was refused: ${JSON.stringify(res.errors.map((e) => [e.extensions?.code, e.message]))}`);
    }
  }
  expect(problems).toEqual([]);
});
