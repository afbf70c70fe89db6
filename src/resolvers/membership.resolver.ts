import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { notFound } from '../errors/app-errors';
import { BodyType } from '../schema/body.type';
import { AddMembershipInput, EndMembershipInput } from '../schema/membership.input';
import { MembershipType } from '../schema/membership.type';
import { OrganisationType } from '../schema/organisation.type';
import { PersonType } from '../schema/person.type';

@Resolver(() => MembershipType)
export class MembershipResolver {
  @Mutation(() => BodyType, {
    description:
      "Seats a person in a body; returns the body, its memberships listing the new seat. The area's admins and coordinators. CONFLICT when the person already sits there in that period, or a second chair would.",
  })
  async addMembership(@Ctx() ctx: RequestContext, @Arg('input', () => AddMembershipInput, { description: 'What to do; see the input type.' }) input: AddMembershipInput): Promise<BodyType> {
    const seat = await ctx.services.memberships.add(ctx, input);
    return BodyType.from(await ctx.services.bodies.get(ctx, seat.body.id));
  }

  @Mutation(() => BodyType, { description: "Ends a seat on a given day (today by default); returns the body, its memberships showing the seat's end. The area's admins and coordinators." })
  async endMembership(@Ctx() ctx: RequestContext, @Arg('input', () => EndMembershipInput, { description: 'What to do; see the input type.' }) input: EndMembershipInput): Promise<BodyType> {
    const seat = await ctx.services.memberships.end(ctx, input);
    return BodyType.from(await ctx.services.bodies.get(ctx, seat.body.id));
  }

  @FieldResolver(() => Boolean, { description: 'Whether the seat is held today.' })
  active(@Ctx() ctx: RequestContext, @Root() m: MembershipType): boolean {
    return m.validFrom <= ctx.today && (m.validTo === null || m.validTo >= ctx.today);
  }

  @FieldResolver(() => PersonType, { description: 'Who holds the seat (name and organisation for everyone who sees the body).' })
  async person(@Ctx() ctx: RequestContext, @Root() m: MembershipType): Promise<PersonType> {
    const person = await ctx.loaders.personById.load(m.personId);
    if (!person) throw notFound(ctx.locale, 'Person', m.personId);
    return PersonType.from(person);
  }

  @FieldResolver(() => OrganisationType, { nullable: true, description: 'The organisation the person represents in this body, if any.' })
  async organisation(@Ctx() ctx: RequestContext, @Root() m: MembershipType): Promise<OrganisationType | null> {
    return OrganisationType.orNull(await ctx.services.organisations.referred(ctx, m.organisationId));
  }

  @FieldResolver(() => BodyType, { description: 'The body.' })
  async body(@Ctx() ctx: RequestContext, @Root() m: MembershipType): Promise<BodyType> {
    const body = await ctx.loaders.bodyById.load(m.bodyId);
    if (!body) throw notFound(ctx.locale, 'Body', m.bodyId);
    return BodyType.from(body);
  }
}
