import { z } from 'zod/v4';
import { instant, storedRecord } from './record.js';

/**
 * Where the bot can speak without being spoken to first: a person's 1:1 chat or a registered channel.
 * The conversation reference is opaque to the domain: only the Teams adapter reads it.
 */
export const ConversationSchema = storedRecord({
  kind: z.enum(['personal', 'channel']),
  /** For `personal`: the person's Entra object id. */
  aadObjectId: z.string().optional(),
  /** For `channel`: what it is registered as (sit, partnership, concerns), and the partnership's name. */
  purpose: z.enum(['sit', 'partnership', 'concerns']).optional(),
  partnership: z.string().optional(),
  reference: z.record(z.string(), z.unknown()),
});
export type Conversation = z.infer<typeof ConversationSchema>;

/**
 * A message, mail or booking that could not be delivered at once; the job runner retries it
 * with back-off and tells the person who asked for it when it gives up.
 */
export const OutboxItemSchema = storedRecord({
  kind: z.enum(['teams-message', 'mail', 'calendar-event']),
  /** The channel-specific payload, as the adapter that sends it needs it. */
  payload: z.record(z.string(), z.unknown()),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int().min(0),
  nextAttemptAt: instant(),
  lastError: z.string().optional(),
  /** Person record id to tell if it finally fails. */
  requestedBy: z.string().optional(),
  /**
   * The idempotency key of the request that made it, so a repeat finds it. Kept apart from the id, which is
   * opaque: an id is named in audit events and log lines, and must not say what the item is about or for whom.
   */
  key: z.string().min(1).optional(),
});
export type OutboxItem = z.infer<typeof OutboxItemSchema>;

/**
 * One run of a scheduled job for one due time: its record is the claim, so the due time runs once across
 * instances. While `running`, the claimant holds it until `leaseUntil` and keeps renewing that; a run whose lease
 * ran out (its instance died) is taken over by the next runner, which counts it in `takeovers`.
 */
export const JobRunSchema = storedRecord({
  job: z.string().min(1),
  dueAt: instant(),
  startedAt: instant(),
  finishedAt: instant().optional(),
  outcome: z.enum(['running', 'done', 'failed']),
  detail: z.string().optional(),
  leaseUntil: instant().optional(),
  takeovers: z.number().int().positive().optional(),
});
export type JobRun = z.infer<typeof JobRunSchema>;
