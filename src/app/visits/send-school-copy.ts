import { copyRecipients } from '../../domain/agenda-template.js';
import type { Person } from '../../domain/person.js';
import { headteacherOf } from '../../domain/school-roles.js';
import type { DeliveryTarget } from '../delivery/delivery-request.js';
import { enqueueDelivery } from '../delivery/enqueue.js';
import type { ActivityReference } from '../ports/messenger.port.js';
import type { StoreTransaction } from '../ports/store.port.js';
import { VISIT_COPY_COMPOSER, VISIT_FOR_EVERYONE_COMPOSER } from './visit-notices.js';
import type { VisitContext } from './visit-view.js';

const NO_HEADTEACHER =
  "The school's headteacher is not in the register, so the school's copy was not sent. Ask an administrator to add the headteacher.";

/** Who gets the copy: the headteacher (a person record, so Accurate and Dispute reach them), then whoever else the template names. */
function recipientsOf(ctx: VisitContext, people: readonly Person[]): DeliveryTarget[] {
  const { template, school } = ctx;
  // A visit to a partnership as a whole has no school, so no school copy.
  if (!school) return [];
  const head = headteacherOf(school, people);
  if (!template.schoolGetsCopy || !head) return [];
  const emails = new Set([head.email]);
  const out: DeliveryTarget[] = [{ person: head.id }];
  for (const email of copyRecipients(template, school)) {
    if (emails.has(email)) continue;
    emails.add(email);
    const person = people.find((p) => p.email === email);
    const isHeadteacher = email === school.headteacherEmail;
    out.push(person ? { person: person.id } : { recipient: { name: isHeadteacher ? (school.headteacherName ?? 'the headteacher') : email, email } });
  }
  return out;
}

/** What a submit records to send after its answer: the outbox items, and who the copy goes to, in words. */
export interface QueuedCopy {
  outboxIds: string[];
  /** The copy's recipients by name, for the officer's notice. */
  names: string[];
}

/**
 * Records the school's copy of a submitted note (SACRE protocol, seed 000 point 7: "copied for the school") in
 * the submit's own unit of work: one outbox item per recipient, the headteacher with Accurate and Dispute in
 * Teams, and whoever else the template names (the RE lead of a SACRE visit). Items hold the visit's id only:
 * the copy is built from the stored visit when it is sent, after the press is answered. None when the template
 * sends no copy or the school's headteacher is not registered. `people` is the register as the unit read it.
 */
export async function queueSchoolCopy(tx: StoreTransaction, tenantId: string, actor: Person, ctx: VisitContext, people: readonly Person[], now: Date): Promise<QueuedCopy> {
  const recipients = recipientsOf(ctx, people);
  const outboxIds: string[] = [];
  for (const to of recipients) {
    outboxIds.push(
      await enqueueDelivery(
        tx,
        {
          tenantId,
          to,
          content: { kind: 'composed', composer: VISIT_COPY_COMPOSER, ref: { visitId: ctx.visit.id } },
          about: `the school's copy of the visit note for ${ctx.school?.name ?? 'the school'}`,
          requestedBy: actor.id,
        },
        now,
      ),
    );
  }
  const names = recipients.map((to) => ('person' in to ? (people.find((p) => p.id === to.person)?.name ?? 'the headteacher') : 'recipient' in to ? to.recipient.name : ''));
  return { outboxIds, names };
}

/**
 * Records, in the same unit, the final note replacing the agenda card for everyone in its chat (`shownIn`, the
 * message that held the card), sent after the answer like the copy. Nobody is told if Teams will no longer let
 * the bot edit that message: the note is stored either way and the presser already sees it.
 */
export async function queueNoteForEveryone(tx: StoreTransaction, tenantId: string, visitId: string, shownIn: ActivityReference | undefined, now: Date): Promise<string[]> {
  if (!shownIn) return [];
  const request = { tenantId, to: { message: shownIn }, content: { kind: 'composed' as const, composer: VISIT_FOR_EVERYONE_COMPOSER, ref: { visitId } }, about: 'the visit note for everyone in the chat' };
  return [await enqueueDelivery(tx, request, now)];
}

/** What the officer is told of the copy when the press is answered, before it has gone: where it is going, or why it is not. */
export function copyNotices(ctx: Pick<VisitContext, 'template'>, copy: Pick<QueuedCopy, 'names'>): string[] {
  if (!ctx.template.schoolGetsCopy) return [];
  if (!copy.names.length) return [NO_HEADTEACHER];
  return [`The school's copy is on its way to ${copy.names.join(' and ')}. I'll tell you if it cannot be delivered.`];
}
