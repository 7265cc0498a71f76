import { randomUUID } from 'node:crypto';
import { collectionSchemas, type CollectionName, type RecordOf } from '../domain/collections.js';
import { NotFoundError, StaleWriteError } from '../domain/errors.js';
import { isInstant, type NewRecord, type RecordMeta, type RecordPatch } from '../domain/record.js';
import type { Match, StoreTransaction, WriteOptions } from '../app/ports/store.port.js';
import { auditedValues } from '../domain/audit.js';
import { deepFreeze } from './immutable.js';

type MaybePromise<T> = T | Promise<T>;

/**
 * What a unit of work reads from: the store's committed state, either in memory (answers at once) or in a
 * database (answers after a round trip, within the unit's own database transaction).
 */
export interface UnitState {
  get(collection: CollectionName, tenantId: string, id: string): MaybePromise<RecordMeta | undefined>;
  load?(collection: CollectionName): Promise<void>;
  find?(collection: CollectionName, tenantId: string, match?: Match<RecordMeta>): MaybePromise<readonly RecordMeta[] | undefined>;
  /**
   * The tenant's committed records that match, or whose id is among `ids` (records the unit has changed), oldest
   * first: what a find overlays the unit's changes on. Without it, the unit walks `all`.
   */
  scan?(collection: CollectionName, tenantId: string, match: Match<RecordMeta> | undefined, ids: readonly string[]): Promise<Iterable<RecordMeta>>;
  all?(collection: CollectionName): Iterable<RecordMeta>;
}

/** The committed state in memory (memory and lowdb stores). */
export interface CommittedState extends UnitState {
  get(collection: CollectionName, tenantId: string, id: string): RecordMeta | undefined;
  all(collection: CollectionName): Iterable<RecordMeta>;
  /**
   * Makes the collection readable through `get`/`all`, for stores that load collections lazily from disk.
   * The unit awaits it before its first synchronous look at a collection.
   */
  load?(collection: CollectionName): Promise<void>;
  /**
   * The tenant's records that match, oldest first, where the state can answer from an index;
   * undefined to let the unit walk `all`.
   */
  find?(collection: CollectionName, tenantId: string, match?: Match<RecordMeta>): readonly RecordMeta[] | undefined;
}

export interface Change {
  op: 'insert' | 'update' | 'delete';
  collection: CollectionName;
  /** The record after the change; for a delete, the record as it was. */
  record: RecordMeta;
  /** Audit action, where the use case named one. */
  action?: string;
  /** The record as committed before the unit first changed it (none for an insert), for the audit's before and after. */
  before?: RecordMeta;
  /** False when the writer asked the audit to copy no field (WriteOptions.auditValues). */
  auditValues?: false;
}

const key = (collection: string, tenantId: string, id: string) => `${collection}\u0000${tenantId}\u0000${id}`;

export function matches(record: object, match: object | undefined): boolean {
  if (!match) return true;
  const r = record as Record<string, unknown>;
  return Object.entries(match).every(([k, v]) => v === undefined || r[k] === v);
}

/**
 * The write side shared by every store adapter: buffers a unit's changes over the committed state,
 * validates each record against its collection's schema, checks versions, and, when the unit ends,
 * hands the adapter the list of changes plus one audit event per change to persist in one go.
 */
export class UnitOfWork implements StoreTransaction {
  private readonly pending = new Map<string, Change>();
  private readonly order: string[] = [];

  constructor(
    private readonly committed: UnitState,
    private readonly now: () => Date,
    private readonly actor: string,
  ) {}

  /** The unit's own change to the record, if any: `null` when the unit deleted it. */
  private own(collection: CollectionName, tenantId: string, id: string): RecordMeta | null | undefined {
    const p = this.pending.get(key(collection, tenantId, id));
    if (!p) return undefined;
    return p.op === 'delete' ? null : p.record;
  }

  private async current(collection: CollectionName, tenantId: string, id: string): Promise<RecordMeta | undefined> {
    const own = this.own(collection, tenantId, id);
    if (own !== undefined) return own ?? undefined;
    return this.committed.get(collection, tenantId, id);
  }

  async get<C extends CollectionName>(collection: C, tenantId: string, id: string): Promise<RecordOf<C> | undefined> {
    await this.committed.load?.(collection);
    return (await this.current(collection, tenantId, id)) as RecordOf<C> | undefined;
  }

  async find<C extends CollectionName>(collection: C, tenantId: string, match?: Match<RecordOf<C>>): Promise<RecordOf<C>[]> {
    await this.committed.load?.(collection);
    const changed = this.changedIds(collection, tenantId);
    const indexed = changed.length ? undefined : await this.committed.find?.(collection, tenantId, match as Match<RecordMeta>);
    if (indexed) return [...indexed] as RecordOf<C>[];
    const out: RecordMeta[] = [];
    const seen = new Set<string>();
    const committed = this.committed.scan ? await this.committed.scan(collection, tenantId, match as Match<RecordMeta>, changed) : this.committed.all!(collection);
    for (const r of committed) {
      if (r.tenantId !== tenantId) continue;
      const k = key(collection, tenantId, r.id);
      seen.add(k);
      const own = this.own(collection, tenantId, r.id);
      const cur = own === undefined ? r : own;
      if (cur && matches(cur, match)) out.push(cur);
    }
    for (const k of this.order) {
      const c = this.pending.get(k)!;
      if (c.collection !== collection || c.record.tenantId !== tenantId || seen.has(k) || c.op === 'delete') continue;
      if (matches(c.record, match)) out.push(c.record);
    }
    return out as RecordOf<C>[];
  }

  /** The ids of the tenant's records in the collection the unit has changed (its finds then overlay them on the committed state). */
  private changedIds(collection: CollectionName, tenantId: string): string[] {
    const ids: string[] = [];
    for (const c of this.pending.values()) if (c.collection === collection && c.record.tenantId === tenantId) ids.push(c.record.id);
    return ids;
  }

  private record(change: Change): void {
    const k = key(change.collection, change.record.tenantId, change.record.id);
    const earlier = this.pending.get(k);
    // An insert then update within one unit is still an insert as far as storage is concerned.
    const op = earlier?.op === 'insert' && change.op === 'update' ? 'insert' : change.op;
    if (earlier?.op === 'insert' && change.op === 'delete') {
      this.pending.delete(k);
      this.order.splice(this.order.indexOf(k), 1);
      return;
    }
    if (!earlier) this.order.push(k);
    const before = earlier ? earlier.before : change.before;
    const auditValues = change.auditValues ?? earlier?.auditValues;
    this.pending.set(k, { ...change, op, action: change.action ?? earlier?.action, before, auditValues });
  }

  /** Checks the record against its collection's schema, and freezes it: from here on it is stored, never changed in place. */
  private validate<C extends CollectionName>(collection: C, record: unknown): RecordOf<C> {
    return deepFreeze(collectionSchemas[collection].parse(record) as RecordOf<C>);
  }

  async insert<C extends CollectionName>(collection: C, tenantId: string, data: NewRecord<RecordOf<C>>, options?: WriteOptions): Promise<RecordOf<C>> {
    await this.committed.load?.(collection);
    const at = this.now().toISOString();
    const id = data.id ?? randomUUID();
    if (await this.current(collection, tenantId, id)) throw new Error(`${collection} already holds a record with id ${id}`);
    const record = this.validate(collection, { ...data, id, tenantId, version: 1, createdAt: at, updatedAt: at });
    this.record({ op: 'insert', collection, record, action: options?.action, auditValues: options?.auditValues });
    return record;
  }

  async update<C extends CollectionName>(
    collection: C,
    tenantId: string,
    id: string,
    expectedVersion: number | 'any',
    patch: RecordPatch<RecordOf<C>>,
    options?: WriteOptions,
  ): Promise<RecordOf<C>> {
    await this.committed.load?.(collection);
    const before = await this.current(collection, tenantId, id);
    if (!before) throw new NotFoundError(`The ${collection} record`, id);
    if (expectedVersion !== 'any' && before.version !== expectedVersion) throw new StaleWriteError(collection, id, expectedVersion, before.version);
    const record = this.validate(collection, {
      ...before,
      ...patch,
      id,
      tenantId,
      version: before.version + 1,
      createdAt: before.createdAt,
      updatedAt: this.now().toISOString(),
    });
    this.record({ op: 'update', collection, record, action: options?.action, before, auditValues: options?.auditValues });
    return record;
  }

  async delete<C extends CollectionName>(collection: C, tenantId: string, id: string, expectedVersion: number | 'any', options?: WriteOptions): Promise<void> {
    await this.committed.load?.(collection);
    const before = await this.current(collection, tenantId, id);
    if (!before) throw new NotFoundError(`The ${collection} record`, id);
    if (expectedVersion !== 'any' && before.version !== expectedVersion) throw new StaleWriteError(collection, id, expectedVersion, before.version);
    this.record({ op: 'delete', collection, record: before, action: options?.action, before, auditValues: options?.auditValues });
  }

  /**
   * The unit's changes in the order they were made, followed by one audit event per change
   * (the audit log itself is not audited). Audit events name the record and the action, with the changed fields
   * before and after (`auditedValues`: free text and confidential values withheld).
   */
  changes(): Change[] {
    const changes = this.order.map((k) => this.pending.get(k)!);
    const at = this.now().toISOString();
    const audit: Change[] = changes
      .filter((c) => c.collection !== 'audit')
      .map((c) => ({ op: 'insert' as const, collection: 'audit' as const, record: this.auditEvent(c, at) }));
    // The stored changes carry no audit bookkeeping: adapters persist `record` alone.
    return [...changes.map(({ before: _b, auditValues: _v, ...c }) => c), ...audit];
  }

  /**
   * The audit event of one change. Its fields come from the unit's records (checked when written), the clock and
   * the unit's own bookkeeping, so it is built as AuditEventSchema would give it rather than parsed again: only
   * the caller's actor and action, and the clock's instant, could be what the schema refuses, and then the schema
   * checks it, throwing its own error.
   */
  private auditEvent(c: Change, at: string): RecordOf<'audit'> {
    const action = c.action ?? `${c.collection}.${c.op}`;
    const event = {
      id: randomUUID(),
      tenantId: c.record.tenantId,
      version: 1,
      createdAt: at,
      updatedAt: at,
      at,
      actor: this.actor,
      action,
      collection: c.collection,
      recordId: c.record.id,
      ...(c.auditValues === false ? {} : auditedValues(c.collection, c.before, c.op === 'delete' ? undefined : c.record)),
    };
    const plain = typeof this.actor === 'string' && this.actor !== '' && action !== '' && isInstant(at);
    return plain ? deepFreeze(event) : this.validate('audit', event);
  }
}
