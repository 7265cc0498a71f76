import { localDate } from '../../domain/academic-year.js';
import { longCalendarDate } from '../../domain/human-date.js';
import { NotFoundError } from '../../domain/errors.js';
import { isSchoolHeadteacher } from '../../domain/school-roles.js';
import { mayReadVisit } from '../../domain/visit.js';
import type { Composer } from '../delivery/composer.js';
import { mailHtml } from '../notices/mail-html.js';
import { loadVisit, summaryNames, visitSummaryView, type VisitContext } from './visit-view.js';
import type { DeliveryDeps } from '../delivery/attempt.js';

/**
 * What the bot sends about a visit, built when it is sent from the visit as stored (the outbox holds only
 * the visit's id): the school's copy of the note, and the officer's notice of the headteacher's answer.
 * Neither ever holds a confidential concern: those are stored apart and never in a visit.
 */

/** The card the school's copy (and every summary) is shown in. */
export const VISIT_SUMMARY_CARD = 'visit-summary';
/** Composer names, as stored in outbox items. */
export const VISIT_COPY_COMPOSER = 'visit.copy';
export const VISIT_RESPONSE_COMPOSER = 'visit.response';
export const VISIT_FOR_EVERYONE_COMPOSER = 'visit.forEveryone';

/** The visit, or why there is nothing to send any more. */
async function visitFor(deps: DeliveryDeps, tenantId: string, visitId: string | undefined): Promise<VisitContext | { undeliverable: string }> {
  if (!visitId) return { undeliverable: 'its visit is not named' };
  try {
    return await loadVisit(deps.store, tenantId, visitId);
  } catch (error) {
    if (error instanceof NotFoundError) return { undeliverable: 'the visit no longer exists' };
    throw error;
  }
}

/** The day of the visit, else the day it was submitted, in TIMEZONE. */
const dayOf = (ctx: VisitContext, deps: DeliveryDeps) => ctx.visit.visitedDate ?? localDate(ctx.visit.submittedAt ?? deps.clock.now(), deps.timeZone);

/**
 * The school's copy for one recipient: their own view of the note (Accurate and Dispute for the school's
 * headteacher), and the same note by e-mail. Once the headteacher's copy has gone, the visit records when
 * (`copySentAt`), which is what lets them answer it.
 */
export const composeVisitCopy: Composer = async (deps, tenantId, ref, to) => {
  const found = await visitFor(deps, tenantId, ref.visitId);
  if ('undeliverable' in found) return found;
  if (found.visit.status !== 'submitted') return { undeliverable: 'the visit note is no longer submitted' };
  const school = found.school;
  if (!school) return { undeliverable: 'a visit to a partnership as a whole has no school copy' };
  // Read afresh when sent: someone who has since left the school (or its role) is not sent its note.
  if (to.person && !mayReadVisit(to.person, found)) return { undeliverable: `${to.person.name} may no longer read this school's visit notes` };
  const now = deps.clock.now().toISOString();
  const forHead = to.person ? isSchoolHeadteacher(to.person, school) : !!school.headteacherEmail && to.recipient?.email === school.headteacherEmail;
  // The headteacher's copy offers Accurate and Dispute, which needs the copy marked as sent.
  const ctx = forHead && !found.visit.copySentAt ? { ...found, visit: { ...found.visit, copySentAt: now } } : found;
  const { template, visitorName } = ctx;
  const names = await summaryNames(deps.store, tenantId, ctx.visit);
  const when = longCalendarDate(dayOf(ctx, deps));
  const plain = visitSummaryView(ctx, names, undefined, [], deps.timeZone);
  const html = mailHtml(
    `${template.name}: ${school.name}, ${when}`,
    [
      `${visitorName} visited on ${when}. This is the school's copy of the note.`,
      `If anything in it is not accurate, tell ${visitorName}; the headteacher can also mark it accurate or disputed in Teams: in a 1:1 chat with School Improvement Bot, type visits.`,
    ],
    [...plain.attendees.map((a) => [a.role, a.name] as const), ...plain.answers.map((a) => [a.prompt, a.answer] as const)],
  );
  return {
    message: { text: `Your copy of the ${template.name} note for ${school.name} (${when}).`, card: { name: VISIT_SUMMARY_CARD, data: visitSummaryView(ctx, names, to.person, [], deps.timeZone) } },
    mail: { subject: `Visit note for ${school.name}, ${when}`, html },
    afterSent: forHead
      ? async () => {
          await deps.store.transact(
            async (tx) => {
              const current = await tx.get('visits', tenantId, ctx.visit.id);
              // Plumbing beside the record: 'any' version, since nothing a person edits is touched.
              if (current && !current.copySentAt) await tx.update('visits', tenantId, current.id, 'any', { copySentAt: now }, { action: 'visit.copySent' });
            },
            { actor: 'system' },
          );
        }
      : undefined,
  };
};

/** The officer's notice that the headteacher has answered the school's copy, quoting a dispute's comment from the visit. */
export const composeVisitResponse: Composer = async (deps, tenantId, ref) => {
  const found = await visitFor(deps, tenantId, ref.visitId);
  if ('undeliverable' in found) return found;
  const response = found.visit.schoolResponse;
  if (!response) return { undeliverable: 'the school has not answered the visit note' };
  const by = (await deps.store.get('people', tenantId, response.by))?.name ?? 'The headteacher';
  const { school, template, visit } = found;
  if (!school) return { undeliverable: 'a visit to a partnership as a whole has no school to answer it' };
  const said = response.verdict === 'accurate' ? 'marked it accurate' : `disputed it: "${response.comment ?? ''}"`;
  const text = `${by} (headteacher) has read the school's copy of your ${template.name} note for ${school.name} (${visit.visitedDate ? longCalendarDate(visit.visitedDate) : 'no date'}) and ${said}.`;
  return {
    message: { text },
    mail: { subject: `${school.name}: the school has answered its copy of your visit note`, html: mailHtml(`Visit note for ${school.name}`, [text]) },
  };
};

/**
 * The final note in the message that held the agenda, for everyone in the chat (the invoke response replaced
 * the card only for the person who pressed): the note as anyone allowed to read it sees it, whose refresh then
 * gives each viewer their own view.
 */
export const composeVisitForEveryone: Composer = async (deps, tenantId, ref) => {
  const found = await visitFor(deps, tenantId, ref.visitId);
  if ('undeliverable' in found) return found;
  const view = visitSummaryView(found, await summaryNames(deps.store, tenantId, found.visit), undefined, [], deps.timeZone);
  return { message: { text: `The ${found.template.name} note for ${view.schoolName}.`, card: { name: VISIT_SUMMARY_CARD, data: view } } };
};
