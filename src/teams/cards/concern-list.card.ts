import { z } from 'zod/v4';
import { CONCERN_VERBS, ConcernHeadingSchema, visitLine } from './concern.card.js';
import { expandCard, type AdaptiveCard } from './template.js';

/** A card stays quick to read and under Teams' size limit: older concerns beyond this are counted, and come with Send all in full. */
export const MAX_CONCERN_ROWS = 30;

/**
 * `confidential`, for the concerns lead (`ConcernListRow` from src/app/concerns): each of their concerns newest
 * first, by school, date, visitor and visit, with whether it is handled, and Open; and *Send all in full*, which
 * sends every one to this chat (`sendId` makes a repeated press send once). It never holds a concern's text:
 * that is read only when one is opened or sent. Its refresh brings the handled marks up to date.
 */
export const ConcernListCardSchema = z
  .object({
    rows: z.array(ConcernHeadingSchema.extend({ handledOn: ConcernHeadingSchema.shape.raisedOn.optional() })),
    sendId: z.string().min(1),
    /** A line about what the last press did (e.g. how many were sent). */
    note: z.string().default(''),
  })
  .transform(({ rows, sendId, note }) => ({
    listVerb: CONCERN_VERBS.list,
    openVerb: CONCERN_VERBS.open,
    sendAllVerb: CONCERN_VERBS.sendAll,
    sendId,
    note,
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
