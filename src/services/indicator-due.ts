import { ReportingPeriod } from '../entities/enums';

const MONTHS: Record<ReportingPeriod, number> = {
  [ReportingPeriod.MONTHLY]: 1,
  [ReportingPeriod.QUARTERLY]: 3,
  [ReportingPeriod.HALF_YEARLY]: 6,
  [ReportingPeriod.YEARLY]: 12,
};

/** A calendar day (YYYY-MM-DD) plus whole months; the 31st of a shorter month becomes its last day. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The day the next value of an indicator is due: one reporting period after the latest measured
 * value, or after the baseline while nothing was measured yet.
 */
export function nextValueDue(period: ReportingPeriod, baselineDate: string, latestMeasuredOn: string | null): string {
  const from = latestMeasuredOn && latestMeasuredOn > baselineDate ? latestMeasuredOn : baselineDate;
  return addMonths(from, MONTHS[period]);
}

/**
 * The day an indicator's next value is due when that day has come by `today` and still falls in its
 * plan's period (up to the end of `yearTo`); null otherwise. The reminders and the desk ask it.
 */
export function valueDueBy(
  indicator: { reporting_period: ReportingPeriod; baseline_date: string; latest: string | null; year_to: number },
  today: string,
): string | null {
  const due = nextValueDue(indicator.reporting_period, indicator.baseline_date, indicator.latest);
  return due > today || Number(due.slice(0, 4)) > indicator.year_to ? null : due;
}
