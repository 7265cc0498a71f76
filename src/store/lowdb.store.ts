import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { collectionNames, type CollectionName, type RecordOf } from '../domain/collections.js';
import type { Json, Match, Store, StoreDump, StoreTransaction, TransactOptions, TransactResult } from '../app/ports/store.port.js';
import { silentLogger, type Logger } from '../app/ports/logger.port.js';
import { loggableError } from '../app/logging.js';
import { IDEMPOTENCY_TTL_MS, SerialQueue } from './memory.store.js';
import { UnitOfWork } from './unit-of-work.js';
import { parseDump } from './dump.js';
import { Batch } from './batch.js';
import type { JournalEntry, PartitionChange } from './journal.js';
import { dayOf, IDEMPOTENCY, recordPartition, StoreFiles, type PartitionKey, type Row } from './partition.js';
import { JournalledState, type CommitStep, type StepHook } from './journalled-state.js';
import { FoldRunner } from './fold.js';
import { StoreLock, type LockLease } from './lowdb-lock.js';
import { StoreClosedError } from './store-errors.js';
import { deepFreeze } from './immutable.js';

export type { CommitStep } from './journalled-state.js';

export interface LowdbStoreOptions {
  /** The manifest file (`DATA_FILE`); partitions and the journal live in the folder `<dataFile>.d`. */
  dataFile: string;
  now?: () => Date;
  logger?: Logger;
  /** Folds the journal into the partition files at the latest this long after the first commit not folded (default 30 s). */
  foldIntervalMs?: number;
  /** ...or as soon as the journal holds this many bytes of commits (default 8 MiB). */
  foldJournalBytes?: number;
  /** The inter-process lock's stale time (default 10 s). */
  lockStaleMs?: number;
  /** Called after each named step of a commit or fold: the seam crash tests stop a commit at. */
  onStep?: StepHook;
}

interface QueuedUnit {
  work: (tx: StoreTransaction) => Promise<unknown>;
  options: TransactOptions;
  resolve: (result: TransactResult<never>) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; result: TransactResult<unknown> } | { ok: false; error: unknown };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The default Store: JSON files through lowdb, safe for several processes on one data file.
 *
 * A commit appends the group of units queued meanwhile to the journal as one checksummed entry and
 * syncs it once; reads are answered from memory, after a cheap check that no other process has
 * appended since, or at once while this process holds the lock (`answersNow`). The journal is folded
 * into the month partition files in the background (see FoldRunner), so a write costs one
 * record however large the store. docs/store.md has the format.
 */
export class LowdbStore implements Store {
  readonly kind = 'lowdb' as const;
  private readonly state: JournalledState;
  private readonly queue = new SerialQueue();
  private readonly lock: StoreLock;
  /** Taken by a fold (and a restore) before the commit lock: one fold at a time across processes. */
  private readonly foldLock: StoreLock;
  private readonly now: () => Date;
  private readonly logger: Logger;
  private readonly onStep: StepHook;
  private readonly folds: FoldRunner;
  private readonly pending: QueuedUnit[] = [];
  private batchScheduled = false;
  private closed = false;
  /** The lease while this process holds the commit lock and has caught up: the cache is then the store as committed (see `answersNow`). */
  private current: LockLease | undefined;

  private constructor(options: LowdbStoreOptions) {
    const files = new StoreFiles(resolve(options.dataFile));
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger ?? silentLogger;
    this.onStep = options.onStep ?? (() => undefined);
    this.state = new JournalledState(files, this.logger, (step) => this.onStep(step));
    this.lock = new StoreLock(files.manifest, files.lock, this.logger, { staleMs: options.lockStaleMs });
    this.foldLock = new StoreLock(`${files.manifest}.fold`, `${files.manifest}.fold.lock`, this.logger, { staleMs: options.lockStaleMs });
    this.folds = new FoldRunner({
      state: this.state,
      foldLock: this.foldLock,
      underLock: (work) => this.underLock(work),
      logger: this.logger,
      intervalMs: options.foldIntervalMs ?? 30_000,
      journalBytes: options.foldJournalBytes ?? 8 * 1024 * 1024,
    });
  }

  /** Opens (or creates) the store; commits a crashed process left in the journal are read, a torn last one cut. */
  static async open(options: LowdbStoreOptions): Promise<LowdbStore> {
    const store = new LowdbStore(options);
    await mkdir(dirname(store.dataFile), { recursive: true });
    await store.underLock(() => Promise.resolve());
    await store.folds.discardLeftover();
    return store;
  }

  /** The manifest file this store reads and writes. */
  get dataFile(): string {
    return this.state.files.manifest;
  }

  async get<C extends CollectionName>(collection: C, tenantId: string, id: string): Promise<RecordOf<C> | undefined> {
    // Checked and answered in one go, so nothing runs between the check and the answer.
    if (!this.answersNow(collection)) await this.fresh(collection);
    return this.state.cache.get(collection, tenantId, id) as RecordOf<C> | undefined;
  }

  async find<C extends CollectionName>(collection: C, tenantId: string, match?: Match<RecordOf<C>>): Promise<RecordOf<C>[]> {
    if (!this.answersNow(collection)) await this.fresh(collection);
    return this.state.cache.find(collection, tenantId, match as Match<RecordOf<CollectionName>>) as RecordOf<C>[];
  }

  transact<T extends Json | void>(work: (tx: StoreTransaction) => Promise<T>, options: TransactOptions): Promise<TransactResult<T>> {
    if (this.closed) return Promise.reject(new StoreClosedError(`lowdb (${this.dataFile})`));
    return new Promise<TransactResult<T>>((resolve, reject) => {
      this.pending.push({ work, options, resolve: resolve as QueuedUnit['resolve'], reject });
      if (this.batchScheduled) return;
      // Group commit: units queued while a commit is under way all go in the next one, with one sync.
      this.batchScheduled = true;
      void this.queue.run(async () => {
        this.batchScheduled = false;
        await this.commitBatch(this.pending.splice(0));
      });
    });
  }

  async dump(): Promise<StoreDump> {
    this.assertOpen();
    return this.underLock(async () => {
      for (const c of collectionNames) await this.state.loadSpace(c);
      return {
        format: 'school-improvement-bot/backup' as const,
        version: 1 as const,
        takenAt: this.now().toISOString(),
        // The stored records themselves, frozen: no copy of the whole store is made.
        collections: Object.fromEntries(collectionNames.map((c) => [c, [...this.state.cache.all(c)]])),
      };
    });
  }

  async restore(dump: StoreDump): Promise<void> {
    this.assertOpen();
    const records = parseDump(dump);
    // The fold lock first: no other process's fold may write partitions from before the restore.
    await this.foldLock.hold(() => this.underLock(async (lease) => {
      const partitions: Record<PartitionKey, { replace: Row[] }> = {};
      for (const c of collectionNames) for (const r of records[c]) (partitions[recordPartition(c, r)] ??= { replace: [] }).replace.push(deepFreeze(r));
      // Idempotency keys go too, as in the memory store: they answered for records the backup replaces.
      await this.state.commit({ generation: this.state.generation + 1, partitions, drop: [], replaceAll: true }, lease);
      await this.folds.foldNow(lease);
    }));
  }

  /** Folds the journal into the partition files now (it happens by itself; tests and the bench call it). See `FoldRunner`. */
  fold(): Promise<void> {
    return this.folds.fold();
  }

  /** Waits for queued units and a fold under way, then folds what is left. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue.drain();
    await this.folds.finish();
    await this.state.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError(`lowdb (${this.dataFile})`);
  }

  /** Runs `work` in this process's queue, holding the inter-process lock, after catching up with the journal. */
  private underLock<T>(work: (lease: LockLease) => Promise<T>): Promise<T> {
    return this.queue.run(() =>
      this.lock.hold((lease) => this.caughtUp(lease, () => work(lease))),
    );
  }

  /** Catches up under the lock, then runs `work`, reads meanwhile answered from the cache at once (`answersNow`). */
  private async caughtUp<T>(lease: LockLease, work: () => Promise<T>): Promise<T> {
    await this.state.catchUp();
    this.current = lease;
    try {
      return await work();
    } finally {
      this.current = undefined;
    }
  }

  /**
   * Whether a read outside a unit may be answered from the cache as it stands: the collection is loaded, and
   * either nobody has committed since this process last looked (one stat), or this process holds the commit
   * lock, caught up, and surely still holds it. Then the cache is the last commit on disk: another process
   * answers its commits after syncing them and letting the lock go, so before this one took it and caught up;
   * a batch being appended and synced reaches the cache only once synced, and a failed one clears the cache.
   * docs/store.md ("Reads") has the argument in full.
   */
  private answersNow(collection: CollectionName): boolean {
    this.assertOpen();
    if (!this.state.cache.isLoaded(collection)) return false;
    return this.current?.surelyHeld() === true || this.state.isCurrent(this.state.statJournal());
  }

  /**
   * Brings the collection up to date before a read outside a unit: one stat of the journal when
   * nobody has written since; the commits appended since, read from where this process stopped;
   * or, under the lock, the collection's files (first read) or what another process's fold changed.
   */
  private async fresh(collection: CollectionName): Promise<void> {
    await this.queue.run(async () => {
      if (this.state.cache.isLoaded(collection) && (await this.state.catchUpUnlocked())) return;
      await this.lock.hold((lease) => this.caughtUp(lease, () => this.state.loadSpace(collection)));
    });
  }

  private async commitBatch(units: QueuedUnit[]): Promise<void> {
    let outcomes: Outcome[] = [];
    let committed = false;
    try {
      await this.lock.hold((lease) => this.caughtUp(lease, async () => {
        if (units.some((u) => u.options.idempotencyKey)) await this.state.loadSpace(IDEMPOTENCY);
        const batch = new Batch(this.state.cache, (c) => this.state.loadSpace(c));
        for (const unit of units) outcomes.push(await this.runUnit(batch, unit));
        if (batch.isEmpty()) return;
        await this.state.commit(this.entryFor(batch.partitionChanges()), lease);
        committed = true;
      }));
    } catch (error) {
      // The commit failed (disk, lock, a step stopped by a test): no unit of the batch is acknowledged.
      // If its entry reached the journal whole, it is there for everyone; the disk is read again from scratch.
      this.state.forget();
      this.logger.error({ code: 'store-commit-failed', units: units.length, err: loggableError(error) }, 'store commit failed');
      outcomes = units.map((_, i) => (outcomes[i] && !outcomes[i].ok ? outcomes[i] : { ok: false, error }));
      committed = false;
    }
    units.forEach((unit, i) => {
      const o = outcomes[i]!;
      if (o.ok) unit.resolve(o.result as TransactResult<never>);
      else unit.reject(o.error);
    });
    if (!committed) return;
    await this.step('acknowledged');
    if (!this.closed) this.folds.schedule();
  }

  private async runUnit(batch: Batch, unit: QueuedUnit): Promise<Outcome> {
    const key = unit.options.idempotencyKey;
    if (key) {
      const earlier = batch.findIdempotency(key) ?? this.state.cache.findIdempotency(key);
      if (earlier) return { ok: true, result: { value: structuredClone(earlier.value), replayed: true } };
    }
    const tx = new UnitOfWork(batch, this.now, unit.options.actor);
    try {
      const value = await unit.work(tx);
      const changes = tx.changes();
      // Kept as JSON, since a replay after a restart reads it from disk; checked before the batch takes the changes.
      const kept = key ? deepFreeze(JSON.parse(JSON.stringify(value ?? null)) as Json) : null;
      batch.apply(changes);
      // Frozen like every row the cache hands out (see PartitionCache).
      if (key) batch.remember(Object.freeze({ key, value: kept, at: this.now().toISOString() }));
      return { ok: true, result: { value, replayed: false } };
    } catch (error) {
      return { ok: false, error };
    }
  }

  /** The batch's journal entry, dropping idempotency days past keeping (at least seven full days are kept). */
  private entryFor(partitions: Record<PartitionKey, PartitionChange>): JournalEntry {
    const oldestKept = `${IDEMPOTENCY}/${dayOf(new Date(this.now().getTime() - IDEMPOTENCY_TTL_MS - DAY_MS))}`;
    const drop = this.state.partitionsOf(IDEMPOTENCY).filter((k) => k < oldestKept && !(k in partitions));
    return { generation: this.state.generation + 1, partitions, drop, replaceAll: false };
  }

  private async step(step: CommitStep): Promise<void> {
    try {
      await this.onStep(step);
    } catch (error) {
      this.logger.error({ code: 'store-step-hook-failed', step, err: loggableError(error) }, 'store step hook failed');
    }
  }
}
