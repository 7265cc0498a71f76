import { z } from 'zod/v4';
import { instant, storedRecord } from './record.js';
import { UrnSchema } from './school.js';

/**
 * A form saved part-filled: what its author had typed into a health check or a self-evaluation, by input id, to
 * be resumed when they open the form again. A draft is its author's alone: it is never sent, listed or exported,
 * and goes once the form it belongs to is submitted. One per author, form and school.
 */
export const FORM_DRAFT_KINDS = ['healthCheck', 'selfEvaluation'] as const;
export const FormDraftKindSchema = z.enum(FORM_DRAFT_KINDS);
export type FormDraftKind = z.infer<typeof FormDraftKindSchema>;

/** The longest value a draft keeps for one input: more than any form's longest box allows. */
const MAX_DRAFT_VALUE = 4000;

export const FormDraftSchema = storedRecord({
  kind: FormDraftKindSchema,
  urn: UrnSchema,
  /** Person id of whoever typed it: the only one who sees or resumes it. */
  authorId: z.string().min(1),
  /**
   * What was typed, by the form's input id. A blank ('') is an input its author emptied: it clears what the form
   * would otherwise show there (an earlier submission's text). An input the card did not have keeps its value.
   */
  values: z.record(z.string(), z.string().max(MAX_DRAFT_VALUE)),
  savedAt: instant(),
});
export type FormDraft = z.infer<typeof FormDraftSchema>;

/** What a draft with nothing in it is refused with. */
export const NOTHING_TO_SAVE = 'There is nothing to save yet: type or choose something in the form first.';

/** What a draft keeps of the values a card sent: each trimmed, an emptied input kept as '' so it stays cleared. */
function draftValues(values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([id, v]) => [id, v.trim()] as const));
}

/** Whether anything is typed or chosen among the values. */
export const anyTyped = (values: Readonly<Record<string, string>>): boolean => Object.values(values).some((v) => v.trim() !== '');

/**
 * The draft after a save: the earlier draft's values, overwritten by every input the card sent (an emptied one
 * included, as ''), so an input the card did not have keeps what the earlier draft held.
 */
export function mergedDraftValues(earlier: Readonly<Record<string, string>> | undefined, sent: Readonly<Record<string, string>>): Record<string, string> {
  return { ...earlier, ...draftValues(sent) };
}
