import {
  AreaRoleKind,
  AttendanceStatus,
  GoalStatus,
  Level,
  MeetingStatus,
  MembershipRole,
  PlanStatus,
  ProjectIntentStatus,
  ProposalKind,
  RiskArea,
  StakeholderQuadrant,
  TriadSide,
} from './enums';
import type { Text } from './text';

/**
 * How the documents the service writes for people (the minutes, the decision history as CSV, the
 * list of people and seats, the plan) name the values of its enumerations, in Czech and English: words an
 * office uses, never the enum's name.
 */

export const TRIAD_SIDE_LABEL: Record<TriadSide, Text> = {
  [TriadSide.COMMISSIONER]: { cs: 'Zadavatelé', en: 'Commissioners' },
  [TriadSide.PROVIDER]: { cs: 'Poskytovatelé', en: 'Providers' },
  [TriadSide.SERVICE_USER]: { cs: 'Uživatelé', en: 'Service users' },
  [TriadSide.PUBLIC]: { cs: 'Veřejnost', en: 'Public' },
};

/** Those who attend without a side of the triad (a guest the minute-taker gave none). */
export const NO_TRIAD_SIDE_LABEL: Text = { cs: 'Bez strany triády', en: 'No side of the triad' };

export const MEMBERSHIP_ROLE_LABEL: Record<MembershipRole, Text> = {
  [MembershipRole.CHAIR]: { cs: 'Předseda', en: 'Chair' },
  [MembershipRole.DEPUTY]: { cs: 'Místopředseda', en: 'Deputy chair' },
  [MembershipRole.SECRETARY]: { cs: 'Tajemník', en: 'Secretary' },
  [MembershipRole.MEMBER]: { cs: 'Člen', en: 'Member' },
  [MembershipRole.GUEST]: { cs: 'Host', en: 'Guest' },
};

export const AREA_ROLE_LABEL: Record<AreaRoleKind, Text> = {
  [AreaRoleKind.ADMIN]: { cs: 'Správce', en: 'Admin' },
  [AreaRoleKind.COORDINATOR]: { cs: 'Koordinátor', en: 'Coordinator' },
  [AreaRoleKind.SUPPORT]: { cs: 'Podpůrná organizace', en: 'Support organisation' },
  [AreaRoleKind.CLERK]: { cs: 'Pracovník úřadu', en: 'Clerk' },
};

export const ATTENDANCE_STATUS_LABEL: Record<AttendanceStatus, Text> = {
  [AttendanceStatus.PRESENT]: { cs: 'Přítomni', en: 'Present' },
  [AttendanceStatus.EXCUSED]: { cs: 'Omluveni', en: 'Excused' },
  [AttendanceStatus.ABSENT]: { cs: 'Nepřítomni', en: 'Absent' },
};

export const MEETING_STATUS_LABEL: Record<MeetingStatus, Text> = {
  [MeetingStatus.PLANNED]: { cs: 'Naplánováno', en: 'Planned' },
  [MeetingStatus.CONVENED]: { cs: 'Svoláno', en: 'Convened' },
  [MeetingStatus.HELD]: { cs: 'Konalo se', en: 'Held' },
  [MeetingStatus.MINUTES_DRAFTED]: { cs: 'Zápis vyhotoven', en: 'Minutes drafted' },
  [MeetingStatus.MINUTES_VERIFIED]: { cs: 'Zápis ověřen', en: 'Minutes verified' },
  [MeetingStatus.MINUTES_DISTRIBUTED]: { cs: 'Zápis rozeslán', en: 'Minutes distributed' },
  [MeetingStatus.CANCELLED]: { cs: 'Zrušeno', en: 'Cancelled' },
};

export const PROPOSAL_KIND_LABEL: Record<ProposalKind, Text> = {
  [ProposalKind.MEASURE]: { cs: 'Opatření', en: 'Measure' },
  [ProposalKind.PROJECT_INTENT]: { cs: 'Projektový záměr', en: 'Project intent' },
  [ProposalKind.MATERIAL]: { cs: 'Materiál', en: 'Material' },
  [ProposalKind.PLAN]: { cs: 'Plán', en: 'Plan' },
};

export const YES_NO: Record<'yes' | 'no', Text> = {
  yes: { cs: 'ano', en: 'yes' },
  no: { cs: 'ne', en: 'no' },
};

export const PLAN_STATUS_LABEL: Record<PlanStatus, Text> = {
  [PlanStatus.DRAFT]: { cs: 'Návrh', en: 'Draft' },
  [PlanStatus.IN_APPROVAL]: { cs: 'Ve schvalování', en: 'In approval' },
  [PlanStatus.ADOPTED]: { cs: 'Schválen', en: 'Adopted' },
  [PlanStatus.SUPERSEDED]: { cs: 'Nahrazen', en: 'Superseded' },
};

export const GOAL_STATUS_LABEL: Record<GoalStatus, Text> = {
  [GoalStatus.NOT_STARTED]: { cs: 'Nezahájen', en: 'Not started' },
  [GoalStatus.IN_PROGRESS]: { cs: 'Plní se', en: 'In progress' },
  [GoalStatus.ACHIEVED]: { cs: 'Splněn', en: 'Achieved' },
  [GoalStatus.NOT_ACHIEVED]: { cs: 'Nesplněn', en: 'Not achieved' },
};

export const PROJECT_INTENT_STATUS_LABEL: Record<ProjectIntentStatus, Text> = {
  [ProjectIntentStatus.PLANNED]: { cs: 'Plánován', en: 'Planned' },
  [ProjectIntentStatus.IN_PROGRESS]: { cs: 'Realizuje se', en: 'In progress' },
  [ProjectIntentStatus.DONE]: { cs: 'Dokončen', en: 'Done' },
  [ProjectIntentStatus.CANCELLED]: { cs: 'Zrušen', en: 'Cancelled' },
};

/** The areas of a risk register, as seed 001 names them. */
export const RISK_AREA_LABEL: Record<RiskArea, Text> = {
  [RiskArea.FINANCIAL]: { cs: 'Finanční', en: 'Financial' },
  [RiskArea.ORGANISATIONAL]: { cs: 'Organizační', en: 'Organisational' },
  [RiskArea.LEGAL]: { cs: 'Právní', en: 'Legal' },
  [RiskArea.TECHNICAL]: { cs: 'Technické', en: 'Technical' },
  [RiskArea.MATERIAL]: { cs: 'Věcné', en: 'Material' },
};

export const LEVEL_LABEL: Record<Level, Text> = {
  [Level.LOW]: { cs: 'nízký', en: 'low' },
  [Level.HIGH]: { cs: 'vysoký', en: 'high' },
};

/** The quadrants of a stakeholder matrix and how each is approached, as seed 001 names them. */
export const STAKEHOLDER_QUADRANT_LABEL: Record<StakeholderQuadrant, Text> = {
  [StakeholderQuadrant.CROWD]: { cs: 'A. Dav', en: 'A. Crowd' },
  [StakeholderQuadrant.KEEP_INFORMED]: { cs: 'B. Osoby', en: 'B. Keep informed' },
  [StakeholderQuadrant.KEEP_SATISFIED]: { cs: 'C. Tvůrci', en: 'C. Keep satisfied' },
  [StakeholderQuadrant.KEY_PLAYERS]: { cs: 'D. Klíčoví hráči', en: 'D. Key players' },
};
