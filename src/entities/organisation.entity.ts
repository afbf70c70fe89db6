import { Entity, Property } from '@mikro-orm/core';
import { AreaOwnedEntity } from './area-owned.entity';

/**
 * An organisation of a planning area: a provider, a municipality or its department, an NGO, a
 * self-help group. Seats, people, proposals and guarantors refer to it by id, so that two spellings
 * of one name are one organisation and two organisations of a like name stay two.
 */
@Entity({ tableName: 'organisation' })
export class Organisation extends AreaOwnedEntity {
  @Property({ type: 'text' })
  name!: string;

  /** IČO, the Czech company number (8 digits with a check digit), unique in the area; null when unknown or none. */
  @Property({ type: 'text', nullable: true })
  ico: string | null = null;
}
