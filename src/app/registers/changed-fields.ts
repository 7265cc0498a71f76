import { sameJson } from '../../domain/json-value.js';
import type { RecordMeta, RecordPatch } from '../../domain/record.js';

/**
 * The part of `wanted` that differs from the stored record. Imports write only this, so re-importing
 * an unchanged file bumps no version and adds no audit event, and the report can name what changed.
 */
export function changedFields<R extends RecordMeta>(existing: R, wanted: RecordPatch<R>): RecordPatch<R> {
  const before = existing as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.entries(wanted).filter(([k, v]) => !sameJson(before[k], v))) as RecordPatch<R>;
}
