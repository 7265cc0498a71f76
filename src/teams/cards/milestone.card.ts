import { z } from 'zod/v4';
import { PLAN_TEXT_LIMITS } from '../../domain/action-plan.js';
import { expandCard, type AdaptiveCard } from './template.js';
import { plainText } from './plain-text.js';
import { MAX_REFRESH_USERS } from './risk.card.js';

/** The Action.Execute verbs of the milestone list and card. */
export const MILESTONE_VERBS = {
  /** A row of the `milestones` list. */
  open: 'milestone.open',
  /** The card asking for the viewer's own view. */
  refresh: 'milestone.refresh',
  progress: 'milestone.progress',
  /** Met, Partly met and Not met: the outcome travels in the button's data. */
  confirm: 'milestone.confirm',
  query: 'milestone.query',
  answer: 'milestone.answer',
} as const;

/**
 * One milestone of a live action plan (`MilestoneView` for one viewer): ONE card whose refresh asks each viewer's
 * Teams client for their own view, so the headteacher (or delegate) sees In progress / Met / Partly met / Not met with
 * evidence and a link, and later the answer box for a query; the link officer sees the status and *Query*.
 */
export const MilestoneCardSchema = z
  .object({
    planId: z.string().min(1),
    milestoneId: z.string().min(1),
    revision: z.number().int().nonnegative(),
    urn: z.string().min(1),
    schoolName: z.string().min(1),
    planTitle: z.string(),
    action: z.string(),
    successCriteria: z.string(),
    target: z.string(),
    due: z.string(),
    status: z.string(),
    standing: z.string(),
    planRag: z.string(),
    confirmation: z.object({ outcome: z.string(), evidence: z.string(), link: z.string(), by: z.string(), on: z.string() }).optional(),
    queries: z.array(z.object({ text: z.string(), by: z.string(), on: z.string(), answer: z.string(), answeredBy: z.string(), answeredOn: z.string() })),
    steps: z.array(z.enum(['progress', 'confirm', 'query', 'answer'])),
    refreshUserIds: z.array(z.string()),
    values: z.record(z.string(), z.string()).default(() => ({})),
    error: z.string().default(''),
    note: z.string().default(''),
  })
  .transform((v) => ({
    refresh: {
      action: { type: 'Action.Execute', title: 'Refresh', verb: MILESTONE_VERBS.refresh, data: { planId: v.planId, milestoneId: v.milestoneId } },
      ...(v.refreshUserIds.length ? { userIds: v.refreshUserIds.slice(0, MAX_REFRESH_USERS) } : {}),
    },
    verbs: MILESTONE_VERBS,
    planId: v.planId,
    milestoneId: v.milestoneId,
    revision: v.revision,
    title: `Milestone: ${v.schoolName} (${v.urn})`,
    subtitle: plainText(v.planTitle),
    target: plainText(v.target),
    standing: v.standing,
    facts: [
      { title: 'Action', value: plainText(v.action) },
      { title: 'Success criteria', value: plainText(v.successCriteria) },
      { title: 'Due', value: v.due },
      { title: 'Status', value: v.status },
      { title: 'Plan RAG', value: v.planRag },
    ],
    confirmationFacts: v.confirmation
      ? [
          { title: 'Confirmed', value: `${v.confirmation.outcome}, by ${v.confirmation.by} on ${v.confirmation.on}` },
          ...(v.confirmation.evidence ? [{ title: 'Evidence', value: plainText(v.confirmation.evidence) }] : []),
          ...(v.confirmation.link ? [{ title: 'Link', value: plainText(v.confirmation.link) }] : []),
        ]
      : [],
    queryLines: v.queries.map((q) => ({
      asked: `Query from ${q.by} on ${q.on}: ${plainText(q.text)}`,
      answered: q.answer ? `Answer from ${q.answeredBy} on ${q.answeredOn}: ${plainText(q.answer)}` : 'Waiting for the school’s answer.',
    })),
    canProgress: v.steps.includes('progress'),
    canConfirm: v.steps.includes('confirm'),
    canQuery: v.steps.includes('query'),
    canAnswer: v.steps.includes('answer'),
    maxEvidence: PLAN_TEXT_LIMITS.evidence,
    maxLink: PLAN_TEXT_LIMITS.link,
    maxQuery: PLAN_TEXT_LIMITS.query,
    // An input shows its text as it is: never escaped.
    evidence: v.values.evidence ?? '',
    link: v.values.link ?? '',
    query: v.values.query ?? '',
    answer: v.values.answer ?? '',
    error: v.error,
    note: v.note,
  }));
export type MilestoneCard = z.input<typeof MilestoneCardSchema>;

export function renderMilestoneCard(data: MilestoneCard): AdaptiveCard {
  return expandCard('milestone', MilestoneCardSchema, data);
}

/** What the refresh, Open and every button send (with the card's inputs). */
export const MilestoneDataSchema = z.object({
  planId: z.string().min(1),
  milestoneId: z.string().min(1),
  revision: z.coerce.number().int().nonnegative().optional(),
  outcome: z.enum(['met', 'partlyMet', 'notMet']).optional(),
  evidence: z.string().optional(),
  link: z.string().optional(),
  query: z.string().optional(),
  answer: z.string().optional(),
});
