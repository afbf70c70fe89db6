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

/** A goal guarantor (gestor cíle): a municipality of the area and/or a person. */
@Entity({ tableName: 'goal_guarantor' })
export class GoalGuarantor extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  goalId!: string;

  @Property({ type: 'uuid', nullable: true })
  municipalityId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  personId: string | null = null;
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

/** An indicator (indikátor) of a measure, with its guarantor (gestor indikátoru). */
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

  @Property({ type: 'uuid', nullable: true })
  guarantorId: string | null = null;

  /** How often the guarantor owes a value. */
  @Enum({ items: () => ReportingPeriod })
  reportingPeriod: ReportingPeriod & Opt = ReportingPeriod.YEARLY;
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
}
