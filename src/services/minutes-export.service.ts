import { notFound, requireId } from '../errors/app-errors';
import { pragueDateTime, pragueDay, spokenDay, spokenTime } from '../common/dates';
import { displayName } from '../common/person-name';
import { reportMarkdown, type ReportBlock, type ReportDocument } from '../common/report-document';
import { reportPdf } from '../common/report-pdf';
import type { RequestContext } from '../context';
import { ATTENDANCE_STATUS_LABEL, MEETING_STATUS_LABEL, NO_TRIAD_SIDE_LABEL, TRIAD_SIDE_LABEL, YES_NO } from '../domain/labels';
import { AttendanceStatus, TriadSide } from '../entities/enums';
import type { Minutes } from '../entities/minutes.entity';
import { Person } from '../entities/person.entity';
import { localize, type Text } from '../i18n/locale';
import { binaryDocument, fileNamePart, textDocument, type ExportedDocument } from './exported-document';
import type { MeetingService } from './meeting.service';
import type { MinutesService } from './minutes.service';
import type { ProposalService } from './proposal.service';
import type { ResolutionService } from './resolution.service';

/** Which minutes: a meeting's, the latest version the viewer may read unless a version is named. */
export interface MinutesExportQuery {
  meetingId: string;
  version?: number | null;
}

const SIDES = [TriadSide.COMMISSIONER, TriadSide.PROVIDER, TriadSide.SERVICE_USER, TriadSide.PUBLIC] as const;
const STATUSES = [AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT] as const;

/**
 * The minutes of a meeting as a document (Markdown or PDF): the body, the time and place, the
 * attendance by side of the triad, the agenda, the resolutions with their votes, the minutes' text,
 * who drafted and verified them and when, and the version. Read as the minutes are: whoever sees
 * the meeting reads verified minutes, a draft only under minutes.readDraft.
 */
export class MinutesExportService {
  constructor(
    private readonly meetings: MeetingService,
    private readonly minutes: MinutesService,
    private readonly resolutions: ResolutionService,
    private readonly proposals: ProposalService,
  ) {}

  async report(ctx: RequestContext, query: MinutesExportQuery): Promise<{ report: ReportDocument; fileStem: string; title: string }> {
    requireId(ctx.locale, 'meetingId', query.meetingId);
    const meeting = await this.meetings.get(ctx, query.meetingId);
    const versions = await this.minutes.versions(ctx, meeting);
    const minutes: Minutes | undefined = query.version == null ? versions.at(-1) : versions.find((v) => v.version === query.version);
    // No minutes, or none the viewer may read (a draft): the same answer, nothing confirmed.
    if (!minutes) throw notFound(ctx.locale, 'Minutes', query.meetingId);
    const body = (await ctx.loaders.bodyById.load(meeting.body.id))!;
    const t = (text: Text) => localize(text, ctx.locale);

    const attendance = await this.meetings.attendance(ctx, meeting);
    const agenda = await this.meetings.agenda(ctx, meeting);
    const resolutions = await this.resolutions.ofMeeting(ctx, meeting);
    const personIds = [
      ...attendance.map((a) => a.personId),
      ...agenda.flatMap((i) => (i.presenter ? [i.presenter.id] : [])),
      minutes.draftedBy.id,
      ...(minutes.verifiedBy ? [minutes.verifiedBy.id] : []),
      ...(minutes.verifiedOnBehalfOfId ? [minutes.verifiedOnBehalfOfId] : []),
    ];
    const people = new Map((await ctx.em.find(Person, { areaId: meeting.areaId, id: { $in: personIds } })).map((p) => [p.id, p] as const));
    const name = (id: string) => {
      const p = people.get(id);
      return p ? displayName(p, ctx.locale) : '';
    };

    const day = spokenDay(meeting.startsAt)[ctx.locale];
    const from = spokenTime(meeting.startsAt)[ctx.locale];
    const to = meeting.endsAt ? `–${spokenTime(meeting.endsAt)[ctx.locale]}` : '';
    const verifiedText = minutes.verifiedAt ? t({ cs: 'ověřená', en: 'verified' }) : t({ cs: 'návrh, neověřeno', en: 'draft, not verified' });
    const facts: Array<readonly [string, string]> = [
      [t({ cs: 'Orgán', en: 'Body' }), body.name],
      [t({ cs: 'Jednání', en: 'Meeting' }), meeting.title],
      [t({ cs: 'Kdy', en: 'When' }), `${day}, ${from}${to}`],
    ];
    if (meeting.place) facts.push([t({ cs: 'Místo', en: 'Place' }), meeting.place]);
    if (meeting.onlineLink) facts.push([t({ cs: 'Online', en: 'Online' }), meeting.onlineLink]);
    facts.push([t({ cs: 'Stav jednání', en: 'Status of the meeting' }), t(MEETING_STATUS_LABEL[meeting.status])]);
    facts.push([t({ cs: 'Verze zápisu', en: 'Version of the minutes' }), `${minutes.version} (${verifiedText})`]);

    // Attendance: a row per side of the triad, a column per status; guests marked as such.
    const attendanceBlocks: ReportBlock[] = [];
    if (attendance.length === 0) {
      attendanceBlocks.push({ kind: 'text', text: t({ cs: 'Prezence nebyla zapsána.', en: 'No attendance was recorded.' }) });
    } else {
      const guest = t({ cs: 'host', en: 'guest' });
      const cell = (side: TriadSide | null, status: AttendanceStatus) =>
        attendance
          .filter((a) => a.triadSide === side && a.status === status)
          .map((a) => (a.isGuest ? `${name(a.personId)} (${guest})` : name(a.personId)))
          .sort((a, b) => a.localeCompare(b, ctx.locale))
          .join(', ');
      const rows = SIDES.map((side) => [t(TRIAD_SIDE_LABEL[side]), ...STATUSES.map((s) => cell(side, s))]);
      if (attendance.some((a) => a.triadSide === null)) rows.push([t(NO_TRIAD_SIDE_LABEL), ...STATUSES.map((s) => cell(null, s))]);
      attendanceBlocks.push({ kind: 'table', head: [t({ cs: 'Strana triády', en: 'Side of the triad' }), ...STATUSES.map((s) => t(ATTENDANCE_STATUS_LABEL[s]))], rows });
      const quorum = await this.meetings.quorum(ctx, meeting);
      const triad = await this.meetings.triadRepresentation(ctx, meeting);
      attendanceBlocks.push({
        kind: 'facts',
        items: [
          [
            t({ cs: 'Usnášeníschopnost', en: 'Quorum' }),
            `${t(quorum.reached ? YES_NO.yes : YES_NO.no)} — ${t({
              cs: `přítomno ${quorum.presentVoting} členů s hlasem z ${quorum.totalVoting}, potřeba ${quorum.required}`,
              en: `${quorum.presentVoting} voting members present of ${quorum.totalVoting}, ${quorum.required} needed`,
            })}`,
          ],
          [
            t({ cs: 'Zastoupení triády', en: 'The triad represented' }),
            triad.complete
              ? t({ cs: 'úplné', en: 'complete' })
              : `${t({ cs: 'chybí', en: 'missing' })}: ${triad.missing.map((s) => t(TRIAD_SIDE_LABEL[s])).join(', ')}`,
          ],
        ],
      });
    }

    const agendaItems: string[] = [];
    for (const item of agenda) {
      const parts = [item.title];
      if (item.presenter) parts.push(`${t({ cs: 'předkládá', en: 'presented by' })}: ${name(item.presenter.id)}`);
      const proposal = item.proposal ? await this.proposals.get(ctx, item.proposal.id).catch(() => null) : null;
      if (proposal) parts.push(`${t({ cs: 'návrh', en: 'proposal' })}: ${proposal.title}`);
      if (item.late) parts.push(`${t({ cs: 'zařazeno po lhůtě', en: 'added after the deadline' })}: ${item.urgencyReason ?? ''}`);
      agendaItems.push(parts.join(' — '));
    }

    const drafted = `${name(minutes.draftedBy.id)}, ${pragueDateTime(minutes.draftedAt)}`;
    const verified = minutes.verifiedBy
      ? `${name(minutes.verifiedBy.id)}${minutes.verifiedOnBehalfOfId ? ` (${t({ cs: 'za', en: 'for' })} ${name(minutes.verifiedOnBehalfOfId)})` : ''}, ${pragueDateTime(minutes.verifiedAt!)}`
      : t({ cs: 'neověřeno', en: 'not verified' });
    const record: Array<readonly [string, string]> = [
      [t({ cs: 'Zapsal(a)', en: 'Drafted by' }), drafted],
      [t({ cs: 'Ověřil(a)', en: 'Verified by' }), verified],
    ];
    if (minutes.distributedAt) record.push([t({ cs: 'Rozesláno', en: 'Distributed' }), pragueDateTime(minutes.distributedAt)]);
    record.push([t({ cs: 'Verze zápisu', en: 'Version of the minutes' }), `${minutes.version} / ${versions.length}`]);

    const title = `${t({ cs: 'Zápis z jednání', en: 'Minutes of the meeting' })}: ${body.name}`;
    const report: ReportDocument = {
      title,
      blocks: [{ kind: 'facts', items: facts }],
      sections: [
        { heading: t({ cs: 'Prezence', en: 'Attendance' }), blocks: attendanceBlocks },
        {
          heading: t({ cs: 'Program', en: 'Agenda' }),
          blocks: [agendaItems.length ? { kind: 'list', ordered: true, items: agendaItems } : { kind: 'text', text: t({ cs: 'Bez programu.', en: 'No agenda.' }) }],
        },
        {
          heading: t({ cs: 'Usnesení', en: 'Resolutions' }),
          blocks: [
            resolutions.length
              ? {
                  kind: 'table',
                  head: [t({ cs: 'Číslo', en: 'Number' }), t({ cs: 'Usnesení', en: 'Resolution' }), t({ cs: 'Pro', en: 'For' }), t({ cs: 'Proti', en: 'Against' }), t({ cs: 'Zdrželo se', en: 'Abstained' }), t({ cs: 'Přijato', en: 'Adopted' })],
                  rows: resolutions.map((r) => [r.number, r.text, String(r.votesFor), String(r.votesAgainst), String(r.votesAbstain), t(r.adopted ? YES_NO.yes : YES_NO.no)]),
                }
              : { kind: 'text', text: t({ cs: 'Žádná usnesení.', en: 'No resolutions.' }) },
          ],
        },
        { heading: t({ cs: 'Text zápisu', en: 'The minutes' }), blocks: [{ kind: 'text', text: minutes.text, markdown: true }] },
        { heading: t({ cs: 'Vyhotovení a ověření', en: 'Drafting and verification' }), blocks: [{ kind: 'facts', items: record }] },
      ],
    };
    const what = t({ cs: 'zapis', en: 'minutes' });
    return { report, title: `${title} — ${meeting.title}`, fileStem: `${what}-${fileNamePart(body.name)}-${pragueDay(meeting.startsAt)}-v${minutes.version}` };
  }

  async markdown(ctx: RequestContext, query: MinutesExportQuery): Promise<ExportedDocument> {
    const { report, fileStem } = await this.report(ctx, query);
    return textDocument(`${fileStem}.md`, 'text/markdown; charset=utf-8', reportMarkdown(report));
  }

  async pdf(ctx: RequestContext, query: MinutesExportQuery): Promise<ExportedDocument> {
    const { report, fileStem, title } = await this.report(ctx, query);
    const bytes = await reportPdf(report, { title, lang: ctx.locale === 'cs' ? 'cs-CZ' : 'en-GB', createdAt: ctx.now });
    return binaryDocument(`${fileStem}.pdf`, 'application/pdf', bytes);
  }
}
