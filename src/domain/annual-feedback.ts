import { z } from 'zod/v4';
import { storedRecord } from './record.js';
import { IsoDateSchema } from './iso-date.js';
import { UrnSchema } from './school.js';
import type { SelfEvaluation } from './self-evaluation.js';

/**
 * The annual-visit feedback date for a school that has no judged self-evaluation this year (Rutland plan §3.2: the
 * feedback is given by an agreed date for every school). A maintained school's date is agreed with the judgement of
 * its self-evaluation; an academy invited to self-evaluate may not, and its feedback is still due. The link officer
 * agrees a date for it here, and records when the feedback was given; the same reminders follow it.
 */
export const AnnualFeedbackSchema = storedRecord({
  urn: UrnSchema,
  /** "2026/27". */
  academicYear: z.string().min(1),
  dueOn: IsoDateSchema,
  agreedBy: z.string().min(1),
  given: z.object({ personId: z.string().min(1), on: IsoDateSchema }).optional(),
});
export type AnnualFeedback = z.infer<typeof AnnualFeedbackSchema>;

/** Where a school's annual-visit feedback stands this year, whichever record holds its date. */
export interface FeedbackDue {
  urn: string;
  /** The record that holds the date: the self-evaluation (its judgement) or the annual-feedback record. */
  source: 'selfEvaluation' | 'annualFeedback';
  recordId: string;
  dueOn: string;
  /** The officer who agreed the date: the one reminded. */
  officerId: string;
  given: boolean;
}

/**
 * A school's feedback date this year: the judged self-evaluation's when there is one (it was agreed with the
 * judgement), else the date the link officer agreed on its own, else none.
 */
export function feedbackDueOf(sef: Pick<SelfEvaluation, 'id' | 'urn' | 'judgement' | 'feedbackGiven'> | undefined, record: AnnualFeedback | undefined): FeedbackDue | undefined {
  if (sef?.judgement) return { urn: sef.urn, source: 'selfEvaluation', recordId: sef.id, dueOn: sef.judgement.feedbackDueOn, officerId: sef.judgement.personId, given: !!sef.feedbackGiven };
  if (record) return { urn: record.urn, source: 'annualFeedback', recordId: record.id, dueOn: record.dueOn, officerId: record.agreedBy, given: !!record.given };
  return undefined;
}

/** Overdue when its date has passed and it has not been given. `today` is YYYY-MM-DD. */
export function isFeedbackOverdue(due: FeedbackDue | undefined, today: string): boolean {
  return !!due && !due.given && due.dueOn < today;
}
