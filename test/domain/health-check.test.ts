import {
  AreaRatingSchema,
  areaIssues,
  HEALTH_CHECK_AREAS,
  HealthCheckSchema,
  healthCheckAreaTitle,
  latestHealthCheck,
  nextHealthCheckDue,
  overallRag,
  previousActionFor,
  ratedAreas,
  suggestedStageChoice,
  type AreaRating,
} from '../../src/domain/health-check.js';
import { stagesOf } from '../../src/domain/school-stages.js';

// The nine areas of the trust's policy, in its order: the early years or sixth form is one area.
const NINE = [
  'qualityOfEducation',
  'behaviourAndAttitudes',
  'personalDevelopment',
  'earlyYearsOrSixthForm',
  'leadershipAndManagement',
  'healthAndSafety',
  'internalAudit',
  'financialControls',
  'safeguarding',
];

describe('stagesOf', () => {
  it.each([
    ['Primary', false, false, { earlyYears: true, sixthForm: false }],
    ['Nursery', false, false, { earlyYears: true, sixthForm: false }],
    ['Secondary', false, false, { earlyYears: false, sixthForm: false }],
    ['Secondary', false, true, { earlyYears: false, sixthForm: true }],
    ['16 plus', false, false, { earlyYears: false, sixthForm: true }],
    ['All-through', false, true, { earlyYears: true, sixthForm: true }],
    ['Middle deemed primary', false, false, { earlyYears: false, sixthForm: false }],
    ['Secondary', true, false, { earlyYears: true, sixthForm: false }],
  ])('when the phase is %s (nursery %s, sixth form %s), then the stages are %j', (phase, hasNursery, hasSixthForm, expected) => {
    expect(stagesOf({ phase, hasNursery, hasSixthForm })).toEqual(expected);
  });
});

describe('the nine areas', () => {
  it('when listed, then they are the policy\'s nine, the early years or sixth form one area after personal development', () => {
    expect(HEALTH_CHECK_AREAS.map((a) => a.id)).toEqual(NINE);
    expect(HEALTH_CHECK_AREAS[3]!.title).toBe('Early years or sixth form');
  });

  it.each([
    ['a primary school', { phase: 'Primary', hasNursery: false, hasSixthForm: false }, 'earlyYears'],
    ['a secondary with a sixth form', { phase: 'Secondary', hasNursery: false, hasSixthForm: true }, 'sixthForm'],
    ['a secondary without one', { phase: 'Secondary', hasNursery: false, hasSixthForm: false }, 'notApplicable'],
    ['an all-through school with a sixth form (the officer picks)', { phase: 'All-through', hasNursery: true, hasSixthForm: true }, undefined],
  ])('when it is %s, then the form suggests %s', (_name, school, expected) => {
    expect(suggestedStageChoice(school)).toBe(expected);
  });

  it.each([
    ['earlyYears', 9, 'Early years or sixth form: early years'],
    ['sixthForm', 9, 'Early years or sixth form: sixth form'],
    ['notApplicable', 8, 'Early years or sixth form'],
  ] as const)('when the officer picks %s, then %d areas are rated and the area reads "%s"', (stage, count, title) => {
    expect(ratedAreas(stage)).toHaveLength(count);
    expect(healthCheckAreaTitle('earlyYearsOrSixthForm', stage)).toBe(title);
  });

  it('when a check filed before the area was one is read, then its early years and sixth form ratings still read, under their own titles', () => {
    const earlier = HealthCheckSchema.safeParse({
      id: 'hc', tenantId: 't', version: 1, createdAt: '2025-11-20T10:00:00Z', updatedAt: '2025-11-20T10:00:00Z',
      urn: '100001', heldOn: '2025-11-20', officerId: 'p', status: 'acknowledged', submittedAt: '2025-11-20T10:00:00Z',
      areas: [{ area: 'earlyYears', rating: 'amber', evidence: 'x', requiredAction: 'Outdoor provision' }, { area: 'sixthForm', rating: 'green', evidence: 'y' }],
    });
    expect(earlier.success).toBe(true);
    expect(healthCheckAreaTitle('sixthForm')).toBe('Sixth form');
    expect(previousActionFor(earlier.data, 'earlyYearsOrSixthForm')).toBe('Outdoor provision');
  });
});

describe('AreaRatingSchema (the RAG rule)', () => {
  it.each([
    ['green', undefined, true],
    ['green', '', true],
    ['amber', 'Review the attendance policy', true],
    ['amber', undefined, false],
    ['amber', '   ', false],
    ['red', undefined, false],
    ['red', 'Commission an external audit', true],
  ])('when rated %s with action %j, then valid is %s', (rating, requiredAction, valid) => {
    const r = AreaRatingSchema.safeParse({ area: 'internalAudit', rating, evidence: 'Audit report July', requiredAction });
    expect(r.success).toBe(valid);
    if (!r.success) expect(r.error.issues[0]!.path).toEqual(['requiredAction']);
  });

  it('when the evidence is blank, then the rating is refused naming the evidence', () => {
    const r = AreaRatingSchema.safeParse({ area: 'safeguarding', rating: 'green', evidence: ' ' });
    expect(r.success || r.error.issues.map((i) => i.path.join('.'))).toEqual(['evidence']);
  });
});

describe('areaIssues', () => {
  const rated = (stage: 'earlyYears' | 'sixthForm' | 'notApplicable' = 'sixthForm', extra: Partial<AreaRating> = {}) => ratedAreas(stage).map((a) => ({ area: a.id, ...extra }));

  it.each([
    ['sixth form, all nine rated', 'sixthForm', rated('sixthForm'), []],
    ['early years, all nine rated', 'earlyYears', rated('earlyYears'), []],
    ['not applicable, the other eight rated', 'notApplicable', rated('notApplicable'), []],
    ['not applicable, but it is rated too', 'notApplicable', rated('sixthForm'), [['earlyYearsOrSixthForm', 'rating']]],
    ['no choice made', undefined, rated('notApplicable'), [['earlyYearsOrSixthForm', 'applies']]],
    ['sixth form, but it is not rated', 'sixthForm', rated('notApplicable'), [['earlyYearsOrSixthForm', 'rating']]],
    ['sixth form, safeguarding missing and an old area rated', 'sixthForm', [...rated('sixthForm').filter((r) => r.area !== 'safeguarding'), { area: 'sixthForm' as const }], [['sixthForm', 'rating'], ['safeguarding', 'rating']]],
  ] as const)('when the choice is %s, then the issues are %j', (_case, stage, ratings, expected) => {
    expect(areaIssues(ratings, stage, undefined).map((i) => [i.area, i.field])).toEqual(expected);
  });

  it('when the last check required an action, then its impact must be judged for that area alone', () => {
    const previous = { areas: [{ area: 'internalAudit' as const, rating: 'red' as const, evidence: 'x', requiredAction: 'Fix it' }] };
    expect(areaIssues(rated(), 'sixthForm', previous).map((i) => [i.area, i.field])).toEqual([['internalAudit', 'impactOfLastActions']]);
    const judged = rated().map((r) => (r.area === 'internalAudit' ? { ...r, impactOfLastActions: 'Done, verified' } : r));
    expect(areaIssues(judged, 'sixthForm', previous)).toEqual([]);
    expect(previousActionFor(previous, 'internalAudit')).toBe('Fix it');
    expect(previousActionFor(previous, 'safeguarding')).toBeUndefined();
  });
});

describe('dates and headlines', () => {
  it('when a check was held, then the next falls due a year later', () => {
    expect(nextHealthCheckDue('2025-11-20')).toBe('2026-11-20');
  });

  it('when there are several checks, then the latest held is the one followed on from', () => {
    const checks = [
      { id: 'a', heldOn: '2025-10-01', submittedAt: '2025-10-01T10:00:00Z' },
      { id: 'b', heldOn: '2026-03-01', submittedAt: '2026-03-01T10:00:00Z' },
      { id: 'c', heldOn: '2026-03-01', submittedAt: '2026-03-02T10:00:00Z' },
    ];
    expect(latestHealthCheck(checks)?.id).toBe('c');
    expect(latestHealthCheck([])).toBeUndefined();
  });

  it.each([
    [['green', 'green'], 'green'],
    [['green', 'amber'], 'amber'],
    [['amber', 'red', 'green'], 'red'],
  ] as const)('when the ratings are %j, then the headline is %s', (ratings, expected) => {
    expect(overallRag(ratings.map((rating) => ({ rating })))).toBe(expected);
  });
});
