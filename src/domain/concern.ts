import { z } from 'zod/v4';
import { instant, storedRecord } from './record.js';
import { UrnSchema } from './school.js';
import { hasRole, type Person } from './person.js';
import { CONFIDENTIAL_CONCERN_INPUT_ID } from './agenda-template.js';

/** The longest note the lead may keep when marking a concern handled. */
export const MAX_HANDLED_NOTE_LENGTH = 2000;

/**
 * A concern an officer raises in confidence (the SACRE protocol: discussed with one named lead only, in the
 * strictest confidence). It lives in its own collection, `concerns`, the only confidential one: it points to
 * the visit it was raised with (none when raised on its own with `concern <school>`), the visit never points
 * back, and it is left out of every digest, export, log line and audit text.
 */
export const ConfidentialConcernSchema = storedRecord({
  /** The visit note it travelled with; unset for a concern raised on its own. */
  visitId: z.string().min(1).optional(),
  /** The school it is about; absent when it was raised at a visit to a partnership as a whole, which `partnership` names. */
  schoolUrn: UrnSchema.optional(),
  partnership: z.string().trim().min(1).optional(),
  /** Person record id of the visitor who raised it. */
  raisedBy: z.string().min(1),
  /**
   * Person record id of the concerns lead it belongs to: the lead when it was raised, or the one it was
   * handed over to. Unset when nobody held the role then: it belongs to whoever holds it now.
   */
  leadId: z.string().min(1).optional(),
  text: z.string().trim().min(1, 'the concern is empty').max(4000, 'keep the concern under 4,000 characters'),
  raisedAt: instant(),
  /** When the concerns lead was told (privately); unset while the notice waits in the outbox. */
  leadNotifiedAt: instant().optional(),
  /** Set once when the lead marks it handled; the note is the lead's own, kept here and shown to no one else. */
  handled: z
    .object({
      at: instant(),
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
 * Whether the concern is the lead's: raised to them or handed over to them, or raised while nobody held the
 * role. A former lead keeps none: handing over moves the open ones, and the role goes with them.
 */
export function isConcernOf(concern: Pick<ConfidentialConcern, 'leadId'>, person: Pick<Person, 'id' | 'roles'>): boolean {
  return mayReadConcerns(person) && (concern.leadId === undefined || concern.leadId === person.id);
}

/**
 * The one named concerns lead of an organisation, if any. Several holders (a store from before the role
 * became one person's) give none: a concern is never sent to a guess; an administrator hands over to one.
 */
export function theConcernsLead<P extends Pick<Person, 'roles'>>(people: readonly P[]): { lead?: P; holders: P[] } {
  const holders = people.filter(mayReadConcerns);
  return holders.length === 1 ? { lead: holders[0], holders } : { holders };
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
