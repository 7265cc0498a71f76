import { z } from 'zod/v4';
import { DISPUTE_COMMENT_INPUT } from '../../app/visits/respond-to-copy.js';
import type { VisitSummaryView } from '../../app/visits/visit-view.js';
import { VisitStatusSchema } from '../../domain/visit.js';
import { VISIT_VERBS } from './visit-agenda.card.js';
import { expandCard, type AdaptiveCard } from './template.js';
import { shownText } from './plain-text.js';
import { shownDay } from './shown-date.js';
import { RagSchema } from '../../domain/rag.js';
import { RAG_COLOURS } from './health-check.card.js';
import { TEXT_LIMITS } from '../../domain/text-limits.js';

function statusLine(v: Pick<VisitSummaryView, 'status' | 'visitorName' | 'visitedDate' | 'plannedDate' | 'copySentAt'>): string {
  switch (v.status) {
    case 'submitted':
      return `Visited ${v.visitedDate ? `on ${shownDay(v.visitedDate)} ` : ''}by ${v.visitorName}. Submitted${v.copySentAt ? '; the school has its copy' : ''}.`;
    case 'declined':
      return `Declined: the school did not take up the visit offered by ${v.visitorName}.`;
    default:
      return `${v.status === 'draft' ? 'Draft' : 'Planned'}${v.plannedDate ? ` for ${shownDay(v.plannedDate)}` : ''} by ${v.visitorName}: not yet submitted.`;
  }
}

function responseLine(r: VisitSummaryView['response']): string {
  if (!r) return '';
  return r.verdict === 'accurate' ? `${r.byName} marked the school's copy accurate on ${shownDay(r.on)}.` : `${r.byName} disputed the school's copy on ${shownDay(r.on)}: ${r.comment ?? ''}`;
}

/**
 * A visit note, read-only (`VisitSummaryView`): what everyone sees once it is submitted or declined, and the
 * school's copy. It carries a refresh, so each viewer gets their own view: the school's headteacher, while the
 * copy awaits an answer, sees Accurate and Dispute; everyone else sees the note and its status. It is built from
 * the visit record, which never holds a confidential concern.
 */
export const VisitSummaryCardSchema = z
  .object({
    visitId: z.string().min(1),
    /** Empty for a visit to a partnership as a whole. */
    urn: z.string(),
    schoolName: z.string().min(1),
    templateName: z.string().min(1),
    status: VisitStatusSchema,
    visitorName: z.string().min(1),
    plannedDate: z.string().optional(),
    visitedDate: z.string().optional(),
    // Typed by the visitor (the attendees, answers and reason) or the headteacher (the comment): shown, never obeyed.
    attendees: z.array(z.object({ role: shownText, name: shownText })),
    answers: z.array(z.object({ prompt: z.string(), answer: shownText, rating: RagSchema.optional() })),
    declinedReason: shownText.optional(),
    copySentAt: z.string().optional(),
    response: z.object({ verdict: z.enum(['accurate', 'disputed']), byName: z.string(), on: z.string(), comment: shownText.optional() }).optional(),
    canRespond: z.boolean(),
    notices: z.array(z.string()).default(() => []),
  })
  // The view cards/visit-summary.json binds, and nothing else: each `${…}` there is an expression the templating
  // library evaluates on every render, so a line is composed here and each `$when` reads a ready boolean. Built
  // field by field: spreading the parsed input cost more than composing the whole view (a visit's submission
  // renders this card on every press).
  .transform((v) => ({
    verbs: { view: VISIT_VERBS.view, respond: VISIT_VERBS.respond },
    visitId: v.visitId,
    title: `${v.templateName}: ${v.urn ? `${v.schoolName} (${v.urn})` : v.schoolName}`,
    statusLine: statusLine(v),
    hasNotices: v.notices.length > 0,
    notices: v.notices.map((text) => ({ text })),
    hasDeclinedReason: !!v.declinedReason,
    declinedReason: v.declinedReason ?? '',
    hasAttendees: v.attendees.length > 0,
    // The facts as the FactSet takes them, bound whole rather than fact by fact.
    attendees: v.attendees.map((a) => ({ title: a.role, value: a.name })),
    // A rating in its colour (good, warning, attention) and in words, for those who cannot tell the colours apart.
    answers: v.answers.map((a) => ({ prompt: a.prompt, answer: a.answer, colour: a.rating ? RAG_COLOURS[a.rating] : 'Default', weight: a.rating ? 'Bolder' : 'Default' })),
    hasResponse: !!v.response,
    responseLine: responseLine(v.response),
    canRespond: v.canRespond,
    disputeCommentMaxLength: TEXT_LIMITS.disputeComment,
  }));
export type VisitSummaryCard = z.input<typeof VisitSummaryCardSchema>;

export function renderVisitSummaryCard(data: VisitSummaryCard): AdaptiveCard {
  return expandCard('visit-summary', VisitSummaryCardSchema, data);
}

/** What the refresh and Open send. */
export const VisitRefDataSchema = z.object({ visitId: z.string().min(1) });

/**
 * What Accurate and Dispute send: the verdict with the comment typed, in the input the use case names in its
 * refusal (DISPUTE_COMMENT_INPUT; cards/visit-summary.json holds the same id, checked by the card tests).
 */
export const VisitResponseDataSchema = z
  .object({ visitId: z.string().min(1), verdict: z.enum(['accurate', 'disputed']), [DISPUTE_COMMENT_INPUT]: z.string().optional() })
  .transform(({ [DISPUTE_COMMENT_INPUT]: comment, ...rest }) => ({ ...rest, comment }));
