import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import { localize } from '../i18n/locale';
import { WorkflowDefinitionType } from '../schema/workflow-definition.type';
import { mermaidDiagram } from '../workflows/workflow-diagram';
import { WORKFLOW_DEFINITIONS } from '../workflows/workflow-registry';

@Resolver(() => WorkflowDefinitionType)
export class WorkflowDefinitionResolver {
  @Query(() => [WorkflowDefinitionType], { description: 'Every approval workflow definition and version (public).' })
  workflowDefinitions(@Ctx() ctx: RequestContext): WorkflowDefinitionType[] {
    return WORKFLOW_DEFINITIONS.map((d) => ({
      key: d.key,
      version: d.version,
      name: localize(d.name, ctx.locale),
      initial: d.initial,
      stages: d.stages.map((s) => ({
        key: s.key,
        label: localize(s.label, ctx.locale),
        labelCs: s.label.cs,
        labelEn: s.label.en,
        bodyKind: s.bodyKind ?? null,
        final: s.final === true,
      })),
      transitions: d.transitions.map((t) => ({
        event: t.event,
        from: t.from,
        to: t.to,
        label: localize(t.label, ctx.locale),
        guards: t.guards.map((g) => ({ name: g.name, params: 'params' in g ? JSON.stringify(g.params) : null })),
      })),
      mermaid: mermaidDiagram(d, ctx.locale),
    }));
  }
}
