import { ActionPlan, ProjectIntent, ProjectIntentReport } from './action-plan.entity';
import { AgendaItem } from './agenda-item.entity';
import { AreaRole } from './area-role.entity';
import { Attendance } from './attendance.entity';
import { Body } from './body.entity';
import { CalendarFeed } from './calendar-feed.entity';
import { Delegation } from './delegation.entity';
import { GlobalAdmin } from './global-admin.entity';
import { Hearing, HearingComment } from './hearing.entity';
import { Material } from './material.entity';
import { Meeting } from './meeting.entity';
import { Membership } from './membership.entity';
import { Minutes } from './minutes.entity';
import { MinutesRecipient } from './minutes-recipient.entity';
import { Municipality } from './municipality.entity';
import { Notification } from './notification.entity';
import { Organisation } from './organisation.entity';
import { Person } from './person.entity';
import { PlanningArea } from './planning-area.entity';
import { PlanRisk, PlanStakeholder, SolutionVariant, SwotItem } from './plan-risk.entity';
import { GoalGuarantor, Indicator, IndicatorGuarantor, IndicatorValue, Plan, PlanGoal, PlanMeasure, PlanPriority } from './plan.entity';
import { Provider, ProviderRegisterImport, SocialService } from './provider.entity';
import { Proposal } from './proposal.entity';
import { Resolution } from './resolution.entity';
import { WorkflowEvent } from './workflow-event.entity';

/** Every entity the ORM maps; the schema itself is defined by migrations/. */
export const entities = [PlanningArea, GlobalAdmin, Municipality, Organisation, Person, AreaRole, Body, Membership, Delegation, Proposal, WorkflowEvent, Meeting, AgendaItem, Attendance, Resolution, Minutes, MinutesRecipient, Material, Notification, Plan, PlanPriority, PlanGoal, GoalGuarantor, PlanMeasure, Indicator, IndicatorGuarantor, IndicatorValue, PlanRisk, PlanStakeholder, Hearing, HearingComment, SwotItem, SolutionVariant, ActionPlan, ProjectIntent, ProjectIntentReport, Provider, SocialService, ProviderRegisterImport, CalendarFeed];
