import { unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../app/ports/logger.port.js';
import { loggableError } from '../app/logging.js';
import { ignoreMissing, syncDirectory } from './durable-file.js';
import type { JournalEntry } from './journal.js';
import type { StagedJournal } from './journal-stage.js';
import type { LockLease, StoreLock } from './lowdb-lock.js';
import type { Manifest } from './manifest.js';
import { rowKey, spaceOf, type PartitionKey, type Row, type StoreFiles } from './partition.js';

/** What a fold writes, fixed under the lock at its start (the last commit then is `generation`, ending at `offset`). */
export interface FoldPlan {
  generation: number;
  offset: number;
  id: string;
  manifest: Manifest;
  replaced: boolean;
  /**
   * Each changed partition's rows, taken from the cache or read from disk while the fold writes (see
   * `JournalledState.rowsToFold`): all of them to rewrite its file, or with `segment` only the new rows the commits
   * put, for a segment beside it (see segments.ts).
   */
  write: { key: PartitionKey; generation: number; segment: boolean; rows: () => Promise<Row[]> }[];
  remove: PartitionKey[];
}

/** What the commits since the last fold did to one partition. */
export interface PartitionChanges {
  /** The generation of the last commit that changed it. */
  generation: number;
  /**
   * The last commit that removed or replaced rows, or put a new version of a record: then the partition is rewritten
   * whole, so that no earlier version of a record (a name since erased, text since edited out) is left on disk.
   */
  wholeAt?: number;
  /** The keys of the new rows put (records at their first version, idempotency entries), each with the last commit that put it. */
  put: Map<string, number>;
}

/** A row that is new where it is put: a record at its first version, or an idempotency entry (never changed). */
const isNewRow = (row: Row): boolean => !('version' in row) || row.version === 1;

/**
 * What the journal's commits not yet folded have done to the partitions: the ones they changed and the ones they
 * dropped, each with the generation of the last commit that did, and the generation of a restore among them
 * (then the next fold replaces the store's whole content).
 */
export class Unfolded {
  private readonly changed = new Map<PartitionKey, PartitionChanges>();
  private readonly dropped = new Map<PartitionKey, number>();
  private replacedAt: number | undefined;

  get replaced(): boolean {
    return this.replacedAt !== undefined;
  }

  /** Everything is folded (or the journal is read again from its start). */
  clear(): void {
    this.changed.clear();
    this.dropped.clear();
    this.replacedAt = undefined;
  }

  /** Takes note of a commit applied to the cache. */
  track(entry: JournalEntry): void {
    if (entry.replaceAll) {
      this.replacedAt = entry.generation;
      this.changed.clear();
      this.dropped.clear();
    }
    for (const key of entry.drop) {
      this.changed.delete(key);
      this.dropped.set(key, entry.generation);
    }
    for (const [key, change] of Object.entries(entry.partitions)) {
      // Put again after it was dropped (unfolded): its file is still there, to be replaced, not added to.
      const redone = this.dropped.delete(key);
      const changes = this.changed.get(key) ?? { generation: entry.generation, put: new Map<string, number>() };
      changes.generation = entry.generation;
      if (redone || 'replace' in change || change.remove.length || !change.put.every(isNewRow)) changes.wholeAt = entry.generation;
      else for (const row of change.put) changes.put.set(rowKey(spaceOf(key), row), entry.generation);
      this.changed.set(key, changes);
    }
  }

  isDropped(key: PartitionKey): boolean {
    return this.dropped.has(key);
  }

  /** The partitions the manifest lists that are still in the store: none after a restore, and none dropped since. */
  listed(manifest: Manifest): PartitionKey[] {
    return this.replaced ? [] : Object.keys(manifest.partitions).filter((k) => !this.dropped.has(k));
  }

  /** The partitions changed, with what changed in each. */
  changes(): [PartitionKey, PartitionChanges][] {
    return [...this.changed];
  }

  /** The partitions a fold deletes: those dropped, and after a restore every listed one it does not write. */
  toRemove(manifest: Manifest): PartitionKey[] {
    return [...this.dropped.keys(), ...(this.replaced ? Object.keys(manifest.partitions).filter((k) => !this.changed.has(k)) : [])];
  }

  /** A fold of the commits up to `generation` is in place: what later commits did is still to fold. */
  foldedUpTo(generation: number): void {
    for (const [key, changes] of this.changed) {
      if (changes.generation <= generation) {
        this.changed.delete(key);
        continue;
      }
      // Changed again while the fold wrote: only what came after it is left to fold.
      if (changes.wholeAt !== undefined && changes.wholeAt <= generation) delete changes.wholeAt;
      for (const [k, at] of changes.put) if (at <= generation) changes.put.delete(k);
    }
    for (const [key, last] of this.dropped) if (last <= generation) this.dropped.delete(key);
    if (this.replacedAt !== undefined && this.replacedAt <= generation) this.replacedAt = undefined;
  }
}

/** The manifest a fold leaves: naming its last commit, and each partition it wrote, less those it removed. */
export function foldedManifest(plan: FoldPlan): Manifest {
  const partitions = plan.replaced ? {} : { ...plan.manifest.partitions };
  const segments = plan.replaced ? {} : { ...plan.manifest.segments };
  for (const key of plan.remove) {
    delete partitions[key];
    delete segments[key];
  }
  for (const { key, generation, segment } of plan.write) {
    partitions[key] = generation;
    if (segment) segments[key] = [...(segments[key] ?? []), generation];
    else delete segments[key];
  }
  return { ...plan.manifest, generation: plan.generation, partitions, segments };
}

/** The partitions whose segment files go once the fold is in place: those it rewrote whole or deleted (after a restore, every one). */
export const unsegmented = (plan: FoldPlan): PartitionKey[] => [
  ...plan.write.filter((w) => !w.segment).map((w) => w.key),
  ...plan.remove,
];

/**
 * A fold's partition files: each partition the plan changes rewritten or given a segment (temporary file, sync,
 * rename), dropped ones deleted, folders synced. A crash here leaves the journal to replay; a rewritten file carries
 * its generation, and a segment the manifest does not list yet is not read.
 */
export async function writePartitions(files: StoreFiles, plan: FoldPlan, lease: LockLease): Promise<void> {
  // One partition after another: each is written a slice at a time, and the commits going on meanwhile
  // share the disk and the thread pool with one file being written, not with all of them.
  for (const { key, generation, segment, rows } of plan.write) {
    lease.assertHeld();
    if (segment) await files.writeSegment(key, { generation, rows: await rows() });
    else await files.writePartition(key, { generation, rows: await rows() });
  }
  lease.assertHeld();
  await Promise.all(plan.remove.map((key) => unlink(files.partition(key)).catch(ignoreMissing)));
  const folders = [...plan.write.map((w) => w.key), ...plan.remove].map((key) => dirname(files.partition(key)));
  await Promise.all([...new Set(folders)].map(syncDirectory));
}

/** The steps of a fold, in order, as the store's state takes them (`JournalledState`). */
export interface FoldSteps {
  unfoldedBytes(): number;
  planFold(): Promise<FoldPlan | undefined>;
  writeFold(plan: FoldPlan, foldLease: LockLease): Promise<void>;
  swapManifest(plan: FoldPlan, foldLease: LockLease): Promise<StagedJournal>;
  finishFold(plan: FoldPlan, staged: StagedJournal, lease: LockLease): Promise<void>;
  discardStaged(): Promise<void>;
  forget(): void;
}

export interface FoldRunnerOptions {
  state: FoldSteps;
  /** Taken by a fold before the commit lock: one fold at a time across processes. */
  foldLock: StoreLock;
  /** Runs work in the store's queue under the commit lock, caught up with the journal. */
  underLock: <T>(work: (lease: LockLease) => Promise<T>) => Promise<T>;
  logger: Logger;
  /** A fold at the latest this long after a commit not folded... */
  intervalMs: number;
  /** ...or as soon as the journal holds this many bytes of commits. */
  journalBytes: number;
}

/**
 * When and how this process folds the journal: in the background after commits, at once on request (`fold`), and
 * what is left at closing (`finish`). The commit lock is held only to plan the fold and to put the new journal in
 * place; the partition files and the manifest are written under the fold lock alone, while commits go on.
 */
export class FoldRunner {
  private timer: NodeJS.Timeout | undefined;
  /** The fold under way in this process, if any. */
  private folding: Promise<void> | undefined;

  constructor(private readonly o: FoldRunnerOptions) {}

  /** Folds now, after a fold under way here; skipped when another process is folding. */
  async fold(): Promise<void> {
    while (this.folding) await this.folding.catch(() => undefined);
    this.cancel();
    this.folding = this.foldOnce().finally(() => {
      this.folding = undefined;
    });
    return this.folding;
  }

  private async foldOnce(): Promise<void> {
    const { state, underLock } = this.o;
    try {
      await this.o.foldLock.tryHold(async (foldLease) => {
        const plan = await underLock(() => state.planFold());
        if (!plan) return;
        try {
          await state.writeFold(plan, foldLease);
          const staged = await state.swapManifest(plan, foldLease);
          await underLock((lease) => {
            // Another process that took the fold lock over may have staged its own journal under the same name.
            foldLease.assertHeld();
            return state.finishFold(plan, staged, lease);
          });
        } catch (error) {
          // Its new journal, if written, is of no use now; while the fold lock is surely this process's, no other fold's is there.
          // Failing that, it is left for the next fold or open to delete: said, but the fold's own failure is what is thrown.
          if (foldLease.surelyHeld()) {
            await state.discardStaged().catch((err: unknown) => this.o.logger.warn({ code: 'store-staged-journal-left', err: loggableError(err) }, 'store could not delete the new journal of a failed fold'));
          }
          throw error;
        }
      });
    } catch (error) {
      state.forget();
      this.o.logger.error({ code: 'store-fold-failed', err: loggableError(error) }, 'store could not fold its journal; it is kept and tried again');
      throw error;
    }
  }

  /** A whole fold under the locks already held (a restore folds at once). */
  async foldNow(lease: LockLease): Promise<void> {
    const { state } = this.o;
    const plan = await state.planFold();
    if (!plan) return;
    await state.writeFold(plan, lease);
    await state.finishFold(plan, await state.swapManifest(plan, lease), lease);
  }

  /** At open: deletes the new journal of a fold whose process died before putting it in place, unless one is folding now. */
  async discardLeftover(): Promise<void> {
    await this.o.foldLock.tryHold(() => this.o.state.discardStaged());
  }

  /** After a commit: a fold at the latest `intervalMs` from now, or at once when the journal has grown past `journalBytes`. */
  schedule(): void {
    const foldSoon = () => {
      this.timer = undefined;
      if (!this.folding) this.fold().catch(() => undefined);
    };
    const unfolded = this.o.state.unfoldedBytes();
    if (unfolded >= this.o.journalBytes) {
      this.cancel();
      foldSoon();
    } else if (!this.timer && unfolded > 0) {
      this.timer = setTimeout(foldSoon, this.o.intervalMs);
      this.timer.unref();
    }
  }

  /** At closing: waits for a fold under way, then folds what is left. */
  async finish(): Promise<void> {
    await this.folding?.catch(() => undefined);
    if (this.o.state.unfoldedBytes() > 0) await this.fold().catch(() => undefined);
    this.cancel();
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
