import { z } from 'zod/v4';
import { MIN_GROUP } from '../../domain/collation.js';
import { anonymityLine, groupLines, plural, ThemeGroupSchema } from './collation-lines.js';
import { digestRefresh } from './sit-digest.card.js';
import { expandCard, type AdaptiveCard } from './template.js';

/**
 * The partnership digest (`PartnershipDigestView`), posted in the partnership's channel; with `unit: 'partnership'`
 * the all-partnerships summary. The partnership report's four headings, each with its themes and the number of
 * schools (partnerships) where each was raised; groups of fewer than three left out, and said so; a partnership with
 * fewer than three schools reporting gets one line saying there is too little to report. Counts and theme names
 * only: nothing here can name a school or a person.
 */
export const PartnershipDigestCardSchema = z
  .object({
    title: z.string().min(1),
    periodLine: z.string().min(1),
    unit: z.enum(['school', 'partnership']),
    enough: z.boolean(),
    reporting: z.number().int().min(0).optional(),
    visits: z.number().int().min(0).optional(),
    declined: z.number().int().min(0),
    wholePartnershipVisits: z.number().int().min(0).optional(),
    /** All-partnerships summary: the partnerships in the register. */
    partnerships: z.number().int().min(0).optional(),
    headings: z.array(ThemeGroupSchema.extend({ title: z.string().min(1) })).default(() => []),
    /** Opened later: when it was posted, and that it shows the current state. */
    postedLine: z.string().default(''),
    /** Set by the digest engine on a posted digest: the card then refreshes to show the period as it stands. */
    digestId: z.string().min(1).optional(),
  })
  .transform((v) => {
    const declined = v.declined ? ` ${plural(v.declined, 'visit')} declined.` : ' No visit declined.';
    const whole = v.wholePartnershipVisits ? ` ${plural(v.wholePartnershipVisits, 'visit')} to the partnership as a whole (counted in the all-partnerships summary, not as a school).` : '';
    const of = v.unit === 'partnership' && v.partnerships !== undefined ? ` of ${v.partnerships}` : '';
    const summaryLine = v.enough
      ? `${plural(v.visits ?? 0, 'development visit')} to ${v.reporting ?? 0}${of} ${v.unit === 'school' ? 'schools' : 'partnerships'}.${declined}${whole}`
      : `There is too little to report without identifying ${v.unit === 'school' ? 'schools' : 'partnerships'}: fewer than ${MIN_GROUP} ${v.unit}s reported in this period.${declined}`;
    return {
      title: v.title,
      periodLine: v.periodLine,
      postedLine: v.postedLine,
      refresh: digestRefresh(v.digestId),
      enough: v.enough,
      summaryLine,
      headings: v.enough ? v.headings.map((h) => ({ title: h.title, ...groupLines(h, v.unit) })) : [],
      footer: anonymityLine(v.unit),
    };
  });
export type PartnershipDigestCard = z.input<typeof PartnershipDigestCardSchema>;

export function renderPartnershipDigestCard(data: PartnershipDigestCard): AdaptiveCard {
  return expandCard('partnership-digest', PartnershipDigestCardSchema, data);
}
