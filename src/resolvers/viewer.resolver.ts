import { Ctx, FieldResolver, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import { AreaRoleType } from '../schema/area-role.type';
import { MembershipType } from '../schema/membership.type';
import { PersonType } from '../schema/person.type';
import { ViewerType } from '../schema/viewer.type';

@Resolver(() => ViewerType)
export class ViewerResolver {
  @Query(() => ViewerType, { description: 'The viewer: identity, person records, area roles and seats held today. Anonymous without a token.' })
  me(@Ctx() ctx: RequestContext): ViewerType {
    return Object.assign(new ViewerType(), {
      authenticated: ctx.viewer.isAuthenticated,
      subject: ctx.viewer.subject,
      isGlobalAdmin: ctx.viewer.isGlobalAdmin,
    });
  }

  @FieldResolver(() => PersonType, { nullable: true, description: "The viewer's person record when they belong to exactly one area; see `people` otherwise." })
  person(@Ctx() ctx: RequestContext): PersonType | null {
    const [only, ...rest] = ctx.viewer.people;
    return only && rest.length === 0 ? PersonType.from(only) : null;
  }

  @FieldResolver(() => [PersonType], { description: "The viewer's person records, one per area they belong to." })
  people(@Ctx() ctx: RequestContext): PersonType[] {
    return ctx.viewer.people.map(PersonType.from);
  }

  @FieldResolver(() => [AreaRoleType], { description: 'Area roles that count today.' })
  areaRoles(@Ctx() ctx: RequestContext): AreaRoleType[] {
    return ctx.viewer.areaRoles.map(AreaRoleType.from);
  }

  @FieldResolver(() => [MembershipType], { description: 'Seats in bodies held today.' })
  memberships(@Ctx() ctx: RequestContext): MembershipType[] {
    return ctx.viewer.memberships.map(MembershipType.from);
  }
}
