import type { CollectionName, RecordOf } from '../../domain/collections.js';
import type { NewRecord, RecordPatch } from '../../domain/record.js';

/** Equality filter on top-level scalar fields; adapters may push it down (e.g. JSONB `@>` in PostgreSQL). */
export type Match<R> = { [K in keyof R]?: R[K] extends string | number | boolean | undefined | null ? R[K] : never };

/** A JSON-serialisable value: what an idempotent unit of work may return, since a replay returns it from storage. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

export interface StoreReader {
  /**
   * One record of the tenant, or undefined. Returned records are read-only (frozen: trying to change
   * one throws); to change a record, spread it into a new object and write that through `transact`.
   */
  get<C extends CollectionName>(collection: C, tenantId: string, id: string): Promise<RecordOf<C> | undefined>;
  /** Every record of the tenant in the collection that matches, oldest first; read-only, as for `get`. The array is the caller's own. */
  find<C extends CollectionName>(collection: C, tenantId: string, match?: Match<RecordOf<C>>): Promise<RecordOf<C>[]>;
}

export interface WriteOptions {
  /** Audit action to record instead of the default `<collection>.<insert|update|delete>`, e.g. `visit.submitted`. */
  action?: string;
  /**
   * `false`: the audit event names the record and the action but copies none of its fields (before and after are
   * left out). Erasure uses it, so that the identity it removes is not copied into the audit on the way.
   */
  auditValues?: false;
}

/** Writes inside one unit of work. Reads see the unit's own writes. Nothing is stored unless the whole unit succeeds. */
export interface StoreTransaction extends StoreReader {
  insert<C extends CollectionName>(collection: C, tenantId: string, data: NewRecord<RecordOf<C>>, options?: WriteOptions): Promise<RecordOf<C>>;
  /**
   * Changes a record. `expectedVersion` is the version the writer last saw: if the stored record has moved on,
   * a StaleWriteError is thrown and nothing in the unit is stored. Pass 'any' only for writes that cannot conflict
   * with a person's edit (e.g. the job runner marking an outbox item sent).
   */
  update<C extends CollectionName>(
    collection: C,
    tenantId: string,
    id: string,
    expectedVersion: number | 'any',
    patch: RecordPatch<RecordOf<C>>,
    options?: WriteOptions,
  ): Promise<RecordOf<C>>;
  delete<C extends CollectionName>(collection: C, tenantId: string, id: string, expectedVersion: number | 'any', options?: WriteOptions): Promise<void>;
}

export interface TransactOptions {
  /** Who is writing, for the audit log: a person record id, `cli:<user>` or `system`. */
  actor: string;
  /**
   * Makes the unit idempotent: if a unit with this key already committed (a double click, a Teams retry,
   * a second instance running the same job), the work is not run again and its first result is returned
   * with `replayed: true`. Keys are kept for at least seven days.
   */
  idempotencyKey?: string;
  /**
   * The unit enforces a rule by reading and then inserting or writing on what it did not find (one open draft per
   * visit, one active strategy meeting per school, one concerns lead, one record per school and year): it must run
   * as if alone. Every store keeps stale writes, idempotency keys and atomicity for every unit; PostgreSQL runs
   * other units at snapshot isolation (a row written by two units at once makes one of them run again) and only
   * these fully serialisable. Rules that a unique key guards (a record id, an outbox key) need no flag.
   */
  serializable?: boolean;
}

export interface TransactResult<T> {
  value: T;
  replayed: boolean;
}

/** A consistent snapshot of every collection, every tenant, for backup, restore and export; its records are read-only. */
export type StoreDump = { format: 'school-improvement-bot/backup'; version: 1; takenAt: string; collections: Record<string, unknown[]> };

/**
 * The Store port. Every write goes through `transact`, which is atomic (all or nothing, durable on return),
 * isolated from every other unit in every process that shares the store (see `serializable`), audited (one audit event per change, naming the
 * record and its changed fields before and after, free text and confidential values withheld), and validated
 * against the collection's schema. The work may be run more than once (PostgreSQL runs a unit again after a
 * conflict with another unit), so it must do nothing but read and write through its transaction; only one run's
 * writes are ever stored. It must never start another unit, nor read through the store rather than its transaction:
 * the lowdb store would wait for itself forever, PostgreSQL would take a second connection (the memory store the
 * tests run on refuses both at once, so such a use case fails its tests).
 */
export interface Store extends StoreReader {
  /** Which store this is, for /healthz and the start-up line: `lowdb`, `postgres` or `memory`. */
  readonly kind: 'lowdb' | 'postgres' | 'memory';
  transact<T extends Json | void>(work: (tx: StoreTransaction) => Promise<T>, options: TransactOptions): Promise<TransactResult<T>>;
  dump(): Promise<StoreDump>;
  /** Replaces the whole content with the dump's, atomically; the dump is validated first and nothing changes if it is bad. */
  restore(dump: StoreDump): Promise<void>;
  /** Waits for in-flight writes to finish, then releases files, locks and connections. */
  close(): Promise<void>;
}
