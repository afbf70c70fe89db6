import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { ActionPlanResolver, PlanActionPlansResolver, ProjectIntentReportResolver, ProjectIntentResolver } from '../resolvers/action-plan.resolver';
import { AgendaItemResolver, AttendanceResolver } from '../resolvers/agenda-item.resolver';
import { AreaRoleResolver } from '../resolvers/area-role.resolver';
import { AreaResolver } from '../resolvers/area.resolver';
import { BodyResolver } from '../resolvers/body.resolver';
import { DelegationResolver } from '../resolvers/delegation.resolver';
import { DeskResolver } from '../resolvers/desk.resolver';
import { ExportResolver } from '../resolvers/export.resolver';
import { CalendarFeedResolver } from '../resolvers/calendar-feed.resolver';
import { AgendaItemMaterialsResolver, MaterialResolver, ProposalMaterialsResolver } from '../resolvers/material.resolver';
import { LiveResolver } from '../resolvers/live.resolver';
import { WorkflowDraftResolver } from '../resolvers/workflow-draft.resolver';
import { HearingCommentsResolver, HearingNoticeResolver, HearingResolver, PlanHearingResolver } from '../resolvers/hearing.resolver';
import { MeetingResolver } from '../resolvers/meeting.resolver';
import { MembershipResolver } from '../resolvers/membership.resolver';
import { MeetingMinutesResolver, MinutesRecipientResolver, MinutesResolver } from '../resolvers/minutes.resolver';
import { NotificationResolver } from '../resolvers/notification.resolver';
import { OrganisationResolver } from '../resolvers/organisation.resolver';
import { PersonResolver } from '../resolvers/person.resolver';
import { PersonalDataResolver } from '../resolvers/personal-data.resolver';
import { PlanRegisterResolver } from '../resolvers/plan-register.resolver';
import {
  GoalGuarantorResolver,
  IndicatorGuarantorResolver,
  IndicatorResolver,
  IndicatorValueResolver,
  PlanGoalResolver,
  PlanMeasureResolver,
  PlanPriorityResolver,
  PlanResolver,
} from '../resolvers/plan.resolver';
import { ProposalResolver } from '../resolvers/proposal.resolver';
import { ProviderResolver, SocialServiceResolver } from '../resolvers/provider.resolver';
import { WorkflowDefinitionResolver } from '../resolvers/workflow-definition.resolver';
import { WorkflowEventResolver } from '../resolvers/workflow-event.resolver';
import { ViewerResolver } from '../resolvers/viewer.resolver';

export const resolvers = [
  ViewerResolver,
  AreaResolver,
  PersonResolver,
  OrganisationResolver,
  AreaRoleResolver,
  BodyResolver,
  MembershipResolver,
  DelegationResolver,
  ProposalResolver,
  DeskResolver,
  WorkflowEventResolver,
  WorkflowDefinitionResolver,
  WorkflowDraftResolver,
  MeetingResolver,
  AgendaItemResolver,
  AttendanceResolver,
  MinutesResolver,
  MinutesRecipientResolver,
  MeetingMinutesResolver,
  MaterialResolver,
  AgendaItemMaterialsResolver,
  ProposalMaterialsResolver,
  NotificationResolver,
  PlanResolver,
  PlanPriorityResolver,
  PlanGoalResolver,
  GoalGuarantorResolver,
  IndicatorGuarantorResolver,
  PlanMeasureResolver,
  IndicatorResolver,
  IndicatorValueResolver,
  PlanRegisterResolver,
  HearingResolver,
  PlanHearingResolver,
  HearingCommentsResolver,
  HearingNoticeResolver,
  ActionPlanResolver,
  PlanActionPlansResolver,
  ProjectIntentResolver,
  ProjectIntentReportResolver,
  ProviderResolver,
  SocialServiceResolver,
  PersonalDataResolver,
  ExportResolver,
  CalendarFeedResolver,
  LiveResolver,
] as const;

/** type-graphql's topic bus, which no subscription here uses. */
const NO_TOPICS: PubSub = {
  publish() {
    throw new Error('subscriptions here are fed by change signals, not topics');
  },
  subscribe() {
    throw new Error('subscriptions here are fed by change signals, not topics');
  },
};

/** The schema without permissions: what `schema.graphql` shows. */
export async function buildTriadaSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    // GraphQL already admits only declared fields; class-validator checks their values.
    validate: { forbidUnknownValues: true },
    emitSchemaFile: false,
    // Every subscription brings its own `subscribe` (src/services/live.service.ts, fed by the
    // database's change signals); type-graphql asks for a topic bus all the same, and none is used.
    pubSub: NO_TOPICS,
  });
}
