import { collectionNames, confidentialCollections, internalCollections } from '../../domain/collections.js';
import type { Store } from '../ports/store.port.js';

/**
 * The collections DESIGN.md's export contract names. Each appears in every export, as an empty
 * array until the feature that fills it exists, so a reader of the file can rely on the keys.
 */
export const EXPORT_CONTRACT_COLLECTIONS = [
  'schools',
  'people',
  'visits',
  'healthChecks',
  'selfEvaluations',
  'riskChanges',
  'strategyMeetings',
  'actionPlans',
  'digests',
  'audit',
] as const;

/** One array of records per collection, keyed by collection name. */
export type RecordExport = Record<string, unknown[]>;

/**
 * The collections an export holds: every stored collection and every one the contract names, less the
 * confidential ones (concerns) and the bot's own plumbing (conversations, outbox, job runs). Derived,
 * so a collection added to the registry appears in the export by itself.
 */
export function exportedCollections(): string[] {
  const left = new Set<string>([...confidentialCollections, ...internalCollections]);
  return [...new Set<string>([...EXPORT_CONTRACT_COLLECTIONS, ...collectionNames])].filter((c) => !left.has(c));
}

/**
 * Every record of the tenant except confidential concerns and internal plumbing, from one consistent
 * snapshot of the store. Audit events about those are left out too: even the time a concern was raised, or
 * the time a notice went to the concerns lead from the outbox, could point to the visit it came from.
 */
export async function exportRecords(store: Store, tenantId: string): Promise<RecordExport> {
  const dump = await store.dump();
  const hidden = new Set<string>([...confidentialCollections, ...internalCollections]);
  const out: RecordExport = {};
  for (const collection of exportedCollections()) {
    const records = (dump.collections[collection] ?? []) as { tenantId?: string; collection?: string }[];
    out[collection] = records.filter((r) => r.tenantId === tenantId && !(collection === 'audit' && hidden.has(r.collection ?? '')));
  }
  return out;
}
