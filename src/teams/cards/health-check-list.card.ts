import { z } from 'zod/v4';
import { RagSchema } from '../../domain/rag.js';
import { RAG_LABELS } from './health-check.card.js';
import { shortCalendarDateWithYear } from '../../domain/human-date.js';
import { expandCard, type AdaptiveCard } from './template.js';

/** A card stays quick to read and under Teams' size limit: the rest are counted. */
export const MAX_LIST_ROWS = 40;

/**
 * The officer's list (`healthcheck` with no school): each school's latest check, awaiting acknowledgement first.
 * A headteacher gets the same list of their own school, told how to acknowledge rather than how to hold one.
 */
export const HealthCheckListCardSchema = z
  .object({
    forHeadteacher: z.boolean().default(false),
    rows: z.array(
      z.object({
        urn: z.string(),
        schoolName: z.string(),
        last: z.object({ checkId: z.string(), heldOn: z.string(), overall: RagSchema, status: z.enum(['awaitingAcknowledgement', 'acknowledged']) }).optional(),
        nextDue: z.string().optional(),
        due: z.boolean(),
      }),
    ),
  })
  .transform(({ rows, forHeadteacher }) => ({
    intro: forHeadteacher
      ? 'Annual by default. A check awaiting your acknowledgement follows as its own card: press Acknowledge on it.'
      : 'Annual by default. Type healthcheck ‹school› to hold one.',
    hidden: Math.max(0, rows.length - MAX_LIST_ROWS),
    rows: rows.slice(0, MAX_LIST_ROWS).map((r) => {
      const awaiting = r.last?.status === 'awaitingAcknowledgement';
      return {
        school: `${r.schoolName} (${r.urn})`,
        lastLine: r.last ? `Last held ${shortCalendarDateWithYear(r.last.heldOn)}: ${RAG_LABELS[r.last.overall]}.${r.nextDue ? ` Next due ${shortCalendarDateWithYear(r.nextDue)}.` : ''}` : 'No health check yet.',
        statusLabel: awaiting ? 'Awaiting acknowledgement' : r.due ? 'Due' : 'Acknowledged',
        statusColour: awaiting || r.due ? 'Warning' : 'Good',
      };
    }),
  }));
export type HealthCheckListCard = z.input<typeof HealthCheckListCardSchema>;

export function renderHealthCheckListCard(data: HealthCheckListCard): AdaptiveCard {
  return expandCard('health-check-list', HealthCheckListCardSchema, data);
}
