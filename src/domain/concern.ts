import { z } from 'zod';
import { storedRecord } from './record.js';
import { UrnSchema } from './school.js';
import { hasRole, type Person } from './person.js';
import { CONFIDENTIAL_CONCERN_INPUT_ID } from './agenda-template.js';

/** The longest note the lead may keep when marking a concern handled. */
export const MAX_HANDLED_NOTE_LENGTH = 2000;

/**
 * A concern a visitor raises in confidence (SACRE protocol, seed 000 point 9: "discussed with one named
 * lead only, in the strictest confidence"). It lives in its own collection, `concerns`, the only
 * confidential one: it points to its visit, the visit never points back, and it is left out of every
 * digest, export, log line and audit text.
 */
export const ConfidentialConcernSchema = storedRecord({
  visitId: z.string().min(1),
  schoolUrn: UrnSchema,
  /** Person record id of the visitor who raised it. */
  raisedBy: z.string().min(1),
  text: z.string().trim().min(1, 'the concern is empty').max(4000, 'keep the concern under 4,000 characters'),
  raisedAt: z.string().datetime({ offset: true }),
  /** When the concerns lead was told (privately); unset while the notice waits in the outbox. */
  leadNotifiedAt: z.string().datetime({ offset: true }).optional(),
  /** Set once when the lead marks it handled; the note is the lead's own, kept here and shown to no one else. */
  handled: z
    .object({
      at: z.string().datetime({ offset: true }),
      /** Person record id of the lead who marked it. */
      by: z.string().min(1),
      note: z.string().trim().min(1).max(MAX_HANDLED_NOTE_LENGTH, `keep the note under ${MAX_HANDLED_NOTE_LENGTH.toLocaleString('en-GB')} characters`).optional(),
    })
    .optional(),
});
export type ConfidentialConcern = z.infer<typeof ConfidentialConcernSchema>;

/** Only the concerns lead reads concerns; the visitor who raised one is not shown it again either. */
export function mayReadConcerns(person: Pick<Person, 'roles'>): boolean {
  return hasRole(person, 'concernsLead');
}

/**
 * Splits a submitted agenda card's values into the answers and the confidential concern (input id
 * `confidentialConcern`), so the concern can never be stored with the visit by mistake. A blank
 * concern is no concern.
 */
export function separateConcern(values: Readonly<Record<string, unknown>>): { answers: Record<string, unknown>; concern?: string } {
  const { [CONFIDENTIAL_CONCERN_INPUT_ID]: raw, ...answers } = values;
  const concern = typeof raw === 'string' ? raw.trim() : '';
  return concern ? { answers, concern } : { answers };
}
