/**
 * What the bot counts for its operators (`GET /metrics`), as a port: the Teams layer, the Graph and Teams
 * clients and the job runner count through it, and the Prometheus adapter (src/metrics) is wired in at the
 * composition root. Every argument is a bounded value (a command name, a verb, a job name, an outcome, a
 * status class): never a person, a school, an id or anything typed, so no label can carry one.
 */

/** How a command or a card action ended: done, refused (a domain rule, a role, an unknown command or person), or failed. */
export type HandlerOutcome = 'answered' | 'refused' | 'error';

/** The outside services whose calls are retried. */
export type Upstream = 'teams' | 'graph';

/** A job run this process made (`done`, `failed`), or a due time another process had already claimed. */
export type JobRunOutcome = 'done' | 'failed' | 'already-run';

export interface Metrics {
  /** One chat command; `name` is the command's own name (`visit`), or `unrecognised`, never the text typed. */
  command(name: string, outcome: HandlerOutcome): void;
  /** One Action.Execute press or refresh, by its verb (or `unknown` for a verb no route knows), and how long it took. */
  cardAction(verb: string, outcome: HandlerOutcome, seconds: number): void;
  /** One retry of a call to Teams or Graph, by the status that caused it (undefined: no answer at all). */
  upstreamRetry(upstream: Upstream, status: number | undefined): void;
  /** One job's run for a due time, and how long it took. */
  jobRun(job: string, outcome: JobRunOutcome, seconds: number): void;
}

/** Counts nothing: the CLI, and anything started without metrics. */
export const noMetrics: Metrics = { command() {}, cardAction() {}, upstreamRetry() {}, jobRun() {} };

/** Seconds since `startedAt` (a `performance.now()` reading). */
export const secondsSince = (startedAt: number): number => (performance.now() - startedAt) / 1000;
