import { mkdir, rmdir, rmdirSync, statSync, utimes, type Stats } from 'node:fs';
import { performance } from 'node:perf_hooks';
import lockfile, { type LockOptions } from 'proper-lockfile';
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
  /**
   * True while no other process can have taken the lock over: less than half the stale time since this
   * holder began taking it (another process may take it only once its time is a whole stale time old,
   * and the time a lock is made with is at most a second earlier than the moment it is made, on a file
   * system that keeps whole seconds), and nothing has told it otherwise. False after that, however
   * long the holder keeps refreshing it: the answer stays safe if the holder's own clock-driven refresh stalls.
   */
  surelyHeld(): boolean;
}

type Callback = (error: Error | null, value?: unknown) => void;

/** Its time, read synchronously: the callback runs before it returns. */
const statAtOnce = (path: string, callback: Callback): void => {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    return callback(error as Error);
  }
  callback(null, stats);
};

/**
 * The file system calls proper-lockfile makes. The stat it makes after taking the lock (to learn its time)
 * is synchronous: a read of one inode, a few microseconds, where through the thread pool it cost several
 * times that in CPU for each commit. mkdir, rmdir and utimes change the folder or the inode, and may wait
 * behind another thread's fsync on the same file system, so they stay asynchronous. The protocol on disk
 * is proper-lockfile's own: processes of earlier versions interoperate.
 * One object per lock: proper-lockfile caches the file system's time precision on it after the first probe.
 */
const lockFs = () => ({ mkdir, rmdir, utimes, stat: statAtOnce, rmdirSync });

/** While another process holds the lock: poll briefly and often (commits hold it for milliseconds), for about a minute at most. */
const WAITING: LockOptions['retries'] = { retries: 1200, minTimeout: 2, maxTimeout: 50, factor: 1.2, randomize: true };

const isLocked = (e: unknown) => (e as { code?: string }).code === 'ELOCKED';

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
  private readonly fs = lockFs();

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
    let letGo = false;
    let release: () => Promise<void>;
    // Before the lock is made: its time on disk is no earlier than this (less the file system's precision).
    let since = performance.now();
    try {
      const options: LockOptions = {
        realpath: false,
        fs: this.fs,
        lockfilePath: this.lockPath,
        stale: this.staleMs,
        update: Math.max(1000, Math.floor(this.staleMs / 5)),
        retries: 0,
        onCompromised: (err) => {
          // Another process took the lock over, or it vanished; the default throws from a timer.
          compromised = true;
          this.logger.error({ code: 'store-lock-compromised', lock: this.lockPath, err: loggableError(err) }, 'store lock was taken over while held');
        },
      };
      // One try first, without the retry schedule (1,200 timeouts computed on each call): the lock is free most of the time.
      release = await lockfile.lock(this.target, options).catch((e: unknown) => {
        if (!wait || !isLocked(e)) throw e;
        since = performance.now();
        return lockfile.lock(this.target, { ...options, retries: WAITING });
      });
    } catch (e) {
      throw new Error(`Could not lock the store ${this.target} (${(e as Error).message}): another process holds ${this.lockPath}.`, { cause: e });
    }
    const lease: LockLease = {
      assertHeld: () => {
        if (compromised) throw new LockLostError(this.lockPath);
      },
      surelyHeld: () => !compromised && !letGo && performance.now() - since < this.staleMs / 2,
    };
    try {
      return await work(lease);
    } finally {
      letGo = true;
      if (!compromised) await release().catch(() => undefined);
    }
  }
}
