import { z } from 'zod/v4';
import type { Zone } from '../../domain/time-zone.js';
import { parseCardData } from '../card-data.js';
import type { AdaptiveCard } from './template.js';
import { longDateTime } from '../../domain/human-date.js';

/**
 * What every form card binds besides its form: an id per opened form (a repeated submit of it is stored once),
 * what was typed (by input id) and, when the card is sent back, the problem and the input it is about.
 * The form itself travels in the submit action's data, so a card sent back needs no lookup.
 */
export function formCardSchema<F extends z.ZodTypeAny>(form: F) {
  return z.object({
    form,
    formId: z.string().min(1),
    values: z.record(z.string(), z.string()).default(() => ({})),
    error: z.object({ message: z.string(), field: z.string().optional() }).optional(),
    /** The version of the person's saved draft the form shows (0: none), sent back by Save draft. */
    draftVersion: z.number().int().min(0).default(0),
    /** A line saying what happened to the draft (resumed, saved), shown above the form. */
    draftNote: z.string().default(''),
  });
}

/** The hint every form with Save draft shows: Teams cannot require its inputs, or Save draft would refuse a half-filled form. */
export const DRAFT_HINT = 'Fields marked * are needed to submit; Save draft keeps whatever you have so far.';

/** The ids of every input on a card (Input.Text, Input.ChoiceSet, …), in the card's order. */
export function cardInputIds(card: unknown): string[] {
  const ids: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const { type, id } = node as { type?: unknown; id?: unknown };
    if (typeof type === 'string' && type.startsWith('Input.') && typeof id === 'string') ids.push(id);
    Object.values(node).forEach(visit);
  };
  visit(card);
  return ids;
}

/**
 * Reads what Teams sends when a form card is submitted: the form and its id from the action's data, and every input
 * by id. A form that keeps drafts passes `rendered`, the card it was shown as: Teams leaves an input out of what it
 * sends when it is empty, so each input on that card that did not come back is read as emptied (''), so a draft saved
 * from it clears what it held, and a key the card did not show is dropped (in a draft, it would pile up). Without
 * `rendered`, what the client sent is read as it is.
 */
export function readFormSubmit<F extends z.ZodTypeAny>(
  form: F,
  data: unknown,
  rendered?: (form: z.infer<F>) => AdaptiveCard,
): { form: z.infer<F>; formId: string; draftVersion: number; values: Record<string, string> } {
  // A card from an older version of the bot is refused in words, not with a stack trace.
  const schema = z.object({ formId: z.string().min(1), form, draftVersion: z.coerce.number().int().min(0).default(0) }).passthrough();
  const parsed = parseCardData(schema, data) as { form: z.infer<F>; formId: string; draftVersion: number } & Record<string, unknown>;
  const { form: read, formId, draftVersion, ...rest } = parsed;
  const sent = Object.entries(rest).filter((e): e is [string, string] => typeof e[1] === 'string');
  if (!rendered) return { form: read, formId, draftVersion, values: Object.fromEntries(sent) };
  const ids = cardInputIds(rendered(read));
  const onCard = new Set(ids);
  const emptied = Object.fromEntries(ids.map((id) => [id, '']));
  return { form: read, formId, draftVersion, values: { ...emptied, ...Object.fromEntries(sent.filter(([id]) => onCard.has(id))) } };
}

/** The problem to show beside the inputs named `<key>.<field>`, or nothing. */
export function problemFor(error: { message: string; field?: string } | undefined, key: string): string {
  return error?.field?.startsWith(`${key}.`) ? error.message : '';
}

/** The line a form shows when it opens with the person's saved draft in it. */
export const draftResumedNote = (savedAt: string, timeZone: Zone) => `Your draft, saved ${longDateTime(savedAt, timeZone)}: only you can see it until you submit.`;

/** The line a form shows once Save draft has kept what was typed. */
export const draftSavedNote = (savedAt: string, timeZone: Zone, reopen: string) =>
  `Draft saved ${longDateTime(savedAt, timeZone)}: only you can see it. Carry on here, or type ${reopen} later to pick it up.`;
