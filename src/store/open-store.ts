import type { Store } from '../app/ports/store.port.js';
import type { Logger } from '../app/ports/logger.port.js';
import type { SharedRateBudget } from '../app/ports/rate-budget.port.js';
import { LowdbStore } from './lowdb.store.js';
import { PostgresStore } from './postgres/postgres.store.js';

/** The data file when `DATA_FILE` is not set. */
export const DEFAULT_DATA_FILE = './data/db.json';

export interface OpenStoreOptions {
  /** `DATA_FILE`: the lowdb store's manifest; its partitions live beside it in `<dataFile>.d/`. */
  dataFile?: string;
  /** `DATABASE_URL`: PostgreSQL instead of lowdb, for several instances on one database. */
  databaseUrl?: string;
  /** `DATABASE_POOL_SIZE`: connections this process keeps to PostgreSQL at most. */
  poolSize?: number;
  /** `DATABASE_SSL_CA`: the CA file that signed the PostgreSQL server's certificate. */
  sslCaFile?: string;
  now?: () => Date;
  logger?: Logger;
}

/**
 * Opens the store the configuration names: PostgreSQL when `DATABASE_URL` is set (its schema brought up to date
 * first), otherwise lowdb files at `DATA_FILE`.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.databaseUrl) {
    return PostgresStore.open({ url: options.databaseUrl, poolSize: options.poolSize, sslCaFile: options.sslCaFile, now: options.now, logger: options.logger });
  }
  return LowdbStore.open({ dataFile: options.dataFile || DEFAULT_DATA_FILE, now: options.now, logger: options.logger });
}

/**
 * The Teams rate budget every instance on the store shares: PostgreSQL's; none for lowdb and memory stores, whose
 * bot runs as one instance (its limits are then its own).
 */
export function sharedRateBudget(store: Store): SharedRateBudget | undefined {
  return store instanceof PostgresStore ? store.rateBudget() : undefined;
}
