import { allow, and, deny, rule, shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '../context';
import { AppError, ErrorCode, forbidden, serviceUnavailable, unauthenticated } from '../errors/app-errors';
import { isDatabaseUnavailable } from '../errors/database-unavailable';
import type { PersonType } from '../schema/person.type';

/**
 * The coarse permission layer: a rule for every object type and operation, deny for anything not
 * listed. Fine checks on the loaded objects (which area, which body) are in the services.
 */

const isAuthenticated = rule({ cache: 'contextual' })((_parent, _args, ctx: RequestContext) =>
  ctx.viewer.isAuthenticated ? true : unauthenticated(ctx.locale),
);

const isGlobalAdmin = rule({ cache: 'contextual' })((_parent, _args, ctx: RequestContext) =>
  ctx.viewer.isGlobalAdmin
    ? true
    : forbidden(ctx.locale, { cs: 'Jen pro hlavního správce.', en: 'Global admins only.' }),
);

/** E-mail, phone and login subject of a person. */
const seesContacts = rule({ cache: 'strict' })((person: PersonType, _args, ctx: RequestContext) =>
  ctx.viewer.seesContactsOf(person.areaId, person.id)
    ? true
    : forbidden(ctx.locale, {
        cs: 'Kontaktní údaje vidí jen správce a koordinátor oblasti a osoba sama.',
        en: "Contact details are visible only to the area's admins and coordinators and to the person.",
      }),
);

export const permissionRules: IRules = {
  Query: {
    me: allow,
    areas: allow,
    area: allow,
    body: allow,
    person: allow,
    // The area's people (and global admins); checked in the service.
    organisations: allow,
    organisation: allow,
    proposal: allow,
    proposals: allow,
    verifyHistory: allow,
    workflowDefinitions: allow,
    meeting: allow,
    meetings: allow,
    myNotifications: allow,
    plans: allow,
    plan: allow,
    planInForce: allow,
    hearingSettlement: allow,
    exportPlan: allow,
    // The provider catalogue is public: organisations and their public contacts.
    providers: allow,
    provider: allow,
    socialServiceTypes: allow,
    // The person themselves or the area's admins; checked on the person in the service.
    personalDataExport: isAuthenticated,
  },
  Mutation: {
    createArea: and(isAuthenticated, isGlobalAdmin),
    updateArea: isAuthenticated,
    addMunicipality: isAuthenticated,
    createPerson: isAuthenticated,
    updatePerson: isAuthenticated,
    // The area's admins and coordinators; checked in the service.
    createOrganisation: isAuthenticated,
    updateOrganisation: isAuthenticated,
    grantAreaRole: isAuthenticated,
    revokeAreaRole: isAuthenticated,
    createBody: isAuthenticated,
    updateBody: isAuthenticated,
    addMembership: isAuthenticated,
    endMembership: isAuthenticated,
    createProposal: isAuthenticated,
    updateProposal: isAuthenticated,
    transitionProposal: isAuthenticated,
    scheduleMeeting: isAuthenticated,
    updateMeeting: isAuthenticated,
    conveneMeeting: isAuthenticated,
    holdMeeting: isAuthenticated,
    cancelMeeting: isAuthenticated,
    addAgendaItem: isAuthenticated,
    moveAgendaItem: isAuthenticated,
    recordAttendance: isAuthenticated,
    recordResolution: isAuthenticated,
    draftMinutes: isAuthenticated,
    verifyMinutes: isAuthenticated,
    distributeMinutes: isAuthenticated,
    attachMaterial: isAuthenticated,
    markNotificationRead: isAuthenticated,
    createPlan: isAuthenticated,
    addPriority: isAuthenticated,
    addGoal: isAuthenticated,
    addMeasure: isAuthenticated,
    addIndicator: isAuthenticated,
    assignGoalGuarantor: isAuthenticated,
    removeGoalGuarantor: isAuthenticated,
    assignIndicatorGuarantor: isAuthenticated,
    removeIndicatorGuarantor: isAuthenticated,
    recordIndicatorValue: isAuthenticated,
    updateGoalStatus: isAuthenticated,
    addRisk: isAuthenticated,
    updateRisk: isAuthenticated,
    addStakeholder: isAuthenticated,
    addSwotItem: isAuthenticated,
    addSolutionVariant: isAuthenticated,
    createActionPlan: isAuthenticated,
    addProjectIntent: isAuthenticated,
    reportProjectIntent: isAuthenticated,
    openPublicHearing: isAuthenticated,
    // Anyone may comment during a public hearing, also without signing in.
    submitHearingComment: allow,
    answerHearingComment: isAuthenticated,
    importProviderRegister: isAuthenticated,
    // The area's admins (and global admins); checked on the person in the service.
    erasePerson: isAuthenticated,
  },
  // Objects reach a viewer only through queries that already filtered them by visibility.
  Viewer: allow,
  Area: allow,
  Municipality: allow,
  Body: allow,
  Membership: allow,
  AreaRoleAssignment: allow,
  PersonConnection: allow,
  PersonEdge: allow,
  Organisation: allow,
  OrganisationConnection: allow,
  OrganisationEdge: allow,
  PageInfo: allow,
  Proposal: allow,
  ProposalConnection: allow,
  ProposalEdge: allow,
  AvailableTransition: allow,
  WorkflowEvent: allow,
  HistoryVerification: allow,
  WorkflowDefinition: allow,
  WorkflowStage: allow,
  WorkflowTransition: allow,
  WorkflowGuard: allow,
  Meeting: allow,
  MeetingConnection: allow,
  MeetingEdge: allow,
  AgendaItem: allow,
  AttendanceRecord: allow,
  Quorum: allow,
  TriadRepresentation: allow,
  Resolution: allow,
  Minutes: allow,
  MinutesRecipient: allow,
  Material: allow,
  Notification: allow,
  Plan: allow,
  PlanPriority: allow,
  PlanGoal: allow,
  GoalGuarantor: allow,
  IndicatorGuarantor: allow,
  PlanMeasure: allow,
  Indicator: allow,
  IndicatorValue: allow,
  PlanRisk: allow,
  PlanStakeholder: allow,
  SwotItem: allow,
  SolutionVariant: allow,
  ActionPlan: allow,
  ProjectIntent: allow,
  ProjectIntentReport: allow,
  PublicHearing: allow,
  HearingComment: allow,
  HearingSettlement: allow,
  Provider: allow,
  ProviderConnection: allow,
  ProviderEdge: allow,
  SocialService: allow,
  SocialServiceTypeInfo: allow,
  RegisterAddress: allow,
  ServiceTargetGroup: allow,
  ServiceForm: allow,
  ServiceCapacity: allow,
  ServiceFacility: allow,
  ProviderRegisterImport: allow,
  PersonalDataExport: allow,
  Person: {
    '*': allow,
    email: seesContacts,
    phone: seesContacts,
    subject: seesContacts,
  },
};

/**
 * Domain errors (GraphQLError with a code) pass through unchanged; a rule that said no without an
 * error becomes FORBIDDEN; a database out of reach is SERVICE_UNAVAILABLE; anything else is logged
 * with the request id and masked.
 */
function fallbackError(thrown: unknown, _parent: unknown, _args: unknown, ctx: RequestContext): Error {
  if (thrown instanceof GraphQLError) return thrown;
  if (thrown === null || thrown === undefined) {
    return ctx.viewer.isAuthenticated ? forbidden(ctx.locale) : unauthenticated(ctx.locale);
  }
  if (isDatabaseUnavailable(thrown)) {
    ctx.logger.warn({ err: thrown, requestId: ctx.requestId }, 'database unavailable');
    return serviceUnavailable(ctx.locale);
  }
  ctx.logger.error({ err: thrown, requestId: ctx.requestId }, 'unexpected error in resolver');
  return new AppError(ErrorCode.INTERNAL_SERVER_ERROR, `Internal server error (request ${ctx.requestId})`);
}

export const permissions = shield(permissionRules, {
  fallbackRule: deny,
  allowExternalErrors: false,
  debug: false,
  fallbackError: fallbackError as never,
});
