import { z } from 'zod/v4';
import { instant, storedRecord } from './record.js';
import { UrnSchema } from './school.js';

/**
 * A short piece of intelligence about a school, from a visit or from the finance, operations or HR
 * teams, triangulated in the SIT's fortnightly digest (DDAT policy, seed 004).
 */
export const IntelligenceSourceSchema = z.enum(['visit', 'finance', 'operations', 'hr']);
export type IntelligenceSource = z.infer<typeof IntelligenceSourceSchema>;

export const IntelligenceNoteSchema = storedRecord({
  schoolUrn: UrnSchema,
  source: IntelligenceSourceSchema,
  text: z.string().trim().min(1, 'the note is empty').max(2000, 'keep a note under 2,000 characters'),
  /** Person record id of the author. */
  author: z.string().min(1),
  at: instant(),
  /** The visit the note came from, for `visit` notes. */
  visitId: z.string().min(1).optional(),
});
export type IntelligenceNote = z.infer<typeof IntelligenceNoteSchema>;
