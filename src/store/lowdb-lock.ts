import lockfile from 'proper-lockfile';
import type { Logger } from '../app/ports/logger.port.js';
import { loggableError } from '../app/logging.js';

/** How long a lock may go without its holder refreshing it before another process takes it over. */
export const LOCK_STALE_MS = 10_000;

/** Thrown at the next write step of a holder whose lock another process took over: it must not write. */
export class LockLostError extends Error {
  constructor(lockPath: string) {
    super(`The store lock ${lockPath} was taken over by another process while held: this commit is abandoned, nothing more is written.`);
  }
}

/** What a holder checks before each write it makes: that the lock is still its own. */
export interface LockLease {
  assertHeld(): void;
}

export interface StoreLockOptions {
  /** A lock not refreshed for this long is taken over (proper-lockfile's minimum is 2 s). */
  staleMs?: number;
}

/**
 * The lock every process takes around a commit on one store (the bot, a second bot, the admin CLI).
 * proper-lockfile creates `<DATA_FILE>.lock` with mkdir, which is atomic on every file system. While
 * held, its mtime is refreshed every fifth of the stale time (a lease the holder renews), so a holder
 * whose work runs long keeps its lock; only a holder that stopped (died, or its event loop stalled past
 * the stale time) loses it. A holder that lost it learns so at its next write step (`assertHeld`) and
 * stops there, instead of writing beside the process that took over.
 */
export class StoreLock {
  private readonly staleMs: number;

  constructor(
    private readonly target: string,
    private readonly lockPath: string,
    private readonly logger: Logger,
    options: StoreLockOptions = {},
  ) {
    this.staleMs = Math.max(options.staleMs ?? LOCK_STALE_MS, 2000);
  }

  /** Runs `work` while holding the lock, waiting (with jittered retries) for another holder to finish. */
  hold<T>(work: (lease: LockLease) => Promise<T>): Promise<T> {
    return this.run(work, true) as Promise<T>;
  }

  /** Runs `work` if the lock is free (or stale) now; undefined, without running it, when another process holds it. */
  async tryHold<T>(work: (lease: LockLease) => Promise<T>): Promise<T | undefined> {
    try {
      return await this.run(work, false);
    } catch (e) {
      if ((e as { cause?: { code?: string } }).cause?.code === 'ELOCKED') return undefined;
      throw e;
    }
  }

  private async run<T>(work: (lease: LockLease) => Promise<T>, wait: boolean): Promise<T> {
    let compromised = false;
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(this.target, {
        realpath: false,
        lockfilePath: this.lockPath,
        stale: this.staleMs,
        update: Math.max(1000, Math.floor(this.staleMs / 5)),
        // Commits hold the lock for milliseconds: poll briefly and often, for about a minute at most.
        retries: wait ? { retries: 1200, minTimeout: 2, maxTimeout: 50, factor: 1.2, randomize: true } : 0,
        onCompromised: (err) => {
          // Another process took the lock over, or it vanished; the default throws from a timer.
          compromised = true;
          this.logger.error({ code: 'store-lock-compromised', lock: this.lockPath, err: loggableError(err) }, 'store lock was taken over while held');
        },
      });
    } catch (e) {
      throw new Error(`Could not lock the store ${this.target} (${(e as Error).message}): another process holds ${this.lockPath}.`, { cause: e });
    }
    const lease: LockLease = {
      assertHeld: () => {
        if (compromised) throw new LockLostError(this.lockPath);
      },
    };
    try {
      return await work(lease);
    } finally {
      if (!compromised) await release().catch(() => undefined);
    }
  }
}
