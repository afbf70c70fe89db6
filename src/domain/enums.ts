/** Domain enumerations, stored as text in the database. GraphQL registers them in src/schema/enums.ts. */

export enum AreaKind {
  TOWN = 'TOWN',
  ORP = 'ORP',
}

export enum AreaRoleKind {
  ADMIN = 'ADMIN',
  COORDINATOR = 'COORDINATOR',
  SUPPORT = 'SUPPORT',
  CLERK = 'CLERK',
}

export enum BodyKind {
  WORKING_GROUP = 'WORKING_GROUP',
  STEERING_GROUP = 'STEERING_GROUP',
  SOCIAL_COMMISSION = 'SOCIAL_COMMISSION',
  COUNCIL = 'COUNCIL',
  ASSEMBLY = 'ASSEMBLY',
}

/** Order of bodies in the pipeline: a body reports only to a body of a later kind. */
export const BODY_KIND_RANK: Record<BodyKind, number> = {
  [BodyKind.WORKING_GROUP]: 0,
  [BodyKind.STEERING_GROUP]: 1,
  [BodyKind.SOCIAL_COMMISSION]: 2,
  [BodyKind.COUNCIL]: 3,
  [BodyKind.ASSEMBLY]: 4,
};

export enum TargetGroup {
  SENIORS = 'SENIORS',
  PEOPLE_WITH_DISABILITIES = 'PEOPLE_WITH_DISABILITIES',
  CHILDREN_YOUTH_FAMILY = 'CHILDREN_YOUTH_FAMILY',
  SOCIAL_EXCLUSION = 'SOCIAL_EXCLUSION',
  ADDICTIONS = 'ADDICTIONS',
  ETHNIC_MINORITIES = 'ETHNIC_MINORITIES',
  ALL = 'ALL',
}

export enum QuorumRule {
  MAJORITY = 'MAJORITY',
  TWO_THIRDS = 'TWO_THIRDS',
  NONE = 'NONE',
}

export enum MembershipRole {
  CHAIR = 'CHAIR',
  DEPUTY = 'DEPUTY',
  SECRETARY = 'SECRETARY',
  MEMBER = 'MEMBER',
  GUEST = 'GUEST',
}

export enum TriadSide {
  COMMISSIONER = 'COMMISSIONER',
  PROVIDER = 'PROVIDER',
  SERVICE_USER = 'SERVICE_USER',
  PUBLIC = 'PUBLIC',
}

export enum ProposalKind {
  MEASURE = 'MEASURE',
  PROJECT_INTENT = 'PROJECT_INTENT',
  MATERIAL = 'MATERIAL',
  PLAN = 'PLAN',
}

export enum CommissionRecommendation {
  RECOMMENDED = 'RECOMMENDED',
  NOT_RECOMMENDED = 'NOT_RECOMMENDED',
}

export enum Convener {
  CHAIR = 'CHAIR',
  COORDINATOR = 'COORDINATOR',
  CHAIR_OR_COORDINATOR = 'CHAIR_OR_COORDINATOR',
}

export enum MeetingStatus {
  PLANNED = 'PLANNED',
  CONVENED = 'CONVENED',
  HELD = 'HELD',
  MINUTES_DRAFTED = 'MINUTES_DRAFTED',
  MINUTES_VERIFIED = 'MINUTES_VERIFIED',
  MINUTES_DISTRIBUTED = 'MINUTES_DISTRIBUTED',
  CANCELLED = 'CANCELLED',
}

export enum AttendanceStatus {
  PRESENT = 'PRESENT',
  EXCUSED = 'EXCUSED',
  ABSENT = 'ABSENT',
}

/** A chair's power delegated for a term (src/entities/delegation.entity.ts); CHAIR is all of them. */
export enum DelegatedPower {
  CHAIR = 'CHAIR',
  CONVENE = 'CONVENE',
  VERIFY_MINUTES = 'VERIFY_MINUTES',
}

export enum MinuteTaker {
  COORDINATOR = 'COORDINATOR',
  SECRETARY = 'SECRETARY',
}

export enum GoalStatus {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  ACHIEVED = 'ACHIEVED',
  NOT_ACHIEVED = 'NOT_ACHIEVED',
}

export enum IndicatorDirection {
  UP = 'UP',
  DOWN = 'DOWN',
}

export enum PlanStatus {
  DRAFT = 'DRAFT',
  IN_APPROVAL = 'IN_APPROVAL',
  ADOPTED = 'ADOPTED',
  SUPERSEDED = 'SUPERSEDED',
}

export enum RiskArea {
  FINANCIAL = 'FINANCIAL',
  ORGANISATIONAL = 'ORGANISATIONAL',
  LEGAL = 'LEGAL',
  TECHNICAL = 'TECHNICAL',
  MATERIAL = 'MATERIAL',
}

export enum Level {
  LOW = 'LOW',
  HIGH = 'HIGH',
}

export enum StakeholderQuadrant {
  CROWD = 'CROWD',
  KEEP_INFORMED = 'KEEP_INFORMED',
  KEEP_SATISFIED = 'KEEP_SATISFIED',
  KEY_PLAYERS = 'KEY_PLAYERS',
}

export enum HearingDecision {
  ACCEPTED = 'ACCEPTED',
  PARTIALLY_ACCEPTED = 'PARTIALLY_ACCEPTED',
  REJECTED = 'REJECTED',
}

export enum SwotKind {
  STRENGTH = 'STRENGTH',
  WEAKNESS = 'WEAKNESS',
  OPPORTUNITY = 'OPPORTUNITY',
  THREAT = 'THREAT',
}

/** How often an indicator's guarantor owes a measured value. */
export enum ReportingPeriod {
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
  HALF_YEARLY = 'HALF_YEARLY',
  YEARLY = 'YEARLY',
}

export enum ProjectIntentStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}

/**
 * Where a proposal stands, whatever its workflow calls the stage: each stage of a definition
 * declares its phase, so rules and queries ask for the phase and never for a stage's name.
 */
export enum ProposalPhase {
  /** Being written; the author may still edit it. */
  DRAFT = 'DRAFT',
  /** Before a body of the pipeline. */
  IN_REVIEW = 'IN_REVIEW',
  /** Adopted: the final decision said yes. */
  APPROVED = 'APPROVED',
  /** The final decision said no. */
  REJECTED = 'REJECTED',
  /** Taken back by its author or the coordinator. */
  WITHDRAWN = 'WITHDRAWN',
}

/** The order of a list of proposals: by when they were drafted. */
export enum ProposalOrder {
  NEWEST = 'NEWEST',
  OLDEST = 'OLDEST',
  CHANGED_LATEST = 'CHANGED_LATEST',
  CHANGED_EARLIEST = 'CHANGED_EARLIEST',
}

/** Phases no event leaves. */
export const DECIDED_PHASES: readonly ProposalPhase[] = [ProposalPhase.APPROVED, ProposalPhase.REJECTED, ProposalPhase.WITHDRAWN];
