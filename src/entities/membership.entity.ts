import { Entity, Enum, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { heldOn } from '../domain/meeting-record';
import { AreaOwnedEntity } from './area-owned.entity';
import { Body } from './body.entity';
import { MembershipRole, TriadSide } from './enums';
import { Organisation } from './organisation.entity';
import { Person } from './person.entity';

/** A person's seat in a body for a period: role, side of the triad, voting right. */
@Entity({ tableName: 'membership' })
export class Membership extends AreaOwnedEntity {
  @ManyToOne(() => Body, { fieldName: 'body_id' })
  body!: Rel<Body>;

  @ManyToOne(() => Person, { fieldName: 'person_id' })
  person!: Rel<Person>;

  @Enum({ items: () => MembershipRole })
  role!: MembershipRole;

  @Enum({ items: () => TriadSide })
  triadSide!: TriadSide;

  @Property({ type: 'boolean' })
  votingRight!: boolean;

  @Property({ type: 'date' })
  validFrom!: string;

  @Property({ type: 'date', nullable: true })
  validTo: string | null = null;

  /** The organisation the person represents in this body (e.g. the provider they work for), if any. */
  @ManyToOne(() => Organisation, { fieldName: 'organisation_id', nullable: true })
  organisation: Rel<Organisation> | null = null;

  /** Whether the seat is held on the given day (YYYY-MM-DD). */
  isValidOn(day: string): boolean {
    return heldOn(this, day);
  }
}
