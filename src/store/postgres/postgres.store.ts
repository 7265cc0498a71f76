import pg from 'pg';
import { collectionNames, type CollectionName, type RecordOf } from '../../domain/collections.js';
import type { RecordMeta } from '../../domain/record.js';
import type { Json, Match, Store, StoreDump, StoreTransaction, TransactOptions, TransactResult } from '../../app/ports/store.port.js';
import { silentLogger, type Logger } from '../../app/ports/logger.port.js';
import type { SharedRateBudget } from '../../app/ports/rate-budget.port.js';
import { loggableError } from '../../app/logging.js';
import { UnitOfWork } from '../unit-of-work.js';
import { parseDump } from '../dump.js';
import { StoreClosedError } from '../store-errors.js';
import { IDEMPOTENCY_TTL_MS } from '../memory.store.js';
import { poolConfig, redactedUrl, type PgConnectionSettings } from './pg-connection.js';
import { migrate, type MigrationReport } from './pg-migrations.js';
import { insertRecords, PgUnitState, selectMatching, selectOne } from './pg-unit-state.js';
import { PgRateBudget } from './pg-rate-budget.js';
import { isUnreachable, UNREACHABLE_BACKOFF_MS, withReachability } from './pg-reachability.js';
import { StoreUnreachableError } from '../../domain/errors.js';

export interface PostgresStoreOptions extends PgConnectionSettings {
  now?: () => Date;
  logger?: Logger;
  /** Whether opening brings the schema up to date (default true; `migrate` does it on its own). */
  migrate?: boolean;
  /** How many times a unit is run again after a serialization failure before its error reaches the caller (default 10). */
  maxAttempts?: number;
}

/**
 * Errors after which a unit is run again from the start, in a new transaction: a serialization failure or a
 * deadlock (another unit read or wrote what this one did), a unique key taken meanwhile (the same id, or the
 * same idempotency key: the rerun sees it), a row moved under a write.
 */
const RETRY_CODES = new Set(['40001', '40P01', '23505']);
const retryable = (e: unknown) => RETRY_CODES.has((e as { code?: string }).code ?? '') || (e as { retry?: boolean }).retry === true;

/** A checked-out connection's error event: the query under way rejects with it, and is handled there. */
const noteLost = () => undefined;

/** Idempotency keys past keeping are deleted at most this often, by whichever process commits then. */
const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * The Store on PostgreSQL, for several bot instances on one database.
 *
 * Every unit of work runs in its own REPEATABLE READ transaction on a pooled connection: it reads one snapshot,
 * and a row it writes that another unit wrote meanwhile fails it with a serialization failure, after which it is
 * run again from the start (so a unit's work must do nothing but read and write through its transaction, as the
 * port asks). Each update and delete is made over the version the unit read, so nothing is overwritten unseen and
 * a write naming an older version than stored is refused with StaleWriteError, as in every store. Uniqueness is
 * held by keys: a record's id, an idempotency key, an outbox item's key (a unique index). Units that keep a rule
 * by reading and then inserting on what they did not find ask for `serializable` and run SERIALIZABLE; the rest
 * do not take predicate locks, which made unrelated units (two visits filed at once) fail each other through the
 * shared GIN index.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private closed = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly now: () => Date;
  private readonly logger: Logger;
  private readonly maxAttempts: number;
  private lastPurge = 0;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly where: string,
    options: PostgresStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger ?? silentLogger;
    this.maxAttempts = options.maxAttempts ?? 10;
    // An idle connection the server dropped (a restart) must not take the process down: the pool replaces it.
    pool.on('error', (err) => this.logger.warn({ code: 'store-connection-lost', err: loggableError(err) }, 'a PostgreSQL connection was lost'));
  }

  /** Connects, and (unless told not to) brings the schema up to date; an unreachable database is one clear error. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const pool = new pg.Pool(poolConfig(options));
    const store = new PostgresStore(pool, redactedUrl(options.url), options);
    try {
      if (options.migrate ?? true) await migrate(pool);
      else await pool.query('SELECT 1');
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw new Error(`Could not open the PostgreSQL store at ${store.where}: ${(e as Error).message}`, { cause: e });
    }
    return store;
  }

  /** `npm run cli -- migrate`: brings the schema up to date without opening a store; says what it applied. */
  static async migrate(settings: PgConnectionSettings): Promise<MigrationReport> {
    const pool = new pg.Pool(poolConfig({ ...settings, poolSize: 1 }));
    try {
      return await migrate(pool);
    } catch (e) {
      throw new Error(`Could not migrate the PostgreSQL store at ${redactedUrl(settings.url)}: ${(e as Error).message}`, { cause: e });
    } finally {
      await pool.end().catch(() => undefined);
    }
  }

  /** Teams' rate limits kept in this database, shared by every instance on it. */
  rateBudget(): SharedRateBudget {
    return new PgRateBudget(this.pool);
  }

  /** How many records each collection holds, every tenant (collections without any are left out). */
  async countsByCollection(): Promise<Record<string, number>> {
    this.assertOpen();
    const rows = await this.pool.query<{ collection: string; n: string }>('SELECT collection, count(*) AS n FROM records GROUP BY collection');
    return Object.fromEntries(rows.rows.map((r) => [r.collection, Number(r.n)]));
  }

  async get<C extends CollectionName>(collection: C, tenantId: string, id: string): Promise<RecordOf<C> | undefined> {
    this.assertOpen();
    return (await withReachability(() => selectOne(this.pool, collection, tenantId, id))) as RecordOf<C> | undefined;
  }

  async find<C extends CollectionName>(collection: C, tenantId: string, match?: Match<RecordOf<C>>): Promise<RecordOf<C>[]> {
    this.assertOpen();
    return (await withReachability(() => selectMatching(this.pool, collection, tenantId, match))) as RecordOf<C>[];
  }

  transact<T extends Json | void>(work: (tx: StoreTransaction) => Promise<T>, options: TransactOptions): Promise<TransactResult<T>> {
    if (this.closed) return Promise.reject(new StoreClosedError(`PostgreSQL (${this.where})`));
    return this.track(this.runWithRetries(work, options));
  }

  /**
   * Runs a unit until it commits. A unit the database could not reach for (a restart, a dropped connection) is run
   * again on a fresh connection after a short wait, then given up as StoreUnreachableError: nothing of it is stored,
   * as a transaction that never committed leaves nothing. If the connection was lost during COMMIT itself, whether
   * it landed is unknown: a unit with an idempotency key is run again (it replays if it landed); one without is
   * reported as perhaps saved, never run twice.
   */
  private async runWithRetries<T extends Json | void>(work: (tx: StoreTransaction) => Promise<T>, options: TransactOptions): Promise<TransactResult<T>> {
    let unreachableTries = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.runOnce(work, options);
        if (options.idempotencyKey && !result.replayed) this.purgeOldKeys();
        return result;
      } catch (error) {
        if (isUnreachable(error)) {
          const uncertain = (error as { atCommit?: boolean }).atCommit === true && !options.idempotencyKey;
          const wait = UNREACHABLE_BACKOFF_MS[unreachableTries++];
          if (uncertain || wait === undefined) {
            this.logger.warn({ code: 'store-unreachable', err: loggableError(error), maybeSaved: uncertain }, 'PostgreSQL could not be reached; the unit was given up');
            throw new StoreUnreachableError(uncertain);
          }
          await new Promise((resolve) => setTimeout(resolve, wait));
          continue;
        }
        if (!retryable(error) || attempt >= this.maxAttempts) throw error;
        // Jittered, growing: two units that collided should not collide again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }

  private async runOnce<T extends Json | void>(work: (tx: StoreTransaction) => Promise<T>, options: TransactOptions): Promise<TransactResult<T>> {
    return this.inTransaction(options.serializable ? 'BEGIN ISOLATION LEVEL SERIALIZABLE' : 'BEGIN ISOLATION LEVEL REPEATABLE READ', async (client) => {
      const key = options.idempotencyKey;
      if (key) {
        const since = new Date(this.now().getTime() - IDEMPOTENCY_TTL_MS).toISOString();
        const earlier = await client.query<{ value: T }>('SELECT value FROM idempotency_keys WHERE key = $1 AND at > $2', [key, since]);
        if (earlier.rows[0]) return { value: earlier.rows[0].value, replayed: true };
      }
      const state = new PgUnitState(client);
      const unit = new UnitOfWork(state, this.now, options.actor);
      const value = await work(unit);
      await state.persist(unit.changes());
      if (key) {
        await client.query(
          'INSERT INTO idempotency_keys (key, value, at) VALUES ($1, $2::jsonb, $3) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, at = EXCLUDED.at WHERE idempotency_keys.at <= $4',
          [key, JSON.stringify(value ?? null), this.now().toISOString(), new Date(this.now().getTime() - IDEMPOTENCY_TTL_MS).toISOString()],
        ).then((r) => {
          // Taken meanwhile by a unit that committed first: run again, to replay its value.
          if (r.rowCount !== 1) throw Object.assign(new Error('idempotency key taken meanwhile'), { retry: true });
        });
      }
      return { value, replayed: false };
    });
  }

  /**
   * One transaction on a connection of its own: begun with `begin`, committed when `work` returns, rolled back when it
   * throws. A connection the server ended while idle in the pool reports its error here, not as the process's crash;
   * a connection lost at COMMIT is marked `atCommit` (the change may have landed), and one that cannot even roll back
   * is destroyed rather than returned to the pool.
   */
  private async inTransaction<T>(begin: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    client.on('error', noteLost);
    let broken: Error | undefined;
    try {
      await client.query(begin);
      const value = await work(client);
      await client.query('COMMIT').catch((e: unknown) => {
        throw isUnreachable(e) ? Object.assign(e as Error, { atCommit: true }) : e;
      });
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      client.off('error', noteLost);
      client.release(broken);
    }
  }

  /** Deletes idempotency keys past keeping, at most once an hour per process, outside any unit. */
  private purgeOldKeys(): void {
    const nowMs = this.now().getTime();
    if (nowMs - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = nowMs;
    const cutoff = new Date(nowMs - IDEMPOTENCY_TTL_MS - 24 * 60 * 60 * 1000).toISOString();
    void this.track(this.pool.query('DELETE FROM idempotency_keys WHERE at < $1', [cutoff])).catch((err: unknown) =>
      this.logger.warn({ code: 'store-purge-failed', err: loggableError(err) }, 'old idempotency keys could not be deleted; tried again later'),
    );
  }

  async dump(): Promise<StoreDump> {
    this.assertOpen();
    return this.track(
      this.inSnapshot(async (client) => {
        const collections = Object.fromEntries(collectionNames.map((c) => [c, [] as RecordMeta[]]));
        const rows = await client.query<{ collection: string; data: RecordMeta }>('SELECT collection, data FROM records ORDER BY seq');
        for (const r of rows.rows) collections[r.collection]?.push(r.data);
        return { format: 'school-improvement-bot/backup' as const, version: 1 as const, takenAt: this.now().toISOString(), collections };
      }),
    );
  }

  private inSnapshot<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.inTransaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', work);
  }

  /** Replaces everything in one transaction (records and idempotency keys, as in every store): all or nothing. */
  async restore(dump: StoreDump): Promise<void> {
    this.assertOpen();
    const records = parseDump(dump);
    const restoring = this.inTransaction('BEGIN', async (client) => {
      await client.query('TRUNCATE records, idempotency_keys');
      const rows = collectionNames.flatMap((collection) => records[collection].map((record) => ({ collection, record })));
      for (let i = 0; i < rows.length; i += 5000) await insertRecords(client, rows.slice(i, i + 5000));
    });
    await this.track(restoring);
  }

  /** Waits for units under way, then closes the pool. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    await this.pool.end();
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError(`PostgreSQL (${this.where})`);
  }
}
