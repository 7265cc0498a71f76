import type { ActionPlan, Milestone } from '../../domain/action-plan.js';
import type { Person } from '../../domain/person.js';
import type { Composer } from '../delivery/composer.js';
import { enqueueDelivery } from '../delivery/enqueue.js';
import { mailHtml } from '../notices/mail-html.js';
import type { StoreTransaction } from '../ports/store.port.js';
import { milestoneContext, milestoneView, type MilestoneView } from './milestone-view.js';

/** The composer name milestone notices are stored under in the outbox. */
export const MILESTONE_NOTICE_COMPOSER = 'milestone.notice';

/** What the notice is about: a step someone took, or the bot's reminder or escalation. */
export type MilestoneAsk = 'confirmed' | 'queried' | 'answered' | 'dueSoon' | 'dueToday' | 'overdue';
const ASKS: readonly string[] = ['confirmed', 'queried', 'answered', 'dueSoon', 'dueToday', 'overdue'] satisfies MilestoneAsk[];

function headline(ask: MilestoneAsk, v: MilestoneView): string {
  const plan = `the action plan for ${v.schoolName}`;
  switch (ask) {
    case 'confirmed':
      return `A milestone of ${plan} is confirmed: ${v.confirmation?.outcome ?? v.status}, by ${v.confirmation?.by ?? 'the school'}. The plan is now ${v.planRag}. You may query it on the card.`;
    case 'queried':
      return `Your link officer has queried a milestone confirmation on ${plan}. Answer it on the card.`;
    case 'answered':
      return `The school has answered your query on a milestone of ${plan}.`;
    case 'dueSoon':
      return `Reminder: a milestone of ${plan} is due soon, on ${v.due}. Confirm its outcome on the card once you know it.`;
    case 'dueToday':
      return `Reminder: a milestone of ${plan} is due today, ${v.due}. Confirm its outcome on the card.`;
    case 'overdue':
      return `Overdue: a milestone of ${plan} was due on ${v.due} and no outcome has been confirmed.`;
  }
}

/**
 * A milestone notice, built when it is sent from the plan as stored (the outbox holds only ids, never the evidence,
 * a query or an answer): the milestone card as the recipient will see it, and the same by e-mail.
 */
export const composeMilestoneNotice: Composer = async (deps, tenantId, ref, to) => {
  const plan = ref.planId ? await deps.store.get('actionPlans', tenantId, ref.planId) : undefined;
  if (!plan || !plan.actions.some((a) => a.milestones.some((m) => m.id === ref.milestoneId))) return { undeliverable: 'the milestone is no longer on its plan' };
  if (!to.person) return { undeliverable: 'they are no longer registered' };
  if (!ASKS.includes(ref.ask ?? '')) return { undeliverable: 'the bot no longer knows how to write it' };
  const view = milestoneView(plan, ref.milestoneId!, await milestoneContext(deps.store, tenantId, plan.urn), to.person, deps.clock.now(), deps.timeZone);
  const text = headline(ref.ask as MilestoneAsk, view);
  return {
    message: { text, card: { name: 'milestone', data: view } },
    mail: {
      subject: `Action plan milestone: ${view.schoolName}`,
      html: mailHtml(`Action plan milestone: ${view.schoolName}`, [text, 'Open it in Teams (School Improvement Bot): type milestones.'], [
        ['Milestone', view.target],
        ['Due', view.due],
        ['Status', view.status],
        ['Plan RAG', view.planRag],
      ]),
    },
  };
};

/** The key a notice about one milestone goes under: once per step (its revision) or per reminder stage and due date. */
export const milestoneNoticeKey = (plan: Pick<ActionPlan, 'id'>, m: Pick<Milestone, 'id'>, what: string, to: Pick<Person, 'id'>) => `milestone.notice:${plan.id}:${m.id}:${what}:${to.id}`;

/** Records, with the step, the notice to one person about it. Returns its outbox id. */
export function queueMilestoneNotice(
  tx: StoreTransaction,
  tenantId: string,
  about: { plan: Pick<ActionPlan, 'id'>; milestone: Pick<Milestone, 'id' | 'revision'>; schoolName: string; to: Pick<Person, 'id'>; requestedBy: string; ask: MilestoneAsk },
  now: Date,
): Promise<string> {
  const { plan, milestone, to, ask } = about;
  return enqueueDelivery(
    tx,
    {
      tenantId,
      to: { person: to.id },
      content: { kind: 'composed', composer: MILESTONE_NOTICE_COMPOSER, ref: { planId: plan.id, milestoneId: milestone.id, ask } },
      about: `a milestone of the action plan for ${about.schoolName}`,
      requestedBy: about.requestedBy,
      idempotencyKey: milestoneNoticeKey(plan, milestone, `${ask}@${milestone.revision ?? 0}`, to),
    },
    now,
  );
}
