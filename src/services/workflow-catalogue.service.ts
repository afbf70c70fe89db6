import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../context';
import { newestVersion, publishedSince, publishedVersion } from '../data/workflow-definitions';
import { badInput } from '../errors/app-errors';
import type { CompiledWorkflow, WorkflowRegistry } from '../workflows/workflow-registry';

/** A published version named by its key and number. */
export interface WorkflowRef {
  key: string;
  version: number;
}

/**
 * The published approval workflows, as records: templates any area may choose and the definitions
 * areas shaped for themselves. Each process compiles a version once (the request context's
 * registry) and asks the database only for versions it has not seen: published elsewhere, or since.
 */
export class WorkflowCatalogueService {
  /** Adds to the registry every version published since it last looked (at start-up: all, each checked). */
  async catchUp(em: EntityManager, registry: WorkflowRegistry): Promise<void> {
    for (const row of await publishedSince(em, registry.caughtUpTo)) {
      registry.add(row.definition, row.areaId);
      registry.caughtUpTo = Math.max(registry.caughtUpTo, row.seq);
    }
  }

  /** Every published version (of one area and the templates, when `areaId` is given), templates first. */
  async list(ctx: RequestContext, areaId?: string | null): Promise<CompiledWorkflow[]> {
    await this.catchUp(ctx.em, ctx.workflows);
    const all = ctx.workflows.entries;
    return areaId ? all.filter((w) => w.areaId === null || w.areaId === areaId) : all;
  }

  /** A published version, or null when there is none. */
  async find(ctx: RequestContext, ref: WorkflowRef): Promise<CompiledWorkflow | null> {
    if (ctx.workflows.has(ref.key, ref.version)) return ctx.workflows.get(ref.key, ref.version);
    const row = await publishedVersion(ctx.em, ref.key, ref.version);
    return row ? ctx.workflows.add(row.definition, row.areaId) : null;
  }

  /** The version a proposal runs on (it exists: every proposal names a published version). */
  async of(ctx: RequestContext, ref: WorkflowRef): Promise<CompiledWorkflow> {
    const found = await this.find(ctx, ref);
    if (!found) throw new Error(`Workflow ${ref.key}@${ref.version} is not published`);
    return found;
  }

  /** The newest published version of a key, for a new proposal (null when the key has none). */
  async newest(ctx: RequestContext, key: string): Promise<CompiledWorkflow | null> {
    const row = await newestVersion(ctx.em, key);
    return row ? ctx.workflows.add(row.definition, row.areaId) : null;
  }

  /**
   * Refuses a key an area may not run on: one with no published version, or another area's own.
   * `areaId` null: a new area, which may choose a template only.
   */
  async assertChoosable(ctx: RequestContext, areaId: string | null, key: string, field = 'workflowKey'): Promise<CompiledWorkflow> {
    const newest = await this.newest(ctx, key);
    if (newest && (newest.areaId === null || newest.areaId === areaId)) return newest;
    const templates = (await this.list(ctx)).filter((w) => w.areaId === null).map((w) => w.definition.key);
    const known = [...new Set(templates)].join(', ');
    throw badInput(ctx.locale, [
      {
        field,
        text: { cs: `Neznámý postup schvalování; šablony: ${known}.`, en: `Unknown workflow; templates: ${known}.` },
      },
    ]);
  }
}
