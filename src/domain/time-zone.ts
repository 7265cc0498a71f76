import { InvalidInputError } from './errors.js';

/**
 * An IANA time zone with the Intl formatters that read instants in it. Making an `Intl.DateTimeFormat` costs about
 * fifty times what using one does (some 60 µs against 1 µs here: it loads the zone's rules and the locale's
 * patterns), and a press reads "today" in the organisation's zone at least once. So the configured zone is made
 * once, at the composition root (`timeZoneNamed(config.timezone)`), and passed where the zone's name is passed
 * elsewhere. It is a value, not a cache: frozen, made from its name alone, and an Intl formatter keeps nothing
 * from one call to the next, so one serves every request, concurrent ones included.
 *
 * The bot's and the CLI's dependencies (`BotDeps`, `DeliveryDeps`, the jobs', digests' and CLI context's) hold a
 * `TimeZone`; where a plain name is wanted (Graph's `timeZone` fields, card data, a stored meeting) they give
 * `zone.name`. Every function that reads an instant in a zone still takes either (`Zone`), because some zones
 * arrive as names: the one a strategy meeting or board was booked in (stored with the record) and the one Graph
 * names beside a dateTime. Given a bare name, a function makes the formatter it needs for that one call, with the
 * same options, so both give the same answer.
 */
export interface TimeZone {
  /** The IANA name, e.g. Europe/London. */
  readonly name: string;
  /** Year, month and day (see `localDate`). */
  readonly days: Intl.DateTimeFormat;
  /** Date, time to the second on a 24-hour clock, and weekday: what a clock on the wall shows (see `wallClock`). */
  readonly wall: Intl.DateTimeFormat;
  /** Hours and minutes on a 24-hour clock (see `clockTime`). */
  readonly clock: Intl.DateTimeFormat;
}

/** A time zone held with its formatters, or just its IANA name. */
export type Zone = TimeZone | string;

const dayFormat = (timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });

const wallFormat = (timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', weekday: 'short' });

const clockFormat = (timeZone: string) => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });

/** Said of a zone name Intl does not know. */
export const unknownTimeZone = (name: string) => new InvalidInputError(`"${name}" is not a time zone this system knows (use an IANA name such as Europe/London).`, 'timeZone');

/** The zone by its IANA name, its formatters made now. InvalidInputError (`unknownTimeZone`) for a name this system does not know. */
export function timeZoneNamed(name: string): TimeZone {
  try {
    return Object.freeze({ name, days: dayFormat(name), wall: wallFormat(name), clock: clockFormat(name) });
  } catch {
    throw unknownTimeZone(name);
  }
}

/**
 * The zone a record or Graph names, with `held`'s formatters when it names that same zone (the usual case: meetings
 * are booked in TIMEZONE and Graph answers in the zone asked for), else the bare name.
 */
export const sameZoneOr = (name: string, held: Zone): Zone => (typeof held !== 'string' && held.name === name ? held : name);

/** The zone's IANA name. */
export const zoneName = (zone: Zone): string => (typeof zone === 'string' ? zone : zone.name);

/** The year-month-day formatter of a zone: the one it holds, or one made for this call from a bare name (RangeError if unknown). */
export const daysIn = (zone: Zone): Intl.DateTimeFormat => (typeof zone === 'string' ? dayFormat(zone) : zone.days);

/** The wall-clock formatter of a zone, held or made for this call (RangeError for an unknown name). */
export const wallIn = (zone: Zone): Intl.DateTimeFormat => (typeof zone === 'string' ? wallFormat(zone) : zone.wall);

/** The HH:MM formatter of a zone, held or made for this call (RangeError for an unknown name). */
export const clockIn = (zone: Zone): Intl.DateTimeFormat => (typeof zone === 'string' ? clockFormat(zone) : zone.clock);
