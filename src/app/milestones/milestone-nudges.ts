import { localDate } from '../../domain/academic-year.js';
import { milestonesOf, type ActionPlan } from '../../domain/action-plan.js';
import { reminderStage, termForSummary, type ReminderStage } from '../../domain/milestone-steps.js';
import type { Person } from '../../domain/person.js';
import { isOpen } from '../../domain/school.js';
import { headteacherOf, linkOfficerOf } from '../../domain/school-roles.js';
import { isWorkingTime } from '../../domain/working-hours.js';
import type { DeliveryDeps } from '../delivery/attempt.js';
import { deliver } from '../delivery/deliver.js';
import type { DeliveryRequest } from '../delivery/delivery-request.js';
import { MILESTONE_NOTICE_COMPOSER, milestoneNoticeKey } from './milestone-notice.js';
import { PLAN_TERM_SUMMARY_COMPOSER } from './term-summary.js';

export interface NudgeReport {
  /** Nudges due at this run (reminders, escalations, termly summaries), whether sent now or before. */
  due: number;
  /** Sent by this run (not before, by another run or process). */
  sent: number;
  queued: number;
  undeliverable: number;
  /** Outside working hours: nothing was looked at. */
  outsideWorkingHours: boolean;
}

type Nudge = Omit<DeliveryRequest, 'tenantId'>;

/** Reminders to the headteacher (due soon, due today) and the escalation to the link officer (overdue), per milestone. */
function milestoneNudges(plan: ActionPlan, schoolName: string, head: Person | undefined, officer: Person | undefined, today: string): Nudge[] {
  const out: Nudge[] = [];
  for (const { milestone: m } of milestonesOf(plan)) {
    const stage: ReminderStage | undefined = reminderStage(m, today);
    const to = stage === 'overdue' ? officer : head;
    if (!stage || !to) continue;
    out.push({
      to: { person: to.id },
      content: { kind: 'composed', composer: MILESTONE_NOTICE_COMPOSER, ref: { planId: plan.id, milestoneId: m.id, ask: stage } },
      about: `a milestone of the action plan for ${schoolName}`,
      // Per milestone, due date and stage: a run however often, or two at once, sends it once; a moved date reminds afresh.
      idempotencyKey: milestoneNoticeKey(plan, m, `${stage}@${m.due}`, to),
    });
  }
  return out;
}

/**
 * The milestone nudges due at `at`: a reminder to the school's headteacher when a milestone of a live plan becomes
 * due soon and on its due date; once it is overdue, an escalation to the link officer; and at the end of each term,
 * the link officer's termly evaluation of each live plan. Only in working hours on working days (by the clock: a run
 * caught up at night sends nothing, the next working run does). Each goes once, keyed per milestone and stage or per
 * plan and term, however often and by however many processes the job runs (delivery sends a key once).
 */
export async function sendMilestoneNudges(deps: DeliveryDeps, tenantId: string, at: Date): Promise<NudgeReport> {
  const report: NudgeReport = { due: 0, sent: 0, queued: 0, undeliverable: 0, outsideWorkingHours: false };
  if (!isWorkingTime(deps.clock.now(), deps.timeZone)) return { ...report, outsideWorkingHours: true };
  const today = localDate(at, deps.timeZone);
  const [plans, schools, people] = await Promise.all([deps.store.find('actionPlans', tenantId, { status: 'live' }), deps.store.find('schools', tenantId), deps.store.find('people', tenantId)]);
  const term = termForSummary(today);
  const nudges: Nudge[] = [];
  for (const plan of plans) {
    const school = schools.find((s) => s.urn === plan.urn && isOpen(s));
    if (!school) continue;
    const officer = linkOfficerOf(school, people);
    nudges.push(...milestoneNudges(plan, school.name, headteacherOf(school, people), officer, today));
    if (term && officer) {
      nudges.push({
        to: { person: officer.id },
        content: { kind: 'composed', composer: PLAN_TERM_SUMMARY_COMPOSER, ref: { planId: plan.id, academicYear: term.academicYear, term: term.name } },
        about: `the termly evaluation of the action plan for ${school.name}`,
        idempotencyKey: `plan.termSummary:${plan.id}:${term.academicYear}:${term.name}:${officer.id}`,
      });
    }
  }
  for (const nudge of nudges) {
    const outcome = await deliver(deps, { tenantId, ...nudge });
    report.due += 1;
    if (outcome.status === 'sent' && !outcome.replayed) report.sent += 1;
    else if (outcome.status === 'queued') report.queued += 1;
    else if (outcome.status === 'undeliverable') report.undeliverable += 1;
  }
  return report;
}
