import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { allow, type IRules } from 'graphql-shield';
import { getMetadataStorage } from 'type-graphql';

type Resolver = GraphQLFieldResolver<unknown, unknown> | undefined;

/**
 * The plain fields of each answer type: fields that only read a property of their parent (nothing
 * loads, nothing throws), take no arguments and are allowed to everyone who got the parent. They
 * alone are served without the permission and argument middleware: graphql-shield would otherwise
 * wrap each such scalar in an asynchronous rule check (for a page of 20 proposals about a thousand
 * promises that decide nothing, and every object of the answer completed asynchronously).
 *
 * A field not listed here always runs through the middleware, whatever it is. A field listed here
 * must stay plain: the service refuses to start when one has arguments, a rule other than `allow`,
 * or a resolver of its own (a @FieldResolver added later), so that whether permissions run on a
 * field is decided here and nowhere else.
 */
export const PLAIN_FIELDS: Readonly<Record<string, readonly string[]>> = {
  ActionPlan: ['id', 'year'],
  AgendaItem: ['id', 'position', 'title', 'late', 'urgencyReason'],
  Area: ['id', 'name', 'kind', 'workflowKey', 'createdAt'],
  AreaRoleAssignment: ['id', 'role', 'validFrom', 'validTo', 'revokedAt'],
  AttendanceRecord: ['status', 'isGuest', 'triadSide', 'votingRight'],
  AvailableTransition: ['event', 'label', 'target', 'allowed', 'refusals', 'requiredInputs', 'reasons'],
  Body: ['id', 'kind', 'name', 'shortName', 'description', 'targetGroup', 'isPublic', 'materialsLeadDays', 'minutesDueDays', 'quorumRule', 'convener', 'minuteTaker'],
  CalendarFeed: ['id', 'personId', 'label', 'createdAt', 'lastUsedAt', 'revokedAt'],
  Delegation: ['id', 'power', 'validFrom', 'validTo', 'revokedAt'],
  DeskHearingComment: ['comment', 'planId'],
  DeskHearingCommentConnection: ['edges', 'pageInfo', 'totalCount'],
  DeskHearingCommentEdge: ['cursor', 'node'],
  DeskIndicatorValueDue: ['indicator', 'planId', 'dueOn'],
  DeskIndicatorValueDueConnection: ['edges', 'pageInfo', 'totalCount'],
  DeskIndicatorValueDueEdge: ['cursor', 'node'],
  DeskMaterialsDue: ['item', 'meeting', 'dueOn', 'overdue'],
  DeskMaterialsDueConnection: ['edges', 'pageInfo', 'totalCount'],
  DeskMaterialsDueEdge: ['cursor', 'node'],
  DeskMeetingEvent: ['event', 'label', 'allowed', 'refusals', 'requiredInputs'],
  DeskMeetingToRun: ['meeting', 'body', 'events'],
  DeskMeetingToRunConnection: ['edges', 'pageInfo', 'totalCount'],
  DeskMeetingToRunEdge: ['cursor', 'node'],
  DeskMinutesDue: ['meeting', 'body', 'event', 'label', 'dueOn', 'overdue'],
  DeskMinutesDueConnection: ['edges', 'pageInfo', 'totalCount'],
  DeskMinutesDueEdge: ['cursor', 'node'],
  DeskProposalToMove: ['proposal', 'transitions'],
  DeskProposalToMoveConnection: ['edges', 'pageInfo', 'totalCount'],
  DeskProposalToMoveEdge: ['cursor', 'node'],
  DeskProposalWaiting: ['proposal', 'waitingOn'],
  DeskProposalWaitingConnection: ['edges', 'pageInfo', 'totalCount'],
  DeskProposalWaitingEdge: ['cursor', 'node'],
  ExportedDocument: ['fileName', 'mediaType', 'encoding', 'content', 'sizeBytes', 'sha256'],
  GoalGuarantor: ['id'],
  HearingComment: ['id', 'authorName', 'text', 'decision', 'justification', 'submittedAt'],
  HearingDraft: ['id', 'title', 'yearFrom', 'yearTo', 'status', 'priorities', 'swot', 'solutionVariants'],
  HearingDraftGoal: ['id', 'position', 'title', 'measures'],
  HearingDraftIndicator: ['id', 'name', 'unit', 'baselineValue', 'baselineDate', 'targetValue', 'targetDate', 'direction', 'reportingPeriod'],
  HearingDraftMeasure: ['id', 'position', 'title', 'description', 'indicators'],
  HearingDraftPriority: ['id', 'position', 'title', 'goals'],
  HearingNotice: ['id', 'opensAt', 'closesAt'],
  HearingSettlement: ['comments', 'markdown', 'csv'],
  HistoryVerification: ['valid', 'checkedEvents', 'firstBrokenSeq'],
  Indicator: ['id', 'name', 'unit', 'baselineValue', 'baselineDate', 'targetValue', 'targetDate', 'direction', 'reportingPeriod'],
  IndicatorGuarantor: ['id'],
  IndicatorValue: ['id', 'value', 'measuredOn', 'note', 'correction'],
  IndicatorValueCorrection: ['previousValue', 'previousMeasuredOn', 'reason'],
  IssuedCalendarFeed: ['feed', 'secret', 'url', 'bodyUrlTemplate'],
  Material: ['id', 'name', 'mediaType', 'sizeBytes', 'sha256', 'version', 'uploadedAt', 'downloadPath'],
  Meeting: ['id', 'title', 'startsAt', 'endsAt', 'place', 'onlineLink', 'status', 'version', 'nextMeetingDate', 'cancelReason', 'convenedAt'],
  MeetingConnection: ['edges', 'pageInfo', 'totalCount'],
  MeetingEdge: ['cursor', 'node'],
  Membership: ['id', 'role', 'triadSide', 'votingRight', 'validFrom', 'validTo'],
  Minutes: ['version', 'text', 'draftedAt', 'verifiedAt', 'distributedAt'],
  MinutesRecipient: ['sentAt'],
  Municipality: ['id', 'name', 'population', 'code'],
  Notification: ['id', 'kind', 'title', 'body', 'subjectId', 'subjectKind', 'createdAt', 'readAt'],
  NotificationConnection: ['edges', 'pageInfo', 'totalCount', 'unreadCount'],
  NotificationEdge: ['cursor', 'node'],
  Organisation: ['id', 'name', 'ico', 'createdAt'],
  OrganisationConnection: ['edges', 'pageInfo', 'totalCount'],
  OrganisationEdge: ['cursor', 'node'],
  PageInfo: ['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor'],
  Person: ['id', 'erased', 'erasedAt'],
  PersonConnection: ['edges', 'pageInfo', 'totalCount'],
  PersonEdge: ['cursor', 'node'],
  PersonalDataExport: ['personId', 'exportedAt', 'coverage', 'document'],
  Plan: ['id', 'title', 'yearFrom', 'yearTo', 'status', 'proposalId', 'adoptedAt', 'inForceYears', 'textClosed'],
  PlanGoal: ['id', 'position', 'title', 'status', 'statusComment'],
  PlanMeasure: ['id', 'position', 'title', 'description'],
  PlanPriority: ['id', 'position', 'title'],
  PlanRisk: ['id', 'riskArea', 'description', 'probability', 'impact', 'score', 'mitigation', 'owner', 'reviewDate'],
  PlanStakeholder: ['id', 'name', 'description', 'influence', 'interest', 'quadrant', 'approach'],
  ProjectIntent: ['id', 'measureId', 'title', 'responsibleOrganisation', 'budgetCzk', 'fundingSources', 'startsOn', 'endsOn', 'status', 'monitoringNote', 'proposalId'],
  ProjectIntentReport: ['id', 'statusFrom', 'statusTo', 'note', 'reportedOn'],
  Proposal: ['id', 'kind', 'title', 'summary', 'text', 'state', 'phase', 'decidedAt', 'version', 'workflowKey', 'workflowVersion', 'commissionRecommendation', 'councilResolution', 'assemblyResolution', 'submittedAt', 'createdAt', 'updatedAt'],
  ProposalConnection: ['edges', 'pageInfo', 'totalCount'],
  ProposalEdge: ['cursor', 'node'],
  ProposalMigration: ['dryRun', 'moves'],
  ProposalMove: ['proposalId', 'proposal', 'fromState', 'toState', 'refusal'],
  ProposalMoveRefusal: ['code', 'message'],
  Provider: ['emails', 'phones', 'websites', 'id', 'ico', 'name', 'legalFormCode', 'legalForm', 'address', 'updatedAt'],
  ProviderConnection: ['edges', 'pageInfo', 'totalCount'],
  ProviderEdge: ['cursor', 'node'],
  ProviderRegisterImport: ['id', 'sha256', 'sizeBytes', 'providersInFile', 'servicesInFile', 'providersCreated', 'providersUpdated', 'providersUnchanged', 'servicesCreated', 'servicesUpdated', 'servicesUnchanged', 'servicesEnded', 'importedAt'],
  PublicHearing: ['id', 'opensAt', 'closesAt'],
  Quorum: ['presentVoting', 'totalVoting', 'required', 'reached'],
  Refusal: ['code', 'message'],
  RegisterAddress: ['street', 'houseNumber', 'orientationNumber', 'postcode', 'municipalityCode', 'addressPointCode', 'text'],
  Resolution: ['id', 'number', 'text', 'votesFor', 'votesAgainst', 'votesAbstain', 'adopted', 'event'],
  ServiceCapacity: ['count', 'unit', 'description'],
  ServiceFacility: ['name', 'address', 'addressWithheld', 'providedFrom', 'providedTo'],
  ServiceForm: ['form', 'continuous', 'capacities'],
  ServiceTargetGroup: ['code', 'label'],
  SocialService: ['emails', 'phones', 'websites', 'id', 'identifier', 'serviceType', 'serviceTypeLabel', 'name', 'providedFrom', 'providedTo', 'active', 'removedAt', 'targetGroups', 'forms', 'facilities', 'municipalityCodes'],
  SocialServiceTypeInfo: ['type', 'paragraph', 'registerCode', 'label', 'labelCs', 'labelEn'],
  SolutionVariant: ['id', 'position', 'title', 'description', 'chosen'],
  SwotItem: ['id', 'kind', 'text'],
  TriadRepresentation: ['present', 'missing', 'complete'],
  Viewer: ['authenticated', 'subject', 'isGlobalAdmin'],
  WorkflowBodyEvent: ['event', 'from', 'to', 'label'],
  WorkflowBodyResponsibility: ['body', 'stages', 'events'],
  WorkflowDefinition: ['key', 'version', 'areaId', 'name', 'nameCs', 'nameEn', 'hearingRule', 'initial', 'stages', 'transitions', 'mermaid'],
  WorkflowDraft: ['id', 'areaId', 'key', 'basedOnVersion', 'revision', 'publishedVersion', 'definition', 'updatedAt'],
  WorkflowPreview: ['draft', 'mermaid', 'problems', 'bodies'],
  WorkflowProblem: ['code', 'path', 'message'],
  WorkflowEvent: ['seq', 'event', 'fromState', 'toState', 'actorRole', 'actorTriadSide', 'reason', 'resolutionNumber', 'occurredAt', 'workflowChange', 'hash'],
  WorkflowGuard: ['name', 'params'],
  WorkflowStage: ['key', 'label', 'labelCs', 'labelEn', 'bodyKind', 'final', 'phase'],
  WorkflowTransition: ['event', 'from', 'to', 'label', 'guards', 'effects', 'returns'],
};

/** The rule graphql-shield applies to `type.field`: the field's own, the type's wildcard, or the type's. */
function ruleOf(rules: IRules, type: string, field: string): unknown {
  const typeRule: unknown = (rules as Record<string, unknown>)[type];
  if (typeRule === null || typeof typeRule !== 'object' || Object.getPrototypeOf(typeRule) !== Object.prototype) return typeRule;
  const map = typeRule as Record<string, unknown>;
  return map[field] ?? map['*'];
}

/** `Type.field` of every field that has a resolver of its own (a @FieldResolver or a method). */
function fieldsWithResolvers(): Set<string> {
  const storage = getMetadataStorage();
  const names = new Map(storage.objectTypes.map((o) => [o.target, o.name]));
  return new Set(
    storage.fieldResolvers.map((r) => {
      const target = r.getObjectType?.();
      return `${(target && names.get(target)) ?? '?'}.${r.schemaName}`;
    }),
  );
}

/** Why each declared plain field is not plain in `schema` under `rules` (none when all are). */
export function plainFieldProblems(schema: GraphQLSchema, rules: IRules, plain: Readonly<Record<string, readonly string[]>> = PLAIN_FIELDS): string[] {
  const resolved = fieldsWithResolvers();
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  const problems: string[] = [];
  for (const [typeName, fields] of Object.entries(plain)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type) || roots.has(type)) {
      problems.push(`${typeName} is not an answer type of the schema`);
      continue;
    }
    for (const fieldName of fields) {
      const key = `${typeName}.${fieldName}`;
      const field = type.getFields()[fieldName];
      if (!field) problems.push(`${key} is not a field`);
      else if (field.args.length > 0) problems.push(`${key} takes arguments`);
      else if (resolved.has(key)) problems.push(`${key} has a resolver of its own`);
      else if (ruleOf(rules, typeName, fieldName) !== allow) problems.push(`${key} has a rule other than allow`);
    }
  }
  return problems;
}

/**
 * Applies the permission and argument middleware with `wrap`, then puts type-graphql's own
 * resolver back on the declared plain fields (PLAIN_FIELDS), after checking that each of them is
 * plain: a declared field that is not throws here, at start-up. Every other field keeps the whole
 * wrapping (and its error masking).
 */
export function unwrapPlainFields(
  schema: GraphQLSchema,
  rules: IRules,
  wrap: (schema: GraphQLSchema) => GraphQLSchema,
  plain: Readonly<Record<string, readonly string[]>> = PLAIN_FIELDS,
): GraphQLSchema {
  const problems = plainFieldProblems(schema, rules, plain);
  if (problems.length > 0) throw new Error(`Fields declared plain in src/auth/plain-fields.ts are not: ${problems.join('; ')}`);
  const original = new Map<string, Resolver>();
  for (const [typeName, fields] of Object.entries(plain)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    for (const fieldName of fields) original.set(`${typeName}.${fieldName}`, type.getFields()[fieldName].resolve);
  }
  const wrapped = wrap(schema);
  for (const [key, resolve] of original) {
    const [typeName, fieldName] = key.split('.') as [string, string];
    const type = wrapped.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (field) field.resolve = resolve;
  }
  return wrapped;
}
