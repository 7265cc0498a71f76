import {
  AreaRatingSchema,
  areaIssues,
  healthCheckAreasFor,
  latestHealthCheck,
  nextHealthCheckDue,
  overallRag,
  previousActionFor,
  type AreaRating,
} from '../../src/domain/health-check.js';
import { stagesOf } from '../../src/domain/school-stages.js';

const NINE_WITHOUT_STAGE = [
  'qualityOfEducation',
  'behaviourAndAttitudes',
  'personalDevelopment',
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

describe('healthCheckAreasFor', () => {
  it.each([
    ['a primary school', { phase: 'Primary', hasNursery: false, hasSixthForm: false }, ['earlyYears']],
    ['a secondary with a sixth form', { phase: 'Secondary', hasNursery: false, hasSixthForm: true }, ['sixthForm']],
    ['a secondary without one', { phase: 'Secondary', hasNursery: false, hasSixthForm: false }, []],
    ['an all-through school with a sixth form', { phase: 'All-through', hasNursery: true, hasSixthForm: true }, ['earlyYears', 'sixthForm']],
  ])('when it is %s, then the areas are the eight fixed ones plus %j', (_name, school, stageAreas) => {
    const ids = healthCheckAreasFor(school).map((a) => a.id);
    expect(ids.filter((id) => !NINE_WITHOUT_STAGE.includes(id))).toEqual(stageAreas);
    expect(ids.filter((id) => NINE_WITHOUT_STAGE.includes(id))).toEqual(NINE_WITHOUT_STAGE);
  });

  it('when listed, then they keep the policy order with the stage area after personal development', () => {
    const ids = healthCheckAreasFor({ phase: 'Primary', hasNursery: false, hasSixthForm: false }).map((a) => a.id);
    expect(ids.indexOf('earlyYears')).toBe(ids.indexOf('personalDevelopment') + 1);
    expect(ids).toHaveLength(9);
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
  const secondary = healthCheckAreasFor({ phase: 'Secondary', hasNursery: false, hasSixthForm: false });
  const rated = (extra: Partial<AreaRating> = {}) => secondary.map((a) => ({ area: a.id, ...extra }));

  it('when every area the school has is rated once, then there is no issue', () => {
    expect(areaIssues(rated(), secondary, undefined)).toEqual([]);
  });

  it('when an area is missing or does not apply, then each is named', () => {
    const ratings = [...rated().filter((r) => r.area !== 'safeguarding'), { area: 'sixthForm' as const }];
    expect(areaIssues(ratings, secondary, undefined).map((i) => [i.area, i.field])).toEqual([
      ['sixthForm', 'rating'],
      ['safeguarding', 'rating'],
    ]);
  });

  it('when the last check required an action, then its impact must be judged for that area alone', () => {
    const previous = { areas: [{ area: 'internalAudit' as const, rating: 'red' as const, evidence: 'x', requiredAction: 'Fix it' }] };
    expect(areaIssues(rated(), secondary, previous).map((i) => [i.area, i.field])).toEqual([['internalAudit', 'impactOfLastActions']]);
    const judged = rated().map((r) => (r.area === 'internalAudit' ? { ...r, impactOfLastActions: 'Done, verified' } : r));
    expect(areaIssues(judged, secondary, previous)).toEqual([]);
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
