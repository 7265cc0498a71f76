import type { DeliveryDeps } from './delivery-deps.js';
import { dispatchQueued } from './enqueue.js';
import { tellRequester } from './retry-outbox.js';

/**
 * Sends what a press recorded in the outbox once the press has been answered, so no answer waits on Teams or
 * Graph: first attempt at once, then the outbox job's retries. Every dispatch is tracked, so that shutdown can
 * wait for them a bounded time and then leave the rest to the outbox: an item not yet tried stays due, one
 * being tried keeps its claim until the claim lapses, and the outbox job (of this process or another) sends it.
 */
export class AfterAnswerDispatcher {
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly deps: DeliveryDeps) {}

  /** Starts sending the items now, in the background; after `close` it leaves them to the outbox. */
  dispatch(tenantId: string, outboxIds: readonly string[]): void {
    if (!outboxIds.length) return;
    this.track(() => this.send(tenantId, outboxIds));
  }

  /**
   * Runs other best-effort work after an answer (a pressed card replaced for everyone in its chat), tracked like
   * the sends; a failure is logged and dropped (nobody waits on it, and the person who pressed already sees it).
   */
  run(what: string, work: () => Promise<unknown>): void {
    this.track(async () => {
      try {
        await work();
      } catch (error) {
        this.deps.logger.warn({ code: 'after-answer-failed', what, error: (error as Error).name }, 'work after the answer failed');
      }
    });
  }

  private track(work: () => Promise<void>): void {
    if (this.closed) return;
    const run: Promise<void> = work().finally(() => this.running.delete(run));
    this.running.add(run);
  }

  private async send(tenantId: string, outboxIds: readonly string[]): Promise<void> {
    try {
      for (const sent of await dispatchQueued(this.deps, tenantId, outboxIds)) {
        if (sent.outcome.status !== 'undeliverable') continue;
        // It cannot go at all: whoever asked hears it now, as they would from the outbox giving up.
        const item = await this.deps.store.get('outbox', tenantId, sent.outboxId);
        if (item) await tellRequester(this.deps, tenantId, item, sent.outcome.reason);
      }
    } catch (error) {
      // Left to the outbox (its claim lapses); the store may be closing under a shutdown.
      this.deps.logger.warn({ code: 'dispatch-failed', error: (error as Error).name, outboxIds }, 'sending after the answer failed; the outbox will retry');
    }
  }

  /** Resolves once nothing is being sent (tests and tools). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  /** Takes no more work and waits at most `graceMs` for what is being sent; the rest stays in the outbox. */
  async close(graceMs: number): Promise<void> {
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled([...this.running]), grace]);
    clearTimeout(timer);
    if (this.running.size) this.deps.logger.warn({ code: 'dispatch-abandoned', count: this.running.size }, 'shutting down with sends in flight; the outbox will retry them');
  }
}
