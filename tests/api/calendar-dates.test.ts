import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLInputType,
  type GraphQLOutputType,
  type IntrospectionQuery,
} from 'graphql';
import { MeetingStatus } from '../../src/entities/enums';
import { aMeetingOf, anOrganisedArea } from '../support/factories';
import { expectBadInput, expectRefused, leakChecked, subjectOf, who, type Api } from '../support/api-assertions';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Calendar days (YYYY-MM-DD) are `LocalDate` everywhere the API carries one, in and out: an
 * impossible day or a timestamp is refused before anything runs, with a code, and writes nothing.
 */

let app: TestApp;
let api: Api;
let a: Awaited<ReturnType<typeof anOrganisedArea>>;

beforeAll(async () => {
  app = await startTestApp();
  api = leakChecked(app);
  a = await anOrganisedArea(app.em());
});
afterAll(async () => {
  await app.close();
});

/** Names that say "a day" by their ending: baselineDate, measuredOn, validFrom, activeUntil… */
const DAY_ENDING = /(Date|On|From|Until)$/;
/** Day fields whose names do not end so; every one of them must be a LocalDate. */
const KNOWN_DAYS = ['validTo', 'providedTo', 'nextValueDue', 'materialsDeadline', 'Query.exportDecisionHistory(from)', 'Query.exportDecisionHistory(to)'];

interface Slot {
  where: string;
  name: string;
  type: GraphQLInputType | GraphQLOutputType;
}

/** Every field, argument and input field of the schema as a client introspects it. */
async function slots(): Promise<Slot[]> {
  const res = await api.gql<IntrospectionQuery>(getIntrospectionQuery());
  expect(res.errors).toBeUndefined();
  const schema = buildClientSchema(res.data!);
  const all: Slot[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        all.push({ where: `${type.name}.${field.name}`, name: field.name, type: field.type });
        for (const arg of field.args) all.push({ where: `${type.name}.${field.name}(${arg.name})`, name: arg.name, type: arg.type });
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) all.push({ where: `${type.name}.${field.name}`, name: field.name, type: field.type });
    }
  }
  return all;
}

test('no field, argument or input field named as a day is a String; the known day fields are LocalDate', async () => {
  const all = await slots();
  const named = all.filter((s) => DAY_ENDING.test(s.name));
  // Enough of them that the check means something: 37 when written (32 days, and yearFrom, statusFrom, waitingOn).
  expect(named.length).toBeGreaterThanOrEqual(37);
  expect(named.filter((s) => getNamedType(s.type).name === 'String').map((s) => `${s.where}: ${String(s.type)}`)).toEqual([]);

  const known = all.filter((s) => KNOWN_DAYS.includes(s.name) || KNOWN_DAYS.includes(s.where));
  expect(new Set(known.map((s) => (KNOWN_DAYS.includes(s.where) ? s.where : s.name)))).toEqual(new Set(KNOWN_DAYS));
  expect(known.filter((s) => getNamedType(s.type).name !== 'LocalDate').map((s) => `${s.where}: ${String(s.type)}`)).toEqual([]);
});

const UPDATE = 'mutation($input: UpdateMeetingInput!) { updateMeeting(input: $input) { id nextMeetingDate } }';
const READ = 'query($id: ID!) { meeting(id: $id) { nextMeetingDate } }';

test('a valid day goes in through a mutation and comes back the same from a query', async () => {
  const meeting = await aMeetingOf(app.em(), a.group, MeetingStatus.HELD);
  const as = who(subjectOf(a.coordinator));
  const updated = await api.gql(UPDATE, { input: { meetingId: meeting.id, nextMeetingDate: '2028-02-29' } }, as);
  expect(updated).toMatchObject({ data: { updateMeeting: { id: meeting.id, nextMeetingDate: '2028-02-29' } } });
  expect(updated.errors).toBeUndefined();
  expect((await api.gql(READ, { id: meeting.id }, as)).data).toEqual({ meeting: { nextMeetingDate: '2028-02-29' } });
  const row = await app.em().getConnection().execute<Array<{ day: string }>>("select to_char(next_meeting_date, 'YYYY-MM-DD') as day from meeting where id = ?", [meeting.id]);
  expect(row).toEqual([{ day: '2028-02-29' }]);
});

describe('a day that is no day is refused before anything runs, and nothing is written', () => {
  const refusedDays = [
    ['a day the calendar has not (30 February)', '2026-02-30'],
    ['29 February of a common year', '2027-02-29'],
    ['a timestamp', '2026-03-01T10:00:00Z'],
    ['a Czech-written day', '1.3.2026'],
  ] as const;

  test.each(refusedDays)('%s in a variable: BAD_USER_INPUT naming the field, in Czech and English', async (_what, day) => {
    const meeting = await aMeetingOf(app.em(), a.group, MeetingStatus.HELD);
    const res = await expectBadInput(app, UPDATE, { input: { meetingId: meeting.id, nextMeetingDate: day } }, who(subjectOf(a.coordinator)), ['nextMeetingDate']);
    expect(res.status).toBe(400);
    expect(res.errors![0].message).toMatch(/^Neplatný vstup: nextMeetingDate: neplatná hodnota \(.*LocalDate/);
    expect(res.errors![0].extensions!.fields).toEqual([{ field: 'nextMeetingDate', message: expect.stringContaining(day) as unknown }]);
  });

  test.each(refusedDays)('%s written into the operation: GRAPHQL_VALIDATION_FAILED', async (_what, day) => {
    const meeting = await aMeetingOf(app.em(), a.group, MeetingStatus.HELD);
    const inline = `mutation { updateMeeting(input: { meetingId: "${meeting.id}", nextMeetingDate: "${day}" }) { id } }`;
    const res = await expectRefused(app, inline, {}, who(subjectOf(a.coordinator)), 'GRAPHQL_VALIDATION_FAILED');
    expect(res.status).toBe(400);
    expect(res.errors![0].message).toContain('LocalDate');
  });

  test('an argument that is itself a day: BAD_USER_INPUT naming the argument', async () => {
    const query = 'query($areaId: ID!, $from: LocalDate!, $to: LocalDate!) { exportDecisionHistory(areaId: $areaId, from: $from, to: $to) { fileName } }';
    await expectBadInput(app, query, { areaId: a.area.id, from: '2026-02-30', to: '2026-03-31' }, who(subjectOf(a.coordinator)), ['from']);
    await expectBadInput(app, query, { areaId: a.area.id, from: '2026-01-01', to: '2026-03-31T23:59:59Z' }, who(subjectOf(a.coordinator)), ['to']);
  });

  test('another input: a day of April that does not exist, named by its field', async () => {
    const query = 'mutation($input: GrantAreaRoleInput!) { grantAreaRole(input: $input) { id } }';
    const res = await expectBadInput(app, query, { input: { areaId: a.area.id, personId: a.outsider.id, role: 'CLERK', validTo: '2026-04-31' } }, who(subjectOf(a.coordinator)), ['validTo']);
    expect(res.errors![0].extensions!.fields).toEqual([{ field: 'validTo', message: expect.stringContaining('2026-04-31') as unknown }]);
  });
});
