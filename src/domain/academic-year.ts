/**
 * The English school calendar the reports are counted in: the academic year runs from 1 September to
 * 31 August and is labelled by both calendar years ("2026/27"); it has three terms.
 *
 * Terms rule (documented, because English schools' real term dates vary by local authority):
 * - autumn: 1 September – 31 December;
 * - spring: 1 January – the Saturday before Easter Sunday;
 * - summer: Easter Sunday – 31 August (the summer holiday is reported with the summer term, so every
 *   day of the year falls in exactly one term).
 * Easter is the usual boundary between the spring and summer terms in English reporting; it moves
 * (22 March – 25 April), so it is computed with the anonymous Gregorian algorithm.
 *
 * Dates are calendar days in the configured IANA time zone (Europe/London by default): an instant is
 * first turned into the local date it falls on, so 23:30 UTC on 31 August 2027 (00:30 BST, 1 September)
 * is in 2027/28.
 */

import { daysIn, type Zone } from './time-zone.js';

export const DEFAULT_TIME_ZONE = 'Europe/London';

/** A calendar date as YYYY-MM-DD. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface AcademicYear {
  /** "2026/27". */
  label: string;
  /** The calendar year the academic year starts in (2026 for 2026/27). */
  startYear: number;
  /** 1 September, YYYY-MM-DD. */
  start: IsoDate;
  /** 31 August, YYYY-MM-DD. */
  end: IsoDate;
}

export type TermName = 'autumn' | 'spring' | 'summer';

export interface Term {
  name: TermName;
  academicYear: string;
  start: IsoDate;
  end: IsoDate;
}

/**
 * The calendar date an instant falls on in a time zone (the zone held with its formatters, or its name: see
 * `TimeZone`). A plain YYYY-MM-DD string is already a calendar date and is returned as it is; anything else is
 * read as an instant.
 */
export function localDate(at: Date | string, timeZone: Zone = DEFAULT_TIME_ZONE): IsoDate {
  if (typeof at === 'string' && ISO_DATE.test(at)) return at;
  const instant = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Not a date: ${String(at)}`);
  const days = daysIn(timeZone);
  // en-GB writes a numeric date as dd/mm/yyyy: read that (a string, a third of what formatToParts costs, and this
  // runs for every date a press reads); anything else an ICU version might write is read part by part.
  const shown = GB_DATE.exec(days.format(instant));
  if (shown) return `${shown[3]}-${shown[2]}-${shown[1]}`;
  const parts = days.formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const GB_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

function ymd(date: IsoDate): [number, number, number] {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number): IsoDate => `${y}-${pad(m)}-${pad(d)}`;

/** Whole days from a to b (b − a), counting calendar days only. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const [ay, am, ad] = ymd(a);
  const [by, bm, bd] = ymd(b);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / 86_400_000);
}

/** The same day n months later (earlier for negative n); a day the month lacks falls to its last day (31 January + 1 month = 28 or 29 February). */
export function addMonths(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = ymd(date);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return iso(first.getUTCFullYear(), first.getUTCMonth() + 1, Math.min(d, lastDay));
}

/** The date n days after (or before, for negative n) a date. */
export function addDays(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = ymd(date);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The academic year that starts on 1 September of `startYear`. */
export function academicYearStarting(startYear: number): AcademicYear {
  return {
    label: `${startYear}/${pad((startYear + 1) % 100)}`,
    startYear,
    start: iso(startYear, 9, 1),
    end: iso(startYear + 1, 8, 31),
  };
}

/** The academic year a date (YYYY-MM-DD) or instant falls in, in the given time zone. */
export function academicYearOf(at: Date | string, timeZone: Zone = DEFAULT_TIME_ZONE): AcademicYear {
  const [y, m] = ymd(localDate(at, timeZone));
  return academicYearStarting(m >= 9 ? y : y - 1);
}

/** Reads a label such as "2026/27" (or "2026-27", "2026/2027") back into its academic year. */
export function parseAcademicYear(label: string): AcademicYear {
  const m = /^(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/.exec(label.trim());
  const startYear = m ? Number(m[1]) : NaN;
  const end = m ? Number(m[2]) : NaN;
  const endMatches = m?.[2].length === 2 ? end === (startYear + 1) % 100 : end === startYear + 1;
  if (!m || !endMatches) throw new RangeError(`Not an academic year (expected e.g. 2026/27): ${label}`);
  return academicYearStarting(startYear);
}

/** Whether a date (YYYY-MM-DD) or instant falls within an academic year. */
export function isInAcademicYear(at: Date | string, year: AcademicYear, timeZone: Zone = DEFAULT_TIME_ZONE): boolean {
  const d = localDate(at, timeZone);
  return d >= year.start && d <= year.end;
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian, or Meeus/Jones/Butcher, algorithm). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

/** The three terms of an academic year, in order (see the terms rule at the top of this file). */
export function termsOf(year: AcademicYear): Term[] {
  const easter = easterSunday(year.startYear + 1);
  return [
    { name: 'autumn', academicYear: year.label, start: year.start, end: iso(year.startYear, 12, 31) },
    { name: 'spring', academicYear: year.label, start: iso(year.startYear + 1, 1, 1), end: addDays(easter, -1) },
    { name: 'summer', academicYear: year.label, start: easter, end: year.end },
  ];
}

/** The term a date (YYYY-MM-DD) or instant falls in, in the given time zone. */
export function termOf(at: Date | string, timeZone: Zone = DEFAULT_TIME_ZONE): Term {
  const d = localDate(at, timeZone);
  return termsOf(academicYearOf(d)).find((t) => d >= t.start && d <= t.end)!;
}

/** Days in an academic year: 366 when the February it contains has 29 days. */
export function daysInAcademicYear(year: AcademicYear): number {
  return daysBetween(year.start, year.end) + 1;
}

/**
 * The fraction of its academic year that has elapsed by the end of the given day, from 1/365 on
 * 1 September to exactly 1 on 31 August. Counting the day itself means everything due in the year
 * is due on its last day, which is what pro-rata entitlement needs.
 */
export function fractionOfYearElapsed(at: Date | string, timeZone: Zone = DEFAULT_TIME_ZONE): number {
  const d = localDate(at, timeZone);
  const year = academicYearOf(d);
  return (daysBetween(year.start, d) + 1) / daysInAcademicYear(year);
}
