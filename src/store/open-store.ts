import type { Store } from '../app/ports/store.port.js';
import type { Logger } from '../app/ports/logger.port.js';
import { InvalidInputError } from '../domain/errors.js';
import { LowdbStore } from './lowdb.store.js';

/** The data file when `DATA_FILE` is not set. */
export const DEFAULT_DATA_FILE = './data/db.json';

export interface OpenStoreOptions {
  /** `DATA_FILE`: the lowdb store's manifest; its partitions live beside it in `<dataFile>.d/`. */
  dataFile?: string;
  /** `DATABASE_URL`: PostgreSQL, refused by this build (see below). */
  databaseUrl?: string;
  now?: () => Date;
  logger?: Logger;
}

/**
 * Opens the store the configuration names. This build's store is lowdb; the PostgreSQL adapter
 * comes with the scale-out work. A `DATABASE_URL` is refused rather than ignored, so that nobody
 * believes their bot instances share a database while each writes its own files.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.databaseUrl) {
    throw new InvalidInputError(
      'DATABASE_URL: this build stores data in lowdb files (DATA_FILE); the PostgreSQL store arrives with the scale-out work. Unset DATABASE_URL to use DATA_FILE.',
      'DATABASE_URL',
    );
  }
  return LowdbStore.open({ dataFile: options.dataFile || DEFAULT_DATA_FILE, now: options.now, logger: options.logger });
}
