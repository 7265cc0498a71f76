import { clockTime, longDate, longDateTime, shortDate, timeSpan } from '../../src/domain/human-date.js';

const London = 'Europe/London';

describe('dates as people write them', () => {
  it('writes a calendar date in full, as a heading or a sentence would', () => {
    expect(longDate('2026-12-03', London)).toBe('Thursday 3 December 2026');
    // A calendar date names a day, whatever the clock: never shifted by the zone's offset.
    expect(longDate('2026-12-03', 'Pacific/Kiritimati')).toBe('Thursday 3 December 2026');
  });

  it('places a timestamp on the organisation clock before naming its day', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (summer time).
    expect(longDate('2026-06-30T23:30:00Z', London)).toBe('Wednesday 1 July 2026');
    expect(longDateTime('2026-06-30T23:30:00Z', London)).toBe('Wednesday 1 July 2026 at 00:30');
    expect(clockTime('2026-12-03T10:00:00Z', London)).toBe('10:00');
  });

  it('writes a short date for tables, adding the year only when it is not this year', () => {
    expect(shortDate('2026-12-03', London)).toBe('3 Dec');
    expect(shortDate('2026-12-03', London, '2026-12-10')).toBe('3 Dec');
    expect(shortDate('2025-12-03', London, '2026-01-10')).toBe('3 Dec 2025');
  });

  it('writes a span of time with an en dash', () => {
    expect(timeSpan('10:00', '11:00')).toBe('10:00–11:00');
  });

  it('refuses what is not a date rather than printing nonsense', () => {
    expect(() => longDate('next Thursday', London)).toThrow(RangeError);
  });
});
