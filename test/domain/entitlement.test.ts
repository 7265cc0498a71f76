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

const statusOf = (asOf: string) => Object.fromEntries(entitlement(schools, visits, { asOf, defaultEntitlement: 6 }).schools.map((s) => [s.name, [s.made, s.expectedSoFar, s.status]]));

describe('entitlement', () => {
  it('when a school has closed, then it is left out', () => {
    const r = entitlement([...schools, { urn: '100006', name: 'Fir Primary', visitEntitlement: 6, status: 'closed' as const }], visits, { asOf: '2026-11-23', defaultEntitlement: 6 });
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
    const r = entitlement(schools, visits, { asOf: '2027-08-31', defaultEntitlement: 6 });
    expect(r.fractionElapsed).toBe(1);
    expect(r.behind.map((s) => [s.name, s.shortfall])).toEqual([
      ['Beech Primary', 6],
      ['Ash Primary', 4],
      ['Damson Primary', 3],
    ]);
  });

  it('when the year turns on 1 September, then last year\'s visits no longer count and nothing is due yet', () => {
    const r = entitlement(schools, visits, { asOf: '2027-09-01', defaultEntitlement: 6 });
    expect(r.academicYear).toBe('2027/28');
    expect(r.schools.every((s) => s.made === 0 && s.expectedSoFar === 0 && s.status !== 'behind')).toBe(true);
  });

  it('when the report runs on 31 August 2026, then the visit that day counts in 2025/26', () => {
    const r = entitlement(schools, visits, { asOf: '2026-08-31', defaultEntitlement: 6 });
    expect(r.academicYear).toBe('2025/26');
    expect(r.schools.find((s) => s.urn === '100002')!.made).toBe(1);
  });

  it('when a school is entitled to no visits, then it is never behind', () => {
    for (const asOf of ['2026-09-01', '2027-03-01', '2027-08-31']) {
      expect(entitlement(schools, visits, { asOf, defaultEntitlement: 6 }).behind.map((s) => s.urn)).not.toContain('100003');
    }
  });
});

describe('entitlement with the organisation default', () => {
  // The register gives a number for two schools only; the rest take the organisation's default.
  const register = [
    { urn: '100001', name: 'Ash Primary' },
    { urn: '100002', name: 'Beech Primary', visitEntitlement: 3 },
    { urn: '100003', name: 'Cedar Academy', visitEntitlement: 0 },
  ];
  const seenAt = (schoolUrn: string | undefined, visitedDate: string, partnership?: string): DatedVisit => ({ schoolUrn, partnership, status: 'submitted', visitedDate, createdAt: created });
  const known = [seenAt('100001', '2026-10-01'), seenAt(undefined, '2026-10-02', 'Learning Together'), seenAt('100002', '2026-10-03', 'Learning Together')];

  it.each([
    ['a trust (six a year)', 6, { 'Ash Primary': [6, 'behind'], 'Beech Primary': [3, 'on track'], 'Cedar Academy': [0, 'met'] }],
    ['an LA whose maintained schools have none', 0, { 'Ash Primary': [0, 'met'], 'Beech Primary': [3, 'on track'], 'Cedar Academy': [0, 'met'] }],
    ['an LA giving two', 2, { 'Ash Primary': [2, 'on track'], 'Beech Primary': [3, 'on track'], 'Cedar Academy': [0, 'met'] }],
  ])('when the default is that of %s, then each school is judged by its own number or the default', (_who, defaultEntitlement, expected) => {
    const r = entitlement(register, known, { asOf: '2027-01-15', defaultEntitlement });
    expect(Object.fromEntries(r.schools.map((s) => [s.name, [s.entitlement, s.status]]))).toEqual(expected);
  });

  it('when a school is entitled to none (0), then it is never behind, on any day of the year', () => {
    for (const asOf of ['2026-09-01', '2027-01-15', '2027-08-31']) {
      const behind = entitlement(register, [], { asOf, defaultEntitlement: 0 }).behind.map((s) => s.name);
      expect(behind).not.toContain('Ash Primary');
      expect(behind).not.toContain('Cedar Academy');
    }
    expect(entitlement(register, [], { asOf: '2027-08-31', defaultEntitlement: 0 }).behind.map((s) => s.name)).toEqual(['Beech Primary']);
  });

  it('when a partnership visit saw a school, then it counts for that school only; a visit to the partnership as a whole counts for none', () => {
    const made = Object.fromEntries(entitlement(register, known, { asOf: '2027-01-15', defaultEntitlement: 6 }).schools.map((s) => [s.name, s.made]));
    expect(made).toEqual({ 'Ash Primary': 1, 'Beech Primary': 1, 'Cedar Academy': 0 });
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
