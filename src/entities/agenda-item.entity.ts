import { Entity, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { AreaOwnedEntity } from './area-owned.entity';
import { Meeting } from './meeting.entity';
import { Person } from './person.entity';
import { Proposal } from './proposal.entity';

/** An item of a meeting's agenda, optionally about a proposal. */
@Entity({ tableName: 'agenda_item' })
export class AgendaItem extends AreaOwnedEntity {
  @ManyToOne(() => Meeting, { fieldName: 'meeting_id' })
  meeting!: Rel<Meeting>;

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'text' })
  title!: string;

  @ManyToOne(() => Person, { fieldName: 'presenter_id', nullable: true })
  presenter: Rel<Person> | null = null;

  @ManyToOne(() => Proposal, { fieldName: 'proposal_id', nullable: true })
  proposal: Rel<Proposal> | null = null;

  /** The materials came after the deadline; allowed by the chair with `urgencyReason`. */
  @Property({ type: 'boolean' })
  late: boolean = false;

  @Property({ type: 'text', nullable: true })
  urgencyReason: string | null = null;
}
