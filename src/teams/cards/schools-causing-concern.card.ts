import { z } from 'zod/v4';
import { shownShortDay } from './shown-date.js';
import { expandCard, type AdaptiveCard } from './template.js';
import { shownText } from './plain-text.js';

/** A card stays quick to read and under Teams' size limit: the rest are counted. */
const MAX_ROWS = 40;

/** `concerns`: the list of schools causing concern (`ConcernRow`s), highest level first. */
export const SchoolsCausingConcernCardSchema = z
  .object({
    rows: z.array(
      z.object({
        urn: z.string(),
        schoolName: z.string(),
        level: z.string(),
        since: z.string(),
        why: z.string(),
        linkOfficer: z.string(),
        nextMeeting: z.string(),
        /** Holds the next steps an officer typed: shown as plain text. */
        lastProgress: shownText,
        milestones: z.string().default(''),
      }),
    ),
  })
  .transform(({ rows }) => ({
    hidden: Math.max(0, rows.length - MAX_ROWS),
    rows: rows.slice(0, MAX_ROWS).map((r) => ({
      school: `${r.schoolName} (${r.urn})`,
      levelLine: `${r.level}, since ${shownShortDay(r.since)}: ${r.why}`,
      facts: [
        { title: 'Link officer', value: r.linkOfficer },
        { title: 'Next strategy meeting', value: r.nextMeeting },
        { title: 'Last progress', value: r.lastProgress },
        ...(r.milestones ? [{ title: 'Action plan milestones', value: r.milestones }] : []),
      ],
    })),
  }));
export type SchoolsCausingConcernCard = z.input<typeof SchoolsCausingConcernCardSchema>;

export function renderSchoolsCausingConcernCard(data: SchoolsCausingConcernCard): AdaptiveCard {
  return expandCard('schools-causing-concern', SchoolsCausingConcernCardSchema, data);
}
