import DataLoader from 'dataloader';
import type { EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AreaRole } from '../entities/area-role.entity';
import type { TriadSide } from '../entities/enums';
import { Body } from '../entities/body.entity';
import { Membership } from '../entities/membership.entity';
import { Municipality } from '../entities/municipality.entity';
import { Organisation } from '../entities/organisation.entity';
import { Person } from '../entities/person.entity';
import { PlanningArea } from '../entities/planning-area.entity';
import { Proposal } from '../entities/proposal.entity';
import { Provider, type SocialService } from '../entities/provider.entity';
import type { WorkflowEvent } from '../entities/workflow-event.entity';
import { municipalitiesWithCodes, servicesOf } from './providers';

function inOrderOf<T extends { id: string }>(rows: T[], ids: readonly string[]): Array<T | null> {
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

/** The value under `key`, made and kept on first use. */
function memo<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** A parent's id from a child's key column: a uuid, or a reference to the parent entity. */
function parentIdOf(value: unknown): string {
  return typeof value === 'string' ? value : (value as { id: string }).id;
}

/**
 * Request-scoped batch loaders: every relation a GraphQL field resolves is fetched with one query
 * per kind per request tick, never one per parent row.
 */
export class Loaders {
  constructor(private readonly em: EntityManager) {}

  readonly areaById = this.byId(PlanningArea);

  readonly personById = this.byId(Person);

  readonly bodyById = this.byId(Body);

  readonly municipalityById = this.byId(Municipality);

  readonly proposalById = this.byId(Proposal);

  readonly organisationById = this.byId(Organisation);

  /** Providers of the (national) catalogue by IČO: an organisation's link to the catalogue. */
  readonly providerByIco = new DataLoader<string, Provider | null>(async (icos) => {
    const rows = await this.em.find(Provider, { ico: { $in: [...icos] } });
    return icos.map((ico) => rows.find((p) => p.ico === ico) ?? null);
  });

  readonly providerById = this.byId(Provider);

  /** The registered services of a provider by identifier; only those in the register on `today` when `activeOnly`. */
  servicesOfProvider(providerId: string, activeOnly: boolean, today: string): Promise<SocialService[]> {
    const loader = memo(this.servicesByProvider, `${activeOnly}:${today}`, () =>
      new DataLoader<string, SocialService[]>(async (ids) => {
        const rows = await servicesOf(this.em, ids, activeOnly, today);
        return ids.map((id) => rows.filter((s) => s.provider.id === id));
      }),
    );
    return loader.load(providerId);
  }

  private readonly servicesByProvider = new Map<string, DataLoader<string, SocialService[]>>();

  /** Municipalities of our areas by their code (the register's way of naming them). */
  readonly municipalitiesByCode = new DataLoader<number, Municipality[]>(async (codes) => {
    const rows = await municipalitiesWithCodes(this.em, codes);
    return codes.map((code) => rows.filter((m) => m.code === code));
  });

  /**
   * The rows of `entity` that belong to a parent through the column `key` (a plain key or a
   * relation: a plan's priorities, a meeting's agenda, an indicator's values, …), in `orderBy`
   * within each parent: one statement for every parent asked in the same tick. The same entity and
   * key give the same loader.
   */
  childrenOf<T extends object>(entity: EntityName<T>, key: keyof T & string, orderBy: QueryOrderMap<T>): DataLoader<string, T[]> {
    const name = `${typeof entity === 'string' ? entity : (entity as { name: string }).name}.${key}`;
    return memo(this.children, name, () =>
      new DataLoader<string, T[]>(async (parentIds) =>
        groupBy(await this.em.find(entity, { [key]: { $in: [...parentIds] } } as FilterQuery<T>, { orderBy }), parentIds, (row) => parentIdOf(row[key])),
      ),
    ) as DataLoader<string, T[]>;
  }

  private readonly children = new Map<string, DataLoader<string, unknown[]>>();

  /** Rows of `entity` by id (null for an unknown id): one statement for every id asked in the same tick. */
  private byId<T extends { id: string }>(entity: EntityName<T>): DataLoader<string, T | null> {
    return new DataLoader<string, T | null>(async (ids) => inOrderOf(await this.em.find(entity, { id: { $in: [...ids] } } as unknown as FilterQuery<T>), ids));
  }


  /**
   * Where the public hearings of the plan each PLAN proposal carries stand (the `hearingSettled`
   * guard's input): comments without an answer, hearings opened and not yet closed. One statement
   * for a whole page of proposals.
   */
  readonly hearingStanding = new DataLoader<string, { unanswered: number; open: number }>(async (proposalIds) => {
    const rows = await this.em.execute<Array<{ proposal_id: string; unanswered: string; open: string }>>(
      `select p.proposal_id,
              (select count(*) from hearing h join hearing_comment c on c.area_id = h.area_id and c.hearing_id = h.id
                where h.area_id = p.area_id and h.plan_id = p.id and c.decision is null) as unanswered,
              (select count(*) from hearing h where h.area_id = p.area_id and h.plan_id = p.id and h.closes_at > now()) as open
         from plan p
        where p.proposal_id in (?)`,
      [[...proposalIds]],
    );
    const byProposal = new Map(rows.map((r) => [r.proposal_id, { unanswered: Number(r.unanswered), open: Number(r.open) }]));
    return proposalIds.map((id) => byProposal.get(id) ?? { unanswered: 0, open: 0 });
  });

  /**
   * Forgets everything loaded so far. A mutation calls it once it is done, so that the object it
   * returns is read afresh, whatever the mutation read through the loaders before it wrote.
   */
  clearAll(): void {
    for (const value of Object.values(this)) {
      if (value instanceof DataLoader) value.clearAll();
      else if (value instanceof Map) value.clear();
    }
  }

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

  /**
   * The triad sides held by voting members of each body on `day` (the triad rule's input): one
   * aggregate row per body instead of every seat as an entity.
   */
  /** Triad sides of a body's voting members on a day (an erased person's seat, ended on the day of erasure, no longer counts). */
  votingSides(bodyId: string, day: string): Promise<TriadSide[]> {
    const loader = memo(this.votingSidesByDay, day, () =>
      new DataLoader<string, TriadSide[]>(async (bodyIds) => {
        const rows = await this.em.execute<Array<{ body_id: string; sides: TriadSide[] }>>(
          `select m.body_id, array_agg(distinct m.triad_side order by m.triad_side) as sides from membership m
           join person p on p.area_id = m.area_id and p.id = m.person_id and p.erased_at is null
           where m.body_id in (?) and m.voting_right and m.valid_from <= ?::date and (m.valid_to is null or m.valid_to >= ?::date)
           group by m.body_id`,
          [[...bodyIds], day, day],
        );
        const byBody = new Map(rows.map((r) => [r.body_id, r.sides]));
        return bodyIds.map((id) => byBody.get(id) ?? []);
      }),
    );
    return loader.load(bodyId);
  }

  private readonly votingSidesByDay = new Map<string, DataLoader<string, TriadSide[]>>();

  /**
   * Whole histories, oldest first. Events are append-only and never changed through the ORM, so
   * they are read as plain rows: hydrating hundreds of entities per page cost more than the query.
   */
  readonly eventsByProposal = new DataLoader<string, HistoryEvent[]>(async (proposalIds) =>
    groupBy(
      await this.historyRows(`select ${EVENT_COLUMNS} from workflow_event e where e.proposal_id in (?) order by e.proposal_id, e.seq`, [[...proposalIds]]),
      proposalIds,
      (e) => e.proposalId,
    ),
  );

  /**
   * The bodies whose events are in each proposal's history (the policy's `handledBodies`), in the
   * order they first acted: read from `proposal_handled_body`, which the history's own insert
   * trigger keeps, by its primary key — one statement for a page of proposals, however long their
   * histories.
   */
  readonly handledBodiesByProposal = new DataLoader<{ areaId: string; id: string }, string[], string>(
    async (proposals) => {
      const rows = await this.em.execute<Array<{ proposal_id: string; body_id: string }>>(
        `select h.proposal_id, h.body_id from unnest(array[?]::uuid[], array[?]::uuid[]) as p(area_id, id)
           join proposal_handled_body h on h.area_id = p.area_id and h.proposal_id = p.id
          order by h.proposal_id, h.first_seq, h.body_id`,
        [proposals.map((p) => p.areaId), proposals.map((p) => p.id)],
      );
      return groupBy(rows, proposals.map((p) => p.id), (r) => r.proposal_id).map((found) => found.map((r) => r.body_id));
    },
    { cacheKeyFn: (p) => p.id },
  );

  /** Forgets what was read of a proposal's history (its events, the bodies that handled it): an event was appended to it. */
  forgetHistory(proposalId: string): void {
    this.eventsByProposal.clear(proposalId);
    // Cached by the proposal's id alone (`cacheKeyFn`): the area is needed only to read.
    this.handledBodiesByProposal.clear({ areaId: '', id: proposalId });
  }

  /** The newest `last` events of each proposal (oldest first): one statement for a whole page, whatever its histories' length. */
  lastEvents(proposalId: string, last: number): Promise<HistoryEvent[]> {
    const loader = memo(this.lastEventsByCount, last, () =>
      new DataLoader<string, HistoryEvent[]>(async (proposalIds) => {
        const rows = await this.historyRows(
          `select ${EVENT_COLUMNS} from unnest(array[?]::uuid[]) as p(id)
           cross join lateral (select * from workflow_event w where w.proposal_id = p.id order by w.seq desc limit ?) e
           order by e.proposal_id, e.seq`,
          [[...proposalIds], last],
        );
        return groupBy(rows, proposalIds, (e) => e.proposalId);
      }),
    );
    return loader.load(proposalId);
  }

  private readonly lastEventsByCount = new Map<number, DataLoader<string, HistoryEvent[]>>();

  private async historyRows(sql: string, params: unknown[]): Promise<HistoryEvent[]> {
    const platform = this.em.getPlatform();
    const rows = await this.em.execute<Array<Omit<HistoryEvent, 'occurredAt'> & { occurredAt: string }>>(sql, params);
    return rows.map((r) => ({ ...r, occurredAt: platform.parseDate(r.occurredAt) }));
  }
}

/** A workflow event as read for display and checks: the row, not a managed entity. */
export type HistoryEvent = Omit<WorkflowEvent, 'idempotencyKey' | 'requestHash'>;

const EVENT_COLUMNS = `e.proposal_id as "proposalId", e.seq, e.area_id as "areaId", e.event, e.from_state as "fromState",
  e.to_state as "toState", e.actor_id as "actorId", e.actor_role as "actorRole", e.actor_triad_side as "actorTriadSide",
  e.body_id as "bodyId", e.meeting_id as "meetingId", e.reason, e.resolution_number as "resolutionNumber",
  e.occurred_at as "occurredAt", e.on_behalf_of_id as "onBehalfOfId", e.workflow_change as "workflowChange", e.prev_hash as "prevHash", e.hash`;
