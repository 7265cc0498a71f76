import type { JobRun } from '../domain/delivery.js';
import { loggableError } from '../app/logging.js';
import { secondsSince, type Metrics } from '../app/ports/metrics.port.js';
import { latestDueTime } from './due-time.js';
import { jobClaimKey, type Job, type JobDeps, type JobOutcome } from './job.js';
import { claimDueTime, finishRun, isHeld, whileHeld, type JobLease } from './job-lease.js';

export interface RunnerDeps extends JobDeps {
  /** The jobs to run when due: `scheduledJobs(config)` in the bot and the CLI. */
  jobs: readonly Job[];
  /** How long a claim holds without renewal before another runner takes the run over (default JOB_LEASE_MS). */
  leaseMs?: number;
  /** Counts each run (done, failed, already run elsewhere) and its time for /metrics; nothing when unset (the CLI). */
  metrics?: Pick<Metrics, 'jobRun'>;
}

/**
 * What happened to one job in one call of `runDueJobs`:
 * - `done` / `failed`: this call ran it for `dueAt`;
 * - `alreadyRun`: `dueAt` was claimed before, by another process (another bot instance, the CLI) or an earlier call;
 * - `nothingDue`: its schedule names no time up to `at`, or it has already run for a later time (`lastDueAt`).
 */
export interface JobRunReport {
  job: string;
  status: 'done' | 'failed' | 'alreadyRun' | 'nothingDue';
  dueAt?: string;
  lastDueAt?: string;
  /** Counts, or the kind of error: never content. */
  detail?: string;
  /** This call took the run over from a runner whose lease ran out (its process died mid-run). */
  takenOver?: boolean;
}

const ACTOR = 'system';

/** The kind of failure, for the record and the report: an error's message may quote what someone typed, so only its name and code. */
function failureDetail(error: unknown): string {
  const { name, code } = loggableError(error);
  return code ? `${name} (${code})` : name;
}

/**
 * Claims the due time. A job that keeps a record of every run claims it with that record, under a lease (see
 * job-lease.ts), so a run whose process died is taken over once the lease runs out. A frequent job's quiet runs
 * leave no record: its due time is claimed by an idempotent unit keyed `job:<name>@<dueAt>` alone, and a run that
 * died is simply followed by the next minute's.
 */
async function claim(deps: RunnerDeps, job: Job, dueAt: Date, startedAt: string): Promise<{ claimed: false } | { claimed: true; lease?: JobLease }> {
  if (job.history === 'every-run') {
    const lease = await claimDueTime(deps, job.name, dueAt.toISOString(), startedAt);
    return lease ? { claimed: true, lease } : { claimed: false };
  }
  const { replayed } = await deps.store.transact(async () => undefined, { actor: ACTOR, idempotencyKey: jobClaimKey(job.name, dueAt) });
  return replayed ? { claimed: false } : { claimed: true };
}

/** Marks the run done or failed, or for a quiet-runs job records it only when it did something or failed. */
async function finish(deps: RunnerDeps, job: Job, dueAt: Date, startedAt: string, lease: JobLease | undefined, outcome: JobRun['outcome'], result: JobOutcome): Promise<void> {
  const finishedAt = deps.clock.now().toISOString();
  if (lease) return finishRun(deps, lease, { outcome, finishedAt, detail: result.detail });
  if (outcome === 'failed' || result.busy) {
    const action = outcome === 'done' ? 'jobRun.done' : 'jobRun.failed';
    await deps.store.transact(
      (tx) => tx.insert('jobRuns', deps.tenantId, { job: job.name, dueAt: dueAt.toISOString(), startedAt, finishedAt, outcome, detail: result.detail }, { action }).then(() => undefined),
      { actor: ACTOR },
    );
  }
}

/** The latest due time this job has a record of, if any, and whether a run for it is still to finish (its lease ran out). */
async function lastRecorded(deps: RunnerDeps, job: Job): Promise<{ dueAt: string; orphaned: boolean } | undefined> {
  const runs = await deps.store.find('jobRuns', deps.tenantId, { job: job.name });
  const latest = runs.reduce<JobRun | undefined>((l, r) => (!l || Date.parse(r.dueAt) > Date.parse(l.dueAt) ? r : l), undefined);
  if (!latest) return undefined;
  const orphaned = runs.some((r) => r.dueAt === latest.dueAt && r.outcome === 'running' && !isHeld(r, deps.clock.now()));
  return { dueAt: latest.dueAt, orphaned };
}

async function runOne(deps: RunnerDeps, job: Job, at: Date): Promise<JobRunReport> {
  const dueAt = latestDueTime(job.schedule, deps.timeZone, at);
  if (!dueAt) return { job: job.name, status: 'nothingDue' };
  const due = dueAt.toISOString();
  const last = await lastRecorded(deps, job);
  if (last && Date.parse(last.dueAt) > dueAt.getTime()) return { job: job.name, status: 'nothingDue', lastDueAt: new Date(last.dueAt).toISOString() };
  if (last && Date.parse(last.dueAt) === dueAt.getTime() && !last.orphaned) return { job: job.name, status: 'alreadyRun', dueAt: due };

  const startedAt = deps.clock.now().toISOString();
  const claimed = await claim(deps, job, dueAt, startedAt);
  if (!claimed.claimed) return { job: job.name, status: 'alreadyRun', dueAt: due };
  const { lease } = claimed;
  if (lease?.takenOver) deps.logger.warn({ job: job.name, dueAt: due, code: 'job-taken-over' }, 'job run taken over: the runner that claimed it stopped renewing its lease');

  let outcome: JobRun['outcome'] = 'done';
  let result: JobOutcome;
  try {
    result = lease ? await whileHeld(deps, lease, job.name, () => job.run(deps, dueAt)) : await job.run(deps, dueAt);
  } catch (error) {
    outcome = 'failed';
    result = { detail: failureDetail(error), busy: true };
    deps.logger.error({ job: job.name, dueAt: due, err: loggableError(error) }, 'job failed');
  }
  await finish(deps, job, dueAt, startedAt, lease, outcome, result);
  if (outcome === 'done' && (result.busy || job.history === 'every-run')) deps.logger.info({ job: job.name, dueAt: due, detail: result.detail }, 'job done');
  return { job: job.name, status: outcome, dueAt: due, detail: result.detail, ...(lease?.takenOver ? { takenOver: true } : {}) };
}

/**
 * Runs every job that is due at `at` and has not run for that due time, each due time exactly once across
 * every process sharing the store (the bot's instances and `jobs run-due`).
 *
 * For each job: the latest due time up to `at` (only the latest, so a bot back after a weekend sends one round
 * of reminders, not three); nothing if the job has a run for that time or a later one; otherwise the due time is
 * claimed (see `claim`: the store runs units one after another as far as they can tell, so only one claimant
 * wins), run, and recorded done or failed with counts. A job that throws is recorded failed and the next job still
 * runs. A claimant that dies mid-run stops renewing its lease; once it runs out, the next runner takes the run
 * over and runs it again, and each message it sends carries its own key, so what the dead run sent goes once.
 */
export async function runDueJobs(deps: RunnerDeps, at: Date): Promise<JobRunReport[]> {
  const reports: JobRunReport[] = [];
  for (const job of deps.jobs) {
    const startedAt = performance.now();
    let report: JobRunReport;
    try {
      report = await runOne(deps, job, at);
    } catch (error) {
      // The store itself failed (claiming or recording): report it and carry on with the other jobs.
      deps.logger.error({ job: job.name, err: loggableError(error) }, 'job could not be claimed or recorded');
      report = { job: job.name, status: 'failed', detail: failureDetail(error) };
    }
    reports.push(report);
    if (report.status !== 'nothingDue') deps.metrics?.jobRun(job.name, report.status === 'alreadyRun' ? 'already-run' : report.status, secondsSince(startedAt));
  }
  return reports;
}
