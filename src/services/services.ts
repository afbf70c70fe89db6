import { ActionPlanService } from './action-plan.service';
import { AreaRoleService } from './area-role.service';
import { AreaService } from './area.service';
import { BodyService } from './body.service';
import { CalendarFeedService } from './calendar-feed.service';
import { CalendarService } from './calendar.service';
import { DecisionHistoryService } from './decision-history.service';
import { DelegationService } from './delegation.service';
import { DeskService } from './desk.service';
import { HearingService } from './hearing.service';
import { LiveService } from './live.service';
import { MaterialService } from './material.service';
import { MeetingService } from './meeting.service';
import { MembershipService } from './membership.service';
import { MinutesExportService } from './minutes-export.service';
import { MinutesService } from './minutes.service';
import { NotificationService } from './notification.service';
import { OrganisationService } from './organisation.service';
import { PeopleExportService } from './people-export.service';
import { PeopleImportService } from './people-import.service';
import { PersonService } from './person.service';
import { PersonalDataService } from './personal-data.service';
import { PlanExportService } from './plan-export.service';
import { PlanImportService } from './plan-import.service';
import { PlanRegisterService } from './plan-register.service';
import { PlanService } from './plan.service';
import { ProposalService } from './proposal.service';
import { ProviderService } from './provider.service';
import { ResolutionService } from './resolution.service';
import { WorkflowCatalogueService } from './workflow-catalogue.service';
import { WorkflowDraftService } from './workflow-draft.service';
import { WorkflowMigrationService } from './workflow-migration.service';

/** Every service of the application, created once with its dependencies (see createServices). */
export interface Services {
  actionPlans: ActionPlanService;
  areaRoles: AreaRoleService;
  areas: AreaService;
  bodies: BodyService;
  calendar: CalendarService;
  calendarFeeds: CalendarFeedService;
  decisionHistory: DecisionHistoryService;
  delegations: DelegationService;
  desk: DeskService;
  hearings: HearingService;
  live: LiveService;
  materials: MaterialService;
  meetings: MeetingService;
  memberships: MembershipService;
  minutes: MinutesService;
  minutesExport: MinutesExportService;
  notifications: NotificationService;
  organisations: OrganisationService;
  people: PersonService;
  peopleExport: PeopleExportService;
  peopleImport: PeopleImportService;
  personalData: PersonalDataService;
  planExport: PlanExportService;
  planImport: PlanImportService;
  planRegister: PlanRegisterService;
  plans: PlanService;
  proposals: ProposalService;
  providers: ProviderService;
  resolutions: ResolutionService;
  workflows: WorkflowCatalogueService;
  workflowDrafts: WorkflowDraftService;
  workflowMigrations: WorkflowMigrationService;
}

/**
 * The composition root: the one place services are created and wired to what they use. Services
 * hold no state of their own (the request's state travels in its context), so one set serves every
 * request; it reaches resolvers as `ctx.services`. A test or a deployment swaps a service here.
 */
export function createServices(): Services {
  const organisations = new OrganisationService();
  const workflows = new WorkflowCatalogueService();
  const proposals = new ProposalService(organisations, workflows);
  const meetings = new MeetingService();
  const plans = new PlanService(proposals, organisations);
  const planRegister = new PlanRegisterService(plans);
  const actionPlans = new ActionPlanService(plans, proposals);
  const bodies = new BodyService();
  const notifications = new NotificationService();
  const materials = new MaterialService(meetings, proposals);
  const minutes = new MinutesService(meetings);
  const areas = new AreaService(workflows);
  const resolutions = new ResolutionService(meetings, proposals);
  const people = new PersonService(organisations);
  const memberships = new MembershipService(organisations);
  return {
    actionPlans,
    areaRoles: new AreaRoleService(),
    areas,
    bodies,
    calendar: new CalendarService(meetings),
    calendarFeeds: new CalendarFeedService(),
    decisionHistory: new DecisionHistoryService(areas, meetings),
    delegations: new DelegationService(),
    desk: new DeskService(proposals, meetings, minutes, materials),
    hearings: new HearingService(plans, planRegister),
    live: new LiveService(proposals, meetings, bodies, notifications),
    materials,
    meetings,
    memberships,
    minutes,
    minutesExport: new MinutesExportService(meetings, minutes, resolutions, proposals),
    notifications,
    organisations,
    people,
    peopleExport: new PeopleExportService(areas),
    peopleImport: new PeopleImportService(areas, people, organisations, memberships),
    personalData: new PersonalDataService(),
    planExport: new PlanExportService(plans, planRegister, actionPlans),
    planImport: new PlanImportService(areas, plans, planRegister, actionPlans),
    planRegister,
    plans,
    proposals,
    providers: new ProviderService(),
    resolutions,
    workflows,
    workflowDrafts: new WorkflowDraftService(workflows),
    workflowMigrations: new WorkflowMigrationService(workflows, proposals),
  };
}
