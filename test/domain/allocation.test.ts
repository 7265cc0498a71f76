import { ALLOCATION_WEIGHTS, suggestAllocation, type AllocationSchool } from '../../src/domain/allocation.js';
import { parseRiskScale } from '../../src/domain/risk.js';

/** A known data set: four open schools and a closed one, their risk, latest inspection and visits behind. */
const schools: AllocationSchool[] = [
  { urn: '110001', name: 'Ash Primary', riskLevel: 'intensive', inspections: [{ framework: 'legacy', date: '2024-02-01', overall: 'Inadequate', category: 'Special Measures' }] },
  {
    urn: '110002',
    name: 'Beech Primary',
    riskLevel: 'high',
    inspections: [
      { framework: 'legacy', date: '2019-03-14', overall: 'Good' },
      { framework: 'reportCard', date: '2026-01-20', grades: { inclusion: 'needs attention', achievement: 'urgent improvement', 'curriculum and teaching': 'expected standard' }, safeguardingMet: true },
    ],
  },
  { urn: '110003', name: 'Cedar Primary', riskLevel: 'medium', inspections: [{ framework: 'legacy', date: '2022-05-10', overall: 'Good' }] },
  { urn: '110004', name: 'Damson Primary', riskLevel: 'low', inspections: [] },
  { urn: '110005', name: 'Elder Primary (closed)', riskLevel: 'intensive', inspections: [], status: 'closed' },
];
const shortfalls = { '110001': 2, '110003': 1 };

describe('suggestAllocation: officer time in inverse proportion to success', () => {
  it('when 20 officer days are shared on the known data set, then each school gets its share in half days, adding up to 20', () => {
    const { rows } = suggestAllocation(schools, { officerDays: 20, shortfalls });
    expect(rows.map((r) => [r.name, r.need, r.days])).toEqual([
      // need: base 1 + risk 5 + special measures 4 + 2 visits behind 1 = 11 of 21 → 10.48 days
      ['Ash Primary', 11, 10.5],
      // 1 + high 3 + one area needs attention 0.5 + one urgent improvement 1 = 5.5 → 5.24
      ['Beech Primary', 5.5, 5],
      // 1 + medium 1 + Good 0 + 1 visit behind 0.5 = 2.5 → 2.38
      ['Cedar Primary', 2.5, 2.5],
      // 1 + low 0 + no inspection 1 = 2 → 1.90
      ['Damson Primary', 2, 2],
    ]);
    expect(rows.reduce((sum, r) => sum + r.days, 0)).toBe(20);
  });

  it('then each row says why, in words', () => {
    const { rows } = suggestAllocation(schools, { officerDays: 20, shortfalls });
    expect(rows.find((r) => r.urn === '110001')?.reasons).toEqual(['risk intensive', 'Ofsted 1 Feb 2024: Special Measures', '2 visits behind']);
    expect(rows.find((r) => r.urn === '110002')?.reasons).toEqual(['risk high', 'report card 20 Jan 2026: 1 area urgent improvement, 1 area needs attention']);
    expect(rows.find((r) => r.urn === '110004')?.reasons).toEqual(['risk low', 'no inspection on record']);
  });

  it.each([
    [0, [0, 0, 0, 0]],
    [1, [0.5, 0.5, 0, 0]],
    // 14 half days: 7.33, 3.67, 1.67, 1.33; the two left over go to the largest remainders (Beech and Cedar, tied: the greater need first).
    [7.25, [3.5, 2, 1, 0.5]],
  ])('when %s days are available, then the shares are %j and never exceed them', (days, shares) => {
    const { rows } = suggestAllocation(schools, { officerDays: days, shortfalls });
    expect(rows.map((r) => r.days)).toEqual(shares);
    expect(rows.reduce((sum, r) => sum + r.days, 0)).toBeLessThanOrEqual(days);
  });

  it('when the organisation uses its own scale, then a level is weighted by its place on it', () => {
    const scale = parseRiskScale('green;amber;red', 'amber');
    const { rows } = suggestAllocation([{ urn: '120001', name: 'X', riskLevel: 'amber', inspections: [] }], { officerDays: 1, scale });
    expect(rows[0]!.parts.risk).toBe(ALLOCATION_WEIGHTS.topRisk / 2);
  });
});
