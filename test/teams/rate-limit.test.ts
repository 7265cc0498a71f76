import { describe, expect, it } from '@jest/globals';
import { CONVERSATION_WINDOWS, KeyedLimiters, SlidingWindowLimiter, type LimiterClock } from '../../src/teams/rate-limit.js';
import type { SharedRateBudget } from '../../src/app/ports/rate-budget.port.js';

/** A clock that moves only when someone waits: the limiter's decisions without real time passing. */
function virtualClock(): LimiterClock {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
}

const maxInAnyWindow = (times: number[], span: number) => Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + span).length));

describe('sliding-window rate limits', () => {
  it('when 100 messages queue for one conversation, then no window of Teams’ per-conversation limits is ever exceeded', async () => {
    const clock = virtualClock();
    const limiter = new SlidingWindowLimiter(CONVERSATION_WINDOWS, clock);
    const times: number[] = [];

    await Promise.all(Array.from({ length: 100 }, () => limiter.take().then(() => times.push(clock.now()))));

    expect(maxInAnyWindow(times, 1_000)).toBeLessThanOrEqual(7);
    expect(maxInAnyWindow(times, 2_000)).toBeLessThanOrEqual(8);
    expect(maxInAnyWindow(times, 30_000)).toBeLessThanOrEqual(60);
  });

  it('when messages wait, then they leave in the order they came', async () => {
    const clock = virtualClock();
    const limiter = new SlidingWindowLimiter([{ limit: 2, perMs: 1_000 }], clock);
    const order: number[] = [];

    await Promise.all([1, 2, 3, 4, 5].map((n) => limiter.take().then(() => order.push(n))));

    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it('when two conversations are busy, then each has its own allowance', async () => {
    const clock = virtualClock();
    const limiters = new KeyedLimiters([{ limit: 3, perMs: 1_000 }], clock);

    await Promise.all([...Array(3).fill('a'), ...Array(3).fill('b')].map((key: string) => limiters.take(key)));

    expect(clock.now()).toBe(0);
  });
});

describe('rate limits shared by several instances', () => {
  /** A budget both instances spend from, on the same virtual clock: what the database keeps for them. */
  function sharedBudget(clock: LimiterClock): SharedRateBudget {
    const spent = new Map<string, number[]>();
    return {
      async tryTake(key, windows, marginMs) {
        const times = spent.get(key) ?? [];
        const now = clock.now();
        const wait = Math.max(0, ...windows.map((w) => {
          const inWindow = times.filter((t) => t > now - w.perMs - marginMs);
          return inWindow.length < w.limit ? 0 : inWindow[inWindow.length - w.limit]! + w.perMs + marginMs - now + 1;
        }));
        if (wait === 0) spent.set(key, [...times, now]);
        return wait;
      },
    };
  }

  it('when two instances send 100 messages to one conversation between them, then together they stay within every window of Teams’ limits', async () => {
    const clock = virtualClock();
    const budget = sharedBudget(clock);
    const instances = [0, 1].map(() => new KeyedLimiters(CONVERSATION_WINDOWS, clock, undefined, { budget, scope: 'conversation' }));
    const times: number[] = [];

    await Promise.all(Array.from({ length: 100 }, (_, i) => instances[i % 2]!.take('chat-1').then(() => times.push(clock.now()))));

    expect(times).toHaveLength(100);
    expect(maxInAnyWindow(times, 1_000)).toBeLessThanOrEqual(7);
    expect(maxInAnyWindow(times, 30_000)).toBeLessThanOrEqual(60);
  });

  it('when the shared budget cannot be reached, then sends go on under this instance’s own limits', async () => {
    const clock = virtualClock();
    const down: SharedRateBudget = { tryTake: () => Promise.reject(new Error('connection refused')) };
    const limiter = new SlidingWindowLimiter([{ limit: 2, perMs: 1_000 }], clock, 0, { budget: down, key: 'conversation:chat-1' });
    const times: number[] = [];

    await Promise.all([1, 2, 3].map(() => limiter.take().then(() => times.push(clock.now()))));

    expect(times).toEqual([0, 0, 1001]);
  });
});
