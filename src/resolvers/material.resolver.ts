import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { badInput } from '../errors/app-errors';
import { AttachMaterialInput } from '../schema/meeting.input';
import { AgendaItemType } from '../schema/meeting.type';
import { MaterialType } from '../schema/material.type';
import { PersonType } from '../schema/person.type';
import { ProposalType } from '../schema/proposal.type';

const INLINE_MAX_BYTES = 64 * 1024;

@Resolver(() => MaterialType)
export class MaterialResolver {
  @Mutation(() => MaterialType, { description: 'Attaches a small document (up to 64 kB, base64) to an agenda item or a proposal. The presenter, chair, convener, author or support.' })
  async attachMaterial(@Ctx() ctx: RequestContext, @Arg('input', () => AttachMaterialInput, { description: 'What to do; see the input type.' }) input: AttachMaterialInput): Promise<MaterialType> {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(input.contentBase64)) {
      throw badInput(ctx.locale, [{ field: 'contentBase64', text: { cs: 'Obsah není v base64.', en: 'The content is not base64.' } }]);
    }
    const content = Buffer.from(input.contentBase64, 'base64');
    return MaterialType.from(await ctx.services.materials.attach(ctx, { ...input, content }, INLINE_MAX_BYTES));
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'Who uploaded this version.' })
  async uploadedBy(@Ctx() ctx: RequestContext, @Root() m: MaterialType): Promise<PersonType | null> {
    const p = await ctx.loaders.personById.load(m.uploadedById);
    return p ? PersonType.from(p) : null;
  }
}

@Resolver(() => AgendaItemType)
export class AgendaItemMaterialsResolver {
  @FieldResolver(() => [MaterialType], { description: 'Documents of the item, every version.' })
  async materials(@Ctx() ctx: RequestContext, @Root() item: AgendaItemType): Promise<MaterialType[]> {
    return (await ctx.services.materials.ofAgendaItem(ctx, item.id)).map(MaterialType.from);
  }
}

@Resolver(() => ProposalType)
export class ProposalMaterialsResolver {
  @FieldResolver(() => [MaterialType], { description: 'Documents of the proposal, every version.' })
  async materials(@Ctx() ctx: RequestContext, @Root() p: ProposalType): Promise<MaterialType[]> {
    return (await ctx.services.materials.ofProposal(ctx, p.id)).map(MaterialType.from);
  }
}
