import type { OutboxItem } from '../../domain/delivery.js';
import { StaleWriteError } from '../../domain/errors.js';
import type { StoreReader, StoreTransaction } from '../ports/store.port.js';
import type { AttemptResult, DeliveryDeps } from './attempt.js';
import { backoffDelay, type RetryPolicy } from './backoff.js';
import type { DeliveryPayload } from './delivery-request.js';

/**
 * The outbox's bookkeeping, shared by `deliver` (first attempt) and `retryOutbox` (the later ones).
 * An item is `pending` while it may still go, `sent` or `failed` when done. `attempts` counts attempts
 * started; `nextAttemptAt` is when it is next due, or, while an attempt is running, when that attempt's
 * claim lapses (so an item whose process died mid-send is picked up again, and one being sent is not).
 */

/** Between attempts from the outbox: about 1, 2, 4 ... minutes, at most 4 hours apart, 8 attempts in all (roughly a working day). */
export const outboxRetryPolicy: RetryPolicy = { maxAttempts: 8, baseDelayMs: 60_000, maxDelayMs: 4 * 60 * 60_000 };

/** How long an attempt holds its claim: far longer than one send with its own retries takes. */
export const CLAIM_LEASE_MS = 10 * 60_000;

/** Done items are kept this long (beyond the store's 7-day idempotency window), then removed. */
export const KEEP_DONE_ITEMS_MS = 30 * 24 * 60 * 60_000;

export const outboxItemKind = (payload: DeliveryPayload): OutboxItem['kind'] => ('recipient' in payload.to && !payload.to.recipient.aadObjectId ? 'mail' : 'teams-message');

/**
 * What a sent item keeps of its payload: what it was and for whom (a repeated press names them) and how it went.
 * The content (a whole card, a mail) is never sent again, so it is not kept for the 30 days a done item stays.
 */
function sentPayload(payload: Record<string, unknown>, via: 'teams' | 'mail'): Record<string, unknown> {
  const { about, to } = payload as Partial<DeliveryPayload>;
  return { about, to, sentVia: via };
}

const later = (now: Date, ms: number) => new Date(now.getTime() + ms).toISOString();

/**
 * Records what an attempt did to a claimed item (`version` is the claim's): sent, failed for good, or due
 * again after the back-off. Returns the item's new status. A StaleWriteError here means another process
 * took the item after our claim lapsed; the caller lets it go.
 */
export async function recordAttempt(
  tx: StoreTransaction,
  tenantId: string,
  item: Pick<OutboxItem, 'id' | 'version' | 'attempts' | 'payload'>,
  result: AttemptResult,
  now: Date,
  policy: RetryPolicy = outboxRetryPolicy,
): Promise<OutboxItem['status']> {
  if (result.status === 'sent') {
    await tx.update('outbox', tenantId, item.id, item.version, { status: 'sent', payload: sentPayload(item.payload, result.via), lastError: undefined }, { action: 'outbox.sent' });
    return 'sent';
  }
  const givingUp = result.status === 'undeliverable' || item.attempts >= policy.maxAttempts;
  await tx.update(
    'outbox',
    tenantId,
    item.id,
    item.version,
    givingUp
      ? { status: 'failed', lastError: result.reason }
      : { status: 'pending', lastError: result.reason, nextAttemptAt: later(now, backoffDelay(item.attempts, policy)) },
    { action: givingUp ? 'outbox.failed' : 'outbox.retryScheduled' },
  );
  return givingUp ? 'failed' : 'pending';
}

/**
 * Makes one attempt at an item claimed by `claimDueItem` and records how it went. A sender that throws (a bug,
 * not a delivery failure) counts as an attempt to retry, so the item cannot loop for ever. Returns undefined
 * when another process took the item over meanwhile (its claim lapsed): that process now owns the record.
 */
export async function attemptClaimed(
  deps: DeliveryDeps,
  tenantId: string,
  claimed: OutboxItem,
  send: (deps: DeliveryDeps, tenantId: string, item: OutboxItem) => Promise<AttemptResult>,
  now: Date,
  policy: RetryPolicy = outboxRetryPolicy,
): Promise<{ result: AttemptResult; status: OutboxItem['status'] } | undefined> {
  let result: AttemptResult;
  try {
    result = await send(deps, tenantId, claimed);
  } catch (error) {
    deps.logger.error({ outboxId: claimed.id, error: (error as Error).name }, 'outbox attempt threw');
    result = { status: 'retry', reason: 'the bot hit an unexpected error' };
  }
  try {
    const { value: status } = await deps.store.transact((tx) => recordAttempt(tx, tenantId, claimed, result, now, policy), { actor: 'system' });
    return { result, status };
  } catch (error) {
    if (error instanceof StaleWriteError) return undefined;
    throw error;
  }
}

/** The item a request with this idempotency key made, if any. */
export async function findByKey(reader: Pick<StoreReader, 'find'>, tenantId: string, key: string): Promise<OutboxItem | undefined> {
  return (await reader.find('outbox', tenantId, { key }))[0];
}

/** A new item whose first attempt starts now (claimed by its creator). The id is left to the store: ids say nothing. */
export function claimedItem(payload: DeliveryPayload, now: Date, requestedBy: string | undefined, key?: string) {
  return {
    key,
    kind: outboxItemKind(payload),
    payload: payload as Record<string, unknown>,
    status: 'pending' as const,
    attempts: 1,
    nextAttemptAt: later(now, CLAIM_LEASE_MS),
    requestedBy,
  };
}

/**
 * Claims a due item for one attempt: bumps `attempts` and pushes `nextAttemptAt` out by the lease, writing
 * against the version just read. If another process claimed it first the store refuses the write
 * (StaleWriteError) and this returns undefined, so each attempt is made by exactly one process.
 */
export async function claimDueItem(deps: Pick<DeliveryDeps, 'store'>, tenantId: string, item: OutboxItem, now: Date): Promise<OutboxItem | undefined> {
  try {
    const { value } = await deps.store.transact(
      async (tx) => {
        const claimed = await tx.update('outbox', tenantId, item.id, item.version, { attempts: item.attempts + 1, nextAttemptAt: later(now, CLAIM_LEASE_MS) }, { action: 'outbox.claimed' });
        return { version: claimed.version, attempts: claimed.attempts };
      },
      { actor: 'system' },
    );
    return { ...item, ...value, nextAttemptAt: later(now, CLAIM_LEASE_MS) };
  } catch (error) {
    if (error instanceof StaleWriteError) return undefined;
    throw error;
  }
}
