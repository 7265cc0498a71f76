import { z } from 'zod/v4';
import { shownDay } from './shown-date.js';
import { MAX_HANDLED_NOTE_LENGTH } from '../../domain/concern.js';
import { expandCard, type AdaptiveCard } from './template.js';
import { plainText } from './plain-text.js';

/** The verbs of the concerns lead's cards: the list (and its refresh), one concern (and its refresh), Mark as handled, Send all in full. */
export const CONCERN_VERBS = { list: 'concerns.list', open: 'concern.open', markHandled: 'concern.markHandled', sendAll: 'concerns.sendAll' } as const;

/** What Open, the concern card's refresh and Mark as handled send: the concern's id, and the lead's note when typed. */
export const ConcernActionDataSchema = z.object({ concernId: z.string().min(1), handledNote: z.string().optional() });

/** What Send all in full sends: the rendered list's own id, so a double press sends each concern once. */
export const ConcernSendAllDataSchema = z.object({ sendId: z.string().min(1) });

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** What both concern cards say of a concern besides its text: which school, when, by whom, at which visit. */
export const ConcernHeadingSchema = z.object({
  concernId: z.string().min(1),
  urn: z.string().min(1),
  schoolName: z.string().min(1),
  raisedByName: z.string().min(1),
  raisedOn: IsoDate,
  /** False for a concern raised on its own (`concern <school>`). */
  atVisit: z.boolean().default(true),
  visitDate: IsoDate.optional(),
  visitType: z.string().optional(),
});

/** The visit a concern was raised at, in words ("SACRE RE visit on 2026-11-20"), or that it came with none. */
export function visitLine(c: Pick<z.infer<typeof ConcernHeadingSchema>, 'atVisit' | 'visitDate' | 'visitType'>): string {
  if (!c.atVisit) return 'No visit: raised on its own.';
  return c.visitDate ? `${c.visitType ?? 'Visit'} on ${shownDay(c.visitDate)}` : 'The visit is no longer on record.';
}

/**
 * One concern in full, for the concerns lead (`ConcernView` from src/app/concerns): the text, the visit it was
 * raised at, and Mark as handled with a note for themselves while it is not yet handled. It lives only in the
 * lead's 1:1 chat; its refresh re-reads it (and re-checks the role) each time it is shown.
 */
export const ConcernCardSchema = ConcernHeadingSchema.extend({
  text: z.string().min(1),
  handled: z.object({ on: IsoDate, byName: z.string().min(1), note: z.string().optional() }).optional(),
  /** A line for the lead about what their press did. */
  note: z.string().default(''),
  /** What was typed in the note box, kept when the card comes back with a problem. */
  typedNote: z.string().default(''),
  error: z.object({ message: z.string(), field: z.string().optional() }).optional(),
}).transform((c) => ({
  concernId: c.concernId,
  title: `Confidential concern: ${c.schoolName} (${c.urn})`,
  raisedLine: `${c.raisedOn}, by ${c.raisedByName}`,
  visitLine: visitLine(c),
  // The officer's words, read by the lead: shown, never obeyed.
  text: plainText(c.text),
  statusLine: c.handled ? `Handled on ${shownDay(c.handled.on)} by ${c.handled.byName}.` : 'Not yet handled.',
  statusColour: c.handled ? 'Good' : 'Warning',
  handledNote: plainText(c.handled?.note ?? ''),
  canMark: !c.handled,
  typedNote: c.typedNote,
  maxNoteLength: MAX_HANDLED_NOTE_LENGTH,
  error: c.error?.message ?? '',
  note: c.note,
  openVerb: CONCERN_VERBS.open,
  markVerb: CONCERN_VERBS.markHandled,
  listVerb: CONCERN_VERBS.list,
}));
export type ConcernCard = z.input<typeof ConcernCardSchema>;

export function renderConcernCard(data: ConcernCard): AdaptiveCard {
  return expandCard('concern', ConcernCardSchema, data);
}
