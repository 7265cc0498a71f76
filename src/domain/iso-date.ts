import { z } from 'zod/v4';

/** A calendar date as YYYY-MM-DD (ISO 8601), the one way dates are stored; the shape only, as every store and form writes it. */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
