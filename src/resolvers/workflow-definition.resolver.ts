import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import { workflowDefinitionView, WorkflowDefinitionType } from '../schema/workflow-definition.type';

@Resolver(() => WorkflowDefinitionType)
export class WorkflowDefinitionResolver {
  @Query(() => [WorkflowDefinitionType], {
    description: 'Every published version of every approval workflow (public): the templates, then the definitions areas shaped for themselves; with `areaId`, the templates and that area\'s own.',
  })
  async workflowDefinitions(
    @Ctx() ctx: RequestContext,
    @Arg('areaId', () => ID, { nullable: true, description: 'Only the templates and this area\'s own definitions.' }) areaId?: string | null,
  ): Promise<WorkflowDefinitionType[]> {
    const all = await ctx.services.workflows.list(ctx, areaId ?? null);
    return all.map((w) => workflowDefinitionView(w.definition, ctx.locale, w.areaId));
  }
}
