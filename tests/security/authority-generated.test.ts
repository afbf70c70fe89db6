import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { getNamedType, isInputObjectType, isNonNullType, type GraphQLSchema } from 'graphql';
import { OPERATION_ACTIONS, POLICY, type Action } from '../../src/auth/policy';
import { AgendaItem } from '../../src/entities/agenda-item.entity';
import { AreaRoleKind, MeetingStatus, MembershipRole, TriadSide } from '../../src/entities/enums';
import { type Meeting } from '../../src/entities/meeting.entity';
import { Minutes } from '../../src/entities/minutes.entity';
import { Person } from '../../src/entities/person.entity';
import { buildTriadaSchema } from '../../src/schema/build-schema';
import { expectNoLeak } from '../support/api-assertions';
import { fastFingerprint } from '../support/db-fingerprint';
import { aMeetingOf, aPerson, aRole, aSeat } from '../support/factories';
import {
  anAuthorityWorld,
  expectedAllowed,
  KINDS,
  PROFILES,
  refusalProblem,
  type AuthorityWorld,
  type BodyKey,
  type Kind,
  type Target,
} from '../support/authority-world';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Generated from the policy table and the schema: every mutation is tried by every kind of viewer
 * (anonymous; a stranger with a valid token; an erased person; another area's coordinator; a global
 * admin; a working-group member on each triad side, its guest, secretary, chair and a deputy acting
 * for the chair; the chairs up the pipeline; the coordinator, support, clerk and admin). Each is
 * allowed exactly when the policy's rows say so (read off src/auth/policy.ts by the interpreter in
 * tests/support/authority-world.ts, never off the services), and when refused nothing is written
 * (every table compared). A mutation without a case here, or without a policy row, fails the test.
 */

let app: TestApp;
let w: AuthorityWorld;
let schema: GraphQLSchema;
const A: Target = { area: 'A' };
const uniq = () => randomBytes(4).toString('hex');
/** A day gone by, another on every call: an indicator takes one value per day, never for a day to come. */
let pastDays = 0;
const aPastDay = () => new Date(Date.UTC(2020, 0, 1) + pastDays++ * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  app = await startTestApp();
  w = await anAuthorityWorld(app.em());
  schema = await buildTriadaSchema();
});
afterAll(async () => {
  await app.close();
});

const as = (kind: Kind) => (w.subjects[kind] ? { as: w.subjects[kind] } : {});
const personOf = (kind: Kind): Person | undefined => w.people[kind];

/** Runs a mutation as a privileged actor to set a target up; it must succeed. */
async function setup<T = Record<string, unknown>>(kind: Kind, document: string, input: Record<string, unknown>): Promise<T> {
  const res = await app.gql<T>(document, { input }, as(kind));
  if (res.errors) throw new Error(`setup ${document.slice(0, 60)} as ${kind}: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

/** A person of the area seated in the public working group (everyone sees them), with no login. */
async function aPlainMember(extra?: (p: Person) => Promise<unknown>): Promise<Person> {
  const p = await aPerson(app.em(), { id: w.areaId } as never, { name: `Člen ${uniq()}`, subject: null });
  await aSeat(app.em(), w.bodies.wg, p, { role: MembershipRole.MEMBER, triadSide: TriadSide.PUBLIC });
  await extra?.(p);
  return p;
}

/** A meeting of a body in a given status, straight in the database (its snapshot as the machine keeps it). */
async function aMeeting(key: BodyKey, status: MeetingStatus, opts: { items?: number; presenter?: Kind; minutesBy?: Kind; verifiedBy?: Kind } = {}): Promise<Meeting> {
  const em = app.em();
  const meeting = await aMeetingOf(em, w.bodies[key], status, { items: opts.items, presenter: opts.presenter ? personOf(opts.presenter)! : null });
  if (opts.minutesBy) {
    em.create(Minutes, {
      areaId: w.areaId,
      meeting,
      version: 1,
      text: 'Zápis',
      draftedBy: personOf(opts.minutesBy)!,
      draftedAt: new Date(),
      verifiedBy: opts.verifiedBy ? personOf(opts.verifiedBy)! : null,
      verifiedAt: opts.verifiedBy ? new Date() : null,
    });
  }
  await em.flush();
  return meeting;
}

interface Case {
  mutation: string;
  document: string;
  /** The actions the mutation performs, in the order the service asks them (a hidden read first). */
  actions: Action[];
  /** The target as the policy sees it; per kind when it is the viewer's own record. */
  target: Target | ((kind: Kind) => Target);
  /** Fresh variables for one attempt (a target of its own when `perKind` or for every allowed attempt). */
  prepare: (kind: Kind) => Promise<Record<string, unknown>> | Record<string, unknown>;
}

const input = (i: Record<string, unknown>) => ({ input: i });
const M = (name: string, type: string, select = 'id') => `mutation($input: ${type}!) { ${name}(input: $input) { ${select} } }`;

const WG_READ: Target = { area: 'A', bodies: { body: ['wg'] }, flags: { public: true } };
const seatsOf = (kind: Kind): BodyKey[] => Object.keys(PROFILES[kind].seats ?? {}) as BodyKey[];
/** The viewer's own person record as a target (someone else's for kinds with none here). */
const ownPerson = (kind: Kind): Target => {
  const owner: Kind = personOf(kind) ? kind : 'commissioner';
  return { area: 'A', people: { self: [owner] }, bodies: { seatBodies: seatsOf(owner) }, flags: { seatedInPublicBody: seatsOf(owner).includes('wg') } };
};
const MEMBER_TARGET: Target = { area: 'A', people: { self: [] }, bodies: { seatBodies: ['wg'] }, flags: { seatedInPublicBody: true } };

// Shared pieces of the plan the plan cases act on, made once.
let plan: { planId: string; priorityId: string; goalId: string; measureId: string; indicatorId: string; riskId: string; actionPlanId: string; intentId: string; hearingId: string; organisationId: string };
async function planPieces() {
  if (plan) return plan;
  const created = await setup<{ createPlan: { id: string } }>('coordinator', M('createPlan', 'CreatePlanInput'), { areaId: w.areaId, title: 'Plán 2027–2029', yearFrom: 2027, yearTo: 2029 });
  const planId = created.createPlan.id;
  // Each returns the parent, listing its parts in order: the new one last.
  const part = async (name: string, list: string, parentId: string) =>
    (await setup<Record<string, Record<string, Array<{ id: string }>>>>('coordinator', M(name, 'AddPlanPartInput', `${list} { id }`), { parentId, title: `${name} ${uniq()}` }))[name][list].at(-1)!.id;
  const priorityId = await part('addPriority', 'priorities', planId);
  const goalId = await part('addGoal', 'goals', priorityId);
  const measureId = await part('addMeasure', 'measures', goalId);
  const indicator = await setup<{ addIndicator: { indicators: Array<{ id: string }> } }>('coordinator', M('addIndicator', 'AddIndicatorInput', 'indicators { id }'), {
    measureId, name: 'Počet obcí', unit: 'obcí', baselineValue: 1, baselineDate: '2026-01-01', targetValue: 5, targetDate: '2029-12-31', direction: 'UP',
    guarantorPersonIds: [personOf('provider')!.id],
  });
  await setup('coordinator', M('assignGoalGuarantor', 'AssignGoalGuarantorInput'), { goalId, personId: personOf('commissioner')!.id });
  const risk = await setup<{ addRisk: { risks: Array<{ id: string }> } }>('coordinator', M('addRisk', 'AddRiskInput', 'risks { id }'), { planId, description: 'Riziko', riskArea: 'FINANCIAL', probability: 2, impact: 3 });
  const actionPlan = await setup<{ createActionPlan: { id: string } }>('coordinator', M('createActionPlan', 'CreateActionPlanInput'), { planId, year: 2027 });
  const intent = await setup<{ addProjectIntent: { id: string } }>('coordinator', M('addProjectIntent', 'AddProjectIntentInput'), {
    actionPlanId: actionPlan.createActionPlan.id, measureId, title: 'Záměr', responsibleOrganisation: 'Město', budgetCzk: 1000, startsOn: '2027-01-01', endsOn: '2027-12-31',
  });
  const hearing = await setup<{ openPublicHearing: { id: string } }>('coordinator', M('openPublicHearing', 'OpenPublicHearingInput'), { planId, closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
  const organisation = await setup<{ createOrganisation: { id: string } }>('coordinator', M('createOrganisation', 'CreateOrganisationInput'), { areaId: w.areaId, name: 'Diakonie ČCE' });
  plan = {
    planId, priorityId, goalId, measureId, indicatorId: indicator.addIndicator.indicators[0].id, riskId: risk.addRisk.risks[0].id, actionPlanId: actionPlan.createActionPlan.id,
    intentId: intent.addProjectIntent.id, hearingId: hearing.openPublicHearing.id, organisationId: organisation.createOrganisation.id,
  };
  return plan;
}
const PLAN_EDIT: Action[] = ['plan.read', 'plan.edit'];
/** A new person guarantor of a goal or an indicator, named by the coordinator: the goal or indicator returned lists it. */
async function aGuarantor(mutation: 'assignGoalGuarantor' | 'assignIndicatorGuarantor', type: string, of: Record<string, unknown>): Promise<string> {
  const personId = (await aPlainMember()).id;
  const parent = await setup<Record<string, { guarantors: Array<{ id: string; person: { id: string } | null }> }>>('coordinator', M(mutation, type, 'guarantors { id person { id } }'), { ...of, personId });
  return parent[mutation].guarantors.find((g) => g.person?.id === personId)!.id;
}
const planCase = (mutation: string, type: string, vars: () => Promise<Record<string, unknown>>): Case => ({ mutation, document: M(mutation, type, '__typename'), actions: PLAN_EDIT, target: A, prepare: async () => input(await vars()) });

async function aDraft(): Promise<{ id: string }> {
  return (await setup<{ createProposal: { id: string } }>('serviceUser', M('createProposal', 'CreateProposalInput'), { workingGroupBodyId: w.bodies.wg.id, kind: 'MEASURE', title: `Návrh ${uniq()}`, summary: 'Shrnutí' })).createProposal;
}
const DRAFT_TARGET: Target = {
  area: 'A',
  people: { author: ['serviceUser'] },
  bodies: { workingGroup: ['wg'], currentBody: [], handledBodies: [], chain: ['wg', 'steering', 'commission', 'council', 'assembly'] },
  flags: { draft: true },
};
const feedOwner = (kind: Kind): Kind => (personOf(kind) ? kind : 'commissioner');
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n').toString('base64');

const CASES: Case[] = [
  // ── Areas ──
  { mutation: 'createArea', document: M('createArea', 'CreateAreaInput'), actions: ['area.create'], target: { area: null }, prepare: () => input({ name: `Oblast ${uniq()}`, kind: 'TOWN' }) },
  { mutation: 'updateArea', document: M('updateArea', 'UpdateAreaInput'), actions: ['area.update'], target: A, prepare: () => input({ areaId: w.areaId, name: `ORP ${uniq()}` }) },
  { mutation: 'addMunicipality', document: M('addMunicipality', 'AddMunicipalityInput'), actions: ['area.addMunicipality'], target: A, prepare: () => input({ areaId: w.areaId, name: `Obec ${uniq()}`, population: 120 }) },
  { mutation: 'createOrganisation', document: M('createOrganisation', 'CreateOrganisationInput'), actions: ['organisation.create'], target: A, prepare: () => input({ areaId: w.areaId, name: `Spolek ${uniq()}` }) },
  {
    mutation: 'updateOrganisation', document: M('updateOrganisation', 'UpdateOrganisationInput'), actions: ['organisation.update'], target: A,
    prepare: async () => input({ organisationId: (await setup<{ createOrganisation: { id: string } }>('coordinator', M('createOrganisation', 'CreateOrganisationInput'), { areaId: w.areaId, name: `Spolek ${uniq()}` })).createOrganisation.id, name: `Přejmenováno ${uniq()}` }),
  },
  // ── People ──
  { mutation: 'createPerson', document: M('createPerson', 'CreatePersonInput'), actions: ['person.create'], target: A, prepare: () => input({ areaId: w.areaId, name: `Osoba ${uniq()}` }) },
  { mutation: 'createPerson', document: M('createPerson', 'CreatePersonInput'), actions: ['person.create', 'person.changeSubject'], target: A, prepare: () => input({ areaId: w.areaId, name: `Osoba ${uniq()}`, subject: `login-${uniq()}` }) },
  { mutation: 'updatePerson', document: M('updatePerson', 'UpdatePersonInput'), actions: ['person.read', 'person.update'], target: MEMBER_TARGET, prepare: async () => input({ personId: (await aPlainMember()).id, phone: '+420 600 000 001' }) },
  { mutation: 'updatePerson', document: M('updatePerson', 'UpdatePersonInput'), actions: ['person.read', 'person.update'], target: ownPerson, prepare: (kind) => input({ personId: personOf(feedOwner(kind))!.id, phone: '+420 600 000 002' }) },
  { mutation: 'updatePerson', document: M('updatePerson', 'UpdatePersonInput'), actions: ['person.read', 'person.update', 'person.changeSubject'], target: MEMBER_TARGET, prepare: async () => input({ personId: (await aPlainMember()).id, subject: `login-${uniq()}` }) },
  {
    mutation: 'updatePerson', document: M('updatePerson', 'UpdatePersonInput'), actions: ['person.read', 'person.update', 'person.changeSubject'],
    target: { ...MEMBER_TARGET, flags: { seatedInPublicBody: true, targetIsAdmin: true } },
    prepare: async () => input({ personId: (await aPlainMember((p) => aRole(app.em(), p, AreaRoleKind.ADMIN))).id, subject: `login-${uniq()}` }),
  },
  {
    mutation: 'updatePerson', document: M('updatePerson', 'UpdatePersonInput'), actions: ['person.read', 'person.update', 'person.changeOrganisation'], target: MEMBER_TARGET,
    prepare: async () => input({ personId: (await aPlainMember()).id, organisationId: (await planPieces()).organisationId }),
  },
  { mutation: 'erasePerson', document: M('erasePerson', 'ErasePersonInput'), actions: ['person.erase'], target: MEMBER_TARGET, prepare: async () => input({ personId: (await aPlainMember()).id }) },
  // ── Roles: granting power is an action of its own, never for oneself ──
  { mutation: 'grantAreaRole', document: M('grantAreaRole', 'GrantAreaRoleInput'), actions: ['role.grant'], target: { area: 'A', people: { self: [] } }, prepare: async () => input({ areaId: w.areaId, personId: (await aPlainMember()).id, role: 'SUPPORT' }) },
  {
    mutation: 'grantAreaRole', document: M('grantAreaRole', 'GrantAreaRoleInput'), actions: ['role.grant'], target: (kind) => ({ area: 'A', people: { self: [feedOwner(kind)] } }),
    prepare: (kind) => input({ areaId: w.areaId, personId: personOf(feedOwner(kind))!.id, role: 'CLERK', validFrom: '2099-01-01', validTo: '2099-01-02' }),
  },
  { mutation: 'grantAreaRole', document: M('grantAreaRole', 'GrantAreaRoleInput'), actions: ['role.grantAdmin'], target: { area: 'A', people: { self: [] } }, prepare: async () => input({ areaId: w.areaId, personId: (await aPlainMember()).id, role: 'ADMIN' }) },
  {
    mutation: 'revokeAreaRole', document: M('revokeAreaRole', 'RevokeAreaRoleInput'), actions: ['role.revoke'], target: { area: 'A', people: { self: [] } },
    prepare: async () => input({ areaId: w.areaId, personId: (await aPlainMember((p) => aRole(app.em(), p, AreaRoleKind.SUPPORT))).id, role: 'SUPPORT' }),
  },
  {
    mutation: 'revokeAreaRole', document: M('revokeAreaRole', 'RevokeAreaRoleInput'), actions: ['role.revokeAdmin'], target: { area: 'A', people: { self: [] } },
    prepare: async () => input({ areaId: w.areaId, personId: (await aPlainMember((p) => aRole(app.em(), p, AreaRoleKind.ADMIN))).id, role: 'ADMIN' }),
  },
  // ── Bodies, seats, delegations ──
  { mutation: 'createBody', document: M('createBody', 'CreateBodyInput'), actions: ['body.create'], target: A, prepare: () => input({ areaId: w.areaId, kind: 'WORKING_GROUP', name: `PS ${uniq()}`, reportsToBodyId: w.bodies.steering.id }) },
  { mutation: 'updateBody', document: M('updateBody', 'UpdateBodyInput'), actions: ['body.read', 'body.update'], target: WG_READ, prepare: () => input({ bodyId: w.bodies.wg.id, description: `Popis ${uniq()}` }) },
  {
    mutation: 'addMembership', document: M('addMembership', 'AddMembershipInput'), actions: ['body.read', 'membership.add'], target: { area: 'A', people: { self: [] }, bodies: { body: ['wg'] }, flags: { public: true } },
    prepare: async () => input({ bodyId: w.bodies.wg.id, personId: (await aPerson(app.em(), { id: w.areaId } as never, { subject: null })).id, role: 'MEMBER', triadSide: 'PUBLIC' }),
  },
  {
    mutation: 'addMembership', document: M('addMembership', 'AddMembershipInput'), actions: ['body.read', 'membership.add'],
    target: (kind) => ({ area: 'A', people: { self: [feedOwner(kind)] }, bodies: { body: ['steering'] }, flags: { public: false } }),
    prepare: (kind) => input({ bodyId: w.bodies.steering.id, personId: personOf(feedOwner(kind))!.id, role: 'SECRETARY', triadSide: 'PUBLIC', validFrom: '2099-01-01', validTo: '2099-01-02' }),
  },
  {
    mutation: 'endMembership', document: M('endMembership', 'EndMembershipInput'), actions: ['body.read', 'membership.end'], target: WG_READ,
    prepare: async () => {
      const p = await aPerson(app.em(), { id: w.areaId } as never, { subject: null });
      return input({ membershipId: (await aSeat(app.em(), w.bodies.wg, p, { validFrom: '2020-01-01' })).id });
    },
  },
  {
    mutation: 'grantDelegation', document: M('grantDelegation', 'GrantDelegationInput'), actions: ['body.read', 'delegation.grant'], target: { area: 'A', bodies: { body: ['wg'] }, people: { delegate: [] }, flags: { public: true } },
    prepare: async () => input({ bodyId: w.bodies.wg.id, delegatePersonId: (await aPlainMember()).id, power: 'CONVENE' }),
  },
  {
    mutation: 'revokeDelegation', document: M('revokeDelegation', 'RevokeDelegationInput'), actions: ['body.read', 'delegation.revoke'], target: { area: 'A', bodies: { body: ['wg'] }, people: { delegate: [] }, flags: { public: true } },
    prepare: async () => {
      const delegate = await aPlainMember();
      const granted = await setup<{ grantDelegation: { id: string } }>('chair', M('grantDelegation', 'GrantDelegationInput'), { bodyId: w.bodies.wg.id, delegatePersonId: delegate.id, power: 'VERIFY_MINUTES' });
      return input({ delegationId: granted.grantDelegation.id });
    },
  },
  // ── Proposals (transitions: tests/security/workflow-authority-generated.test.ts, event by event) ──
  { mutation: 'createProposal', document: M('createProposal', 'CreateProposalInput'), actions: ['proposal.create'], target: { area: 'A', bodies: { workingGroup: ['wg'] } }, prepare: () => input({ workingGroupBodyId: w.bodies.wg.id, kind: 'MEASURE', title: `Návrh ${uniq()}`, summary: 'Shrnutí' }) },
  { mutation: 'updateProposal', document: M('updateProposal', 'UpdateProposalInput'), actions: ['proposal.read', 'proposal.update'], target: DRAFT_TARGET, prepare: async () => input({ proposalId: (await aDraft()).id, expectedVersion: 1, title: `Upraveno ${uniq()}` }) },
  {
    mutation: 'updateProposal', document: M('updateProposal', 'UpdateProposalInput'), actions: ['proposal.read', 'proposal.update', 'proposal.changeConcernedOrganisation'], target: DRAFT_TARGET,
    prepare: async () => input({ proposalId: (await aDraft()).id, expectedVersion: 1, concernedOrganisationId: (await planPieces()).organisationId }),
  },
  {
    mutation: 'attachMaterial', document: M('attachMaterial', 'AttachMaterialInput'), actions: ['proposal.read', 'proposal.attachMaterial'], target: DRAFT_TARGET,
    prepare: async () => input({ proposalId: (await aDraft()).id, name: 'podklad.pdf', mediaType: 'application/pdf', contentBase64: PDF }),
  },
  // ── Meetings and minutes ──
  { mutation: 'scheduleMeeting', document: M('scheduleMeeting', 'ScheduleMeetingInput'), actions: ['meeting.read', 'meeting.schedule'], target: WG_READ, prepare: () => input({ bodyId: w.bodies.wg.id, title: `PS ${uniq()}`, startsAt: '2027-05-01T08:00:00Z', place: 'Radnice' }) },
  {
    mutation: 'scheduleMeeting', document: M('scheduleMeeting', 'ScheduleMeetingInput'), actions: ['meeting.read', 'meeting.schedule'], target: { area: 'A', bodies: { body: ['steering'] }, flags: { public: false } },
    prepare: () => input({ bodyId: w.bodies.steering.id, title: `ŘS ${uniq()}`, startsAt: '2027-05-01T08:00:00Z', place: 'Radnice' }),
  },
  {
    mutation: 'scheduleMeeting', document: M('scheduleMeeting', 'ScheduleMeetingInput'), actions: ['meeting.read', 'meeting.schedule'], target: { area: 'A', bodies: { body: ['commission'] }, flags: { public: false } },
    prepare: () => input({ bodyId: w.bodies.commission.id, title: `SK ${uniq()}`, startsAt: '2027-05-01T08:00:00Z', place: 'Radnice' }),
  },
  { mutation: 'updateMeeting', document: M('updateMeeting', 'UpdateMeetingInput'), actions: ['meeting.read', 'meeting.update'], target: WG_READ, prepare: async () => input({ meetingId: (await aMeeting('wg', MeetingStatus.PLANNED)).id, place: 'Knihovna' }) },
  { mutation: 'conveneMeeting', document: M('conveneMeeting', 'MeetingActionInput'), actions: ['meeting.read', 'meeting.convene'], target: WG_READ, prepare: async () => input({ meetingId: (await aMeeting('wg', MeetingStatus.PLANNED)).id }) },
  { mutation: 'holdMeeting', document: M('holdMeeting', 'MeetingActionInput'), actions: ['meeting.read', 'meeting.hold'], target: WG_READ, prepare: async () => input({ meetingId: (await aMeeting('wg', MeetingStatus.CONVENED)).id }) },
  { mutation: 'cancelMeeting', document: M('cancelMeeting', 'MeetingActionInput'), actions: ['meeting.read', 'meeting.cancel'], target: WG_READ, prepare: async () => input({ meetingId: (await aMeeting('wg', MeetingStatus.PLANNED)).id, reason: 'Nemoc' }) },
  { mutation: 'addAgendaItem', document: M('addAgendaItem', 'AddAgendaItemInput'), actions: ['meeting.read', 'meeting.addAgendaItem'], target: WG_READ, prepare: async () => input({ meetingId: (await aMeeting('wg', MeetingStatus.PLANNED)).id, title: 'Různé' }) },
  {
    mutation: 'addAgendaItem', document: M('addAgendaItem', 'AddAgendaItemInput'), actions: ['meeting.read', 'meeting.addAgendaItem', 'meeting.acceptLateItem'], target: WG_READ,
    prepare: async () => {
      // Materials submitted today for a meeting that started yesterday: only the chair accepts them as urgent.
      const draft = await aDraft();
      await setup('serviceUser', M('transitionProposal', 'TransitionProposalInput', 'state'), { proposalId: draft.id, event: 'SUBMIT', expectedVersion: 1 });
      return input({ meetingId: (await aMeeting('wg', MeetingStatus.PLANNED)).id, title: 'Naléhavý návrh', proposalId: draft.id, urgencyReason: 'Lhůta dotace končí.' });
    },
  },
  {
    mutation: 'moveAgendaItem', document: M('moveAgendaItem', 'MoveAgendaItemInput', '__typename'), actions: ['meeting.read', 'meeting.moveAgendaItem'], target: WG_READ,
    prepare: async () => {
      const m = await aMeeting('wg', MeetingStatus.PLANNED, { items: 2 });
      const item = await app.em().findOneOrFail(AgendaItem, { meeting: m.id, position: 2 });
      return input({ agendaItemId: item.id, position: 1 });
    },
  },
  {
    mutation: 'recordAttendance', document: M('recordAttendance', 'RecordAttendanceInput'), actions: ['meeting.read', 'meeting.recordAttendance'], target: WG_READ,
    prepare: async () => input({ meetingId: (await aMeeting('wg', MeetingStatus.CONVENED)).id, entries: [{ personId: personOf('commissioner')!.id, status: 'PRESENT' }] }),
  },
  {
    mutation: 'recordResolution', document: M('recordResolution', 'RecordResolutionInput'), actions: ['meeting.read', 'meeting.recordResolution'], target: WG_READ,
    prepare: async () => input({ meetingId: (await aMeeting('wg', MeetingStatus.HELD)).id, number: `PS/${uniq()}`, text: 'Bere na vědomí.', votesFor: 0, votesAgainst: 0, votesAbstain: 0 }),
  },
  { mutation: 'draftMinutes', document: M('draftMinutes', 'DraftMinutesInput', 'status'), actions: ['meeting.read', 'minutes.draft'], target: WG_READ, prepare: async () => input({ meetingId: (await aMeeting('wg', MeetingStatus.HELD)).id, text: 'Zápis z jednání' }) },
  { mutation: 'verifyMinutes', document: M('verifyMinutes', 'MinutesActionInput', 'status'), actions: ['meeting.read', 'minutes.verify'], target: WG_READ, prepare: async () => input({ meetingId: (await aMeeting('wg', MeetingStatus.MINUTES_DRAFTED, { minutesBy: 'coordinator' })).id }) },
  {
    mutation: 'distributeMinutes', document: M('distributeMinutes', 'MinutesActionInput', 'status'), actions: ['meeting.read', 'minutes.distribute'], target: WG_READ,
    prepare: async () => input({ meetingId: (await aMeeting('wg', MeetingStatus.MINUTES_VERIFIED, { minutesBy: 'coordinator', verifiedBy: 'chair' })).id }),
  },
  {
    mutation: 'attachMaterial', document: M('attachMaterial', 'AttachMaterialInput'), actions: ['meeting.read', 'meeting.attachMaterial'], target: { ...WG_READ, people: { presenter: ['publicMember'] } },
    prepare: async () => {
      const m = await aMeeting('wg', MeetingStatus.PLANNED, { presenter: 'publicMember' });
      const item = await app.em().findOneOrFail(AgendaItem, { meeting: m.id });
      return input({ agendaItemId: item.id, name: 'podklad.pdf', mediaType: 'application/pdf', contentBase64: PDF });
    },
  },
  // ── Notifications and calendar feeds: one's own ──
  {
    mutation: 'markNotificationRead', document: M('markNotificationRead', 'MarkNotificationReadInput'), actions: ['notification.markRead'], target: { area: 'A', people: { recipient: ['publicMember'] } },
    prepare: async () => {
      const conn = app.em().getConnection();
      const [outbox] = await conn.execute<Array<{ id: string }>>(`insert into outbox (area_id, kind, payload, dispatched_at) values (?, 'TEST', '{}', now()) returning id`, [w.areaId]);
      const [n] = await conn.execute<Array<{ id: string }>>(
        `insert into notification (area_id, id, person_id, kind, title_cs, title_en, outbox_id) values (?, gen_random_uuid(), ?, 'TEST', 'Zpráva', 'Notice', ?) returning id`,
        [w.areaId, personOf('publicMember')!.id, outbox.id],
      );
      return input({ notificationId: n.id });
    },
  },
  // Every unread notice of one's own: whoever is signed in (a viewer with no person record marks none).
  { mutation: 'markAllNotificationsRead', document: 'mutation { markAllNotificationsRead }', actions: ['notification.markAllRead'], target: { area: null }, prepare: () => ({}) },
  { mutation: 'issueCalendarFeed', document: M('issueCalendarFeed', 'IssueCalendarFeedInput', '__typename'), actions: ['calendarFeed.issue'], target: (kind) => ({ area: 'A', people: { self: [feedOwner(kind)] } }), prepare: (kind) => input({ personId: personOf(feedOwner(kind))!.id, label: `Telefon ${uniq()}` }) },
  {
    mutation: 'revokeCalendarFeed', document: M('revokeCalendarFeed', 'RevokeCalendarFeedInput'), actions: ['calendarFeed.revoke'], target: { area: 'A', people: { self: ['publicMember'] } },
    prepare: async () => input({ calendarFeedId: (await setup<{ issueCalendarFeed: { feed: { id: string } } }>('publicMember', M('issueCalendarFeed', 'IssueCalendarFeedInput', 'feed { id }'), { personId: personOf('publicMember')!.id, label: `Tablet ${uniq()}` })).issueCalendarFeed.feed.id }),
  },
  // ── Plans ──
  { mutation: 'createPlan', document: M('createPlan', 'CreatePlanInput'), actions: ['plan.create'], target: A, prepare: () => input({ areaId: w.areaId, title: `Plán ${uniq()}`, yearFrom: 2030, yearTo: 2032 }) },
  planCase('addPriority', 'AddPlanPartInput', async () => ({ parentId: (await planPieces()).planId, title: `Priorita ${uniq()}` })),
  planCase('addGoal', 'AddPlanPartInput', async () => ({ parentId: (await planPieces()).priorityId, title: `Cíl ${uniq()}` })),
  planCase('addMeasure', 'AddPlanPartInput', async () => ({ parentId: (await planPieces()).goalId, title: `Opatření ${uniq()}` })),
  planCase('addIndicator', 'AddIndicatorInput', async () => ({ measureId: (await planPieces()).measureId, name: `Indikátor ${uniq()}`, unit: 'osob', baselineValue: 0, baselineDate: '2026-01-01', targetValue: 10, targetDate: '2029-12-31', direction: 'UP' })),
  { ...planCase('assignGoalGuarantor', 'AssignGoalGuarantorInput', async () => ({ goalId: (await planPieces()).goalId, personId: (await aPlainMember()).id })), actions: ['plan.read', 'plan.edit', 'plan.nameGuarantor'] },
  {
    // Naming oneself a guarantor: never.
    ...planCase('assignGoalGuarantor', 'AssignGoalGuarantorInput', () => Promise.resolve({})),
    actions: ['plan.read', 'plan.edit', 'plan.nameGuarantor'],
    target: (kind: Kind) => ({ area: 'A', people: { guarantor: [feedOwner(kind)] } }),
    prepare: async (kind: Kind) => input({ goalId: (await planPieces()).goalId, personId: personOf(feedOwner(kind))!.id }),
  },
  planCase('removeGoalGuarantor', 'RemoveGuarantorInput', async () => ({ guarantorId: await aGuarantor('assignGoalGuarantor', 'AssignGoalGuarantorInput', { goalId: (await planPieces()).goalId }) })),
  { ...planCase('assignIndicatorGuarantor', 'AssignIndicatorGuarantorInput', async () => ({ indicatorId: (await planPieces()).indicatorId, personId: (await aPlainMember()).id })), actions: ['plan.read', 'plan.edit', 'plan.nameGuarantor'] },
  planCase('removeIndicatorGuarantor', 'RemoveGuarantorInput', async () => ({ guarantorId: await aGuarantor('assignIndicatorGuarantor', 'AssignIndicatorGuarantorInput', { indicatorId: (await planPieces()).indicatorId }) })),
  {
    mutation: 'recordIndicatorValue', document: M('recordIndicatorValue', 'RecordIndicatorValueInput', '__typename'), actions: ['plan.read', 'plan.recordIndicatorValue'], target: { area: 'A', people: { guarantor: ['provider'] } },
    prepare: async () => input({ indicatorId: (await planPieces()).indicatorId, value: 2, measuredOn: aPastDay() }),
  },
  {
    mutation: 'correctIndicatorValue', document: M('correctIndicatorValue', 'CorrectIndicatorValueInput', '__typename'), actions: ['plan.read', 'plan.recordIndicatorValue'], target: { area: 'A', people: { guarantor: ['provider'] } },
    prepare: async () => {
      const measuredOn = aPastDay();
      const recorded = await setup<{ recordIndicatorValue: { values: Array<{ id: string; measuredOn: string }> } }>('coordinator', M('recordIndicatorValue', 'RecordIndicatorValueInput', 'values { id measuredOn }'), {
        indicatorId: (await planPieces()).indicatorId, value: 2, measuredOn,
      });
      return input({ indicatorValueId: recorded.recordIndicatorValue.values.find((v) => v.measuredOn === measuredOn)!.id, value: 3, reason: 'Překlep při přepisu.' });
    },
  },
  {
    mutation: 'updateGoalStatus', document: M('updateGoalStatus', 'UpdateGoalStatusInput'), actions: ['plan.read', 'plan.updateGoalStatus'], target: { area: 'A', people: { guarantor: ['commissioner'] } },
    prepare: async () => input({ goalId: (await planPieces()).goalId, status: 'IN_PROGRESS' }),
  },
  planCase('addRisk', 'AddRiskInput', async () => ({ planId: (await planPieces()).planId, description: `Riziko ${uniq()}`, riskArea: 'LEGAL', probability: 1, impact: 1 })),
  planCase('updateRisk', 'UpdateRiskInput', async () => ({ riskId: (await planPieces()).riskId, mitigation: `Opatření ${uniq()}` })),
  planCase('addStakeholder', 'AddStakeholderInput', async () => ({ planId: (await planPieces()).planId, name: `Aktér ${uniq()}`, influence: 'HIGH', interest: 'LOW' })),
  planCase('addSwotItem', 'AddSwotItemInput', async () => ({ planId: (await planPieces()).planId, kind: 'STRENGTH', text: `Síla ${uniq()}` })),
  planCase('addSolutionVariant', 'AddSolutionVariantInput', async () => ({ planId: (await planPieces()).planId, title: `Varianta ${uniq()}` })),
  planCase('createActionPlan', 'CreateActionPlanInput', async () => ({ planId: (await setup<{ createPlan: { id: string } }>('coordinator', M('createPlan', 'CreatePlanInput'), { areaId: w.areaId, title: `Plán ${uniq()}`, yearFrom: 2033, yearTo: 2035 })).createPlan.id, year: 2033 })),
  planCase('addProjectIntent', 'AddProjectIntentInput', async () => {
    const p = await planPieces();
    return { actionPlanId: p.actionPlanId, measureId: p.measureId, title: `Záměr ${uniq()}`, responsibleOrganisation: 'Město', budgetCzk: 500, startsOn: '2027-01-01', endsOn: '2027-06-30' };
  }),
  planCase('reportProjectIntent', 'ReportProjectIntentInput', async () => ({ projectIntentId: (await planPieces()).intentId, note: `Průběh ${uniq()}` })),
  { mutation: 'openPublicHearing', document: M('openPublicHearing', 'OpenPublicHearingInput'), actions: ['plan.read', 'hearing.open'], target: A, prepare: async () => input({ planId: (await planPieces()).planId, closesAt: '2031-01-01T00:00:00Z' }) },
  { mutation: 'submitHearingComment', document: M('submitHearingComment', 'SubmitHearingCommentInput'), actions: ['hearing.comment'], target: A, prepare: async () => input({ hearingId: (await planPieces()).hearingId, text: `Připomínka ${uniq()}` }) },
  {
    mutation: 'answerHearingComment', document: M('answerHearingComment', 'AnswerHearingCommentInput'), actions: ['hearing.answer'], target: A,
    prepare: async () => {
      const res = await app.gql<{ submitHearingComment: { id: string } }>(M('submitHearingComment', 'SubmitHearingCommentInput'), input({ hearingId: (await planPieces()).hearingId, text: `Připomínka ${uniq()}` }));
      return input({ hearingCommentId: res.data!.submitHearingComment.id, decision: 'ACCEPTED', justification: 'Zapracováno.' });
    },
  },
  // ── Approval workflows: the area's admin shapes the area's own; a global admin the templates ──
  { mutation: 'createWorkflowDraft', document: M('createWorkflowDraft', 'CreateWorkflowDraftInput'), actions: ['workflow.edit'], target: A, prepare: () => input({ areaId: w.areaId, key: `vlastni-${uniq()}` }) },
  { mutation: 'createWorkflowDraft', document: M('createWorkflowDraft', 'CreateWorkflowDraftInput'), actions: ['workflow.editTemplate'], target: { area: null }, prepare: () => input({ key: `sablona-${uniq()}` }) },
  {
    mutation: 'updateWorkflowDraft', document: M('updateWorkflowDraft', 'UpdateWorkflowDraftInput'), actions: ['workflow.edit'], target: A,
    prepare: async () => {
      const draft = await setup<{ createWorkflowDraft: { id: string } }>('admin', M('createWorkflowDraft', 'CreateWorkflowDraftInput'), { areaId: w.areaId, key: `vlastni-${uniq()}` });
      return input({ draftId: draft.createWorkflowDraft.id, expectedRevision: 1, definition: { nameCs: 'Postup', nameEn: 'Workflow', initial: 'DRAFT', stages: [], transitions: [] } });
    },
  },
  {
    // A copy of the standard pipeline as the area's own: publishing it leaves the area's proposals running as before.
    mutation: 'publishWorkflowDraft', document: M('publishWorkflowDraft', 'PublishWorkflowDraftInput', 'key'), actions: ['workflow.edit'], target: A,
    prepare: async () => {
      const draft = await setup<{ createWorkflowDraft: { id: string } }>('admin', M('createWorkflowDraft', 'CreateWorkflowDraftInput'), { areaId: w.areaId, key: `vlastni-${uniq()}`, from: { key: 'standard', version: 3 } });
      return input({ draftId: draft.createWorkflowDraft.id, expectedRevision: 1 });
    },
  },
  {
    mutation: 'discardWorkflowDraft', document: 'mutation($input: DiscardWorkflowDraftInput!) { discardWorkflowDraft(input: $input) }', actions: ['workflow.edit'], target: A,
    prepare: async () => {
      const draft = await setup<{ createWorkflowDraft: { id: string } }>('admin', M('createWorkflowDraft', 'CreateWorkflowDraftInput'), { areaId: w.areaId, key: `vlastni-${uniq()}` });
      return input({ draftId: draft.createWorkflowDraft.id, expectedRevision: 1 });
    },
  },
  {
    mutation: 'migrateProposals', document: M('migrateProposals', 'MigrateProposalsInput', 'dryRun'), actions: ['workflow.migrateProposals'], target: A,
    prepare: () => input({ areaId: w.areaId, from: { key: 'standard', version: 3 }, to: { key: 'standard', version: 2 }, reason: 'Zkouška převodu.', dryRun: true }),
  },
  // ── What all areas share ──
  {
    mutation: 'importProviderRegister', document: M('importProviderRegister', 'ImportProviderRegisterInput'), actions: ['provider.importRegister'], target: { area: null },
    prepare: () => input({ content: fs.readFileSync(path.join(__dirname, '../fixtures/rpss-sample.json'), 'utf8') }),
  },
];

/** Mutations whose classes are proven elsewhere, event by event. */
const ELSEWHERE: Record<string, string> = { transitionProposal: 'tests/security/workflow-authority-generated.test.ts' };

test('every mutation of the schema has a policy row and a generated case', () => {
  const mutations = Object.keys(schema.getMutationType()!.getFields()).sort();
  expect(mutations.filter((m) => OPERATION_ACTIONS.Mutation[m] === undefined)).toEqual([]);
  expect(mutations.filter((m) => !CASES.some((c) => c.mutation === m) && !ELSEWHERE[m])).toEqual([]);
  // Every action a case names is a row of the table, and every row of a mutation is exercised.
  const exercised = new Set(CASES.flatMap((c) => c.actions));
  const rowsOfMutations = new Set<Action>(
    Object.entries(OPERATION_ACTIONS.Mutation)
      .filter(([m]) => !ELSEWHERE[m])
      .flatMap(([, a]): Action[] => (typeof a === 'string' ? [a] : [...a])),
  );
  expect([...rowsOfMutations].filter((a) => !exercised.has(a))).toEqual([]);
  for (const a of exercised) expect(POLICY[a]).toBeDefined();
});

const targetOf = (c: Case, kind: Kind): Target => (typeof c.target === 'function' ? c.target(kind) : c.target);

test.each(CASES.map((c, i) => [`${c.mutation} #${i} (${c.actions.join(' + ')})`, c] as const))('%s: allowed exactly as the policy says; refused, nothing written', async (_name, c) => {
  const verdicts = KINDS.map((kind) => ({ kind, allowed: expectedAllowed(c.actions, kind, targetOf(c, kind)) }));
  const refused = verdicts.filter((v) => !v.allowed).map((v) => v.kind);
  const problems: string[] = [];

  // The refused first, each on a target of its own when the target is its own record, else on one shared target.
  const shared = typeof c.target === 'function' ? null : await c.prepare('coordinator');
  const attempts: Array<{ kind: Kind; vars: Record<string, unknown> }> = [];
  for (const kind of refused) attempts.push({ kind, vars: shared ?? (await c.prepare(kind)) });
  // The attempts are independent of each other: they run at once (refused ones write nothing; allowed ones have targets of their own).
  const before = await fastFingerprint(app.em());
  const answers = await Promise.all(attempts.map(({ kind, vars }) => app.gql(c.document, vars, as(kind))));
  answers.forEach((res, i) => {
    const { kind } = attempts[i];
    expectNoLeak(res);
    const problem = refusalProblem(res, kind, targetOf(c, kind));
    if (problem) problems.push(`${kind} should be refused: ${problem}`);
  });
  const after = await fastFingerprint(app.em());
  const written = Object.keys(after).filter((t) => after[t] !== before[t]);
  if (written.length) problems.push(`a refused attempt wrote to ${written.join(', ')}`);

  // Then each allowed kind, on a fresh target.
  const allowed: Array<{ kind: Kind; vars: Record<string, unknown> }> = [];
  for (const { kind } of verdicts.filter((v) => v.allowed)) allowed.push({ kind, vars: await c.prepare(kind) });
  const done = await Promise.all(allowed.map(({ kind, vars }) => app.gql(c.document, vars, as(kind))));
  done.forEach((res, i) => {
    expectNoLeak(res);
    if (res.errors) problems.push(`${allowed[i].kind} should be allowed: ${JSON.stringify(res.errors.map((e) => [e.extensions?.code, e.message]))}`);
  });
  expect(problems).toEqual([]);
});

test.each(['\u200b', ' \u2060\ufeff', '\u00a0\u2028'])('required text made only of invisible or format characters (%j) is refused in every input of the schema, naming the field; nothing written', async (invisible) => {
  const problems: string[] = [];
  const tried = new Set<string>();
  for (const c of CASES) {
    const args = schema.getMutationType()!.getFields()[c.mutation]?.args ?? [];
    const inputType = args.find((a) => a.name === 'input')?.type;
    const named = inputType && isNonNullType(inputType) ? inputType.ofType : inputType;
    if (!named || !('getFields' in named) || tried.has(c.mutation)) continue;
    const allowed = KINDS.find((kind) => expectedAllowed(c.actions, kind, targetOf(c, kind)));
    if (!allowed) continue;
    tried.add(c.mutation);
    const required = Object.values((named).getFields()).filter((f) => isNonNullType(f.type) && String(f.type.ofType) === 'String');
    for (const field of required) {
      const vars = await c.prepare(allowed);
      const before = await fastFingerprint(app.em());
      const res = await app.gql(c.document, { input: { ...(vars.input as Record<string, unknown>), [field.name]: invisible } }, as(allowed));
      const fields = ((res.errors?.[0]?.extensions?.fields as Array<{ field: string }> | undefined) ?? []).map((f) => f.field);
      if (res.errors?.[0]?.extensions?.code !== 'BAD_USER_INPUT' || !fields.includes(field.name)) problems.push(`${c.mutation}.${field.name}: ${JSON.stringify(res.errors ?? res.data)}`);
      const after = await fastFingerprint(app.em());
      if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${c.mutation}.${field.name} wrote`);
    }
  }
  expect(problems).toEqual([]);
  expect(tried.size).toBeGreaterThan(40);
});

/**
 * Fields that could carry privilege: identity, role or power, area, kind, state or status,
 * version, author or whose record. Every such field of every mutation's input has a probe that
 * tries it for escalation as a viewer it must not serve; each is refused with the code named and
 * writes nothing. A new field of these classes without a probe fails the test.
 */
const PRIVILEGED = /^(subject|role|power|areaId|kind|state|status|expectedVersion|version|author\w*|\w+ById|personId|delegatePersonId|workflowKey|convener|minuteTaker|isPublic|votingRight|triadSide|organisationId|concernedOrganisationId|guarantor\w*|proposalId|event|urgencyReason)$/;

interface Probe {
  fields: string[];
  as: Kind;
  mutation: string;
  type: string;
  input: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  code: string;
}

async function foreignOrganisation(): Promise<string> {
  return (await setup<{ createOrganisation: { id: string } }>('otherCoordinator', M('createOrganisation', 'CreateOrganisationInput'), { areaId: w.otherAreaId, name: `Cizí ${uniq()}` })).createOrganisation.id;
}
async function aSubmitted(): Promise<string> {
  const draft = await aDraft();
  await setup('serviceUser', M('transitionProposal', 'TransitionProposalInput', 'state'), { proposalId: draft.id, event: 'SUBMIT', expectedVersion: 1 });
  return draft.id;
}

const PROBES: Probe[] = [
  { fields: ['ReportProjectIntentInput.status'], as: 'provider', mutation: 'reportProjectIntent', type: 'ReportProjectIntentInput', input: async () => ({ projectIntentId: (await planPieces()).intentId, status: 'DONE' }), code: 'FORBIDDEN' },
  { fields: ['GrantAreaRoleInput.areaId'], as: 'otherCoordinator', mutation: 'grantAreaRole', type: 'GrantAreaRoleInput', input: () => ({ areaId: w.areaId, personId: personOf('publicMember')!.id, role: 'SUPPORT' }), code: 'NOT_FOUND' },
  { fields: ['GrantAreaRoleInput.personId'], as: 'coordinator', mutation: 'grantAreaRole', type: 'GrantAreaRoleInput', input: () => ({ areaId: w.areaId, personId: personOf('coordinator')!.id, role: 'CLERK' }), code: 'FORBIDDEN' },
  { fields: ['GrantAreaRoleInput.role'], as: 'coordinator', mutation: 'grantAreaRole', type: 'GrantAreaRoleInput', input: async () => ({ areaId: w.areaId, personId: (await aPlainMember()).id, role: 'ADMIN' }), code: 'FORBIDDEN' },
  { fields: ['RevokeAreaRoleInput.areaId'], as: 'otherCoordinator', mutation: 'revokeAreaRole', type: 'RevokeAreaRoleInput', input: () => ({ areaId: w.areaId, personId: personOf('support')!.id, role: 'SUPPORT' }), code: 'NOT_FOUND' },
  { fields: ['RevokeAreaRoleInput.personId'], as: 'clerk', mutation: 'revokeAreaRole', type: 'RevokeAreaRoleInput', input: () => ({ areaId: w.areaId, personId: personOf('coordinator')!.id, role: 'COORDINATOR' }), code: 'FORBIDDEN' },
  { fields: ['RevokeAreaRoleInput.role'], as: 'coordinator', mutation: 'revokeAreaRole', type: 'RevokeAreaRoleInput', input: () => ({ areaId: w.areaId, personId: w.spareAdmin.id, role: 'ADMIN' }), code: 'FORBIDDEN' },
  { fields: ['CreateAreaInput.kind', 'CreateAreaInput.workflowKey'], as: 'coordinator', mutation: 'createArea', type: 'CreateAreaInput', input: () => ({ name: `Oblast ${uniq()}`, kind: 'ORP', workflowKey: 'novy-jicin' }), code: 'FORBIDDEN' },
  { fields: ['UpdateAreaInput.kind', 'UpdateAreaInput.workflowKey'], as: 'coordinator', mutation: 'updateArea', type: 'UpdateAreaInput', input: () => ({ areaId: w.areaId, kind: 'TOWN', workflowKey: 'novy-jicin' }), code: 'FORBIDDEN' },
  // The record an update acts on, named by its id: another area's is NOT_FOUND, as if it did not exist.
  { fields: ['UpdateAreaInput.areaId'], as: 'otherCoordinator', mutation: 'updateArea', type: 'UpdateAreaInput', input: () => ({ areaId: w.areaId, name: `Cizí ${uniq()}` }), code: 'NOT_FOUND' },
  { fields: ['AddMunicipalityInput.areaId'], as: 'otherCoordinator', mutation: 'addMunicipality', type: 'AddMunicipalityInput', input: () => ({ areaId: w.areaId, name: `Obec ${uniq()}`, population: 1 }), code: 'NOT_FOUND' },
  { fields: ['CreateBodyInput.areaId'], as: 'otherCoordinator', mutation: 'createBody', type: 'CreateBodyInput', input: () => ({ areaId: w.areaId, kind: 'WORKING_GROUP', name: `PS ${uniq()}` }), code: 'NOT_FOUND' },
  {
    fields: ['CreateBodyInput.kind', 'CreateBodyInput.isPublic', 'CreateBodyInput.convener', 'CreateBodyInput.minuteTaker'], as: 'chair', mutation: 'createBody', type: 'CreateBodyInput',
    input: () => ({ areaId: w.areaId, kind: 'COUNCIL', name: `Rada ${uniq()}`, isPublic: true, convener: 'CHAIR', minuteTaker: 'SECRETARY' }), code: 'FORBIDDEN',
  },
  // A body the viewer cannot see is NOT_FOUND (the steering group is not public); their own is FORBIDDEN.
  { fields: ['UpdateBodyInput.isPublic'], as: 'chair', mutation: 'updateBody', type: 'UpdateBodyInput', input: () => ({ bodyId: w.bodies.steering.id, isPublic: true }), code: 'NOT_FOUND' },
  { fields: ['UpdateBodyInput.convener', 'UpdateBodyInput.minuteTaker'], as: 'chair', mutation: 'updateBody', type: 'UpdateBodyInput', input: () => ({ bodyId: w.bodies.wg.id, convener: 'CHAIR', minuteTaker: 'SECRETARY' }), code: 'FORBIDDEN' },
  { fields: ['GrantDelegationInput.delegatePersonId'], as: 'chair', mutation: 'grantDelegation', type: 'GrantDelegationInput', input: () => ({ bodyId: w.bodies.wg.id, delegatePersonId: personOf('chair')!.id, power: 'CHAIR' }), code: 'FORBIDDEN' },
  { fields: ['GrantDelegationInput.power'], as: 'deputy', mutation: 'grantDelegation', type: 'GrantDelegationInput', input: () => ({ bodyId: w.bodies.wg.id, delegatePersonId: personOf('publicMember')!.id, power: 'CHAIR' }), code: 'FORBIDDEN' },
  { fields: ['IssueCalendarFeedInput.personId'], as: 'publicMember', mutation: 'issueCalendarFeed', type: 'IssueCalendarFeedInput', input: () => ({ personId: personOf('chair')!.id, label: 'Cizí' }), code: 'FORBIDDEN' },
  { fields: ['AttachMaterialInput.proposalId'], as: 'guest', mutation: 'attachMaterial', type: 'AttachMaterialInput', input: async () => ({ proposalId: (await aDraft()).id, name: 'x.pdf', mediaType: 'application/pdf', contentBase64: PDF }), code: 'FORBIDDEN' },
  {
    fields: ['AddAgendaItemInput.proposalId'], as: 'coordinator', mutation: 'addAgendaItem', type: 'AddAgendaItemInput',
    input: async () => ({ meetingId: (await aMeeting('steering', MeetingStatus.PLANNED)).id, title: 'Cizí návrh', proposalId: await aSubmitted() }), code: 'BAD_USER_INPUT',
  },
  {
    fields: ['AddAgendaItemInput.urgencyReason'], as: 'coordinator', mutation: 'addAgendaItem', type: 'AddAgendaItemInput',
    input: async () => ({ meetingId: (await aMeeting('wg', MeetingStatus.PLANNED)).id, title: 'Pozdě', proposalId: await aSubmitted(), urgencyReason: 'Spěchá.' }), code: 'FORBIDDEN',
  },
  {
    fields: ['AttendanceEntryInput.personId'], as: 'secretary', mutation: 'recordAttendance', type: 'RecordAttendanceInput',
    input: async () => ({ meetingId: (await aMeeting('wg', MeetingStatus.CONVENED)).id, entries: [{ personId: (await app.em().findOneOrFail(Person, { areaId: w.otherAreaId })).id, status: 'PRESENT' }] }), code: 'NOT_FOUND',
  },
  {
    fields: ['AttendanceEntryInput.status'], as: 'publicMember', mutation: 'recordAttendance', type: 'RecordAttendanceInput',
    input: async () => ({ meetingId: (await aMeeting('wg', MeetingStatus.CONVENED)).id, entries: [{ personId: personOf('publicMember')!.id, status: 'PRESENT' }] }), code: 'FORBIDDEN',
  },
  {
    fields: ['RecordResolutionInput.proposalId', 'RecordResolutionInput.event'], as: 'secretary', mutation: 'recordResolution', type: 'RecordResolutionInput',
    input: async () => ({ meetingId: (await aMeeting('wg', MeetingStatus.HELD)).id, number: `PS/${uniq()}`, text: 'Schvaluje.', votesFor: 0, votesAgainst: 0, votesAbstain: 0, proposalId: await aSubmitted(), event: 'RECOMMEND' }),
    code: 'BAD_USER_INPUT',
  },
  { fields: ['AddMembershipInput.personId'], as: 'otherCoordinator', mutation: 'addMembership', type: 'AddMembershipInput', input: () => ({ bodyId: w.bodies.wg.id, personId: personOf('support')!.id, role: 'MEMBER', triadSide: 'PUBLIC' }), code: 'NOT_FOUND' },
  { fields: ['AddMembershipInput.role'], as: 'coordinator', mutation: 'addMembership', type: 'AddMembershipInput', input: () => ({ bodyId: w.bodies.commission.id, personId: personOf('coordinator')!.id, role: 'DEPUTY', triadSide: 'COMMISSIONER' }), code: 'FORBIDDEN' },
  {
    fields: ['AddMembershipInput.triadSide', 'AddMembershipInput.votingRight', 'AddMembershipInput.organisationId'], as: 'chair', mutation: 'addMembership', type: 'AddMembershipInput',
    input: async () => ({ bodyId: w.bodies.wg.id, personId: (await aPerson(app.em(), { id: w.areaId } as never, { subject: null })).id, role: 'MEMBER', triadSide: 'SERVICE_USER', votingRight: true, organisationId: (await planPieces()).organisationId }),
    code: 'FORBIDDEN',
  },
  { fields: ['CreateOrganisationInput.areaId'], as: 'otherCoordinator', mutation: 'createOrganisation', type: 'CreateOrganisationInput', input: () => ({ areaId: w.areaId, name: `Spolek ${uniq()}` }), code: 'NOT_FOUND' },
  { fields: ['UpdateOrganisationInput.organisationId'], as: 'otherCoordinator', mutation: 'updateOrganisation', type: 'UpdateOrganisationInput', input: async () => ({ organisationId: (await planPieces()).organisationId, name: 'Cizí' }), code: 'NOT_FOUND' },
  { fields: ['CreatePersonInput.areaId'], as: 'otherCoordinator', mutation: 'createPerson', type: 'CreatePersonInput', input: () => ({ areaId: w.areaId, name: `Osoba ${uniq()}` }), code: 'NOT_FOUND' },
  { fields: ['CreatePersonInput.organisationId'], as: 'coordinator', mutation: 'createPerson', type: 'CreatePersonInput', input: async () => ({ areaId: w.areaId, name: `Osoba ${uniq()}`, organisationId: await foreignOrganisation() }), code: 'NOT_FOUND' },
  { fields: ['CreatePersonInput.subject'], as: 'coordinator', mutation: 'createPerson', type: 'CreatePersonInput', input: () => ({ areaId: w.areaId, name: `Loutka ${uniq()}`, subject: w.subjects.admin }), code: 'FORBIDDEN' },
  { fields: ['UpdatePersonInput.organisationId'], as: 'publicMember', mutation: 'updatePerson', type: 'UpdatePersonInput', input: async () => ({ personId: personOf('publicMember')!.id, organisationId: (await planPieces()).organisationId }), code: 'FORBIDDEN' },
  { fields: ['UpdatePersonInput.subject'], as: 'coordinator', mutation: 'updatePerson', type: 'UpdatePersonInput', input: () => ({ personId: personOf('commissionChair')!.id, subject: `prevzato-${uniq()}` }), code: 'FORBIDDEN' },
  { fields: ['UpdatePersonInput.personId'], as: 'otherCoordinator', mutation: 'updatePerson', type: 'UpdatePersonInput', input: () => ({ personId: personOf('publicMember')!.id, name: 'Převzato' }), code: 'NOT_FOUND' },
  { fields: ['ErasePersonInput.personId'], as: 'coordinator', mutation: 'erasePerson', type: 'ErasePersonInput', input: () => ({ personId: personOf('admin')!.id }), code: 'FORBIDDEN' },
  { fields: ['AddSwotItemInput.kind'], as: 'provider', mutation: 'addSwotItem', type: 'AddSwotItemInput', input: async () => ({ planId: (await planPieces()).planId, kind: 'THREAT', text: 'Hrozba' }), code: 'FORBIDDEN' },
  { fields: ['CreatePlanInput.areaId'], as: 'otherCoordinator', mutation: 'createPlan', type: 'CreatePlanInput', input: () => ({ areaId: w.areaId, title: 'Cizí plán', yearFrom: 2030, yearTo: 2031 }), code: 'NOT_FOUND' },
  {
    fields: ['AddIndicatorInput.guarantorPersonIds', 'AddIndicatorInput.guarantorOrganisationIds'], as: 'support', mutation: 'addIndicator', type: 'AddIndicatorInput',
    input: async () => ({ measureId: (await planPieces()).measureId, name: 'Cizí gestor', unit: 'x', baselineValue: 0, baselineDate: '2026-01-01', targetValue: 1, targetDate: '2029-12-31', direction: 'UP', guarantorOrganisationIds: [await foreignOrganisation()] }),
    code: 'NOT_FOUND',
  },
  { fields: ['AssignGoalGuarantorInput.personId', 'AssignGoalGuarantorInput.organisationId'], as: 'provider', mutation: 'assignGoalGuarantor', type: 'AssignGoalGuarantorInput', input: async () => ({ goalId: (await planPieces()).goalId, personId: personOf('provider')!.id }), code: 'FORBIDDEN' },
  { fields: ['AssignIndicatorGuarantorInput.personId', 'AssignIndicatorGuarantorInput.organisationId'], as: 'publicMember', mutation: 'assignIndicatorGuarantor', type: 'AssignIndicatorGuarantorInput', input: async () => ({ indicatorId: (await planPieces()).indicatorId, personId: personOf('publicMember')!.id }), code: 'FORBIDDEN' },
  {
    fields: ['RemoveGuarantorInput.guarantorId'], as: 'provider', mutation: 'removeIndicatorGuarantor', type: 'RemoveGuarantorInput',
    input: async () => ({ guarantorId: await aGuarantor('assignIndicatorGuarantor', 'AssignIndicatorGuarantorInput', { indicatorId: (await planPieces()).indicatorId }) }),
    code: 'FORBIDDEN',
  },
  { fields: ['UpdateGoalStatusInput.status'], as: 'publicMember', mutation: 'updateGoalStatus', type: 'UpdateGoalStatusInput', input: async () => ({ goalId: (await planPieces()).goalId, status: 'ACHIEVED' }), code: 'FORBIDDEN' },
  { fields: ['CreateProposalInput.kind'], as: 'serviceUser', mutation: 'createProposal', type: 'CreateProposalInput', input: () => ({ workingGroupBodyId: w.bodies.wg.id, kind: 'PLAN', title: 'Plán', summary: 'Shrnutí' }), code: 'BAD_USER_INPUT' },
  {
    fields: ['CreateProposalInput.concernedOrganisationId'], as: 'serviceUser', mutation: 'createProposal', type: 'CreateProposalInput',
    input: async () => ({ workingGroupBodyId: w.bodies.wg.id, kind: 'MEASURE', title: 'Návrh', summary: 'Shrnutí', concernedOrganisationId: await foreignOrganisation() }), code: 'NOT_FOUND',
  },
  { fields: ['UpdateProposalInput.expectedVersion'], as: 'serviceUser', mutation: 'updateProposal', type: 'UpdateProposalInput', input: async () => ({ proposalId: (await aDraft()).id, expectedVersion: 7, title: 'Jinak' }), code: 'CONFLICT' },
  { fields: ['UpdateProposalInput.kind'], as: 'chair', mutation: 'updateProposal', type: 'UpdateProposalInput', input: async () => ({ proposalId: (await aDraft()).id, expectedVersion: 1, kind: 'PLAN' }), code: 'BAD_USER_INPUT' },
  { fields: ['UpdateProposalInput.concernedOrganisationId'], as: 'publicMember', mutation: 'updateProposal', type: 'UpdateProposalInput', input: async () => ({ proposalId: (await aDraft()).id, expectedVersion: 1, concernedOrganisationId: (await planPieces()).organisationId }), code: 'FORBIDDEN' },
  { fields: ['UpdateProposalInput.proposalId'], as: 'otherCoordinator', mutation: 'updateProposal', type: 'UpdateProposalInput', input: async () => ({ proposalId: (await aDraft()).id, expectedVersion: 1, title: 'Cizí' }), code: 'NOT_FOUND' },
  {
    fields: ['TransitionProposalInput.proposalId'], as: 'otherCoordinator', mutation: 'transitionProposal', type: 'TransitionProposalInput',
    input: async () => ({ proposalId: await aSubmitted(), event: 'RECOMMEND', expectedVersion: 2 }), code: 'NOT_FOUND',
  },
  { fields: ['CreateWorkflowDraftInput.areaId'], as: 'otherCoordinator', mutation: 'createWorkflowDraft', type: 'CreateWorkflowDraftInput', input: () => ({ areaId: w.areaId, key: `cizi-${uniq()}` }), code: 'NOT_FOUND' },
  { fields: ['WorkflowVersionInput.version'], as: 'coordinator', mutation: 'createWorkflowDraft', type: 'CreateWorkflowDraftInput', input: () => ({ areaId: w.areaId, key: `kopie-${uniq()}`, from: { key: 'standard', version: 1 } }), code: 'FORBIDDEN' },
  {
    fields: ['WorkflowTransitionInput.event'], as: 'coordinator', mutation: 'updateWorkflowDraft', type: 'UpdateWorkflowDraftInput',
    input: async () => {
      const draft = await setup<{ createWorkflowDraft: { id: string } }>('admin', M('createWorkflowDraft', 'CreateWorkflowDraftInput'), { areaId: w.areaId, key: `vlastni-${uniq()}` });
      const definition = { nameCs: 'Postup', nameEn: 'Workflow', initial: 'DRAFT', stages: [], transitions: [{ event: 'APPROVE', from: ['DRAFT'], to: 'APPROVED', labelCs: 'Schválit', labelEn: 'Approve', guards: [] }] };
      return { draftId: draft.createWorkflowDraft.id, expectedRevision: 1, definition };
    },
    code: 'FORBIDDEN',
  },
  {
    fields: ['MigrateProposalsInput.areaId'], as: 'otherCoordinator', mutation: 'migrateProposals', type: 'MigrateProposalsInput',
    input: () => ({ areaId: w.areaId, from: { key: 'standard', version: 3 }, to: { key: 'standard', version: 2 }, reason: 'Převod', dryRun: false }), code: 'NOT_FOUND',
  },
  { fields: ['TransitionProposalInput.event'], as: 'coordinator', mutation: 'transitionProposal', type: 'TransitionProposalInput', input: async () => ({ proposalId: await aSubmitted(), event: 'APPROVE', expectedVersion: 2, resolutionNumber: 'RM/1' }), code: 'TRANSITION_NOT_ALLOWED' },
  { fields: ['TransitionProposalInput.expectedVersion'], as: 'chair', mutation: 'transitionProposal', type: 'TransitionProposalInput', input: async () => ({ proposalId: await aSubmitted(), event: 'RECOMMEND', expectedVersion: 99 }), code: 'CONFLICT' },
];

test('every field of a mutation input that could carry privilege is tried for escalation, and refused writing nothing', async () => {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (t: import('graphql').GraphQLInputType): void => {
    const named = getNamedType(t);
    if (!isInputObjectType(named) || seen.has(named.name)) return;
    seen.add(named.name);
    for (const f of Object.values(named.getFields())) {
      if (PRIVILEGED.test(f.name)) found.push(`${named.name}.${f.name}`);
      walk(f.type);
    }
  };
  for (const field of Object.values(schema.getMutationType()!.getFields())) for (const arg of field.args) walk(arg.type);
  const probed = new Set(PROBES.flatMap((p) => p.fields));
  expect(found.filter((f) => !probed.has(f)).sort()).toEqual([]);
  expect([...probed].filter((f) => !found.includes(f))).toEqual([]);

  const problems: string[] = [];
  for (const probe of PROBES) {
    const vars = { input: await probe.input() };
    const before = await fastFingerprint(app.em());
    const res = await app.gql(M(probe.mutation, probe.type, '__typename'), vars, as(probe.as));
    expectNoLeak(res);
    const got = (res.errors ?? []).map((e) => String(e.extensions?.code));
    if (got.join() !== probe.code || (res.data && Object.values(res.data).some((v) => v !== null))) problems.push(`${probe.fields.join(', ')} as ${probe.as}: ${JSON.stringify(res.errors ?? res.data)}`);
    const after = await fastFingerprint(app.em());
    if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${probe.fields.join(', ')} as ${probe.as} wrote`);
  }
  expect(problems).toEqual([]);
});

test.each(KINDS.map((k) => [k] as const))("myDesk as %s: answered exactly as the policy's desk.read says, refused writing nothing", async (kind) => {
  const before = await fastFingerprint(app.em());
  const res = await app.gql<{ myDesk: { proposalsToMove: { totalCount: number } } }>(`{ myDesk { proposalsToMove(first: 5) { totalCount } } }`, {}, as(kind));
  expectNoLeak(res);
  expect(OPERATION_ACTIONS.Query.myDesk).toBe('desk.read');
  if (expectedAllowed(['desk.read'], kind, A)) {
    expect(res.errors).toBeUndefined();
    expect(res.data!.myDesk.proposalsToMove.totalCount).toBeGreaterThanOrEqual(0);
  } else {
    expect(refusalProblem(res, kind, A)).toBeNull();
  }
  expect(await fastFingerprint(app.em())).toEqual(before);
});
