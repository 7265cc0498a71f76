import { collectDefaultMetrics, Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { HandlerOutcome, JobRunOutcome, Metrics, Upstream } from '../app/ports/metrics.port.js';
import type { Clock } from '../app/ports/clock.port.js';
import type { Logger } from '../app/ports/logger.port.js';
import type { Store } from '../app/ports/store.port.js';
import { loggableError } from '../app/logging.js';

/**
 * The bot's Prometheus metrics, registered in the Registry the composition root (src/server.ts) creates and
 * passes in: nothing here is global, so two servers in one process (tests) never share a count.
 *
 * Labels hold bounded values only: route templates, HTTP methods and statuses, command names, card verbs, job
 * names, collection names, outbox kinds and outcomes. Never a person, a school, a URN, an id or typed text: what a
 * metric can be broken down by is fixed by the code, not by the data.
 */

/** Latency buckets in seconds, from a quick read to Teams' invoke time limit and past it. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** HTTP methods kept as they are; anything else is counted as `other`. */
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** A status as a bounded label: the ones retries are about by number, the rest by class. */
export function statusClass(status: number | undefined): string {
  if (status === undefined) return 'no-answer';
  if (status === 429 || status === 412 || status === 408) return String(status);
  return `${Math.floor(status / 100)}xx`;
}

/** What the outbox gauges read at each scrape. */
export interface OutboxSource {
  store: Store;
  tenantId: string;
  clock: Clock;
  logger: Logger;
}

export interface BotMetrics extends Metrics {
  /** One HTTP request answered: `route` is the route's template (`/api/messages`), `unmatched` for none. */
  httpRequest(method: string, route: string, status: number, seconds: number): void;
  /** One unit of work ended (`committed`, `replayed`, `stale`, `failed`), and how long it took from `transact` to durable. */
  storeCommit(outcome: 'committed' | 'replayed' | 'stale' | 'failed', seconds: number): void;
  /** A write refused because the record had moved on since the writer read it. */
  staleWrite(collection: string): void;
  /** One send to Teams or by mail, and how it ended. */
  send(channel: 'teams' | 'mail', outcome: 'sent' | 'unreachable' | 'retryable-failure' | 'failed'): void;
}

/**
 * Registers every metric in `registry` and returns the recorder the rest of the bot counts through. The outbox
 * gauges are read from the store at each scrape (so every instance reports the shared outbox, not its own part);
 * the default process metrics (heap, RSS, event-loop lag, CPU, handles) come with prom-client.
 */
export function createBotMetrics(registry: Registry, outbox: OutboxSource): BotMetrics {
  const registers = [registry];
  collectDefaultMetrics({ register: registry });

  const httpRequests = new Counter({ name: 'bot_http_requests_total', help: 'HTTP requests answered, by method, route template and status.', labelNames: ['method', 'route', 'status'], registers });
  const httpDuration = new Histogram({ name: 'bot_http_request_duration_seconds', help: 'Time to answer an HTTP request, by method and route template.', labelNames: ['method', 'route'], buckets: LATENCY_BUCKETS, registers });
  const commands = new Counter({ name: 'bot_commands_total', help: 'Chat commands, by command name and outcome (answered, refused, error).', labelNames: ['command', 'outcome'], registers });
  const cardActions = new Counter({ name: 'bot_card_actions_total', help: 'Card actions (Action.Execute presses and refreshes), by verb and outcome (answered, refused, error).', labelNames: ['verb', 'outcome'], registers });
  const cardDuration = new Histogram({ name: 'bot_card_action_duration_seconds', help: 'Time a card action takes to answer, by verb.', labelNames: ['verb'], buckets: LATENCY_BUCKETS, registers });
  const commits = new Histogram({ name: 'bot_store_commit_duration_seconds', help: 'Time from a unit of work starting to it being durable (or refused), by outcome.', labelNames: ['outcome'], buckets: LATENCY_BUCKETS, registers });
  const staleWrites = new Counter({ name: 'bot_store_stale_writes_total', help: 'Writes refused because the record changed since it was read, by collection.', labelNames: ['collection'], registers });
  const sends = new Counter({ name: 'bot_sends_total', help: 'Proactive sends to Teams and by mail, by channel and outcome.', labelNames: ['channel', 'outcome'], registers });
  const retries = new Counter({ name: 'bot_upstream_retries_total', help: 'Calls to Teams or Microsoft Graph retried, by upstream and the status that caused it (429, 412, 408, 5xx, no-answer).', labelNames: ['upstream', 'status'], registers });
  const jobRuns = new Counter({ name: 'bot_job_runs_total', help: 'Scheduled job runs, by job and outcome (done, failed, already-run by another process).', labelNames: ['job', 'outcome'], registers });
  const jobDuration = new Histogram({ name: 'bot_job_run_duration_seconds', help: 'Time a job run takes, by job.', labelNames: ['job'], buckets: [...LATENCY_BUCKETS, 60, 300], registers });
  registerOutboxGauges(registers, outbox);

  return {
    httpRequest(method, route, status, seconds) {
      const m = METHODS.has(method) ? method : 'other';
      httpRequests.inc({ method: m, route, status: String(status) });
      httpDuration.observe({ method: m, route }, seconds);
    },
    command(name: string, outcome: HandlerOutcome) {
      commands.inc({ command: name, outcome });
    },
    cardAction(verb: string, outcome: HandlerOutcome, seconds: number) {
      cardActions.inc({ verb, outcome });
      cardDuration.observe({ verb }, seconds);
    },
    storeCommit(outcome, seconds) {
      commits.observe({ outcome }, seconds);
    },
    staleWrite(collection) {
      staleWrites.inc({ collection });
    },
    send(channel, outcome) {
      sends.inc({ channel, outcome });
    },
    upstreamRetry(upstream: Upstream, status: number | undefined) {
      retries.inc({ upstream, status: statusClass(status) });
    },
    jobRun(job: string, outcome: JobRunOutcome, seconds: number) {
      jobRuns.inc({ job, outcome });
      if (outcome !== 'already-run') jobDuration.observe({ job }, seconds);
    },
  };
}

type OutboxSnapshot = Map<string, { count: number; oldestAgeSeconds: number }>;
const OUTBOX_KINDS = ['teams-message', 'mail', 'calendar-event'] as const;

/**
 * The outbox's depth and the age of its oldest pending item, by kind, read from the store when scraped. Both
 * gauges are collected side by side in one scrape, so they share one read. A store that cannot be read leaves
 * the gauges empty for that scrape (logged), rather than failing the whole scrape.
 */
function registerOutboxGauges(registers: Registry[], { store, tenantId, clock, logger }: OutboxSource): void {
  let reading: Promise<OutboxSnapshot | undefined> | undefined;
  const read = async (): Promise<OutboxSnapshot | undefined> => {
    try {
      const items = await store.find('outbox', tenantId, { status: 'pending' });
      const now = clock.now().getTime();
      return new Map(
        OUTBOX_KINDS.map((kind) => {
          const ofKind = items.filter((i) => i.kind === kind);
          const oldest = ofKind.length ? Math.min(...ofKind.map((i) => Date.parse(i.createdAt))) : now;
          return [kind, { count: ofKind.length, oldestAgeSeconds: Math.max(0, (now - oldest) / 1000) }];
        }),
      );
    } catch (err) {
      logger.warn({ component: 'metrics', err: loggableError(err) }, 'outbox could not be read for /metrics');
      return undefined;
    }
  };
  const snapshot = () => (reading ??= read().finally(() => (reading = undefined)));
  const gauge = (name: string, help: string, value: (s: { count: number; oldestAgeSeconds: number }) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['kind'],
      registers,
      async collect() {
        const taken = await snapshot();
        this.reset();
        for (const [kind, s] of taken ?? []) this.set({ kind }, value(s));
      },
    });
  gauge('bot_outbox_pending_items', 'Outbox items waiting to be sent (pending), by kind.', (s) => s.count);
  gauge('bot_outbox_oldest_pending_age_seconds', 'Age in seconds of the oldest pending outbox item, by kind (0 when none).', (s) => s.oldestAgeSeconds);
}
