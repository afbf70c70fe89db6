import { randomBytes } from 'node:crypto';
import { AreaRoleKind, BodyKind, MembershipRole, TriadSide } from '../../src/entities/enums';
import type { PlanningArea } from '../../src/entities/planning-area.entity';
import type { Person } from '../../src/entities/person.entity';
import { expectNoLeak } from '../support/api-assertions';
import { fastFingerprint } from '../support/db-fingerprint';
import { aBody, anArea, anOrganisation, aPerson, aRole, aSeat } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * An area role counts in its own area only (the policy, src/auth/policy.ts: "an area role counts in
 * the resource's area"). One login may hold a person in several areas: here the admin and
 * coordinator of one area is an ordinary member in two others. Every mutation that only the area's
 * managers may do is tried in each of the other areas — refused, nothing written — and in the home
 * area, where it is done.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const uniq = () => randomBytes(3).toString('hex');
const M = (name: string, type: string, select = 'id') => `mutation($input: ${type}!) { ${name}(input: $input) { ${select} } }`;

/** An area as the cases need it: someone to act on, a body with a seat, an organisation. */
interface Place {
  area: PlanningArea;
  someone: Person;
  steering: { id: string };
  seatId: string;
  organisationId: string;
}

async function aPlace(subject: string, roles: AreaRoleKind[]): Promise<Place> {
  const em = app.em();
  const area = await anArea(em);
  const login = await aPerson(em, area, { name: 'Jana Víceoblastní', subject });
  for (const role of roles) await aRole(em, login, role);
  const steering = await aBody(em, area, BodyKind.STEERING_GROUP, { name: 'Řídící skupina' });
  const group = await aBody(em, area, BodyKind.WORKING_GROUP, { name: 'PS Senioři', reportsTo: steering });
  // The login sits in the working group: a person of the area with a seat, never a manager.
  await aSeat(em, group, login, { role: MembershipRole.MEMBER, triadSide: TriadSide.SERVICE_USER });
  const someone = await aPerson(em, area, { name: 'Petr Člen' });
  const seat = await aSeat(em, group, someone, { triadSide: TriadSide.PROVIDER });
  const organisation = await anOrganisation(em, area);
  return { area, someone, steering, seatId: seat.id, organisationId: organisation.id };
}

/** Every mutation only the area's managers (or admins) may do, with fresh input for a place. */
const CASES: Array<{ mutation: string; document: string; input: (p: Place) => Record<string, unknown> }> = [
  { mutation: 'updateArea', document: M('updateArea', 'UpdateAreaInput'), input: (p) => ({ areaId: p.area.id, name: `Oblast ${uniq()}` }) },
  { mutation: 'addMunicipality', document: M('addMunicipality', 'AddMunicipalityInput'), input: (p) => ({ areaId: p.area.id, name: `Obec ${uniq()}`, population: 900 }) },
  { mutation: 'createOrganisation', document: M('createOrganisation', 'CreateOrganisationInput'), input: (p) => ({ areaId: p.area.id, name: `Spolek ${uniq()}` }) },
  { mutation: 'updateOrganisation', document: M('updateOrganisation', 'UpdateOrganisationInput'), input: (p) => ({ organisationId: p.organisationId, name: `Spolek ${uniq()}` }) },
  { mutation: 'createPerson', document: M('createPerson', 'CreatePersonInput'), input: (p) => ({ areaId: p.area.id, name: `Osoba ${uniq()}` }) },
  { mutation: 'updatePerson', document: M('updatePerson', 'UpdatePersonInput'), input: (p) => ({ personId: p.someone.id, organisationId: p.organisationId }) },
  { mutation: 'grantAreaRole', document: M('grantAreaRole', 'GrantAreaRoleInput'), input: (p) => ({ areaId: p.area.id, personId: p.someone.id, role: 'SUPPORT' }) },
  { mutation: 'createBody', document: M('createBody', 'CreateBodyInput'), input: (p) => ({ areaId: p.area.id, kind: 'WORKING_GROUP', name: `PS ${uniq()}` }) },
  { mutation: 'updateBody', document: M('updateBody', 'UpdateBodyInput'), input: (p) => ({ bodyId: p.steering.id, description: `Popis ${uniq()}` }) },
  { mutation: 'addMembership', document: M('addMembership', 'AddMembershipInput'), input: (p) => ({ bodyId: p.steering.id, personId: p.someone.id, role: 'MEMBER', triadSide: 'PROVIDER' }) },
  { mutation: 'endMembership', document: M('endMembership', 'EndMembershipInput'), input: (p) => ({ membershipId: p.seatId }) },
  { mutation: 'scheduleMeeting', document: M('scheduleMeeting', 'ScheduleMeetingInput'), input: (p) => ({ bodyId: p.steering.id, title: `ŘS ${uniq()}`, startsAt: '2027-05-01T08:00:00Z', place: 'Radnice' }) },
  { mutation: 'createPlan', document: M('createPlan', 'CreatePlanInput'), input: (p) => ({ areaId: p.area.id, title: `Plán ${uniq()}`, yearFrom: 2027, yearTo: 2029 }) },
];

test("an admin and coordinator of one area is no manager of the other areas the same login has a person in", async () => {
  const subject = `several-areas-${uniq()}`;
  const home = await aPlace(subject, [AreaRoleKind.ADMIN, AreaRoleKind.COORDINATOR]);
  const others = [await aPlace(subject, []), await aPlace(subject, [])];
  const as = { as: subject };
  const problems: string[] = [];
  for (const c of CASES) {
    for (const [i, other] of others.entries()) {
      const before = await fastFingerprint(app.em());
      const res = await app.gql(c.document, { input: c.input(other) }, as);
      expectNoLeak(res);
      const after = await fastFingerprint(app.em());
      const written = Object.keys(after).filter((k) => after[k] !== before[k]);
      const code = res.errors?.[0]?.extensions?.code;
      if (res.data?.[c.mutation] || (code !== 'FORBIDDEN' && code !== 'NOT_FOUND')) problems.push(`${c.mutation} in other area ${i + 1}: ${JSON.stringify(res.errors ?? res.data)}`);
      if (written.length) problems.push(`${c.mutation} in other area ${i + 1} wrote to ${written.join(', ')}`);
    }
    const done = await app.gql(c.document, { input: c.input(home) }, as);
    if (done.errors) problems.push(`${c.mutation} in the home area: ${JSON.stringify(done.errors)}`);
  }
  expect(problems).toEqual([]);
});
