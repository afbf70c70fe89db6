import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { DraftMinutesInput, MinutesActionInput } from '../schema/meeting.input';
import { MeetingType, MinutesRecipientType, MinutesType } from '../schema/meeting.type';
import { PersonType } from '../schema/person.type';

const INPUT = { description: 'What to do; see the input type.' };

@Resolver(() => MinutesType)
export class MinutesResolver {
  @Mutation(() => MeetingType, { description: "Drafts the minutes of a held meeting. The body's minute-taker (the coordinator unless the body names its secretary); verified minutes are not changed but get a new version." })
  async draftMinutes(@Ctx() ctx: RequestContext, @Arg('input', () => DraftMinutesInput, INPUT) input: DraftMinutesInput): Promise<MeetingType> {
    return MeetingType.from(await ctx.services.minutes.draft(ctx, input));
  }

  @Mutation(() => MeetingType, { description: 'Verifies the current minutes. The chair of the body, never the author of the minutes.' })
  async verifyMinutes(@Ctx() ctx: RequestContext, @Arg('input', () => MinutesActionInput, INPUT) input: MinutesActionInput): Promise<MeetingType> {
    return MeetingType.from(await ctx.services.minutes.verify(ctx, input));
  }

  @Mutation(() => MeetingType, { description: "Sends the verified minutes to the body's members and records who got them. The minute-taker." })
  async distributeMinutes(@Ctx() ctx: RequestContext, @Arg('input', () => MinutesActionInput, INPUT) input: MinutesActionInput): Promise<MeetingType> {
    return MeetingType.from(await ctx.services.minutes.distribute(ctx, input));
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'Who wrote this version.' })
  async draftedBy(@Ctx() ctx: RequestContext, @Root() m: MinutesType): Promise<PersonType | null> {
    const p = await ctx.loaders.personById.load(m.draftedById);
    return p ? PersonType.from(p) : null;
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'Who verified it.' })
  async verifiedBy(@Ctx() ctx: RequestContext, @Root() m: MinutesType): Promise<PersonType | null> {
    const p = m.verifiedById ? await ctx.loaders.personById.load(m.verifiedById) : null;
    return p ? PersonType.from(p) : null;
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'The chair on whose behalf it was verified, when a member named to verify the minutes did it; null otherwise.' })
  async verifiedOnBehalfOf(@Ctx() ctx: RequestContext, @Root() m: MinutesType): Promise<PersonType | null> {
    const p = m.verifiedOnBehalfOfId ? await ctx.loaders.personById.load(m.verifiedOnBehalfOfId) : null;
    return p ? PersonType.from(p) : null;
  }

  @FieldResolver(() => [MinutesRecipientType], { description: 'Who received this version.' })
  async recipients(@Ctx() ctx: RequestContext, @Root() m: MinutesType): Promise<MinutesRecipientType[]> {
    return (await ctx.services.minutes.recipients(ctx, m.id)).map((r) => Object.assign(new MinutesRecipientType(), { sentAt: r.sentAt, personId: r.personId }));
  }
}

@Resolver(() => MinutesRecipientType)
export class MinutesRecipientResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: 'The recipient.' })
  async person(@Ctx() ctx: RequestContext, @Root() r: MinutesRecipientType): Promise<PersonType | null> {
    const p = await ctx.loaders.personById.load(r.personId);
    return p ? PersonType.from(p) : null;
  }
}

@Resolver(() => MeetingType)
export class MeetingMinutesResolver {
  @FieldResolver(() => MinutesType, { nullable: true, description: 'The current version of the minutes.' })
  async minutes(@Ctx() ctx: RequestContext, @Root() m: MeetingType): Promise<MinutesType | null> {
    const versions = await ctx.services.minutes.versions(ctx, m.entity);
    const last = versions.at(-1);
    return last ? MinutesType.from(last) : null;
  }

  @FieldResolver(() => [MinutesType], { description: 'Every version of the minutes, oldest first; earlier versions stay readable.' })
  async minutesVersions(@Ctx() ctx: RequestContext, @Root() m: MeetingType): Promise<MinutesType[]> {
    return (await ctx.services.minutes.versions(ctx, m.entity)).map(MinutesType.from);
  }

  @FieldResolver(() => Boolean, { description: "Whether the minutes are overdue: the meeting was held and they have not gone out by the body's deadline." })
  async minutesOverdue(@Ctx() ctx: RequestContext, @Root() m: MeetingType): Promise<boolean> {
    const body = await ctx.loaders.bodyById.load(m.entity.body.id);
    return body ? ctx.services.minutes.overdue(ctx, m.entity, body) : false;
  }
}
