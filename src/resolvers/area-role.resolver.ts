import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { notFound } from '../errors/app-errors';
import { GrantAreaRoleInput, RevokeAreaRoleInput } from '../schema/area-role.input';
import { AreaRoleType } from '../schema/area-role.type';
import { PersonType } from '../schema/person.type';

@Resolver(() => AreaRoleType)
export class AreaRoleResolver {
  @Mutation(() => AreaRoleType, {
    description: "Grants an area role. The area's admins and coordinators; only admins grant ADMIN. Granting a held role returns it unchanged.",
  })
  async grantAreaRole(@Ctx() ctx: RequestContext, @Arg('input', () => GrantAreaRoleInput, { description: 'What to do; see the input type.' }) input: GrantAreaRoleInput): Promise<AreaRoleType> {
    return AreaRoleType.from(await ctx.services.areaRoles.grant(ctx, input));
  }

  @Mutation(() => AreaRoleType, { description: "Revokes an area role. The area's admins and coordinators; only admins revoke ADMIN; the last admin stays." })
  async revokeAreaRole(@Ctx() ctx: RequestContext, @Arg('input', () => RevokeAreaRoleInput, { description: 'What to do; see the input type.' }) input: RevokeAreaRoleInput): Promise<AreaRoleType> {
    return AreaRoleType.from(await ctx.services.areaRoles.revoke(ctx, input));
  }

  @FieldResolver(() => Boolean, { description: 'Whether the role counts today: within its period and not revoked.' })
  active(@Ctx() ctx: RequestContext, @Root() role: AreaRoleType): boolean {
    return role.revokedAt === null && role.validFrom <= ctx.today && (role.validTo === null || role.validTo >= ctx.today);
  }

  @FieldResolver(() => PersonType, { description: 'Who holds the role.' })
  async person(@Ctx() ctx: RequestContext, @Root() role: AreaRoleType): Promise<PersonType> {
    const person = await ctx.loaders.personById.load(role.personId);
    if (!person) throw notFound(ctx.locale, 'Person', role.personId);
    return PersonType.from(person);
  }
}
