import type { z } from 'zod/v4';
import { InvalidInputError } from '../domain/errors.js';

/**
 * Parses what a card action sent with the card's zod schema. A press that does not fit (a card from an older
 * version of the bot, a hand-made request) is refused in words a person can act on, instead of failing deep inside.
 */
export function parseCardData<S extends z.ZodTypeAny>(schema: S, data: unknown): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data as z.infer<S>;
  const field = parsed.error.issues[0]?.path.join('.') || undefined;
  // The field is kept for the log, never shown: a person cannot act on an input's id.
  throw new InvalidInputError('This card is out of date or incomplete: type the command again to get a fresh one.', field);
}
