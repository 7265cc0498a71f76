import { z } from 'zod';
import { storedRecord } from './record.js';
import { UrnSchema } from './school.js';
import { hasRole, type Person } from './person.js';
import { CONFIDENTIAL_CONCERN_INPUT_ID } from './agenda-template.js';

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
