import { allow, deny, rule, shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../context';
import { AppError, ErrorCode, forbidden, serviceUnavailable, unauthenticated } from '../errors/app-errors';
import { can, forbiddenBy, mayAttempt } from './authority';
import { OPERATION_ACTIONS } from './policy';
import { personResource } from './resources';
import { isDatabaseUnavailable } from '../errors/database-unavailable';
import type { PersonType } from '../schema/person.type';

/**
 * The shield, generated from the policy (src/auth/policy.ts): each operation asks the decision
 * point whether this viewer could possibly be allowed it, before any record is read; everything not
 * listed is denied. The services then ask the same decision point about the record itself.
 */

/** The rule of one operation: public ones pass, the others ask the decision point. */
function operationRule(operation: 'Query' | 'Mutation' | 'Subscription', field: string, action: string) {
  if (action === 'anyone') return allow;
  return rule(`${operation}.${field}`, { cache: 'contextual' })((_parent, _args, ctx: RequestContext) => mayAttempt(ctx, operation, field));
}

const operationRules = (operation: 'Query' | 'Mutation' | 'Subscription') =>
  Object.fromEntries(
    Object.entries(OPERATION_ACTIONS[operation]).map(([field, action]) => [field, operationRule(operation, field, Array.isArray(action) ? 'some' : String(action))]),
  );

/** E-mail, phone and login subject of a person. */
const readsContacts = rule({ cache: 'strict' })((person: PersonType, _args, ctx: RequestContext) =>
  can(ctx.viewer, 'person.readContacts', personResource(person)) ? true : forbiddenBy(ctx, 'person.readContacts'),
);

export const permissionRules: IRules = {
  Query: operationRules('Query'),
  Mutation: operationRules('Mutation'),
  Subscription: operationRules('Subscription'),
  DeskChange: allow,
  // Objects reach a viewer only through queries that already filtered them by the read actions.
  Viewer: allow,
  WorkflowDraft: allow,
  WorkflowProblem: allow,
  WorkflowPreview: allow,
  WorkflowBodyResponsibility: allow,
  WorkflowBodyEvent: allow,
  ProposalMigration: allow,
  ProposalMove: allow,
  ProposalMoveRefusal: allow,
  Area: allow,
  Municipality: allow,
  Body: allow,
  Membership: allow,
  Delegation: allow,
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
  // The desk's sections are judged item by item by the services (each by its own policy row).
  Desk: allow,
  DeskProposalToMove: allow,
  DeskProposalToMoveConnection: allow,
  DeskProposalToMoveEdge: allow,
  DeskProposalWaiting: allow,
  DeskProposalWaitingConnection: allow,
  DeskProposalWaitingEdge: allow,
  DeskMeetingEvent: allow,
  DeskMeetingToRun: allow,
  DeskMeetingToRunConnection: allow,
  DeskMeetingToRunEdge: allow,
  DeskMinutesDue: allow,
  DeskMinutesDueConnection: allow,
  DeskMinutesDueEdge: allow,
  DeskMaterialsDue: allow,
  DeskMaterialsDueConnection: allow,
  DeskMaterialsDueEdge: allow,
  DeskIndicatorValueDue: allow,
  DeskIndicatorValueDueConnection: allow,
  DeskIndicatorValueDueEdge: allow,
  DeskHearingComment: allow,
  DeskHearingCommentConnection: allow,
  DeskHearingCommentEdge: allow,
  Refusal: allow,
  // Made by a query that judged every record in it by its own read rule.
  ExportedDocument: allow,
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
  NotificationConnection: allow,
  NotificationEdge: allow,
  Plan: allow,
  PlanPriority: allow,
  PlanGoal: allow,
  GoalGuarantor: allow,
  IndicatorGuarantor: allow,
  PlanMeasure: allow,
  Indicator: allow,
  IndicatorValue: allow,
  IndicatorValueCorrection: allow,
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
  // Reached only through openHearings (filtered by hearing.read as SQL) and hearingNotice (judged by it).
  HearingNotice: allow,
  HearingDraft: allow,
  HearingDraftPriority: allow,
  HearingDraftGoal: allow,
  HearingDraftMeasure: allow,
  HearingDraftIndicator: allow,
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
  CalendarFeed: allow,
  IssuedCalendarFeed: allow,
  Person: {
    '*': allow,
    email: readsContacts,
    phone: readsContacts,
    subject: readsContacts,
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

/**
 * graphql-middleware wraps a subscription field's per-event resolver, not its `subscribe`: this puts
 * the same operation rule before every subscription starts, so a viewer who could not attempt it
 * is refused before anything is listened for (each event is then read under its read rule).
 */
export function guardSubscriptions(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    const subscribe = field.subscribe;
    if (!subscribe) continue;
    field.subscribe = (source, args, ctx: RequestContext, info) => {
      const allowed = mayAttempt(ctx, 'Subscription', field.name);
      if (allowed !== true) throw allowed;
      return subscribe(source, args, ctx, info);
    };
  }
  return schema;
}

export const permissions = shield(permissionRules, {
  fallbackRule: deny,
  allowExternalErrors: false,
  debug: false,
  fallbackError: fallbackError as never,
});
