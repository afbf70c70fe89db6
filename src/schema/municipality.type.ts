import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { Municipality } from '../entities/municipality.entity';

@ObjectType('Municipality', { description: 'A member municipality of a planning area.' })
export class MunicipalityType {
  @Field(() => ID, { description: 'Identifier of the municipality.' })
  id!: string;

  @Field(() => String, { description: 'Name, e.g. "Jirkov".' })
  name!: string;

  @Field(() => Int, { description: 'Number of inhabitants.' })
  population!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Code of the municipality (kód obce, ČSÚ/RÚIAN), e.g. 562971 for Chomutov; the provider catalogue matches services to it. Null when not recorded.',
  })
  code!: number | null;

  areaId!: string;

  static from(this: void, m: Municipality): MunicipalityType {
    return Object.assign(new MunicipalityType(), { id: m.id, name: m.name, population: m.population, code: m.code, areaId: m.areaId });
  }
}
