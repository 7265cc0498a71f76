import type { RecordMeta } from '../domain/record.js';

// The cache's per-field indexes (see `PartitionCache.find`): for each field a find has filtered on, the records
// by tenant and value, each entry keeping them in file order once asked.

/** A record in the cache: its month and its place in that month's file, so that index lookups come back in file order. */
export interface Slot {
  row: RecordMeta;
  period: string;
  ord: number;
}

/** The records holding one value of an indexed field, and, once a find has asked, them in file order. */
export interface Entry {
  slots: Set<Slot>;
  order?: Slot[];
}

/** One field's index: entries by tenant and value. */
export type Index = Map<string, Entry>;

/** File order: by month, then by place in the month's file. */
export const bySlotOrder = (a: Slot, b: Slot): number => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.ord - b.ord);
export const valueKey = (tenantId: string, value: unknown): string => `${tenantId}\u0000${typeof value}\u0000${String(value)}`;

/** The index key of a record for the field: its tenant and the field's value. */
export const valueOf = (row: RecordMeta, field: string): string => valueKey(row.tenantId, (row as unknown as Record<string, unknown>)[field]);

/** Adds the record to the entry of its value for the field. */
export function addTo(index: Index, field: string, slot: Slot): void {
  const k = valueOf(slot.row, field);
  let entry = index.get(k);
  if (!entry) index.set(k, (entry = { slots: new Set() }));
  if (entry.slots.has(slot)) return;
  entry.slots.add(slot);
  // A new record usually comes last in file order (the newest month, the highest number): it goes at the end.
  const last = entry.order?.at(-1);
  if (entry.order && (!last || bySlotOrder(last, slot) < 0)) entry.order.push(slot);
  else entry.order = undefined;
}

/** Takes the record out of the entry `k`, which goes once empty. */
export function removeFrom(index: Index, k: string, slot: Slot): void {
  const entry = index.get(k);
  if (!entry?.slots.delete(slot)) return;
  entry.order = undefined;
  if (entry.slots.size === 0) index.delete(k);
}
