import { remindFirstContacts } from '../app/strategy/first-contact.js';
import type { Job } from './job.js';

/**
 * The first contact of term (on the reminders' schedule): each link officer reminded once per school per term. Quiet
 * outside the first two weeks of a term, so only runs that had reminders to send leave a record.
 */
export function firstContactJob(schedule: string): Job {
  return {
    name: 'first-contact',
    schedule,
    history: 'busy-runs',
    async run(deps, dueAt) {
      const report = await remindFirstContacts(deps, deps.tenantId, dueAt);
      return { detail: `${report.due} due, ${report.sent} sent, ${report.noLinkOfficer} with no link officer registered`, busy: report.due > 0 };
    },
  };
}
