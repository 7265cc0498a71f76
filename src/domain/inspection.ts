import { z } from 'zod/v4';
import { IsoDateSchema } from './iso-date.js';
import { InvalidInputError } from './errors.js';
import { stagesOf, type SchoolStages, type StagedSchool } from './school-stages.js';

/**
 * Ofsted outcomes under both frameworks, kept side by side in one history and never converted into
 * each other: single-word judgements before September 2024, report cards from 10 November 2025.
 */
export const LegacyGradeSchema = z.enum(['Outstanding', 'Good', 'Requires Improvement', 'Inadequate']);
export const LegacyInadequateCategorySchema = z.enum(['Serious Weaknesses', 'Special Measures']);

export const ReportCardGradeSchema = z.enum(['exceptional', 'strong standard', 'expected standard', 'needs attention', 'urgent improvement']);
export type ReportCardGrade = z.infer<typeof ReportCardGradeSchema>;

/** The report-card areas; configuration, since Ofsted may change the list. Early years and sixth form only where present. */
export const DEFAULT_REPORT_CARD_AREAS = [
  'inclusion',
  'curriculum and teaching',
  'achievement',
  'attendance and behaviour',
  'personal development and well-being',
  'leadership and governance',
  'early years',
  'sixth form',
] as const;

export const ReportCardCategorySchema = z.enum(['requires significant improvement', 'special measures']);

export const LegacyInspectionSchema = z.object({
  framework: z.literal('legacy'),
  date: IsoDateSchema,
  overall: LegacyGradeSchema,
  category: LegacyInadequateCategorySchema.optional(),
});

export const ReportCardInspectionSchema = z.object({
  framework: z.literal('reportCard'),
  date: IsoDateSchema,
  grades: z.record(z.string(), ReportCardGradeSchema),
  safeguardingMet: z.boolean(),
  category: ReportCardCategorySchema.optional(),
});

export const InspectionOutcomeSchema = z.discriminatedUnion('framework', [LegacyInspectionSchema, ReportCardInspectionSchema]);
export type InspectionOutcome = z.infer<typeof InspectionOutcomeSchema>;

/**
 * The start criteria an inspection outcome can meet (Rutland plan 4.5): an Ofsted category (Requires Improvement,
 * Serious Weaknesses, Special Measures, or a report card's category of concern) or, under report cards, any area
 * graded needs attention or urgent improvement, or safeguarding not met. The other start criteria (challenging
 * circumstances, not responding to support) are officers' judgements, never read off an inspection.
 */
export type InspectionStartCriterion = 'ofstedCategory' | 'reportCardConcern';

/** Report-card grades that put an area below the expected standard. */
export const REPORT_CARD_CONCERN_GRADES: readonly ReportCardGrade[] = ['needs attention', 'urgent improvement'];

/**
 * Which start criterion an outcome meets, if any. Each framework is read on its own terms and never converted:
 * a legacy Requires Improvement or Inadequate judgement is an Ofsted category; a report card with a category of
 * concern is too; otherwise a report card meets the report-card criterion when safeguarding is not met or any area
 * is graded needs attention or urgent improvement.
 */
export function startCriterionOf(o: InspectionOutcome): InspectionStartCriterion | undefined {
  if (o.framework === 'legacy') return o.overall === 'Requires Improvement' || o.overall === 'Inadequate' ? 'ofstedCategory' : undefined;
  if (o.category) return 'ofstedCategory';
  const below = Object.values(o.grades).some((g) => REPORT_CARD_CONCERN_GRADES.includes(g));
  return !o.safeguardingMet || below ? 'reportCardConcern' : undefined;
}

/**
 * Whether the outcome places the school in a formal Ofsted category of concern: Serious Weaknesses or Special
 * Measures before September 2024, requires significant improvement or special measures on a report card. Such an
 * outcome puts the school on the list of schools causing concern at once (rapid response, Rutland plan 4.7).
 */
export function isCategoryOfConcern(o: InspectionOutcome): boolean {
  return o.framework === 'legacy' ? o.overall === 'Inadequate' : !!o.category;
}

/**
 * Whether the outcome is a good one, which meets the first end criterion: Good or Outstanding before September 2024;
 * on a report card, safeguarding met, no category, and every area at the expected standard or better.
 */
export function isGoodOutcome(o: InspectionOutcome): boolean {
  if (o.framework === 'legacy') return o.overall === 'Good' || o.overall === 'Outstanding';
  return o.safeguardingMet && !o.category && !Object.values(o.grades).some((g) => REPORT_CARD_CONCERN_GRADES.includes(g));
}

/** Areas judged only where the school has the stage. */
const STAGE_AREAS: Record<string, keyof SchoolStages> = { 'early years': 'earlyYears', 'sixth form': 'sixthForm' };

/** The areas a school is graded on: the configured list (report-card areas by default), stage areas only where present. */
export function reportCardAreasFor(school: StagedSchool, areas: readonly string[] = DEFAULT_REPORT_CARD_AREAS): string[] {
  const stages = stagesOf(school);
  return areas.filter((a) => {
    const stage = STAGE_AREAS[a.toLowerCase()];
    return !stage || stages[stage];
  });
}

/** A report card as an officer records it: a grade for each area, safeguarding, the category if any. */
export const ReportCardInputSchema = z.object({
  date: IsoDateSchema,
  grades: z.record(z.string(), ReportCardGradeSchema),
  safeguardingMet: z.boolean(),
  category: ReportCardCategorySchema.optional(),
});
export type ReportCardInput = z.infer<typeof ReportCardInputSchema>;

/** Report cards began on 10 November 2025; an earlier date is a typing slip or a legacy judgement. */
export const REPORT_CARDS_BEGAN = '2025-11-10';

/**
 * Checks a report card against the configured areas for this school: every area the school has is graded, no
 * other area is, and the date is within the report-card framework and not in the future (`today`, YYYY-MM-DD).
 * The areas are passed in because Ofsted may change the list; the stored record keeps the areas it was graded on.
 */
export function reportCardInspection(
  input: ReportCardInput,
  school: StagedSchool,
  areas: readonly string[],
  today: string,
): z.infer<typeof ReportCardInspectionSchema> {
  const expected = reportCardAreasFor(school, areas);
  const missing = expected.filter((a) => !(a in input.grades));
  if (missing.length) throw new InvalidInputError(`Grade every area; no grade yet for: ${missing.join(', ')}.`, 'grades');
  const unknown = Object.keys(input.grades).filter((a) => !expected.includes(a));
  if (unknown.length) throw new InvalidInputError(`This school is not graded on: ${unknown.join(', ')}.`, 'grades');
  if (input.date < REPORT_CARDS_BEGAN) throw new InvalidInputError('Report cards began on 10 November 2025; record an earlier inspection as a single-word judgement.', 'date');
  if (input.date > today) throw new InvalidInputError('The inspection date is in the future.', 'date');
  return { framework: 'reportCard', ...input };
}

/** The most recent outcome, whatever its framework. */
export function latestInspection(history: readonly InspectionOutcome[]): InspectionOutcome | undefined {
  return [...history].sort((a, b) => b.date.localeCompare(a.date))[0];
}
