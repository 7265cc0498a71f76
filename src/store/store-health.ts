import { collectionNames, type CollectionName } from '../domain/collections.js';
import { StoreUnreachableError, UnreadableStoreError } from '../domain/errors.js';
import type { StoreReader } from '../app/ports/store.port.js';

/**
 * The collections /healthz reads. The audit trail is left out: nothing the bot does reads it back, and reading it
 * would hold every month of it in memory for a probe; a damaged audit month still shows, as every write then fails.
 */
const PROBED: readonly CollectionName[] = collectionNames.filter((c) => c !== 'audit');

/**
 * What the store's health probe found: readable; the part (collection, manifest, journal) that is not; or the
 * database not reachable at all (PostgreSQL down or restarting).
 */
export type StoreHealth = { ok: true } | { ok: false; part: string; error: UnreadableStoreError } | { ok: false; unreachable: true };

/**
 * A tenant no record carries: the probe reads each collection (files, or tables) without copying any record out.
 * Not a NUL character: PostgreSQL text cannot hold one.
 */
const PROBE_TENANT = '\u0001health-probe';

/**
 * Reads every probed collection as a request would, so a damaged file is found by /healthz before a person
 * meets it. Stores keep what they read, so after the first probe this costs what a fresh read costs.
 */
export async function probeStore(store: StoreReader): Promise<StoreHealth> {
  for (const collection of PROBED) {
    try {
      await store.find(collection, PROBE_TENANT);
    } catch (error) {
      if (error instanceof UnreadableStoreError) return { ok: false, part: error.part, error };
      if (error instanceof StoreUnreachableError) return { ok: false, unreachable: true };
      throw error;
    }
  }
  return { ok: true };
}
