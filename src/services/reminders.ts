import type { EntityManager } from '@mikro-orm/postgresql';
import { guarantorPeople } from '../auth/guarantor';
import { pragueDay } from '../common/dates';
import type { Orm } from '../db/orm';
import { AreaRole } from '../entities/area-role.entity';
import type { Body } from '../entities/body.entity';
import { indicatorsOfAdoptedPlans } from '../data/reminders';
import { AreaRoleKind, MeetingStatus, PlanStatus } from '../entities/enums';
import { Meeting } from '../entities/meeting.entity';
import { Membership } from '../entities/membership.entity';
import { IndicatorGuarantor } from '../entities/plan.entity';
import { valueDueBy } from './indicator-due';
import { enqueue } from './outbox';
import { loadPlanStandings, type PlanStanding } from './plan-standing';

function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The people holding the area's coordinator role on `today`. */
async function coordinatorsOf(em: EntityManager, areaId: string, today: string): Promise<string[]> {
  const roles = await em.find(AreaRole, {
    areaId,
    role: AreaRoleKind.COORDINATOR,
    revokedAt: null,
    validFrom: { $lte: today },
    $or: [{ validTo: null }, { validTo: { $gte: today } }],
  });
  return roles.map((r) => r.person.id);
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
        await enqueue(
          tx,
          m.areaId,
          {
            kind: 'MINUTES_OVERDUE',
            subjectId: m.id,
            title: { cs: `Zápis z jednání „${m.title}“ měl být rozeslán do ${due}.`, en: `The minutes of "${m.title}" were due by ${due}.` },
            recipients: await coordinatorsOf(tx, m.areaId, today),
          },
          `minutes-overdue:${m.id}`,
        );
        queued += 1;
      }
    }
  });
  return queued;
}

/**
 * Reminds indicator guarantors of values due: for every indicator of an adopted plan whose next
 * value is due by today (one reporting period after the latest value), within the plan's period.
 * Reminded are the person guarantors and the people of guarantor organisations (`guarantorPeople`);
 * when that is nobody, the area's coordinators. Once per indicator and due day.
 */
export async function scanIndicatorReminders(orm: Orm, now: Date): Promise<number> {
  const em = orm.em.fork();
  const today = pragueDay(now);
  const currentYear = Number(today.slice(0, 4));
  const rows = await indicatorsOfAdoptedPlans(em, currentYear);
  const standings = new Map<string, Map<string, PlanStanding>>();
  let queued = 0;
  await em.transactional(async (tx) => {
    for (const r of rows) {
      if (!standings.has(r.area_id)) standings.set(r.area_id, await loadPlanStandings(tx, r.area_id, currentYear));
      if (standings.get(r.area_id)?.get(r.plan_id)?.status !== PlanStatus.ADOPTED) continue;
      const due = valueDueBy(r, today);
      if (!due) continue;
      const guarantors = await guarantorPeople(tx, r.area_id, await tx.find(IndicatorGuarantor, { areaId: r.area_id, indicatorId: r.id }), today);
      const recipients = guarantors.length ? guarantors : await coordinatorsOf(tx, r.area_id, today);
      await enqueue(
        tx,
        r.area_id,
        {
          kind: 'INDICATOR_VALUE_DUE',
          subjectId: r.id,
          title: { cs: `Je čas zapsat hodnotu indikátoru „${r.name}“ (k ${due}).`, en: `A value of the indicator "${r.name}" is due (by ${due}).` },
          recipients,
        },
        `indicator-value-due:${r.id}:${due}`,
      );
      queued += 1;
    }
  });
  return queued;
}
