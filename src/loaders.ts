import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AreaRole } from './entities/area-role.entity';
import { Body } from './entities/body.entity';
import { Membership } from './entities/membership.entity';
import { Municipality } from './entities/municipality.entity';
import { Person } from './entities/person.entity';
import { PlanningArea } from './entities/planning-area.entity';
import { WorkflowEvent } from './entities/workflow-event.entity';

function byId<T extends { id: string }>(rows: T[], ids: readonly string[]): Array<T | null> {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}

function groupBy<T>(rows: T[], keys: readonly string[], key: (row: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/**
 * Request-scoped batch loaders: every relation a GraphQL field resolves is fetched with one query
 * per kind per request tick, never one per parent row.
 */
export class Loaders {
  constructor(private readonly em: EntityManager) {}

  readonly areaById = new DataLoader<string, PlanningArea | null>(async (ids) =>
    byId(await this.em.find(PlanningArea, { id: { $in: [...ids] } }), ids),
  );

  readonly personById = new DataLoader<string, Person | null>(async (ids) =>
    byId(await this.em.find(Person, { id: { $in: [...ids] } }), ids),
  );

  readonly bodyById = new DataLoader<string, Body | null>(async (ids) =>
    byId(await this.em.find(Body, { id: { $in: [...ids] } }), ids),
  );

  readonly municipalitiesByArea = new DataLoader<string, Municipality[]>(async (areaIds) =>
    groupBy(
      await this.em.find(Municipality, { areaId: { $in: [...areaIds] } }, { orderBy: { name: 'asc', id: 'asc' } }),
      areaIds,
      (m) => m.areaId,
    ),
  );

  readonly bodiesByArea = new DataLoader<string, Body[]>(async (areaIds) =>
    groupBy(
      await this.em.find(Body, { areaId: { $in: [...areaIds] } }, { orderBy: { kind: 'asc', name: 'asc', id: 'asc' } }),
      areaIds,
      (b) => b.areaId,
    ),
  );

  /**
   * A body of a known area, picked from all the area's bodies: one query per area and request, however
   * many bodies (and body chains) a page of proposals asks for.
   */
  async bodyOfArea(areaId: string, id: string): Promise<Body | null> {
    return (await this.bodiesByArea.load(areaId)).find((b) => b.id === id) ?? null;
  }

  readonly membershipsByBody = new DataLoader<string, Membership[]>(async (bodyIds) =>
    groupBy(
      await this.em.find(
        Membership,
        { body: { $in: [...bodyIds] } },
        { orderBy: { validFrom: 'asc', id: 'asc' } },
      ),
      bodyIds,
      (m) => m.body.id,
    ),
  );

  readonly membershipsByPerson = new DataLoader<string, Membership[]>(async (personIds) =>
    groupBy(
      await this.em.find(
        Membership,
        { person: { $in: [...personIds] } },
        { orderBy: { validFrom: 'asc', id: 'asc' } },
      ),
      personIds,
      (m) => m.person.id,
    ),
  );

  readonly areaRolesByPerson = new DataLoader<string, AreaRole[]>(async (personIds) =>
    groupBy(
      await this.em.find(AreaRole, { person: { $in: [...personIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
      personIds,
      (r) => r.person.id,
    ),
  );

  readonly eventsByProposal = new DataLoader<string, WorkflowEvent[]>(async (proposalIds) =>
    groupBy(
      await this.em.find(WorkflowEvent, { proposalId: { $in: [...proposalIds] } }, { orderBy: { proposalId: 'asc', seq: 'asc' } }),
      proposalIds,
      (e) => e.proposalId,
    ),
  );
}
