import { z } from 'zod/v4';
import { shownDay } from './shown-date.js';
import { RagSchema } from '../../domain/rag.js';
import { HEALTH_CHECK_VERBS, RAG_COLOURS, RAG_LABELS } from './health-check.card.js';
import { expandCard, type AdaptiveCard } from './template.js';
import { shownText } from './plain-text.js';

/**
 * The summary of a submitted health check (`HealthCheckView`): what the headteacher receives with Acknowledge,
 * and what everyone else sees without it. Its refresh (no named users: it lives in 1:1 chats) brings each copy
 * up to date when it is shown again, so the officer's copy says once it is acknowledged.
 */
export const HealthCheckSummaryCardSchema = z
  .object({
    checkId: z.string().min(1),
    urn: z.string().min(1),
    schoolName: z.string().min(1),
    heldOn: z.string(),
    officerName: z.string(),
    overall: RagSchema,
    areas: z.array(
      z.object({
        title: z.string(),
        rating: RagSchema,
        // Typed by the officer, read by the headteacher: shown, never obeyed.
        evidence: shownText,
        requiredAction: shownText.optional(),
        impactOfLastActions: shownText.optional(),
      }),
    ),
    notApplicable: z.array(z.string()).default(() => []),
    status: z.enum(['awaitingAcknowledgement', 'acknowledged']),
    acknowledgedBy: z.string().optional(),
    acknowledgedOn: z.string().optional(),
    canAcknowledge: z.boolean(),
    /** A line for the person who acted, e.g. how the headteacher was told. */
    note: z.string().default(''),
  })
  .transform((v) => ({
    ...v,
    heldOn: shownDay(v.heldOn),
    acknowledgeVerb: HEALTH_CHECK_VERBS.acknowledge,
    viewVerb: HEALTH_CHECK_VERBS.view,
    overallLabel: RAG_LABELS[v.overall],
    overallColour: RAG_COLOURS[v.overall],
    areas: v.areas.map((a) => ({
      ...a,
      ratingLabel: RAG_LABELS[a.rating],
      colour: RAG_COLOURS[a.rating],
      requiredAction: a.requiredAction ?? '',
      impactOfLastActions: a.impactOfLastActions ?? '',
    })),
    notApplicable: v.notApplicable.map((title) => ({ line: `${title}: not applicable` })),
    statusLine:
      v.status === 'acknowledged'
        ? `Acknowledged by ${v.acknowledgedBy ?? 'the headteacher'} on ${shownDay(v.acknowledgedOn)}.`
        : v.canAcknowledge
          ? 'Please acknowledge this health check. Address the actions required and show their impact at the next check.'
          : "Awaiting the headteacher's acknowledgement.",
  }));
export type HealthCheckSummaryCard = z.input<typeof HealthCheckSummaryCardSchema>;

export function renderHealthCheckSummaryCard(data: HealthCheckSummaryCard): AdaptiveCard {
  return expandCard('health-check-summary', HealthCheckSummaryCardSchema, data);
}

/** What Acknowledge and the refresh send. */
export const AcknowledgeDataSchema = z.object({ checkId: z.string().min(1) });
