import { datetimeRegex, z } from 'zod';

/** What `z.string().datetime({ offset: true })` accepts: an ISO 8601 instant, `Z` or an offset, seconds and fractions optional. */
const INSTANT = datetimeRegex({ offset: true, local: false, precision: null });

/**
 * A stored instant, checked as `z.string().datetime({ offset: true })` checks it, against a pattern compiled
 * once: zod 3 compiles that pattern again on every parse of every such field, which was most of the CPU a
 * store spent validating a record.
 */
export const instant = () => z.string().regex(INSTANT, { message: 'Invalid datetime' });

/**
 * Fields every stored record carries. `version` starts at 1 and goes up by one on each write,
 * so a write made against an older version can be refused instead of silently merged.
 */
export const recordMetaShape = {
  id: z.string().min(1),
  tenantId: z.string().min(1),
  version: z.number().int().positive(),
  createdAt: instant(),
  updatedAt: instant(),
};

export const RecordMetaSchema = z.object(recordMetaShape);
export type RecordMeta = z.infer<typeof RecordMetaSchema>;

/** Builds a stored-record schema from the entity's own fields. */
export function storedRecord<T extends z.ZodRawShape>(shape: T) {
  return z.object({ ...recordMetaShape, ...shape });
}

/** The fields a caller supplies when creating a record: the store adds the meta fields. */
export type NewRecord<R extends RecordMeta> = Omit<R, keyof RecordMeta> & { id?: string };

/** The fields a caller may change: never the meta fields. */
export type RecordPatch<R extends RecordMeta> = Partial<Omit<R, keyof RecordMeta>>;
