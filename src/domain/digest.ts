import { z } from 'zod/v4';
import { longDate } from './human-date.js';
import { hasRole, type Person, type Role } from './person.js';
import { instant, storedRecord } from './record.js';
import type { Zone } from './time-zone.js';

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

/** What it covers: from (exclusive) to (inclusive), as instants. */
export const DigestPeriodSchema = z.object({ from: instant(), to: instant() });
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
  nextAttemptAt: instant().optional(),
  postedAt: instant().optional(),
  /** The posted message's id in its channel. */
  activityId: z.string().min(1).optional(),
  /** The kind of the last failure (never content). */
  lastError: z.string().optional(),
  /** When the administrators were told it is held (they are told once). */
  adminsToldAt: instant().optional(),
  /**
   * What the administrators were told was held when this digest was (`heldSetKey` of every digest then held for want
   * of a channel): told once per such set, however many periods go by held.
   */
  adminsToldOf: z.string().optional(),
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

/**
 * Who may ask for each digest (to post it now or see it first). The SIT digest, the concern review and the committee
 * report name schools: the SIT and officers. The partnership digests hold only counts and theme names, but posting
 * them is the officers' business too. The SACRE collation is for the SACRE's report: its visitors may ask as well as
 * the officers, the SIT and administrators, and it goes to the asker alone.
 */
export const DIGEST_ASKERS: Readonly<Record<DigestKind, readonly Role[]>> = {
  sit: ['sit', 'officer'],
  partnership: ['sit', 'officer'],
  sacre: ['sit', 'officer', 'admin', 'sacreVisitor'],
  concerns: ['sit', 'officer'],
  committee: ['sit', 'officer'],
};

export const mayAskForDigest = (person: Pick<Person, 'roles'>, kind: DigestKind): boolean => hasRole(person, ...DIGEST_ASKERS[kind]);

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

/**
 * The line a posted digest's card carries when opened later (refreshed): when it was posted and that what it shows
 * is as it stands now. Empty when composing to post or preview.
 */
export function postedLine(postedAt: string | undefined, asOf: Date, timeZone: Zone): string {
  return postedAt ? `Posted ${longDate(postedAt, timeZone)}; shown as it stands on ${longDate(asOf.toISOString(), timeZone)}.` : '';
}
