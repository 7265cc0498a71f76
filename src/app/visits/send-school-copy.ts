import { copyRecipients } from '../../domain/agenda-template.js';
import type { Person } from '../../domain/person.js';
import { headteacherOf } from '../../domain/school-roles.js';
import type { DeliveryDeps } from '../delivery/attempt.js';
import type { DeliveryOutcome, DeliveryTarget } from '../delivery/delivery-request.js';
import { dispatchQueued, enqueueDelivery } from '../delivery/enqueue.js';
import type { StoreTransaction } from '../ports/store.port.js';
import { VISIT_COPY_COMPOSER } from './visit-notices.js';
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

/**
 * Records the school's copy of a submitted note (SACRE protocol, seed 000 point 7: "copied for the school") in
 * the submit's own unit of work: one outbox item per recipient, the headteacher with Accurate and Dispute in
 * Teams, and whoever else the template names (the RE lead of a SACRE visit). Items hold the visit's id only:
 * the copy is built from the stored visit when it is sent. Returns their outbox ids for `sendQueuedCopy`;
 * none when the template sends no copy or the school's headteacher is not registered.
 */
export async function queueSchoolCopy(tx: StoreTransaction, tenantId: string, actor: Person, ctx: VisitContext, now: Date): Promise<string[]> {
  const recipients = recipientsOf(ctx, await tx.find('people', tenantId));
  const ids: string[] = [];
  for (const to of recipients) {
    ids.push(
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
  return ids;
}

function sentence(name: string, outcome: DeliveryOutcome): string {
  if (outcome.status === 'sent') return `The school's copy went to ${name} ${outcome.via === 'teams' ? 'in Teams' : 'by e-mail (Teams could not reach them)'}.`;
  return outcome.message;
}

/**
 * Sends the copies `queueSchoolCopy` recorded, right after the submit commits (or is replayed: a copy already
 * sent is not sent again, one the outbox still holds is left to it), Teams first, e-mail when Teams cannot
 * reach them. Returns a sentence per recipient for the officer.
 */
export async function sendQueuedCopy(deps: DeliveryDeps, tenantId: string, ctx: Pick<VisitContext, 'template'>, outboxIds: readonly string[]): Promise<string[]> {
  if (!ctx.template.schoolGetsCopy) return [];
  if (!outboxIds.length) return [NO_HEADTEACHER];
  return (await dispatchQueued(deps, tenantId, outboxIds)).map((d) => sentence(d.name, d.outcome));
}
