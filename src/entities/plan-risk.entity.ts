import { Entity, Enum, Property } from '@mikro-orm/core';
import { AreaOwnedEntity } from './area-owned.entity';
import { Level, RiskArea, SwotKind } from './enums';

/** A risk of a plan's register; its score is probability × impact, computed on read. */
@Entity({ tableName: 'plan_risk' })
export class PlanRisk extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  planId!: string;

  @Enum({ items: () => RiskArea })
  riskArea!: RiskArea;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'integer' })
  probability!: number;

  @Property({ type: 'integer' })
  impact!: number;

  @Property({ type: 'text', nullable: true })
  mitigation: string | null = null;

  @Property({ type: 'text', nullable: true })
  owner: string | null = null;

  @Property({ type: 'date', nullable: true })
  reviewDate: string | null = null;
}

/** A stakeholder of a plan; its quadrant follows from influence and interest. */
@Entity({ tableName: 'plan_stakeholder' })
export class PlanStakeholder extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  planId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Enum({ items: () => Level })
  influence!: Level;

  @Enum({ items: () => Level })
  interest!: Level;
}

/** A SWOT item of a plan's analysis. */
@Entity({ tableName: 'swot_item' })
export class SwotItem extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  planId!: string;

  @Enum({ items: () => SwotKind })
  kind!: SwotKind;

  @Property({ type: 'text' })
  text!: string;
}

/** A solution variant (varianta řešení); at most one of a plan is chosen. */
@Entity({ tableName: 'solution_variant' })
export class SolutionVariant extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  planId!: string;

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'boolean' })
  chosen: boolean = false;
}
