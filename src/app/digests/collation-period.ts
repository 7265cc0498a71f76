import { academicYearOf, addDays, localDate, termOf } from '../../domain/academic-year.js';
import type { DayPeriod } from '../../domain/collation.js';
import { longDate, shortDate } from '../../domain/human-date.js';
import type { Zone } from '../../domain/time-zone.js';
import { instantOf } from '../../domain/zoned-time.js';

/**
 * The periods of the anonymised collations. A digest's period runs between two instants, from (exclusive) to
 * (inclusive); visits count on the day they took place, so the days a collation covers are those after the day of
 * `from` up to the day of `to`, in the organisation's time zone: one digest's last day is never the next one's.
 */
export interface InstantPeriod {
  from: string;
  to: string;
}

/** The days a period covers (see above). */
export function dayPeriodOf(period: InstantPeriod, timeZone: Zone): DayPeriod {
  return { from: addDays(localDate(period.from, timeZone), 1), to: localDate(period.to, timeZone) };
}

/** An instant on the day before `day` (its noon), so that a period from it covers `day` onwards. */
const dayBefore = (day: string, timeZone: Zone) => instantOf(addDays(day, -1), '12:00', timeZone).toISOString();

/**
 * Termly: from where the last digest of the partnership left off (else the start of the term it is due in) to the
 * moment it is due, so that no visit falls between two digests.
 */
export function termlyPeriod(dueAt: Date, timeZone: Zone, previous?: InstantPeriod): InstantPeriod {
  return { from: previous?.to ?? dayBefore(termOf(dueAt, timeZone).start, timeZone), to: dueAt.toISOString() };
}

/** The academic year to date: what the SACRE collates for its report unless asked for another period. */
export function academicYearToDate(dueAt: Date, timeZone: Zone): InstantPeriod {
  return { from: dayBefore(academicYearOf(dueAt, timeZone).start, timeZone), to: dueAt.toISOString() };
}

/** "Spring term 2026/27: visits from 11 Dec 2026 to Wednesday 10 March 2027" (the year of the start only when it differs). */
export function periodLine(period: InstantPeriod, timeZone: Zone, scope: 'term' | 'year'): string {
  const days = dayPeriodOf(period, timeZone);
  const term = termOf(days.to, timeZone);
  const name = scope === 'term' ? `${term.name[0]!.toUpperCase()}${term.name.slice(1)} term ${term.academicYear}` : `Academic year ${term.academicYear}`;
  return `${name}: visits from ${shortDate(days.from, timeZone, days.to)} to ${longDate(days.to, timeZone)}`;
}
