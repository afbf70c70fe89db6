import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { AreaRoleType } from '../schema/area-role.type';
import { MembershipType } from '../schema/membership.type';
import { OrganisationType } from '../schema/organisation.type';
import { CreatePersonInput, UpdatePersonInput } from '../schema/person.input';
import { displayName } from '../common/person-name';
import { PersonType } from '../schema/person.type';

@Resolver(() => PersonType)
export class PersonResolver {
  @Query(() => PersonType, { nullable: true, description: 'One person the viewer may see; NOT_FOUND otherwise. Null then, with the error at this field\'s path, so that the rest of the answer stands.' })
  async person(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The person.' }) id: string): Promise<PersonType> {
    return PersonType.from(await ctx.services.people.get(ctx, id));
  }

  @Mutation(() => PersonType, { description: "Adds a person to an area. The area's admins and coordinators." })
  async createPerson(@Ctx() ctx: RequestContext, @Arg('input', () => CreatePersonInput, { description: 'What to do; see the input type.' }) input: CreatePersonInput): Promise<PersonType> {
    return PersonType.from(await ctx.services.people.create(ctx, input));
  }

  @Mutation(() => PersonType, { description: "Changes a person. The area's admins and coordinators; a person their own name and contacts (not their organisation or login subject)." })
  async updatePerson(@Ctx() ctx: RequestContext, @Arg('input', () => UpdatePersonInput, { description: 'What to do; see the input type.' }) input: UpdatePersonInput): Promise<PersonType> {
    return PersonType.from(await ctx.services.people.update(ctx, input));
  }

  @FieldResolver(() => String, { description: 'Full name; "Smazaná osoba" / "Deleted person" (per Accept-Language) once the person is erased.' })
  name(@Ctx() ctx: RequestContext, @Root() person: PersonType): string {
    return displayName(person, ctx.locale);
  }

  @FieldResolver(() => OrganisationType, { nullable: true, description: 'The organisation the person works for, if any (seen with the person).' })
  async organisation(@Ctx() ctx: RequestContext, @Root() person: PersonType): Promise<OrganisationType | null> {
    return OrganisationType.orNull(await ctx.services.organisations.referred(ctx, person.organisationId));
  }

  @FieldResolver(() => [MembershipType], { description: 'Seats of the person in bodies the viewer may see.' })
  async memberships(
    @Ctx() ctx: RequestContext,
    @Root() person: PersonType,
    @Arg('activeOnly', () => Boolean, { defaultValue: false, description: 'Only seats held today.' }) activeOnly: boolean,
  ): Promise<MembershipType[]> {
    return (await ctx.services.memberships.ofPerson(ctx, person.id, activeOnly)).map(MembershipType.from);
  }

  @FieldResolver(() => [AreaRoleType], { description: 'Area roles of the person, including ended and revoked ones.' })
  async areaRoles(@Ctx() ctx: RequestContext, @Root() person: PersonType): Promise<AreaRoleType[]> {
    return (await ctx.loaders.areaRolesByPerson.load(person.id)).map(AreaRoleType.from);
  }
}
