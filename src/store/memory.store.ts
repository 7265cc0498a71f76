import { AsyncLocalStorage } from 'node:async_hooks';
import { collectionNames, type CollectionName, type RecordOf } from '../domain/collections.js';
import type { RecordMeta } from '../domain/record.js';
import type { Json, Match, Store, StoreDump, StoreTransaction, TransactOptions, TransactResult } from '../app/ports/store.port.js';
import { matches, UnitOfWork, type Change, type CommittedState } from './unit-of-work.js';
import { parseDump } from './dump.js';
import { StoreClosedError } from './store-errors.js';
import { deepFreeze } from './immutable.js';

/** Keeps idempotency keys this long: far beyond any Teams retry or double click. */
export const IDEMPOTENCY_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Committed records held in memory, one map per collection keyed by tenant and id.
 * The memory store uses it alone; the lowdb adapter uses it as its cache of what is on disk.
 */
export class RecordTable implements CommittedState {
  private readonly maps = new Map<CollectionName, Map<string, RecordMeta>>();

  private map(collection: CollectionName): Map<string, RecordMeta> {
    let m = this.maps.get(collection);
    if (!m) this.maps.set(collection, (m = new Map()));
    return m;
  }

  get(collection: CollectionName, tenantId: string, id: string): RecordMeta | undefined {
    return this.map(collection).get(`${tenantId}\u0000${id}`);
  }

  all(collection: CollectionName): Iterable<RecordMeta> {
    return this.map(collection).values();
  }

  put(collection: CollectionName, record: RecordMeta): void {
    this.map(collection).set(`${record.tenantId}\u0000${record.id}`, record);
  }

  remove(collection: CollectionName, record: RecordMeta): void {
    this.map(collection).delete(`${record.tenantId}\u0000${record.id}`);
  }

  replace(collection: CollectionName, records: Iterable<RecordMeta>): void {
    const m = new Map<string, RecordMeta>();
    for (const r of records) m.set(`${r.tenantId}\u0000${r.id}`, r);
    this.maps.set(collection, m);
  }

  apply(changes: readonly Change[]): void {
    for (const c of changes) {
      if (c.op === 'delete') this.remove(c.collection, c.record);
      else this.put(c.collection, c.record);
    }
  }
}

/** Runs async work one at a time, in order: a unit of work must see every earlier unit's result. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once everything queued so far has finished. */
  async drain(): Promise<void> {
    await this.tail;
  }
}

/**
 * A Store held in memory: the reference behaviour every adapter must match, and the store for
 * unit tests of the use cases. Nothing survives the process.
 */
export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private readonly table = new RecordTable();
  private readonly idempotency = new Map<string, { value: unknown; at: number }>();
  private readonly queue = new SerialQueue();
  private closed = false;
  /**
   * Set while a unit runs. A unit reads and writes through the transaction it was given, never through the store: on
   * lowdb a unit that starts another, or reads a collection through the store, waits for its own batch forever, and
   * on PostgreSQL it takes a second connection. Only this store checks it: it is the store every use case is tested
   * on, so such a unit fails its tests. The durable stores leave it out, as AsyncLocalStorage makes every promise of
   * the process pay for tracking (on Node 20, about 8% of a card press).
   */
  private readonly inUnit = new AsyncLocalStorage<true>();

  private assertNotInUnit(): void {
    if (this.inUnit.getStore()) throw new Error('A unit of work reads through the transaction it was given, not through the store.');
  }

  constructor(private readonly now: () => Date = () => new Date()) {}

  async get<C extends CollectionName>(collection: C, tenantId: string, id: string): Promise<RecordOf<C> | undefined> {
    this.assertNotInUnit();
    return this.table.get(collection, tenantId, id) as RecordOf<C> | undefined;
  }

  async find<C extends CollectionName>(collection: C, tenantId: string, match?: Match<RecordOf<C>>): Promise<RecordOf<C>[]> {
    this.assertNotInUnit();
    return [...this.table.all(collection)].filter((r) => r.tenantId === tenantId && matches(r, match)) as RecordOf<C>[];
  }

  transact<T extends Json | void>(work: (tx: StoreTransaction) => Promise<T>, options: TransactOptions): Promise<TransactResult<T>> {
    if (this.closed) return Promise.reject(new StoreClosedError('memory'));
    if (this.inUnit.getStore()) return Promise.reject(new Error('A unit of work cannot start another one: use the transaction it was given.'));
    return this.queue.run(async () => {
      const nowMs = this.now().getTime();
      for (const [k, v] of this.idempotency) if (nowMs - v.at > IDEMPOTENCY_TTL_MS) this.idempotency.delete(k);
      if (options.idempotencyKey && this.idempotency.has(options.idempotencyKey)) {
        return { value: structuredClone(this.idempotency.get(options.idempotencyKey)!.value) as T, replayed: true };
      }
      const unit = new UnitOfWork(this.table, this.now, options.actor);
      const value = await this.inUnit.run(true, () => work(unit));
      this.table.apply(unit.changes());
      if (options.idempotencyKey) this.idempotency.set(options.idempotencyKey, { value: structuredClone(value ?? null), at: nowMs });
      return { value, replayed: false };
    });
  }

  async dump(): Promise<StoreDump> {
    return this.queue.run(async () => ({
      format: 'school-improvement-bot/backup' as const,
      version: 1 as const,
      takenAt: this.now().toISOString(),
      collections: Object.fromEntries(collectionNames.map((c) => [c, [...this.table.all(c)]])),
    }));
  }

  async restore(dump: StoreDump): Promise<void> {
    const parsed = parseDump(dump);
    await this.queue.run(async () => {
      for (const c of collectionNames) this.table.replace(c, deepFreeze(parsed[c]));
      this.idempotency.clear();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue.drain();
  }
}

