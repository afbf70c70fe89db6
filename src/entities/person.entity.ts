import { Entity, ManyToOne, Property, type Rel } from '@mikro-orm/core';
import { AreaOwnedEntity } from './area-owned.entity';
import { Organisation } from './organisation.entity';

/**
 * A person of a planning area. Holds contact details and the identity-provider subject, which
 * only the area's coordinators and admins and the person may see (src/schema/person.type.ts).
 */
@Entity({ tableName: 'person' })
export class Person extends AreaOwnedEntity {
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  email: string | null = null;

  @Property({ type: 'text', nullable: true })
  phone: string | null = null;

  /** The organisation the person works for, if any. */
  @ManyToOne(() => Organisation, { fieldName: 'organisation_id', nullable: true })
  organisation: Rel<Organisation> | null = null;

  @Property({ type: 'text', nullable: true })
  subject: string | null = null;

  /** When the person's personal data was erased (src/services/personal-data.service.ts); null while it is held. */
  @Property({ type: 'datetime', nullable: true })
  erasedAt: Date | null = null;
}
