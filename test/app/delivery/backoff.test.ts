import { describe, expect, it } from '@jest/globals';
import { backoffDelay, isRetryableStatus, nextRetryDelay, retryAfterMs, type RetryPolicy } from '../../../src/app/delivery/backoff.js';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 5000 };

describe('retry back-off', () => {
  it.each([
    [429, true],
    [412, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [501, false],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
  ])('when a call answers %i, then retrying is %s', (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });

  it('when retries go on, then the wait doubles up to the cap, with at most half of it random', () => {
    const low = () => 0;
    const high = () => 0.999999;
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, low))).toEqual([500, 1000, 2000, 2500]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, policy, high))).toEqual([1000, 2000, 4000, 5000]);
  });

  it('when the server sends Retry-After in seconds or as a date, then it is read as milliseconds from now', () => {
    const now = Date.parse('2026-11-23T10:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs('0.5', now)).toBe(500);
    expect(retryAfterMs('Mon, 23 Nov 2026 10:00:03 GMT', now)).toBe(3000);
    expect(retryAfterMs('Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs(undefined, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });

  it('when Retry-After is given, then it is honoured as is, unless it is longer than the longest wait, when the call stops', () => {
    expect(nextRetryDelay(1, policy, 3000)).toBe(3000);
    expect(nextRetryDelay(1, policy, 60_000)).toBeUndefined();
  });

  it('when the last attempt has failed, then there is no further retry', () => {
    expect(nextRetryDelay(3, policy, undefined, () => 0)).toBe(2000);
    expect(nextRetryDelay(4, policy)).toBeUndefined();
  });
});
