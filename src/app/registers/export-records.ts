import type { AgendaTemplate } from '../../domain/agenda-template.js';
import { collectionNames, confidentialCollections, internalCollections, unfinishedCollections } from '../../domain/collections.js';
import type { ActionPlan } from '../../domain/action-plan.js';
import { isExported, nameItemsByTemplate, redactPlan, redactVisit } from '../../domain/export-redaction.js';
import type { Visit } from '../../domain/visit.js';
import { allTemplateVersions } from '../visits/templates.js';
import type { Store } from '../ports/store.port.js';

/**
 * The collections the export contract names (README, Admin CLI). Each appears in every export, as an empty
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
 * confidential ones (concerns), drafts of forms (their author's alone) and the bot's own plumbing (conversations,
 * outbox, job runs). Derived, so a collection added to the registry appears in the export by itself.
 */
export function exportedCollections(): string[] {
  const left = new Set<string>([...confidentialCollections, ...internalCollections, ...unfinishedCollections]);
  return [...new Set<string>([...EXPORT_CONTRACT_COLLECTIONS, ...collectionNames])].filter((c) => !left.has(c));
}

/**
 * Every record of the tenant except confidential concerns and internal plumbing, from one consistent
 * snapshot of the store. Audit events about those are left out too: even the time a concern was raised, or
 * the time a notice went to the concerns lead from the outbox, could point to the visit it came from.
 * Saved drafts of health checks and self-evaluations are left out with their audit events, as unfinished work.
 * Visits are need-to-know: drafts and planned visits (their visitor's alone) are left out with their audit
 * events, and the names of staff are redacted (`redactVisit`): attendees' names, and the answers to agenda
 * items marked as holding names in any version of their template (built-in or added). Individual staff support
 * plans are exported as their frame only, every word written in them redacted (`redactPlan`).
 */
export async function exportRecords(store: Store, tenantId: string, builtIns: readonly AgendaTemplate[]): Promise<RecordExport> {
  const [dump, templates] = await Promise.all([store.dump(), allTemplateVersions(store, tenantId, builtIns)]);
  const hidden = new Set<string>([...confidentialCollections, ...internalCollections, ...unfinishedCollections]);
  const nameItems = nameItemsByTemplate(templates);
  const none = new Set<string>();
  const ofTenant = (collection: string) => ((dump.collections[collection] ?? []) as { tenantId?: string }[]).filter((r) => r.tenantId === tenantId);
  const drafts = new Set((ofTenant('visits') as Visit[]).filter((v) => !isExported(v)).map((v) => v.id));
  const out: RecordExport = {};
  for (const collection of exportedCollections()) {
    const records = ofTenant(collection) as { collection?: string; recordId?: string }[];
    if (collection === 'visits') {
      out[collection] = (records as Visit[]).filter((v) => !drafts.has(v.id)).map((v) => redactVisit(v, nameItems.get(v.templateId) ?? none));
    } else if (collection === 'actionPlans') {
      out[collection] = (records as ActionPlan[]).map(redactPlan);
    } else if (collection === 'audit') {
      out[collection] = records.filter((r) => !hidden.has(r.collection ?? '') && !(r.collection === 'visits' && drafts.has(r.recordId ?? '')));
    } else {
      out[collection] = records;
    }
  }
  return out;
}
