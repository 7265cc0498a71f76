import { coverage, NO_CLUSTER, targetDate } from '../../src/domain/coverage.js';
import { parseAcademicYear } from '../../src/domain/academic-year.js';
import type { DatedVisit } from '../../src/domain/visit.js';

// Twelve schools in three clusters and none; a known year of visits (2026/27 unless dated otherwise).
const schools = [
  { urn: '100001', name: 'Ash Primary', cluster: 'North' },
  { urn: '100002', name: 'Beech Primary', cluster: 'North' },
  { urn: '100003', name: 'Cedar Primary', cluster: 'North' },
  { urn: '100004', name: 'Damson Primary', cluster: 'North' },
  { urn: '200001', name: 'Elm Primary', cluster: 'South' },
  { urn: '200002', name: 'Fir Primary', cluster: 'South' },
  { urn: '200003', name: 'Gorse Primary', cluster: 'South' },
  { urn: '200004', name: 'Hazel Primary', cluster: 'South' },
  { urn: '300001', name: 'Ivy Primary', cluster: 'East' },
  { urn: '300002', name: 'Juniper Primary', cluster: 'East' },
  { urn: '400001', name: 'Larch Academy' },
  { urn: '400002', name: 'Maple Academy', cluster: ' ' },
];

const created = '2026-06-01T09:00:00Z';
const visits: DatedVisit[] = [
  { schoolUrn: '100001', status: 'submitted', visitedDate: '2026-10-05', createdAt: created },
  { schoolUrn: '100002', status: 'submitted', visitedDate: '2026-08-31', createdAt: created },
  { schoolUrn: '100003', status: 'declined', declinedAt: '2026-10-10T11:00:00Z', createdAt: created },
  { schoolUrn: '200001', status: 'declined', declinedAt: '2026-09-15T11:00:00Z', createdAt: created },
  { schoolUrn: '200001', status: 'submitted', visitedDate: '2026-11-01', createdAt: created },
  { schoolUrn: '200002', status: 'planned', plannedDate: '2026-12-10', createdAt: created },
  { schoolUrn: '200003', status: 'draft', plannedDate: '2026-06-01', createdAt: created },
  { schoolUrn: '300001', status: 'submitted', visitedDate: '2026-09-01', createdAt: created },
  { schoolUrn: '400001', status: 'submitted', visitedDate: '2026-11-30', createdAt: created },
];

describe('coverage', () => {
  const report = coverage(schools, visits, { asOf: '2026-11-23', suggest: 4 });

  it('when visits are counted, then only this year\'s submitted visits up to today count as visited', () => {
    expect(report).toMatchObject({ academicYear: '2026/27', asOf: '2026-11-23', totalSchools: 12, visited: 3, declined: 1, arranged: 1, contacted: 4 });
    expect(report.visitedFraction).toBeCloseTo(0.25);
  });

  it('when a school declined and was visited later, then it counts as visited; declined schools are listed apart', () => {
    expect(report.declinedSchools).toEqual([{ urn: '100003', name: 'Cedar Primary', cluster: 'North' }]);
  });

  it('when schools are grouped, then each cluster is counted and schools without one come last', () => {
    expect(report.clusters).toEqual([
      { cluster: 'East', schools: 2, visited: 1, declined: 0, arranged: 0, visitedFraction: 0.5, share: 1, belowShare: false },
      { cluster: 'North', schools: 4, visited: 1, declined: 1, arranged: 0, visitedFraction: 0.25, share: 1, belowShare: false },
      { cluster: 'South', schools: 4, visited: 1, declined: 0, arranged: 1, visitedFraction: 0.25, share: 1, belowShare: false },
      { cluster: NO_CLUSTER, schools: 2, visited: 0, declined: 0, arranged: 0, visitedFraction: 0, share: 1, belowShare: true },
    ]);
  });

  it('when the next schools are suggested, then they come from the clusters furthest behind their share, skipping visited, declined and arranged schools', () => {
    // No cluster is one short of its share; then East, North and No cluster are level (South is ahead with an arranged visit).
    expect(report.nextToVisit.map((s) => s.name)).toEqual(['Larch Academy', 'Juniper Primary', 'Beech Primary', 'Maple Academy']);
  });

  it('when 3 of 12 schools are visited (25%) but the schools with no cluster are at zero, then the target is not met and they are named', () => {
    expect(report).toMatchObject({ visited: 3, target: { schools: 3 }, status: 'on track', clustersBelowShare: [NO_CLUSTER] });
  });

  it('when a school has closed, then it is left out of the count, its cluster and the suggestions', () => {
    const closed = coverage([...schools, { urn: '300003', name: 'Aspen Primary', cluster: 'East', status: 'closed' as const }], visits, { asOf: '2026-11-23', suggest: 4 });
    expect(closed.totalSchools).toBe(12);
    expect(closed.clusters.find((c) => c.cluster === 'East')?.schools).toBe(2);
    expect(closed.nextToVisit).toEqual(report.nextToVisit);
  });

  it('when the same data is given in another order, then the suggestions are the same', () => {
    const again = coverage([...schools].reverse(), [...visits].reverse(), { asOf: '2026-11-23', suggest: 4 });
    expect(again.nextToVisit).toEqual(report.nextToVisit);
  });

  it('when more are asked for than are left, then every school not yet contacted is suggested once', () => {
    const all = coverage(schools, visits, { asOf: '2026-11-23', suggest: 50 });
    expect(all.nextToVisit.map((s) => s.urn).sort()).toEqual(['100002', '100004', '200003', '200004', '300002', '400001', '400002']);
  });

  it.each([
    ['25% by 30 June, reached in number but not in one cluster', { fraction: 0.25 }, '2026-11-23', 3, 0, 'on track', 1],
    ['half by 30 June, ahead of the pro-rata share', { fraction: 0.5 }, '2026-11-23', 6, 1, 'on track', 4],
    ['every school by 30 June, level with the pro-rata share', { fraction: 1 }, '2026-11-23', 12, 3, 'on track', 7],
    ['every school by 30 June, behind by March', { fraction: 1 }, '2027-03-01', 12, 7, 'behind', 6],
    ['every school by 30 November, due in full after it', { fraction: 1, by: '2026-11-30' }, '2027-01-10', 12, 12, 'behind', 6],
  ])('when the target is %s, then the status follows', (_what, target, asOf, schoolsNeeded, expectedByNow, status, suggested) => {
    const r = coverage(schools, visits, { asOf, target });
    expect(r.target.schools).toBe(schoolsNeeded);
    expect(r.expectedByNow).toBe(expectedByNow);
    expect(r.status).toBe(status);
    expect(r.nextToVisit).toHaveLength(suggested);
  });

  it('when the year turns on 1 September, then last year\'s visits and refusals no longer count', () => {
    const lastDay = coverage(schools, visits, { asOf: '2027-08-31' });
    const firstDay = coverage(schools, visits, { asOf: '2027-09-01' });
    expect([lastDay.academicYear, lastDay.visited, lastDay.declined]).toEqual(['2026/27', 4, 1]);
    expect([firstDay.academicYear, firstDay.visited, firstDay.declined, firstDay.arranged]).toEqual(['2027/28', 0, 0, 0]);
    expect(firstDay.target.by).toBe('2028-06-30');
  });

  it('when the report runs at 23:30 UTC on 31 August, then London time puts it in the new year', () => {
    expect(coverage(schools, visits, { asOf: '2027-08-31T23:30:00Z' }).academicYear).toBe('2027/28');
  });

  it('when the target is 0%, then it is met and nothing is suggested', () => {
    expect(coverage(schools, visits, { asOf: '2026-11-23', target: { fraction: 0 } })).toMatchObject({ status: 'met', nextToVisit: [] });
  });

  it('when there are no schools, then the target is trivially met', () => {
    expect(coverage([], [], { asOf: '2026-11-23' })).toMatchObject({ totalSchools: 0, visitedFraction: 0, status: 'met', clusters: [], nextToVisit: [] });
  });

  it.each([[-0.1], [1.5], [Number.NaN]])('when the target share is %d, then it is refused', (fraction) => {
    expect(() => coverage(schools, visits, { asOf: '2026-11-23', target: { fraction } })).toThrow(RangeError);
  });
});

describe('coverage with every cluster an equal share', () => {
  // Eight schools in four clusters of two; the target is half of them (4) by 30 June, so one school per cluster.
  const eight = ['North', 'South', 'East', 'West'].flatMap((cluster, c) => [1, 2].map((n) => ({ urn: `${c + 1}0000${n}`, name: `${cluster} ${n}`, cluster })));
  const seen = (...urns: string[]): DatedVisit[] => urns.map((schoolUrn) => ({ schoolUrn, status: 'submitted', visitedDate: '2026-10-01', createdAt: created }));
  const target = { fraction: 0.5, by: '06-30' };

  it.each([
    ['one school in each cluster', seen('100001', '200001', '300001', '400001'), 'met', []],
    ['four schools, but West at zero', seen('100001', '100002', '200001', '300001'), 'behind', ['West']],
    ['four schools, West only declined', [...seen('100001', '100002', '200001', '300001'), { schoolUrn: '400001', status: 'declined' as const, declinedAt: '2026-10-02T10:00:00Z', createdAt: created }], 'behind', ['West']],
    ['five schools, West and East at zero', seen('100001', '100002', '200001', '200002', '100001'), 'behind', ['East', 'West']],
    ['every school in two clusters', seen('100001', '100002', '200001', '200002'), 'behind', ['East', 'West']],
  ])('when, after 30 June, the visits are %s, then the target is %s', (_case, known, status, below) => {
    const r = coverage(eight, known, { asOf: '2027-07-01', target });
    expect(r.target.schools).toBe(4);
    expect(r.clusters.map((c) => c.share)).toEqual([1, 1, 1, 1]);
    expect(r.status).toBe(status);
    expect(r.clustersBelowShare).toEqual(below);
    // The schools to visit next come from the clusters below their share, one each.
    expect(r.nextToVisit.map((s) => s.cluster)).toEqual(below);
  });

  it('when the shares do not divide evenly, then each cluster gets the rounded-up share, never more than it has', () => {
    const small = [...eight, { urn: '500001', name: 'Tiny 1', cluster: 'Tiny' }];
    const r = coverage(small, [], { asOf: '2026-11-23', target: { fraction: 1 } });
    expect(r.clusters.map((c) => [c.cluster, c.share])).toEqual([['East', 2], ['North', 2], ['South', 2], ['Tiny', 1], ['West', 2]]);
  });
});

describe('targetDate', () => {
  const year = parseAcademicYear('2026/27');
  it.each([
    ['07-31', '2027-07-31'],
    ['12-15', '2026-12-15'],
    ['2013-07-01', '2027-07-01'],
    ['02-29', '2027-02-28'],
  ])('when the target is by %s, then in 2026/27 it is %s', (by, expected) => {
    expect(targetDate(year, by)).toBe(expected);
  });

  it('when the target date is not a date, then it is refused', () => {
    expect(() => targetDate(year, 'July')).toThrow(RangeError);
  });
});
