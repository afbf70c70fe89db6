import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { AgendaItemType, AttendanceType } from '../schema/meeting.type';
import { PersonType } from '../schema/person.type';
import { ProposalType } from '../schema/proposal.type';

@Resolver(() => AgendaItemType)
export class AgendaItemResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: 'Who presents the item.' })
  async presenter(@Ctx() ctx: RequestContext, @Root() item: AgendaItemType): Promise<PersonType | null> {
    const person = item.presenterId ? await ctx.loaders.personById.load(item.presenterId) : null;
    return person ? PersonType.from(person) : null;
  }

  @FieldResolver(() => ProposalType, { nullable: true, description: 'The proposal the item is about, if the viewer may see it.' })
  async proposal(@Ctx() ctx: RequestContext, @Root() item: AgendaItemType): Promise<ProposalType | null> {
    if (!item.proposalId) return null;
    const p = await ctx.services.proposals.get(ctx, item.proposalId).catch(() => null);
    return p ? ProposalType.from(p) : null;
  }
}

@Resolver(() => AttendanceType)
export class AttendanceResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: 'The person.' })
  async person(@Ctx() ctx: RequestContext, @Root() a: AttendanceType): Promise<PersonType | null> {
    const person = await ctx.loaders.personById.load(a.personId);
    return person ? PersonType.from(person) : null;
  }
}
