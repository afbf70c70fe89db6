import { Entity, Enum, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { AreaOwnedEntity } from './area-owned.entity';
import { BodyKind, Convener, MinuteTaker, QuorumRule, TargetGroup } from './enums';

/** A body of the planning process: working group, steering group, commission, council, assembly. */
@Entity({ tableName: 'body' })
export class Body extends AreaOwnedEntity {
  @Enum({ items: () => BodyKind })
  kind!: BodyKind;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  shortName: string | null = null;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Enum({ items: () => TargetGroup, nullable: true })
  targetGroup: TargetGroup | null = null;

  @ManyToOne(() => Body, { fieldName: 'reports_to_id', nullable: true })
  reportsTo: Rel<Body> | null = null;

  @Property({ type: 'boolean' })
  isPublic!: boolean;

  @Property({ type: 'integer' })
  materialsLeadDays!: number;

  @Property({ type: 'integer' })
  minutesDueDays!: number;

  @Enum({ items: () => QuorumRule })
  quorumRule!: QuorumRule;

  /** Who convenes the body's meetings. */
  @Enum({ items: () => Convener })
  convener: Opt<Convener> = Convener.CHAIR_OR_COORDINATOR;

  /** Who writes the minutes: the coordinator unless the body names its secretary. */
  @Enum({ items: () => MinuteTaker })
  minuteTaker: Opt<MinuteTaker> = MinuteTaker.COORDINATOR;
}
