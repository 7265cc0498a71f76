import { sendMilestoneNudges } from '../app/milestones/milestone-nudges.js';
import type { Job } from './job.js';

/**
 * Action-plan milestones (on REMINDERS_CRON, weekdays 08:00 by default): reminders to headteachers as milestones
 * become due soon and fall due, escalation of overdue ones to the link officer, and each term's evaluation of every
 * live plan for the link officer. Each nudge is keyed by what it is about, so a missed or repeated run, or two
 * processes at once, send each one once (see sendMilestoneNudges).
 */
export function milestonesJob(schedule: string): Job {
  return {
    name: 'milestones',
    schedule,
    // Daily, but most days nothing is due: only runs that sent something (or failed) are kept.
    history: 'busy-runs',
    async run(deps, dueAt) {
      const r = await sendMilestoneNudges(deps, deps.tenantId, dueAt);
      if (r.outsideWorkingHours) return { detail: 'outside working hours: nothing sent', busy: false };
      return { detail: `${r.due} due, ${r.sent} sent, ${r.queued} queued, ${r.undeliverable} undeliverable`, busy: r.due > 0 };
    },
  };
}
