import { Field, ID, ObjectType } from 'type-graphql';
import type { Person } from '../entities/person.entity';

@ObjectType('Person', {
  description:
    'A person of a planning area. Everyone who may see the person sees the name and organisation; e-mail, phone and login subject only the area\'s admins and coordinators and the person (others get FORBIDDEN on those fields).',
})
export class PersonType {
  @Field(() => ID, { description: 'Identifier of the person.' })
  id!: string;

  @Field(() => String, { description: 'Full name; "Smazaná osoba" / "Deleted person" (per Accept-Language) once the person is erased.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'E-mail. Visible to the area\'s admins and coordinators and to the person only.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Phone. Visible to the area\'s admins and coordinators and to the person only.' })
  phone!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Subject (`sub`) of the person\'s identity-provider account; null when the person cannot sign in. Visible like contacts.',
  })
  subject!: string | null;

  @Field(() => Boolean, {
    description: 'Whether the person\'s personal data was erased (`erasePerson`): the record stays where the person acted or sat, shown as a deleted person, with no contacts, organisation or login.',
  })
  erased!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the personal data was erased; null while it is held.' })
  erasedAt!: Date | null;

  areaId!: string;
  organisationId!: string | null;

  static from(this: void, p: Pick<Person, 'id' | 'name' | 'email' | 'phone' | 'subject' | 'erasedAt' | 'areaId'> & { organisation?: { id: string } | null }): PersonType {
    return Object.assign(new PersonType(), {
      id: p.id,
      name: p.name,
      organisationId: p.organisation?.id ?? null,
      email: p.email,
      phone: p.phone,
      subject: p.subject,
      erased: p.erasedAt !== null,
      erasedAt: p.erasedAt,
      areaId: p.areaId,
    });
  }
}
