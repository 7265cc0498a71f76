import { localDate, termsOf, parseAcademicYear } from '../../domain/academic-year.js';
import { MILESTONE_STATUS_LABELS, mayReadPlan, planRag } from '../../domain/action-plan.js';
import { shortDate } from '../../domain/human-date.js';
import { termSummaryOf } from '../../domain/milestone-steps.js';
import type { Composer } from '../delivery/composer.js';
import { mailHtml } from '../notices/mail-html.js';
import { milestoneContext, RAG_WORDS } from './milestone-view.js';

/** The composer name termly plan summaries are stored under in the outbox. */
export const PLAN_TERM_SUMMARY_COMPOSER = 'plan.termSummary';

const TERM_WORDS = { autumn: 'Autumn term', spring: 'Spring term', summer: 'Summer term' } as const;

/**
 * The termly evaluation of one plan, built when it is sent from the plan as stored (the outbox holds its id and the
 * term, never what the plan says): the milestones due in the term counted met, partly met and missed, and the success
 * criteria for the link officer to judge. Only for someone who may read the plan.
 */
export const composePlanTermSummary: Composer = async (deps, tenantId, ref, to) => {
  const plan = ref.planId ? await deps.store.get('actionPlans', tenantId, ref.planId) : undefined;
  if (!plan) return { undeliverable: 'the action plan no longer exists' };
  if (!to.person) return { undeliverable: 'they are no longer registered' };
  const context = await milestoneContext(deps.store, tenantId, plan.urn);
  if (!mayReadPlan(to.person, plan, context.school)) return { undeliverable: 'they may no longer read the plan' };
  const term = termsOf(parseAcademicYear(ref.academicYear ?? '')).find((t) => t.name === ref.term);
  if (!term) return { undeliverable: 'the term is not known' };
  const today = localDate(deps.clock.now(), deps.timeZone);
  const summary = termSummaryOf(plan, term, today);
  const termLabel = `${TERM_WORDS[term.name]} ${term.academicYear}`;
  const rag = RAG_WORDS[planRag(plan, today)];
  const data = {
    urn: plan.urn,
    schoolName: context.school.name,
    planTitle: plan.title,
    term: termLabel,
    planRag: rag,
    met: summary.met,
    partlyMet: summary.partlyMet,
    missed: summary.missed,
    open: summary.open,
    milestones: summary.milestones.map((m) => ({ target: m.target, due: shortDate(m.due, deps.timeZone, today), status: m.standing === 'overdue' ? 'Overdue' : MILESTONE_STATUS_LABELS[m.status] })),
    successCriteria: summary.successCriteria,
  };
  const text = `Termly evaluation of the action plan for ${context.school.name}, ${termLabel}: ${summary.met} met, ${summary.partlyMet} partly met, ${summary.missed} missed. Judge its success criteria for the concern review.`;
  return {
    message: { text, card: { name: 'plan-term-summary', data } },
    mail: {
      subject: `Termly evaluation: ${context.school.name}`,
      html: mailHtml(`Termly evaluation: ${context.school.name}`, [text], [
        ...data.milestones.map((m) => [`${m.due}: ${m.status}`, m.target] as const),
        ...summary.successCriteria.map((c) => [`Success criteria: ${c.action}`, c.criteria] as const),
      ]),
    },
  };
};
