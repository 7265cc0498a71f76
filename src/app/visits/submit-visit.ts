import type { Person } from '../../domain/person.js';
import { deriveThemes } from '../../domain/visit.js';
import { editVisit, type VisitCardSubmission, type VisitDeps, type VisitEditResult } from './edit-visit.js';
import { sendSchoolCopy } from './send-school-copy.js';
import { readVisitValues } from './visit-values.js';
import { loadVisit } from './visit-view.js';

/**
 * *Submit*: checks every answer against the agenda (every required item answered, the day of the visit
 * given), stores the note once however often it is pressed, and sends the school its copy. A missing
 * answer sends the card back naming the item, with everything typed kept, and nothing is submitted.
 */
export async function submitVisit(deps: VisitDeps, tenantId: string, actor: Person, submission: VisitCardSubmission): Promise<VisitEditResult> {
  const result = await editVisit(deps, tenantId, actor, submission, 'submit', ({ template }, today) => {
    const read = readVisitValues(template, submission.values, 'submit', today);
    if (read.errors.length) return { errors: read.errors };
    const patch = { status: 'submitted' as const, answers: read.answers, themes: deriveThemes(template, read.answers), submittedAt: deps.clock.now().toISOString(), ...read.details };
    return { to: 'submitted', patch };
  });
  // A repeat (a double click, a Teams retry) was sent its copy by the first press.
  if (result.kind !== 'done' || result.replayed) return result;
  const copy = await sendSchoolCopy(deps, tenantId, actor, await loadVisit(deps.store, tenantId, result.visit.id));
  let visit = result.visit;
  if (copy.copySentAt) {
    const { value } = await deps.store.transact(
      // Plumbing beside the record: 'any' version, since nothing a person edits is touched.
      async (tx) => (await tx.update('visits', tenantId, visit.id, 'any', { copySentAt: copy.copySentAt }, { action: 'visit.copySent' })).id,
      { actor: actor.id },
    );
    visit = (await deps.store.get('visits', tenantId, value))!;
  }
  return { ...result, visit, notices: [...result.notices, ...copy.notices] };
}
