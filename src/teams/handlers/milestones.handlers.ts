import { InvalidInputError } from '../../domain/errors.js';
import type { MilestoneStep } from '../../domain/milestone-steps.js';
import { listMilestones } from '../../app/milestones/list-milestones.js';
import { takeMilestoneStep } from '../../app/milestones/milestone-step.js';
import { viewMilestone } from '../../app/milestones/milestone-view.js';
import { parseCardData } from '../card-data.js';
import { sendAfterAnswer } from '../after-answer.js';
import { renderMilestoneListCard } from '../cards/milestone-list.card.js';
import { MilestoneDataSchema, MILESTONE_VERBS, renderMilestoneCard } from '../cards/milestone.card.js';
import type { CardAction, Command } from '../handler.js';
import { deliveryDepsOf, noticeNote } from '../notice-note.js';
import { inPersonalChatOnly } from '../personal-chat.js';
import type { BotDeps } from '../deps.js';
import { OFFICER_ROLES, type Person } from '../../domain/person.js';
import type { z } from 'zod/v4';

type MilestoneData = z.infer<typeof MilestoneDataSchema>;

/** `milestones`: the person's milestones, soonest first, each opening its card. */
export const milestonesCommand: Command = {
  name: 'milestones',
  example: 'milestones',
  // A headteacher known only by the school register's e-mail (or a delegate) holds no role: the use case decides.
  roles: 'everyone',
  listedFor: ['headteacher', 'officer', 'sit'],
  // It names schools: answered in a 1:1 chat or the SIT channel. (Not `asker`: Teams' 1:1 command menu holds ten
  // and is full of commands answered only there, so this one is offered in channels and group chats too.)
  privacy: 'namesSchools',
  summary: "Headteachers: your action-plan milestones, soonest first, to confirm met, partly met or not met with evidence. Officers: your link schools' milestones, to query a confirmation.",
  summaries: [
    { roles: ['headteacher'], summary: "Your action-plan milestones, soonest first, to confirm met, partly met or not met with evidence." },
    { roles: OFFICER_ROLES, summary: "Your link schools' action-plan milestones, to query a confirmation." },
  ],
  async handler({ deps, person, reply, conversationType }) {
    // Answered in the SIT channel, the list leaves out individual staff support plans (for the head and their officer).
    const schoolPlansOnly = conversationType !== 'personal';
    const list = await listMilestones(deps.store, deps.tenantId, person, deps.clock.now(), deps.timeZone, { schoolPlansOnly });
    const n = list.rows.length;
    await reply({ text: `${n} ${n === 1 ? 'milestone' : 'milestones'}.`, card: renderMilestoneListCard(list) });
  },
};

const view = (deps: BotDeps, person: Person, d: MilestoneData) => viewMilestone(deps.store, deps.tenantId, person, d.planId, d.milestoneId, deps.clock.now(), deps.timeZone);

const valuesOf = (d: MilestoneData) => Object.fromEntries(Object.entries({ evidence: d.evidence, link: d.link, query: d.query, answer: d.answer }).filter((e): e is [string, string] => typeof e[1] === 'string'));

function revisionOf(revision: number | undefined): number {
  if (revision === undefined) throw new InvalidInputError('This card is out of date: type milestones to get a fresh one.', 'revision');
  return revision;
}

/**
 * One step button. Everyone may press; the use case refuses anyone whose step it is not (another school's head, an
 * officer pressing Met), with nothing changed. A problem with what was typed sends the card back, keeping it.
 */
function stepAction(verb: string, stepOf: (d: MilestoneData) => MilestoneStep): CardAction {
  return {
    verb,
    roles: 'everyone',
    async handler({ turn, deps, person, data }) {
      const d = parseCardData(MilestoneDataSchema, data);
      const step = stepOf(d);
      const revision = revisionOf(d.revision);
      const key = `${verb}:${d.planId}:${d.milestoneId}:${revision}:${person.id}`;
      try {
        const result = await takeMilestoneStep(deliveryDepsOf(deps), deps.tenantId, person, { planId: d.planId, milestoneId: d.milestoneId, expectedRevision: revision, step }, key);
        sendAfterAnswer(turn, result.outboxIds);
        return renderMilestoneCard({ ...result.view, note: noticeNote(result.told) });
      } catch (err) {
        if (!(err instanceof InvalidInputError) || err.field === 'revision') throw err;
        return renderMilestoneCard({ ...(await view(deps, person, d)), values: valuesOf(d), error: err.message });
      }
    },
  };
}

const openAction = (verb: string): CardAction => ({
  verb,
  roles: 'everyone',
  async handler({ deps, person, data }) {
    return renderMilestoneCard(await view(deps, person, parseCardData(MilestoneDataSchema, data)));
  },
});

const milestoneCardActionsAnywhere: CardAction[] = [
  openAction(MILESTONE_VERBS.open),
  // Teams asks for this when the card is shown to someone its refresh names: each gets their own view.
  openAction(MILESTONE_VERBS.refresh),
  stepAction(MILESTONE_VERBS.progress, () => ({ kind: 'progress' })),
  stepAction(MILESTONE_VERBS.confirm, (d) => {
    if (!d.outcome) throw new InvalidInputError('This card is out of date: type milestones to get a fresh one.', 'revision');
    return { kind: 'confirm', outcome: d.outcome, evidence: d.evidence, link: d.link?.trim() || undefined };
  }),
  stepAction(MILESTONE_VERBS.query, (d) => ({ kind: 'query', text: d.query ?? '' })),
  stepAction(MILESTONE_VERBS.answer, (d) => ({ kind: 'answer', text: d.answer ?? '' })),
];

/** Milestones are confirmed, queried and answered in a 1:1 chat only: evidence and queries are not for a channel. */
export const milestoneCardActions: CardAction[] = milestoneCardActionsAnywhere.map((a) => inPersonalChatOnly(a, 'Milestones are confirmed and queried only in your 1:1 chat with me.'));
