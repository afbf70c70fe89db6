import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { BodyKind } from '../entities/enums';
import { AddMunicipalityInput, CreateAreaInput, UpdateAreaInput } from '../schema/area.input';
import { AreaType } from '../schema/area.type';
import { BodyType } from '../schema/body.type';
import { ConnectionArgs } from '../schema/connection.args';
import { MunicipalityType } from '../schema/municipality.type';
import { PageInfo } from '../schema/page-info.type';
import { PersonConnection } from '../schema/person-connection.type';
import { PersonType } from '../schema/person.type';
import { personCursor } from '../services/person.service';

@Resolver(() => AreaType)
export class AreaResolver {
  @Query(() => [AreaType], { description: 'All planning areas (public).' })
  async areas(@Ctx() ctx: RequestContext): Promise<AreaType[]> {
    return (await ctx.services.areas.list(ctx)).map(AreaType.from);
  }

  @Query(() => AreaType, { nullable: true, description: 'One planning area (public). NOT_FOUND when there is none. Null then, with the error at this field\'s path, so that the rest of the answer stands.' })
  async area(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The area.' }) id: string): Promise<AreaType> {
    return AreaType.from(await ctx.services.areas.get(ctx, id));
  }

  @Mutation(() => AreaType, { description: 'Creates a planning area. Global admins only.' })
  async createArea(@Ctx() ctx: RequestContext, @Arg('input', () => CreateAreaInput, { description: 'What to do; see the input type.' }) input: CreateAreaInput): Promise<AreaType> {
    return AreaType.from(await ctx.services.areas.create(ctx, input));
  }

  @Mutation(() => AreaType, { description: "Changes an area's name, kind or workflow. The area's admins (and global admins) only." })
  async updateArea(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateAreaInput, { description: 'What to do; see the input type.' }) input: UpdateAreaInput): Promise<AreaType> {
    return AreaType.from(await ctx.services.areas.update(ctx, input));
  }

  @Mutation(() => AreaType, { description: "Adds a member municipality; returns the area, its municipalities listing the new one. The area's admins and coordinators." })
  async addMunicipality(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AddMunicipalityInput, { description: 'What to do; see the input type.' }) input: AddMunicipalityInput,
  ): Promise<AreaType> {
    return AreaType.from(await ctx.services.areas.addMunicipality(ctx, input));
  }

  @FieldResolver(() => [MunicipalityType], { description: 'Member municipalities, by name.' })
  async municipalities(@Ctx() ctx: RequestContext, @Root() area: AreaType): Promise<MunicipalityType[]> {
    return (await ctx.loaders.municipalitiesByArea.load(area.id)).map(MunicipalityType.from);
  }

  @FieldResolver(() => Int, { description: 'Inhabitants of all member municipalities.' })
  async population(@Ctx() ctx: RequestContext, @Root() area: AreaType): Promise<number> {
    return (await ctx.loaders.municipalitiesByArea.load(area.id)).reduce((sum, m) => sum + m.population, 0);
  }

  @FieldResolver(() => [BodyType], { description: 'Bodies the viewer may see, in pipeline order: public bodies to all, others to their members and area roles.' })
  async bodies(
    @Ctx() ctx: RequestContext,
    @Root() area: AreaType,
    @Arg('kind', () => BodyKind, { nullable: true, description: 'Only bodies of this kind.' }) kind?: BodyKind | null,
  ): Promise<BodyType[]> {
    return (await ctx.services.bodies.listInArea(ctx, area.id, kind)).map(BodyType.from);
  }

  @FieldResolver(() => PersonConnection, {
    description: 'People of the area the viewer may see, by name: all of them for area roles; otherwise those seated in public bodies or the viewer\'s bodies.',
  })
  async people(
    @Ctx() ctx: RequestContext,
    @Root() area: AreaType,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
    @Arg('search', () => String, { nullable: true, description: 'Part of a name or organisation, case-insensitive.' }) search?: string | null,
  ): Promise<PersonConnection> {
    const page = await ctx.services.people.page(ctx, area.id, { ...paging, search: search ?? null });
    const edges = page.items.map((p) => ({ cursor: personCursor(p), node: PersonType.from(p) }));
    return { edges, pageInfo: PageInfo.of(page, edges), totalCount: page.totalCount };
  }
}
