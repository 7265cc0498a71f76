import { z } from 'zod/v4';
import { expandCard, type AdaptiveCard } from './template.js';
import { plainText } from './plain-text.js';

/** The verbs of digest cards: the refresh that shows a posted digest as it stands now, and opening one school. */
export const DIGEST_VERBS = { refresh: 'digest.refresh', school: 'digest.school' } as const;

/** The refresh a posted digest's card carries (its id set by the digest engine); a preview carries none. */
export const digestRefresh = (digestId: string | undefined) => (digestId ? { action: { type: 'Action.Execute', title: 'Refresh', verb: DIGEST_VERBS.refresh, data: { digestId } } } : '');

const line = z.string().transform((text) => ({ line: plainText(text) }));

/**
 * The SIT digest card: a headline with counts (a Teams bar chart, a table where the chart is not rendered), then the
 * schools with something new, highest risk first, each with its changes, its intelligence notes by source side by
 * side and a button that opens the school for the reader; then schools behind their entitlement and feedback overdue.
 * Every line is shown as plain text (notes and milestone targets are what people typed). With `digestId` (a posted
 * digest) the card carries a refresh, so opened later it shows each item as it stands.
 */
export const SitDigestCardSchema = z
  .object({
    title: z.string().min(1),
    headline: z.string().min(1),
    postedLine: z.string().default(''),
    counts: z.array(z.object({ label: z.string().min(1), value: z.number().int().min(0) })),
    schools: z.array(
      z.object({
        urn: z.string(),
        name: z.string(),
        riskLine: z.string(),
        lines: z.array(line),
        notes: z.array(z.object({ source: z.string(), texts: z.array(line) })),
      }),
    ),
    behind: z.array(line),
    feedbackOverdue: z.array(line),
    /** Set by the digest engine on a posted digest. */
    digestId: z.string().min(1).optional(),
  })
  .transform((d) => ({
    ...d,
    counts: d.counts.map((c) => ({ ...c, text: String(c.value) })),
    verbs: DIGEST_VERBS,
    digestIdOrNone: d.digestId ?? '',
    refresh: digestRefresh(d.digestId),
  }));
export type SitDigestCard = z.input<typeof SitDigestCardSchema>;

/** Renders the card; a preview (no digest id) carries no refresh. */
export function renderSitDigestCard(data: SitDigestCard): AdaptiveCard {
  return expandCard('sit-digest', SitDigestCardSchema, data);
}
