import { copyRecipients } from '../../domain/agenda-template.js';
import type { Person } from '../../domain/person.js';
import { headteacherOf } from '../../domain/school-roles.js';
import type { DeliveryDeps } from '../delivery/attempt.js';
import { deliver } from '../delivery/deliver.js';
import type { DeliveryOutcome } from '../delivery/delivery-request.js';
import { mailHtml } from '../notices/mail-html.js';
import type { Recipient } from '../ports/messenger.port.js';
import { visitSummaryView, type VisitContext } from './visit-view.js';

/** The card the school's copy (and every summary) is shown in. */
export const VISIT_SUMMARY_CARD = 'visit-summary';

interface CopyRecipient {
  recipient: Recipient;
  person?: Person;
  isHeadteacher: boolean;
}

function recipientsOf(ctx: VisitContext, people: readonly Person[]): CopyRecipient[] {
  const { template, school } = ctx;
  if (!template.schoolGetsCopy) return [];
  const head = headteacherOf(school, people);
  const toPerson = (p: Person) => ({ aadObjectId: p.aadObjectId, name: p.name, email: p.email });
  const out: CopyRecipient[] = head ? [{ recipient: toPerson(head), person: head, isHeadteacher: true }] : [];
  for (const email of copyRecipients(template, school)) {
    if (out.some((r) => r.recipient.email === email)) continue;
    const person = people.find((p) => p.email === email);
    const isHeadteacher = email === school.headteacherEmail;
    out.push({ recipient: person ? toPerson(person) : { name: isHeadteacher ? (school.headteacherName ?? 'the headteacher') : email, email }, person, isHeadteacher });
  }
  return out;
}

function sentence(name: string, outcome: DeliveryOutcome): string {
  if (outcome.status === 'sent') return `The school's copy went to ${name} ${outcome.via === 'teams' ? 'in Teams' : 'by e-mail (Teams could not reach them)'}.`;
  return outcome.message;
}

/**
 * Sends the school its copy of a submitted note (SACRE protocol, seed 000 point 7: "copied for the school"):
 * the headteacher, with Accurate and Dispute in Teams, and whoever else the template names (the RE lead of a
 * SACRE visit). Teams first, e-mail when Teams cannot reach them, the outbox when neither answers now. The
 * copy is the visit record as stored, which never holds a confidential concern. Returns the time the
 * headteacher's copy went (or was queued), if it did, and a sentence per recipient for the officer.
 */
export async function sendSchoolCopy(deps: DeliveryDeps, tenantId: string, actor: Person, ctx: VisitContext): Promise<{ copySentAt?: string; notices: string[] }> {
  if (!ctx.template.schoolGetsCopy) return { notices: [] };
  const people = await deps.store.find('people', tenantId);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const recipients = recipientsOf(ctx, people);
  if (!recipients.some((r) => r.isHeadteacher)) {
    return { notices: ["The school's headteacher is not in the register, so the school's copy was not sent. Ask an administrator to add the headteacher."] };
  }
  const now = deps.clock.now().toISOString();
  // The copy shows Accurate and Dispute to the headteacher, which needs the copy marked as sent.
  const sentCtx = { ...ctx, visit: { ...ctx.visit, copySentAt: now } };
  const { school } = ctx;
  const when = ctx.visit.visitedDate ?? now.slice(0, 10);
  const plain = visitSummaryView(sentCtx, names, undefined);
  const html = mailHtml(
    `${ctx.template.name}: ${school.name}, ${when}`,
    [
      `${ctx.visitorName} visited on ${when}. This is the school's copy of the note.`,
      `If anything in it is not accurate, tell ${ctx.visitorName}; the headteacher can also mark it accurate or disputed in Teams (School Improvement Bot).`,
    ],
    [...plain.attendees.map((a) => [a.role, a.name] as const), ...plain.answers.map((a) => [a.prompt, a.answer] as const)],
  );
  let copySentAt: string | undefined;
  const notices: string[] = [];
  for (const r of recipients) {
    const outcome = await deliver(deps, {
      tenantId,
      to: { recipient: r.recipient },
      content: {
        kind: 'message',
        message: { text: `Your copy of the ${ctx.template.name} note for ${school.name} (${when}).`, card: { name: VISIT_SUMMARY_CARD, data: visitSummaryView(sentCtx, names, r.person) } },
        mail: { subject: `Visit note for ${school.name}, ${when}`, html },
      },
      about: `the school's copy of the visit note for ${school.name}`,
      requestedBy: actor.id,
      idempotencyKey: `visit.copy:${ctx.visit.id}:${r.recipient.email}`,
    });
    if (r.isHeadteacher && outcome.status !== 'undeliverable') copySentAt = now;
    notices.push(sentence(r.recipient.name, outcome));
  }
  return { copySentAt, notices };
}
