import { Entity, Enum, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { AreaOwnedEntity } from './area-owned.entity';
import { AreaRoleKind } from './enums';
import { Person } from './person.entity';

/** A role a person holds in an area outside any body (coordinator, admin, support, clerk). */
@Entity({ tableName: 'area_role' })
export class AreaRole extends AreaOwnedEntity {
  @ManyToOne(() => Person, { fieldName: 'person_id' })
  person!: Rel<Person>;

  @Enum({ items: () => AreaRoleKind })
  role!: AreaRoleKind;

  @Property({ type: 'date' })
  validFrom!: string;

  @Property({ type: 'date', nullable: true })
  validTo: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;
}
