import { Entity, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { AreaOwnedEntity } from './area-owned.entity';
import { Meeting } from './meeting.entity';
import { Person } from './person.entity';
import { Proposal } from './proposal.entity';

/** A resolution (usnesení) of a meeting with its vote; adopted, it may move a proposal. */
@Entity({ tableName: 'resolution' })
export class Resolution extends AreaOwnedEntity {
  @ManyToOne(() => Meeting, { fieldName: 'meeting_id' })
  meeting!: Rel<Meeting>;

  @Property({ type: 'text' })
  number!: string;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'integer' })
  votesFor!: number;

  @Property({ type: 'integer' })
  votesAgainst!: number;

  @Property({ type: 'integer' })
  votesAbstain!: number;

  @Property({ type: 'boolean' })
  adopted!: boolean;

  @ManyToOne(() => Proposal, { fieldName: 'proposal_id', nullable: true })
  proposal: Rel<Proposal> | null = null;

  /** The workflow event the resolution fires on the proposal when adopted. */
  @Property({ type: 'text', nullable: true })
  event: string | null = null;

  @ManyToOne(() => Person, { fieldName: 'recorded_by_id' })
  recordedBy!: Rel<Person>;
}
