import { z } from 'zod';
import { parseCardData } from '../card-data.js';

/**
 * What every form card binds besides its form: an id per opened form (a repeated submit of it is stored once),
 * what was typed (by input id) and, when the card is sent back, the problem and the input it is about.
 * The form itself travels in the submit action's data, so a card sent back needs no lookup.
 */
export function formCardSchema<F extends z.ZodTypeAny>(form: F) {
  return z.object({
    form,
    formId: z.string().min(1),
    values: z.record(z.string(), z.string()).default({}),
    error: z.object({ message: z.string(), field: z.string().optional() }).optional(),
  });
}

/** Reads what Teams sends when a form card is submitted: the form and its id from the action's data, and every typed input by id. */
export function readFormSubmit<F extends z.ZodTypeAny>(form: F, data: unknown): { form: z.infer<F>; formId: string; values: Record<string, string> } {
  // A card from an older version of the bot is refused in words, not with a stack trace.
  const parsed = parseCardData(z.object({ formId: z.string().min(1), form }).passthrough(), data) as { form: z.infer<F>; formId: string } & Record<string, unknown>;
  const { form: read, formId, ...rest } = parsed;
  const values = Object.fromEntries(Object.entries(rest).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { form: read, formId, values };
}

/** The problem to show beside the inputs named `<key>.<field>`, or nothing. */
export function problemFor(error: { message: string; field?: string } | undefined, key: string): string {
  return error?.field?.startsWith(`${key}.`) ? error.message : '';
}
