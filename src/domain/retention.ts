import type { CollectionName } from './collections.js';
import type { RecordMeta } from './record.js';

/**
 * The collections a retention setting may purge, and the environment key of each (`RETENTION_<NAME>_YEARS`).
 * The school register, people, agenda templates and the bot's channel registrations are not on it: they are the
 * current state, kept while they are true (people are removed by erasure).
 */
export const RETAINED_COLLECTIONS = {
  visits: 'RETENTION_VISITS_YEARS',
  notes: 'RETENTION_NOTES_YEARS',
  healthChecks: 'RETENTION_HEALTH_CHECKS_YEARS',
  selfEvaluations: 'RETENTION_SELF_EVALUATIONS_YEARS',
  riskChanges: 'RETENTION_RISK_CHANGES_YEARS',
  strategyMeetings: 'RETENTION_STRATEGY_MEETINGS_YEARS',
  actionPlans: 'RETENTION_ACTION_PLANS_YEARS',
  raisingAchievementBoards: 'RETENTION_RAISING_ACHIEVEMENT_BOARDS_YEARS',
  concerns: 'RETENTION_CONCERNS_YEARS',
  audit: 'RETENTION_AUDIT_YEARS',
  outbox: 'RETENTION_OUTBOX_YEARS',
  jobRuns: 'RETENTION_JOB_RUNS_YEARS',
  digests: 'RETENTION_DIGESTS_YEARS',
  annualFeedback: 'RETENTION_ANNUAL_FEEDBACK_YEARS',
  allocations: 'RETENTION_ALLOCATIONS_YEARS',
  formDrafts: 'RETENTION_FORM_DRAFTS_YEARS',
} as const satisfies Partial<Record<CollectionName, string>>;
export type RetainedCollection = keyof typeof RETAINED_COLLECTIONS;

/** Years each collection keeps a record after its last change; a collection not named keeps everything. */
export type RetentionSettings = Partial<Record<RetainedCollection, number>>;

/** The instant before which a record last changed `years` ago is past keeping (calendar years, on UTC dates). */
export function retentionCutoff(now: Date, years: number): string {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString();
}

/**
 * Whether a record is past keeping: last changed before the cutoff, and not held open. A confidential concern the
 * lead has not marked handled, an outbox item still waiting to be sent, and a digest not yet posted (held for its
 * channel, or to be tried again), are held whatever their age.
 */
export function isPastKeeping(collection: RetainedCollection, record: RecordMeta, cutoff: string): boolean {
  if (record.updatedAt >= cutoff) return false;
  if (collection === 'concerns') return !!(record as { handled?: unknown }).handled;
  if (collection === 'outbox') return (record as { status?: string }).status !== 'pending';
  if (collection === 'digests') return (record as { status?: string }).status === 'posted';
  return true;
}
