import { z } from 'zod';
import { storedRecord } from './record.js';

/**
 * A digest: one posting of a summary card to a channel for one period. There is one record per kind, audience and
 * period, claimed in the store before anything is sent (its idempotency key is that triple), so however many runners
 * race for the same due time the digest is posted once. The record keeps what was posted, so a card opened later can
 * show what has changed since while the store keeps what the digest said.
 */

/** SIT (fortnightly), partnership (termly, anonymised), SACRE collation, concern review (two-monthly), committee report (termly). */
export const DigestKindSchema = z.enum(['sit', 'partnership', 'sacre', 'concerns', 'committee']);
export type DigestKind = z.infer<typeof DigestKindSchema>;

/** The registered channels a digest may go to (`register sit|partnership <name>|concerns`). */
export const DigestChannelSchema = z.enum(['sit', 'partnership', 'concerns']);
export type DigestChannel = z.infer<typeof DigestChannelSchema>;

/** Who reads it: a registered channel, and for a partnership's digest the partnership's name as the register spells it. */
export const DigestAudienceSchema = z.object({ channel: DigestChannelSchema, partnership: z.string().min(1).optional() });
export type DigestAudience = z.infer<typeof DigestAudienceSchema>;

const instant = z.string().datetime({ offset: true });

/** What it covers: from (exclusive) to (inclusive), as instants. */
export const DigestPeriodSchema = z.object({ from: instant, to: instant });
export type DigestPeriod = z.infer<typeof DigestPeriodSchema>;

/**
 * `claimed`: a runner holds it and is posting; `posted`: in the channel; `failed`: the post failed, the runner tries
 * again at `nextAttemptAt`; `held`: its channel is not registered (the administrators are told once), posted as soon
 * as a runner finds the channel registered.
 */
export const DigestStatusSchema = z.enum(['claimed', 'posted', 'failed', 'held']);
export type DigestStatus = z.infer<typeof DigestStatusSchema>;

export const DigestSchema = storedRecord({
  kind: DigestKindSchema,
  audience: DigestAudienceSchema,
  period: DigestPeriodSchema,
  /** The card as posted (its template name and data) and its one-line summary: what the digest said, kept. */
  content: z.object({ card: z.object({ name: z.string().min(1), data: z.unknown() }), summary: z.string().min(1) }).optional(),
  status: DigestStatusSchema,
  attempts: z.number().int().min(0),
  nextAttemptAt: instant.optional(),
  postedAt: instant.optional(),
  /** The posted message's id in its channel. */
  activityId: z.string().min(1).optional(),
  /** The kind of the last failure (never content). */
  lastError: z.string().optional(),
  /** When the administrators were told it is held (they are told once). */
  adminsToldAt: instant.optional(),
});
export type Digest = z.infer<typeof DigestSchema>;

/** Words for each kind, for lines people read. */
export const DIGEST_TITLES: Readonly<Record<DigestKind, string>> = {
  sit: 'SIT digest',
  partnership: 'partnership digest',
  sacre: 'SACRE collation',
  concerns: 'concern review',
  committee: 'committee report',
};

/** The audience in words: "the SIT channel", "the Rutland North partnership channel". */
export function audienceName(audience: DigestAudience): string {
  if (audience.channel === 'partnership') return `the ${audience.partnership ?? ''} partnership channel`.replace('  ', ' ');
  return audience.channel === 'sit' ? 'the SIT channel' : 'the concern review channel';
}

/** The one key a digest is claimed by: its kind, audience and period. */
export function digestKey(kind: DigestKind, audience: DigestAudience, period: DigestPeriod): string {
  const who = audience.channel === 'partnership' ? `partnership:${(audience.partnership ?? '').toLowerCase()}` : audience.channel;
  return `digest:${kind}:${who}:${period.from}..${period.to}`;
}

/** Back-off for a failed post: 1, 2, 4 … minutes, at most a day, so a digest keeps being tried until it goes. */
export function digestRetryDelayMs(attempts: number): number {
  return Math.min(24 * 60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}
