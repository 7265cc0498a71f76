/**
 * Sliding-window rate limits for the Bot Connector, kept on our side so Teams rarely has to answer 429.
 *
 * Why not bottleneck: its reservoir refills at fixed instants, so a burst just before a refill and another
 * just after can put twice the limit into one second, and Teams counts any window. Here each limiter keeps
 * the send times of its recent requests and lets the next one go only when every window has room.
 */

import type { RateWindow, SharedRateBudget } from '../app/ports/rate-budget.port.js';

export type { RateWindow } from '../app/ports/rate-budget.port.js';

/** The budget all instances share, and the key this limiter spends it under (`conversation:<id>`, `app:<tenant>`). */
export interface SharedSpend {
  budget: SharedRateBudget;
  key: string;
}

/**
 * Per conversation (Teams' "per bot per thread" limits for sending): 7 in any second, 8 in any two seconds,
 * 60 in 30 seconds, 1,800 in an hour.
 */
export const CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { limit: 7, perMs: 1_000 },
  { limit: 8, perMs: 2_000 },
  { limit: 60, perMs: 30_000 },
  { limit: 1_800, perMs: 3_600_000 },
];

/** Per app per tenant, all requests together: about 30 a second (Teams allows 50; we leave room for replies to users). */
export const APP_WINDOWS: readonly RateWindow[] = [{ limit: 30, perMs: 1_000 }];

export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realLimiterClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * One rate-limited stream of requests. `take()` resolves when one more request may start; callers are
 * served first come, first served, so messages to one conversation leave in the order they were given.
 */
export class SlidingWindowLimiter {
  private readonly sent: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  private waiting = 0;
  private readonly longest: number;

  /**
   * `marginMs` widens every window a little: Teams counts arrivals, and network jitter can bring two
   * requests closer together on arrival than they were on leaving.
   */
  constructor(
    private readonly windows: readonly RateWindow[],
    private readonly clock: LimiterClock = realLimiterClock,
    private readonly marginMs = 50,
    private readonly shared?: SharedSpend,
  ) {
    this.longest = Math.max(...windows.map((w) => w.perMs)) + marginMs;
  }

  take(): Promise<void> {
    this.waiting += 1;
    const turn = this.queue.then(() => this.waitForRoom()).finally(() => (this.waiting -= 1));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** True when no one waits and nothing was sent within the longest window: the limiter can be dropped. */
  idle(now = this.clock.now()): boolean {
    return this.waiting === 0 && (this.sent.length === 0 || this.sent[this.sent.length - 1]! <= now - this.longest);
  }

  private async waitForRoom(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (this.sent.length && this.sent[0]! <= now - this.longest) this.sent.shift();
      const wait = Math.max(0, ...this.windows.map((w) => this.waitFor(w, now)));
      // Room here; then room among every instance (asked inside this key's queue, so the order holds).
      const sharedWait = wait === 0 ? await this.spendShared() : 0;
      if (wait === 0 && sharedWait === 0) {
        this.sent.push(now);
        return;
      }
      await this.clock.sleep(Math.max(wait, sharedWait));
    }
  }

  /**
   * The shared budget's answer: 0 once spent, or how long to wait. A budget that cannot be reached (the database
   * is down) does not hold sends up: this instance's own limits still apply, and Teams answers 429 if need be.
   */
  private async spendShared(): Promise<number> {
    if (!this.shared) return 0;
    try {
      return await this.shared.budget.tryTake(this.shared.key, this.windows, this.marginMs);
    } catch {
      return 0;
    }
  }

  /** How long until window `w` has room: the request `limit` places back must first leave it. */
  private waitFor(w: RateWindow, now: number): number {
    const span = w.perMs + this.marginMs;
    const inWindow = this.sent.filter((t) => t > now - span);
    if (inWindow.length < w.limit) return 0;
    return inWindow[inWindow.length - w.limit]! + span - now + 1;
  }
}

/** One limiter per key (a conversation, a tenant), created on first use and dropped once idle. */
export class KeyedLimiters {
  private readonly limiters = new Map<string, SlidingWindowLimiter>();

  constructor(
    private readonly windows: readonly RateWindow[],
    private readonly clock: LimiterClock = realLimiterClock,
    /** Above this many keys, idle limiters are swept out. */
    private readonly sweepAbove = 1_000,
    /** The budget shared with other instances, and the prefix of this family's keys in it. */
    private readonly shared?: { budget: SharedRateBudget; scope: string },
  ) {}

  take(key: string): Promise<void> {
    let limiter = this.limiters.get(key);
    if (!limiter) {
      if (this.limiters.size >= this.sweepAbove) this.sweep();
      const spend = this.shared && { budget: this.shared.budget, key: `${this.shared.scope}:${key}` };
      limiter = new SlidingWindowLimiter(this.windows, this.clock, undefined, spend);
      this.limiters.set(key, limiter);
    }
    return limiter.take();
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [key, limiter] of this.limiters) if (limiter.idle(now)) this.limiters.delete(key);
  }
}
