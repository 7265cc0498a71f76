import { z } from 'zod/v4';
import { MIN_GROUP } from '../../domain/collation.js';
import { anonymityLine, groupLines, plural, ThemeCountSchema, ThemeGroupSchema } from './collation-lines.js';
import { digestRefresh } from './sit-digest.card.js';
import { expandCard, type AdaptiveCard } from './template.js';

/**
 * The SACRE collation (`SacreDigestView`), for the SACRE's report: every SACRE RE visit of the period by agenda item
 * under the four headings, each item with the themes raised and the number of schools; the agenda's ratings and
 * choices counted; the schools that declined, with their reasons grouped. Groups of fewer than three schools are
 * left out and said so. Counts, the agenda's prompts and theme names only.
 */
const SacreCollationSchema = z.object({
  enough: z.boolean(),
  visited: z.number().int().min(0).optional(),
  visits: z.number().int().min(0).optional(),
  headings: z.array(z.object({ title: z.string().min(1), items: z.array(ThemeGroupSchema.extend({ prompt: z.string().min(1) })) })).default(() => []),
  answers: z.array(z.object({ prompt: z.string().min(1), answered: z.number().int().min(0), counts: z.array(ThemeCountSchema), hidden: z.number().int().min(0) })).default(() => []),
  declines: z.object({ schools: z.number().int().min(0), groups: z.array(ThemeCountSchema), hidden: z.number().int().min(0) }),
});

/** "green" as "Green": ratings and yes/no are stored in lower case. */
const capitalised = (answer: string) => `${answer.charAt(0).toUpperCase()}${answer.slice(1)}`;

export const SacreDigestCardSchema = z
  .object({ title: z.string().min(1), periodLine: z.string().min(1), postedLine: z.string().default(''), digestId: z.string().min(1).optional() })
  .extend(SacreCollationSchema.shape)
  .transform((v) => {
    const fewer = (n: number, what: string) => (n ? `${what} given by fewer than ${MIN_GROUP} schools ${n === 1 ? 'is' : 'are'} not shown (${plural(n, 'school')}).` : '');
    return {
      title: v.title,
      periodLine: v.periodLine,
      postedLine: v.postedLine,
      refresh: digestRefresh(v.digestId),
      enough: v.enough,
      summaryLine: v.enough
        ? `${plural(v.visits ?? 0, 'visit')} to ${plural(v.visited ?? 0, 'school')}.`
        : `There is too little to report without identifying schools: fewer than ${MIN_GROUP} schools were visited in this period.`,
      headings: v.enough
        ? v.headings.filter((h) => h.items.length).map((h) => ({ title: h.title, items: h.items.map((i) => ({ prompt: i.prompt, ...groupLines(i, 'school') })) }))
        : [],
      answers: v.enough
        ? v.answers.map((a) => ({
            prompt: `${a.prompt} (${plural(a.answered, 'school')})`,
            facts: a.counts.map((c) => ({ title: capitalised(c.tag), value: plural(c.count, 'school') })),
            hasFacts: a.counts.length > 0,
            note: fewer(a.hidden, a.hidden === 1 ? 'An answer' : 'Answers'),
          }))
        : [],
      declinedLine: v.declines.schools ? `${plural(v.declines.schools, 'school')} declined a visit.` : 'No school declined a visit.',
      declineFacts: v.declines.groups.map((g) => ({ title: g.tag, value: plural(g.count, 'school') })),
      hasDeclineFacts: v.declines.groups.length > 0,
      declineNote: fewer(v.declines.hidden, v.declines.hidden === 1 ? 'A reason' : 'Reasons'),
      footer: anonymityLine('school'),
    };
  });
export type SacreDigestCard = z.input<typeof SacreDigestCardSchema>;

export function renderSacreDigestCard(data: SacreDigestCard): AdaptiveCard {
  return expandCard('sacre-digest', SacreDigestCardSchema, data);
}
