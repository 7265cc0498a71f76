import type { CollectionName } from '../domain/collections.js';
import type { RecordMeta } from '../domain/record.js';
import type { Match } from '../app/ports/store.port.js';
import { matches, type Change, type CommittedState } from './unit-of-work.js';
import type { PartitionChange } from './journal.js';
import { idempotencyPartition, recordPartition, rowKey, type IdempotencyEntry, type PartitionKey } from './partition.js';

interface Pending {
  record: RecordMeta;
  deleted: boolean;
}

/**
 * The units of one group commit, layered over the committed state: each unit reads what the units
 * before it in the batch wrote, while readers outside the batch still see only what is on disk.
 * When the batch ends, its net effect becomes one journal: per partition, the rows put and removed.
 */
export class Batch implements CommittedState {
  private readonly records = new Map<CollectionName, Map<string, Pending>>();
  private readonly keys = new Map<string, IdempotencyEntry>();

  constructor(
    private readonly committed: CommittedState,
    private readonly loader: (collection: CollectionName) => Promise<void>,
  ) {}

  load(collection: CollectionName): Promise<void> {
    return this.loader(collection);
  }

  private mine(collection: CollectionName): Map<string, Pending> {
    let m = this.records.get(collection);
    if (!m) this.records.set(collection, (m = new Map()));
    return m;
  }

  get(collection: CollectionName, tenantId: string, id: string): RecordMeta | undefined {
    const p = this.records.get(collection)?.get(`${tenantId}\u0000${id}`);
    if (p) return p.deleted ? undefined : p.record;
    return this.committed.get(collection, tenantId, id);
  }

  *all(collection: CollectionName): Iterable<RecordMeta> {
    const mine = this.records.get(collection);
    for (const r of this.committed.all(collection)) {
      const p = mine?.get(`${r.tenantId}\u0000${r.id}`);
      if (!p) yield r;
      else if (!p.deleted) yield p.record;
    }
    if (!mine) return;
    for (const p of mine.values()) if (!p.deleted && !this.committed.get(collection, p.record.tenantId, p.record.id)) yield p.record;
  }

  /**
   * The committed state's index answer with this batch's changes laid over it: a changed record in its
   * place, a deleted one or one that no longer matches left out, a new one at the end (as `all` has them).
   * Undefined, for the unit to walk `all`, when a record changed in the batch has come to match and its
   * place among the committed ones is not known here.
   */
  find(collection: CollectionName, tenantId: string, match?: Match<RecordMeta>): readonly RecordMeta[] | undefined {
    const committed = this.committed.find?.(collection, tenantId, match);
    const mine = this.records.get(collection);
    if (!committed || !mine?.size) return committed;
    const out: RecordMeta[] = [];
    const placed = new Set<string>();
    for (const r of committed) {
      const k = `${r.tenantId}\u0000${r.id}`;
      const p = mine.get(k);
      placed.add(k);
      if (!p) out.push(r);
      else if (!p.deleted && matches(p.record, match)) out.push(p.record);
    }
    for (const [k, p] of mine) {
      if (placed.has(k) || p.deleted || p.record.tenantId !== tenantId || !matches(p.record, match)) continue;
      if (this.committed.get(collection, tenantId, p.record.id)) return undefined;
      out.push(p.record);
    }
    return out;
  }

  /** Adds a finished unit's changes to the batch. */
  apply(changes: readonly Change[]): void {
    for (const c of changes) this.mine(c.collection).set(`${c.record.tenantId}\u0000${c.record.id}`, { record: c.record, deleted: c.op === 'delete' });
  }

  remember(entry: IdempotencyEntry): void {
    this.keys.set(entry.key, entry);
  }

  findIdempotency(key: string): IdempotencyEntry | undefined {
    return this.keys.get(key);
  }

  isEmpty(): boolean {
    return this.keys.size === 0 && [...this.records.values()].every((m) => m.size === 0);
  }

  /** The batch's net effect, partition by partition. */
  partitionChanges(): Record<PartitionKey, PartitionChange> {
    const out: Record<PartitionKey, { put: RecordMeta[] | IdempotencyEntry[]; remove: string[] }> = {};
    const at = (key: PartitionKey) => (out[key] ??= { put: [], remove: [] });
    for (const [collection, pending] of this.records) {
      for (const p of pending.values()) {
        const change = at(recordPartition(collection, p.record));
        if (p.deleted) change.remove.push(rowKey(collection, p.record));
        else (change.put as RecordMeta[]).push(p.record);
      }
    }
    for (const entry of this.keys.values()) (at(idempotencyPartition(new Date(entry.at))).put as IdempotencyEntry[]).push(entry);
    return out;
  }
}
