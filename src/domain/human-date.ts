import { localDate, type IsoDate } from './academic-year.js';
import { clockIn, type Zone } from './time-zone.js';

/**
 * Dates and times as people write them in English schools, for everything a person reads (cards, chat lines, CLI
 * output, digests): "Thursday 3 December 2026" in sentences and headings, "3 Dec" in tables and lists, "10:00–11:00"
 * for a span. The data keeps ISO dates; only what is shown changes.
 *
 * A calendar date (YYYY-MM-DD) names a day, not an instant, so it is formatted as that day whatever the time zone;
 * an instant (an ISO timestamp) is first placed on the organisation's clock.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const longDay = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const shortDayYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

function utcNoonOf(date: IsoDate): Date {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
}

/** The calendar day a date or timestamp names on the organisation's clock (a plain date is already one). */
const dayOf = (dateOrInstant: string, timeZone: Zone): IsoDate => localDate(dateOrInstant, timeZone);

/** "Thursday 3 December 2026". */
export function longDate(dateOrInstant: string, timeZone: Zone): string {
  return longDay.format(utcNoonOf(dayOf(dateOrInstant, timeZone))).replace(',', '');
}

/**
 * "3 Dec" for tables and lists; "3 Dec 2025" when the day is not in the year of `today` (so last year's visit is
 * not mistaken for this year's).
 */
export function shortDate(dateOrInstant: string, timeZone: Zone, today?: IsoDate): string {
  const day = dayOf(dateOrInstant, timeZone);
  const sameYear = !today || today.slice(0, 4) === day.slice(0, 4);
  return (sameYear ? shortDay : shortDayYear).format(utcNoonOf(day));
}

/** "10:00" on the organisation's clock for a timestamp. */
export function clockTime(instant: string, timeZone: Zone): string {
  return clockIn(timeZone).format(new Date(instant));
}

/** "10:00–11:00" (an en dash, as printed timetables write a span). */
export function timeSpan(from: string, to: string): string {
  return `${from}–${to}`;
}

/** "Thursday 3 December 2026 at 10:00" for a timestamp, on the organisation's clock. */
export function longDateTime(instant: string, timeZone: Zone): string {
  return `${longDate(instant, timeZone)} at ${clockTime(instant, timeZone)}`;
}

/** "Thursday 3 December 2026" for a calendar date (a day names no instant, so no time zone applies). */
export function longCalendarDate(date: IsoDate): string {
  return longDate(date, 'UTC');
}

/** "3 Dec" for a calendar date in a table or list; "3 Dec 2025" when it is not in the year of `today`. */
export function shortCalendarDate(date: IsoDate, today?: IsoDate): string {
  return shortDate(date, 'UTC', today);
}

/** "12 Mar 2024" for a calendar date in a list where the year always matters (an inspection, which may be years old). */
export function shortCalendarDateWithYear(date: IsoDate): string {
  return shortDayYear.format(utcNoonOf(date));
}
