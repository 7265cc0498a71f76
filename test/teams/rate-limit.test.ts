import { describe, expect, it } from '@jest/globals';
import { CONVERSATION_WINDOWS, KeyedLimiters, SlidingWindowLimiter, type LimiterClock } from '../../src/teams/rate-limit.js';

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
