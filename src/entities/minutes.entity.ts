import { Entity, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { AreaOwnedEntity } from './area-owned.entity';
import { Meeting } from './meeting.entity';
import { Person } from './person.entity';

/** One version of a meeting's minutes. Verified versions are never changed again. */
@Entity({ tableName: 'minutes' })
export class Minutes extends AreaOwnedEntity {
  @ManyToOne(() => Meeting, { fieldName: 'meeting_id' })
  meeting!: Rel<Meeting>;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'text' })
  text!: string;

  @ManyToOne(() => Person, { fieldName: 'drafted_by_id' })
  draftedBy!: Rel<Person>;

  @Property({ type: 'datetime' })
  draftedAt!: Date;

  @ManyToOne(() => Person, { fieldName: 'verified_by_id', nullable: true })
  verifiedBy: Rel<Person> | null = null;

  /** The chair on whose behalf the minutes were verified, when a member named for it verified them. */
  @Property({ type: 'uuid', nullable: true })
  verifiedOnBehalfOfId: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  verifiedAt: Date | null = null;

  @ManyToOne(() => Person, { fieldName: 'distributed_by_id', nullable: true })
  distributedBy: Rel<Person> | null = null;

  @Property({ type: 'datetime', nullable: true })
  distributedAt: Date | null = null;
}
