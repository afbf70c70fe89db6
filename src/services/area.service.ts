import type { WorkflowCatalogueService } from './workflow-catalogue.service';
import type { RequestContext } from '../context';
import { badInput, conflict, notFound, requireId } from '../errors/app-errors';
import { Municipality } from '../entities/municipality.entity';
import { PlanningArea } from '../entities/planning-area.entity';
import { authorize } from '../auth/authority';
import { inArea, SHARED } from '../auth/resources';
import { uniqueOrConflict } from './unique';
import type { AreaKind } from '../entities/enums';

/** What the service is asked to do (a resolver passes its GraphQL input, which has these shapes). */
export interface AddMunicipalityCommand {
  areaId: string;
  name: string;
  population: number;
  code?: number | null;
}

export interface CreateAreaCommand {
  name: string;
  kind: AreaKind;
  workflowKey: string;
}

export interface UpdateAreaCommand {
  areaId: string;
  name?: string;
  kind?: AreaKind;
  workflowKey?: string;
}

const AREA_NAME_TAKEN = { cs: 'Oblast s tímto názvem už existuje.', en: 'An area with this name already exists.' };
const MUNICIPALITY_TAKEN = { cs: 'Obec s tímto názvem už v oblasti je.', en: 'The area already has a municipality of this name.' };


/** Planning areas and their municipalities. Areas are public: anyone may list and read them. */
export class AreaService {
  constructor(private readonly workflows: WorkflowCatalogueService) {}

  async list(ctx: RequestContext): Promise<PlanningArea[]> {
    return ctx.em.find(PlanningArea, {}, { orderBy: { name: 'asc', id: 'asc' } });
  }

  async get(ctx: RequestContext, id: string): Promise<PlanningArea> {
    requireId(ctx.locale, 'id', id);
    const area = await ctx.loaders.areaById.load(id);
    if (!area) throw notFound(ctx.locale, 'Area', id);
    return area;
  }

  async create(ctx: RequestContext, input: CreateAreaCommand): Promise<PlanningArea> {
    authorize(ctx, 'area.create', SHARED, 'Area');
    await this.workflows.assertChoosable(ctx, null, input.workflowKey);
    return uniqueOrConflict(ctx, AREA_NAME_TAKEN, 'name', () =>
      ctx.em.transactional(async (em) => {
        const area = em.create(PlanningArea, { name: input.name, kind: input.kind, workflowKey: input.workflowKey });
        await em.flush();
        return area;
      }),
    );
  }

  async update(ctx: RequestContext, input: UpdateAreaCommand): Promise<PlanningArea> {
    authorize(ctx, 'area.update', inArea(input.areaId), 'Area', input.areaId);
    // Every field of an area is required: null (unlike an omitted field) would be a silent no-op.
    const cleared = (['name', 'kind', 'workflowKey'] as const).filter((field) => input[field] === null);
    if (cleared.length > 0) {
      throw badInput(
        ctx.locale,
        cleared.map((field) => ({ field, text: { cs: 'Hodnotu nelze smazat.', en: 'This value cannot be cleared.' } })),
      );
    }
    if (input.workflowKey !== undefined && input.workflowKey !== null) await this.workflows.assertChoosable(ctx, input.areaId, input.workflowKey);
    return uniqueOrConflict(ctx, AREA_NAME_TAKEN, 'name', () =>
      ctx.em.transactional(async (em) => {
        const area = await em.findOne(PlanningArea, { id: input.areaId });
        if (!area) throw notFound(ctx.locale, 'Area', input.areaId);
        if (input.name !== undefined && input.name !== null) area.name = input.name;
        if (input.kind !== undefined && input.kind !== null) area.kind = input.kind;
        if (input.workflowKey !== undefined && input.workflowKey !== null) area.workflowKey = input.workflowKey;
        await em.flush();
        return area;
      }),
    );
  }

  /** Adds a member municipality; returns the area, which lists it. */
  async addMunicipality(ctx: RequestContext, input: AddMunicipalityCommand): Promise<PlanningArea> {
    authorize(ctx, 'area.addMunicipality', inArea(input.areaId), 'Area', input.areaId);
    const code = input.code ?? null;
    if (code !== null && (await ctx.em.count(Municipality, { areaId: input.areaId, code })) > 0) {
      throw conflict(ctx.locale, { cs: 'Obec s tímto kódem už v oblasti je.', en: 'The area already has a municipality with this code.' }, { field: 'code' });
    }
    await uniqueOrConflict(ctx, MUNICIPALITY_TAKEN, 'name', () =>
      ctx.em.transactional(async (em) => {
        em.create(Municipality, { areaId: input.areaId, name: input.name, population: input.population, code });
        await em.flush();
      }),
    );
    return this.get(ctx, input.areaId);
  }
}
