import {
  DEFAULT_REPORT_CARD_AREAS,
  isCategoryOfConcern,
  isGoodOutcome,
  reportCardAreasFor,
  reportCardInspection,
  startCriterionOf,
  type InspectionOutcome,
} from '../../src/domain/inspection.js';
import { InvalidInputError } from '../../src/domain/errors.js';

const expected = (overrides: Record<string, string> = {}) =>
  Object.fromEntries(['inclusion', 'curriculum and teaching', 'achievement'].map((a) => [a, overrides[a] ?? 'expected standard'])) as Record<string, never>;
const reportCard = (o: { grades?: Record<string, string>; safeguardingMet?: boolean; category?: 'requires significant improvement' | 'special measures' } = {}): InspectionOutcome => ({
  framework: 'reportCard',
  date: '2026-01-20',
  grades: expected(o.grades),
  safeguardingMet: o.safeguardingMet ?? true,
  ...(o.category ? { category: o.category } : {}),
});
const legacy = (overall: 'Outstanding' | 'Good' | 'Requires Improvement' | 'Inadequate', category?: 'Serious Weaknesses' | 'Special Measures'): InspectionOutcome => ({
  framework: 'legacy',
  date: '2023-05-10',
  overall,
  ...(category ? { category } : {}),
});

describe('startCriterionOf, isCategoryOfConcern and isGoodOutcome, each framework on its own terms', () => {
  it.each<[string, InspectionOutcome, string | undefined, boolean, boolean]>([
    ['legacy Outstanding', legacy('Outstanding'), undefined, false, true],
    ['legacy Good', legacy('Good'), undefined, false, true],
    ['legacy Requires Improvement', legacy('Requires Improvement'), 'ofstedCategory', false, false],
    ['legacy Inadequate, Serious Weaknesses', legacy('Inadequate', 'Serious Weaknesses'), 'ofstedCategory', true, false],
    ['legacy Inadequate, Special Measures', legacy('Inadequate', 'Special Measures'), 'ofstedCategory', true, false],
    ['report card, all expected standard', reportCard(), undefined, false, true],
    ['report card, one area strong standard', reportCard({ grades: { achievement: 'strong standard' } }), undefined, false, true],
    ['report card, one area needs attention', reportCard({ grades: { inclusion: 'needs attention' } }), 'reportCardConcern', false, false],
    ['report card, one area urgent improvement', reportCard({ grades: { achievement: 'urgent improvement' } }), 'reportCardConcern', false, false],
    ['report card, safeguarding not met', reportCard({ safeguardingMet: false }), 'reportCardConcern', false, false],
    ['report card, requires significant improvement', reportCard({ grades: { inclusion: 'urgent improvement' }, category: 'requires significant improvement' }), 'ofstedCategory', true, false],
    ['report card, special measures', reportCard({ safeguardingMet: false, category: 'special measures' }), 'ofstedCategory', true, false],
  ])('when the outcome is %s, then the start criterion is %s, category of concern %s, good %s', (_what, outcome, criterion, category, good) => {
    expect(startCriterionOf(outcome)).toBe(criterion);
    expect(isCategoryOfConcern(outcome)).toBe(category);
    expect(isGoodOutcome(outcome)).toBe(good);
  });
});

describe('reportCardInspection: areas are configuration', () => {
  const primary = { phase: 'Primary', hasNursery: false, hasSixthForm: false };
  const areas = ['inclusion', 'curriculum and teaching', 'achievement', 'early years', 'sixth form'];
  const grades = { inclusion: 'strong standard', 'curriculum and teaching': 'expected standard', achievement: 'needs attention', 'early years': 'expected standard' } as const;

  it('when every area the school has is graded, then the report card is recorded with its areas, safeguarding and category', () => {
    expect(reportCardInspection({ date: '2026-02-03', grades, safeguardingMet: true }, primary, areas, '2026-03-01')).toEqual({
      framework: 'reportCard',
      date: '2026-02-03',
      grades,
      safeguardingMet: true,
    });
  });

  it.each([
    ['an area is left ungraded', { date: '2026-02-03', grades: { inclusion: 'strong standard' } }, 'no grade yet for: curriculum and teaching, achievement, early years'],
    ['a sixth form is graded at a primary', { date: '2026-02-03', grades: { ...grades, 'sixth form': 'strong standard' } }, 'not graded on: sixth form'],
    ['the date is before report cards began', { date: '2025-11-09', grades }, '10 November 2025'],
    ['the date is in the future', { date: '2026-03-02', grades }, 'in the future'],
  ])('when %s, then it is refused naming why', (_what, input, message) => {
    const attempt = () => reportCardInspection({ safeguardingMet: true, ...input } as never, primary, areas, '2026-03-01');
    expect(attempt).toThrow(InvalidInputError);
    expect(attempt).toThrow(message);
  });

  it('when the configured list changes, then the new list is the one checked', () => {
    expect(reportCardAreasFor(primary, ['reading', 'early years', 'sixth form'])).toEqual(['reading', 'early years']);
    expect(reportCardAreasFor({ phase: 'Secondary', hasNursery: false, hasSixthForm: true })).toEqual(DEFAULT_REPORT_CARD_AREAS.filter((a) => a !== 'early years'));
  });
});
