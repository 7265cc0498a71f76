import type { Person } from '../../domain/person.js';
import { deriveThemes } from '../../domain/visit.js';
import { editVisit, type VisitCardSubmission, type VisitDeps, type VisitEditResult } from './edit-visit.js';
import { copyNotices, queueNoteForEveryone, queueSchoolCopy } from './send-school-copy.js';
import { readVisitValues } from './visit-values.js';

/**
 * *Submit*: checks every answer against the agenda (every required item answered, the day of the visit
 * given), stores the note once however often it is pressed, and records what goes out: the school's copy and
 * the final note for everyone in the chat. A missing answer sends the card back naming the item, with
 * everything typed kept, and nothing is submitted.
 *
 * The note and what it sends are one unit of work, and nothing is sent before the press is answered: the
 * caller sends the outbox items in `outboxIds` once it has answered, and the outbox job sends whatever that
 * leaves (the bot stopped, Teams was down). A repeated press (a double click, a Teams retry) records nothing
 * more and sends nothing twice.
 */
export async function submitVisit(deps: VisitDeps, tenantId: string, actor: Person, submission: VisitCardSubmission): Promise<VisitEditResult> {
  return editVisit(
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
    async (tx, stored, ctx) => {
      const now = deps.clock.now();
      const people = await tx.find('people', tenantId);
      const forEveryone = await queueNoteForEveryone(tx, tenantId, stored.id, submission.shownIn, now);
      const copy = await queueSchoolCopy(tx, tenantId, actor, { ...ctx, visit: stored }, people, now);
      return { outboxIds: [...forEveryone, ...copy.outboxIds], notices: copyNotices(ctx, copy) };
    },
  );
}
