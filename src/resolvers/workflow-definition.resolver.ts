import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import { DECIDED_PHASES } from '../entities/enums';
import { localize } from '../i18n/locale';
import { WorkflowDefinitionType } from '../schema/workflow-definition.type';
import { mermaidDiagram } from '../workflows/workflow-diagram';

@Resolver(() => WorkflowDefinitionType)
export class WorkflowDefinitionResolver {
  @Query(() => [WorkflowDefinitionType], { description: 'Every approval workflow definition and version (public).' })
  workflowDefinitions(@Ctx() ctx: RequestContext): WorkflowDefinitionType[] {
    return ctx.workflows.definitions.map((d) => ({
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
        final: DECIDED_PHASES.includes(s.phase),
        phase: s.phase,
      })),
      transitions: d.transitions.map((t) => ({
        event: t.event,
        from: t.from,
        to: t.to,
        label: localize(t.label, ctx.locale),
        guards: t.guards.map((g) => ({ name: g.name, params: 'params' in g ? JSON.stringify(g.params) : null })),
        effects: [...(t.effects ?? [])],
        returns: t.returns === true,
      })),
      mermaid: mermaidDiagram(d, ctx.locale),
    }));
  }
}
