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
  @Mutation(() => MaterialType, {
    description:
      'Attaches a small document (up to 64 kB, base64) to an agenda item or a proposal; returns the document, which names what it is attached to (agendaItem, proposal) and the version it got. The presenter, chair, convener, author or support.',
  })
  async attachMaterial(@Ctx() ctx: RequestContext, @Arg('input', () => AttachMaterialInput, { description: 'What to do; see the input type.' }) input: AttachMaterialInput): Promise<MaterialType> {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(input.contentBase64)) {
      throw badInput(ctx.locale, [{ field: 'contentBase64', text: { cs: 'Obsah není v base64.', en: 'The content is not base64.' } }]);
    }
    const content = Buffer.from(input.contentBase64, 'base64');
    return MaterialType.from(await ctx.services.materials.attach(ctx, { ...input, content }, INLINE_MAX_BYTES));
  }

  @FieldResolver(() => AgendaItemType, {
    nullable: true,
    description: "The agenda item it is attached to (its meeting's agenda lists it); null for a proposal's document, or when the viewer may not see the meeting.",
  })
  async agendaItem(@Ctx() ctx: RequestContext, @Root() m: MaterialType): Promise<AgendaItemType | null> {
    const item = await ctx.services.materials.agendaItemOf(ctx, m.entity);
    return item ? AgendaItemType.from(item) : null;
  }

  @FieldResolver(() => ProposalType, { nullable: true, description: "The proposal it is attached to; null for an agenda item's document, or when the viewer may not see the proposal." })
  async proposal(@Ctx() ctx: RequestContext, @Root() m: MaterialType): Promise<ProposalType | null> {
    const proposal = await ctx.services.materials.proposalOf(ctx, m.entity);
    return proposal ? ProposalType.from(proposal) : null;
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
