import { z } from 'zod';
import { IsoDateSchema } from './iso-date.js';

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

/** An inspection outcome that meets the schools-causing-concern start criteria (Rutland plan 4.1). */
export function inspectionIsCauseForConcern(o: InspectionOutcome): boolean {
  if (o.framework === 'legacy') return o.overall === 'Requires Improvement' || o.overall === 'Inadequate';
  return !o.safeguardingMet || !!o.category || Object.values(o.grades).includes('urgent improvement');
}

/** The most recent outcome, whatever its framework. */
export function latestInspection(history: readonly InspectionOutcome[]): InspectionOutcome | undefined {
  return [...history].sort((a, b) => b.date.localeCompare(a.date))[0];
}
