import { Cron } from 'croner';
import type { DeliveryDeps } from '../app/delivery/attempt.js';
import { retryOutbox, type OutboxRunSummary } from '../app/delivery/retry-outbox.js';

export interface OutboxJobDeps extends DeliveryDeps {
  /** The tenant whose outbox this bot works (config.tenantId). */
  tenantId: string;
}

/** Every minute: a queued message waits at most its back-off plus a minute. */
export const OUTBOX_SCHEDULE = '* * * * *';

/**
 * Resends whatever in the outbox is due at `at`, once. Safe to run as often as wanted and by several
 * instances at once: each item is claimed by a versioned write before it is sent, so no run keeps a
 * job-run lock (a record per minute would only grow the store). `jobs run-due --at` calls this too.
 */
export function runOutbox(deps: OutboxJobDeps, at: Date): Promise<OutboxRunSummary> {
  return retryOutbox(deps, deps.tenantId, at);
}

/**
 * Runs the outbox every minute in this process until `stop()`. croner's `protect` skips a tick while the
 * previous run is still sending, so a slow Teams cannot pile runs up.
 */
export function scheduleOutbox(deps: OutboxJobDeps): { stop(): void } {
  const job = new Cron(OUTBOX_SCHEDULE, { protect: true, name: 'outbox' }, async () => {
    try {
      const summary = await runOutbox(deps, deps.clock.now());
      if (summary.due || summary.removed) deps.logger.info({ job: 'outbox', ...summary }, 'outbox run');
    } catch (error) {
      // The next tick tries again; log the kind of failure only, never a payload.
      deps.logger.error({ job: 'outbox', error: (error as Error)?.name }, 'outbox run failed');
    }
  });
  return { stop: () => job.stop() };
}
