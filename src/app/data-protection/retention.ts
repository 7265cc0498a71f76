import { isPastKeeping, retentionCutoff, type RetainedCollection, type RetentionSettings } from '../../domain/retention.js';
import type { Store, StoreTransaction } from '../ports/store.port.js';
import { applyOrDryRun } from './dry-run.js';

export interface RetentionPlan {
  /** Per collection with a setting: its years, the cutoff instant and how many records are (or would be) purged. */
  collections: Array<{ collection: RetainedCollection; years: number; cutoff: string; purged: number }>;
  applied: boolean;
}

/**
 * Purges what each collection's retention setting says is past keeping (`isPastKeeping`: last changed before the
 * cutoff, and not held open), all in one unit of work. Each removal is audited as `retention.purged`, naming the
 * record with its fields as they were (free text and confidential values withheld, as for every change). Removing
 * audit events is not itself audited (the audit is not audited); the command's report says how many went. With
 * `apply` false nothing is written: the plan says what would be purged.
 */
export async function applyRetention(store: Store, tenantId: string, settings: RetentionSettings, now: Date, actor: string, apply: boolean): Promise<RetentionPlan> {
  const plan: RetentionPlan = { collections: [], applied: apply };
  const work = async (tx: StoreTransaction) => {
    for (const [collection, years] of Object.entries(settings) as Array<[RetainedCollection, number]>) {
      const cutoff = retentionCutoff(now, years);
      const past = (await tx.find(collection, tenantId)).filter((r) => isPastKeeping(collection, r, cutoff));
      if (apply) for (const r of past) await tx.delete(collection, tenantId, r.id, 'any', { action: 'retention.purged' });
      plan.collections.push({ collection, years, cutoff, purged: past.length });
    }
  };
  await applyOrDryRun(store, apply, actor, work);
  return plan;
}
