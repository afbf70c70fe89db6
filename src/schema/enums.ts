import { registerEnumType } from 'type-graphql';
import {
  AreaKind,
  AreaRoleKind,
  BodyKind,
  CommissionRecommendation,
  Convener,
  AttendanceStatus,
  MeetingStatus,
  MinuteTaker,
  GoalStatus,
  IndicatorDirection,
  PlanStatus,
  RiskArea,
  Level,
  StakeholderQuadrant,
  HearingDecision,
  SwotKind,
  ProjectIntentStatus,
  ReportingPeriod,
  MembershipRole,
  DelegatedPower,
  ProposalKind,
  ProposalPhase,
  ProposalOrder,
  QuorumRule,
  TargetGroup,
  TriadSide,
} from '../entities/enums';

registerEnumType(AreaKind, {
  name: 'AreaKind',
  description: 'What kind of territory runs the planning process.',
  valuesConfig: {
    TOWN: { description: 'A town or city (město) planning for itself.' },
    ORP: { description: 'A district of a municipality with extended powers (obec s rozšířenou působností) planning for all its municipalities.' },
  },
});

registerEnumType(AreaRoleKind, {
  name: 'AreaRoleKind',
  description: 'A role in a planning area outside any body.',
  valuesConfig: {
    ADMIN: { description: 'Administers the area (správce): everything a coordinator may, and grants admin roles.' },
    COORDINATOR: { description: 'Coordinator of the planning process (koordinátor KPSS): sets up bodies and memberships, advances proposals.' },
    SUPPORT: { description: 'Support organisation (TOZ): reads and prepares materials; decides nothing.' },
    CLERK: { description: 'Council clerk: records resolutions of the council (rada) and the assembly (zastupitelstvo).' },
  },
});

registerEnumType(DelegatedPower, {
  name: 'DelegatedPower',
  description: "A power of a body's chair that may be delegated to another member for a term.",
  valuesConfig: {
    CHAIR: { description: 'All of the chair\'s powers: the deputy acts for the chair (decisions of the workflow, convening, agenda, resolutions, verifying minutes).' },
    CONVENE: { description: 'Convening and running the meetings of a body whose convener is its chair (e.g. its secretary on the chair\'s behalf).' },
    VERIFY_MINUTES: { description: "Verifying the body's minutes in place of the chair (e.g. when the chair wrote them)." },
  },
});

registerEnumType(BodyKind, {
  name: 'BodyKind',
  description: 'Kind of body, in pipeline order: a body reports only to a body of a later kind.',
  valuesConfig: {
    WORKING_GROUP: { description: 'Working group (pracovní / koordinační skupina, diskusní fórum).' },
    STEERING_GROUP: { description: 'Steering or managerial group (řídící / manažerská skupina); not public by default.' },
    SOCIAL_COMMISSION: { description: 'Social commission of the council (sociální komise rady města).' },
    COUNCIL: { description: 'Town council (rada města); its meetings are not public by law.' },
    ASSEMBLY: { description: 'Town assembly (zastupitelstvo); its meetings are public by law.' },
  },
});

registerEnumType(TargetGroup, {
  name: 'TargetGroup',
  description: 'The target group a working group plans for (cílová skupina).',
  valuesConfig: {
    SENIORS: { description: 'Seniors (senioři).' },
    PEOPLE_WITH_DISABILITIES: { description: 'People with disabilities (osoby se zdravotním postižením).' },
    CHILDREN_YOUTH_FAMILY: { description: 'Children, youth and family (děti, mládež a rodina).' },
    SOCIAL_EXCLUSION: { description: 'People at risk of social exclusion (osoby ohrožené sociálním vyloučením).' },
    ADDICTIONS: { description: 'People with addictions (osoby se závislostí).' },
    ETHNIC_MINORITIES: { description: 'Ethnic minorities (etnické menšiny).' },
    ALL: { description: 'All target groups (průřezová skupina).' },
  },
});

registerEnumType(QuorumRule, {
  name: 'QuorumRule',
  description: "What share of a body's voting members must be present for it to decide.",
  valuesConfig: {
    MAJORITY: { description: 'More than half of the voting members (nadpoloviční většina).' },
    TWO_THIRDS: { description: 'At least two thirds of the voting members.' },
    NONE: { description: 'No quorum; any attendance decides.' },
  },
});

registerEnumType(MembershipRole, {
  name: 'MembershipRole',
  description: "A person's role in a body.",
  valuesConfig: {
    CHAIR: { description: 'Chair (předseda / vedoucí, manažer skupiny); one at a time.' },
    DEPUTY: { description: 'Deputy chair (místopředseda).' },
    SECRETARY: { description: 'Secretary (tajemník), often the minute-taker.' },
    MEMBER: { description: 'Member (člen).' },
    GUEST: { description: 'Permanent guest (host); never votes.' },
  },
});

registerEnumType(TriadSide, {
  name: 'TriadSide',
  description: 'The side of the planning triad a member represents.',
  valuesConfig: {
    COMMISSIONER: { description: 'Commissioner (zadavatel): the municipality or region.' },
    PROVIDER: { description: 'Provider of social services (poskytovatel).' },
    SERVICE_USER: { description: 'Service user or their representative (uživatel).' },
    PUBLIC: { description: 'The public (veřejnost).' },
  },
});

registerEnumType(ProposalKind, {
  name: 'ProposalKind',
  description: 'What a proposal is.',
  valuesConfig: {
    MEASURE: { description: 'A measure of the plan (opatření).' },
    PROJECT_INTENT: { description: 'A project intent (projektový záměr).' },
    MATERIAL: { description: 'A material for the council (materiál do rady).' },
    PLAN: { description: 'The medium-term plan itself; approved by the assembly, never by the council.' },
  },
});

registerEnumType(ProposalPhase, {
  name: 'ProposalPhase',
  description: "Where a proposal stands, whatever its area's workflow calls the stage (each stage of a definition declares its phase).",
  valuesConfig: {
    DRAFT: { description: 'Being written; the author may still edit it (koncept).' },
    IN_REVIEW: { description: 'Before a body of the pipeline (projednává se).' },
    APPROVED: { description: 'Adopted by the final decision (schváleno).' },
    REJECTED: { description: 'Refused by a decision (zamítnuto).' },
    WITHDRAWN: { description: 'Taken back by its author or the coordinator (staženo).' },
  },
});

registerEnumType(ProposalOrder, {
  name: 'ProposalOrder',
  description: 'The order of a list of proposals.',
  valuesConfig: {
    NEWEST: { description: 'Newest drafted first (the default).' },
    OLDEST: { description: 'Oldest drafted first: what has waited longest.' },
    CHANGED_LATEST: { description: 'Most recently changed first (moved, or edited as a draft).' },
    CHANGED_EARLIEST: { description: 'Least recently changed first: what has stood longest where it is (a proposal in review changes only when it moves).' },
  },
});

registerEnumType(CommissionRecommendation, {
  name: 'CommissionRecommendation',
  description: "The social commission's recommendation to the council.",
  valuesConfig: {
    RECOMMENDED: { description: 'The commission recommends approval.' },
    NOT_RECOMMENDED: { description: 'The commission does not recommend approval.' },
  },
});

registerEnumType(Convener, {
  name: 'Convener',
  description: "Who convenes a body's meetings (the body's rule).",
  valuesConfig: {
    CHAIR: { description: 'The chair of the body.' },
    COORDINATOR: { description: 'The coordinator of the area.' },
    CHAIR_OR_COORDINATOR: { description: 'The chair or the coordinator.' },
  },
});

registerEnumType(MeetingStatus, {
  name: 'MeetingStatus',
  description: 'Where a meeting stands.',
  valuesConfig: {
    PLANNED: { description: 'Scheduled, not yet convened.' },
    CONVENED: { description: 'Convened: the invitation with the agenda went out.' },
    HELD: { description: 'The meeting took place.' },
    MINUTES_DRAFTED: { description: 'Minutes drafted.' },
    MINUTES_VERIFIED: { description: 'Minutes verified by the chair.' },
    MINUTES_DISTRIBUTED: { description: 'Minutes sent to the members.' },
    CANCELLED: { description: 'Cancelled, with a reason.' },
  },
});

registerEnumType(AttendanceStatus, {
  name: 'AttendanceStatus',
  description: 'Whether a person attended.',
  valuesConfig: {
    PRESENT: { description: 'Present (přítomen).' },
    EXCUSED: { description: 'Excused in advance (omluven).' },
    ABSENT: { description: 'Absent without excuse (nepřítomen).' },
  },
});

registerEnumType(MinuteTaker, {
  name: 'MinuteTaker',
  description: "Who writes a body's minutes.",
  valuesConfig: {
    COORDINATOR: { description: 'The coordinator of the area (the default).' },
    SECRETARY: { description: "The body's secretary." },
  },
});

registerEnumType(GoalStatus, {
  name: 'GoalStatus',
  description: 'How a goal of the plan stands.',
  valuesConfig: {
    NOT_STARTED: { description: 'Not started.' },
    IN_PROGRESS: { description: 'Being worked on.' },
    ACHIEVED: { description: 'Achieved.' },
    NOT_ACHIEVED: { description: 'Not achieved.' },
  },
});

registerEnumType(IndicatorDirection, {
  name: 'IndicatorDirection',
  description: 'Whether an indicator should rise or fall.',
  valuesConfig: { UP: { description: 'Higher is better.' }, DOWN: { description: 'Lower is better.' } },
});

registerEnumType(PlanStatus, {
  name: 'PlanStatus',
  description: "A plan's status, following its PLAN proposal.",
  valuesConfig: {
    DRAFT: { description: 'Being prepared, or its proposal was withdrawn or rejected.' },
    IN_APPROVAL: { description: 'Its proposal is in the pipeline.' },
    ADOPTED: { description: 'Approved by the assembly and in force.' },
    SUPERSEDED: { description: 'A later adopted plan covers its period.' },
  },
});

registerEnumType(RiskArea, {
  name: 'RiskArea',
  description: 'Area of a risk (oblast rizika).',
  valuesConfig: {
    FINANCIAL: { description: 'Financial (finanční).' },
    ORGANISATIONAL: { description: 'Organisational (organizační).' },
    LEGAL: { description: 'Legal (právní).' },
    TECHNICAL: { description: 'Technical (technická).' },
    MATERIAL: { description: 'Material, substantive (věcná).' },
  },
});

registerEnumType(Level, { name: 'Level', description: 'Low or high.', valuesConfig: { LOW: { description: 'Low (nízký).' }, HIGH: { description: 'High (vysoký).' } } });

registerEnumType(StakeholderQuadrant, {
  name: 'StakeholderQuadrant',
  description: 'Quadrant of the stakeholder matrix.',
  valuesConfig: {
    CROWD: { description: 'Low influence, low interest (dav): answer their questions.' },
    KEEP_INFORMED: { description: 'Low influence, high interest (osoby): keep informed.' },
    KEEP_SATISFIED: { description: 'High influence, low interest (tvůrci): keep satisfied.' },
    KEY_PLAYERS: { description: 'High influence, high interest (klíčoví hráči): dialogue.' },
  },
});

registerEnumType(HearingDecision, {
  name: 'HearingDecision',
  description: 'How a comment of the public hearing was settled.',
  valuesConfig: {
    ACCEPTED: { description: 'Accepted (akceptováno).' },
    PARTIALLY_ACCEPTED: { description: 'Partially accepted (částečně akceptováno).' },
    REJECTED: { description: 'Rejected (neakceptováno).' },
  },
});

registerEnumType(SwotKind, {
  name: 'SwotKind',
  description: 'Quadrant of a SWOT analysis.',
  valuesConfig: {
    STRENGTH: { description: 'Strength (silná stránka).' },
    WEAKNESS: { description: 'Weakness (slabá stránka).' },
    OPPORTUNITY: { description: 'Opportunity (příležitost).' },
    THREAT: { description: 'Threat (hrozba).' },
  },
});

registerEnumType(ReportingPeriod, {
  name: 'ReportingPeriod',
  description: "How often an indicator's guarantor owes a measured value; a reminder goes out when one is due.",
  valuesConfig: {
    MONTHLY: { description: 'Every month (měsíčně).' },
    QUARTERLY: { description: 'Every quarter (čtvrtletně).' },
    HALF_YEARLY: { description: 'Every half year (pololetně).' },
    YEARLY: { description: 'Every year (ročně).' },
  },
});

registerEnumType(ProjectIntentStatus, {
  name: 'ProjectIntentStatus',
  description: 'Where a project intent stands.',
  valuesConfig: {
    PLANNED: { description: 'Planned (plánováno); may start or be cancelled.' },
    IN_PROGRESS: { description: 'Being carried out (probíhá); may end as done or cancelled.' },
    DONE: { description: 'Done (splněno); final.' },
    CANCELLED: { description: 'Cancelled (zrušeno); final.' },
  },
});
