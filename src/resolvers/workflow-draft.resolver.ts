import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import type { WorkflowDraft } from '../entities/workflow-draft.entity';
import { localize } from '../i18n/locale';
import { BodyType } from '../schema/body.type';
import { ProposalType } from '../schema/proposal.type';
import { CreateWorkflowDraftInput, DiscardWorkflowDraftInput, MigrateProposalsInput, PublishWorkflowDraftInput, UpdateWorkflowDraftInput, type WorkflowContentInput } from '../schema/workflow-draft.input';
import { ProposalMigrationType, WorkflowDraftType, WorkflowPreviewType, WorkflowProblemType, type ProposalMoveRefusalCode } from '../schema/workflow-draft.type';
import { workflowDefinitionView, WorkflowDefinitionType } from '../schema/workflow-definition.type';
import type { DraftContent } from '../services/workflow-draft.service';
import type { TransitionEffect } from '../workflows/workflow-definition';
import type { WorkflowProblem } from '../workflows/workflow-problems';

const draftView = (ctx: RequestContext, d: WorkflowDraft): WorkflowDraftType => ({
  id: d.id,
  areaId: d.areaId,
  key: d.key,
  basedOnVersion: d.basedOnVersion,
  revision: d.revision,
  publishedVersion: d.publishedVersion,
  definition: workflowDefinitionView(d.definition, ctx.locale, d.areaId),
  updatedAt: d.updatedAt,
});

const problemView = (ctx: RequestContext, p: WorkflowProblem): WorkflowProblemType => ({ code: p.code, path: p.path, message: localize(p.text, ctx.locale) });

/** The GraphQL content of a draft as the service keeps it. */
function contentOf(input: WorkflowContentInput): DraftContent {
  return {
    name: { cs: input.nameCs ?? '', en: input.nameEn ?? '' },
    initial: input.initial,
    stages: input.stages.map((s) => ({ key: s.key, label: { cs: s.labelCs ?? '', en: s.labelEn ?? '' }, phase: s.phase, ...(s.bodyKind ? { bodyKind: s.bodyKind } : {}) })),
    transitions: input.transitions.map((t) => ({
      event: t.event,
      from: t.from,
      to: t.to,
      label: { cs: t.labelCs ?? '', en: t.labelEn ?? '' },
      guards: t.guards.map((g) => (g.params === undefined || g.params === null ? { name: g.name } : { name: g.name, params: g.params })),
      ...(t.effects.length > 0 ? { effects: t.effects as string[] as TransitionEffect[] } : {}),
      ...(t.returns ? { returns: true } : {}),
    })),
    ...(input.hearingRule ? { hearingRule: input.hearingRule } : {}),
  };
}

@Resolver(() => WorkflowDraftType)
export class WorkflowDraftResolver {
  @Query(() => [WorkflowDraftType], { description: "Drafts of an area's own workflow (its admins), or of the templates without `areaId` (global admins); newest change first." })
  async workflowDrafts(
    @Ctx() ctx: RequestContext,
    @Arg('areaId', () => ID, { nullable: true, description: 'The area; omitted for the templates.' }) areaId?: string | null,
  ): Promise<WorkflowDraftType[]> {
    return (await ctx.services.workflowDrafts.list(ctx, areaId ?? null)).map((d) => draftView(ctx, d));
  }

  @Query(() => WorkflowDraftType, { nullable: true, description: "One workflow draft: an area's (NOT_FOUND for anyone who may not edit that area's workflows) or a template's (FORBIDDEN for anyone but a global admin). Null then, with the error at this field's path, so that the rest of the answer stands." })
  async workflowDraft(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The draft.' }) id: string): Promise<WorkflowDraftType> {
    return draftView(ctx, await ctx.services.workflowDrafts.get(ctx, id));
  }

  @Query(() => [WorkflowProblemType], {
    description:
      'Everything wrong with a draft, each problem with its path: unreachable stages, dead ends, unknown guards or parameters, stages without a responsible body in the area, inputs nobody can give, a plan approved without the assembly, missing labels, and the rest of `WorkflowProblemCode`. Empty: it can be published.',
  })
  async validateWorkflowDraft(@Ctx() ctx: RequestContext, @Arg('draftId', () => ID, { description: 'The draft.' }) draftId: string): Promise<WorkflowProblemType[]> {
    const draft = await ctx.services.workflowDrafts.get(ctx, draftId);
    return (await ctx.services.workflowDrafts.problems(ctx, draft)).map((p) => problemView(ctx, p));
  }

  @Query(() => WorkflowPreviewType, { description: "A draft as it would run: its Mermaid diagram, its problems, and what each of the area's bodies would be responsible for." })
  async previewWorkflowDraft(@Ctx() ctx: RequestContext, @Arg('draftId', () => ID, { description: 'The draft.' }) draftId: string): Promise<WorkflowPreviewType> {
    const preview = await ctx.services.workflowDrafts.preview(ctx, await ctx.services.workflowDrafts.get(ctx, draftId));
    const view = draftView(ctx, preview.draft);
    return {
      draft: view,
      mermaid: view.definition.mermaid,
      problems: preview.problems.map((p) => problemView(ctx, p)),
      bodies: preview.bodies.map((b) => {
        const stageKeys = new Set(b.stages.map((s) => s.key));
        return {
          body: BodyType.from(b.body),
          stages: view.definition.stages.filter((s) => stageKeys.has(s.key)),
          events: b.events.map((e) => ({ event: e.event, from: e.from, to: e.to, label: localize(e.label, ctx.locale) })),
        };
      }),
    };
  }

  @Mutation(() => WorkflowDraftType, {
    description: "Starts a workflow draft: an area's own (its admin) or a template (a global admin), empty or from a published version (a template or the area's own).",
  })
  async createWorkflowDraft(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateWorkflowDraftInput, { description: 'What to do; see the input type.' }) input: CreateWorkflowDraftInput,
  ): Promise<WorkflowDraftType> {
    return draftView(ctx, await ctx.services.workflowDrafts.create(ctx, { areaId: input.areaId ?? null, key: input.key, from: input.from ?? null }));
  }

  @Mutation(() => WorkflowDraftType, { description: "Replaces a draft's content (problems and all: `validateWorkflowDraft` lists them). CONFLICT when it changed since `expectedRevision` or was published." })
  async updateWorkflowDraft(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateWorkflowDraftInput, { description: 'What to do; see the input type.' }) input: UpdateWorkflowDraftInput,
  ): Promise<WorkflowDraftType> {
    return draftView(ctx, await ctx.services.workflowDrafts.update(ctx, { draftId: input.draftId, expectedRevision: input.expectedRevision, content: contentOf(input.definition) }));
  }

  @Mutation(() => ID, { description: 'Discards a draft and returns its id; what it published stays. A key no version and no other draft holds is free again. CONFLICT when it changed since `expectedRevision`.' })
  async discardWorkflowDraft(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => DiscardWorkflowDraftInput, { description: 'What to do; see the input type.' }) input: DiscardWorkflowDraftInput,
  ): Promise<string> {
    return ctx.services.workflowDrafts.discard(ctx, input);
  }

  @Mutation(() => WorkflowDefinitionType, {
    description:
      "Publishes a draft as the key's next version, which never changes afterwards. Refused (BAD_USER_INPUT, `extensions.problems`) while it has a problem. An area's definition becomes the area's workflow for new proposals; proposals in flight keep their version.",
  })
  async publishWorkflowDraft(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => PublishWorkflowDraftInput, { description: 'What to do; see the input type.' }) input: PublishWorkflowDraftInput,
  ): Promise<WorkflowDefinitionType> {
    const published = await ctx.services.workflowDrafts.publish(ctx, input);
    return workflowDefinitionView(published.definition, ctx.locale, published.areaId);
  }

  @Mutation(() => ProposalMigrationType, {
    description:
      "Moves an area's proposals in flight from one published workflow version to another, each as an event of its history (who, why, from which version). With `dryRun`, lists what would move and why anything cannot; applied, it moves all or, if any cannot, none (BAD_USER_INPUT with `extensions.refusals`: each proposal and its `ProposalMoveRefusalCode`). The area's admins only.",
  })
  async migrateProposals(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => MigrateProposalsInput, { description: 'What to do; see the input type.' }) input: MigrateProposalsInput,
  ): Promise<ProposalMigrationType> {
    const report = await ctx.services.workflowMigrations.migrate(ctx, input);
    for (const m of report.moves) ctx.loaders.forgetHistory(m.proposalId);
    return {
      dryRun: report.dryRun,
      moves: report.moves.map((m) => ({
        proposalId: m.proposalId,
        proposal: m.proposal ? ProposalType.from(m.proposal) : null,
        fromState: m.fromState,
        toState: m.toState,
        refusal: m.refusal ? { code: m.refusal.code as ProposalMoveRefusalCode, message: localize(m.refusal.text, ctx.locale) } : null,
      })),
    };
  }
}
