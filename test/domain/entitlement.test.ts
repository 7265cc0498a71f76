import { entitlement, entitlementStatus } from '../../src/domain/entitlement.js';
import type { DatedVisit } from '../../src/domain/visit.js';

const schools = [
  { urn: '100001', name: 'Ash Primary', cluster: 'North', visitEntitlement: 6 },
  { urn: '100002', name: 'Beech Primary', cluster: 'North', visitEntitlement: 6 },
  { urn: '100003', name: 'Cedar Nursery', cluster: 'South', visitEntitlement: 0 },
  { urn: '100004', name: 'Damson Primary', cluster: 'South', visitEntitlement: 3 },
  { urn: '100005', name: 'Elm Academy', visitEntitlement: 6 },
];

const created = '2026-06-01T09:00:00Z';
const submitted = (schoolUrn: string, visitedDate: string): DatedVisit => ({ schoolUrn, status: 'submitted', visitedDate, createdAt: created });
const visits: DatedVisit[] = [
  submitted('100001', '2026-09-10'),
  submitted('100001', '2026-11-02'),
  submitted('100002', '2026-08-31'),
  { schoolUrn: '100002', status: 'declined', declinedAt: '2026-10-01T10:00:00Z', createdAt: created },
  { schoolUrn: '100002', status: 'planned', plannedDate: '2026-11-20', createdAt: created },
  { schoolUrn: '100002', status: 'draft', visitedDate: '2026-11-21', createdAt: created },
  ...['2026-09-02', '2026-09-20', '2026-10-04', '2026-10-18', '2026-11-01', '2026-11-15'].map((d) => submitted('100005', d)),
];

const statusOf = (asOf: string) => Object.fromEntries(entitlement(schools, visits, { asOf }).schools.map((s) => [s.name, [s.made, s.expectedSoFar, s.status]]));

describe('entitlement', () => {
  it('when a school has closed, then it is left out', () => {
    const r = entitlement([...schools, { urn: '100006', name: 'Fir Primary', visitEntitlement: 6, status: 'closed' as const }], visits, { asOf: '2026-11-23' });
    expect(r.schools.map((s) => s.name)).not.toContain('Fir Primary');
    expect(r.behind.map((s) => s.name)).toEqual(['Beech Primary']);
  });

  it('when it is 23 November, then each school is met, on track or behind by its own entitlement', () => {
    expect(statusOf('2026-11-23')).toEqual({
      'Ash Primary': [2, 1, 'on track'],
      'Beech Primary': [0, 1, 'behind'],
      'Cedar Nursery': [0, 0, 'met'],
      'Damson Primary': [0, 0, 'on track'],
      'Elm Academy': [6, 1, 'met'],
    });
  });

  it('when it is the last day of the year, then the whole entitlement is due and the schools behind are listed by shortfall', () => {
    const r = entitlement(schools, visits, { asOf: '2027-08-31' });
    expect(r.fractionElapsed).toBe(1);
    expect(r.behind.map((s) => [s.name, s.shortfall])).toEqual([
      ['Beech Primary', 6],
      ['Ash Primary', 4],
      ['Damson Primary', 3],
    ]);
  });

  it('when the year turns on 1 September, then last year\'s visits no longer count and nothing is due yet', () => {
    const r = entitlement(schools, visits, { asOf: '2027-09-01' });
    expect(r.academicYear).toBe('2027/28');
    expect(r.schools.every((s) => s.made === 0 && s.expectedSoFar === 0 && s.status !== 'behind')).toBe(true);
  });

  it('when the report runs on 31 August 2026, then the visit that day counts in 2025/26', () => {
    const r = entitlement(schools, visits, { asOf: '2026-08-31' });
    expect(r.academicYear).toBe('2025/26');
    expect(r.schools.find((s) => s.urn === '100002')!.made).toBe(1);
  });

  it('when a school is entitled to no visits, then it is never behind', () => {
    for (const asOf of ['2026-09-01', '2027-03-01', '2027-08-31']) {
      expect(entitlement(schools, visits, { asOf }).behind.map((s) => s.urn)).not.toContain('100003');
    }
  });
});

describe('entitlementStatus', () => {
  it.each([
    [6, 0, 1 / 365, 0, 'on track'],
    [6, 0, 61 / 365, 1, 'behind'],
    [6, 1, 61 / 365, 1, 'on track'],
    [6, 5, 1, 6, 'behind'],
    [6, 6, 0.5, 3, 'met'],
    [6, 7, 0.5, 3, 'met'],
    [0, 0, 1, 0, 'met'],
    [12, 5, 0.5, 6, 'behind'],
  ])('when entitled to %i with %i made and %d of the year gone, then %i are due and it is %s', (ent, made, fraction, due, status) => {
    expect(entitlementStatus(ent, made, fraction)).toMatchObject({ expectedSoFar: due, status });
  });
});
