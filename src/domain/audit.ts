import { z } from 'zod';
import { storedRecord } from './record.js';

/**
 * An append-only record of who changed what. It names the record and the kind of change,
 * never its content: a confidential concern's text can never reach it.
 */
export const AuditEventSchema = storedRecord({
  at: z.string().datetime({ offset: true }),
  /** Person record id, `cli:<os user>`, or `system` for jobs. */
  actor: z.string().min(1),
  /** What happened, e.g. `visits.insert` or `visit.submitted`. */
  action: z.string().min(1),
  collection: z.string().min(1),
  recordId: z.string().min(1),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;
