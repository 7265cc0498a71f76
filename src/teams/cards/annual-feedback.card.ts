import { z } from 'zod/v4';
import { longDate } from '../../domain/human-date.js';
import { expandCard, type AdaptiveCard } from './template.js';

/** The Action.Execute verbs of the annual-visit feedback card. */
export const ANNUAL_FEEDBACK_VERBS = {
  agreeDate: 'annualFeedback.agreeDate',
  given: 'annualFeedback.given',
} as const;

/** What a press on the card carries. */
export const AnnualFeedbackDataSchema = z.object({
  school: z.string().min(1),
  version: z.coerce.number().int().nonnegative(),
  dueOn: z.string().optional(),
});

/**
 * A school's annual-visit feedback where its self-evaluation holds no date (`AnnualFeedbackView`): the date due and
 * whether it was given; the link officer agrees or moves the date and records it given.
 */
export const AnnualFeedbackCardSchema = z
  .object({
    urn: z.string().min(1),
    schoolName: z.string().min(1),
    academicYear: z.string().min(1),
    requirement: z.enum(['required', 'invited']),
    version: z.number().int().nonnegative(),
    dueOn: z.string().optional(),
    givenOn: z.string().optional(),
    overdue: z.boolean(),
    defaultDueOn: z.string(),
    mayEdit: z.boolean(),
    timeZone: z.string().min(1),
    /** What was typed, kept on a refusal. */
    typedDueOn: z.string().optional(),
    error: z.string().optional(),
  })
  .transform((v) => ({
    urn: v.urn,
    schoolName: v.schoolName,
    academicYear: v.academicYear,
    version: v.version,
    selfEvaluationLine:
      v.requirement === 'required'
        ? `No self-evaluation has been judged this year. The feedback is due for every school all the same.`
        : `Academies are invited to self-evaluate; with or without one, the annual-visit feedback is due.`,
    feedbackLine: v.givenOn
      ? `Feedback given on ${longDate(v.givenOn, v.timeZone)}.`
      : v.dueOn
        ? `Feedback due by ${longDate(v.dueOn, v.timeZone)}${v.overdue ? ': overdue' : ''}.`
        : 'No date agreed for the feedback yet.',
    feedbackColour: v.overdue ? 'Attention' : v.givenOn ? 'Good' : 'Default',
    mayEdit: v.mayEdit,
    mayRecordGiven: v.mayEdit && !!v.dueOn,
    agreeTitle: v.dueOn ? 'Move the date' : 'Agree the date',
    dueOnValue: v.typedDueOn ?? v.dueOn ?? v.defaultDueOn,
    error: v.error ?? '',
    verbs: ANNUAL_FEEDBACK_VERBS,
  }));
export type AnnualFeedbackCard = z.input<typeof AnnualFeedbackCardSchema>;

export function renderAnnualFeedbackCard(data: AnnualFeedbackCard): AdaptiveCard {
  return expandCard('annual-feedback', AnnualFeedbackCardSchema, data);
}
