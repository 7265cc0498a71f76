import {
  checkCriterion,
  CRITERION_WORDING,
  DEFAULT_RISK_SCALE,
  EndCriterionSchema,
  isConcernLevel,
  parseRiskScale,
  rapidResponse,
  RiskChangeSchema,
  StartCriterionSchema,
  type RiskCriterion,
} from '../../src/domain/risk.js';
import { InvalidInputError } from '../../src/domain/errors.js';
import type { InspectionOutcome } from '../../src/domain/inspection.js';

const scale = DEFAULT_RISK_SCALE;

describe('the risk scale', () => {
  it.each([
    ['unassessed', false],
    ['low', false],
    ['medium', false],
    ['high', true],
    ['intensive', true],
    ['a level no longer on the scale', false],
  ])('when the level is %s, then causing concern is %s', (level, concern) => {
    expect(isConcernLevel(scale, level)).toBe(concern);
  });

  it('when an organisation configures its own scale and threshold, then they are used', () => {
    const own = parseRiskScale('green; amber ;red;black', 'amber');
    expect(own).toEqual({ levels: ['green', 'amber', 'red', 'black'], concernThreshold: 'amber' });
    expect(isConcernLevel(own, 'amber')).toBe(true);
    expect(isConcernLevel(own, 'green')).toBe(false);
  });

  it.each([
    ['low', 'low', 'at least two levels'],
    ['low;medium;low', 'low', 'named once'],
    ['low;high', 'severe', 'must be one of the levels (low, high)'],
    ['unassessed;low;high', 'high', 'is not a level'],
  ])('when the scale is "%s" with threshold %s, then it is refused: %s', (levels, threshold, message) => {
    expect(() => parseRiskScale(levels, threshold)).toThrow(InvalidInputError);
    expect(() => parseRiskScale(levels, threshold)).toThrow(message);
  });
});

describe('start and end criteria', () => {
  it('then each criterion has wording a user reads', () => {
    for (const c of [...StartCriterionSchema.options, ...EndCriterionSchema.options]) expect(CRITERION_WORDING[c]).toMatch(/^[A-Z].{10,}/);
    expect(StartCriterionSchema.options).toEqual(['ofstedCategory', 'reportCardConcern', 'challengingCircumstances', 'notResponding']);
    expect(EndCriterionSchema.options).toEqual(['goodOutcome', 'circumstancesResolved', 'sustainedImprovement']);
  });

  it.each<[string, string, RiskCriterion | undefined, string | undefined]>([
    ['medium', 'high', 'ofstedCategory', undefined],
    ['unassessed', 'intensive', 'notResponding', undefined],
    ['high', 'intensive', 'challengingCircumstances', undefined],
    ['medium', 'high', undefined, 'Say which start criterion applies'],
    ['medium', 'high', 'goodOutcome', 'needs a start criterion'],
    ['high', 'medium', 'sustainedImprovement', undefined],
    ['intensive', 'low', 'circumstancesResolved', undefined],
    ['high', 'medium', undefined, 'Say which end criterion has been met'],
    ['high', 'low', 'challengingCircumstances', 'needs an end criterion'],
    ['low', 'medium', undefined, undefined],
    ['low', 'medium', 'challengingCircumstances', undefined],
    ['medium', 'low', 'sustainedImprovement', undefined],
    ['medium', 'low', 'notResponding', 'needs an end criterion'],
  ])('when the level goes from %s to %s with %s, then %s', (from, to, criterion, refusal) => {
    const check = () => checkCriterion(scale, from, to, criterion);
    if (refusal) expect(check).toThrow(refusal);
    else expect(check).not.toThrow();
  });
});

describe('rapidResponse: an Ofsted category of concern puts the school on the list at once', () => {
  const school = { urn: '110001', riskLevel: 'medium', causingConcern: false };
  const specialMeasures: InspectionOutcome = { framework: 'legacy', date: '2023-05-10', overall: 'Inadequate', category: 'Special Measures' };
  const rsi: InspectionOutcome = { framework: 'reportCard', date: '2026-01-20', grades: { inclusion: 'urgent improvement' }, safeguardingMet: true, category: 'requires significant improvement' };
  const needsAttention: InspectionOutcome = { framework: 'reportCard', date: '2026-01-20', grades: { inclusion: 'needs attention' }, safeguardingMet: true };
  const ri: InspectionOutcome = { framework: 'legacy', date: '2023-05-10', overall: 'Requires Improvement' };

  it.each([
    ['legacy Special Measures', specialMeasures, 'Special Measures'],
    ['a report card with requires significant improvement', rsi, 'requires significant improvement'],
  ])('when the outcome is %s, then an agreed change to the threshold is applied at once, marked as from the inspection', (_what, outcome, category) => {
    const response = rapidResponse(scale, school, outcome, 'officer-1', '2026-02-01T10:00:00Z');
    expect(response?.school).toEqual({ riskLevel: 'high', causingConcern: true });
    expect(response?.change).toMatchObject({
      schoolUrn: '110001',
      fromLevel: 'medium',
      proposedLevel: 'high',
      criterion: 'ofstedCategory',
      status: 'agreed',
      appliedAt: '2026-02-01T10:00:00Z',
      source: 'inspection',
    });
    expect(response?.change.evidence).toContain(category);
    expect(RiskChangeSchema.safeParse({ ...response!.change, id: 'r1', tenantId: 't', version: 1, createdAt: '2026-02-01T10:00:00Z', updatedAt: '2026-02-01T10:00:00Z' }).success).toBe(true);
  });

  it.each([
    ['Requires Improvement (joins only after dialogue)', ri, school],
    ['a report card with an area at needs attention', needsAttention, school],
    ['Special Measures for a school already on the list', specialMeasures, { ...school, riskLevel: 'intensive', causingConcern: true }],
  ])('when the outcome is %s, then nothing happens at once', (_what, outcome, s) => {
    expect(rapidResponse(scale, s, outcome, 'officer-1', '2026-02-01T10:00:00Z')).toBeUndefined();
  });

  it('when the school is already at a level above the threshold but not yet listed, then it keeps that level', () => {
    expect(rapidResponse(scale, { ...school, riskLevel: 'intensive' }, specialMeasures, 'officer-1', '2026-02-01T10:00:00Z')?.school).toEqual({ riskLevel: 'intensive', causingConcern: true });
  });
});
