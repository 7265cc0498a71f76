import type { Person } from '../../domain/person.js';
import { deriveThemes } from '../../domain/visit.js';
import { editVisit, type VisitCardSubmission, type VisitDeps, type VisitEditResult } from './edit-visit.js';
import { queueSchoolCopy, sendQueuedCopy } from './send-school-copy.js';
import { readVisitValues } from './visit-values.js';
import { loadVisit } from './visit-view.js';

/**
 * *Submit*: checks every answer against the agenda (every required item answered, the day of the visit
 * given), stores the note once however often it is pressed, and sends the school its copy. A missing
 * answer sends the card back naming the item, with everything typed kept, and nothing is submitted.
 *
 * The copy is recorded in the outbox in the submit's own unit of work and sent right after it commits: if the
 * bot stops in between, the outbox job sends it; a repeated press (a double click, a Teams retry) sends
 * whatever the first left unsent and nothing twice.
 */
export async function submitVisit(deps: VisitDeps, tenantId: string, actor: Person, submission: VisitCardSubmission): Promise<VisitEditResult> {
  const result = await editVisit(
    deps,
    tenantId,
    actor,
    submission,
    'submit',
    ({ template }, today) => {
      const read = readVisitValues(template, submission.values, 'submit', today);
      if (read.errors.length) return { errors: read.errors };
      const patch = { status: 'submitted' as const, answers: read.answers, themes: deriveThemes(template, read.answers, read.details.answerTags), submittedAt: deps.clock.now().toISOString(), ...read.details };
      return { to: 'submitted', patch };
    },
    (tx, stored, ctx) => queueSchoolCopy(tx, tenantId, actor, { ...ctx, visit: stored }, deps.clock.now()),
  );
  if (result.kind !== 'done') return result;
  const copy = await sendQueuedCopy(deps, tenantId, await loadVisit(deps.store, tenantId, result.visit.id), result.outboxIds ?? []);
  // Read again: the headteacher's copy going records when (copySentAt).
  return { ...result, visit: (await deps.store.get('visits', tenantId, result.visit.id))!, notices: [...result.notices, ...copy] };
}
