import { localDate } from '../../domain/academic-year.js';
import { MILESTONE_STATUS_LABELS, mayReadPlan, milestonesOf, milestoneStanding, planRag, type ActionPlan, type Milestone, type MilestoneStanding } from '../../domain/action-plan.js';
import { NotAllowedError, NotFoundError } from '../../domain/errors.js';
import { longDate, shortDate } from '../../domain/human-date.js';
import { milestoneStepsFor, type MilestoneStep } from '../../domain/milestone-steps.js';
import type { Person } from '../../domain/person.js';
import type { Rag } from '../../domain/rag.js';
import { headteacherOf, linkOfficerOf } from '../../domain/school-roles.js';
import type { Zone } from '../../domain/time-zone.js';
import type { StoreReader } from '../ports/store.port.js';
import { selfEvaluationContext, type SelfEvaluationContext } from '../self-evaluation/self-evaluation-view.js';

/** The school, the people register and Teams user ids: what a milestone view is built from besides the plan. */
export type MilestoneContext = SelfEvaluationContext;
export const milestoneContext = selfEvaluationContext;

export const RAG_WORDS: Record<Rag, string> = { green: 'Green', amber: 'Amber', red: 'Red' };

/** A milestone's standing in words, with its date: "Due soon: Thursday 10 December 2026". */
export function standingLine(m: Pick<Milestone, 'status' | 'due'>, today: string, timeZone: Zone): string {
  const on = longDate(m.due, timeZone);
  const words: Record<MilestoneStanding, string> = {
    confirmed: `${MILESTONE_STATUS_LABELS[m.status]} (due ${on})`,
    overdue: `Overdue: it was due on ${on}`,
    dueToday: `Due today, ${on}`,
    dueSoon: `Due soon: ${on}`,
    upcoming: `Due ${on}`,
  };
  return words[milestoneStanding(m, today)];
}

/** One milestone as one viewer sees it: the milestone card's data. */
export interface MilestoneView {
  planId: string;
  milestoneId: string;
  revision: number;
  urn: string;
  schoolName: string;
  planTitle: string;
  action: string;
  successCriteria: string;
  target: string;
  due: string;
  status: string;
  standing: string;
  planRag: string;
  confirmation?: { outcome: string; evidence: string; link: string; by: string; on: string };
  queries: Array<{ text: string; by: string; on: string; answer: string; answeredBy: string; answeredOn: string }>;
  steps: Array<MilestoneStep['kind']>;
  /** Teams user ids of the headteacher, delegates and link officer, for the card's per-viewer refresh. */
  refreshUserIds: string[];
}

/** Finds the milestone on the plan, or says it is gone. */
export function milestoneOn(plan: ActionPlan, milestoneId: string) {
  const found = milestonesOf(plan).find((m) => m.milestone.id === milestoneId);
  if (!found) throw new NotFoundError('This milestone');
  return found;
}

/** Why someone who may not read a plan sees nothing of its milestones. */
export const PLAN_NOT_READABLE = "Only officers, the school's headteacher and the delegates they named can see its action plan.";

/**
 * The view of one milestone for one person. Only those who may read the plan see it (officers, the school's
 * headteacher and delegates); anyone else is refused and sees nothing of it.
 */
export function milestoneView(plan: ActionPlan, milestoneId: string, context: MilestoneContext, viewer: Person, now: Date, timeZone: Zone): MilestoneView {
  const { school, people } = context;
  if (!mayReadPlan(viewer, plan, school)) throw new NotAllowedError(PLAN_NOT_READABLE);
  const { action, milestone: m } = milestoneOn(plan, milestoneId);
  const today = localDate(now, timeZone);
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? 'someone no longer registered';
  const day = (at: string) => shortDate(at, timeZone, today);
  const refreshFor = [headteacherOf(school, people), linkOfficerOf(school, people), ...plan.delegateIds.map((id) => people.find((p) => p.id === id))];
  const refreshUserIds = refreshFor.map((p) => p?.aadObjectId && context.teamsUserIds.get(p.aadObjectId)).filter((id): id is string => !!id);
  const c = m.confirmation;
  return {
    planId: plan.id,
    milestoneId: m.id,
    revision: m.revision ?? 0,
    urn: school.urn,
    schoolName: school.name,
    planTitle: plan.title,
    action: action.text,
    successCriteria: action.successCriteria,
    target: m.target,
    due: longDate(m.due, timeZone),
    status: MILESTONE_STATUS_LABELS[m.status],
    standing: standingLine(m, today, timeZone),
    planRag: RAG_WORDS[planRag(plan, today)],
    ...(c ? { confirmation: { outcome: MILESTONE_STATUS_LABELS[c.outcome], evidence: c.evidence ?? '', link: c.link ?? '', by: nameOf(c.by), on: day(c.at) } } : {}),
    queries: m.queries.map((q) => ({
      text: q.text,
      by: nameOf(q.by),
      on: day(q.at),
      answer: q.answer?.text ?? '',
      answeredBy: q.answer ? nameOf(q.answer.by) : '',
      answeredOn: q.answer ? day(q.answer.at) : '',
    })),
    steps: milestoneStepsFor(viewer, plan, m, school, people),
    refreshUserIds: [...new Set(refreshUserIds)],
  };
}

/** A milestone as this person sees it (the card's refresh and *Open*). */
export async function viewMilestone(store: StoreReader, tenantId: string, viewer: Person, planId: string, milestoneId: string, now: Date, timeZone: Zone): Promise<MilestoneView> {
  const plan = await store.get('actionPlans', tenantId, planId);
  if (!plan) throw new NotFoundError('This action plan');
  return milestoneView(plan, milestoneId, await milestoneContext(store, tenantId, plan.urn), viewer, now, timeZone);
}

/** A school's live school plans' milestones as lines with their standing, soonest first: for the strategy meeting's progress card. */
export async function planMilestoneLines(store: StoreReader, tenantId: string, urn: string, now: Date, timeZone: Zone): Promise<Array<{ title: string; value: string }>> {
  const today = localDate(now, timeZone);
  const plans = (await store.find('actionPlans', tenantId, { urn, status: 'live' })).filter((p) => p.kind === 'school');
  return plans.flatMap((plan) =>
    milestonesOf(plan).map(({ milestone: m }) => {
      const standing = milestoneStanding(m, today);
      const status = standing === 'confirmed' || standing === 'upcoming' ? MILESTONE_STATUS_LABELS[m.status] : { overdue: 'Overdue', dueToday: 'Due today', dueSoon: 'Due soon' }[standing];
      // The date alone as the title, so the card's narrow title column does not wrap; the status starts the line.
      return { title: shortDate(m.due, timeZone, today), value: `${status}: ${m.target}` };
    }),
  );
}

/** Open (unconfirmed) and overdue milestones of a school's live school plans, for the list of schools causing concern. */
export function milestoneCounts(plans: readonly ActionPlan[], urn: string, today: string): { open: number; overdue: number } {
  const all = plans.filter((p) => p.urn === urn && p.status === 'live' && p.kind === 'school').flatMap((p) => milestonesOf(p).map((m) => milestoneStanding(m.milestone, today)));
  return { open: all.filter((s) => s !== 'confirmed').length, overdue: all.filter((s) => s === 'overdue').length };
}
