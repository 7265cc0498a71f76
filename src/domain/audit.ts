import { z } from 'zod/v4';
import { instant, storedRecord } from './record.js';
import { sameJson } from './json-value.js';

/** What the audit shows in place of a value it never copies (see `auditedValues`). */
export const WITHHELD = '[withheld]';

/** Field values as the audit holds them: the changed top-level fields only, free text withheld. */
export const AuditValuesSchema = z.record(z.string(), z.unknown());
export type AuditValues = z.infer<typeof AuditValuesSchema>;

/**
 * An append-only record of who changed what: when, who, what kind of change, which record, and the
 * record's changed fields before and after. Free text and everything of a confidential concern is never
 * copied (`auditedValues`): a concern's text can never reach it.
 */
export const AuditEventSchema = storedRecord({
  at: instant(),
  /** Person record id, `cli:<os user>`, or `system` for jobs. */
  actor: z.string().min(1),
  /** What happened, e.g. `visits.insert` or `visit.submitted`. */
  action: z.string().min(1),
  collection: z.string().min(1),
  recordId: z.string().min(1),
  /** The changed fields as they were (none for an insert). */
  before: AuditValuesSchema.optional(),
  /** The changed fields as they became (none for a delete). */
  after: AuditValuesSchema.optional(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/** Collections whose every value the audit withholds: it records only which fields changed. */
const WHOLLY_WITHHELD: ReadonlySet<string> = new Set(['concerns']);

/**
 * Per collection, the fields holding free text (or what was typed: answers, evidence, progress, names of staff,
 * message payloads). The audit records that they changed, never their content, since what one person typed is
 * read on a need-to-know basis and the audit is read by administrators.
 */
const FREE_TEXT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  visits: ['attendees', 'answers', 'answerTags', 'themes', 'declinedReason', 'schoolResponse'],
  notes: ['text'],
  healthChecks: ['areas', 'notice'],
  selfEvaluations: ['grades', 'judgement', 'history'],
  riskChanges: ['evidence', 'answer'],
  strategyMeetings: ['progress', 'moved', 'joinUrl'],
  actionPlans: ['title', 'priorities', 'actions', 'monitoring', 'agreement', 'changes'],
  raisingAchievementBoards: ['progress', 'joinUrl'],
  outbox: ['payload', 'lastError', 'reference'],
  conversations: ['reference'],
  jobRuns: ['detail'],
  templates: ['items'],
  formDrafts: ['values'],
  // A digest's card as posted: it may quote intelligence notes and visit findings. (Annual-feedback records and kept
  // allocations hold dates, days and school names: no free text.)
  digests: ['content'],
};

/** Stored meta fields: they change on every write and tell a reader nothing the event does not. */
const META_FIELDS: ReadonlySet<string> = new Set(['id', 'tenantId', 'version', 'createdAt', 'updatedAt']);

/** Whether the audit keeps the value of a field of the collection (rather than `[withheld]`). */
export function isAuditedValue(collection: string, field: string): boolean {
  return !WHOLLY_WITHHELD.has(collection) && !(FREE_TEXT_FIELDS[collection] ?? []).includes(field);
}

/**
 * The before and after an audit event holds for one change: the top-level fields that differ (every field of
 * an insert or delete), meta fields left out, free text and confidential values replaced by `[withheld]`.
 * One pass over the fields (the record's own first), as every change of every unit is audited.
 */
export function auditedValues(collection: string, before: object | undefined, after: object | undefined): { before?: AuditValues; after?: AuditValues } {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const was: AuditValues = {};
  const now: AuditValues = {};
  const see = (field: string) => {
    if (META_FIELDS.has(field) || sameJson(b[field], a[field])) return;
    const shown = isAuditedValue(collection, field);
    if (b[field] !== undefined) was[field] = shown ? b[field] : WITHHELD;
    if (a[field] !== undefined) now[field] = shown ? a[field] : WITHHELD;
  };
  for (const field of Object.keys(b)) see(field);
  for (const field of Object.keys(a)) if (!Object.hasOwn(b, field)) see(field);
  return { ...(before ? { before: was } : {}), ...(after ? { after: now } : {}) };
}
