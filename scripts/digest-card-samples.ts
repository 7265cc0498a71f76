import type { CardSample } from './card-sample.js';

/**
 * Samples of the anonymised digests (see card-samples.ts): a partnership's termly digest, one with too few schools
 * reporting, the all-partnerships summary, and the SACRE collation. Counts and theme names only, as the real ones.
 */
const AUTUMN = 'Autumn term 2026/27: visits from 1 Sept to Thursday 10 December 2026';
const theme = (tag: string, count: number) => ({ tag, count });

export const digestCardSamples: CardSample[] = [
  {
    card: 'partnership-digest',
    caption: "A partnership's termly digest: the four headings, each theme with the number of schools where it was raised",
    data: {
      title: 'Partnership digest: Rutland Water Partnership',
      periodLine: AUTUMN,
      unit: 'school',
      enough: true,
      reporting: 5,
      visits: 6,
      declined: 1,
      wholePartnershipVisits: 1,
      headings: [
        { title: 'Main successes', standing: 'shown', count: 5, themes: [theme('Sharing expertise and CPD', 4), theme('Collaboration and commitment', 3)], hiddenThemes: 2 },
        { title: 'Key challenges', standing: 'shown', count: 4, themes: [theme('Changes of staff and leadership', 3)], hiddenThemes: 1 },
        { title: 'Lessons learned', standing: 'fewer', themes: [], hiddenThemes: 1 },
        { title: 'Next steps', standing: 'shown', count: 5, themes: [theme('Engaging schools and governors', 4), theme('Data sharing', 3)], hiddenThemes: 0 },
      ],
    },
  },
  {
    card: 'partnership-digest',
    view: 'too-few',
    caption: 'A partnership with fewer than three schools reporting: too little to report without identifying schools',
    data: { title: 'Partnership digest: Catmose Vale Partnership', periodLine: AUTUMN, unit: 'school', enough: false, declined: 0 },
  },
  {
    card: 'partnership-digest',
    view: 'all-partnerships',
    caption: 'The all-partnerships summary, in the partnership report’s own form: themes counted by partnership',
    data: {
      title: 'All partnerships: summary of development visits',
      periodLine: AUTUMN,
      unit: 'partnership',
      enough: true,
      partnerships: 8,
      reporting: 7,
      visits: 19,
      declined: 2,
      headings: [
        { title: 'Main successes', standing: 'shown', count: 7, themes: [theme('Collaboration and commitment', 6), theme('Sharing expertise and CPD', 5), theme('Support for vulnerable schools', 3)], hiddenThemes: 1 },
        { title: 'Key challenges', standing: 'shown', count: 6, themes: [theme('Engaging schools and governors', 4), theme('Relationships and trust', 3)], hiddenThemes: 2 },
        { title: 'Lessons learned', standing: 'shown', count: 5, themes: [theme('How the partnership is organised and chaired', 4)], hiddenThemes: 1 },
        { title: 'Next steps', standing: 'shown', count: 7, themes: [theme('Engaging schools and governors', 5), theme('Curriculum', 3)], hiddenThemes: 0 },
      ],
    },
  },
  {
    card: 'sacre-digest',
    caption: 'The SACRE collation: every RE visit by agenda item and theme, ratings counted, declines grouped by reason',
    data: {
      title: 'SACRE collation of RE visits',
      periodLine: 'Academic year 2026/27: visits from 1 Sept to Thursday 10 December 2026',
      enough: true,
      visited: 14,
      visits: 15,
      headings: [
        { title: 'Main successes', items: [{ prompt: 'Areas of confidence in RE that the school could share with other schools', standing: 'shown', count: 14, themes: [theme('Curriculum', 9), theme('Sharing expertise and CPD', 4)], hiddenThemes: 2 }] },
        { title: 'Key challenges', items: [{ prompt: 'Areas of RE where the school lacks confidence', standing: 'shown', count: 12, themes: [theme('Sharing expertise and CPD', 7)], hiddenThemes: 1 }] },
        { title: 'Lessons learned', items: [{ prompt: 'What has the school learned about teaching RE well that other schools should hear?', standing: 'fewer', themes: [], hiddenThemes: 1 }] },
        { title: 'Next steps', items: [{ prompt: 'Training and professional development the school needs in RE', standing: 'shown', count: 10, themes: [theme('Sharing expertise and CPD', 8)], hiddenThemes: 0 }] },
      ],
      answers: [{ prompt: 'How confident are staff in teaching RE?', answered: 14, counts: [theme('amber', 7), theme('green', 5)], hidden: 2 }],
      declines: { schools: 5, groups: [theme('An inspection or other priorities', 3)], hidden: 2 },
    },
  },
];
