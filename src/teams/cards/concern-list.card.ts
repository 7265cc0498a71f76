import { z } from 'zod';
import { CONCERN_VERBS, ConcernHeadingSchema, visitLine } from './concern.card.js';
import { expandCard, type AdaptiveCard } from './template.js';

/** A card stays quick to read and under Teams' size limit: older concerns beyond this are counted, and in the lead's export. */
export const MAX_CONCERN_ROWS = 30;

/**
 * `concerns`, for the concerns lead (`ConcernListRow` from src/app/concerns): each concern newest first, by
 * school, date, visitor and visit, with whether it is handled, and Open. It never holds a concern's text: that
 * is read only when one is opened. Its refresh brings the handled marks up to date when it is shown again.
 */
export const ConcernListCardSchema = z
  .object({
    rows: z.array(ConcernHeadingSchema.extend({ handledOn: ConcernHeadingSchema.shape.raisedOn.optional() })),
  })
  .transform(({ rows }) => ({
    listVerb: CONCERN_VERBS.list,
    openVerb: CONCERN_VERBS.open,
    waiting: rows.filter((r) => !r.handledOn).length,
    hidden: Math.max(0, rows.length - MAX_CONCERN_ROWS),
    rows: rows.slice(0, MAX_CONCERN_ROWS).map((r) => ({
      concernId: r.concernId,
      schoolName: r.schoolName,
      school: `${r.schoolName} (${r.urn})`,
      raisedLine: `Raised ${r.raisedOn} by ${r.raisedByName}`,
      visitLine: visitLine(r),
      statusLabel: r.handledOn ? `Handled ${r.handledOn}` : 'Not yet handled',
      statusColour: r.handledOn ? 'Good' : 'Warning',
    })),
  }));
export type ConcernListCard = z.input<typeof ConcernListCardSchema>;

export function renderConcernListCard(data: ConcernListCard): AdaptiveCard {
  return expandCard('concern-list', ConcernListCardSchema, data);
}
