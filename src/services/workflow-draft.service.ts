import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../context';
import { authorize } from '../auth/authority';
import { inArea, SHARED } from '../auth/resources';
import { keyOwner, lockPublications, newestVersion } from '../data/workflow-definitions';
import { Body } from '../entities/body.entity';
import { PlanningArea } from '../entities/planning-area.entity';
import { WorkflowDraft } from '../entities/workflow-draft.entity';
import { WorkflowVersion } from '../entities/workflow-version.entity';
import { AppError, badInput, conflict, ErrorCode, notFound, requireId } from '../errors/app-errors';
import { localize } from '../i18n/locale';
import type { Text } from '../domain/text';
import type { DraftDefinition, StageDefinition, WorkflowDefinition } from '../workflows/workflow-definition';
import { workflowProblems, type AreaShape, type WorkflowProblem } from '../workflows/workflow-problems';
import type { CompiledWorkflow } from '../workflows/workflow-registry';
import type { WorkflowCatalogueService, WorkflowRef } from './workflow-catalogue.service';

/** What a draft holds besides its key: the definition as typed. */
export type DraftContent = Omit<DraftDefinition, 'key' | 'version'>;

export interface CreateWorkflowDraftCommand {
  /** The area whose definition it drafts; null for a template (a global admin's). */
  areaId: string | null;
  /** The key to publish under: the area's own (new, or one it already has) or, for a template, a template's. */
  key: string;
  /** The published version to start from (a template or the area's own); an empty definition without. */
  from?: WorkflowRef | null;
}

export interface UpdateWorkflowDraftCommand {
  draftId: string;
  /** The revision the editor started from; a draft changed since is refused (CONFLICT). */
  expectedRevision: number;
  content: DraftContent;
}

export interface DiscardWorkflowDraftCommand {
  draftId: string;
  expectedRevision: number;
}

export interface PublishWorkflowDraftCommand {
  draftId: string;
  expectedRevision: number;
}

/** A body of the area and what a draft would make it responsible for. */
export interface BodyResponsibility {
  body: Body;
  /** Stages the body handles (by its kind). */
  stages: StageDefinition[];
  /** Events its chair may fire (by the `actorIs` guards naming the chair of its kind). */
  events: Array<{ event: string; from: string[]; to: string; label: Text }>;
}

export interface WorkflowPreview {
  draft: WorkflowDraft;
  problems: WorkflowProblem[];
  /** Each body of the area (none for a template) with what it would handle. */
  bodies: BodyResponsibility[];
}

/** Keys are what areas and proposals name: lower case, digits and hyphens. */
const KEY = /^[a-z][a-z0-9-]{1,39}$/;

const ONE_OF_ANOTHER: Text = {
  cs: 'Tento klíč patří jiné oblasti nebo šabloně; zvolte jiný.',
  en: 'This key belongs to another area or to a template; choose another.',
};

/**
 * Drafts of approval workflows: an area's admin shapes the area's own definition (a global admin,
 * the templates), sees every problem with its path and a preview, and publishes a new version,
 * which is never changed afterwards. Publishing an area's definition makes it the area's workflow
 * for new proposals; proposals in flight keep the version they started under.
 */
export class WorkflowDraftService {
  constructor(private readonly workflows: WorkflowCatalogueService) {}

  private authorizeEdit(ctx: RequestContext, areaId: string | null, id?: string): void {
    if (areaId) authorize(ctx, 'workflow.edit', inArea(areaId), 'Area', areaId);
    else authorize(ctx, 'workflow.editTemplate', SHARED, 'WorkflowDraft', id);
  }

  /** The drafts of an area (of the templates when null), newest change first. */
  async list(ctx: RequestContext, areaId: string | null): Promise<WorkflowDraft[]> {
    if (areaId) requireId(ctx.locale, 'areaId', areaId);
    this.authorizeEdit(ctx, areaId);
    return ctx.em.find(WorkflowDraft, { areaId }, { orderBy: { updatedAt: 'desc', id: 'asc' } });
  }

  /** One draft; NOT_FOUND for anyone who may not edit its area's workflows. */
  async get(ctx: RequestContext, id: string): Promise<WorkflowDraft> {
    requireId(ctx.locale, 'draftId', id);
    const draft = await ctx.em.findOne(WorkflowDraft, { id });
    if (!draft) throw notFound(ctx.locale, 'WorkflowDraft', id);
    this.authorizeEdit(ctx, draft.areaId, id);
    return draft;
  }

  async create(ctx: RequestContext, cmd: CreateWorkflowDraftCommand): Promise<WorkflowDraft> {
    if (cmd.areaId) requireId(ctx.locale, 'areaId', cmd.areaId);
    this.authorizeEdit(ctx, cmd.areaId);
    if (cmd.areaId && !(await ctx.em.findOne(PlanningArea, { id: cmd.areaId }))) throw notFound(ctx.locale, 'Area', cmd.areaId);
    if (!KEY.test(cmd.key)) {
      throw badInput(ctx.locale, [
        { field: 'key', text: { cs: 'Klíč: 2–40 znaků, malá písmena bez diakritiky, číslice a pomlčky.', en: 'Key: 2–40 characters, lower-case letters, digits and hyphens.' } },
      ]);
    }
    let content: DraftContent = { name: { cs: cmd.key, en: cmd.key }, initial: '', stages: [], transitions: [] };
    let basedOnVersion: number | null = null;
    if (cmd.from) {
      // Published definitions are public (workflowDefinitions): any may be a starting point.
      const source = await this.workflows.find(ctx, cmd.from);
      if (!source) throw badInput(ctx.locale, [{ field: 'from', text: { cs: 'Taková zveřejněná verze není.', en: 'No such published version.' } }]);
      const { key: _key, version: _version, ...rest } = structuredClone(source.definition);
      content = rest;
      if (cmd.from.key === cmd.key) basedOnVersion = cmd.from.version;
    }
    return ctx.em.transactional(async (em) => {
      // A new key is claimed by one area (or the templates) only: checked and claimed under the publication lock.
      await lockPublications(em);
      const owner = await keyOwner(em, cmd.key);
      if (owner && owner.areaId !== cmd.areaId) throw badInput(ctx.locale, [{ field: 'key', text: ONE_OF_ANOTHER }]);
      const draft = em.create(WorkflowDraft, {
        areaId: cmd.areaId,
        key: cmd.key,
        basedOnVersion,
        definition: { ...content, key: cmd.key, version: 0 },
        createdBy: cmd.areaId ? (ctx.viewer.personIn(cmd.areaId)?.id ?? null) : null,
      });
      await em.flush();
      return draft;
    });
  }

  /** Locks the draft in `em`'s transaction and checks it is still the revision the editor saw. */
  private async lockCurrent(ctx: RequestContext, em: EntityManager, draftId: string, expectedRevision: number): Promise<WorkflowDraft> {
    const draft = await em.findOneOrFail(WorkflowDraft, { id: draftId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (draft.publishedVersion !== null) {
      throw conflict(ctx.locale, { cs: `Návrh už byl zveřejněn jako verze ${draft.publishedVersion}.`, en: `The draft was already published as version ${draft.publishedVersion}.` });
    }
    if (draft.revision !== expectedRevision) {
      throw conflict(ctx.locale, { cs: 'Návrh mezitím změnil někdo jiný; načtěte jej znovu.', en: 'The draft has changed since you loaded it; reload it.' }, { currentRevision: draft.revision });
    }
    return draft;
  }

  async update(ctx: RequestContext, cmd: UpdateWorkflowDraftCommand): Promise<WorkflowDraft> {
    const found = await this.get(ctx, cmd.draftId);
    return ctx.em.transactional(async (em) => {
      const draft = await this.lockCurrent(ctx, em, found.id, cmd.expectedRevision);
      draft.definition = { ...cmd.content, key: draft.key, version: 0 };
      draft.revision += 1;
      await em.flush();
      return draft;
    });
  }

  /** Discards a draft (a published version stays as it is); a key held by no version and no other draft is free again. */
  async discard(ctx: RequestContext, cmd: DiscardWorkflowDraftCommand): Promise<string> {
    const found = await this.get(ctx, cmd.draftId);
    return ctx.em.transactional(async (em) => {
      const draft = await em.findOneOrFail(WorkflowDraft, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (draft.revision !== cmd.expectedRevision) {
        throw conflict(ctx.locale, { cs: 'Návrh mezitím změnil někdo jiný; načtěte jej znovu.', en: 'The draft has changed since you loaded it; reload it.' }, { currentRevision: draft.revision });
      }
      em.remove(draft);
      await em.flush();
      return draft.id;
    });
  }

  /** What the area has that a definition is checked against: the kinds of its bodies (nothing for a template). */
  private async shapeOf(ctx: RequestContext, areaId: string | null): Promise<{ shape?: AreaShape; bodies: Body[] }> {
    if (!areaId) return { bodies: [] };
    const bodies = await ctx.em.find(Body, { areaId }, { orderBy: { name: 'asc', id: 'asc' } });
    return { shape: { bodyKinds: [...new Set(bodies.map((b) => b.kind))] }, bodies };
  }

  /** Everything wrong with the draft, each problem with its path; none means it can be published. */
  async problems(ctx: RequestContext, draft: WorkflowDraft): Promise<WorkflowProblem[]> {
    const { shape } = await this.shapeOf(ctx, draft.areaId);
    return workflowProblems(draft.definition, shape);
  }

  /** The problems and what each of the area's bodies would be responsible for. */
  async preview(ctx: RequestContext, draft: WorkflowDraft): Promise<WorkflowPreview> {
    const { shape, bodies } = await this.shapeOf(ctx, draft.areaId);
    const def = draft.definition;
    const chairs = (t: DraftDefinition['transitions'][number], kind: string): boolean =>
      t.guards.some((g) => {
        const anyOf = g.name === 'actorIs' && typeof g.params === 'object' && g.params !== null ? (g.params as { anyOf?: unknown }).anyOf : undefined;
        return Array.isArray(anyOf) && anyOf.some((r: { kind?: unknown; bodyKind?: unknown }) => r?.kind === 'CHAIR_OF' && r.bodyKind === kind);
      });
    return {
      draft,
      problems: workflowProblems(def, shape),
      bodies: bodies.map((body) => {
        const stages = def.stages.filter((s) => s.bodyKind === body.kind);
        const keys = new Set(stages.map((s) => s.key));
        return {
          body,
          stages,
          events: def.transitions
            .filter((t) => t.from.some((f) => keys.has(f)) || chairs(t, body.kind))
            .map((t) => ({ event: t.event, from: t.from, to: t.to, label: t.label })),
        };
      }),
    };
  }

  /**
   * Publishes the draft as the key's next version, refused (BAD_USER_INPUT, every problem listed)
   * while it has a problem. An area's definition becomes the area's workflow for new proposals.
   */
  async publish(ctx: RequestContext, cmd: PublishWorkflowDraftCommand): Promise<CompiledWorkflow> {
    const found = await this.get(ctx, cmd.draftId);
    const problems = await this.problems(ctx, found);
    if (problems.length > 0) {
      throw new AppError(
        ErrorCode.BAD_USER_INPUT,
        localize({ cs: `Návrh postupu má ${problems.length} problémů; nelze jej zveřejnit.`, en: `The workflow draft has ${problems.length} problem(s) and cannot be published.` }, ctx.locale),
        { fields: problems.map((p) => ({ field: `definition.${p.path}`, message: localize(p.text, ctx.locale) })), problems: problems.map((p) => ({ code: p.code, path: p.path })) },
      );
    }
    const published = await ctx.em.transactional(async (em) => {
      await lockPublications(em);
      // The revision checked for problems above is the one published.
      const draft = await this.lockCurrent(ctx, em, found.id, found.revision === cmd.expectedRevision ? cmd.expectedRevision : -1);
      const owner = await keyOwner(em, draft.key);
      if (owner && owner.areaId !== draft.areaId) throw badInput(ctx.locale, [{ field: 'key', text: ONE_OF_ANOTHER }]);
      // A draft is published over the version it started from, never over one published since (nor over any, started from elsewhere).
      const newest = (await newestVersion(em, draft.key))?.version ?? null;
      if (newest !== draft.basedOnVersion) {
        throw conflict(
          ctx.locale,
          newest === null
            ? { cs: 'Návrh vychází z verze, která už není nejnovější.', en: 'The draft starts from a version that is no longer the newest.' }
            : {
                cs: `Klíč ${draft.key} má mezitím verzi ${newest}, z níž návrh nevychází; založte návrh z ní.`,
                en: `Key ${draft.key} has version ${newest} now, which the draft does not start from; start a draft from it.`,
              },
          { currentVersion: newest },
        );
      }
      const version = (newest ?? 0) + 1;
      const definition = { ...draft.definition, key: draft.key, version } as WorkflowDefinition;
      em.create(WorkflowVersion, {
        key: draft.key,
        version,
        areaId: draft.areaId,
        definition,
        publishedBy: draft.areaId ? (ctx.viewer.personIn(draft.areaId)?.id ?? null) : null,
      });
      draft.publishedVersion = version;
      draft.definition = definition;
      if (draft.areaId) {
        const area = await em.findOneOrFail(PlanningArea, { id: draft.areaId });
        area.workflowKey = draft.key;
      }
      await em.flush();
      return { definition, areaId: draft.areaId };
    });
    return ctx.workflows.add(published.definition, published.areaId);
  }
}
