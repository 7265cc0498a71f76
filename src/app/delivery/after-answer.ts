import type { Logger } from '../ports/logger.port.js';
import type { DeliveryDeps } from './delivery-deps.js';
import { dispatchQueued } from './enqueue.js';
import { tellRequester } from './retry-outbox.js';

/**
 * How many presses' sends run at once, at most. Teams takes about 30 calls a second from the bot, so presses
 * arriving faster than their sends can go would otherwise pile up in memory without bound (each waiting send
 * holds its card, its claim and its place in the rate limiter): beyond this many, a press's items stay in the
 * outbox, due at once, and the outbox job sends them on its next run (within a minute), in the order they came.
 */
export const MAX_RUNNING_AFTER_ANSWER = 100;

/**
 * Sends what a press recorded in the outbox once the press has been answered, so no answer waits on Teams or
 * Graph: first attempt at once, then the outbox job's retries. Every dispatch is tracked, so that shutdown can
 * wait for them a bounded time and then leave the rest to the outbox: an item not yet tried stays due, one
 * being tried keeps its claim until the claim lapses, and the outbox job (of this process or another) sends it.
 * At most `maxRunning` run at once (MAX_RUNNING_AFTER_ANSWER): the rest is left to the outbox job likewise.
 */
export class AfterAnswerDispatcher {
  private readonly running = new Set<Promise<void>>();
  private closed = false;
  /** Whether the last dispatch found every place taken (logged once per busy spell, not once per press). */
  private full = false;

  constructor(
    private readonly deps: DeliveryDeps,
    private readonly maxRunning = MAX_RUNNING_AFTER_ANSWER,
  ) {}

  /**
   * Starts sending the items now, in the background; after `close`, or while `maxRunning` dispatches are under
   * way, it leaves them to the outbox.
   */
  dispatch(tenantId: string, outboxIds: readonly string[], logger: Logger = this.deps.logger): void {
    if (!outboxIds.length || !this.hasRoom('send')) return;
    this.track(() => this.send(tenantId, outboxIds, { ...this.deps, logger }));
  }

  /**
   * Runs other best-effort work after an answer (a pressed card replaced for everyone in its chat), tracked like
   * the sends; a failure is logged and dropped (nobody waits on it, and the person who pressed already sees it).
   * It is not in the outbox: while `maxRunning` are under way it is dropped, and logged, like a failure.
   * `logger` is the request's, when the work is one request's.
   */
  run(what: string, work: () => Promise<unknown>, logger: Logger = this.deps.logger): void {
    if (!this.hasRoom(what)) return;
    this.track(async () => {
      try {
        await work();
      } catch (error) {
        logger.warn({ code: 'after-answer-failed', what, error: (error as Error).name }, 'work after the answer failed');
      }
    });
  }

  private hasRoom(what: string): boolean {
    if (this.running.size < this.maxRunning) {
      this.full = false;
      return true;
    }
    if (!this.full) this.deps.logger.warn({ code: 'after-answer-full', what, running: this.running.size }, 'work after answers arrives faster than Teams takes it; sends are left to the outbox job');
    this.full = true;
    return false;
  }

  private track(work: () => Promise<void>): void {
    if (this.closed) return;
    const run: Promise<void> = work().finally(() => this.running.delete(run));
    this.running.add(run);
  }

  private async send(tenantId: string, outboxIds: readonly string[], deps: DeliveryDeps): Promise<void> {
    try {
      for (const sent of await dispatchQueued(deps, tenantId, outboxIds)) {
        if (sent.outcome.status !== 'undeliverable') continue;
        // It cannot go at all: whoever asked hears it now, as they would from the outbox giving up.
        const item = await deps.store.get('outbox', tenantId, sent.outboxId);
        if (item) await tellRequester(deps, tenantId, item, sent.outcome.reason);
      }
    } catch (error) {
      // Left to the outbox (its claim lapses); the store may be closing under a shutdown.
      deps.logger.warn({ code: 'dispatch-failed', error: (error as Error).name, outboxIds }, 'sending after the answer failed; the outbox will retry');
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
