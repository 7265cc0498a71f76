import { randomUUID } from 'node:crypto';
import { StaleWriteError } from '../../domain/errors.js';
import { attemptDelivery, describeTarget, type AttemptResult, type DeliveryDeps } from './attempt.js';
import { backoffDelay } from './backoff.js';
import { deliveryPayloadOf, type DeliveryOutcome, type DeliveryPayload, type DeliveryRequest } from './delivery-request.js';
import { claimedItem, findByKey, outboxRetryPolicy, recordAttempt } from './outbox.js';

/** The sentence for the officer when it waits in the outbox. */
export const queuedMessage = (name: string) => `Couldn't reach ${name} now; I'll keep trying and tell you if it fails.`;
const undeliverableMessage = (name: string, reason: string) => `Couldn't reach ${name}: ${reason}.`;

/** The outcome of an attempt, with the sentence for the officer. */
export function outcomeOf(result: AttemptResult, name: string, outboxId: string | undefined): DeliveryOutcome {
  if (result.status === 'sent') return { status: 'sent', via: result.via, replayed: false };
  if (result.status === 'retry' && outboxId) return { status: 'queued', outboxId, message: queuedMessage(name) };
  return { status: 'undeliverable', reason: result.reason, message: undeliverableMessage(name, result.reason) };
}

type Claim = { claimed: { id: string; version: number } } | { existing: { id: string; status: 'pending' | 'sent' | 'failed'; sentVia: 'teams' | 'mail'; lastError: string } };

/** Inserts the item for this key, claimed for the first attempt, or returns the one a previous call made. */
async function claimByKey(deps: DeliveryDeps, request: DeliveryRequest, key: string, payload: DeliveryPayload): Promise<Claim> {
  const { value } = await deps.store.transact(
    async (tx): Promise<Claim> => {
      const existing = await findByKey(tx, request.tenantId, key);
      if (existing) {
        const sentVia = (existing.payload as DeliveryPayload).sentVia ?? 'teams';
        return { existing: { id: existing.id, status: existing.status, sentVia, lastError: existing.lastError ?? 'it could not be delivered' } };
      }
      const item = await tx.insert('outbox', request.tenantId, claimedItem(payload, deps.clock.now(), request.requestedBy, key), { action: 'outbox.claimed' });
      return { claimed: { id: item.id, version: item.version } };
    },
    { actor: request.requestedBy ?? 'system' },
  );
  return value;
}

/**
 * Delivers a message now if it can: to a person by Teams, falling back to e-mail when Teams cannot reach
 * them and mail is set up; to a registered channel by Teams. When what failed may pass (throttling, an
 * outage) the message is kept in the outbox for `retryOutbox`, and the outcome carries the sentence to
 * tell the officer. With an idempotency key, a repeated request returns the first one's outcome and sends
 * nothing more; concurrent repeats are settled by the store (one insert wins).
 */
export async function deliver(deps: DeliveryDeps, request: DeliveryRequest): Promise<DeliveryOutcome> {
  const { tenantId, idempotencyKey } = request;
  const payload = deliveryPayloadOf(request);
  const name = await describeTarget(deps.store, tenantId, payload.to);

  let claim: { id: string; version: number } | undefined;
  if (idempotencyKey) {
    const claimed = await claimByKey(deps, request, idempotencyKey, payload);
    if ('existing' in claimed) {
      const { id, status, sentVia, lastError } = claimed.existing;
      if (status === 'sent') return { status: 'sent', via: sentVia, replayed: true };
      return status === 'pending' ? { status: 'queued', outboxId: id, message: queuedMessage(name) } : outcomeOf({ status: 'undeliverable', reason: lastError }, name, id);
    }
    claim = claimed.claimed;
  }

  // If this throws (a bug, not a delivery failure), a claimed item stays pending and the outbox retries it once the claim lapses.
  const deliveryKey = claim?.id ?? randomUUID();
  const result = await attemptDelivery(deps, tenantId, payload, deliveryKey);
  const now = deps.clock.now();
  if (claim) {
    const item = { id: claim.id, version: claim.version, attempts: 1, payload: payload as Record<string, unknown> };
    try {
      await deps.store.transact((tx) => recordAttempt(tx, tenantId, item, result, now).then(() => undefined), { actor: 'system' });
    } catch (error) {
      // The claim lapsed and the outbox job took the item over: it now owns the record.
      if (!(error instanceof StaleWriteError)) throw error;
    }
    return outcomeOf(result, name, claim.id);
  }
  if (result.status !== 'retry') return outcomeOf(result, name, undefined);
  const { value: outboxId } = await deps.store.transact(
    async (tx) => {
      const fresh = claimedItem({ ...payload, deliveryKey }, now, request.requestedBy);
      const nextAttemptAt = new Date(now.getTime() + backoffDelay(1, outboxRetryPolicy)).toISOString();
      return (await tx.insert('outbox', tenantId, { ...fresh, nextAttemptAt, lastError: result.reason }, { action: 'outbox.queued' })).id;
    },
    { actor: request.requestedBy ?? 'system' },
  );
  deps.logger.info({ outboxId, tenantId }, 'delivery queued in the outbox');
  return outcomeOf(result, name, outboxId);
}
