import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { can } from '../auth/authority';
import { bodyResource } from '../auth/resources';
import { AreaType } from '../schema/area.type';
import { CreateBodyInput, UpdateBodyInput } from '../schema/body.input';
import { BodyType } from '../schema/body.type';
import { MembershipType } from '../schema/membership.type';
import { DelegationType } from '../schema/delegation.type';

@Resolver(() => BodyType)
export class BodyResolver {
  @Query(() => BodyType, { nullable: true, description: 'One body: public bodies for everyone, others for their members and the area\'s roles; NOT_FOUND otherwise. Null then, with the error at this field\'s path, so that the rest of the answer stands.' })
  async body(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The body.' }) id: string): Promise<BodyType> {
    return BodyType.from(await ctx.services.bodies.get(ctx, id));
  }

  @Mutation(() => BodyType, { description: "Creates a body. The area's admins and coordinators." })
  async createBody(@Ctx() ctx: RequestContext, @Arg('input', () => CreateBodyInput, { description: 'What to do; see the input type.' }) input: CreateBodyInput): Promise<BodyType> {
    return BodyType.from(await ctx.services.bodies.create(ctx, input));
  }

  @Mutation(() => BodyType, { description: "Changes a body's name, parent or rules. The area's admins and coordinators." })
  async updateBody(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateBodyInput, { description: 'What to do; see the input type.' }) input: UpdateBodyInput): Promise<BodyType> {
    return BodyType.from(await ctx.services.bodies.update(ctx, input));
  }

  @FieldResolver(() => AreaType, { description: 'The area the body belongs to.' })
  async area(@Ctx() ctx: RequestContext, @Root() body: BodyType): Promise<AreaType> {
    return AreaType.from(await ctx.services.areas.get(ctx, body.areaId));
  }

  @FieldResolver(() => BodyType, { nullable: true, description: 'The body this one reports to; null when none or when the viewer may not see it.' })
  async reportsTo(@Ctx() ctx: RequestContext, @Root() body: BodyType): Promise<BodyType | null> {
    if (!body.reportsToId) return null;
    const parent = await ctx.loaders.bodyById.load(body.reportsToId);
    return parent && can(ctx.viewer, 'body.read', bodyResource(parent)) ? BodyType.from(parent) : null;
  }

  @FieldResolver(() => [MembershipType], { description: 'Seats in the body, chair first, then by role and seniority: names and triad sides of its members.' })
  async memberships(
    @Ctx() ctx: RequestContext,
    @Root() body: BodyType,
    @Arg('activeOnly', () => Boolean, { defaultValue: false, description: 'Only seats held today.' }) activeOnly: boolean,
  ): Promise<MembershipType[]> {
    // A body reached through another record (a proposal's current body) shows its name, not its members, to those who may not see it.
    if (!seesBody(ctx, body)) return [];
    return (await ctx.services.memberships.ofBody(ctx, body.id, activeOnly)).map(MembershipType.from);
  }

  @FieldResolver(() => [DelegationType], { description: "Delegations of the chair's power in the body (deputies acting for the chair, a secretary convening, a member verifying minutes), oldest first." })
  async delegations(
    @Ctx() ctx: RequestContext,
    @Root() body: BodyType,
    @Arg('activeOnly', () => Boolean, { defaultValue: false, description: 'Only those standing today.' }) activeOnly: boolean,
  ): Promise<DelegationType[]> {
    if (!seesBody(ctx, body)) return [];
    return (await ctx.services.delegations.ofBody(ctx, body.id, activeOnly)).map(DelegationType.from);
  }
}

const seesBody = (ctx: RequestContext, body: BodyType): boolean =>
  can(ctx.viewer, 'body.read', { areaId: body.areaId, bodies: { body: [{ id: body.id }] }, flags: { public: body.isPublic } });
