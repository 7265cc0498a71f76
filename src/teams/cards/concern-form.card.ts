import { z } from 'zod/v4';
import { MAX_CONCERN_LENGTH } from '../../app/visits/raise-concern.js';
import { UrnSchema } from '../../domain/school.js';
import { expandCard, type AdaptiveCard } from './template.js';

/** The verbs of `concern <school>`: choosing the school when the name fits several, and sending the concern. */
export const CONCERN_FORM_VERBS = { chooseSchool: 'concern.chooseSchool', raise: 'concern.raise' } as const;

/** What Send sends: the school, the form's id (a repeated press raises once) and the concern typed. */
export const ConcernFormDataSchema = z.object({ urn: UrnSchema, formId: z.string().min(1), confidentialConcern: z.string().optional() });

/**
 * `concern <school>`: a confidential concern raised on its own, with no visit note. Once sent the card keeps no
 * input and no word of the concern, only where it went (`note`). Sent back with a problem (`error`), it keeps
 * what was typed, for the officer who typed it.
 */
export const ConcernFormCardSchema = z
  .object({
    urn: UrnSchema,
    schoolName: z.string().min(1),
    formId: z.string().min(1),
    /** Why the card is shown, when it is not for `concern <school>` (a concern handed back from a closed visit). */
    intro: z.string().default(''),
    typed: z.string().default(''),
    error: z.string().default(''),
    /** Where the concern went, once sent; the card then has nothing left to press. */
    sent: z.string().optional(),
  })
  .transform((d) => ({
    title: `Confidential concern: ${d.schoolName} (${d.urn})`,
    urn: d.urn,
    formId: d.formId,
    intro: d.sent ? '' : d.intro,
    typed: d.sent ? '' : d.typed,
    error: d.error,
    sent: d.sent !== undefined,
    note: d.sent ?? '',
    maxLength: MAX_CONCERN_LENGTH,
    raiseVerb: CONCERN_FORM_VERBS.raise,
  }));
export type ConcernFormCard = z.input<typeof ConcernFormCardSchema>;

export function renderConcernFormCard(data: ConcernFormCard): AdaptiveCard {
  return expandCard('concern-form', ConcernFormCardSchema, data);
}
