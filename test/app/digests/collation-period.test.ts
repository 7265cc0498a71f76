import { academicYearToDate, dayPeriodOf, periodLine, termlyPeriod } from '../../../src/app/digests/collation-period.js';

const TZ = 'Europe/London';

describe('the periods of the anonymised digests', () => {
  it('when the first termly digest is due, then it covers the term from its first day to the day it is due', () => {
    const period = termlyPeriod(new Date('2027-03-10T07:00:00Z'), TZ);
    expect(dayPeriodOf(period, TZ)).toEqual({ from: '2027-01-01', to: '2027-03-10' });
    expect(periodLine(period, TZ, 'term')).toBe('Spring term 2026/27: visits from 1 Jan to Wednesday 10 March 2027');
  });

  it('when a digest follows another, then its days start the day after the last one’s end, so no day is counted twice or missed', () => {
    const autumn = termlyPeriod(new Date('2026-12-10T07:00:00Z'), TZ);
    const spring = termlyPeriod(new Date('2027-03-10T07:00:00Z'), TZ, autumn);
    expect(dayPeriodOf(autumn, TZ)).toEqual({ from: '2026-09-01', to: '2026-12-10' });
    expect(dayPeriodOf(spring, TZ)).toEqual({ from: '2026-12-11', to: '2027-03-10' });
  });

  it('when the SACRE collation is asked for, then it covers the academic year to date, on the organisation’s clock (23:30 UTC in summer is the next day in London)', () => {
    const period = academicYearToDate(new Date('2027-06-30T23:30:00Z'), TZ);
    expect(dayPeriodOf(period, TZ)).toEqual({ from: '2026-09-01', to: '2027-07-01' });
    expect(periodLine(period, TZ, 'year')).toBe('Academic year 2026/27: visits from 1 Sept 2026 to Thursday 1 July 2027');
  });
});
