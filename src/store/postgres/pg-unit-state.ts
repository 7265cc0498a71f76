import type { PoolClient } from 'pg';
import type { CollectionName } from '../../domain/collections.js';
import type { RecordMeta } from '../../domain/record.js';
import type { Match } from '../../app/ports/store.port.js';
import type { Change, UnitState } from '../unit-of-work.js';
import { deepFreeze } from '../immutable.js';

/** Anything that runs SQL: the pool (reads outside a unit) or the unit's own connection. */
export interface Queryable {
  query: PoolClient['query'];
}

/** A write whose row moved under it: the unit is run again (as after a serialization failure). */
export class RowMovedError extends Error {
  readonly retry = true;
  constructor(collection: string, id: string) {
    super(`The ${collection} record ${id} changed while the unit ran.`);
  }
}

const SELECT = 'SELECT id, version, data FROM records';
const ORDER = 'ORDER BY seq';

/** The match as JSONB containment: only the fields given (undefined ones dropped), and the tenant. */
const containment = (tenantId: string, match: object | undefined) => JSON.stringify({ ...match, tenantId });

/** One tenant's records of one collection, matching, oldest first: the read `find` makes, in or outside a unit. */
export async function selectMatching(db: Queryable, collection: CollectionName, tenantId: string, match?: object): Promise<RecordMeta[]> {
  const rows = await db.query<{ data: RecordMeta }>(`${SELECT} WHERE collection = $1 AND tenant_id = $2 AND data @> $3::jsonb ${ORDER}`, [collection, tenantId, containment(tenantId, match)]);
  return rows.rows.map((r) => deepFreeze(r.data));
}

export async function selectOne(db: Queryable, collection: CollectionName, tenantId: string, id: string): Promise<RecordMeta | undefined> {
  const rows = await db.query<{ data: RecordMeta }>(`${SELECT} WHERE collection = $1 AND tenant_id = $2 AND id = $3`, [collection, tenantId, id]);
  return rows.rows[0] ? deepFreeze(rows.rows[0].data) : undefined;
}

/** Inserts records in one statement, keeping their order (`seq`); used by commits and by restore. */
export async function insertRecords(db: Queryable, rows: readonly { collection: CollectionName; record: RecordMeta }[]): Promise<void> {
  if (!rows.length) return;
  await db.query(
    `INSERT INTO records (collection, tenant_id, id, version, created_at, updated_at, data)
     SELECT c, t, i, v, ca, ua, d FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::timestamptz[], $6::timestamptz[], $7::jsonb[])
       WITH ORDINALITY AS r(c, t, i, v, ca, ua, d, n) ORDER BY n`,
    [
      rows.map((r) => r.collection),
      rows.map((r) => r.record.tenantId),
      rows.map((r) => r.record.id),
      rows.map((r) => r.record.version),
      rows.map((r) => r.record.createdAt),
      rows.map((r) => r.record.updatedAt),
      rows.map((r) => JSON.stringify(r.record)),
    ],
  );
}

/**
 * What a unit of work reads through on PostgreSQL: its own connection, inside its transaction,
 * so every read is part of what the database checks at commit. It remembers the version of each record it read,
 * and `persist` writes each change only over that version.
 */
export class PgUnitState implements UnitState {
  private readonly versions = new Map<string, number>();

  constructor(private readonly client: Queryable) {}

  private seen(collection: CollectionName, records: readonly RecordMeta[]): readonly RecordMeta[] {
    for (const r of records) this.versions.set(`${collection}\u0000${r.tenantId}\u0000${r.id}`, r.version);
    return records;
  }

  async get(collection: CollectionName, tenantId: string, id: string): Promise<RecordMeta | undefined> {
    const record = await selectOne(this.client, collection, tenantId, id);
    if (record) this.seen(collection, [record]);
    return record;
  }

  async find(collection: CollectionName, tenantId: string, match?: Match<RecordMeta>): Promise<readonly RecordMeta[]> {
    return this.seen(collection, await selectMatching(this.client, collection, tenantId, match));
  }

  async scan(collection: CollectionName, tenantId: string, match: Match<RecordMeta> | undefined, ids: readonly string[]): Promise<Iterable<RecordMeta>> {
    const rows = await this.client.query<{ data: RecordMeta }>(
      `${SELECT} WHERE collection = $1 AND tenant_id = $2 AND (data @> $3::jsonb OR id = ANY($4::text[])) ${ORDER}`,
      [collection, tenantId, containment(tenantId, match), ids],
    );
    return this.seen(collection, rows.rows.map((r) => deepFreeze(r.data)));
  }

  /** Writes the unit's changes (and their audit events): inserts in one statement, each update and delete over the version read. */
  async persist(changes: readonly Change[]): Promise<void> {
    await insertRecords(this.client, changes.filter((c) => c.op === 'insert'));
    for (const c of changes) {
      if (c.op === 'insert') continue;
      const { tenantId, id } = c.record;
      const read = this.versions.get(`${c.collection}\u0000${tenantId}\u0000${id}`);
      const done =
        c.op === 'update'
          ? await this.client.query('UPDATE records SET version = $4, updated_at = $5, data = $6::jsonb WHERE collection = $1 AND tenant_id = $2 AND id = $3 AND version = $7', [
              c.collection,
              tenantId,
              id,
              c.record.version,
              c.record.updatedAt,
              JSON.stringify(c.record),
              read,
            ])
          : await this.client.query('DELETE FROM records WHERE collection = $1 AND tenant_id = $2 AND id = $3 AND version = $4', [c.collection, tenantId, id, read]);
      if (done.rowCount !== 1) throw new RowMovedError(c.collection, id);
    }
  }
}
