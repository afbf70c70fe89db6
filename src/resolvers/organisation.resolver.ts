import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { ConnectionArgs } from '../schema/connection.args';
import { PageInfo } from '../schema/page-info.type';
import { OrganisationConnection } from '../schema/organisation-connection.type';
import { CreateOrganisationInput, UpdateOrganisationInput } from '../schema/organisation.input';
import { OrganisationType } from '../schema/organisation.type';
import { ProviderType } from '../schema/provider.type';
import { organisationCursor } from '../services/organisation.service';

const INPUT = { description: 'What to do; see the input type.' };

@Resolver(() => OrganisationType)
export class OrganisationResolver {
  @Query(() => OrganisationConnection, {
    description: "An area's organisations by name, for the area's people (and global admins); an empty page for anyone else.",
  })
  async organisations(
    @Ctx() ctx: RequestContext,
    @Arg('areaId', () => ID, { description: 'The area.' }) areaId: string,
    @Arg('search', () => String, { nullable: true, description: 'Part of the name (case-insensitive), or the beginning of the IČO.' }) search: string | null | undefined,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<OrganisationConnection> {
    const page = await ctx.services.organisations.page(ctx, areaId, { ...paging, search: search ?? null });
    const edges = page.items.map((o) => ({ cursor: organisationCursor(o), node: OrganisationType.from(o) }));
    return { edges, pageInfo: PageInfo.of(page, edges), totalCount: page.totalCount };
  }

  @Query(() => OrganisationType, { nullable: true, description: "One organisation, for its area's people (and global admins); NOT_FOUND otherwise. Null then, with the error at this field's path, so that the rest of the answer stands." })
  async organisation(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The organisation.' }) id: string): Promise<OrganisationType> {
    return OrganisationType.from(await ctx.services.organisations.get(ctx, id));
  }

  @Mutation(() => OrganisationType, {
    description: "Records an organisation of an area. The area's admins and coordinators. A bad IČO is BAD_USER_INPUT; an IČO another organisation of the area has is CONFLICT.",
  })
  async createOrganisation(@Ctx() ctx: RequestContext, @Arg('input', () => CreateOrganisationInput, INPUT) input: CreateOrganisationInput): Promise<OrganisationType> {
    return OrganisationType.from(await ctx.services.organisations.create(ctx, input));
  }

  @Mutation(() => OrganisationType, {
    description: "Renames an organisation or changes its IČO; every record referring to it follows. The area's admins and coordinators.",
  })
  async updateOrganisation(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateOrganisationInput, INPUT) input: UpdateOrganisationInput): Promise<OrganisationType> {
    return OrganisationType.from(await ctx.services.organisations.update(ctx, input));
  }

  @FieldResolver(() => ProviderType, {
    nullable: true,
    description: 'The provider of the public catalogue with the same IČO, when there is one (e.g. once the register is imported); null without an IČO.',
  })
  async provider(@Ctx() ctx: RequestContext, @Root() o: OrganisationType): Promise<ProviderType | null> {
    const provider = o.ico ? await ctx.loaders.providerByIco.load(o.ico) : null;
    return provider ? ProviderType.from(provider, ctx.locale) : null;
  }
}
