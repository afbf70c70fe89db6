import DataLoader from 'dataloader';
import type { EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AgendaItem } from './entities/agenda-item.entity';
import { AreaRole } from './entities/area-role.entity';
import { Attendance } from './entities/attendance.entity';
import type { TriadSide } from './entities/enums';
import { Body } from './entities/body.entity';
import { Material } from './entities/material.entity';
import { Membership } from './entities/membership.entity';
import { MinutesRecipient } from './entities/minutes-recipient.entity';
import { Minutes } from './entities/minutes.entity';
import { Municipality } from './entities/municipality.entity';
import { Person } from './entities/person.entity';
import { PlanningArea } from './entities/planning-area.entity';
import { Proposal } from './entities/proposal.entity';
import { Resolution } from './entities/resolution.entity';
import type { WorkflowEvent } from './entities/workflow-event.entity';

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

  readonly municipalityById = new DataLoader<string, Municipality | null>(async (ids) =>
    byId(await this.em.find(Municipality, { id: { $in: [...ids] } }), ids),
  );

  /**
   * The rows of `entity` that belong to a parent through the plain key column `key` (a plan's
   * priorities, a goal's measures, an indicator's values, …), in `orderBy` within each parent: one
   * statement for every parent asked in the same tick. The same entity and key give the same loader.
   */
  childrenOf<T extends object>(entity: EntityName<T>, key: keyof T & string, orderBy: QueryOrderMap<T>): DataLoader<string, T[]> {
    const name = `${typeof entity === 'string' ? entity : (entity as { name: string }).name}.${key}`;
    let loader = this.children.get(name) as DataLoader<string, T[]> | undefined;
    if (!loader) {
      loader = new DataLoader<string, T[]>(async (parentIds) =>
        groupBy(
          await this.em.find(entity, { [key]: { $in: [...parentIds] } } as FilterQuery<T>, { orderBy }),
          parentIds,
          // The key columns are uuids.
          (row) => row[key] as unknown as string,
        ),
      );
      this.children.set(name, loader);
    }
    return loader;
  }

  private readonly children = new Map<string, DataLoader<string, unknown[]>>();

  readonly proposalById = new DataLoader<string, Proposal | null>(async (ids) =>
    byId(await this.em.find(Proposal, { id: { $in: [...ids] } }), ids),
  );

  /** A meeting's agenda, in order. */
  readonly agendaByMeeting = new DataLoader<string, AgendaItem[]>(async (meetingIds) =>
    groupBy(
      await this.em.find(AgendaItem, { meeting: { $in: [...meetingIds] } }, { orderBy: { meeting: 'asc', position: 'asc' } }),
      meetingIds,
      (i) => i.meeting.id,
    ),
  );

  /** A meeting's attendance, by person. */
  readonly attendanceByMeeting = new DataLoader<string, Attendance[]>(async (meetingIds) =>
    groupBy(
      await this.em.find(Attendance, { meetingId: { $in: [...meetingIds] } }, { orderBy: { meetingId: 'asc', personId: 'asc' } }),
      meetingIds,
      (a) => a.meetingId,
    ),
  );

  /** A meeting's resolutions, in order of recording. */
  readonly resolutionsByMeeting = new DataLoader<string, Resolution[]>(async (meetingIds) =>
    groupBy(
      await this.em.find(Resolution, { meeting: { $in: [...meetingIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
      meetingIds,
      (r) => r.meeting.id,
    ),
  );

  /** Every version of a meeting's minutes, oldest first. */
  readonly minutesByMeeting = new DataLoader<string, Minutes[]>(async (meetingIds) =>
    groupBy(
      await this.em.find(Minutes, { meeting: { $in: [...meetingIds] } }, { orderBy: { version: 'asc' } }),
      meetingIds,
      (m) => m.meeting.id,
    ),
  );

  /** Who received a version of the minutes. */
  readonly recipientsByMinutes = new DataLoader<string, MinutesRecipient[]>(async (minutesIds) =>
    groupBy(
      await this.em.find(MinutesRecipient, { minutesId: { $in: [...minutesIds] } }, { orderBy: { personId: 'asc' } }),
      minutesIds,
      (r) => r.minutesId,
    ),
  );

  /** Documents of an agenda item (every version; the content itself is not loaded). */
  readonly materialsByAgendaItem = new DataLoader<string, Material[]>(async (itemIds) =>
    groupBy(await this.em.find(Material, { agendaItem: { $in: [...itemIds] } }), itemIds, (m) => m.agendaItem!.id),
  );

  /** Documents of a proposal (every version; the content itself is not loaded). */
  readonly materialsByProposal = new DataLoader<string, Material[]>(async (proposalIds) =>
    groupBy(await this.em.find(Material, { proposal: { $in: [...proposalIds] } }), proposalIds, (m) => m.proposal!.id),
  );

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
  votingSides(bodyId: string, day: string): Promise<TriadSide[]> {
    let loader = this.votingSidesByDay.get(day);
    if (!loader) {
      loader = new DataLoader<string, TriadSide[]>(async (bodyIds) => {
        const rows = await this.em.execute<Array<{ body_id: string; sides: TriadSide[] }>>(
          `select body_id, array_agg(distinct triad_side order by triad_side) as sides from membership
           where body_id in (?) and voting_right and valid_from <= ?::date and (valid_to is null or valid_to >= ?::date)
           group by body_id`,
          [[...bodyIds], day, day],
        );
        const byBody = new Map(rows.map((r) => [r.body_id, r.sides]));
        return bodyIds.map((id) => byBody.get(id) ?? []);
      });
      this.votingSidesByDay.set(day, loader);
    }
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

  /** The newest `last` events of each proposal (oldest first): one statement for a whole page, whatever its histories' length. */
  lastEvents(proposalId: string, last: number): Promise<HistoryEvent[]> {
    let loader = this.lastEventsByCount.get(last);
    if (!loader) {
      loader = new DataLoader<string, HistoryEvent[]>(async (proposalIds) => {
        const rows = await this.historyRows(
          `select ${EVENT_COLUMNS} from unnest(array[?]::uuid[]) as p(id)
           cross join lateral (select * from workflow_event w where w.proposal_id = p.id order by w.seq desc limit ?) e
           order by e.proposal_id, e.seq`,
          [[...proposalIds], last],
        );
        return groupBy(rows, proposalIds, (e) => e.proposalId);
      });
      this.lastEventsByCount.set(last, loader);
    }
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
  e.occurred_at as "occurredAt", e.prev_hash as "prevHash", e.hash`;
