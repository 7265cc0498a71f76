import type { Store, StoreTransaction } from '../ports/store.port.js';

/**
 * A transaction that reads the store and refuses to write: a dry run walks the very code the real run does,
 * guarding each write with its `apply` flag, and this catches a write that forgot to.
 */
export function dryRun(store: Store): StoreTransaction {
  const refuse = () => Promise.reject(new Error('a dry run writes nothing'));
  return { get: (c, t, id) => store.get(c, t, id), find: (c, t, m) => store.find(c, t, m), insert: refuse, update: refuse, delete: refuse };
}

/** Runs the work in one unit of work when applying, else against the store read-only. */
export async function applyOrDryRun(store: Store, apply: boolean, actor: string, work: (tx: StoreTransaction) => Promise<void>): Promise<void> {
  if (apply) await store.transact(work, { actor, serializable: true });
  else await work(dryRun(store));
}
