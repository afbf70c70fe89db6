import type { RequestContext } from '../context';
import { Body } from '../entities/body.entity';
import { MeetingStatus } from '../entities/enums';
import { Meeting } from '../entities/meeting.entity';
import { notFound, requireId } from '../errors/app-errors';
import { authorize } from '../auth/authority';
import { SHARED } from '../auth/resources';
import { localize } from '../i18n/locale';
import type { MeetingService } from './meeting.service';

/** RFC 5545 text escaping. */
function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets, as RFC 5545 asks, without splitting a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const stamp = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

const STATUS: Record<MeetingStatus, string> = {
  [MeetingStatus.PLANNED]: 'TENTATIVE',
  [MeetingStatus.CONVENED]: 'CONFIRMED',
  [MeetingStatus.HELD]: 'CONFIRMED',
  [MeetingStatus.MINUTES_DRAFTED]: 'CONFIRMED',
  [MeetingStatus.MINUTES_VERIFIED]: 'CONFIRMED',
  [MeetingStatus.MINUTES_DISTRIBUTED]: 'CONFIRMED',
  [MeetingStatus.CANCELLED]: 'CANCELLED',
};

/** iCalendar feeds of meetings, for whoever may see them: one body's, or all of a person's bodies'. */
export class CalendarService {
  constructor(private readonly meetings: MeetingService) {}

  async bodyFeed(ctx: RequestContext, bodyId: string): Promise<string> {
    requireId(ctx.locale, 'bodyId', bodyId);
    const body = await ctx.em.findOne(Body, { id: bodyId });
    if (!body || !this.meetings.canSee(ctx, body)) throw notFound(ctx.locale, 'Body', bodyId);
    const meetings = await ctx.em.find(Meeting, { body: body.id }, { orderBy: { startsAt: 'asc', id: 'asc' } });
    return calendar(body.name, meetings, (m) => m.title);
  }

  /** The meetings of every body the viewer sits in today, each titled with its body's short name. */
  async personalFeed(ctx: RequestContext): Promise<string> {
    authorize(ctx, 'calendar.readOwn', SHARED, 'CalendarFeed');
    // Only bodies the viewer sits in today: their meetings are the viewer's to see (meeting.read).
    const bodyIds = [...new Set(ctx.viewer.memberships.map((m) => m.body.id))];
    const bodies = bodyIds.length > 0 ? await ctx.em.find(Body, { id: { $in: bodyIds } }) : [];
    const meetings = bodyIds.length > 0 ? await ctx.em.find(Meeting, { body: { $in: bodyIds } }, { orderBy: { startsAt: 'asc', id: 'asc' } }) : [];
    const names = new Map(bodies.map((b) => [b.id, b.shortName ?? b.name]));
    return calendar(localize({ cs: 'Moje schůzky (Triáda)', en: 'My meetings (Triáda)' }, ctx.locale), meetings, (m) => `${names.get(m.body.id) ?? ''}: ${m.title}`);
  }
}

/** A VCALENDAR named `name` with one VEVENT per meeting, titled by `summary`. */
function calendar(name: string, meetings: Meeting[], summary: (m: Meeting) => string): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Triada//KPSS//CS', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${escapeText(name)}`];
  for (const m of meetings) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${m.id}@triada`,
      `DTSTAMP:${stamp(m.updatedAt)}`,
      `DTSTART:${stamp(m.startsAt)}`,
      `DTEND:${stamp(m.endsAt ?? new Date(m.startsAt.getTime() + 2 * 3600_000))}`,
      `SUMMARY:${escapeText(summary(m))}`,
      `STATUS:${STATUS[m.status]}`,
      `SEQUENCE:${m.version}`,
    );
    if (m.place) lines.push(`LOCATION:${escapeText(m.place)}`);
    if (m.onlineLink) lines.push(`URL:${m.onlineLink}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
