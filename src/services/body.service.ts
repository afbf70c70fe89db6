import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../context';
import { Body } from '../entities/body.entity';
import { BODY_KIND_RANK, BodyKind, Convener, QuorumRule, type MinuteTaker, type TargetGroup } from '../entities/enums';
import { badInput, notFound, requireId } from '../errors/app-errors';
import { loadForChange } from '../data/load-for-change';
import { authorize, can } from '../auth/authority';
import { bodyResource, inArea } from '../auth/resources';
import { uniqueOrConflict } from './unique';

/** What the service is asked to do (a resolver passes its GraphQL input, which has these shapes). */
export interface CreateBodyCommand {
  areaId: string;
  kind: BodyKind;
  name: string;
  shortName?: string | null;
  description?: string | null;
  targetGroup?: TargetGroup | null;
  reportsToBodyId?: string | null;
  isPublic?: boolean;
  materialsLeadDays?: number;
  minutesDueDays?: number;
  quorumRule?: QuorumRule;
  convener?: Convener;
  minuteTaker?: MinuteTaker;
}

export interface UpdateBodyCommand {
  bodyId: string;
  name?: string;
  shortName?: string | null;
  description?: string | null;
  targetGroup?: TargetGroup | null;
  reportsToBodyId?: string | null;
  isPublic?: boolean | null;
  materialsLeadDays?: number | null;
  minutesDueDays?: number | null;
  quorumRule?: QuorumRule | null;
  convener?: Convener | null;
  minuteTaker?: MinuteTaker | null;
}

const NAME_TAKEN = { cs: 'Orgán s tímto názvem už v oblasti je.', en: 'The area already has a body of this name.' };

/** Rules a new body gets when the input leaves them out (Český Krumlov's rules of procedure). */
export function defaultRules(kind: BodyKind): Pick<Body, 'isPublic' | 'materialsLeadDays' | 'minutesDueDays' | 'quorumRule' | 'convener'> {
  switch (kind) {
    case BodyKind.WORKING_GROUP:
      return { isPublic: true, materialsLeadDays: 5, minutesDueDays: 7, quorumRule: QuorumRule.MAJORITY, convener: Convener.CHAIR_OR_COORDINATOR };
    case BodyKind.STEERING_GROUP:
      return { isPublic: false, materialsLeadDays: 5, minutesDueDays: 7, quorumRule: QuorumRule.MAJORITY, convener: Convener.COORDINATOR };
    case BodyKind.SOCIAL_COMMISSION:
      return { isPublic: false, materialsLeadDays: 3, minutesDueDays: 7, quorumRule: QuorumRule.MAJORITY, convener: Convener.CHAIR };
    case BodyKind.COUNCIL:
      return { isPublic: false, materialsLeadDays: 7, minutesDueDays: 14, quorumRule: QuorumRule.MAJORITY, convener: Convener.CHAIR };
    case BodyKind.ASSEMBLY:
      return { isPublic: true, materialsLeadDays: 7, minutesDueDays: 14, quorumRule: QuorumRule.MAJORITY, convener: Convener.CHAIR };
  }
}

/** Bodies of an area and the chain they report along. */
export class BodyService {
  async get(ctx: RequestContext, id: string): Promise<Body> {
    requireId(ctx.locale, 'id', id);
    const body = await ctx.loaders.bodyById.load(id);
    if (!body || !can(ctx.viewer, 'body.read', bodyResource(body))) throw notFound(ctx.locale, 'Body', id);
    return body;
  }

  /** The area's bodies the viewer may see, in pipeline order. */
  async listInArea(ctx: RequestContext, areaId: string, kind?: BodyKind | null): Promise<Body[]> {
    const bodies = await ctx.loaders.bodiesByArea.load(areaId);
    return bodies
      .filter((b) => (kind ? b.kind === kind : true) && can(ctx.viewer, 'body.read', bodyResource(b)))
      .sort((a, b) => BODY_KIND_RANK[a.kind] - BODY_KIND_RANK[b.kind] || a.name.localeCompare(b.name, 'cs'));
  }

  /** The parent must be of the same area and a later kind; following it must not come back. */
  private async resolveParent(
    ctx: RequestContext,
    em: EntityManager,
    areaId: string,
    kind: BodyKind,
    reportsToId: string,
    selfId?: string,
  ): Promise<Body> {
    const parent = await em.findOne(Body, { id: reportsToId, areaId });
    if (!parent) throw notFound(ctx.locale, 'Body', reportsToId);
    if (BODY_KIND_RANK[parent.kind] <= BODY_KIND_RANK[kind]) {
      throw badInput(ctx.locale, [
        {
          field: 'reportsToBodyId',
          text: {
            cs: 'Orgán může podléhat jen orgánu vyššího stupně (pracovní skupina → řídící skupina → komise → rada → zastupitelstvo).',
            en: 'A body reports only to a body of a later kind (working group → steering group → commission → council → assembly).',
          },
        },
      ]);
    }
    // Ranks strictly increase along the chain, so a cycle through `selfId` is impossible; checked anyway.
    if (selfId && parent.id === selfId) {
      throw badInput(ctx.locale, [{ field: 'reportsToBodyId', text: { cs: 'Orgán nemůže podléhat sám sobě.', en: 'A body cannot report to itself.' } }]);
    }
    return parent;
  }

  async create(ctx: RequestContext, input: CreateBodyCommand): Promise<Body> {
    authorize(ctx, 'body.create', inArea(input.areaId), 'Area', input.areaId);
    const defaults = defaultRules(input.kind);
    return uniqueOrConflict(ctx, NAME_TAKEN, 'name', () =>
      ctx.em.transactional(async (em) => {
        const reportsTo = input.reportsToBodyId ? await this.resolveParent(ctx, em, input.areaId, input.kind, input.reportsToBodyId) : null;
        const body = em.create(Body, {
          areaId: input.areaId,
          kind: input.kind,
          name: input.name,
          shortName: input.shortName ?? null,
          description: input.description ?? null,
          targetGroup: input.targetGroup ?? null,
          reportsTo,
          isPublic: input.isPublic ?? defaults.isPublic,
          materialsLeadDays: input.materialsLeadDays ?? defaults.materialsLeadDays,
          minutesDueDays: input.minutesDueDays ?? defaults.minutesDueDays,
          quorumRule: input.quorumRule ?? defaults.quorumRule,
          convener: input.convener ?? defaults.convener,
          ...(input.minuteTaker ? { minuteTaker: input.minuteTaker } : {}),
        });
        await em.flush();
        return body;
      }),
    );
  }

  async update(ctx: RequestContext, input: UpdateBodyCommand): Promise<Body> {
    const found = await loadForChange(ctx, Body, input.bodyId, 'Body');
    authorize(ctx, 'body.read', bodyResource(found), 'Body', found.id);
    authorize(ctx, 'body.update', bodyResource(found), 'Body', found.id);
    // These settings always have a value: null (unlike an omitted field) would be a silent no-op.
    const cleared = (['name', 'isPublic', 'materialsLeadDays', 'minutesDueDays', 'quorumRule', 'convener', 'minuteTaker'] as const).filter(
      (field) => input[field] === null,
    );
    if (cleared.length > 0) {
      throw badInput(
        ctx.locale,
        cleared.map((field) => ({ field, text: { cs: 'Hodnotu nelze smazat.', en: 'This value cannot be cleared.' } })),
      );
    }
    return uniqueOrConflict(ctx, NAME_TAKEN, 'name', () =>
      ctx.em.transactional(async (em) => {
        const body = await em.findOneOrFail(Body, { id: found.id });
        if (input.reportsToBodyId !== undefined) {
          body.reportsTo = input.reportsToBodyId
            ? await this.resolveParent(ctx, em, body.areaId, body.kind, input.reportsToBodyId, body.id)
            : null;
        }
        if (input.name !== undefined) body.name = input.name;
        if (input.shortName !== undefined) body.shortName = input.shortName;
        if (input.description !== undefined) body.description = input.description;
        if (input.targetGroup !== undefined) body.targetGroup = input.targetGroup;
        if (input.isPublic != null) body.isPublic = input.isPublic;
        if (input.materialsLeadDays != null) body.materialsLeadDays = input.materialsLeadDays;
        if (input.minutesDueDays != null) body.minutesDueDays = input.minutesDueDays;
        if (input.quorumRule != null) body.quorumRule = input.quorumRule;
        if (input.convener != null) body.convener = input.convener;
        if (input.minuteTaker != null) body.minuteTaker = input.minuteTaker;
        await em.flush();
        return body;
      }),
    );
  }
}
