import type { StoreReader } from '../ports/store.port.js';
import type { JobRun } from '../../domain/delivery.js';

/** A job's latest recorded run, as /healthz shows it: the due time it ran for, when, and how it ended. */
export interface LastJobRun {
  job: string;
  dueAt: string;
  startedAt: string;
  finishedAt?: string;
  outcome: JobRun['outcome'];
}

/**
 * Each job's latest run in the jobRuns collection (by due time; the latest started on a tie), sorted by job name.
 * Only runs that leave a record count: a frequent job's quiet runs (nothing to do) leave none.
 */
export async function lastJobRuns(store: StoreReader, tenantId: string): Promise<LastJobRun[]> {
  const latest = new Map<string, JobRun>();
  for (const run of await store.find('jobRuns', tenantId)) {
    const seen = latest.get(run.job);
    const later = seen ? Date.parse(run.dueAt) - Date.parse(seen.dueAt) || Date.parse(run.startedAt) - Date.parse(seen.startedAt) : 1;
    if (later > 0) latest.set(run.job, run);
  }
  return [...latest.values()]
    .sort((a, b) => a.job.localeCompare(b.job))
    .map(({ job, dueAt, startedAt, finishedAt, outcome }) => ({ job, dueAt, startedAt, ...(finishedAt ? { finishedAt } : {}), outcome }));
}
