import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { MeetingType } from '../schema/meeting.type';
import { PersonType } from '../schema/person.type';
import { WorkflowEventType } from '../schema/proposal.type';

@Resolver(() => WorkflowEventType)
export class WorkflowEventResolver {
  @FieldResolver(() => MeetingType, { nullable: true, description: 'The meeting whose resolution fired the event, if any and if the viewer may see it.' })
  async meeting(@Ctx() ctx: RequestContext, @Root() e: WorkflowEventType): Promise<MeetingType | null> {
    if (!e.meetingId) return null;
    const m = await ctx.services.meetings.get(ctx, e.meetingId).catch(() => null);
    return m ? MeetingType.from(m) : null;
  }

  @FieldResolver(() => PersonType, { nullable: true, description: "The chair on whose behalf the actor fired the event, when acting by delegation (a deputy); null otherwise." })
  async onBehalfOf(@Ctx() ctx: RequestContext, @Root() e: WorkflowEventType): Promise<PersonType | null> {
    const person = e.onBehalfOfId ? await ctx.loaders.personById.load(e.onBehalfOfId) : null;
    return person ? PersonType.from(person) : null;
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'Who fired the event; null if the person record is gone.' })
  async actor(@Ctx() ctx: RequestContext, @Root() e: WorkflowEventType): Promise<PersonType | null> {
    const person = await ctx.loaders.personById.load(e.actorId);
    return person ? PersonType.from(person) : null;
  }
}
