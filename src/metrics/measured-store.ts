import type { Json, Store, StoreTransaction, TransactOptions, TransactResult } from '../app/ports/store.port.js';
import { StaleWriteError } from '../domain/errors.js';
import { secondsSince } from '../app/ports/metrics.port.js';
import type { BotMetrics } from './bot-metrics.js';

/**
 * The store, with every unit of work timed from `transact` to durable (or refused) and every stale write counted
 * by collection. It wraps whichever adapter the configuration opened (lowdb, PostgreSQL, memory), so each gets the
 * same measures without knowing of them; reads, dumps and restores pass straight through.
 */
export function measuredStore(store: Store, metrics: Pick<BotMetrics, 'storeCommit' | 'staleWrite'>): Store {
  return {
    get kind() {
      return store.kind;
    },
    get: (collection, tenantId, id) => store.get(collection, tenantId, id),
    find: (collection, tenantId, match) => store.find(collection, tenantId, match),
    async transact<T extends Json | void>(work: (tx: StoreTransaction) => Promise<T>, options: TransactOptions): Promise<TransactResult<T>> {
      const startedAt = performance.now();
      try {
        const result = await store.transact(work, options);
        metrics.storeCommit(result.replayed ? 'replayed' : 'committed', secondsSince(startedAt));
        return result;
      } catch (err) {
        const stale = err instanceof StaleWriteError;
        metrics.storeCommit(stale ? 'stale' : 'failed', secondsSince(startedAt));
        if (stale) metrics.staleWrite(err.collection);
        throw err;
      }
    },
    dump: () => store.dump(),
    restore: (dump) => store.restore(dump),
    close: () => store.close(),
  };
}
