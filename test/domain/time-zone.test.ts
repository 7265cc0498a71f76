import { academicYearOf, localDate, termOf } from '../../src/domain/academic-year.js';
import { InvalidInputError } from '../../src/domain/errors.js';
import { clockTime, longDate, longDateTime, shortDate } from '../../src/domain/human-date.js';
import { sameZoneOr, timeZoneNamed, zoneName } from '../../src/domain/time-zone.js';
import { instantOf, instantOfDateTime, wallClock } from '../../src/domain/zoned-time.js';

/** Instants either side of London's clock changes and of midnight, where a zone's rules decide the day. */
const INSTANTS = [
  '2026-01-15T09:00:00Z',
  '2026-03-28T23:30:00Z',
  '2026-03-29T00:59:59Z',
  '2026-03-29T01:00:00Z',
  '2026-08-31T23:30:00Z',
  '2026-10-24T23:30:00Z',
  '2026-10-25T00:30:00Z',
  '2026-10-25T01:30:00Z',
  '2026-12-31T23:59:59Z',
];
const ZONES = ['Europe/London', 'America/New_York', 'Pacific/Auckland', 'UTC'];

describe('a time zone held with its formatters, as the bot holds TIMEZONE', () => {
  describe.each(ZONES)('when the zone is %s', (name) => {
    const zone = timeZoneNamed(name);

    it.each(INSTANTS)('then %s reads the same as with the bare name', (iso) => {
      const at = new Date(iso);
      expect(localDate(at, zone)).toBe(localDate(at, name));
      expect(localDate(iso, zone)).toBe(localDate(iso, name));
      expect(academicYearOf(at, zone)).toEqual(academicYearOf(at, name));
      expect(termOf(at, zone)).toEqual(termOf(at, name));
      expect(wallClock(at, zone)).toEqual(wallClock(at, name));
      expect(clockTime(iso, zone)).toBe(clockTime(iso, name));
      expect(longDate(iso, zone)).toBe(longDate(iso, name));
      expect(shortDate(iso, zone, '2026-01-01')).toBe(shortDate(iso, name, '2026-01-01'));
      expect(longDateTime(iso, zone)).toBe(longDateTime(iso, name));
    });

    it('then a wall-clock time names the same instant, across the clock changes', () => {
      for (const [date, time] of [['2026-03-29', '01:30'], ['2026-10-25', '01:30'], ['2026-07-15', '09:00']] as const) {
        expect(instantOf(date, time, zone)).toEqual(instantOf(date, time, name));
      }
    });
  });

  it('then London reads 23:30 UTC on 31 August in BST as 1 September, in the next academic year', () => {
    const london = timeZoneNamed('Europe/London');
    expect(localDate(new Date('2027-08-31T23:30:00Z'), london)).toBe('2027-09-01');
    expect(academicYearOf(new Date('2027-08-31T23:30:00Z'), london).label).toBe('2027/28');
    expect(clockTime('2026-07-15T08:00:00Z', london)).toBe('09:00');
  });

  it('when a record or Graph names the held zone, then it is read with the held one, and any other zone by its name, to the same instant', () => {
    const london = timeZoneNamed('Europe/London');
    for (const [named, held] of [['Europe/London', london], ['Pacific/Auckland', london], ['Europe/London', 'Europe/London']] as const) {
      const zone = sameZoneOr(named, held);
      expect(zoneName(zone)).toBe(named);
      for (const iso of INSTANTS) expect([localDate(iso, zone), clockTime(iso, zone)]).toEqual([localDate(iso, named), clockTime(iso, named)]);
    }
    for (const timeZone of ['Europe/London', 'Pacific/Auckland', undefined]) {
      const value = { dateTime: '2026-10-25T01:30:00.0000000', ...(timeZone ? { timeZone } : {}) };
      expect(instantOfDateTime(value, london)).toEqual(instantOfDateTime(value));
    }
    expect(instantOfDateTime({ dateTime: '2026-07-15T09:00:00.0000000', timeZone: 'Europe/London' }, london).toISOString()).toBe('2026-07-15T08:00:00.000Z');
  });

  it('then it keeps its name', () => {
    expect(zoneName(timeZoneNamed('Europe/London'))).toBe('Europe/London');
    expect(zoneName('UTC')).toBe('UTC');
  });

  it('when the name is not a zone this system knows, then it is refused naming it', () => {
    expect(() => timeZoneNamed('Mars/Olympus')).toThrow(InvalidInputError);
    expect(() => timeZoneNamed('Mars/Olympus')).toThrow('Mars/Olympus');
  });
});
