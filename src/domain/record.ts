import { z } from 'zod/v4';

/**
 * An ISO 8601 instant: a real calendar day, `T`, hours and minutes, seconds and fractions optional, then `Z` or an
 * offset with or without its colon (`+01:00`, `+0100`). This is the set zod 3's `z.string().datetime({ offset: true })`
 * accepted, which every stored instant was checked against; zod 4's `z.iso.datetime({ offset: true })` insists on
 * the colon, so it would refuse records written before, and the pattern is kept here as it was.
 */
const INSTANT =
  /^((\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-((0[13578]|1[02])-(0[1-9]|[12]\d|3[01])|(0[469]|11)-(0[1-9]|[12]\d|30)|(02)-(0[1-9]|1\d|2[0-8])))T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|([+-]\d{2}:?\d{2}))$/;

/** A stored instant, checked against the pattern above, compiled once (zod 3 compiled it again on every parse). */
export const instant = () => z.string().regex(INSTANT, { message: 'Invalid datetime' });

/** Whether a string is an instant `instant()` accepts. */
export const isInstant = (s: string): boolean => INSTANT.test(s);

const parsesAsUrl = (s: string) => {
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
};

/**
 * A web address, kept exactly as it was given: anything `new URL` reads (what zod 3's `.url()` accepted). Our own
 * check rather than zod 4's `.url()`, whose rules and whose handling of the value it hands back are zod's to change
 * between releases: a stored link or meeting address must stay as typed.
 */
export const url = <S extends z.ZodString>(text: S) => text.refine(parsesAsUrl, { message: 'Invalid url' });

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
