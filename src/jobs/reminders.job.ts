import { DeliveryError } from '../domain/errors.js';
import type { Logger } from '../app/ports/logger.port.js';
import type { StoreReader } from '../app/ports/store.port.js';
import type { NotifyPerson } from '../app/notices/notify-person.js';
import { dueReminders } from '../app/reminders/due-reminders.js';
import { notifyPersonBy } from '../app/delivery/notify-person.js';
import type { TimeZone } from '../domain/time-zone.js';
import type { Job } from './job.js';

export interface ReminderJobDeps {
  store: StoreReader;
  /** Must honour the notice's idempotency key (as `notifyPersonBy(deliver)` does): that is what makes each reminder go once a day. */
  notify: NotifyPerson;
  tenantId: string;
  timeZone: TimeZone;
  logger: Logger;
}

export interface ReminderRunReport {
  due: number;
  sent: number;
  queued: number;
  /** Reminders that could not be delivered at all (the person has neither Teams nor e-mail). */
  undeliverable: number;
}

/**
 * Sends every reminder due at `at` (unacknowledged health checks, annual-visit feedback due or overdue).
 * Safe to run as often as wanted, by several instances at once: each reminder carries a key per item and
 * reminder number (day 7, then weekly, capped: see dueReminders), and delivery sends a key once. Logs ids and kinds only.
 */
export async function runReminders(deps: ReminderJobDeps, at: Date): Promise<ReminderRunReport> {
  const reminders = await dueReminders(deps.store, deps.tenantId, at, deps.timeZone);
  const report: ReminderRunReport = { due: reminders.length, sent: 0, queued: 0, undeliverable: 0 };
  for (const reminder of reminders) {
    const where = { kind: reminder.kind, recordId: reminder.recordId, personId: reminder.personId };
    try {
      const via = await deps.notify(deps.tenantId, reminder.notice);
      if (via === 'queued') report.queued += 1;
      else report.sent += 1;
      deps.logger.info({ ...where, via }, 'reminder delivered');
    } catch (err) {
      // One person who cannot be reached must not stop everyone else's reminders.
      if (!(err instanceof DeliveryError)) throw err;
      report.undeliverable += 1;
      deps.logger.warn({ ...where, code: err.code }, 'reminder undeliverable');
    }
  }
  return report;
}

/**
 * The daily reminders (REMINDERS_CRON, weekdays at 08:00 by default). Each run reminds as of its due time, so
 * a run caught up later still sends the reminders then due, each keyed per item and reminder number.
 */
export function remindersJob(schedule: string): Job {
  return {
    name: 'reminders',
    schedule,
    history: 'every-run',
    async run(deps, dueAt) {
      const report = await runReminders({ store: deps.store, notify: notifyPersonBy(deps), tenantId: deps.tenantId, timeZone: deps.timeZone, logger: deps.logger }, dueAt);
      return { detail: `${report.due} due, ${report.sent} sent, ${report.queued} queued, ${report.undeliverable} undeliverable`, busy: report.due > 0 };
    },
  };
}
