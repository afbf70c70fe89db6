import type { EntityManager } from '@mikro-orm/postgresql';
import { can, conditionSql, holds, visibleWhere, type SqlForm } from '../../src/auth/authority';
import { flag, not, type Condition, type Resource } from '../../src/auth/conditions';
import { POLICY, type Action, type ResourceKind } from '../../src/auth/policy';
import {
  bodyResource,
  delegationResource,
  guarantorsOf,
  inArea,
  notificationResource,
  PERSON_SQL,
  personResource,
  PLAN_SQL,
  planResource,
  PROPOSAL_SQL,
  proposalResource,
  roleResource,
  seatResource,
  SHARED,
} from '../../src/auth/resources';
import { Viewer } from '../../src/auth/viewer';
import { loadViewer } from '../../src/auth/viewer-loader';
import { pragueDay } from '../../src/common/dates';
import { openOrm, type Orm } from '../../src/db/orm';
import { AreaRole } from '../../src/entities/area-role.entity';
import { Body } from '../../src/entities/body.entity';
import { AreaRoleKind, BodyKind, DelegatedPower, MembershipRole, ProposalKind, ProposalPhase } from '../../src/entities/enums';
import { Hearing } from '../../src/entities/hearing.entity';
import { Membership } from '../../src/entities/membership.entity';
import type { Organisation } from '../../src/entities/organisation.entity';
import { Person } from '../../src/entities/person.entity';
import { Plan } from '../../src/entities/plan.entity';
import type { PlanningArea } from '../../src/entities/planning-area.entity';
import { Proposal } from '../../src/entities/proposal.entity';
import { WorkflowEvent } from '../../src/entities/workflow-event.entity';
import { eventHash, type HashedEvent } from '../../src/workflows/history-hash';
import { aBody, aDelegation, aGlobalAdmin, anArea, anOrganisation, aPerson, aRole, aSeat } from '../support/factories';
import { aTestDatabase } from '../support/test-app';

/**
 * A list filtered by a SQL form holds exactly the records the policy admits one by one
 * (../shared/DESIGN.md §6a). src/auth/resources.ts describes a person, a proposal and a plan to the
 * policy twice: as a resource built from the record's facts (what `can` judges when one record is
 * read) and as SQL over the record's table (what `visibleWhere` filters a list by). Here both are
 * judged on the service's own tables, in one world made to hold every case the forms speak of:
 * people seated in public and non-public bodies, by seats ended or not; proposals drafted, under
 * review, approved, rejected and withdrawn in public and non-public working groups, handled by
 * bodies of the pipeline, returned to their author; plans adopted and not, with hearings open,
 * closed, to come, opening and closing at the very moment asked about.
 *
 * For every row of the policy whose records are people, proposals or plans, and for every single
 * condition those rows are made of and its negation (a form's SQL is true or false, never NULL),
 * each kind of viewer, loaded as the service loads one on the day, gets from PostgreSQL exactly the
 * records `can`/`holds` admit over the resources built from the same rows by the rules of their
 * facts. A row or condition the form cannot say in SQL (it is judged per record) is refused by
 * name, never turned into a wrong filter. The builders of the other records are judged at the end,
 * and with plain viewers in tests/rules/decision-point.test.ts.
 */

/** The moment asked about: hearings open, close and are to come around it; seats and roles count on its day. */
const AT = new Date();
const DAY = pragueDay(AT);
const hoursFromAt = (hours: number) => new Date(AT.getTime() + hours * 3_600_000);

let database: { url: string; drop(): Promise<void> };
let orm: Orm;
const em = (): EntityManager => orm.em.fork();

/** Readable names of the records, for the failures to say which records differ. */
const names = new Map<string, string>();
const named = (ids: readonly string[]) => ids.map((id) => names.get(id) ?? id).sort();

/** The world's areas, bodies and people by name. */
const w = {} as {
  A: PlanningArea;
  B: PlanningArea;
  bodies: Record<'steering' | 'openGroup' | 'closedGroup' | 'commission' | 'groupB', Body>;
  people: Record<string, Person>;
  provider: Organisation;
};
/** The viewers, each as the service loads one for its token on the day. */
const viewers: Record<string, Viewer> = {};

async function buildWorld(): Promise<void> {
  const m = em();
  w.A = await anArea(m, { name: 'Jih' });
  w.B = await anArea(m, { name: 'Sever' });
  const { A, B } = w;
  const steering = await aBody(m, A, BodyKind.STEERING_GROUP, { name: 'Řídící skupina', isPublic: false });
  w.bodies = {
    steering,
    openGroup: await aBody(m, A, BodyKind.WORKING_GROUP, { name: 'PS Senioři (veřejná)', isPublic: true, reportsTo: steering }),
    closedGroup: await aBody(m, A, BodyKind.WORKING_GROUP, { name: 'PS Závislosti (neveřejná)', isPublic: false, reportsTo: steering }),
    commission: await aBody(m, A, BodyKind.SOCIAL_COMMISSION, { name: 'Sociální komise', isPublic: false }),
    groupB: await aBody(m, B, BodyKind.WORKING_GROUP, { name: 'PS Sever (veřejná)', isPublic: true }),
  };
  const { openGroup, closedGroup, commission, groupB } = w.bodies;

  const person = async (name: string, area: PlanningArea, subject: string | null = name, organisation: Organisation | null = null) => {
    const p = await aPerson(m, area, { name, subject, organisation });
    names.set(p.id, name);
    return p;
  };
  const ENDED = { validFrom: '2020-01-01', validTo: '2021-12-31' };
  const p: Record<string, Person> = {};
  for (const [name, role] of [
    ['admin', AreaRoleKind.ADMIN],
    ['coordinator', AreaRoleKind.COORDINATOR],
    ['support', AreaRoleKind.SUPPORT],
    ['clerk', AreaRoleKind.CLERK],
  ] as const) {
    p[name] = await person(name, A);
    await aRole(m, p[name], role);
  }
  // An admin whose role ended: a person of the area like any other.
  p.formerAdmin = await person('formerAdmin', A);
  await aRole(m, p.formerAdmin, AreaRoleKind.ADMIN, ENDED);
  // Seated in a public body and in a non-public one.
  p.openChair = await person('openChair', A);
  await aSeat(m, openGroup, p.openChair, { role: MembershipRole.CHAIR });
  await aSeat(m, closedGroup, p.openChair);
  p.closedChair = await person('closedChair', A);
  await aSeat(m, closedGroup, p.closedChair, { role: MembershipRole.CHAIR });
  // A deputy holding the whole chair's power of the non-public group.
  p.deputy = await person('deputy', A);
  await aSeat(m, closedGroup, p.deputy, { role: MembershipRole.DEPUTY });
  await aDelegation(m, closedGroup, p.closedChair, p.deputy, DelegatedPower.CHAIR);
  p.closedMember = await person('closedMember', A);
  await aSeat(m, closedGroup, p.closedMember);
  p.closedGuest = await person('closedGuest', A);
  await aSeat(m, closedGroup, p.closedGuest, { role: MembershipRole.GUEST, votingRight: false });
  p.steeringMember = await person('steeringMember', A);
  await aSeat(m, steering, p.steeringMember);
  p.commissionMember = await person('commissionMember', A);
  await aSeat(m, commission, p.commissionMember);
  // Seats ended: in the non-public group, and in the public one.
  p.formerClosed = await person('formerClosed', A);
  await aSeat(m, closedGroup, p.formerClosed, ENDED);
  p.formerOpen = await person('formerOpen', A);
  await aSeat(m, openGroup, p.formerOpen, ENDED);
  // A seat to come in the non-public group.
  p.futureClosed = await person('futureClosed', A);
  await aSeat(m, closedGroup, p.futureClosed, { validFrom: '2099-01-01' });
  // An author of proposals with no seat, and a person with no part in anything (no login either).
  p.author = await person('author', A);
  p.outsider = await person('outsider', A, null);
  // A person of a provider, which a plan may name a guarantor of its goals and indicators.
  w.provider = await anOrganisation(m, A, { name: 'Domov Slunce, o. p. s.' });
  p.guarantor = await person('guarantor', A, 'guarantor', w.provider);
  // One login, a person in each area: a member of the commission in A, the coordinator of B.
  p.twoAreasA = await person('twoAreas (A)', A, 'twoAreas');
  await aSeat(m, commission, p.twoAreasA);
  p.twoAreasB = await person('twoAreas (B)', B, 'twoAreas');
  await aRole(m, p.twoAreasB, AreaRoleKind.COORDINATOR);
  // Area B's own.
  p.coordinatorB = await person('coordinatorB', B);
  await aRole(m, p.coordinatorB, AreaRoleKind.COORDINATOR);
  p.memberB = await person('memberB', B);
  await aSeat(m, groupB, p.memberB);
  p.authorB = await person('authorB', B);
  w.people = p;

  // ── Proposals, plans and hearings (each written after what it refers to) ─────────────────────
  const afterProposals: Array<() => void> = [];
  const afterPlans: Array<() => void> = [];
  const proposal = (
    title: string,
    o: { area?: PlanningArea; author: Person; group: Body; phase: ProposalPhase; current?: Body; handledBy?: Array<Body | null>; kind?: ProposalKind },
  ) => {
    const area = o.area ?? A;
    const row = m.create(Proposal, {
      areaId: area.id,
      workingGroup: o.group,
      author: o.author,
      kind: o.kind ?? ProposalKind.MEASURE,
      title,
      state: o.phase,
      phase: o.phase,
      currentBody: o.current ?? null,
      workflowKey: 'standard',
      workflowVersion: 1,
      snapshot: {},
      decidedAt: [ProposalPhase.APPROVED, ProposalPhase.REJECTED, ProposalPhase.WITHDRAWN].includes(o.phase) ? hoursFromAt(-24) : null,
    });
    names.set(row.id, title);
    // Its history: an event in each body that handled it (a body-less event for acts outside the pipeline).
    afterProposals.push(() => {
      let prevHash: string | null = null;
      for (const [i, body] of (o.handledBy ?? []).entries()) {
        const e: HashedEvent = {
          proposalId: row.id,
          seq: i + 1,
          event: 'FORWARD',
          fromState: 'S',
          toState: 'S',
          actorId: area === A ? p.coordinator.id : p.coordinatorB.id,
          actorRole: 'COORDINATOR',
          actorTriadSide: null,
          bodyId: body?.id ?? null,
          meetingId: null,
          reason: null,
          resolutionNumber: null,
          occurredAt: hoursFromAt(-48 + i),
        };
        const hash = eventHash(prevHash, e);
        m.create(WorkflowEvent, { ...e, areaId: area.id, prevHash, hash });
        prevHash = hash;
      }
    });
    return row;
  };
  const { author, closedMember, authorB } = p;
  proposal('draft in the public group', { author, group: openGroup, phase: ProposalPhase.DRAFT });
  proposal('draft in the non-public group', { author: closedMember, group: closedGroup, phase: ProposalPhase.DRAFT });
  proposal('returned to its author by the steering group', { author, group: closedGroup, phase: ProposalPhase.DRAFT, handledBy: [closedGroup, steering] });
  proposal('public group, before the steering group', { author, group: openGroup, phase: ProposalPhase.IN_REVIEW, current: steering, handledBy: [openGroup] });
  proposal('non-public group, before the commission', { author: closedMember, group: closedGroup, phase: ProposalPhase.IN_REVIEW, current: commission, handledBy: [closedGroup, steering] });
  proposal('non-public group, before its group', { author, group: closedGroup, phase: ProposalPhase.IN_REVIEW, current: closedGroup });
  proposal('approved in the public group', { author, group: openGroup, phase: ProposalPhase.APPROVED, handledBy: [openGroup, steering, commission] });
  proposal('approved in the non-public group', { author: closedMember, group: closedGroup, phase: ProposalPhase.APPROVED, handledBy: [closedGroup, steering] });
  proposal('rejected in the public group', { author, group: openGroup, phase: ProposalPhase.REJECTED, handledBy: [openGroup, steering] });
  proposal('withdrawn without a body', { author: closedMember, group: closedGroup, phase: ProposalPhase.WITHDRAWN, handledBy: [null] });
  proposal('of area B, approved in its public group', { area: B, author: authorB, group: groupB, phase: ProposalPhase.APPROVED, handledBy: [groupB] });
  proposal('of area B, a draft', { area: B, author: authorB, group: groupB, phase: ProposalPhase.DRAFT });
  proposal('of area B, before its group, by the login of two areas', { area: B, author: p.twoAreasB, group: groupB, phase: ProposalPhase.IN_REVIEW, current: groupB });

  const plan = (title: string, o: { area?: PlanningArea; phase?: ProposalPhase; hearings?: Array<[opensInHours: number, closesInHours: number]> }) => {
    const area = o.area ?? A;
    const coordinator = area === A ? p.coordinator : p.coordinatorB;
    // Its PLAN proposal carries it through approval.
    const carrier = o.phase ? proposal(`the plan proposal of "${title}"`, { area, author: coordinator, group: area === A ? closedGroup : groupB, phase: o.phase, kind: ProposalKind.PLAN }) : null;
    afterProposals.push(() => {
      const row = m.create(Plan, { areaId: area.id, title, yearFrom: 2027, yearTo: 2029, proposalId: carrier?.id ?? null });
      names.set(row.id, title);
      afterPlans.push(() => {
        for (const [opens, closes] of o.hearings ?? []) m.create(Hearing, { areaId: area.id, planId: row.id, opensAt: hoursFromAt(opens), closesAt: hoursFromAt(closes), openedById: coordinator.id });
      });
    });
  };
  plan('adopted, its hearing long closed', { phase: ProposalPhase.APPROVED, hearings: [[-2000, -1000]] });
  plan('adopted, a hearing still running', { phase: ProposalPhase.APPROVED, hearings: [[-24, 24]] });
  plan('in approval, its hearing open', { phase: ProposalPhase.IN_REVIEW, hearings: [[-24, 24]] });
  plan('rejected, its hearing closed', { phase: ProposalPhase.REJECTED, hearings: [[-48, -24]] });
  plan('without a proposal, hearing closed, another to come', { hearings: [[-48, -24], [24, 48]] });
  plan('a draft, its hearing opening this moment', { phase: ProposalPhase.DRAFT, hearings: [[0, 24]] });
  plan('without a proposal, its hearing closing this moment', { hearings: [[-24, 0]] });
  plan('without a proposal or hearing', {});
  plan('of area B, its hearing open', { area: B, hearings: [[-1, 1]] });
  plan('of area B, adopted', { area: B, phase: ProposalPhase.APPROVED });
  await m.flush();
  for (const write of afterProposals) write();
  await m.flush();
  for (const write of afterPlans) write();
  await m.flush();

  // ── Viewers ────────────────────────────────────────────────────────────────────────────────
  const globalAdmin = await aGlobalAdmin(m);
  viewers.anonymous = Viewer.anonymous();
  viewers['signed in, no person'] = await loadViewer(m, 'nobody-here', DAY);
  viewers['global admin'] = await loadViewer(m, globalAdmin, DAY);
  for (const name of [
    'admin',
    'coordinator',
    'support',
    'clerk',
    'formerAdmin',
    'openChair',
    'closedChair',
    'deputy',
    'closedMember',
    'closedGuest',
    'steeringMember',
    'commissionMember',
    'formerClosed',
    'formerOpen',
    'futureClosed',
    'author',
    'guarantor',
    'twoAreas',
    'coordinatorB',
    'memberB',
    'authorB',
  ]) {
    viewers[name] = await loadViewer(m, name, DAY);
  }
}

// ── The records as the builders describe them, from their rows ────────────────────────────────

/** The world's rows, read once; each test describes them with the builders, so that it judges the builders it runs. */
const rows = {} as {
  bodies: Map<string, Body>;
  people: Person[];
  seats: Membership[];
  roles: AreaRole[];
  proposals: Proposal[];
  events: WorkflowEvent[];
  plans: Plan[];
  hearings: Hearing[];
};

async function readRows(): Promise<void> {
  const m = em();
  rows.bodies = new Map((await m.find(Body, {})).map((b) => [b.id, b]));
  rows.people = await m.find(Person, {});
  rows.seats = await m.find(Membership, {});
  rows.roles = await m.find(AreaRole, {});
  rows.proposals = await m.find(Proposal, {});
  rows.events = await m.find(WorkflowEvent, {});
  rows.plans = await m.find(Plan, {});
  rows.hearings = await m.find(Hearing, {});
}

interface Kind {
  table: string;
  form: (alias: string) => SqlForm;
  records: Array<{ id: string; res: Resource }>;
}
type KindName = 'Person' | 'Proposal' | 'Plan';

/** Whether a term (a seat's or a role's) covers the day. */
const covers = (t: { validFrom: string; validTo?: string | null }) => t.validFrom <= DAY && (t.validTo == null || t.validTo >= DAY);

/** Every person, proposal and plan of the world described to the policy by the builders, from the facts of its rows. */
function described(): Record<KindName, Kind> {
  const { bodies, seats, roles, proposals, events, hearings } = rows;
  return {
    // A person: the bodies they hold seats in at any time, whether one of them is public, whether they are an admin today.
    Person: {
      table: 'person',
      form: PERSON_SQL,
      records: rows.people.map((person) => {
        const theirs = seats.filter((s) => s.person.id === person.id);
        return {
          id: person.id,
          res: personResource(person, {
            seatBodyIds: theirs.map((s) => s.body.id),
            seatedInPublicBody: theirs.some((s) => bodies.get(s.body.id)?.isPublic === true),
            isAdmin: roles.some((r) => r.person.id === person.id && r.role === AreaRoleKind.ADMIN && r.revokedAt === null && covers(r)),
          }),
        };
      }),
    },
    // A proposal: the bodies of its history's events, and whether its working group is public.
    Proposal: {
      table: 'proposal',
      form: PROPOSAL_SQL,
      records: proposals.map((proposal) => ({
        id: proposal.id,
        res: proposalResource(proposal, {
          handledBodyIds: [...new Set(events.flatMap((e) => (e.proposalId === proposal.id && e.bodyId ? [e.bodyId] : [])))],
          workingGroupPublic: bodies.get(proposal.workingGroup.id)?.isPublic === true,
        }),
      })),
    },
    // A plan: adopted once its PLAN proposal is approved; a hearing open when it opened by the moment and closes after it.
    Plan: {
      table: 'plan',
      form: (alias) => PLAN_SQL(alias, AT),
      records: rows.plans.map((plan) => ({
        id: plan.id,
        res: planResource(plan.areaId, {
          adopted: proposals.some((pr) => pr.id === plan.proposalId && pr.phase === ProposalPhase.APPROVED),
          hearingOpen: hearings.some((h) => h.planId === plan.id && h.opensAt <= AT && AT < h.closesAt),
        }),
      })),
    },
  };
}

beforeAll(async () => {
  database = await aTestDatabase();
  orm = await openOrm(database.url, 2);
  await buildWorld();
  await readRows();
});
afterAll(async () => {
  await orm?.close(true);
  await database?.drop();
});

// ── The two forms ─────────────────────────────────────────────────────────────────────────────

/**
 * The records of a kind that PostgreSQL lets through each of several filters, each applied as the
 * service applies one (the WHERE of a query over the table), in one statement.
 */
async function throughSql(kind: Kind, wheres: ReadonlyArray<{ sql: string; params: unknown[] }>): Promise<string[][]> {
  const statement = wheres.map((where, i) => `select ${i} as filter, r.id from ${kind.table} r where ${where.sql}`).join(' union all ');
  const found = await em().getConnection().execute<Array<{ filter: number; id: string }>>(statement, wheres.flatMap((where) => where.params));
  return wheres.map((_, i) => named(found.filter((row) => row.filter === i).map((row) => row.id)));
}
/** The records of a kind the rule admits one by one. */
const oneByOne = (kind: Kind, admits: (res: Resource) => boolean): string[] => named(kind.records.filter((r) => admits(r.res)).map((r) => r.id));

const KINDS: KindName[] = ['Person', 'Proposal', 'Plan'];
const rowsOn = (kind: ResourceKind) => (Object.keys(POLICY) as Action[]).filter((action) => POLICY[action].on === kind);

/** The single conditions a rule is made of (roles, references, flags), each once. */
const leaves = (cond: Condition): Condition[] => (cond.kind === 'all' || cond.kind === 'any' ? cond.of.flatMap(leaves) : cond.kind === 'not' ? leaves(cond.of) : [cond]);
const leavesOn = (kind: ResourceKind): Condition[] => {
  const seen = new Map<string, Condition>();
  for (const action of rowsOn(kind)) for (const leaf of leaves(POLICY[action].who)) seen.set(JSON.stringify(leaf), leaf);
  return [...seen.values()];
};

/** 'has a SQL form', or why not. */
const sqlFormOf = (compile: () => unknown): string => {
  try {
    compile();
    return 'has a SQL form';
  } catch (err) {
    return (err as Error).message;
  }
};

/**
 * What the forms cannot say in SQL, judged per record only: whether the person acted on is an admin
 * (who may link their login), whose organisation a proposal concerns, its reporting chain (who may
 * act on it), the guarantors of a plan's goal or indicator.
 */
const PER_RECORD_ONLY: Record<KindName, { rows: Action[]; conditions: string[] }> = {
  Person: { rows: ['person.changeSubject'], conditions: ['flag "targetIsAdmin"'] },
  Proposal: { rows: ['proposal.changeConcernedOrganisation', 'proposal.transition'], conditions: ['form of "represents"', 'body reference "chain"'] },
  Plan: {
    rows: ['plan.nameGuarantor', 'plan.recordIndicatorValue', 'plan.guaranteeIndicator', 'plan.updateGoalStatus'],
    conditions: ['person reference "guarantor"', 'form of "represents"'],
  },
};

describe.each(KINDS)('%s: the SQL form over the table holds exactly the records the rule admits one by one', (kindName) => {
  test('for every row of the policy on it and every kind of viewer', async () => {
    const kind = described()[kindName];
    const comparable = rowsOn(kindName).filter((action) => sqlFormOf(() => visibleWhere(viewers.coordinator, action, kind.form('r'))) === 'has a SQL form');
    let admitted = 0;
    for (const [who, viewer] of Object.entries(viewers)) {
      const bySql = await throughSql(kind, comparable.map((action) => visibleWhere(viewer, action, kind.form('r'))));
      for (const [i, action] of comparable.entries()) {
        const byRule = oneByOne(kind, (res) => can(viewer, action, res));
        admitted += byRule.length;
        expect([action, who, bySql[i]]).toEqual([action, who, byRule]);
      }
    }
    // The lists the service filters in SQL are among them, and the comparison is not all refusals.
    expect(comparable).toEqual(expect.arrayContaining(rowsOn(kindName).filter((action) => 'hidden' in POLICY[action] && !PER_RECORD_ONLY[kindName].rows.includes(action))));
    expect(admitted).toBeGreaterThan(comparable.length * kind.records.length);
  });

  test('for every single condition those rows are made of, and its negation, every reference and flag of the form among them', async () => {
    const kind = described()[kindName];
    const form = kind.form('r');
    const comparable = leavesOn(kindName).filter((cond) => sqlFormOf(() => conditionSql(cond, viewers.coordinator, form)) === 'has a SQL form');
    const conditions = comparable.flatMap((cond) => [cond, not(cond)]);
    for (const [who, viewer] of Object.entries(viewers)) {
      const bySql = await throughSql(kind, conditions.map((cond) => conditionSql(cond, viewer, form)));
      for (const [i, cond] of conditions.entries()) {
        expect([cond, who, bySql[i]]).toEqual([cond, who, oneByOne(kind, (res) => holds(cond, viewer, res))]);
      }
    }
    // Each reference and flag of the form is judged by some condition: the form holds nothing the rules do not speak of.
    const judged = new Set(comparable.flatMap((c) => ('ref' in c ? [c.ref] : c.kind === 'flag' ? [c.flag] : [])));
    expect([...judged].sort()).toEqual([...Object.keys(form.people ?? {}), ...Object.keys(form.bodies ?? {}), ...Object.keys(form.flags ?? {})].sort());
  });

  test('what the form cannot say is refused by name, for every viewer, never turned into a wrong filter', () => {
    const kind = described()[kindName];
    const form = kind.form('r');
    const refusedRows = rowsOn(kindName).filter((action) => sqlFormOf(() => visibleWhere(viewers.coordinator, action, form)) !== 'has a SQL form');
    expect(refusedRows).toEqual(PER_RECORD_ONLY[kindName].rows);
    const refusedConditions = leavesOn(kindName)
      .map((cond) => sqlFormOf(() => conditionSql(cond, viewers.coordinator, form)))
      .filter((said) => said !== 'has a SQL form');
    expect(refusedConditions.sort()).toEqual(
      PER_RECORD_ONLY[kindName].conditions.map((what) => `The policy's SQL form has no ${what}${what.startsWith('form of') ? " (a body's own rules are judged per record)" : ''}`).sort(),
    );
    for (const action of refusedRows) {
      for (const viewer of Object.values(viewers)) expect(() => visibleWhere(viewer, action, form)).toThrow(/^The policy's SQL form has no /);
    }
  });
});

test('the world tells the rules apart: seats ended or to come, public and non-public bodies, phases, the moment of a hearing', () => {
  const kinds = described();
  const admitted = (kindName: KindName, action: Action, who: string) => oneByOne(kinds[kindName], (res) => can(viewers[who], action, res));
  const A = w.A.id;
  const inA = (kindName: KindName, ids: string[]) => ids.filter((name) => kinds[kindName].records.some((r) => names.get(r.id) === name && r.res.areaId === A));

  // People: the public sees those ever seated in a public body; a member of a non-public body sees its members of any time.
  expect(admitted('Person', 'person.read', 'anonymous')).toEqual(['formerOpen', 'memberB', 'openChair']);
  expect(inA('Person', admitted('Person', 'person.read', 'closedMember'))).toEqual(
    ['closedChair', 'closedGuest', 'closedMember', 'deputy', 'formerClosed', 'formerOpen', 'futureClosed', 'openChair'].sort(),
  );
  // An ended seat and a seat to come give the viewer nothing beyond the public.
  expect(admitted('Person', 'person.read', 'formerClosed')).toEqual(['formerClosed', 'formerOpen', 'memberB', 'openChair']);
  expect(admitted('Person', 'person.read', 'futureClosed')).toEqual(['formerOpen', 'futureClosed', 'memberB', 'openChair']);
  // One login: the coordinator of B sees everyone in B, in A only what its commission seat shows.
  expect(admitted('Person', 'person.read', 'twoAreas').filter((name) => !kinds.Person.records.some((r) => names.get(r.id) === name && r.res.areaId !== A))).toEqual(
    ['commissionMember', 'formerOpen', 'openChair', 'twoAreas (A)'],
  );

  // Proposals: the public sees only what was approved in a public group.
  expect(inA('Proposal', admitted('Proposal', 'proposal.read', 'anonymous'))).toEqual(['approved in the public group']);
  // A body that handled a proposal sees it, unless it went back to a draft.
  expect(inA('Proposal', admitted('Proposal', 'proposal.read', 'steeringMember'))).toEqual(
    ['approved in the non-public group', 'approved in the public group', 'non-public group, before the commission', 'public group, before the steering group', 'rejected in the public group'].sort(),
  );
  // The support reads what has left the draft, also with no body in its history.
  expect(inA('Proposal', admitted('Proposal', 'proposal.read', 'support'))).not.toContain('returned to its author by the steering group');
  expect(inA('Proposal', admitted('Proposal', 'proposal.read', 'support'))).toContain('withdrawn without a body');
  // The whole chair's power, delegated, edits the group's proposals; a guest reads them but proposes nothing.
  expect(admitted('Proposal', 'proposal.update', 'deputy')).toEqual(admitted('Proposal', 'proposal.update', 'closedChair'));
  expect(admitted('Proposal', 'proposal.read', 'closedGuest')).toContain('draft in the non-public group');

  // Plans: the public reads the adopted ones, and the draft under a hearing open at the moment (opening at it, not closing at it).
  expect(admitted('Plan', 'plan.read', 'anonymous')).toEqual(['adopted, a hearing still running', 'adopted, its hearing long closed', 'of area B, adopted']);
  expect(admitted('Plan', 'hearing.read', 'anonymous')).toEqual(
    ['a draft, its hearing opening this moment', 'adopted, a hearing still running', 'adopted, its hearing long closed', 'in approval, its hearing open', 'of area B, adopted', 'of area B, its hearing open'].sort(),
  );
  // A seat counts in its area only, and only while it lasts.
  expect(inA('Plan', admitted('Plan', 'plan.read', 'formerClosed'))).toEqual(['adopted, a hearing still running', 'adopted, its hearing long closed']);
  expect(inA('Plan', admitted('Plan', 'plan.read', 'memberB'))).toEqual(['adopted, a hearing still running', 'adopted, its hearing long closed']);
  expect(admitted('Plan', 'plan.read', 'closedGuest')).toHaveLength(9);
});

// ── The builders on their own ─────────────────────────────────────────────────────────────────

describe('the builders describe a record as the rules speak of it', () => {
  test('an agenda item\'s presenter attaches materials to its meeting; without one named, nobody does as presenter', () => {
    const { closedGroup } = w.bodies;
    const { closedMember } = w.people;
    const presented = bodyResource(closedGroup, { presenterId: closedMember.id });
    expect(can(viewers.closedMember, 'meeting.attachMaterial', presented)).toBe(true);
    expect(can(viewers.closedMember, 'meeting.attachMaterial', bodyResource(closedGroup))).toBe(false);
    expect(can(viewers.closedMember, 'meeting.attachMaterial', bodyResource(closedGroup, { presenterId: null }))).toBe(false);
    expect(can(viewers.author, 'meeting.attachMaterial', presented)).toBe(false);
  });

  test('nobody seats themselves, grants themselves a role or a delegation: the seat, role or delegation names its person', () => {
    const { closedGroup } = w.bodies;
    const { coordinator, author, deputy, closedChair } = w.people;
    expect(can(viewers.coordinator, 'membership.add', seatResource(closedGroup, author.id))).toBe(true);
    expect(can(viewers.coordinator, 'membership.add', seatResource(closedGroup, coordinator.id))).toBe(false);
    expect(can(viewers.admin, 'membership.add', seatResource(closedGroup, coordinator.id))).toBe(true);
    expect(can(viewers.coordinatorB, 'membership.add', seatResource(closedGroup, author.id))).toBe(false);
    expect(can(viewers.coordinator, 'role.grant', roleResource(w.A.id, author.id))).toBe(true);
    expect(can(viewers.coordinator, 'role.grant', roleResource(w.A.id, coordinator.id))).toBe(false);
    expect(can(viewers.closedChair, 'delegation.grant', delegationResource(closedGroup, deputy.id))).toBe(true);
    expect(can(viewers.closedChair, 'delegation.grant', delegationResource(closedGroup, closedChair.id))).toBe(false);
  });

  test('something of an area as a whole is judged in that area; what all areas share in none', () => {
    expect(can(viewers.coordinator, 'person.create', inArea(w.A.id))).toBe(true);
    expect(can(viewers.coordinator, 'person.create', inArea(w.B.id))).toBe(false);
    expect(can(viewers.twoAreas, 'person.create', inArea(w.B.id))).toBe(true);
    expect(can(viewers.twoAreas, 'person.create', inArea(w.A.id))).toBe(false);
    expect(SHARED).toStrictEqual({ areaId: null });
  });

  test('a notice is marked read by the person it is addressed to, in its area', () => {
    const notice = notificationResource({ areaId: w.B.id, personId: w.people.twoAreasB.id });
    expect(can(viewers.twoAreas, 'notification.markRead', notice)).toBe(true);
    expect(can(viewers.coordinatorB, 'notification.markRead', notice)).toBe(false);
    expect(can(viewers.twoAreas, 'notification.markRead', notificationResource({ areaId: w.B.id, personId: w.people.coordinatorB.id }))).toBe(false);
  });

  test('a guarantor is a person named or a person of an organisation named; a municipality named alone makes nobody one', () => {
    const { guarantor, author } = w.people;
    const named = (...who: Array<{ personId?: string; organisationId?: string }>) =>
      planResource(w.A.id, guarantorsOf(who.map((g) => ({ personId: g.personId ?? null, organisationId: g.organisationId ?? null }))));
    const municipalityAlone = { personId: null, organisationId: null };
    expect(guarantorsOf([municipalityAlone])).toStrictEqual({ guarantorIds: [], guarantorOrganisationIds: [] });
    expect(guarantorsOf([{ personId: author.id, organisationId: null }, municipalityAlone, { personId: null, organisationId: w.provider.id }])).toStrictEqual({
      guarantorIds: [author.id],
      guarantorOrganisationIds: [w.provider.id],
    });
    for (const action of ['plan.recordIndicatorValue', 'plan.guaranteeIndicator', 'plan.updateGoalStatus'] as Action[]) {
      expect([action, can(viewers.author, action, named({ personId: author.id }))]).toEqual([action, true]);
      expect([action, can(viewers.guarantor, action, named({ organisationId: w.provider.id }))]).toEqual([action, true]);
      expect([action, can(viewers.guarantor, action, named({}))]).toEqual([action, false]);
      expect([action, can(viewers.author, action, named({ organisationId: w.provider.id }, { personId: guarantor.id }))]).toEqual([action, false]);
    }
    // Nobody names themselves, or an organisation they represent.
    expect(can(viewers.coordinator, 'plan.nameGuarantor', named({ personId: guarantor.id }))).toBe(true);
    expect(can(viewers.coordinator, 'plan.nameGuarantor', named({ personId: w.people.coordinator.id }))).toBe(false);
  });

  test('a hearing running for an adopted plan is no hearing open: its text is public as adopted', () => {
    expect(holds(flag('hearingOpen'), viewers.anonymous, planResource(w.A.id, { hearingOpen: true }))).toBe(true);
    expect(holds(flag('hearingOpen'), viewers.anonymous, planResource(w.A.id, { hearingOpen: true, adopted: true }))).toBe(false);
    expect(holds(flag('adopted'), viewers.anonymous, planResource(w.A.id, { hearingOpen: true, adopted: true }))).toBe(true);
  });

  test('the members of the bodies a proposal goes through on its chain act on it', () => {
    const { closedGroup, steering, commission } = w.bodies;
    const submitted = { areaId: w.A.id, phase: ProposalPhase.IN_REVIEW, author: w.people.closedMember, workingGroup: closedGroup, currentBody: closedGroup };
    expect(can(viewers.steeringMember, 'proposal.transition', proposalResource(submitted, { chain: [closedGroup, steering] }))).toBe(true);
    expect(can(viewers.steeringMember, 'proposal.transition', proposalResource(submitted))).toBe(false);
    expect(can(viewers.commissionMember, 'proposal.transition', proposalResource(submitted, { chain: [closedGroup, steering] }))).toBe(false);
    expect(can(viewers.commissionMember, 'proposal.transition', proposalResource({ ...submitted, currentBody: null }, { chain: [commission] }))).toBe(true);
  });

  test('a record with none of a kind of reference names none: no person or body is made up', () => {
    const A = w.A.id;
    const { closedGroup } = w.bodies;
    expect(personResource({ id: w.people.outsider.id, areaId: A })).toStrictEqual({
      areaId: A,
      people: { self: [w.people.outsider.id] },
      bodies: { seatBodies: [] },
      flags: { seatedInPublicBody: false, targetIsAdmin: false },
    });
    expect(proposalResource({ areaId: A, phase: ProposalPhase.DRAFT, author: { id: w.people.author.id }, workingGroup: { id: closedGroup.id }, currentBody: null })).toStrictEqual({
      areaId: A,
      people: { author: [w.people.author.id] },
      bodies: { workingGroup: [{ id: closedGroup.id }], currentBody: [], handledBodies: [], chain: [] },
      flags: { draft: true, approvedInPublicGroup: false },
    });
    expect(planResource(A)).toStrictEqual({ areaId: A, people: { guarantor: [] }, organisations: { guarantor: [] }, flags: { adopted: false, hearingOpen: false } });
    expect(bodyResource(closedGroup).people).toStrictEqual({ presenter: [] });
  });
});
