import { coverage } from '../../src/domain/coverage.js';
import { DEFAULT_PROGRAMMES, programmeOf, programmeSchools, programmeVisits, type ProgrammeId } from '../../src/domain/coverage-programme.js';
import type { VisitType } from '../../src/domain/agenda-template.js';
import type { DatedVisit } from '../../src/domain/visit.js';

// Eight schools in two clusters; two partnerships; one visit of each kind, and a visit to a partnership as a whole.
const schools = [
  { urn: '100001', name: 'Ash Primary', cluster: 'North', governance: 'maintained' as const, partnerships: ['Learning Together'] },
  { urn: '100002', name: 'Beech Primary', cluster: 'North', governance: 'maintained' as const, partnerships: ['Learning Together'] },
  { urn: '100003', name: 'Cedar Academy', cluster: 'North', governance: 'academy' as const, partnerships: [] },
  { urn: '100004', name: 'Damson Primary', cluster: 'North', governance: 'maintained' as const, partnerships: [] },
  { urn: '200001', name: 'Elm Academy', cluster: 'South', governance: 'academy' as const, partnerships: ['Rural'] },
  { urn: '200002', name: 'Fir Primary', cluster: 'South', governance: 'maintained' as const, partnerships: ['Rural'] },
  { urn: '200003', name: 'Gorse Primary', cluster: 'South', governance: 'maintained' as const, partnerships: [] },
  { urn: '200004', name: 'Hazel Academy', cluster: 'South', governance: 'academy' as const, partnerships: [] },
];
const created = '2026-06-01T09:00:00Z';
const visit = (visitType: VisitType, schoolUrn: string | undefined, partnership?: string): DatedVisit => ({ visitType, schoolUrn, partnership, status: 'submitted', visitedDate: '2026-10-01', createdAt: created });
const visits = [
  visit('sacre', '100001'),
  visit('support', '100002'),
  visit('support', '200001'),
  visit('annual', '200002'),
  visit('partnership', undefined, 'Rural'),
  visit('partnership', '100001', 'Learning Together'),
  visit('other', '200003'),
];

const visitedFor = (id: ProgrammeId) => {
  const p = programmeOf(id);
  return coverage(programmeSchools(p, schools), programmeVisits(p, visits, schools), { asOf: '2026-11-23', target: p.target });
};

describe('coverage programmes', () => {
  it.each([
    ['sacre', 8, 1, 2, ['North']],
    ['support', 8, 2, 8, ['North', 'South']],
    ['annual', 8, 1, 8, ['South']],
    ['partnership', 4, 3, 4, ['North', 'South', 'South']],
  ] as const)('when %s coverage is reported, then only its own visits count, against its own schools and target', (id, totalSchools, visited, target, visitedClusters) => {
    const r = visitedFor(id);
    expect(r.totalSchools).toBe(totalSchools);
    expect(r.visited).toBe(visited);
    expect(r.target.schools).toBe(target);
    expect(r.clusters.flatMap((c) => Array(c.visited).fill(c.cluster))).toEqual(visitedClusters);
  });

  it("when SACRE coverage is reported, then the SIT's and the LA's visits do not count toward the SACRE's 25%", () => {
    const r = visitedFor('sacre');
    expect(r).toMatchObject({ visited: 1, target: { fraction: 0.25, schools: 2 }, clustersBelowShare: ['South'] });
    expect(r.nextToVisit.map((s) => s.name)).toEqual(['Elm Academy']);
  });

  it('when a partnership was visited as a whole, then each of its schools counts as covered for the partnership programme', () => {
    const p = programmeOf('partnership');
    expect(programmeVisits(p, visits, schools).map((v) => v.schoolUrn).sort()).toEqual(['100001', '200001', '200002']);
  });

  it.each([
    ['all', 8],
    ['maintained', 5],
    ['academies', 3],
    ['partnerships', 4],
  ] as const)('when a programme is for %s schools, then its population is %d', (population, n) => {
    expect(programmeSchools({ population }, schools)).toHaveLength(n);
  });

  it('when settings are given, then they override the defaults one by one', () => {
    expect(programmeOf('annual', { targetPercent: 50, population: 'maintained' })).toMatchObject({ target: { fraction: 0.5, by: DEFAULT_PROGRAMMES.annual.target.by }, population: 'maintained' });
    expect(programmeOf('sacre').target).toEqual({ fraction: 0.25, by: '06-30' });
  });
});
