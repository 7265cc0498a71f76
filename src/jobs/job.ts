import type { DeliveryDeps } from '../app/delivery/attempt.js';
import type { Calendar } from '../app/ports/calendar.port.js';
import type { JobSchedule } from '../domain/schedule.js';
import type { TimeZone } from '../domain/time-zone.js';

/** What every scheduled job runs with: delivery (store, Teams, mail, clock, logger), the bot's tenant and its time zone. */
export interface JobDeps extends DeliveryDeps {
  /** The tenant this bot serves (config.tenantId). */
  tenantId: string;
  /** TIMEZONE: schedules and "today" are read in it. */
  timeZone: TimeZone;
  /** The organisation's calendars (strategy meetings); undefined when Microsoft Graph is not configured. */
  calendar?: Calendar;
}

/** What a run did, in counts: `detail` goes into the job's jobRuns record and the CLI's report, so it never holds content. */
export interface JobOutcome {
  detail: string;
  /** Whether the run found anything to do; a quiet run of a frequent job leaves no jobRuns record (see `Job.history`). */
  busy: boolean;
}

/**
 * One scheduled job, as data: the runner works out when it is due and makes sure each due time runs once.
 *
 * `history` says which runs leave a jobRuns record (each record also writes audit events, for ever):
 * - `every-run`: daily or rarer jobs (reminders, digests), so an administrator can see each run;
 * - `busy-runs`: frequent jobs (the outbox every minute) keep only runs that did something or failed; a quiet run
 *   is still claimed once, by its idempotency key alone, which the store forgets after a week.
 */
export interface Job {
  /** Names the job in claims (`job:<name>@<dueAt>`), records, logs and the CLI's report. */
  name: string;
  /** Five-field cron, or the weekly syntax ("every 2 weeks on Monday at 08:00 from …"), read in TIMEZONE. */
  schedule: JobSchedule;
  history: 'every-run' | 'busy-runs';
  /** Does the work due at `dueAt`. Throwing marks the run failed; the other jobs still run. */
  run(deps: JobDeps, dueAt: Date): Promise<JobOutcome>;
}

/** The idempotency key that claims one due time of one job, across every process sharing the store. */
export const jobClaimKey = (name: string, dueAt: Date): string => `job:${name}@${dueAt.toISOString()}`;
