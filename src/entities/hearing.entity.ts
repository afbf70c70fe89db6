import { Entity, Enum, Property } from '@mikro-orm/core';
import { AreaOwnedEntity } from './area-owned.entity';
import { HearingDecision } from './enums';

/** A public hearing of a plan draft, open for a period. */
@Entity({ tableName: 'hearing' })
export class Hearing extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  planId!: string;

  @Property({ type: 'datetime' })
  opensAt!: Date;

  @Property({ type: 'datetime' })
  closesAt!: Date;

  @Property({ type: 'uuid' })
  openedById!: string;
}

/** A comment of anyone (name and e-mail optional), answered by the coordinator. */
@Entity({ tableName: 'hearing_comment' })
export class HearingComment extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  hearingId!: string;

  @Property({ type: 'text', nullable: true })
  authorName: string | null = null;

  /** Never shown to other viewers than the area's admins and coordinators. */
  @Property({ type: 'text', nullable: true })
  authorEmail: string | null = null;

  @Property({ type: 'text' })
  text!: string;

  @Enum({ items: () => HearingDecision, nullable: true })
  decision: HearingDecision | null = null;

  @Property({ type: 'text', nullable: true })
  justification: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  answeredById: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  answeredAt: Date | null = null;
}
