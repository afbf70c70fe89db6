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

  areaId!: string;

  static from(this: void, m: Municipality): MunicipalityType {
    return Object.assign(new MunicipalityType(), { id: m.id, name: m.name, population: m.population, areaId: m.areaId });
  }
}
