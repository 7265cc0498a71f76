import {
  academicYearOf,
  easterSunday,
  fractionOfYearElapsed,
  isInAcademicYear,
  localDate,
  parseAcademicYear,
  termOf,
  termsOf,
} from '../../src/domain/academic-year.js';

describe('academicYearOf', () => {
  it.each([
    ['2026-09-01', '2026/27'],
    ['2026-08-31', '2025/26'],
    ['2026-11-23', '2026/27'],
    ['2027-01-01', '2026/27'],
    ['2027-08-31', '2026/27'],
    ['1999-09-01', '1999/00'],
  ])('when the date is %s, then the academic year is %s', (date, label) => {
    expect(academicYearOf(date).label).toBe(label);
  });

  it('when an instant is late on 31 August in UTC, then London (BST) already counts it in the new year', () => {
    expect(academicYearOf('2027-08-31T23:30:00Z').label).toBe('2027/28');
    expect(academicYearOf('2027-08-31T23:30:00Z', 'UTC').label).toBe('2026/27');
    expect(academicYearOf(new Date('2027-08-31T22:59:59Z')).label).toBe('2026/27');
  });

  it('when a year is built, then it runs from 1 September to 31 August', () => {
    expect(academicYearOf('2026-11-23')).toEqual({ label: '2026/27', startYear: 2026, start: '2026-09-01', end: '2027-08-31' });
  });
});

describe('localDate', () => {
  it.each([
    ['2026-11-23', 'Europe/London', '2026-11-23'],
    ['2026-06-30T23:30:00Z', 'Europe/London', '2026-07-01'],
    ['2026-12-31T23:30:00Z', 'Europe/London', '2026-12-31'],
    ['2026-06-30T23:30:00Z', 'America/New_York', '2026-06-30'],
  ])('when %s is read in %s, then the day is %s', (at, zone, expected) => {
    expect(localDate(at, zone)).toBe(expected);
  });

  it('when the text is not a date, then it is refused', () => {
    expect(() => localDate('next Tuesday')).toThrow(RangeError);
  });
});

describe('parseAcademicYear', () => {
  it.each([['2026/27'], ['2026-27'], ['2026/2027']])('when %s is given, then it is 2026/27', (label) => {
    expect(parseAcademicYear(label).start).toBe('2026-09-01');
  });

  it.each([['2026/28'], ['26/27'], ['autumn']])('when %s is given, then it is refused', (label) => {
    expect(() => parseAcademicYear(label)).toThrow(RangeError);
  });
});

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('when the year is %i, then Easter Sunday is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('terms', () => {
  it('when the year is 2026/27, then spring ends the day before Easter Sunday and summer runs to 31 August', () => {
    expect(termsOf(academicYearOf('2026-09-01'))).toEqual([
      { name: 'autumn', academicYear: '2026/27', start: '2026-09-01', end: '2026-12-31' },
      { name: 'spring', academicYear: '2026/27', start: '2027-01-01', end: '2027-03-27' },
      { name: 'summer', academicYear: '2026/27', start: '2027-03-28', end: '2027-08-31' },
    ]);
  });

  it.each([
    ['2026-09-01', 'autumn'],
    ['2026-12-31', 'autumn'],
    ['2027-01-01', 'spring'],
    ['2027-03-27', 'spring'],
    ['2027-03-28', 'summer'],
    ['2027-08-31', 'summer'],
    ['2026-04-04', 'spring'],
    ['2026-04-05', 'summer'],
  ])('when the date is %s, then the term is %s', (date, term) => {
    expect(termOf(date).name).toBe(term);
  });
});

describe('fractionOfYearElapsed', () => {
  it.each([
    ['2026-09-01', 1 / 365],
    ['2026-12-31', 122 / 365],
    ['2027-08-31', 1],
    ['2027-09-01', 1 / 366],
    ['2028-02-29', 182 / 366],
  ])('when the date is %s, then the fraction is %d', (date, fraction) => {
    expect(fractionOfYearElapsed(date)).toBeCloseTo(fraction, 10);
  });
});

describe('isInAcademicYear', () => {
  const year = parseAcademicYear('2026/27');
  it.each([
    ['2026-08-31', false],
    ['2026-09-01', true],
    ['2027-08-31', true],
    ['2027-09-01', false],
  ])('when the date is %s, then in 2026/27 is %s', (date, inside) => {
    expect(isInAcademicYear(date, year)).toBe(inside);
  });
});
