import type { DeliveryDeps } from '../app/delivery/attempt.js';
import { retryOutbox, type OutboxRunSummary } from '../app/delivery/retry-outbox.js';
import type { Job } from './job.js';

export interface OutboxJobDeps extends DeliveryDeps {
  /** The tenant whose outbox this bot works (config.tenantId). */
  tenantId: string;
}

/** Every minute: a queued message waits at most its back-off plus a minute. */
export const OUTBOX_SCHEDULE = '* * * * *';

/**
 * Resends whatever in the outbox is due at `at`. Each item is also claimed by a versioned write before it is
 * sent, so even two runs at once would send it once.
 */
export function runOutbox(deps: OutboxJobDeps, at: Date): Promise<OutboxRunSummary> {
  return retryOutbox(deps, deps.tenantId, at);
}

/**
 * The outbox retry as a scheduled job. It works on the clock's time, not the minute it was due at: what is due in
 * the outbox depends on when it is sent. Quiet minutes leave no jobRuns record (a record a minute would only
 * grow the store and its audit log).
 */
export const outboxJob: Job = {
  name: 'outbox',
  schedule: OUTBOX_SCHEDULE,
  history: 'busy-runs',
  async run(deps) {
    const s = await runOutbox(deps, deps.clock.now());
    return { detail: `${s.due} due, ${s.sent} sent, ${s.rescheduled} to retry, ${s.failed} given up, ${s.skipped} skipped, ${s.removed} removed`, busy: s.due > 0 || s.removed > 0 };
  },
};
