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

/** Posts the digest of one kind due at each due time of its schedule, once per audience and period (see `postDueDigests`). */
export function digestJob(kind: DigestKind, schedule: JobSchedule, digests: DigestJobSettings): Job {
  return {
    name: `digest-${kind}`,
    schedule,
    history: 'every-run',
    async run(deps, dueAt) {
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
