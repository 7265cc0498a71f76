import type { JobRun } from '../domain/delivery.js';
import { loggableError } from '../app/logging.js';
import { latestDueTime } from './due-time.js';
import { jobClaimKey, type Job, type JobDeps, type JobOutcome } from './job.js';

export interface RunnerDeps extends JobDeps {
  /** The jobs to run when due: `scheduledJobs(config)` in the bot and the CLI. */
  jobs: readonly Job[];
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
}

const ACTOR = 'system';

/** The kind of failure, for the record and the report: an error's message may quote what someone typed, so only its name and code. */
function failureDetail(error: unknown): string {
  const { name, code } = loggableError(error);
  return code ? `${name} (${code})` : name;
}

/** Claims the due time: one unit under the job's key, so whichever process commits first runs it and every other gets `replayed`. */
async function claim(deps: RunnerDeps, job: Job, dueAt: Date, startedAt: string): Promise<{ replayed: boolean; runId: string | null }> {
  const { value, replayed } = await deps.store.transact(
    async (tx) => {
      if (job.history === 'busy-runs') return null;
      const run = await tx.insert('jobRuns', deps.tenantId, { job: job.name, dueAt: dueAt.toISOString(), startedAt, outcome: 'running' }, { action: 'jobRun.started' });
      return run.id;
    },
    { actor: ACTOR, idempotencyKey: jobClaimKey(job.name, dueAt) },
  );
  return { replayed, runId: value };
}

/** Marks the run done or failed, or for a quiet-runs job records it only when it did something or failed. */
async function finish(deps: RunnerDeps, job: Job, dueAt: Date, startedAt: string, runId: string | null, outcome: JobRun['outcome'], result: JobOutcome): Promise<void> {
  const finishedAt = deps.clock.now().toISOString();
  const action = outcome === 'done' ? 'jobRun.done' : 'jobRun.failed';
  if (runId) {
    await deps.store.transact((tx) => tx.update('jobRuns', deps.tenantId, runId, 'any', { outcome, finishedAt, detail: result.detail }, { action }).then(() => undefined), { actor: ACTOR });
  } else if (outcome === 'failed' || result.busy) {
    await deps.store.transact(
      (tx) => tx.insert('jobRuns', deps.tenantId, { job: job.name, dueAt: dueAt.toISOString(), startedAt, finishedAt, outcome, detail: result.detail }, { action }).then(() => undefined),
      { actor: ACTOR },
    );
  }
}

/** The latest due time this job has a record of, if any (a run claimed but whose process died still counts). */
async function lastRecordedDueAt(deps: RunnerDeps, job: Job): Promise<string | undefined> {
  const runs = await deps.store.find('jobRuns', deps.tenantId, { job: job.name });
  return runs.reduce<string | undefined>((latest, r) => (!latest || Date.parse(r.dueAt) > Date.parse(latest) ? r.dueAt : latest), undefined);
}

async function runOne(deps: RunnerDeps, job: Job, at: Date): Promise<JobRunReport> {
  const dueAt = latestDueTime(job.schedule, deps.timeZone, at);
  if (!dueAt) return { job: job.name, status: 'nothingDue' };
  const due = dueAt.toISOString();
  const last = await lastRecordedDueAt(deps, job);
  if (last && Date.parse(last) > dueAt.getTime()) return { job: job.name, status: 'nothingDue', lastDueAt: new Date(last).toISOString() };
  if (last && Date.parse(last) === dueAt.getTime()) return { job: job.name, status: 'alreadyRun', dueAt: due };

  const startedAt = deps.clock.now().toISOString();
  const { replayed, runId } = await claim(deps, job, dueAt, startedAt);
  if (replayed) return { job: job.name, status: 'alreadyRun', dueAt: due };

  let outcome: JobRun['outcome'] = 'done';
  let result: JobOutcome;
  try {
    result = await job.run(deps, dueAt);
  } catch (error) {
    outcome = 'failed';
    result = { detail: failureDetail(error), busy: true };
    deps.logger.error({ job: job.name, dueAt: due, err: loggableError(error) }, 'job failed');
  }
  await finish(deps, job, dueAt, startedAt, runId, outcome, result);
  if (outcome === 'done' && (result.busy || job.history === 'every-run')) deps.logger.info({ job: job.name, dueAt: due, detail: result.detail }, 'job done');
  return { job: job.name, status: outcome, dueAt: due, detail: result.detail };
}

/**
 * Runs every job that is due at `at` and has not run for that due time, each due time exactly once across
 * every process sharing the store (the bot's instances and `jobs run-due`).
 *
 * For each job: the latest due time up to `at` (only the latest, so a bot back after a weekend sends one round
 * of reminders, not three); nothing if the job has a run for that time or a later one; otherwise the due time is
 * claimed by an idempotent unit keyed `job:<name>@<dueAt>` (the store serialises units across processes, so
 * only one claimant is not `replayed`), run, and recorded done or failed with counts. A job that throws is
 * recorded failed and the next job still runs. A claimant that dies mid-run leaves the due time claimed: the
 * jobs are written so that their next due time picks up whatever that run left undone.
 */
export async function runDueJobs(deps: RunnerDeps, at: Date): Promise<JobRunReport[]> {
  const reports: JobRunReport[] = [];
  for (const job of deps.jobs) {
    try {
      reports.push(await runOne(deps, job, at));
    } catch (error) {
      // The store itself failed (claiming or recording): report it and carry on with the other jobs.
      deps.logger.error({ job: job.name, err: loggableError(error) }, 'job could not be claimed or recorded');
      reports.push({ job: job.name, status: 'failed', detail: failureDetail(error) });
    }
  }
  return reports;
}
