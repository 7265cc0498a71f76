/**
 * When to try again: one policy shared by the Graph and Bot Connector adapters (per call) and by the outbox
 * (per queued item), so every retry in the bot backs off the same way. Pure functions: the caller sleeps.
 */

/** How many times and how patiently to retry. */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** The wait before the first retry; it doubles on each further retry. */
  baseDelayMs: number;
  /** No single wait is longer than this; a Retry-After longer than this ends the retrying (see `nextRetryDelay`). */
  maxDelayMs: number;
}

/**
 * For one call to Teams or Graph while someone may be waiting: about 0.5 + 1 + 2 + 4 s at most before giving up,
 * after which the caller queues the message in the outbox and the job runner carries on patiently.
 */
export const callRetryPolicy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Statuses worth retrying (Teams' rate-limit guidance names 429, 412, 502 and 504; any other 5xx may pass too). */
export function isRetryableStatus(status: number): boolean {
  // 501 Not Implemented and 505 HTTP Version Not Supported will answer the same however often they are asked.
  return status === 429 || status === 412 || status === 408 || (status >= 500 && status !== 501 && status !== 505);
}

/**
 * The wait before retry number `retry` (1 for the first retry): exponential, capped, with "equal jitter"
 * (half fixed, half random) so that many senders throttled at once do not all come back together.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/** A Retry-After header (delta-seconds or an HTTP date) as milliseconds from `nowMs`; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * How long to wait before the next attempt after attempt number `attempt` failed, or undefined to stop.
 * A server's Retry-After is honoured as given; when it asks for longer than the policy's longest wait the call
 * stops at once rather than hold a user's request, and the outbox tries again later.
 */
export function nextRetryDelay(attempt: number, policy: RetryPolicy, serverRetryAfterMs?: number, random?: () => number): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  if (serverRetryAfterMs !== undefined) return serverRetryAfterMs > policy.maxDelayMs ? undefined : serverRetryAfterMs;
  return backoffDelay(attempt, policy, random);
}
