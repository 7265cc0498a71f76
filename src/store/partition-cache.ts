import { collectionNames, type CollectionName } from '../domain/collections.js';
import type { RecordMeta } from '../domain/record.js';
import type { Match } from '../app/ports/store.port.js';
import { matches, type CommittedState } from './unit-of-work.js';
import type { JournalEntry, PartitionChange } from './journal.js';
import type { PartitionStep } from './segments.js';
import { addTo, bySlotOrder, removeFrom, valueKey, valueOf, type Entry, type Index, type Slot } from './record-index.js';
import { IDEMPOTENCY, parsePartitionKey, rowKey, spaceOf, type IdempotencyEntry, type PartitionData, type PartitionKey, type Row, type Space } from './partition.js';

/** A journal change to a partition whose space has not been read: applied when it is (or folded into its file). */
type PendingChange = PartitionStep;

interface Part {
  generation: number;
  rows: Map<string, Row>;
}

/**
 * The lowdb store's committed state in memory: the partitions it has read (each at the generation of
 * the last commit that changed it), the journal's changes to partitions not read yet (applied when
 * they are), a map of every record by tenant and id, and per-field indexes for `find`'s equality
 * filter, built on the first find by that field and kept up to date from then on.
 * Rows are frozen: they are handed to readers as they are.
 */
export class PartitionCache implements CommittedState {
  private readonly parts = new Map<PartitionKey, Part>();
  private readonly keysBySpace = new Map<Space, PartitionKey[]>();
  private readonly pending = new Map<PartitionKey, PendingChange[]>();
  private readonly loaded = new Set<Space>();
  private readonly slots = new Map<CollectionName, Map<string, Slot>>();
  private readonly indexes = new Map<CollectionName, Map<string, Index>>();
  private ord = 0;

  get(collection: CollectionName, tenantId: string, id: string): RecordMeta | undefined {
    return this.slots.get(collection)?.get(`${tenantId}\u0000${id}`)?.row;
  }

  *all(collection: CollectionName): Iterable<RecordMeta> {
    for (const key of this.keysBySpace.get(collection) ?? []) yield* this.parts.get(key)!.rows.values() as Iterable<RecordMeta>;
  }

  /**
   * The tenant's records that match, oldest first (file order), through the index of the matched field
   * with the fewest records for its value (with no field, the tenant's own index). Each index entry keeps
   * its records in file order once a find has asked, so a find walks only what it returns, without sorting.
   */
  find(collection: CollectionName, tenantId: string, match?: Match<RecordMeta>): RecordMeta[] {
    const fields = Object.entries(match ?? {}).filter(([, v]) => v !== undefined);
    if (!fields.length) fields.push(['tenantId', tenantId]);
    let best: Entry | undefined;
    for (const [field, value] of fields) {
      const entry = this.index(collection, field).get(valueKey(tenantId, value));
      if (!entry) return [];
      if (!best || entry.slots.size < best.slots.size) best = entry;
    }
    const order = (best!.order ??= [...best!.slots].sort(bySlotOrder));
    const rows = order.map((s) => s.row);
    // One field with a plain value: the entry holds exactly the records that match (objects compare by identity, not by the key).
    const exact = fields.length === 1 && (typeof fields[0]![1] !== 'object' || fields[0]![1] === null);
    return exact ? rows : rows.filter((r) => matches(r, match));
  }

  private index(collection: CollectionName, field: string): Index {
    let byField = this.indexes.get(collection);
    if (!byField) this.indexes.set(collection, (byField = new Map()));
    let index = byField.get(field);
    if (!index) {
      byField.set(field, (index = new Map()));
      for (const slot of this.slots.get(collection)?.values() ?? []) addTo(index, field, slot);
    }
    return index;
  }

  /** `key` is the row's key in its partition (tenant and id), the same string object: each record's key is held once. */
  private putRecord(collection: CollectionName, period: string, key: string, row: RecordMeta): void {
    let slots = this.slots.get(collection);
    if (!slots) this.slots.set(collection, (slots = new Map()));
    const indexes = this.indexes.get(collection);
    const slot = slots.get(key);
    if (!slot) {
      const added = { row, period, ord: ++this.ord };
      slots.set(key, added);
      if (indexes) for (const [field, index] of indexes) addTo(index, field, added);
      return;
    }
    // A record changed in place keeps its slot, and its place in every entry whose value it still holds.
    const before = slot.row;
    slot.row = row;
    if (!indexes) return;
    for (const [field, index] of indexes) {
      if (valueOf(before, field) === valueOf(row, field)) continue;
      removeFrom(index, valueOf(before, field), slot);
      addTo(index, field, slot);
    }
  }

  private removeRecord(collection: CollectionName, key: string): void {
    const slot = this.slots.get(collection)?.get(key);
    if (!slot) return;
    for (const [field, index] of this.indexes.get(collection) ?? []) removeFrom(index, valueOf(slot.row, field), slot);
    this.slots.get(collection)!.delete(key);
  }

  private putRow(key: PartitionKey, part: Part, row: Row): void {
    const { space, period } = parsePartitionKey(key)!;
    const k = rowKey(space, row);
    part.rows.set(k, row);
    if (space !== IDEMPOTENCY) this.putRecord(space, period, k, row as RecordMeta);
  }

  private removeRow(key: PartitionKey, part: Part, k: string): void {
    const space = spaceOf(key);
    part.rows.delete(k);
    if (space !== IDEMPOTENCY) this.removeRecord(space, k);
  }

  /** Puts a partition's whole content in the cache, replacing what was there. */
  install(key: PartitionKey, generation: number, rows: readonly Row[]): void {
    this.drop(key);
    const part: Part = { generation, rows: new Map() };
    this.parts.set(key, part);
    const space = spaceOf(key);
    const keys = this.keysBySpace.get(space) ?? [];
    this.keysBySpace.set(space, [...keys, key].sort());
    for (const row of rows) this.putRow(key, part, row);
  }

  /** Forgets a partition: deleted, or about to be read again. */
  drop(key: PartitionKey): void {
    const part = this.parts.get(key);
    if (!part) return;
    for (const k of [...part.rows.keys()]) this.removeRow(key, part, k);
    this.parts.delete(key);
    const space = spaceOf(key);
    this.keysBySpace.set(space, (this.keysBySpace.get(space) ?? []).filter((k) => k !== key));
  }

  private change(key: PartitionKey, generation: number, change: PartitionChange): void {
    if ('replace' in change) return this.install(key, generation, change.replace);
    const part = this.parts.get(key)!;
    for (const row of change.put) this.putRow(key, part, row);
    for (const k of change.remove) this.removeRow(key, part, k);
    part.generation = generation;
  }

  /**
   * Applies one journal entry. A partition already at (or past) the entry's generation has it; one of
   * a collection not read yet keeps the change aside until it is read (see `loadPartition`).
   */
  apply(entry: JournalEntry): void {
    if (entry.replaceAll) {
      this.clear();
      for (const space of [...collectionNames, IDEMPOTENCY] as Space[]) this.loaded.add(space);
    }
    for (const key of entry.drop) {
      this.drop(key);
      this.pending.delete(key);
    }
    for (const [key, change] of Object.entries(entry.partitions)) {
      const part = this.parts.get(key);
      if (part && part.generation >= entry.generation) continue;
      if (!part && !this.loaded.has(spaceOf(key))) {
        this.pending.set(key, [...(this.pending.get(key) ?? []), { generation: entry.generation, change }]);
        continue;
      }
      if (!part) this.install(key, 0, []);
      this.change(key, entry.generation, change);
    }
  }

  /** Installs a partition read from its file (or a new, empty one), then the journal's changes to it not in the file. */
  loadPartition(key: PartitionKey, data: PartitionData | undefined): void {
    const generation = data?.generation ?? 0;
    this.install(key, generation, data?.rows ?? []);
    for (const p of this.pending.get(key) ?? []) if (p.generation > generation) this.change(key, p.generation, p.change);
    this.pending.delete(key);
  }

  /** The journal's changes to a partition not read yet, as they are now. */
  pendingOf(key: PartitionKey): PendingChange[] {
    return [...(this.pending.get(key) ?? [])];
  }

  /** After a fold wrote the partition's file: the journal's changes up to `generation` are in it and need not be kept aside. */
  foldedPending(key: PartitionKey, generation: number): void {
    const left = (this.pending.get(key) ?? []).filter((p) => p.generation > generation);
    if (left.length) this.pending.set(key, left);
    else this.pending.delete(key);
  }

  /** Partitions of the space that exist only as journal changes so far. */
  pendingKeys(space: Space): PartitionKey[] {
    return [...this.pending.keys()].filter((k) => spaceOf(k) === space);
  }

  /** After another process folded the journal: what it held is in the files now. */
  clearPending(): void {
    this.pending.clear();
  }

  /** Whether every partition of the space has been read (not just the ones a write touched). */
  isLoaded(space: Space): boolean {
    return this.loaded.has(space);
  }

  markLoaded(space: Space): void {
    this.loaded.add(space);
  }

  loadedSpaces(): Space[] {
    return [...this.loaded];
  }

  /** The generation a cached partition was read or last changed at; undefined when not cached. */
  generationOf(key: PartitionKey): number | undefined {
    return this.parts.get(key)?.generation;
  }

  cachedPartitions(): PartitionKey[] {
    return [...this.parts.keys()];
  }

  /** The rows of a cached partition, in file order. */
  rows(key: PartitionKey): Row[] {
    return [...(this.parts.get(key)?.rows.values() ?? [])];
  }

  /** The rows of a cached partition with these keys, in the keys' order (a segment's new rows: see segments.ts). */
  rowsOf(key: PartitionKey, keys: Iterable<string>): Row[] {
    const part = this.parts.get(key);
    const rows: Row[] = [];
    for (const k of keys) {
      const row = part?.rows.get(k);
      if (row) rows.push(row);
    }
    return rows;
  }

  findIdempotency(key: string): IdempotencyEntry | undefined {
    for (const k of this.keysBySpace.get(IDEMPOTENCY) ?? []) {
      const e = this.parts.get(k)!.rows.get(key);
      if (e) return e as IdempotencyEntry;
    }
    return undefined;
  }

  /** Forgets everything: after a failed commit, the disk is the truth and is read again. */
  clear(): void {
    this.parts.clear();
    this.keysBySpace.clear();
    this.pending.clear();
    this.loaded.clear();
    this.slots.clear();
    this.indexes.clear();
  }
}
