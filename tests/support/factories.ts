import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AreaRole } from '../../src/entities/area-role.entity';
import { Body } from '../../src/entities/body.entity';
import { AgendaItem } from '../../src/entities/agenda-item.entity';
import { AreaKind, AreaRoleKind, BodyKind, type DelegatedPower, type MeetingStatus, MembershipRole, TriadSide } from '../../src/entities/enums';
import { Delegation } from '../../src/entities/delegation.entity';
import { Meeting } from '../../src/entities/meeting.entity';
import { GlobalAdmin } from '../../src/entities/global-admin.entity';
import { Membership } from '../../src/entities/membership.entity';
import { Municipality } from '../../src/entities/municipality.entity';
import { Organisation } from '../../src/entities/organisation.entity';
import { Person } from '../../src/entities/person.entity';
import { PlanningArea } from '../../src/entities/planning-area.entity';
import { defaultRules } from '../../src/services/body.service';
import { meetingWorkflow } from '../../src/workflows/meeting.workflow';

const unique = (): string => randomBytes(3).toString('hex');

/**
 * Factories write straight to the database (not through the API), so that a test sets up exactly
 * the world it needs and then exercises the API on it.
 */
export async function anArea(em: EntityManager, overrides: Partial<Pick<PlanningArea, 'name' | 'kind' | 'workflowKey'>> = {}): Promise<PlanningArea> {
  const area = em.create(PlanningArea, { name: `Oblast ${unique()}`, kind: AreaKind.ORP, workflowKey: 'standard', ...overrides });
  await em.flush();
  return area;
}

export async function aMunicipality(em: EntityManager, area: PlanningArea, name: string, population: number): Promise<Municipality> {
  const m = em.create(Municipality, { areaId: area.id, name, population });
  await em.flush();
  return m;
}

export async function anOrganisation(em: EntityManager, area: PlanningArea, overrides: Partial<Pick<Organisation, 'name' | 'ico'>> = {}): Promise<Organisation> {
  const organisation = em.create(Organisation, { areaId: area.id, name: `Organizace ${unique()}, z. s.`, ico: null, ...overrides });
  await em.flush();
  return organisation;
}

export async function aPerson(
  em: EntityManager,
  area: PlanningArea,
  overrides: Partial<Pick<Person, 'name' | 'email' | 'phone' | 'organisation' | 'subject'>> = {},
): Promise<Person> {
  const tag = unique();
  const person = em.create(Person, {
    areaId: area.id,
    name: `Osoba ${tag}`,
    email: `osoba.${tag}@example.cz`,
    phone: '+420 700 000 000',
    organisation: null,
    subject: `subject-${tag}`,
    ...overrides,
  });
  await em.flush();
  return person;
}

export async function aRole(em: EntityManager, person: Person, role: AreaRoleKind, overrides: Partial<Pick<AreaRole, 'validFrom' | 'validTo' | 'revokedAt'>> = {}): Promise<AreaRole> {
  const r = em.create(AreaRole, { areaId: person.areaId, person, role, validFrom: '2020-01-01', validTo: null, revokedAt: null, ...overrides });
  await em.flush();
  return r;
}

export async function aBody(
  em: EntityManager,
  area: PlanningArea,
  kind: BodyKind,
  overrides: Partial<Pick<Body, 'name' | 'isPublic' | 'reportsTo' | 'shortName' | 'materialsLeadDays' | 'convener' | 'minuteTaker'>> = {},
): Promise<Body> {
  const body = em.create(Body, { areaId: area.id, kind, name: `${kind} ${unique()}`, ...defaultRules(kind), ...overrides });
  await em.flush();
  return body;
}

export async function aSeat(
  em: EntityManager,
  body: Body,
  person: Person,
  overrides: Partial<Pick<Membership, 'role' | 'triadSide' | 'votingRight' | 'validFrom' | 'validTo' | 'organisation'>> = {},
): Promise<Membership> {
  const m = em.create(Membership, {
    areaId: body.areaId,
    body,
    person,
    role: MembershipRole.MEMBER,
    triadSide: TriadSide.PROVIDER,
    votingRight: true,
    validFrom: '2020-01-01',
    validTo: null,
    organisation: null,
    ...overrides,
  });
  await em.flush();
  return m;
}

export async function aGlobalAdmin(em: EntityManager, subject = `global-admin-${unique()}`): Promise<string> {
  em.create(GlobalAdmin, { subject });
  await em.flush();
  return subject;
}

/** An area set up as a coordinator would: every area role, a working group with all triad sides, a steering group. */
export async function anOrganisedArea(em: EntityManager) {
  const area = await anArea(em);
  const admin = await aPerson(em, area, { name: 'Alena Správcová' });
  const coordinator = await aPerson(em, area, { name: 'Karel Koordinátor' });
  const support = await aPerson(em, area, { name: 'Tereza Podpůrná' });
  const clerk = await aPerson(em, area, { name: 'Eva Úřednice' });
  await aRole(em, admin, AreaRoleKind.ADMIN);
  await aRole(em, coordinator, AreaRoleKind.COORDINATOR);
  await aRole(em, support, AreaRoleKind.SUPPORT);
  await aRole(em, clerk, AreaRoleKind.CLERK);
  const steering = await aBody(em, area, BodyKind.STEERING_GROUP, { name: 'Řídící skupina' });
  const group = await aBody(em, area, BodyKind.WORKING_GROUP, { name: 'PS Senioři', reportsTo: steering });
  const chair = await aPerson(em, area, { name: 'Jana Předsedová' });
  const member = await aPerson(em, area, { name: 'Petr Člen' });
  const steeringMember = await aPerson(em, area, { name: 'Ivan Řídící' });
  const outsider = await aPerson(em, area, { name: 'Olga Nezapojená' });
  await aSeat(em, group, chair, { role: MembershipRole.CHAIR, triadSide: TriadSide.COMMISSIONER });
  await aSeat(em, group, member, { triadSide: TriadSide.SERVICE_USER });
  await aSeat(em, steering, steeringMember, { triadSide: TriadSide.COMMISSIONER });
  return { area, admin, coordinator, support, clerk, steering, group, chair, member, steeringMember, outsider };
}

/** The coordinator of an area of their own: a signed-in viewer with power, but none in any other area. */
export async function anotherAreasCoordinator(em: EntityManager): Promise<Person> {
  const elsewhere = await anArea(em);
  const coordinator = await aPerson(em, elsewhere, { name: 'Cizí Koordinátorka' });
  await aRole(em, coordinator, AreaRoleKind.COORDINATOR);
  return coordinator;
}

/** A chair's power delegated in a body for an open term (the delegate should hold a seat there). */
export async function aDelegation(em: EntityManager, body: Body, chair: Person, delegate: Person, power: DelegatedPower): Promise<Delegation> {
  const d = em.create(Delegation, {
    areaId: body.areaId,
    bodyId: body.id,
    delegateId: delegate.id,
    forPersonId: chair.id,
    power,
    validFrom: '2020-01-01',
    validTo: null,
    revokedAt: null,
    grantedById: chair.id,
    note: null,
  });
  await em.flush();
  return d;
}

/** A meeting of a body standing in `status` (its snapshot as the machine keeps it), begun yesterday, with `items` agenda items (by `presenter`). */
export async function aMeetingOf(em: EntityManager, body: Body, status: MeetingStatus, opts: { items?: number; presenter?: Person | null } = {}): Promise<Meeting> {
  const meeting = em.create(Meeting, {
    areaId: body.areaId,
    body,
    title: `Jednání ${unique()}`,
    startsAt: new Date(Date.now() - 86_400_000),
    place: 'Radnice',
    status,
    snapshot: meetingWorkflow.snapshotAt(status),
  });
  for (let i = 1; i <= (opts.items ?? 1); i++) em.create(AgendaItem, { areaId: body.areaId, meeting, position: i, title: `Bod ${i}`, presenter: opts.presenter ?? null, late: false });
  await em.flush();
  return meeting;
}

/**
 * The meeting's start has come, as the clock would bring it: a meeting scheduled ahead (a start in
 * the past is refused) is moved to have begun an hour ago, directly, since a test cannot wait for it.
 */
export async function startHasCome(em: EntityManager, meetingId: string): Promise<void> {
  await em.getConnection().execute(`update meeting set starts_at = now() - interval '1 hour', ends_at = null where id = ?`, [meetingId]);
}

/** A moment `days` from now at `hour`:00 UTC, as ISO text: a meeting still to come whenever the test runs. */
export function daysAhead(days: number, hour = 8): string {
  const at = new Date(Date.now() + days * 86_400_000);
  at.setUTCHours(hour, 0, 0, 0);
  return at.toISOString();
}
