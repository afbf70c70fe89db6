import { Field, ID, ObjectType } from 'type-graphql';
import type { Organisation } from '../entities/organisation.entity';

@ObjectType('Organisation', {
  description:
    'An organisation of a planning area: a provider, a municipality or its department, an NGO. Seats, people, proposals and goal and indicator guarantors refer to it by id, so that the conflict-of-interest rule and the guarantors compare identity, not spelling. The area\'s people see its organisations; others see an organisation where they see what refers to it (e.g. a seat in a public body).',
})
export class OrganisationType {
  @Field(() => ID, { description: 'Identifier of the organisation.' })
  id!: string;

  @Field(() => String, { description: 'Name, e.g. "Člověk v tísni, o.p.s." or "Magistrát města Chomutova, odbor sociálních věcí".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'IČO (company number): eight digits with a valid check digit, unique in the area; null when unknown or none.' })
  ico!: string | null;

  @Field(() => Date, { description: 'When the organisation was recorded.' })
  createdAt!: Date;

  areaId!: string;

  static from(this: void, o: Organisation): OrganisationType {
    return Object.assign(new OrganisationType(), { id: o.id, name: o.name, ico: o.ico, createdAt: o.createdAt, areaId: o.areaId });
  }

  /** The type of an organisation a record may refer to, or null. */
  static orNull(this: void, o: Organisation | null): OrganisationType | null {
    return o ? OrganisationType.from(o) : null;
  }
}
