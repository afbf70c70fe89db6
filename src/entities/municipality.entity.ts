import { Entity, Property } from '@mikro-orm/core';
import { AreaOwnedEntity } from './area-owned.entity';

/** A member municipality of a planning area (an ORP has many, a town one). */
@Entity({ tableName: 'municipality' })
export class Municipality extends AreaOwnedEntity {
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'integer' })
  population!: number;

  /** Code of the municipality (kód obce, ČSÚ/RÚIAN), e.g. 562971 for Chomutov; matches the provider register. */
  @Property({ type: 'integer', nullable: true })
  code: number | null = null;
}
