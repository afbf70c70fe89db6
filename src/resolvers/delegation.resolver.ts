import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { notFound } from '../errors/app-errors';
import { BodyType } from '../schema/body.type';
import { GrantDelegationInput, RevokeDelegationInput } from '../schema/delegation.input';
import { DelegationType } from '../schema/delegation.type';
import { PersonType } from '../schema/person.type';
import { can } from '../auth/authority';
import { delegationResource } from '../auth/resources';

@Resolver(() => DelegationType)
export class DelegationResolver {
  @Mutation(() => DelegationType, {
    description:
      "Delegates a chair's power to another member of the body for a term. The body's chair, or the area's admin or coordinator recording the body's decision; never to oneself. BAD_USER_INPUT when the delegate is not a member for the whole term or is the chair; CONFLICT when they already hold it then.",
  })
  async grantDelegation(@Ctx() ctx: RequestContext, @Arg('input', () => GrantDelegationInput, { description: 'What to do; see the input type.' }) input: GrantDelegationInput): Promise<DelegationType> {
    return DelegationType.from(await ctx.services.delegations.grant(ctx, input));
  }

  @Mutation(() => DelegationType, { description: "Ends a delegation now. The body's chair, the area's admin or coordinator, or the delegate. Revoking twice changes nothing." })
  async revokeDelegation(@Ctx() ctx: RequestContext, @Arg('input', () => RevokeDelegationInput, { description: 'What to do; see the input type.' }) input: RevokeDelegationInput): Promise<DelegationType> {
    return DelegationType.from(await ctx.services.delegations.revoke(ctx, input));
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether it counts today: not revoked, within its term, its delegate seated in the body and the chair it acts for still chairing it.',
  })
  async active(@Ctx() ctx: RequestContext, @Root() d: DelegationType): Promise<boolean> {
    return ctx.services.delegations.standsToday(ctx, d);
  }

  @FieldResolver(() => String, { nullable: true, description: "Why or under which decision it was granted; only for the area's managers, the body's chair and the delegate (null for others)." })
  async note(@Ctx() ctx: RequestContext, @Root() d: DelegationType): Promise<string | null> {
    const body = await ctx.loaders.bodyById.load(d.bodyId);
    return body && can(ctx.viewer, 'delegation.readNote', delegationResource(body, d.delegateId)) ? d.note : null;
  }

  @FieldResolver(() => BodyType, { description: 'The body.' })
  async body(@Ctx() ctx: RequestContext, @Root() d: DelegationType): Promise<BodyType> {
    const body = await ctx.loaders.bodyById.load(d.bodyId);
    if (!body) throw notFound(ctx.locale, 'Body', d.bodyId);
    return BodyType.from(body);
  }

  @FieldResolver(() => PersonType, { description: 'Who acts under it.' })
  async delegate(@Ctx() ctx: RequestContext, @Root() d: DelegationType): Promise<PersonType> {
    const person = await ctx.loaders.personById.load(d.delegateId);
    if (!person) throw notFound(ctx.locale, 'Person', d.delegateId);
    return PersonType.from(person);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'The chair on whose behalf the delegate acts (the chair when it was granted); null when the body had none.' })
  async onBehalfOf(@Ctx() ctx: RequestContext, @Root() d: DelegationType): Promise<PersonType | null> {
    const person = d.forPersonId ? await ctx.loaders.personById.load(d.forPersonId) : null;
    return person ? PersonType.from(person) : null;
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'Who granted it; null for a global admin.' })
  async grantedBy(@Ctx() ctx: RequestContext, @Root() d: DelegationType): Promise<PersonType | null> {
    const person = d.grantedById ? await ctx.loaders.personById.load(d.grantedById) : null;
    return person ? PersonType.from(person) : null;
  }
}
