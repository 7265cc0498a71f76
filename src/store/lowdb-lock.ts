import lockfile from 'proper-lockfile';
import type { Logger } from '../app/ports/logger.port.js';
import { loggableError } from '../app/logging.js';

/** How long a lock may go without its holder refreshing it before another process takes it over. */
export const LOCK_STALE_MS = 10_000;

/**
 * The lock every process takes around a commit on one store (the bot, a second bot, the admin CLI).
 * proper-lockfile creates `<DATA_FILE>.lock` with mkdir, which is atomic on every file system, and
 * refreshes its mtime while held, so the lock of a process that died is taken over once stale.
 */
export class StoreLock {
  constructor(
    private readonly target: string,
    private readonly lockPath: string,
    private readonly logger: Logger,
  ) {}

  /** Runs `work` while holding the lock, waiting (with jittered retries) for another holder to finish. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    let compromised = false;
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(this.target, {
        realpath: false,
        lockfilePath: this.lockPath,
        stale: LOCK_STALE_MS,
        // Commits hold the lock for milliseconds: poll briefly and often, for about a minute at most.
        retries: { retries: 1200, minTimeout: 2, maxTimeout: 50, factor: 1.2, randomize: true },
        onCompromised: (err) => {
          // Another process took the lock over (we stalled past the stale time); the default throws from a timer.
          compromised = true;
          this.logger.error({ code: 'store-lock-compromised', lock: this.lockPath, err: loggableError(err) }, 'store lock was taken over while held');
        },
      });
    } catch (e) {
      throw new Error(`Could not lock the store ${this.target} (${(e as Error).message}): another process holds ${this.lockPath}.`, { cause: e });
    }
    try {
      return await work();
    } finally {
      if (!compromised) await release().catch(() => undefined);
    }
  }
}
