import { z } from 'zod/v4';
import { MAX_LIST_ROWS } from './health-check-list.card.js';
import { shownShortDay } from './shown-date.js';
import { expandCard, type AdaptiveCard } from './template.js';

const PROGRESS = {
  'not started': { label: 'Not started', colour: 'Default' },
  submitted: { label: 'Submitted', colour: 'Accent' },
  agreed: { label: 'Agreed', colour: 'Good' },
  challenged: { label: 'Challenged', colour: 'Warning' },
} as const;

/** `sef` for an officer: this year's self-evaluations of their schools, required or invited, and overdue feedback. */
export const SelfEvaluationStatusCardSchema = z
  .object({
    academicYear: z.string().min(1),
    rows: z.array(
      z.object({
        urn: z.string(),
        schoolName: z.string(),
        requirement: z.enum(['required', 'invited']),
        progress: z.enum(['not started', 'submitted', 'agreed', 'challenged']),
        signedOff: z.boolean(),
        feedbackDueOn: z.string().optional(),
        feedbackGiven: z.boolean(),
        feedbackOverdue: z.boolean(),
      }),
    ),
  })
  .transform(({ academicYear, rows }) => {
    const count = (p: (r: (typeof rows)[number]) => boolean) => rows.filter(p).length;
    return {
      academicYear,
      summary: `${count((r) => r.requirement === 'required')} required, ${count((r) => r.requirement === 'invited')} invited; ${count((r) => r.progress === 'not started')} not started; ${count((r) => r.feedbackOverdue)} with feedback overdue.`,
      hidden: Math.max(0, rows.length - MAX_LIST_ROWS),
      rows: rows.slice(0, MAX_LIST_ROWS).map((r) => ({
        school: `${r.schoolName} (${r.urn})`,
        requirementLabel: r.requirement === 'required' ? 'Required (maintained)' : 'Invited (academy)',
        progressLabel: `${PROGRESS[r.progress].label}${r.signedOff ? ', signed' : ''}`,
        progressColour: PROGRESS[r.progress].colour,
        feedbackLine: r.feedbackGiven ? 'Feedback given.' : r.feedbackDueOn ? `Feedback due by ${shownShortDay(r.feedbackDueOn)}${r.feedbackOverdue ? ': overdue' : ''}.` : '',
        feedbackColour: r.feedbackOverdue ? 'Attention' : 'Default',
      })),
    };
  });
export type SelfEvaluationStatusCard = z.input<typeof SelfEvaluationStatusCardSchema>;

export function renderSelfEvaluationStatusCard(data: SelfEvaluationStatusCard): AdaptiveCard {
  return expandCard('self-evaluation-status', SelfEvaluationStatusCardSchema, data);
}
