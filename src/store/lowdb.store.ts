import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { collectionNames, type CollectionName, type RecordOf } from '../domain/collections.js';
import type { Json, Match, Store, StoreDump, StoreTransaction, TransactOptions, TransactResult } from '../app/ports/store.port.js';
import { silentLogger, type Logger } from '../app/ports/logger.port.js';
import { loggableError } from '../app/logging.js';
import { IDEMPOTENCY_TTL_MS, SerialQueue } from './memory.store.js';
import { matches, UnitOfWork } from './unit-of-work.js';
import { parseDump } from './dump.js';
import { Batch } from './batch.js';
import { applyJournal, clearJournal, recoverJournal, writeJournal, type Journal, type PartitionChange } from './journal.js';
import { emptyManifest, readGeneration, readManifest, type Manifest } from './manifest.js';
import { dayOf, IDEMPOTENCY, recordPartition, spaceOf, StoreFiles, type PartitionKey, type Row } from './partition.js';
import { PartitionCache } from './partition-cache.js';
import { StoreLock } from './lowdb-lock.js';
import { CorruptStoreError, StoreClosedError } from './store-errors.js';
import { latestOnly } from './latest-only.js';

export interface LowdbStoreOptions {
  /** The manifest file (`DATA_FILE`); partitions live in the folder `<dataFile>.d`. */
  dataFile: string;
  now?: () => Date;
  logger?: Logger;
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
 * On disk: the manifest (`DATA_FILE`) lists every partition and the generation of the commit that
 * last wrote it; each collection is split by creation month (`<DATA_FILE>.d/<collection>/<yyyy-mm>.json`)
 * so that a write rewrites a month, not the store; idempotency keys are kept a file per day.
 * A commit takes the inter-process lock, replays any journal a crashed process left, re-reads what
 * other processes changed, runs every unit queued meanwhile (group commit), then writes the journal,
 * the touched partitions and the manifest, each synced, and empties the journal.
 */
export class LowdbStore implements Store {
  readonly kind = 'lowdb' as const;
  private readonly files: StoreFiles;
  private readonly cache = new PartitionCache();
  private readonly queue = new SerialQueue();
  private readonly lock: StoreLock;
  private readonly now: () => Date;
  private readonly logger: Logger;
  /** The manifest as last read under the lock (or written by this process). */
  private manifest: Manifest = emptyManifest();
  private readonly pending: QueuedUnit[] = [];
  private batchScheduled = false;
  private closed = false;
  /** Set while a unit of work runs, so a store read made from inside it never waits on its own batch. */
  private readonly inUnit = new AsyncLocalStorage<true>();
  private readonly latestGeneration: () => Promise<number>;

  private constructor(options: LowdbStoreOptions) {
    this.files = new StoreFiles(resolve(options.dataFile));
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger ?? silentLogger;
    this.lock = new StoreLock(this.files.manifest, this.files.lock, this.logger);
    this.latestGeneration = latestOnly(() => readGeneration(this.files.manifest));
  }

  /** Opens (or creates) the store, finishing any commit a crashed process left half done. */
  static async open(options: LowdbStoreOptions): Promise<LowdbStore> {
    const store = new LowdbStore(options);
    await mkdir(dirname(store.files.manifest), { recursive: true });
    await store.queue.run(() =>
      store.lock.hold(async () => {
        await store.recover();
        store.manifest = await readManifest(store.files.manifest);
      }),
    );
    return store;
  }

  /** The manifest file this store reads and writes. */
  get dataFile(): string {
    return this.files.manifest;
  }

  async get<C extends CollectionName>(collection: C, tenantId: string, id: string): Promise<RecordOf<C> | undefined> {
    await this.fresh(collection);
    const r = this.cache.get(collection, tenantId, id);
    return r ? (structuredClone(r) as RecordOf<C>) : undefined;
  }

  async find<C extends CollectionName>(collection: C, tenantId: string, match?: Match<RecordOf<C>>): Promise<RecordOf<C>[]> {
    await this.fresh(collection);
    const out = [];
    for (const r of this.cache.all(collection)) if (r.tenantId === tenantId && matches(r, match)) out.push(r);
    return structuredClone(out) as RecordOf<C>[];
  }

  transact<T extends Json | void>(work: (tx: StoreTransaction) => Promise<T>, options: TransactOptions): Promise<TransactResult<T>> {
    if (this.closed) return Promise.reject(new StoreClosedError(`lowdb (${this.files.manifest})`));
    // It would wait for the batch it is part of, forever.
    if (this.inUnit.getStore()) return Promise.reject(new Error('A unit of work cannot start another one: use the transaction it was given.'));
    return new Promise<TransactResult<T>>((resolve, reject) => {
      this.pending.push({ work, options, resolve: resolve as QueuedUnit['resolve'], reject });
      if (this.batchScheduled) return;
      // Group commit: units queued while a commit is under way all go in the next one.
      this.batchScheduled = true;
      void this.queue.run(async () => {
        this.batchScheduled = false;
        await this.commitBatch(this.pending.splice(0));
      });
    });
  }

  async dump(): Promise<StoreDump> {
    this.assertOpen();
    return this.queue.run(() =>
      this.lock.hold(async () => {
        await this.syncUnderLock();
        await this.syncTo(this.manifest, collectionNames, true);
        return {
          format: 'school-improvement-bot/backup' as const,
          version: 1 as const,
          takenAt: this.now().toISOString(),
          collections: Object.fromEntries(collectionNames.map((c) => [c, structuredClone([...this.cache.all(c)])])),
        };
      }),
    );
  }

  async restore(dump: StoreDump): Promise<void> {
    this.assertOpen();
    const records = parseDump(dump);
    await this.queue.run(() =>
      this.lock.hold(async () => {
        await this.syncUnderLock();
        const partitions: Record<PartitionKey, { replace: Row[] }> = {};
        for (const c of collectionNames) for (const r of records[c]) (partitions[recordPartition(c, r)] ??= { replace: [] }).replace.push(r);
        // Idempotency keys go too, as in the memory store: they answered for records the backup replaces.
        const drop = Object.keys(this.manifest.partitions).filter((k) => !(k in partitions));
        await this.commit({ generation: this.manifest.generation + 1, partitions, drop, replaceAll: true });
        for (const c of collectionNames) this.cache.markLoaded(c);
      }),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue.drain();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError(`lowdb (${this.files.manifest})`);
  }

  /**
   * Brings the collection's cache up to date before a read outside a unit: one small manifest read
   * when the collection is cached and nobody has written since; otherwise the changed partitions.
   */
  private async fresh(collection: CollectionName): Promise<void> {
    this.assertOpen();
    if (this.inUnit.getStore()) return this.loadUnderLock(collection);
    if (this.cache.isLoaded(collection) && (await this.latestGeneration()) <= this.cache.generation) return;
    await this.queue.run(async () => this.syncTo(await readManifest(this.files.manifest), [collection], false));
  }

  /**
   * Reads into the cache every partition of `collections` (and of those already cached) that the
   * manifest lists at a newer generation, and forgets partitions it no longer lists. Outside the lock
   * (`strict` false) another process may be mid-commit: a partition is taken only if newer than the
   * cached one, and a missing file just leaves the cache marked as behind, to be read again.
   */
  private async syncTo(manifest: Manifest, collections: readonly CollectionName[], strict: boolean): Promise<void> {
    const wanted = new Set<string>([...this.cache.loadedCollections(), ...collections]);
    if (strict) wanted.add(IDEMPOTENCY);
    const toRead = Object.entries(manifest.partitions)
      .filter(([key, generation]) => {
        const cached = this.cache.generationOf(key);
        return (cached !== undefined || wanted.has(spaceOf(key))) && (cached === undefined || generation > cached);
      })
      .map(([key]) => key);
    for (const key of this.cache.cachedPartitions()) {
      if (!(key in manifest.partitions) && this.cache.generationOf(key)! < manifest.generation) this.cache.drop(key);
    }
    const read = await Promise.all(toRead.map((key) => this.files.readPartition(key)));
    let complete = true;
    toRead.forEach((key, i) => {
      const data = read[i];
      const cached = this.cache.generationOf(key);
      if (!data) {
        if (strict) throw new CorruptStoreError(this.files.partition(key), 'the manifest lists it but the file is missing.');
        complete = false;
      } else {
        if (cached === undefined || data.generation > cached) this.cache.install(key, data.generation, data.rows);
        // Read while another process was mid-commit (its manifest already out, this file not yet): read it again next time.
        if (data.generation < manifest.partitions[key]!) complete = false;
      }
    });
    if (!complete) return;
    for (const c of collections) this.cache.markLoaded(c);
    this.cache.generation = Math.max(this.cache.generation, manifest.generation);
  }

  /** Inside the lock, the manifest in hand is the latest: loading a collection reads its partitions. */
  private async loadUnderLock(collection: CollectionName): Promise<void> {
    if (!this.cache.isLoaded(collection)) await this.syncTo(this.manifest, [collection], true);
  }

  /** The first thing under the lock: finish a crashed commit, then catch up with other processes' commits. */
  private async syncUnderLock(): Promise<void> {
    await this.recover();
    this.manifest = await readManifest(this.files.manifest);
    await this.syncTo(this.manifest, [], true);
  }

  private async commitBatch(units: QueuedUnit[]): Promise<void> {
    let outcomes: Outcome[] = [];
    try {
      await this.lock.hold(async () => {
        await this.syncUnderLock();
        const batch = new Batch(this.cache, (c) => this.loadUnderLock(c));
        for (const unit of units) outcomes.push(await this.runUnit(batch, unit));
        if (!batch.isEmpty()) await this.commit(this.journalFor(batch.partitionChanges()));
      });
    } catch (error) {
      // The commit itself failed (disk, lock): no unit of the batch is stored, unless its journal was
      // complete, in which case the next commit replays it; either way the disk is re-read from scratch.
      this.cache.clear();
      this.logger.error({ code: 'store-commit-failed', units: units.length, err: loggableError(error) }, 'store commit failed');
      outcomes = units.map((_, i) => (outcomes[i] && !outcomes[i].ok ? outcomes[i] : { ok: false, error }));
    }
    units.forEach((unit, i) => {
      const o = outcomes[i]!;
      if (o.ok) unit.resolve(o.result as TransactResult<never>);
      else unit.reject(o.error);
    });
  }

  private async runUnit(batch: Batch, unit: QueuedUnit): Promise<Outcome> {
    const key = unit.options.idempotencyKey;
    if (key) {
      const earlier = batch.findIdempotency(key) ?? this.cache.findIdempotency(key);
      if (earlier) return { ok: true, result: { value: structuredClone(earlier.value), replayed: true } };
    }
    const tx = new UnitOfWork(batch, this.now, unit.options.actor);
    try {
      const value = await this.inUnit.run(true, () => unit.work(tx));
      const changes = tx.changes();
      // Kept as JSON, since a replay after a restart reads it from disk; checked before the batch takes the changes.
      const kept = key ? (JSON.parse(JSON.stringify(value ?? null)) as Json) : null;
      batch.apply(changes);
      if (key) batch.remember({ key, value: kept, at: this.now().toISOString() });
      return { ok: true, result: { value, replayed: false } };
    } catch (error) {
      return { ok: false, error };
    }
  }

  /** The batch's journal, dropping idempotency days past keeping (at least seven full days are kept). */
  private journalFor(partitions: Record<PartitionKey, PartitionChange>): Journal {
    const oldestKept = `${IDEMPOTENCY}/${dayOf(new Date(this.now().getTime() - IDEMPOTENCY_TTL_MS - DAY_MS))}`;
    const drop = Object.keys(this.manifest.partitions).filter((k) => spaceOf(k) === IDEMPOTENCY && k < oldestKept);
    return { generation: this.manifest.generation + 1, partitions, drop, replaceAll: false };
  }

  /** The journal first (synced), then the partitions and the manifest (see applyJournal); the cache learns the result last. */
  private async commit(journal: Journal): Promise<void> {
    await writeJournal(this.files, journal);
    const { manifest, written } = await applyJournal(this.files, journal, this.manifest, async (key) => this.committedRows(key));
    await clearJournal(this.files);
    if (journal.replaceAll) this.cache.clear();
    for (const key of journal.drop) this.cache.drop(key);
    for (const [key, rows] of written) this.cache.install(key, journal.generation, rows);
    this.manifest = manifest;
    this.cache.generation = manifest.generation;
  }

  /** A partition's rows as committed, under the lock: cached, read from disk, or none for a new partition. */
  private async committedRows(key: PartitionKey): Promise<readonly Row[]> {
    if (this.cache.generationOf(key) !== undefined) return this.cache.rows(key);
    if (this.manifest.partitions[key] === undefined) return [];
    const data = await this.files.readPartition(key);
    if (!data) throw new CorruptStoreError(this.files.partition(key), 'the manifest lists it but the file is missing.');
    return data.rows;
  }

  private recover(): Promise<void> {
    return recoverJournal(this.files, this.logger);
  }
}
