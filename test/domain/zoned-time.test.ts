import { instantOf, instantOfDateTime, wallClock } from '../../src/domain/zoned-time.js';
import { InvalidInputError } from '../../src/domain/errors.js';

describe('instantOf and wallClock: wall-clock times in a time zone', () => {
  it.each([
    ['winter in London', '2026-01-15', '09:00', 'Europe/London', '2026-01-15T09:00:00.000Z'],
    ['summer in London', '2026-07-15', '09:00', 'Europe/London', '2026-07-15T08:00:00.000Z'],
    ['the Friday before clocks go forward', '2026-03-27', '09:00', 'Europe/London', '2026-03-27T09:00:00.000Z'],
    ['the Monday after clocks go forward', '2026-03-30', '09:00', 'Europe/London', '2026-03-30T08:00:00.000Z'],
    ['the Friday before clocks go back', '2026-10-23', '15:30', 'Europe/London', '2026-10-23T14:30:00.000Z'],
    ['the Monday after clocks go back', '2026-10-26', '15:30', 'Europe/London', '2026-10-26T15:30:00.000Z'],
    ['a time skipped when clocks go forward', '2026-03-29', '01:30', 'Europe/London', '2026-03-29T01:30:00.000Z'],
    ['a time that happens twice when clocks go back (the first)', '2026-10-25', '01:30', 'Europe/London', '2026-10-25T00:30:00.000Z'],
    ['New York in winter', '2026-01-15', '09:00', 'America/New_York', '2026-01-15T14:00:00.000Z'],
    ['Auckland in its summer', '2026-01-15', '09:00', 'Pacific/Auckland', '2026-01-14T20:00:00.000Z'],
  ])('when it is %s, then %s %s is the right instant', (_what, date, time, zone, iso) => {
    expect(instantOf(date, time, zone).toISOString()).toBe(iso);
  });

  it('then the wall clock reads back what was asked, with the day of the week', () => {
    expect(wallClock(instantOf('2026-03-30', '09:00', 'Europe/London'), 'Europe/London')).toEqual({ date: '2026-03-30', time: '09:00', weekday: 1 });
    expect(wallClock(new Date('2026-03-28T23:30:00Z'), 'Europe/London')).toEqual({ date: '2026-03-28', time: '23:30', weekday: 6 });
  });

  it("then Graph's dateTimeTimeZone is read in its own zone", () => {
    expect(instantOfDateTime({ dateTime: '2026-03-30T09:00:00.0000000', timeZone: 'Europe/London' }).toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(instantOfDateTime({ dateTime: '2026-03-30T09:00:00.0000000', timeZone: 'UTC' }).toISOString()).toBe('2026-03-30T09:00:00.000Z');
  });

  it('when the time zone is unknown, then it is refused naming it', () => {
    expect(() => instantOf('2026-03-30', '09:00', 'GMT Standard Time')).toThrow(InvalidInputError);
    expect(() => instantOf('2026-03-30', '09:00', 'Mars/Olympus')).toThrow('Mars/Olympus');
  });
});
