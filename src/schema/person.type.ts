import { Field, ID, ObjectType } from 'type-graphql';
import type { Person } from '../entities/person.entity';

@ObjectType('Person', {
  description:
    'A person of a planning area. Everyone who may see the person sees the name and organisation; e-mail, phone and login subject only the area\'s admins and coordinators and the person (others get FORBIDDEN on those fields).',
})
export class PersonType {
  @Field(() => ID, { description: 'Identifier of the person.' })
  id!: string;

  @Field(() => String, { description: 'Full name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Organisation the person works for, if any.' })
  organisation!: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail. Visible to the area\'s admins and coordinators and to the person only.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Phone. Visible to the area\'s admins and coordinators and to the person only.' })
  phone!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Subject (`sub`) of the person\'s identity-provider account; null when the person cannot sign in. Visible like contacts.',
  })
  subject!: string | null;

  areaId!: string;

  static from(this: void, p: Person): PersonType {
    return Object.assign(new PersonType(), {
      id: p.id,
      name: p.name,
      organisation: p.organisation,
      email: p.email,
      phone: p.phone,
      subject: p.subject,
      areaId: p.areaId,
    });
  }
}
