import { authorize, visibleWhere } from '../auth/authority';
import { inArea, PROPOSAL_SQL } from '../auth/resources';
import { CSV_MEDIA_TYPE, csvDocument } from '../common/csv';
import { isCalendarDay, nextDay, pragueDateTime, pragueStartOfDay } from '../common/dates';
import { displayName } from '../common/person-name';
import type { RequestContext } from '../context';
import { countHistoryEvents, historyEvents, proposalsMovedIn } from '../data/decision-history';
import { resolutionView } from '../mappers/resolution.mapper';
import { MEETING_STATUS_LABEL, PROPOSAL_KIND_LABEL, TRIAD_SIDE_LABEL, YES_NO } from '../domain/labels';
import type { Body } from '../entities/body.entity';
import type { ProposalKind, TriadSide } from '../entities/enums';
import { Meeting } from '../entities/meeting.entity';
import { Minutes } from '../entities/minutes.entity';
import { Person } from '../entities/person.entity';
import { Resolution } from '../entities/resolution.entity';
import type { WorkflowEvent } from '../entities/workflow-event.entity';
import { badInput, requireId } from '../errors/app-errors';
import { localize, type Text } from '../i18n/locale';
import type { AreaService } from './area.service';
import { fileNamePart, textDocument, type ExportedDocument } from './exported-document';
import type { MeetingService } from './meeting.service';

/** The period asked for: calendar days in Prague, both included. */
export interface DecisionHistoryQuery {
  areaId: string;
  from: string;
  to: string;
}

/** More events than this in one file is a period to split: the file is built in memory. */
export const MAX_EXPORTED_EVENTS = 20_000;

/** The name of the file's format; the offline check (scripts/verify-history.mjs) reads files of this format. */
export const DECISION_HISTORY_FORMAT = 'triada-decision-history';

const ref = (id: string, name: string | null) => ({ id, name });

/** One event of a history: every field the hash covers, under its name in src/workflows/history-hash.ts, then the links and the names shown. */
function eventView(e: WorkflowEvent, names: { person(id: string | null): string | null; body(id: string | null): string | null; meeting(id: string | null): string | null }) {
  return {
    proposalId: e.proposalId,
    seq: e.seq,
    event: e.event,
    fromState: e.fromState,
    toState: e.toState,
    actorId: e.actorId,
    actorRole: e.actorRole,
    actorTriadSide: e.actorTriadSide,
    bodyId: e.bodyId,
    meetingId: e.meetingId,
    reason: e.reason,
    resolutionNumber: e.resolutionNumber,
    occurredAt: e.occurredAt.toISOString(),
    onBehalfOfId: e.onBehalfOfId,
    workflowChange: e.workflowChange,
    prevHash: e.prevHash,
    hash: e.hash,
    // Not covered by the hash: names as they stand today (an erased person shows as deleted).
    names: { actor: names.person(e.actorId), onBehalfOf: names.person(e.onBehalfOfId), body: names.body(e.bodyId), meeting: names.meeting(e.meetingId) },
  };
}

export type DecisionHistory = Awaited<ReturnType<DecisionHistoryService['history']>>;

/**
 * An area's decision history for a period, for an auditor: the proposals that moved in it, each with
 * its whole hash-chained history up to the period's end (so the chain verifies from its first event),
 * the meetings held in it with their resolutions. As JSON (what scripts/verify-history.mjs checks)
 * and as CSV for a spreadsheet.
 */
export class DecisionHistoryService {
  constructor(private readonly areas: AreaService, private readonly meetings: MeetingService) {}

  async history(ctx: RequestContext, query: DecisionHistoryQuery) {
    requireId(ctx.locale, 'areaId', query.areaId);
    const area = await this.areas.get(ctx, query.areaId);
    authorize(ctx, 'history.export', inArea(area.id), 'Area', area.id);
    const problems: Array<{ field: string; text: Text }> = [];
    for (const field of ['from', 'to'] as const) {
      if (!isCalendarDay(query[field])) problems.push({ field, text: { cs: 'Zadejte den ve tvaru RRRR-MM-DD.', en: 'Give a day as YYYY-MM-DD.' } });
    }
    if (problems.length === 0 && query.to < query.from) problems.push({ field: 'to', text: { cs: 'Konec období je před jeho začátkem.', en: 'The period ends before it starts.' } });
    if (problems.length) throw badInput(ctx.locale, problems);
    const start = pragueStartOfDay(query.from);
    const end = pragueStartOfDay(nextDay(query.to));

    // Proposals by the rule that judges one proposal (proposal.read), as SQL.
    const proposals = await proposalsMovedIn(ctx.em, area.id, start, end, visibleWhere(ctx.viewer, 'proposal.read', PROPOSAL_SQL('p')));
    const proposalIds = proposals.map((p) => p.id);
    const count = await countHistoryEvents(ctx.em, area.id, proposalIds, end);
    if (count > MAX_EXPORTED_EVENTS) {
      throw badInput(ctx.locale, [
        {
          field: 'from',
          text: {
            cs: `Období zahrnuje ${count} událostí, víc než ${MAX_EXPORTED_EVENTS} v jednom souboru; zvolte kratší období.`,
            en: `The period holds ${count} events, more than the ${MAX_EXPORTED_EVENTS} one file carries; choose a shorter period.`,
          },
        },
      ]);
    }
    const events = await historyEvents(ctx.em, area.id, proposalIds, end);

    // Meetings by the rule that judges one meeting (meeting.read: the body's).
    const bodies = new Map((await ctx.loaders.bodiesByArea.load(area.id)).map((b) => [b.id, b] as const));
    const seen = [...bodies.values()].filter((b) => this.meetings.canSee(ctx, b)).map((b) => b.id);
    const meetings = await ctx.em.find(Meeting, { areaId: area.id, body: { $in: seen }, startsAt: { $gte: start, $lt: end } }, { orderBy: { startsAt: 'asc', id: 'asc' } });
    const meetingIds = meetings.map((m) => m.id);
    const resolutions = await ctx.em.find(Resolution, { areaId: area.id, meeting: { $in: meetingIds } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    const verified = await ctx.em.find(Minutes, { areaId: area.id, meeting: { $in: meetingIds }, verifiedAt: { $ne: null } }, { orderBy: { version: 'asc' } });
    // Meetings an event names outside the period: their titles, where the viewer sees them.
    const named = new Map(meetings.map((m) => [m.id, m] as const));
    const elsewhere = [...new Set(events.flatMap((e) => (e.meetingId && !named.has(e.meetingId) ? [e.meetingId] : [])))];
    for (const m of await ctx.em.find(Meeting, { areaId: area.id, id: { $in: elsewhere }, body: { $in: seen } })) named.set(m.id, m);

    const personIds = new Set<string>([
      ...proposals.map((p) => p.author_id),
      ...events.flatMap((e) => [e.actorId, ...(e.onBehalfOfId ? [e.onBehalfOfId] : [])]),
      ...resolutions.map((r) => r.recordedBy.id),
    ]);
    const people = new Map((await ctx.em.find(Person, { areaId: area.id, id: { $in: [...personIds] } })).map((p) => [p.id, p] as const));
    const names = {
      person: (id: string | null) => {
        const p = id ? people.get(id) : undefined;
        return p ? displayName(p, ctx.locale) : null;
      },
      body: (id: string | null) => (id ? (bodies.get(id)?.name ?? null) : null),
      meeting: (id: string | null) => (id ? (named.get(id)?.title ?? null) : null),
    };
    const bodyRef = (b: Pick<Body, 'id'>) => ref(b.id, names.body(b.id));
    const exporter = ctx.viewer.personIn(area.id);

    return {
      format: DECISION_HISTORY_FORMAT,
      formatVersion: 1,
      exportedAt: ctx.now.toISOString(),
      exportedBy: exporter ? ref(exporter.id, displayName(exporter, ctx.locale)) : null,
      area: ref(area.id, area.name),
      period: { from: query.from, to: query.to, timeZone: 'Europe/Prague', startsAt: start.toISOString(), endsBefore: end.toISOString() },
      hashChain: {
        algorithm: 'SHA-256',
        text: 'hash = hex SHA-256 of: the previous event\'s hash (nothing for the first event), a line break, the canonical event; canonical event = JSON array of proposalId, seq, event, fromState, toState, actorId, actorRole, actorTriadSide, bodyId, meetingId, reason, resolutionNumber, occurredAt (ISO), then onBehalfOfId only when set, then {"workflowChange": …} only when set',
        verify: 'node scripts/verify-history.mjs <this file>',
      },
      notes: [
        localize(
          {
            cs: 'Návrhy, s nimiž se v období něco stalo, každý s celou historií od první události do konce období; jednání konaná v období s jejich usneseními. Jen záznamy, které smí vyvážející číst.',
            en: 'The proposals that moved in the period, each with its whole history from its first event to the end of the period; the meetings held in the period with their resolutions. Only records the exporter may read.',
          },
          ctx.locale,
        ),
      ],
      proposals: proposals.map((p) => {
        const own = events.filter((e) => e.proposalId === p.id);
        return {
          id: p.id,
          kind: p.kind as ProposalKind,
          title: p.title,
          workingGroup: bodyRef({ id: p.working_group_id }),
          author: ref(p.author_id, names.person(p.author_id)),
          workflow: `${p.workflow_key}@${p.workflow_version}`,
          createdAt: new Date(p.created_at).toISOString(),
          stateAtPeriodEnd: own.at(-1)?.toState ?? null,
          events: own.map((e) => eventView(e, names)),
        };
      }),
      meetings: meetings.map((m) => {
        const minutes = verified.filter((v) => v.meeting.id === m.id).at(-1);
        return {
          id: m.id,
          body: bodyRef(m.body),
          title: m.title,
          startsAt: m.startsAt.toISOString(),
          endsAt: m.endsAt?.toISOString() ?? null,
          place: m.place,
          status: m.status,
          cancelReason: m.cancelReason,
          convenedAt: m.convenedAt?.toISOString() ?? null,
          minutesVerified: minutes ? { version: minutes.version, verifiedAt: minutes.verifiedAt!.toISOString() } : null,
          resolutions: resolutions
            .filter((r) => r.meeting.id === m.id)
            .map((r) => ({
              ...resolutionView(r),
              recordedBy: ref(r.recordedBy.id, names.person(r.recordedBy.id)),
              recordedAt: r.createdAt.toISOString(),
            })),
        };
      }),
    };
  }

  private fileName(ctx: RequestContext, history: DecisionHistory, extension: string): string {
    const what = localize({ cs: 'historie-rozhodovani', en: 'decision-history' }, ctx.locale);
    return `${fileNamePart(history.area.name ?? '')}-${what}-${history.period.from}-${history.period.to}.${extension}`;
  }

  /** The history as JSON: what an auditor keeps and verifies offline. */
  async json(ctx: RequestContext, query: DecisionHistoryQuery): Promise<ExportedDocument> {
    const history = await this.history(ctx, query);
    return textDocument(this.fileName(ctx, history, 'json'), 'application/json', `${JSON.stringify(history, null, 2)}\n`);
  }

  /**
   * The history as one table for a spreadsheet: a row per event (proposal by proposal, in order),
   * then a row per meeting followed by its resolutions. The columns at the end carry the ids, the
   * exact time and the hashes, so the chain can be followed in the spreadsheet too.
   */
  async csv(ctx: RequestContext, query: DecisionHistoryQuery): Promise<ExportedDocument> {
    const h = await this.history(ctx, query);
    const t = (text: Text) => localize(text, ctx.locale);
    const at = (iso: string | null) => (iso ? pragueDateTime(new Date(iso)) : '');
    const side = (s: string | null) => (s && s in TRIAD_SIDE_LABEL ? t(TRIAD_SIDE_LABEL[s as TriadSide]) : (s ?? ''));
    const head = [
      t({ cs: 'Záznam', en: 'Record' }),
      t({ cs: 'Čas (Praha)', en: 'Time (Prague)' }),
      t({ cs: 'Orgán', en: 'Body' }),
      t({ cs: 'Jednání', en: 'Meeting' }),
      t({ cs: 'Návrh', en: 'Proposal' }),
      t({ cs: 'Druh návrhu', en: 'Kind of proposal' }),
      t({ cs: 'Událost', en: 'Event' }),
      t({ cs: 'Ze stavu', en: 'From stage' }),
      t({ cs: 'Do stavu', en: 'To stage' }),
      t({ cs: 'Kdo', en: 'Who' }),
      t({ cs: 'V roli', en: 'Role' }),
      t({ cs: 'Strana triády', en: 'Side of the triad' }),
      t({ cs: 'Za koho', en: 'On behalf of' }),
      t({ cs: 'Číslo usnesení', en: 'Resolution number' }),
      t({ cs: 'Odůvodnění / text', en: 'Reason / text' }),
      t({ cs: 'Místo', en: 'Place' }),
      t({ cs: 'Pro', en: 'For' }),
      t({ cs: 'Proti', en: 'Against' }),
      t({ cs: 'Zdrželo se', en: 'Abstained' }),
      t({ cs: 'Přijato', en: 'Adopted' }),
      t({ cs: 'Změna postupu', en: 'Workflow change' }),
      t({ cs: 'ID návrhu', en: 'Proposal id' }),
      t({ cs: 'Pořadí', en: 'Seq' }),
      t({ cs: 'ID osoby', en: 'Person id' }),
      t({ cs: 'ID za koho', en: 'On behalf of id' }),
      t({ cs: 'ID orgánu', en: 'Body id' }),
      t({ cs: 'ID jednání', en: 'Meeting id' }),
      t({ cs: 'Čas UTC (hashovaný)', en: 'Time UTC (hashed)' }),
      t({ cs: 'Předchozí hash', en: 'Previous hash' }),
      'Hash',
    ];
    const rows: Array<Array<string | number | null>> = [];
    for (const p of h.proposals) {
      for (const e of p.events) {
        rows.push([
          t({ cs: 'Událost návrhu', en: 'Proposal event' }),
          at(e.occurredAt),
          e.names.body,
          e.names.meeting,
          p.title,
          t(PROPOSAL_KIND_LABEL[p.kind]),
          e.event,
          e.fromState,
          e.toState,
          e.names.actor,
          e.actorRole,
          side(e.actorTriadSide),
          e.names.onBehalfOf,
          e.resolutionNumber,
          e.reason,
          null,
          null,
          null,
          null,
          null,
          e.workflowChange,
          e.proposalId,
          e.seq,
          e.actorId,
          e.onBehalfOfId,
          e.bodyId,
          e.meetingId,
          e.occurredAt,
          e.prevHash,
          e.hash,
        ]);
      }
    }
    const titles = new Map(h.proposals.map((p) => [p.id, p.title] as const));
    for (const m of h.meetings) {
      const status = t(MEETING_STATUS_LABEL[m.status]);
      rows.push([t({ cs: 'Jednání', en: 'Meeting' }), at(m.startsAt), m.body.name, m.title, null, null, status, null, null, null, null, null, null, null, m.cancelReason, m.place, null, null, null, null, null, null, null, null, null, m.body.id, m.id, m.startsAt, null, null]);
      for (const r of m.resolutions) {
        rows.push([
          t({ cs: 'Usnesení', en: 'Resolution' }),
          at(r.recordedAt),
          m.body.name,
          m.title,
          r.proposalId ? (titles.get(r.proposalId) ?? null) : null,
          null,
          r.event,
          null,
          null,
          r.recordedBy.name,
          null,
          null,
          null,
          r.number,
          r.text,
          null,
          r.votesFor,
          r.votesAgainst,
          r.votesAbstain,
          t(r.adopted ? YES_NO.yes : YES_NO.no),
          null,
          r.proposalId,
          null,
          r.recordedBy.id,
          null,
          m.body.id,
          m.id,
          r.recordedAt,
          null,
          null,
        ]);
      }
    }
    return textDocument(this.fileName(ctx, h, 'csv'), CSV_MEDIA_TYPE, csvDocument(head, rows));
  }
}
