import { z } from 'zod/v4';
import { digestRefresh } from './sit-digest.card.js';
import { plainText } from './plain-text.js';

const line = z.string().transform((text) => ({ line: plainText(text) }));

/**
 * A digest read as a report (the two-monthly concern review, the committee report): a headline, then sections each
 * with a heading, a table of counts and lines. Lines are shown as plain text (progress notes are what people typed).
 * With `digestId` (a posted digest) the card refreshes to show each item as it stands.
 */
export const DigestReportCardSchema = z
  .object({
    title: z.string().min(1),
    headline: z.string().min(1),
    postedLine: z.string().default(''),
    sections: z.array(
      z.object({
        heading: z.string().min(1),
        subheading: z.string().default(''),
        facts: z.array(z.object({ title: z.string().min(1), value: z.string() })).default(() => []),
        lines: z.array(line).default(() => []),
      }),
    ),
    /** Shown when there are no sections. */
    emptyLine: z.string().default(''),
    digestId: z.string().min(1).optional(),
  })
  .transform((d) => ({
    ...d,
    refresh: digestRefresh(d.digestId),
  }));
export type DigestReportCard = z.input<typeof DigestReportCardSchema>;
