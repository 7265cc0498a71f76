import { z } from 'zod/v4';
import type { SchoolCopyList, VisitList } from '../../app/visits/list-visits.js';
import { VisitStatusSchema } from '../../domain/visit.js';
import { VISIT_VERBS } from './visit-agenda.card.js';
import { expandCard, type AdaptiveCard } from './template.js';
import { shownShortDay } from './shown-date.js';

const STATUS_LABELS = { planned: 'Planned', draft: 'Draft', submitted: 'Submitted', declined: 'Declined' } as const;
const ANSWER_LABELS = { awaiting: 'Awaiting your answer', accurate: 'Marked accurate', disputed: 'Disputed' } as const;

const Row = z.object({ visitId: z.string().min(1), schoolName: z.string().min(1), templateName: z.string().min(1), status: VisitStatusSchema, date: z.string() });
const SchoolRow = z.object({ visitId: z.string().min(1), schoolName: z.string().min(1), templateName: z.string().min(1), date: z.string(), answer: z.enum(['awaiting', 'accurate', 'disputed']) });

/** The card lays out titled sections of rows, each row with one button; both audiences fill the same layout. */
interface Section {
  heading: string;
  empty: string;
  rows: Array<{ visitId: string; line: string; statusLabel: string; button: string }>;
}
const line = (r: { schoolName: string; templateName: string }) => `${r.schoolName}: ${r.templateName}`;

/** The officer's drafts, each with Resume, and their recent visits, each with Open (titled by school). */
const VisitorListSchema = z.object({ open: z.array(Row), recent: z.array(Row) }).transform((d) => ({
  title: 'Your visits',
  sections: [
    { heading: 'To resume', empty: 'No drafts: type visit ‹school› to start one.', rows: d.open.map((r) => ({ visitId: r.visitId, line: line(r), statusLabel: `${STATUS_LABELS[r.status]}, ${shownShortDay(r.date)}`, button: `Resume ${r.schoolName}` })) },
    { heading: 'Recent', empty: 'No submitted or declined visits yet.', rows: d.recent.map((r) => ({ visitId: r.visitId, line: line(r), statusLabel: `${STATUS_LABELS[r.status]}, ${shownShortDay(r.date)}`, button: `Open ${r.schoolName}` })) },
  ] satisfies Section[],
}));

/** A headteacher's copies of their school's notes: those awaiting Accurate or Dispute first, each with Open (titled by agenda and day). */
const SchoolListSchema = z.object({ awaiting: z.array(SchoolRow), answered: z.array(SchoolRow) }).transform((d) => {
  const row = (r: z.infer<typeof SchoolRow>) => ({ visitId: r.visitId, line: line(r), statusLabel: `${ANSWER_LABELS[r.answer]}, visited ${shownShortDay(r.date)}`, button: `Open ${shownShortDay(r.date)}` });
  return {
    title: "Your school's visit notes",
    sections: [
      { heading: 'Awaiting your answer: open one to mark it accurate or disputed', empty: 'No visit note is waiting for your answer.', rows: d.awaiting.map(row) },
      { heading: 'Answered', empty: 'None answered yet.', rows: d.answered.map(row) },
    ] satisfies Section[],
  };
});

/** `visits`: the officer's own visits, or a headteacher's copies of their school's visit notes. */
export const VisitListCardSchema = z.union([VisitorListSchema, SchoolListSchema]).transform((d) => ({ ...d, verb: VISIT_VERBS.open }));
export type VisitListCard = z.input<typeof VisitListCardSchema>;

export function renderVisitListCard(list: VisitList | SchoolCopyList): AdaptiveCard {
  return expandCard('visit-list', VisitListCardSchema, list);
}
