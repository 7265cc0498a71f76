import type { StoreTransaction } from '../ports/store.port.js';
import { describeTarget, type DeliveryDeps } from './attempt.js';
import { outcomeOf } from './deliver.js';
import { DeliveryPayloadSchema, deliveryPayloadOf, type DeliveryOutcome, type DeliveryPayload, type DeliveryRequest } from './delivery-request.js';
import { attemptClaimed, claimDueItem, findByKey, outboxItemKind } from './outbox.js';
import { defaultOutboxSenders } from './retry-outbox.js';

/**
 * Notifications recorded with the change they report, then sent (the "transactional outbox").
 *
 * A use case that must tell someone of a change records the message in the same unit of work as the change,
 * and tries to send it right after the commit:
 *
 * ```ts
 * const { value } = await deps.store.transact(async (tx) => {
 *   const hc = await tx.update('healthChecks', ...);
 *   const outboxId = await enqueueDelivery(tx, { tenantId, to: { person: head.id }, content, about, requestedBy: actor.id }, deps.clock.now());
 *   return { id: hc.id, outboxIds: [outboxId] };
 * }, { actor: actor.id, idempotencyKey });
 * // Also on a replay (`replayed: true`): an item already sent is not sent again, one left pending is tried now.
 * const told = await dispatchQueued(deps, tenantId, value.outboxIds);
 * ```
 *
 * If the process dies between the commit and the send, the outbox job (every minute) sends the item; if the
 * send fails in a way that may pass, it stays in the outbox with the usual back-off and the requester is told
 * if it finally fails. Each attempt is claimed by a versioned write, so `dispatchQueued` and the job never
 * both send it. Put references rather than what people wrote in `content` (a `composed` content naming a
 * record), so the outbox never holds a note's text.
 */

/** One dispatched item: who it was for, in the officer's words, and how it went (with the sentence to show them). */
export interface DispatchedDelivery {
  outboxId: string;
  name: string;
  outcome: DeliveryOutcome;
}

/**
 * Records a delivery in the caller's unit of work, due at once, and returns its outbox id for `dispatchQueued`.
 * Nothing is sent here. With an idempotency key, a request whose item already exists (in any unit) returns
 * that item's id and records nothing more.
 */
export async function enqueueDelivery(tx: StoreTransaction, request: DeliveryRequest, now: Date): Promise<string> {
  const { tenantId, idempotencyKey: key } = request;
  const payload: DeliveryPayload = deliveryPayloadOf(request);
  if (key) {
    const existing = await findByKey(tx, tenantId, key);
    if (existing) return existing.id;
  }
  const item = await tx.insert(
    'outbox',
    tenantId,
    { key, kind: outboxItemKind(payload), payload: payload as Record<string, unknown>, status: 'pending', attempts: 0, nextAttemptAt: now.toISOString(), requestedBy: request.requestedBy },
    { action: 'outbox.queued' },
  );
  return item.id;
}

/** What `standing` reads of a payload: a sent item keeps no content (see recordAttempt), only who it was for and how it went. */
const WhoAndHow = DeliveryPayloadSchema.pick({ to: true, sentVia: true });

/** Where a recorded item stands, without sending it: the item (unless it is done) and its outcome so far. */
async function standing(deps: DeliveryDeps, tenantId: string, outboxId: string) {
  const item = await deps.store.get('outbox', tenantId, outboxId);
  const parsed = WhoAndHow.safeParse(item?.payload);
  const name = parsed.success ? await describeTarget(deps.store, tenantId, parsed.data.to) : 'them';
  const done = (outcome: DeliveryOutcome) => ({ done: { outboxId, name, outcome } });
  if (!item) return done(outcomeOf({ status: 'undeliverable', reason: 'it is no longer in the outbox' }, name, undefined));
  if (item.status === 'sent') return done({ status: 'sent', via: parsed.success ? (parsed.data.sentVia ?? 'teams') : 'teams', replayed: true });
  if (item.status === 'failed') return done(outcomeOf({ status: 'undeliverable', reason: item.lastError ?? 'it could not be delivered' }, name, undefined));
  return { item, name, waiting: { outboxId, name, outcome: outcomeOf({ status: 'retry', reason: item.lastError ?? '' }, name, outboxId) } };
}

/**
 * How the recorded items stand, without sending any: for a press answered before they go (they are sent after
 * the answer). Each is `queued` until it has gone, `sent` (`replayed`) when it went before (a repeated press).
 */
export async function queuedStanding(deps: DeliveryDeps, tenantId: string, outboxIds: readonly string[]): Promise<DispatchedDelivery[]> {
  const out: DispatchedDelivery[] = [];
  for (const id of outboxIds) {
    const now = await standing(deps, tenantId, id);
    out.push('done' in now ? now.done : now.waiting);
  }
  return out;
}

/** Tries one recorded item now, unless it is done, or being tried or waiting its back-off (then the outbox has it). */
async function dispatchOne(deps: DeliveryDeps, tenantId: string, outboxId: string, now: Date): Promise<DispatchedDelivery> {
  const found = await standing(deps, tenantId, outboxId);
  if ('done' in found) return found.done;
  const { item, name, waiting } = found;
  const sender = defaultOutboxSenders[item.kind];
  if (!sender || Date.parse(item.nextAttemptAt) > now.getTime()) return waiting;
  const claimed = await claimDueItem(deps, tenantId, item, now);
  if (!claimed) return waiting;
  const attempted = await attemptClaimed(deps, tenantId, claimed, sender, now);
  if (!attempted) return waiting;
  const { result, status } = attempted;
  if (status === 'pending') deps.logger.info({ outboxId, tenantId }, 'delivery queued in the outbox');
  // Given up at once (it cannot pass): the outcome carries the reason for the officer, who is shown it now.
  return { outboxId, name, outcome: outcomeOf(status === 'failed' && result.status === 'retry' ? { status: 'undeliverable', reason: result.reason } : result, name, outboxId) };
}

/**
 * Sends, one after the other, the items `enqueueDelivery` recorded, right after the caller's commit (or its
 * replay). Each is claimed first, exactly as the outbox job claims it, so it goes once whoever gets there
 * first. Returns, in the order given, how each went: `sent` (`replayed` when it had gone before), `queued`
 * (left to the outbox's retries: the officer is told if it finally fails) or `undeliverable`.
 */
export async function dispatchQueued(deps: DeliveryDeps, tenantId: string, outboxIds: readonly string[]): Promise<DispatchedDelivery[]> {
  const out: DispatchedDelivery[] = [];
  for (const id of outboxIds) out.push(await dispatchOne(deps, tenantId, id, deps.clock.now()));
  return out;
}
