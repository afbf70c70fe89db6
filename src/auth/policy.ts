import { AreaRoleKind, DelegatedPower, MembershipRole } from '../entities/enums';
import type { Text } from '../i18n/locale';
import {
  all,
  any,
  anyone,
  areaPerson,
  areaRole,
  areaSeat,
  chair,
  convener,
  flag,
  globalAdmin,
  minuteTaker,
  not,
  represents,
  seat,
  self,
  signedIn,
  type Condition,
} from './conditions';

/**
 * WHO MAY DO WHAT — the one declared policy of Triáda (../shared/DESIGN.md §6a).
 *
 * Every action of the service (each mutation, each workflow event, each sensitive read) has one
 * row: which resource it acts on, who may do it, and what a refused viewer is told. Nothing else in
 * the code decides who may do what: the shield (src/auth/permissions.ts), the services, the list
 * queries and the workflow guards ask the decision point (src/auth/authority.ts), which answers
 * these rows for one record (`can`) and as a SQL filter for lists (`visibleWhere`), from the same
 * rule. Workflow guards then add the rules of the moment (a triad present, a reason given, the
 * public hearing settled), and who may fire each workflow event is named by the area's workflow
 * definition (src/workflows/*.workflow.ts), judged with the same vocabulary.
 *
 * How to read a row:
 * - `on`: the resource (what the rule's "self", "body", "author", … refer to).
 * - `who`: the condition, in the vocabulary of src/auth/conditions.ts. The scope follows from it:
 *   an area role counts in the resource's area; a seat or a chair in the named body; `self` is
 *   the viewer's own record; a global admin everywhere. Roles and seats count only on days their
 *   term covers; a chair's power counts also for whoever the chair delegated it to, within the
 *   delegation's term (deputies, a secretary convening, a member verifying minutes).
 * - `hidden`: a refused viewer is told NOT_FOUND, as if the record did not exist (reads).
 *   Otherwise a refusal is FORBIDDEN with the row's `says` (UNAUTHENTICATED without a token), and
 *   another area's record is NOT_FOUND for anyone who is not a person of that area.
 */

/** The area's admins (global admins count as admins of every area) and coordinators. */
const MANAGERS = areaRole(AreaRoleKind.ADMIN, AreaRoleKind.COORDINATOR);
/** Any area role: they read the whole organisation of the area. */
const AREA_ROLES = areaRole(AreaRoleKind.ADMIN, AreaRoleKind.COORDINATOR, AreaRoleKind.SUPPORT, AreaRoleKind.CLERK);
const ADMIN = areaRole(AreaRoleKind.ADMIN);
const SUPPORT = areaRole(AreaRoleKind.SUPPORT);
/** Plans are prepared by the coordinator with the support organisation (TOZ), people of the area (their acts are recorded under their name). */
const PLANNERS = all(areaPerson, any(MANAGERS, SUPPORT));
/** Seats of members proper: a guest attends and reads, but does not propose. */
const MEMBERS = [MembershipRole.CHAIR, MembershipRole.DEPUTY, MembershipRole.SECRETARY, MembershipRole.MEMBER];
/** Who runs a body's meetings: its convener by the body's rules, or someone the chair delegated it to. */
const CONVENES = convener('body');

export type ResourceKind =
  | 'Area'
  | 'Person'
  | 'Organisation'
  | 'AreaRole'
  | 'Body'
  | 'Membership'
  | 'Delegation'
  | 'Proposal'
  | 'Meeting'
  | 'Plan'
  | 'ProviderCatalogue'
  | 'Notification';

export interface PolicyRow {
  on: ResourceKind;
  who: Condition;
  /** Refused viewers are told NOT_FOUND (the record is invisible to them). */
  hidden?: true;
  /** What a refused viewer is told (FORBIDDEN), in Czech and English. */
  says: Text;
}

const row = (on: ResourceKind, who: Condition, says: Text, hidden?: true): PolicyRow => (hidden ? { on, who, says, hidden } : { on, who, says });

const ONLY_MANAGERS: Text = { cs: 'Tuto akci smí provést jen správce nebo koordinátor oblasti.', en: "Only the area's admin or coordinator may do this." };
const ONLY_PLANNERS: Text = { cs: 'Plán upravuje koordinátor nebo podpůrná organizace.', en: 'The coordinator or the support organisation edits the plan.' };
const ONLY_CONVENER: Text = { cs: 'Toto smí jen ten, kdo podle pravidel orgánu svolává jednání.', en: "Only the body's convener may do this." };
const INVISIBLE: Text = { cs: 'Nenalezeno.', en: 'Not found.' };

export const POLICY = {
  // ── Areas ────────────────────────────────────────────────────────────────────────────────
  'area.create': row('Area', globalAdmin, { cs: 'Oblasti zakládá jen hlavní správce.', en: 'Only a global admin creates areas.' }),
  'area.update': row('Area', ADMIN, { cs: 'Oblast upravuje jen její správce.', en: "Only the area's admin may change it." }),
  'area.addMunicipality': row('Area', MANAGERS, ONLY_MANAGERS),

  // ── People ───────────────────────────────────────────────────────────────────────────────
  /**
   * Area roles see everyone; others the people seated in public bodies or in their own bodies, and
   * themselves. A person named in a record the viewer may see (a seat of a visible body, an
   * attendance, a history event, a convener) shows there with their name and side; their contacts
   * only under person.readContacts.
   */
  'person.read': row('Person', any(AREA_ROLES, self('self'), flag('seatedInPublicBody'), seat('seatBodies')), INVISIBLE, true),
  /** E-mail, phone and login subject. */
  'person.readContacts': row('Person', any(MANAGERS, self('self')), {
    cs: 'Kontaktní údaje vidí jen správce a koordinátor oblasti a osoba sama.',
    en: "Contact details are visible only to the area's admins and coordinators and to the person.",
  }),
  'person.create': row('Person', MANAGERS, ONLY_MANAGERS),
  /** Name, organisation and contacts. */
  'person.update': row('Person', any(MANAGERS, self('self')), {
    cs: 'Údaje osoby mění jen správce, koordinátor nebo ona sama.',
    en: "Only the area's admin or coordinator, or the person, may change these details.",
  }),
  /** The organisation a person represents decides conflicts of interest and guarantorships: not the person's own to change. */
  'person.changeOrganisation': row('Person', MANAGERS, {
    cs: 'Organizaci osoby mění jen správce nebo koordinátor.',
    en: "Only an admin or coordinator changes a person's organisation.",
  }),
  /**
   * Linking or changing a login identity (the token subject) hands that person's rights to whoever
   * holds the identity: the area's admin does it, and for a person holding the ADMIN role only a
   * global admin. It is asked also when a new person is created with a subject.
   */
  'person.changeSubject': row('Person', any(all(ADMIN, not(flag('targetIsAdmin'))), globalAdmin), {
    cs: 'Přihlašovací účet osoby propojuje nebo mění jen správce oblasti; u správce jen hlavní správce.',
    en: "Only the area's admin links or changes a person's login; an admin's only a global admin.",
  }),
  'person.erase': row('Person', ADMIN, { cs: 'Osobní údaje maže jen správce oblasti.', en: "Only the area's admin erases personal data." }),
  'person.exportData': row('Person', any(ADMIN, self('self')), {
    cs: 'Osobní údaje vydáváme jen osobě samotné a správci oblasti.',
    en: "Personal data is exported only to the person and to the area's admin.",
  }),

  // ── Organisations (providers, NGOs, town departments) the area's records refer to ─────────
  /** The area's people (and global admins); anyone else sees none. */
  'organisation.read': row('Organisation', any(areaPerson, globalAdmin), INVISIBLE, true),
  'organisation.create': row('Organisation', MANAGERS, ONLY_MANAGERS),
  'organisation.update': row('Organisation', MANAGERS, ONLY_MANAGERS),

  // ── Area roles: granting power is an action of its own, and nobody grants it to themselves ─
  'role.grant': row('AreaRole', all(MANAGERS, not(self('self'))), {
    cs: 'Role přiděluje správce nebo koordinátor oblasti, a to nikdy sám sobě.',
    en: "The area's admin or coordinator grants roles, never to themselves.",
  }),
  'role.grantAdmin': row('AreaRole', all(ADMIN, not(self('self'))), {
    cs: 'Roli správce přiděluje jen správce, a to nikdy sám sobě.',
    en: 'Only an admin grants the admin role, never to themselves.',
  }),
  'role.revoke': row('AreaRole', MANAGERS, ONLY_MANAGERS),
  'role.revokeAdmin': row('AreaRole', ADMIN, { cs: 'Roli správce odebírá jen správce.', en: 'Only an admin revokes the admin role.' }),
  /** An area keeps at least one admin: only a global admin may revoke or erase its last one. */
  'area.leaveWithoutAdmin': row('Area', globalAdmin, { cs: 'Oblast musí mít aspoň jednoho správce.', en: 'The area must keep at least one admin.' }),

  // ── Bodies, seats and delegations ────────────────────────────────────────────────────────
  /** Public bodies to everyone; others to their members and the area roles. */
  'body.read': row('Body', any(flag('public'), AREA_ROLES, seat('body')), INVISIBLE, true),
  'body.create': row('Body', MANAGERS, ONLY_MANAGERS),
  'body.update': row('Body', MANAGERS, ONLY_MANAGERS),
  /** Nobody seats themselves: a seat carries a vote and a side of the triad, and may carry power in the body. */
  'membership.add': row('Membership', all(MANAGERS, not(self('self'))), {
    cs: 'Členství zakládá správce nebo koordinátor oblasti, nikdy sám sobě.',
    en: "The area's admin or coordinator seats people, never themselves.",
  }),
  'membership.end': row('Membership', MANAGERS, ONLY_MANAGERS),
  /** The chair delegates their own powers (or the coordinator records the body's decision), never to themselves. */
  'delegation.grant': row('Delegation', all(any(MANAGERS, seat('body', MembershipRole.CHAIR)), not(self('delegate'))), {
    cs: 'Zastoupení předsedy uděluje předseda orgánu nebo koordinátor, nikdy sám sobě.',
    en: "The body's chair or the coordinator grants a delegation, never to themselves.",
  }),
  /** A delegation's note may say why (a leave, an illness): the managers, the body's chair and the delegate read it. */
  'delegation.readNote': row('Delegation', any(MANAGERS, seat('body', MembershipRole.CHAIR), self('delegate')), INVISIBLE, true),
  'delegation.revoke': row('Delegation', any(MANAGERS, seat('body', MembershipRole.CHAIR), self('delegate')), {
    cs: 'Zastoupení ruší předseda orgánu, koordinátor nebo zástupce sám.',
    en: "The body's chair, the coordinator or the delegate ends a delegation.",
  }),

  // ── Proposals ────────────────────────────────────────────────────────────────────────────
  /**
   * A draft: its author, its working group and the managers. Once submitted, also the area's
   * support and clerk and the members of every body that handled it; approved in a public
   * working group, everyone.
   */
  'proposal.read': row(
    'Proposal',
    any(
      MANAGERS,
      self('author'),
      seat('workingGroup'),
      all(not(flag('draft')), any(areaRole(AreaRoleKind.SUPPORT, AreaRoleKind.CLERK), seat('currentBody'), seat('handledBodies'))),
      flag('approvedInPublicGroup'),
    ),
    INVISIBLE,
    true,
  ),
  'proposal.create': row('Proposal', all(areaPerson, any(seat('workingGroup', ...MEMBERS), MANAGERS)), {
    cs: 'Návrh zakládá člen pracovní skupiny nebo koordinátor.',
    en: 'A member of the working group or the coordinator creates proposals.',
  }),
  'proposal.update': row('Proposal', any(self('author'), chair('workingGroup')), {
    cs: 'Návrh upravuje jeho autor nebo předseda skupiny.',
    en: 'Only the author or the group chair edits a proposal.',
  }),
  /**
   * Which organisation a proposal concerns decides conflicts of interest: its author or the
   * managers name it, and never someone who represents the organisation named before or after.
   */
  'proposal.changeConcernedOrganisation': row('Proposal', all(any(self('author'), MANAGERS), not(represents('concerned'))), {
    cs: 'Dotčenou organizaci mění autor nebo koordinátor, a nikdy ten, kdo ji zastupuje.',
    en: 'The author or the coordinator changes the organisation concerned, never someone who represents it.',
  }),
  /**
   * Firing a workflow event: someone with a part in the proposal. Which events each of them may
   * fire is named by the workflow definition (its `actorIs` guards), judged by the decision point.
   */
  'proposal.transition': row('Proposal', all(areaPerson, any(AREA_ROLES, self('author'), seat('chain'))), {
    cs: 'S tímto návrhem nemůžete nic dělat.',
    en: 'You cannot act on this proposal.',
  }),
  /**
   * Whom a proposal waits on is shown on the desk of its author and of its working group's chair
   * (or whoever holds the chair's power): the people it came from.
   */
  'proposal.follow': row('Proposal', any(self('author'), chair('workingGroup')), INVISIBLE, true),
  'proposal.attachMaterial': row('Proposal', all(areaPerson, any(self('author'), MANAGERS, SUPPORT, chair('workingGroup'))), {
    cs: 'Podklady k návrhu vkládá jeho autor, předseda skupiny, koordinátor nebo podpůrná organizace.',
    en: "The author, the group chair, the coordinator or support attach a proposal's materials.",
  }),

  // ── Meetings and minutes ─────────────────────────────────────────────────────────────────
  /** Public bodies' meetings to everyone; others to the body's members, the managers and support. */
  'meeting.read': row('Meeting', any(flag('public'), MANAGERS, SUPPORT, seat('body')), INVISIBLE, true),
  'meeting.schedule': row('Meeting', CONVENES, ONLY_CONVENER),
  'meeting.update': row('Meeting', CONVENES, ONLY_CONVENER),
  /** Convening is recorded under the convener's name: a person of the area. */
  'meeting.convene': row('Meeting', all(areaPerson, CONVENES), ONLY_CONVENER),
  'meeting.hold': row('Meeting', CONVENES, ONLY_CONVENER),
  'meeting.cancel': row('Meeting', CONVENES, ONLY_CONVENER),
  'meeting.moveAgendaItem': row('Meeting', CONVENES, ONLY_CONVENER),
  'meeting.addAgendaItem': row('Meeting', any(CONVENES, chair('body')), ONLY_CONVENER),
  /** Materials that came after the body's deadline go on the agenda only as urgent, by the chair. */
  'meeting.acceptLateItem': row('Meeting', chair('body'), { cs: 'Naléhavost pozdních podkladů uznává jen předseda.', en: 'Only the chair accepts late materials as urgent.' }),
  /** The council's and the assembly's attendance and resolutions are also recorded by the clerk (their office). */
  'meeting.recordAttendance': row('Meeting', any(CONVENES, seat('body', MembershipRole.SECRETARY), all(flag('councilOrAssembly'), areaRole(AreaRoleKind.CLERK))), ONLY_CONVENER),
  'meeting.recordResolution': row('Meeting', all(areaPerson, any(CONVENES, chair('body'), seat('body', MembershipRole.SECRETARY), all(flag('councilOrAssembly'), areaRole(AreaRoleKind.CLERK)))), {
    cs: 'Usnesení zapisuje svolavatel, předseda nebo tajemník orgánu (rady a zastupitelstva i pracovník úřadu).',
    en: "The body's convener, chair or secretary records resolutions (the council's and the assembly's also the clerk).",
  }),
  'meeting.attachMaterial': row(
    'Meeting',
    all(areaPerson, any(CONVENES, chair('body'), seat('body', MembershipRole.SECRETARY), SUPPORT, self('presenter'))),
    { cs: 'Podklady sem může vložit předkladatel, předseda, svolavatel nebo podpůrná organizace.', en: 'The presenter, the chair, the convener or support attach materials here.' },
  ),
  /** Minutes not yet verified: the body's members, its minute-taker and chair, the managers; everyone who sees the meeting reads them once verified. */
  'minutes.readDraft': row('Meeting', any(MANAGERS, seat('body'), minuteTaker('body'), chair('body', DelegatedPower.VERIFY_MINUTES)), INVISIBLE, true),
  'minutes.draft': row('Meeting', all(areaPerson, minuteTaker('body')), { cs: 'Zápis píše zapisovatel určený pravidly orgánu.', en: "Only the body's minute-taker writes the minutes." }),
  /** The chair, or a member named to verify; never the minutes' author (a rule of the moment, in the meeting workflow). */
  'minutes.verify': row('Meeting', all(areaPerson, chair('body', DelegatedPower.VERIFY_MINUTES)), { cs: 'Zápis ověřuje předseda orgánu.', en: 'The chair verifies the minutes.' }),
  'minutes.distribute': row('Meeting', all(areaPerson, minuteTaker('body')), { cs: 'Zápis rozesílá zapisovatel určený pravidly orgánu.', en: "Only the body's minute-taker distributes the minutes." }),

  // ── Plans ────────────────────────────────────────────────────────────────────────────────
  /** The area's people with a role or a seat; an adopted plan everyone. */
  'plan.read': row('Plan', any(AREA_ROLES, areaSeat, flag('adopted')), INVISIBLE, true),
  'plan.create': row('Plan', all(areaPerson, MANAGERS), { cs: 'Plán zakládá koordinátor.', en: 'The coordinator creates plans.' }),
  /** A plan from another area's export, as a new draft: whoever creates plans (each part is then judged as its mutation is). */
  'plan.import': row('Area', all(areaPerson, MANAGERS), { cs: 'Plán zakládá (i importem) koordinátor.', en: 'The coordinator creates plans, imported ones too.' }),
  /** Structure, indicators, guarantors, registers, analysis, action plans and their intents. */
  'plan.edit': row('Plan', PLANNERS, ONLY_PLANNERS),
  /** A guarantor records values and changes a goal's status: nobody names themselves, or an organisation they represent. */
  'plan.nameGuarantor': row('Plan', all(PLANNERS, not(self('guarantor')), not(represents('guarantor'))), {
    cs: 'Gestora jmenuje koordinátor nebo podpůrná organizace, nikdy sebe ani organizaci, kterou zastupuje.',
    en: 'The coordinator or support names guarantors, never themselves or an organisation they represent.',
  }),
  /** A guarantor is a person named, or a person of an organisation named (by their person record or a seat held today). */
  'plan.recordIndicatorValue': row('Plan', all(areaPerson, any(self('guarantor'), represents('guarantor'), MANAGERS)), {
    cs: 'Hodnoty indikátoru zapisuje jeho gestor nebo koordinátor.',
    en: "Only the indicator's guarantor or the coordinator records its values.",
  }),
  /** Whose desk an indicator's values due are on: its guarantors (a person named, or a person of an organisation named). */
  'plan.guaranteeIndicator': row('Plan', all(areaPerson, any(self('guarantor'), represents('guarantor'))), INVISIBLE, true),
  'plan.updateGoalStatus': row('Plan', all(areaPerson, any(self('guarantor'), represents('guarantor'), MANAGERS)), {
    cs: 'Stav cíle mění jeho gestor nebo koordinátor.',
    en: "Only the goal's guarantor or the coordinator changes its status.",
  }),
  'hearing.open': row('Plan', all(areaPerson, MANAGERS), { cs: 'Veřejné projednání otevírá koordinátor.', en: 'The coordinator opens a public hearing.' }),
  /**
   * The public notice of a hearing and the draft under it (structure, indicators, SWOT, variants —
   * never guarantors, statuses, values, registers or comments; see HearingDraft): anyone, also
   * without signing in, while a hearing of the plan is open, and once the plan is adopted; the
   * area's people with a role or a seat always.
   */
  'hearing.read': row('Plan', any(AREA_ROLES, areaSeat, flag('hearingOpen'), flag('adopted')), INVISIBLE, true),
  /** Anyone, also without signing in, while the hearing is open (limited per client address). */
  'hearing.comment': row('Plan', anyone, INVISIBLE),
  /**
   * The settlement of comments: whoever reads the plan; once the plan is adopted it is the adopted
   * plan's annex, public like its text. While the hearing runs the public does not read others' comments.
   */
  'hearing.readSettlement': row('Plan', any(AREA_ROLES, areaSeat, flag('adopted')), INVISIBLE, true),
  'hearing.answer': row('Plan', MANAGERS, { cs: 'Připomínky vypořádává koordinátor.', en: 'The coordinator answers comments.' }),

  // ── Approval workflows ───────────────────────────────────────────────────────────────────
  /** An area's own workflow: its drafts, their problems and previews, publishing a new version. */
  'workflow.edit': row('Area', ADMIN, { cs: 'Postup schvalování oblasti upravuje jen její správce.', en: "Only the area's admin shapes its approval workflow." }),
  /** Templates every area may choose. */
  'workflow.editTemplate': row('Area', globalAdmin, { cs: 'Šablony postupů schvalování upravuje jen hlavní správce.', en: 'Only a global admin edits workflow templates.' }),
  /** Moving proposals in flight to another version: recorded in each history under the admin's name. */
  'workflow.migrateProposals': row('Area', all(areaPerson, ADMIN), {
    cs: 'Návrhy na jinou verzi postupu převádí jen správce oblasti.',
    en: "Only the area's admin moves proposals to another workflow version.",
  }),

  // ── The record, exported ─────────────────────────────────────────────────────────────────
  /**
   * An area's decision history for a period — proposals with their hash-chained histories, meetings
   * and their resolutions — as a file an auditor verifies offline: whoever holds a role in the area.
   * Each record in it is judged by its own read row (proposal.read, meeting.read), so the file holds
   * no more than the exporter may read anyway; the admins' and coordinators' holds every record.
   */
  'history.export': row('Area', AREA_ROLES, {
    cs: 'Historii rozhodování oblasti vydáváme jen osobám s rolí v oblasti.',
    en: "The area's decision history is exported only to people with a role in the area.",
  }),
  /** People and their seats as a spreadsheet, for the coordinator's records; contacts only under person.readContacts. */
  'people.export': row('Area', MANAGERS, ONLY_MANAGERS),
  /**
   * People and their seats from a spreadsheet (POST /imports/people): whoever creates people and
   * seats in the area. Each row is then judged by person.create, organisation.create and
   * membership.add as if entered one by one (nobody seats themselves).
   */
  'people.import': row('Area', MANAGERS, ONLY_MANAGERS),

  // ── What all areas share ─────────────────────────────────────────────────────────────────
  'provider.read': row('ProviderCatalogue', anyone, INVISIBLE),
  /** The national register is one record for every area: nobody rewrites it from one area. */
  'provider.importRegister': row('ProviderCatalogue', globalAdmin, {
    cs: 'Registr poskytovatelů je společný všem oblastem; nahrává jej jen hlavní správce.',
    en: 'The register of providers is shared by all areas; only a global admin imports it.',
  }),

  // ── The viewer's own ─────────────────────────────────────────────────────────────────────
  /** One's desk (what waits for one across every area and body): whoever is signed in; each item on it is judged by its own row. */
  'desk.read': row('Person', signedIn, { cs: 'Přihlaste se.', en: 'Authentication required.' }),
  'notification.read': row('Notification', signedIn, INVISIBLE),
  'notification.markRead': row('Notification', self('recipient'), INVISIBLE, true),
  /** Every unread notice of one's own at once: whoever is signed in (nothing to mark for someone without a person record). */
  'notification.markAllRead': row('Notification', signedIn, { cs: 'Přihlaste se.', en: 'Authentication required.' }),
  /** Calendar feed links (read-only secrets for calendar applications): each person issues and revokes their own. */
  'calendarFeed.issue': row('Person', self('self'), { cs: 'Odkaz pro kalendář si každý vydává sám.', en: 'Each person issues their own calendar feed links.' }),
  'calendarFeed.revoke': row('Person', self('self'), INVISIBLE, true),
  /** The personal calendar of one's own seats (a feed link or a token). */
  'calendar.readOwn': row('Notification', signedIn, { cs: 'Přihlaste se.', en: 'Authentication required.' }),
} as const satisfies Record<string, PolicyRow>;

export type Action = keyof typeof POLICY;

/**
 * The action each GraphQL operation performs. A mutation missing here fails the schema test and
 * the generated authority test; queries marked `anyone` are public (their results are filtered by
 * the read actions of what they return).
 */
export const OPERATION_ACTIONS: {
  Query: Record<string, Action | 'anyone'>;
  Mutation: Record<string, Action | readonly Action[]>;
  Subscription: Record<string, Action | 'anyone'>;
} = {
  Query: {
    me: 'anyone',
    areas: 'anyone',
    area: 'anyone',
    body: 'body.read',
    person: 'person.read',
    proposal: 'proposal.read',
    proposals: 'proposal.read',
    verifyHistory: 'proposal.read',
    workflowDefinitions: 'anyone',
    workflowDrafts: 'workflow.edit',
    workflowDraft: 'workflow.edit',
    validateWorkflowDraft: 'workflow.edit',
    previewWorkflowDraft: 'workflow.edit',
    meeting: 'meeting.read',
    meetings: 'meeting.read',
    myNotifications: 'anyone',
    notificationInbox: 'anyone',
    plans: 'plan.read',
    plan: 'plan.read',
    planInForce: 'anyone',
    hearingSettlement: 'hearing.readSettlement',
    openHearings: 'hearing.read',
    hearingNotice: 'hearing.read',
    exportPlan: 'plan.read',
    providers: 'provider.read',
    provider: 'provider.read',
    socialServiceTypes: 'anyone',
    personalDataExport: 'person.exportData',
    exportDecisionHistory: 'history.export',
    // The minutes are read as the meeting is (meeting.read), a draft under minutes.readDraft.
    exportMinutes: 'meeting.read',
    exportPeopleAndSeats: 'people.export',
    organisations: 'organisation.read',
    organisation: 'organisation.read',
    // The viewer's own links; empty for the public.
    myCalendarFeeds: 'anyone',
    myDesk: 'desk.read',
  },
  Mutation: {
    createArea: 'area.create',
    updateArea: 'area.update',
    addMunicipality: 'area.addMunicipality',
    createOrganisation: 'organisation.create',
    updateOrganisation: 'organisation.update',
    // With a login subject, also person.changeSubject.
    createPerson: ['person.create', 'person.changeSubject'],
    updatePerson: ['person.update', 'person.changeSubject', 'person.changeOrganisation'],
    grantAreaRole: ['role.grant', 'role.grantAdmin'],
    revokeAreaRole: ['role.revoke', 'role.revokeAdmin'],
    createBody: 'body.create',
    updateBody: 'body.update',
    addMembership: 'membership.add',
    endMembership: 'membership.end',
    grantDelegation: 'delegation.grant',
    revokeDelegation: 'delegation.revoke',
    createProposal: 'proposal.create',
    updateProposal: ['proposal.update', 'proposal.changeConcernedOrganisation'],
    transitionProposal: 'proposal.transition',
    scheduleMeeting: 'meeting.schedule',
    updateMeeting: 'meeting.update',
    conveneMeeting: 'meeting.convene',
    holdMeeting: 'meeting.hold',
    cancelMeeting: 'meeting.cancel',
    addAgendaItem: ['meeting.addAgendaItem', 'meeting.acceptLateItem'],
    moveAgendaItem: 'meeting.moveAgendaItem',
    recordAttendance: 'meeting.recordAttendance',
    recordResolution: 'meeting.recordResolution',
    draftMinutes: 'minutes.draft',
    verifyMinutes: 'minutes.verify',
    distributeMinutes: 'minutes.distribute',
    attachMaterial: ['meeting.attachMaterial', 'proposal.attachMaterial'],
    markNotificationRead: 'notification.markRead',
    markAllNotificationsRead: 'notification.markAllRead',
    createPlan: 'plan.create',
    addPriority: 'plan.edit',
    addGoal: 'plan.edit',
    addMeasure: 'plan.edit',
    addIndicator: ['plan.edit', 'plan.nameGuarantor'],
    assignGoalGuarantor: ['plan.edit', 'plan.nameGuarantor'],
    assignIndicatorGuarantor: ['plan.edit', 'plan.nameGuarantor'],
    removeGoalGuarantor: 'plan.edit',
    removeIndicatorGuarantor: 'plan.edit',
    recordIndicatorValue: 'plan.recordIndicatorValue',
    correctIndicatorValue: 'plan.recordIndicatorValue',
    updateGoalStatus: 'plan.updateGoalStatus',
    addRisk: 'plan.edit',
    updateRisk: 'plan.edit',
    addStakeholder: 'plan.edit',
    addSwotItem: 'plan.edit',
    addSolutionVariant: 'plan.edit',
    createActionPlan: 'plan.edit',
    addProjectIntent: 'plan.edit',
    reportProjectIntent: 'plan.edit',
    openPublicHearing: 'hearing.open',
    submitHearingComment: 'hearing.comment',
    answerHearingComment: 'hearing.answer',
    importProviderRegister: 'provider.importRegister',
    erasePerson: 'person.erase',
    issueCalendarFeed: 'calendarFeed.issue',
    revokeCalendarFeed: 'calendarFeed.revoke',
    createWorkflowDraft: ['workflow.edit', 'workflow.editTemplate'],
    updateWorkflowDraft: ['workflow.edit', 'workflow.editTemplate'],
    publishWorkflowDraft: ['workflow.edit', 'workflow.editTemplate'],
    discardWorkflowDraft: ['workflow.edit', 'workflow.editTemplate'],
    migrateProposals: 'workflow.migrateProposals',
  },
  // Every event of a subscription is read again for its subscriber under the read action of what it sends.
  Subscription: {
    proposalChanged: 'proposal.read',
    meetingChanged: 'meeting.read',
    notificationAdded: 'notification.read',
    myDeskChanged: 'desk.read',
  },
};
