import { StaleWriteError } from '../domain/errors.js';
import type { JobRun } from '../domain/delivery.js';
import type { Store } from '../app/ports/store.port.js';
import type { Clock } from '../app/ports/clock.port.js';
import type { Logger } from '../app/ports/logger.port.js';
import { loggableError } from '../app/logging.js';

/** How long a claim on a due time holds without being renewed: past it, the run is taken to have died. */
export const JOB_LEASE_MS = 2 * 60 * 1000;

const ACTOR = 'system';

export interface LeaseDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  tenantId: string;
  /** The lease's length (default JOB_LEASE_MS); the holder renews it every third of that. */
  leaseMs?: number;
}

/** A due time this runner holds: the jobRuns record and the version it last wrote, which every later write names. */
export interface JobLease {
  runId: string;
  version: number;
  /** Whether the run took over one whose lease had run out. */
  takenOver: boolean;
}

const leaseUntil = (deps: LeaseDeps) => new Date(deps.clock.now().getTime() + (deps.leaseMs ?? JOB_LEASE_MS)).toISOString();

/** Whether the run is still held: running, and its lease not run out (a run without a lease, from before leases, is held). */
export const isHeld = (run: JobRun, now: Date): boolean => run.outcome === 'running' && (!run.leaseUntil || Date.parse(run.leaseUntil) > now.getTime());

/**
 * Claims the job's due time in one unit of work: a new `running` record with a lease, or the takeover of a
 * running one whose lease ran out; undefined when it is done, failed, or held by a live runner. Every store runs
 * units one after another as far as they can tell (lowdb under its lock, PostgreSQL serialisable), so of two
 * runners that race, one claims and the other sees its record.
 */
export async function claimDueTime(deps: LeaseDeps, job: string, dueAt: string, startedAt: string): Promise<JobLease | undefined> {
  const { value } = await deps.store.transact(
    async (tx) => {
      const [run] = await tx.find('jobRuns', deps.tenantId, { job, dueAt });
      if (!run) {
        const made = await tx.insert('jobRuns', deps.tenantId, { job, dueAt, startedAt, outcome: 'running', leaseUntil: leaseUntil(deps) }, { action: 'jobRun.started' });
        return { runId: made.id, version: made.version, takenOver: false };
      }
      if (run.outcome !== 'running' || isHeld(run, deps.clock.now())) return null;
      const taken = await tx.update('jobRuns', deps.tenantId, run.id, run.version, { startedAt, leaseUntil: leaseUntil(deps), takeovers: (run.takeovers ?? 0) + 1 }, { action: 'jobRun.takenOver' });
      return { runId: taken.id, version: taken.version, takenOver: true };
    },
    { actor: ACTOR, serializable: true },
  );
  return value ?? undefined;
}

/**
 * Renews the lease every third of its length while `work` runs, so a long run keeps its due time. A renewal
 * refused as stale means another runner took the run over (this one stalled past its lease): it is logged,
 * and this runner's final write will be refused too.
 */
export async function whileHeld<T>(deps: LeaseDeps, lease: JobLease, job: string, work: () => Promise<T>): Promise<T> {
  let renewing: Promise<void> = Promise.resolve();
  let lost = false;
  const timer = setInterval(() => {
    if (lost) return;
    renewing = renewing.then(async () => {
      try {
        const { value } = await deps.store.transact((tx) => tx.update('jobRuns', deps.tenantId, lease.runId, lease.version, { leaseUntil: leaseUntil(deps) }, { action: 'jobRun.renewed' }).then((r) => r.version), { actor: ACTOR });
        lease.version = value;
      } catch (error) {
        lost = error instanceof StaleWriteError;
        deps.logger.warn({ job, runId: lease.runId, code: lost ? 'job-lease-lost' : 'job-lease-renewal-failed', err: loggableError(error) }, lost ? 'job run taken over by another runner' : 'job lease could not be renewed');
      }
    });
  }, Math.max(1000, Math.floor((deps.leaseMs ?? JOB_LEASE_MS) / 3)));
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await renewing;
  }
}

/** Ends the run: its outcome, and no lease. Written over the version this runner holds, so a run taken over meanwhile is not overwritten. */
export async function finishRun(deps: LeaseDeps, lease: JobLease, patch: Pick<JobRun, 'outcome' | 'finishedAt' | 'detail'>): Promise<void> {
  const action = patch.outcome === 'done' ? 'jobRun.done' : 'jobRun.failed';
  await deps.store.transact((tx) => tx.update('jobRuns', deps.tenantId, lease.runId, lease.version, { ...patch, leaseUntil: undefined }, { action }).then(() => undefined), { actor: ACTOR });
}
