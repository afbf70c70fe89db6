import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { PersonType } from '../schema/person.type';
import { WorkflowEventType } from '../schema/proposal.type';

@Resolver(() => WorkflowEventType)
export class WorkflowEventResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: 'Who fired the event; null if the person record is gone.' })
  async actor(@Ctx() ctx: RequestContext, @Root() e: WorkflowEventType): Promise<PersonType | null> {
    const person = await ctx.loaders.personById.load(e.actorId);
    return person ? PersonType.from(person) : null;
  }
}
