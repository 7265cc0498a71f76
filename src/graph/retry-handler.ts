import type { Context, Middleware, MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../app/ports/logger.port.js';
import { noMetrics, type Metrics } from '../app/ports/metrics.port.js';
import { isRetryableStatus, nextRetryDelay, retryAfterMs, type RetryPolicy } from '../app/delivery/backoff.js';

/** Waits, so tests and callers can see the retry path without a real clock if they wish. */
export type Sleep = (ms: number) => Promise<void>;
export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Marks a POST as safe to repeat after a server error or no answer: a read sent as POST (getSchedule), or a create
 * Graph itself deduplicates (an event with a transactionId). Pass it with `.middlewareOptions([new RepeatablePost()])`.
 */
export class RepeatablePost implements MiddlewareOptions {}

/** How long one Graph request may go unanswered before it is abandoned (and, unless it changes something, retried). */
export const GRAPH_CALL_TIMEOUT_MS = 10_000;

/**
 * Graph client middleware that gives every request a timeout and retries throttling (429), 412 and server
 * errors, and requests that got no answer, honouring Retry-After and otherwise backing off exponentially with
 * jitter, up to the policy's cap. It replaces the SDK's RetryHandler, which retries only 429, 503 and 504.
 * A POST is retried only on 429, when Graph says it did not take it, unless marked `RepeatablePost`: after a
 * server error or no answer it may have been done, and the caller decides (the mailer looks in Sent Items before
 * it sends again). GET, PUT, PATCH and DELETE repeat harmlessly and are retried as usual. After the last attempt the last response is left for the SDK to
 * turn into a GraphError.
 */
export class GraphRetryHandler implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly logger: Logger,
    private readonly wait: Sleep = sleep,
    private readonly timeoutMs: number = GRAPH_CALL_TIMEOUT_MS,
    private readonly metrics: Pick<Metrics, 'upstreamRetry'> = noMetrics,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('GraphRetryHandler needs a next middleware.');
    const method = (context.options?.method ?? (typeof context.request === 'string' ? 'GET' : context.request.method) ?? 'GET').toUpperCase();
    const safe = method !== 'POST' || context.middlewareControl?.getMiddlewareOptions(RepeatablePost) !== undefined;
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      try {
        // fetch takes the signal from the options the SDK passes it: each attempt gets its own timeout.
        context.options = { ...context.options, signal: AbortSignal.timeout(this.timeoutMs) };
        await this.next.execute(context);
      } catch (error) {
        failure = error;
      }
      const status = context.response?.status;
      const retryable = safe ? failure !== undefined || (status !== undefined && isRetryableStatus(status)) : failure === undefined && status === 429;
      const delay = retryable
        ? nextRetryDelay(attempt, this.policy, failure ? undefined : retryAfterMs(context.response?.headers.get('retry-after'), Date.now()))
        : undefined;
      if (delay === undefined) {
        if (failure !== undefined) throw failure;
        return;
      }
      this.logger.warn({ component: 'graph', status: status ?? 'no-answer', attempt, retryInMs: delay }, 'Graph call failed; retrying');
      this.metrics.upstreamRetry('graph', failure ? undefined : status);
      // Read the discarded answer to the end so its connection returns to the pool.
      await context.response?.arrayBuffer().catch(() => undefined);
      context.response = undefined;
      await this.wait(delay);
    }
  }
}
