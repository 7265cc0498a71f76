import type { CollectionName } from '../domain/collections.js';
import type { RecordMeta } from '../domain/record.js';
import type { CommittedState } from './unit-of-work.js';
import { RecordTable } from './memory.store.js';
import { IDEMPOTENCY, parsePartitionKey, type IdempotencyEntry, type PartitionKey, type Row } from './partition.js';

/**
 * The lowdb store's memory of what is on disk: the partitions it has read, each with the generation
 * it was read at. Records are held one RecordTable per month, so that reading a collection walks the
 * months in order (oldest first) and a partition another process changed is swapped in alone.
 */
export class PartitionCache implements CommittedState {
  /** The manifest generation every cached partition was last checked against. */
  generation = 0;
  private readonly generations = new Map<PartitionKey, number>();
  private readonly loaded = new Set<CollectionName>();
  private readonly byMonth = new Map<string, RecordTable>();
  private months: string[] = [];
  private readonly idempotency = new Map<string, Map<string, IdempotencyEntry>>();

  get(collection: CollectionName, tenantId: string, id: string): RecordMeta | undefined {
    // Newest month first: most reads are of recent records. A month lookup is one Map get.
    for (let i = this.months.length - 1; i >= 0; i--) {
      const r = this.byMonth.get(this.months[i]!)!.get(collection, tenantId, id);
      if (r) return r;
    }
    return undefined;
  }

  *all(collection: CollectionName): Iterable<RecordMeta> {
    for (const month of this.months) yield* this.byMonth.get(month)!.all(collection);
  }

  /** Whether every partition of the collection has been read (not just the ones a write touched). */
  isLoaded(collection: CollectionName): boolean {
    return this.loaded.has(collection);
  }

  markLoaded(collection: CollectionName): void {
    this.loaded.add(collection);
  }

  loadedCollections(): CollectionName[] {
    return [...this.loaded];
  }

  /** The generation a cached partition was read or written at; undefined when not cached. */
  generationOf(key: PartitionKey): number | undefined {
    return this.generations.get(key);
  }

  cachedPartitions(): PartitionKey[] {
    return [...this.generations.keys()];
  }

  private table(month: string): RecordTable {
    let t = this.byMonth.get(month);
    if (!t) {
      this.byMonth.set(month, (t = new RecordTable()));
      this.months = [...this.byMonth.keys()].sort();
    }
    return t;
  }

  /** Puts a partition's whole content in the cache, replacing what was there. */
  install(key: PartitionKey, generation: number, rows: readonly Row[]): void {
    const { space, period } = parsePartitionKey(key)!;
    if (space === IDEMPOTENCY) {
      this.idempotency.set(period, new Map((rows as IdempotencyEntry[]).map((e) => [e.key, e])));
    } else {
      this.table(period).replace(space, rows as RecordMeta[]);
    }
    this.generations.set(key, generation);
  }

  /** Forgets a partition that no longer exists on disk. */
  drop(key: PartitionKey): void {
    const { space, period } = parsePartitionKey(key)!;
    if (space === IDEMPOTENCY) this.idempotency.delete(period);
    else this.byMonth.get(period)?.replace(space, []);
    this.generations.delete(key);
  }

  /** The rows of a cached partition, in file order. */
  rows(key: PartitionKey): Row[] {
    const { space, period } = parsePartitionKey(key)!;
    if (space === IDEMPOTENCY) return [...(this.idempotency.get(period)?.values() ?? [])];
    return [...(this.byMonth.get(period)?.all(space) ?? [])];
  }

  findIdempotency(key: string): IdempotencyEntry | undefined {
    for (const entries of this.idempotency.values()) {
      const e = entries.get(key);
      if (e) return e;
    }
    return undefined;
  }

  /** Forgets everything: after a failed commit, the disk is the truth and is read again. */
  clear(): void {
    this.generation = 0;
    this.generations.clear();
    this.loaded.clear();
    this.byMonth.clear();
    this.months = [];
    this.idempotency.clear();
  }
}

