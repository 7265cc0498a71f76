import { z } from 'zod/v4';
import { expandCard, type AdaptiveCard } from './template.js';
import { plainText } from './plain-text.js';
import { MILESTONE_VERBS } from './milestone.card.js';

/** A card stays quick to read and under Teams' size limit: the rest are counted. */
const MAX_ROWS = 30;

/** `milestones`: the headteacher's milestones to confirm, or an officer's linked schools' (`MilestoneList`), soonest first, each with Open. */
export const MilestoneListCardSchema = z
  .object({
    viewer: z.enum(['headteacher', 'officer']),
    rows: z.array(
      z.object({ planId: z.string(), milestoneId: z.string(), schoolName: z.string(), target: z.string(), due: z.string(), standing: z.string(), queried: z.boolean() }),
    ),
  })
  .transform(({ viewer, rows }) => ({
    title: viewer === 'headteacher' ? 'Your action-plan milestones to confirm' : "Your link schools' action-plan milestones",
    empty: viewer === 'headteacher' ? 'No milestone is waiting for you.' : 'None of your link schools has a live action plan with milestones.',
    verb: MILESTONE_VERBS.open,
    hidden: Math.max(0, rows.length - MAX_ROWS),
    rows: rows.slice(0, MAX_ROWS).map((r) => ({
      planId: r.planId,
      milestoneId: r.milestoneId,
      line: `${r.schoolName}: ${plainText(r.target)}`,
      statusLabel: `${r.standing}, due ${r.due}${r.queried ? ' · a query waits for an answer' : ''}`,
    })),
  }));
export type MilestoneListCard = z.input<typeof MilestoneListCardSchema>;

export function renderMilestoneListCard(data: MilestoneListCard): AdaptiveCard {
  return expandCard('milestone-list', MilestoneListCardSchema, data);
}
