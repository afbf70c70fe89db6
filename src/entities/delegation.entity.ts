import { Entity, Enum, Property } from '@mikro-orm/core';
import { AreaOwnedEntity } from './area-owned.entity';
import { DelegatedPower } from './enums';

/**
 * A chair's power in a body delegated to another of its members for a term: a deputy acting for
 * the chair, a secretary convening on the chair's behalf, a member named to verify the minutes.
 * The decision point counts it like the chair's seat on the days of its term (src/auth/authority.ts);
 * acts done under it record on whose behalf.
 */
@Entity({ tableName: 'delegation' })
export class Delegation extends AreaOwnedEntity {
  @Property({ type: 'uuid' })
  bodyId!: string;

  /** Who may act under the delegation. */
  @Property({ type: 'uuid' })
  delegateId!: string;

  /** The chair whose power is delegated (the body's chair when it was granted); null while the body has none. */
  @Property({ type: 'uuid', nullable: true })
  forPersonId: string | null = null;

  @Enum({ items: () => DelegatedPower })
  power!: DelegatedPower;

  @Property({ type: 'date' })
  validFrom!: string;

  @Property({ type: 'date', nullable: true })
  validTo: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  /** Who granted it. */
  @Property({ type: 'uuid', nullable: true })
  grantedById: string | null = null;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;
}
