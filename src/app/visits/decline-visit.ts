import type { Person } from '../../domain/person.js';
import { editVisit, type VisitCardSubmission, type VisitDeps, type VisitEditResult } from './edit-visit.js';
import { queueNoteForEveryone } from './send-school-copy.js';
import { VISIT_INPUT } from './visit-values.js';
import { overLimit, TEXT_LIMITS } from '../../domain/text-limits.js';

/**
 * *School declined*: records that the school declined the visit, with its reason (required). Declined visits
 * are kept as their own set of perspectives (SACRE protocol, seed 000 point 5) and counted apart in coverage.
 * The declined note replaces the agenda for everyone in the chat after the answer (see `queueNoteForEveryone`).
 */
export async function declineVisit(deps: VisitDeps, tenantId: string, actor: Person, submission: VisitCardSubmission): Promise<VisitEditResult> {
  return editVisit(deps, tenantId, actor, submission, 'decline', () => {
    const raw = submission.values[VISIT_INPUT.declinedReason];
    const reason = typeof raw === 'string' ? raw.trim() : '';
    if (!reason) return { errors: [{ field: VISIT_INPUT.declinedReason, message: 'Say why the school declined the visit: the reason is kept with the record.' }] };
    const tooLong = overLimit('The reason', reason, TEXT_LIMITS.declinedReason);
    if (tooLong) return { errors: [{ field: VISIT_INPUT.declinedReason, message: tooLong }] };
    return { to: 'declined', patch: { status: 'declined', declinedReason: reason, declinedAt: deps.clock.now().toISOString() } };
  }, async (tx, stored) => ({ outboxIds: await queueNoteForEveryone(tx, tenantId, stored.id, submission.shownIn, deps.clock.now()), notices: [] }));
}
