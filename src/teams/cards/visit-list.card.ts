import { z } from 'zod';
import type { VisitList } from '../../app/visits/list-visits.js';
import { VisitStatusSchema } from '../../domain/visit.js';
import { VISIT_VERBS } from './visit-agenda.card.js';
import { expandCard, type AdaptiveCard } from './template.js';

const STATUS_LABELS = { planned: 'Planned', draft: 'Draft', submitted: 'Submitted', declined: 'Declined' } as const;

const Row = z
  .object({ visitId: z.string().min(1), schoolName: z.string().min(1), templateName: z.string().min(1), status: VisitStatusSchema, date: z.string() })
  .transform((r) => ({ ...r, statusLabel: STATUS_LABELS[r.status] }));

/** `visits`: the officer's drafts, each with Resume, and their recent visits, each with Open (titled by school). */
export const VisitListCardSchema = z
  .object({ open: z.array(Row), recent: z.array(Row) })
  .transform((d) => ({ ...d, verb: VISIT_VERBS.open }));
export type VisitListCard = z.input<typeof VisitListCardSchema>;

export function renderVisitListCard(list: VisitList): AdaptiveCard {
  return expandCard('visit-list', VisitListCardSchema, list);
}
