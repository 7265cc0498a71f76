import { Cron } from 'croner';
import { loggableError } from '../app/logging.js';
import { runDueJobs, type JobRunReport, type RunnerDeps } from './runner.js';

/** A tick a minute: every job's schedule is in whole minutes, so none is due between two ticks. */
export const TICK_SCHEDULE = '* * * * *';

export interface JobScheduler {
  /**
   * One tick now: runs whatever is due at the clock's time. Returns undefined, doing nothing, while the previous
   * tick is still running (a slow Teams must not pile runs up) or once stopped.
   */
  tick(): Promise<JobRunReport[] | undefined>;
  /** Stops the ticks and waits for a tick in progress to finish, so the store can then be closed. */
  stop(): Promise<void>;
}

/**
 * The bot's one job scheduler: a croner timer that calls `runDueJobs(deps, now)` every minute, never two ticks at
 * once in this process. Other processes sharing the store run their own; the runner's claims make each due time
 * run once among them all.
 */
export function startJobScheduler(deps: RunnerDeps): JobScheduler {
  let running: Promise<JobRunReport[] | undefined> | undefined;
  let stopped = false;

  const tick = (): Promise<JobRunReport[] | undefined> => {
    if (stopped || running) return Promise.resolve(undefined);
    running = runDueJobs(deps, deps.clock.now())
      .catch((error: unknown) => {
        // runDueJobs reports each job's failure itself; this is a bug in the runner. The next tick tries again.
        deps.logger.error({ err: loggableError(error) }, 'job tick failed');
        return undefined;
      })
      .finally(() => (running = undefined));
    return running;
  };

  const timer = new Cron(TICK_SCHEDULE, { name: 'jobs', protect: true }, async () => {
    await tick();
  });

  return {
    tick,
    async stop() {
      stopped = true;
      timer.stop();
      await running;
    },
  };
}
