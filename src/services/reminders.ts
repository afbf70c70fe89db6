import { pragueDay } from '../common/dates';
import type { Orm } from '../db/orm';
import { AreaRole } from '../entities/area-role.entity';
import type { Body } from '../entities/body.entity';
import { AreaRoleKind, MeetingStatus } from '../entities/enums';
import { Meeting } from '../entities/meeting.entity';
import { Membership } from '../entities/membership.entity';
import { enqueue } from './outbox';

function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Finds what needs a reminder now: materials due tomorrow for convened meetings, and minutes past
 * their deadline. Each reminder has a dedupe key, so a scan run by several processes, or run
 * again, reminds once.
 */
export async function scanReminders(orm: Orm, now: Date): Promise<number> {
  const em = orm.em.fork();
  const today = pragueDay(now);
  const meetings = await em.find(
    Meeting,
    { status: { $in: [MeetingStatus.CONVENED, MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFTED, MeetingStatus.MINUTES_VERIFIED] } },
    { populate: ['body'] },
  );
  let queued = 0;
  await em.transactional(async (tx) => {
    for (const m of meetings) {
      const body = m.body as Body;
      const day = pragueDay(m.startsAt);
      if (m.status === MeetingStatus.CONVENED && shiftDay(day, -body.materialsLeadDays) === shiftDay(today, 1)) {
        const members = (await tx.find(Membership, { body: body.id })).filter((s) => s.isValidOn(today));
        await enqueue(
          tx,
          m.areaId,
          {
            kind: 'MATERIALS_DEADLINE',
            subjectId: m.id,
            title: { cs: `Zítra je termín podkladů pro jednání „${m.title}“ (${day}).`, en: `Materials for "${m.title}" (${day}) are due tomorrow.` },
            recipients: members.map((s) => s.person.id),
          },
          `materials-deadline:${m.id}:${day}`,
        );
        queued += 1;
      }
      const due = shiftDay(pragueDay(m.endsAt ?? m.startsAt), body.minutesDueDays);
      if (m.status !== MeetingStatus.CONVENED && today > due) {
        const coordinators = await tx.find(AreaRole, {
          areaId: m.areaId,
          role: AreaRoleKind.COORDINATOR,
          revokedAt: null,
          validFrom: { $lte: today },
          $or: [{ validTo: null }, { validTo: { $gte: today } }],
        });
        await enqueue(
          tx,
          m.areaId,
          {
            kind: 'MINUTES_OVERDUE',
            subjectId: m.id,
            title: { cs: `Zápis z jednání „${m.title}“ měl být rozeslán do ${due}.`, en: `The minutes of "${m.title}" were due by ${due}.` },
            recipients: coordinators.map((r) => r.person.id),
          },
          `minutes-overdue:${m.id}`,
        );
        queued += 1;
      }
    }
  });
  return queued;
}
