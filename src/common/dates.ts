/** Days are calendar days in Czechia: a membership valid "to 30 June" ends at midnight in Prague. */
const PRAGUE_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Prague',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (YYYY-MM-DD) in Prague at the given instant. */
export function pragueDay(at: Date): string {
  return PRAGUE_DAY.format(at);
}

const SPOKEN_DAY = {
  cs: new Intl.DateTimeFormat('cs-CZ', { timeZone: 'Europe/Prague', weekday: 'long', day: 'numeric', month: 'numeric', year: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Prague', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
};
const SPOKEN_TIME = {
  cs: new Intl.DateTimeFormat('cs-CZ', { timeZone: 'Europe/Prague', hour: 'numeric', minute: '2-digit' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Prague', hour: '2-digit', minute: '2-digit' }),
};

/** The day of an instant in Prague as people write it: "úterý 11. 11. 2014" / "Tuesday, 11 November 2014". */
export function spokenDay(at: Date): { cs: string; en: string } {
  return { cs: SPOKEN_DAY.cs.format(at), en: SPOKEN_DAY.en.format(at) };
}

/** The time of an instant in Prague: "9:00" / "09:00". */
export function spokenTime(at: Date): { cs: string; en: string } {
  return { cs: SPOKEN_TIME.cs.format(at), en: SPOKEN_TIME.en.format(at) };
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar day in YYYY-MM-DD form (2026-02-30 is not). */
export function isCalendarDay(value: string): boolean {
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * A term (of a seat, a delegation) from the dates asked for: from today unless a start is given,
 * open-ended unless an end is; `problem` says so when it would end before it starts.
 */
export function termOf(
  today: string,
  validFrom: string | null | undefined,
  validTo: string | null | undefined,
): { validFrom: string; validTo: string | null; problem: { field: 'validTo'; text: { cs: string; en: string } } | null } {
  const from = validFrom ?? today;
  const to = validTo ?? null;
  const problem = to !== null && to < from ? { field: 'validTo' as const, text: { cs: 'Konec je před začátkem.', en: 'validTo is before validFrom.' } } : null;
  return { validFrom: from, validTo: to, problem };
}

const PRAGUE_WALL_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Prague',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The date and time on a Prague clock at an instant, e.g. `2026-03-05 14:30`. */
export function pragueDateTime(at: Date): string {
  const part = Object.fromEntries(PRAGUE_WALL_CLOCK.formatToParts(at).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}

/**
 * The instant a calendar day (YYYY-MM-DD) begins in Prague: 00:00 CET (+01:00) or CEST (+02:00).
 * Clocks change at 02:00 or 03:00, so the offset of the evening before is the offset of midnight.
 */
export function pragueStartOfDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(y, m - 1, d);
  const eveningBefore = new Date(midnightUtc - 2 * 3_600_000);
  const part = Object.fromEntries(PRAGUE_WALL_CLOCK.formatToParts(eveningBefore).map((p) => [p.type, Number(p.value)]));
  const wall = Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute);
  return new Date(midnightUtc - (wall - eveningBefore.getTime()));
}

/** The calendar day after a YYYY-MM-DD day. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
