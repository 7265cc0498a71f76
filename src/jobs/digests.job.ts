import type { DigestComposers, DigestSettings } from '../app/digests/digest-composer.port.js';
import { postDueDigests } from '../app/digests/post-digest.js';
import { retryDigests } from '../app/digests/retry-digests.js';
import type { DigestKind } from '../domain/digest.js';
import type { JobSchedule } from '../domain/schedule.js';
import type { Job, JobDeps } from './job.js';

/** The digests the jobs post: the registered composers and the settings they compose with. */
export interface DigestJobSettings {
  composers: DigestComposers;
  settings: DigestSettings;
}

const engineDeps = (deps: JobDeps, digests: DigestJobSettings) => ({ ...deps, digestComposers: digests.composers, digestSettings: digests.settings });

/** How late a job's very first run may be for its due time and still post the digest (a runner ticks every minute). */
export const FIRST_RUN_SLACK_MS = 5 * 60_000;

/**
 * Whether this is the job's first run in this store and its due time came well before it: a fresh store (the demo
 * data, a new installation) has nothing to catch up, so that digest is not composed, held or announced.
 */
async function dueBeforeFirstRun(deps: JobDeps, name: string, dueAt: Date): Promise<boolean> {
  if (deps.clock.now().getTime() - dueAt.getTime() <= FIRST_RUN_SLACK_MS) return false;
  const runs = await deps.store.find('jobRuns', deps.tenantId, { job: name });
  return runs.every((r) => r.dueAt === dueAt.toISOString());
}

/**
 * Posts the digest of one kind due at each due time of its schedule, once per audience and period (see
 * `postDueDigests`); not on the job's first run in a store when that due time had long passed (see `dueBeforeFirstRun`).
 */
export function digestJob(kind: DigestKind, schedule: JobSchedule, digests: DigestJobSettings): Job {
  return {
    name: `digest-${kind}`,
    schedule,
    history: 'every-run',
    async run(deps, dueAt) {
      if (await dueBeforeFirstRun(deps, `digest-${kind}`, dueAt)) return { detail: 'not caught up: due before the first run in this store', busy: false };
      const reports = await postDueDigests(engineDeps(deps, digests), kind, dueAt);
      const count = (status: string) => reports.filter((r) => r.status === status).length;
      return { detail: `${count('posted')} posted, ${count('failed')} to retry, ${count('held')} held, ${count('already')} already posted`, busy: true };
    },
  };
}

/** Every minute: digests whose post failed (after their back-off), held ones whose channel is now registered. */
export function digestRetryJob(digests: DigestJobSettings): Job {
  return {
    name: 'digest-retry',
    schedule: '* * * * *',
    history: 'busy-runs',
    async run(deps) {
      const s = await retryDigests(engineDeps(deps, digests), deps.clock.now());
      return { detail: `${s.due} due, ${s.posted} posted, ${s.failed} to retry, ${s.held} held`, busy: s.due > 0 };
    },
  };
}
