import type { Person } from '../../domain/person.js';
import { editVisit, type VisitCardSubmission, type VisitDeps, type VisitEditResult } from './edit-visit.js';
import { readVisitValues } from './visit-values.js';

/**
 * *Save draft*: keeps everything typed so the visit can be resumed later (`visits`). Blanks are fine in a
 * draft; a value an item cannot take (a rating that is not red, amber or green) is named and nothing saved.
 */
export async function saveDraft(deps: VisitDeps, tenantId: string, actor: Person, submission: VisitCardSubmission): Promise<VisitEditResult> {
  return editVisit(deps, tenantId, actor, submission, 'save', ({ template }, today) => {
    const read = readVisitValues(template, submission.values, 'draft', today);
    if (read.errors.length) return { errors: read.errors };
    return { to: 'draft', patch: { status: 'draft', answers: read.answers, ...read.details } };
  });
}
