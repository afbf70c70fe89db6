import { Entity, Enum, type Opt, Property } from '@mikro-orm/core';
import { AreaOwnedEntity } from './area-owned.entity';
import { GoalStatus, IndicatorDirection, ReportingPeriod } from './enums';

/** A medium-term plan of an area for a period of years; its approval runs as a PLAN proposal. */
@Entity({ tableName: 'plan' })
export class Plan extends AreaOwnedEntity {
  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'integer' })
  yearFrom!: number;

  @Property({ type: 'integer' })
  yearTo!: number;

  /** The PLAN proposal carrying the plan through approval. */
  @Property({ type: 'uuid', nullable: true })
  proposalId: string | null = null;
}

@Entity({ tableName: 'plan_priority' })
export class PlanPriority extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  planId!: string;

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'text' })
  title!: string;
}

@Entity({ tableName: 'plan_goal' })
export class PlanGoal extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  priorityId!: string;

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'text' })
  title!: string;

  @Enum({ items: () => GoalStatus })
  status: GoalStatus = GoalStatus.NOT_STARTED;

  @Property({ type: 'text', nullable: true })
  statusComment: string | null = null;
}

/**
 * A goal guarantor (gestor cíle), one of several: a municipality of the area and/or a person (e.g.
 * its mayor), or an organisation.
 */
@Entity({ tableName: 'goal_guarantor' })
export class GoalGuarantor extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  goalId!: string;

  @Property({ type: 'uuid', nullable: true })
  municipalityId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  personId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  organisationId: string | null = null;
}

@Entity({ tableName: 'plan_measure' })
export class PlanMeasure extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  goalId!: string;

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;
}

/** An indicator (indikátor) of a measure; its guarantors (gestoři indikátoru) are IndicatorGuarantor rows. */
@Entity({ tableName: 'indicator' })
export class Indicator extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  measureId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  unit!: string;

  @Property({ type: 'decimal' })
  baselineValue!: string;

  @Property({ type: 'date' })
  baselineDate!: string;

  @Property({ type: 'decimal' })
  targetValue!: string;

  @Property({ type: 'date' })
  targetDate!: string;

  @Enum({ items: () => IndicatorDirection })
  direction!: IndicatorDirection;

  /** How often the guarantors owe a value. */
  @Enum({ items: () => ReportingPeriod })
  reportingPeriod: ReportingPeriod & Opt = ReportingPeriod.YEARLY;
}

/** An indicator guarantor (gestor indikátoru), one of several: a person or an organisation. */
@Entity({ tableName: 'indicator_guarantor' })
export class IndicatorGuarantor extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  indicatorId!: string;

  @Property({ type: 'uuid', nullable: true })
  personId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  organisationId: string | null = null;
}

@Entity({ tableName: 'indicator_value' })
export class IndicatorValue extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  indicatorId!: string;

  @Property({ type: 'decimal' })
  value!: string;

  @Property({ type: 'date' })
  measuredOn!: string;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Property({ type: 'uuid' })
  recordedById!: string;

  /** The value this one corrects (a correction is a new value, never an overwrite). */
  @Property({ type: 'uuid', nullable: true })
  correctsId: string | null = null;

  /** Why the corrected value was wrong; set exactly when `correctsId` is. */
  @Property({ type: 'text', nullable: true })
  correctionReason: string | null = null;

  /** The correction that replaced this value; null while it is the value in force for its day. */
  @Property({ type: 'uuid', nullable: true })
  supersededById: string | null = null;
}
