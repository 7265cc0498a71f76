import { z } from 'zod/v4';
import { expandCard, type AdaptiveCard } from './template.js';
import { plainText } from './plain-text.js';

/**
 * The termly evaluation of one live action plan, sent to the school's link officer at the end of each term
 * (`PlanTermSummaryView`): the milestones due in the term counted met, partly met and missed, each listed with its
 * status, and the actions' success criteria listed for the officer's judgement at the concern review.
 */
export const PlanTermSummaryCardSchema = z
  .object({
    urn: z.string().min(1),
    schoolName: z.string().min(1),
    planTitle: z.string(),
    term: z.string(),
    planRag: z.string(),
    met: z.number().int(),
    partlyMet: z.number().int(),
    missed: z.number().int(),
    open: z.number().int(),
    milestones: z.array(z.object({ target: z.string(), due: z.string(), status: z.string() })),
    successCriteria: z.array(z.object({ action: z.string(), criteria: z.string() })),
  })
  .transform((d) => ({
    title: `Termly evaluation: ${d.schoolName} (${d.urn})`,
    subtitle: `${d.term}: ${plainText(d.planTitle)}`,
    facts: [
      { title: 'Met', value: String(d.met) },
      { title: 'Partly met', value: String(d.partlyMet) },
      { title: 'Missed', value: String(d.missed) },
      ...(d.open ? [{ title: 'Still open', value: String(d.open) }] : []),
      { title: 'Plan RAG', value: d.planRag },
    ],
    // The date alone beside each, so the column stays narrow; the status starts the line it heads.
    milestones: d.milestones.map((m) => ({ title: m.due, value: `${m.status}: ${plainText(m.target)}` })),
    noMilestones: d.milestones.length === 0,
    // An action is a sentence or more: above its criteria, not squeezed into a fact's title column.
    criteria: d.successCriteria.map((c) => ({ action: plainText(c.action), text: plainText(c.criteria) })),
  }));
export type PlanTermSummaryCard = z.input<typeof PlanTermSummaryCardSchema>;

export function renderPlanTermSummaryCard(data: PlanTermSummaryCard): AdaptiveCard {
  return expandCard('plan-term-summary', PlanTermSummaryCardSchema, data);
}
