import type { IsoDate } from './academic-year.js';
import { InvalidInputError } from './errors.js';
import { sameZoneOr, unknownTimeZone, wallIn, zoneName, type Zone } from './time-zone.js';

/**
 * Wall-clock times in an IANA time zone and the instants they name, with Intl alone (no date library): meetings
 * are offered and booked in school hours in the organisation's time zone, which moves by an hour twice a year.
 */

/** A wall-clock time, HH:MM (seconds allowed, and ignored beyond the minute). */
const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The zone's wall-clock formatter (see `TimeZone`); InvalidInputError naming a zone this system does not know. */
function formatter(timeZone: Zone): Intl.DateTimeFormat {
  try {
    return wallIn(timeZone);
  } catch {
    throw unknownTimeZone(zoneName(timeZone));
  }
}

const HALF_DAY = 12 * 60 * 60 * 1000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A wall clock reading: the date, HH:MM, and the day of the week (0 Sunday … 6 Saturday). */
export interface WallClock {
  date: IsoDate;
  time: string;
  weekday: number;
}

/** What a clock on the wall in the time zone shows at the instant. */
export function wallClock(instant: Date, timeZone: Zone): WallClock {
  const parts = formatter(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}`, weekday: WEEKDAYS.indexOf(part('weekday')) };
}

/** The zone's offset from UTC at an instant, in milliseconds (local − UTC). */
function offsetAt(instant: number, timeZone: Zone): number {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const n = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The instant a wall-clock date and time name in the zone. The zone's offsets half a day before and after are both
 * tried and a candidate kept if the clock really shows that time then, which settles either side of a clock change.
 * A time that happens twice when clocks go back is the first; a time skipped when they go forward resolves to the
 * same distance after the change (01:30 → 02:30 in London).
 */
export function instantOf(date: IsoDate, time: string, timeZone: Zone): Date {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) throw new InvalidInputError(`Not a date and time: ${date} ${time}.`);
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]), Number(t[3] ?? 0));
  const before = wall - offsetAt(wall - HALF_DAY, timeZone);
  const after = wall - offsetAt(wall + HALF_DAY, timeZone);
  const shown = [before, after].filter((c) => c + offsetAt(c, timeZone) === wall);
  return new Date(shown.length ? Math.min(...shown) : before);
}

/**
 * Reads Graph's `dateTimeTimeZone` ({ dateTime: "2026-03-30T09:00:00.0000000", timeZone: "Europe/London" }) as an
 * instant. The dateTime carries no offset: it is a wall-clock time in the named zone (read with `held` when that is
 * the zone named: see `sameZoneOr`).
 */
export function instantOfDateTime(value: { dateTime: string; timeZone?: string }, held: Zone = 'UTC'): Date {
  const [date, time] = value.dateTime.split('T');
  return instantOf(date ?? '', time ?? '', sameZoneOr(value.timeZone || 'UTC', held));
}

/** Minutes since midnight of an HH:MM time. */
export function minutesOf(time: string): number {
  const t = TIME.exec(time);
  if (!t) throw new InvalidInputError(`Not a time as HH:MM: ${time}.`);
  return Number(t[1]) * 60 + Number(t[2]);
}

/** HH:MM of minutes since midnight. */
export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
