import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { requireId } from '../errors/app-errors';
import { ConnectionArgs } from '../schema/connection.args';
import { MunicipalityType } from '../schema/municipality.type';
import { PageInfo } from '../schema/page-info.type';
import { ImportProviderRegisterInput, ProviderFilter } from '../schema/provider.input';
import {
  ProviderConnection,
  ProviderRegisterImportType,
  ProviderType,
  RegisteredServiceType,
  SocialServiceTypeInfoType,
} from '../schema/provider.type';
import { providerCursor } from '../services/provider.service';
import { SOCIAL_SERVICE_TYPES } from '../common/social-service-types';

@Resolver(() => ProviderType)
export class ProviderResolver {
  @Query(() => ProviderConnection, { description: 'The public catalogue of providers of social services, by name (anyone, also without signing in).' })
  async providers(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ProviderFilter, { nullable: true, description: 'Which providers; all when omitted.' }) filter: ProviderFilter | null,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
  ): Promise<ProviderConnection> {
    const page = await ctx.services.providers.page(ctx, filter ?? {}, paging);
    const edges = page.items.map((p) => ({ cursor: providerCursor(p), node: ProviderType.from(p, ctx.locale) }));
    return { edges, pageInfo: PageInfo.of(page, edges), totalCount: page.totalCount };
  }

  @Query(() => ProviderType, { nullable: true, description: 'One provider of the catalogue (anyone). NOT_FOUND when there is none. Null then, with the error at this field\'s path, so that the rest of the answer stands.' })
  async provider(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The provider.' }) id: string): Promise<ProviderType> {
    return ProviderType.from(await ctx.services.providers.get(ctx, id), ctx.locale);
  }

  @Query(() => [SocialServiceTypeInfoType], { description: 'The kinds of social services of zákon 108/2006 Sb., in the order of the law, with their labels (for filters).' })
  socialServiceTypes(@Ctx() ctx: RequestContext): SocialServiceTypeInfoType[] {
    return SOCIAL_SERVICE_TYPES.map((t) => SocialServiceTypeInfoType.from(t, ctx.locale));
  }

  @Mutation(() => ProviderRegisterImportType, {
    description:
      'Imports the national register of social-service providers (its open-data JSON, whole or an extract): providers by IČO and services by their register identifier are created or updated, never duplicated; services of the file\'s providers that the file no longer lists are marked removed. The whole file is checked first: a malformed file is BAD_USER_INPUT naming the records, and nothing is written. Global admins and the admins and coordinators of any area.',
  })
  async importProviderRegister(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ImportProviderRegisterInput, { description: 'What to do; see the input type.' }) input: ImportProviderRegisterInput,
  ): Promise<ProviderRegisterImportType> {
    return ProviderRegisterImportType.from(await ctx.services.providers.importRegister(ctx, input.content));
  }

  @FieldResolver(() => [RegisteredServiceType], { description: 'Its registered services, by register identifier.' })
  async services(
    @Ctx() ctx: RequestContext,
    @Root() provider: ProviderType,
    @Arg('activeOnly', () => Boolean, { defaultValue: true, description: 'Only services in the register today (false adds ended and removed ones).' }) activeOnly: boolean,
  ): Promise<RegisteredServiceType[]> {
    const rows = await ctx.loaders.servicesOfProvider(provider.id, activeOnly, ctx.today);
    return rows.map((s) => RegisteredServiceType.from(s, ctx.locale, ctx.today));
  }
}

@Resolver(() => RegisteredServiceType)
export class SocialServiceResolver {
  @FieldResolver(() => ProviderType, { description: 'Its provider.' })
  async provider(@Ctx() ctx: RequestContext, @Root() s: RegisteredServiceType): Promise<ProviderType> {
    const provider = await ctx.loaders.providerById.load(s.providerId);
    if (!provider) throw new Error(`provider ${s.providerId} of service ${s.id} is missing`);
    return ProviderType.from(provider, ctx.locale);
  }

  @FieldResolver(() => [MunicipalityType], { description: 'Municipalities of our planning areas it serves (those whose `code` it lists), by name.' })
  async municipalities(
    @Ctx() ctx: RequestContext,
    @Root() s: RegisteredServiceType,
    @Arg('areaId', () => ID, { nullable: true, description: 'Only municipalities of this area.' }) areaId: string | null,
  ): Promise<MunicipalityType[]> {
    if (areaId) requireId(ctx.locale, 'areaId', areaId);
    const byCode = ctx.loaders.municipalitiesByCode;
    const found = (await Promise.all(s.municipalityCodes.map((code) => byCode.load(code)))).flat();
    return found
      .filter((m) => !areaId || m.areaId === areaId)
      .sort((a, b) => a.name.localeCompare(b.name, 'cs') || a.id.localeCompare(b.id))
      .map(MunicipalityType.from);
  }
}
