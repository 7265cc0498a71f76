import type { OutboxItem } from '../../domain/delivery.js';
import { mailHtml } from '../notices/mail-html.js';
import { attemptDelivery, describeTarget, type AttemptResult, type DeliveryDeps } from './attempt.js';
import { DeliveryPayloadSchema, type DeliveryPayload } from './delivery-request.js';
import { attemptClaimed, claimDueItem, KEEP_DONE_ITEMS_MS, outboxRetryPolicy } from './outbox.js';
import type { RetryPolicy } from './backoff.js';

/** Makes one attempt at an outbox item of one kind. Later work (calendar bookings) adds its own kind here. */
export type OutboxSender = (deps: DeliveryDeps, tenantId: string, item: OutboxItem) => Promise<AttemptResult>;

/** Teams messages and mails queued by `deliver`: their payload says what to send, resolved afresh now. */
const sendDelivery: OutboxSender = async (deps, tenantId, item) => {
  const parsed = DeliveryPayloadSchema.safeParse(item.payload);
  if (!parsed.success) return { status: 'undeliverable', reason: 'its stored form could not be read' };
  return attemptDelivery(deps, tenantId, parsed.data, parsed.data.deliveryKey ?? item.id);
};

export const defaultOutboxSenders: Partial<Record<OutboxItem['kind'], OutboxSender>> = { 'teams-message': sendDelivery, mail: sendDelivery };

export interface OutboxRunSummary {
  /** Items that were due at `now`. */
  due: number;
  sent: number;
  /** Failed again, and due again after the back-off. */
  rescheduled: number;
  /** Given up: the requester was told. */
  failed: number;
  /** Taken by another process first (or of a kind this run does not send). */
  skipped: number;
  /** Done items older than the keeping period, removed. */
  removed: number;
}

export interface RetryOutboxOptions {
  senders?: Partial<Record<OutboxItem['kind'], OutboxSender>>;
  policy?: RetryPolicy;
}

/** Tells whoever asked that it could not be delivered: Teams, else e-mail; never queued (it would loop). */
export async function tellRequester(deps: DeliveryDeps, tenantId: string, item: OutboxItem, reason: string): Promise<void> {
  if (!item.requestedBy) return;
  const payload = item.payload as DeliveryPayload;
  const about = payload.about ?? 'a message';
  const name = payload.to ? await describeTarget(deps.store, tenantId, payload.to) : 'them';
  const text = `I couldn't deliver ${about} to ${name} after ${item.attempts} ${item.attempts === 1 ? 'try' : 'tries'} (${reason}). Please get in touch with them another way.`;
  const told = await attemptDelivery(deps, tenantId, {
    about: 'a delivery failure notice',
    to: { person: item.requestedBy },
    content: { kind: 'message', message: { text }, mail: { subject: `Couldn't deliver ${about}`, html: mailHtml(`Couldn't deliver ${about}`, [text]) } },
  });
  if (told.status !== 'sent') deps.logger.warn({ outboxId: item.id, requestedBy: item.requestedBy }, 'could not tell the requester of a failed delivery');
}

/**
 * Resends every outbox item of the tenant due at `now`, one at a time (the messenger keeps to Teams' rate
 * limits). Each item is claimed first by a versioned write, so with several instances each attempt is made
 * by exactly one. Failures are due again after exponential back-off; after `policy.maxAttempts` (or a
 * failure that cannot pass) the item is marked failed and `requestedBy` is told in Teams. Done items older
 * than 30 days are removed so the outbox stays small. Called every minute by the outbox job.
 */
export async function retryOutbox(deps: DeliveryDeps, tenantId: string, now: Date = deps.clock.now(), options: RetryOutboxOptions = {}): Promise<OutboxRunSummary> {
  const senders = options.senders ?? defaultOutboxSenders;
  const policy = options.policy ?? outboxRetryPolicy;
  const summary: OutboxRunSummary = { due: 0, sent: 0, rescheduled: 0, failed: 0, skipped: 0, removed: 0 };
  const pending = await deps.store.find('outbox', tenantId, { status: 'pending' });
  const due = pending.filter((i) => Date.parse(i.nextAttemptAt) <= now.getTime()).sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt));
  summary.due = due.length;

  for (const item of due) {
    const sender = senders[item.kind];
    const claimed = sender ? await claimDueItem(deps, tenantId, item, now) : undefined;
    if (!sender || !claimed) {
      summary.skipped += 1;
      continue;
    }
    const attempted = await attemptClaimed(deps, tenantId, claimed, sender, now, policy);
    if (!attempted) {
      summary.skipped += 1;
      continue;
    }
    const { result, status } = attempted;
    if (status === 'sent') summary.sent += 1;
    else if (status === 'pending') summary.rescheduled += 1;
    else {
      summary.failed += 1;
      await tellRequester(deps, tenantId, claimed, result.status === 'sent' ? '' : result.reason);
    }
    deps.logger.info({ outboxId: item.id, attempts: claimed.attempts, status }, 'outbox attempt');
  }

  summary.removed = await removeOldDoneItems(deps, tenantId, now);
  return summary;
}

async function removeOldDoneItems(deps: DeliveryDeps, tenantId: string, now: Date): Promise<number> {
  const cutoff = now.getTime() - KEEP_DONE_ITEMS_MS;
  const old = (await deps.store.find('outbox', tenantId)).filter((i) => i.status !== 'pending' && Date.parse(i.updatedAt) < cutoff);
  if (!old.length) return 0;
  const { value } = await deps.store.transact(
    async (tx) => {
      let removed = 0;
      for (const item of old) {
        const current = await tx.get('outbox', tenantId, item.id);
        if (current && current.status !== 'pending') {
          await tx.delete('outbox', tenantId, item.id, current.version, { action: 'outbox.removed' });
          removed += 1;
        }
      }
      return removed;
    },
    { actor: 'system' },
  );
  return value;
}
