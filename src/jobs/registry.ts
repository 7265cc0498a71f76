import type { Config } from '../config.js';
import { concernNoticesJob } from './concern-notices.job.js';
import type { Job } from './job.js';
import { outboxJob } from './outbox.job.js';
import { remindersJob } from './reminders.job.js';
import { firstContactJob } from './first-contact.job.js';
import { strategyMeetingsJob } from './strategy-meetings.job.js';
import { milestonesJob } from './milestones.job.js';

/**
 * Every job the bot runs on a schedule, in the order a tick runs them: the day's reminders, first contacts of term and milestone nudges (reminders, escalations, termly evaluations), strategy meetings (pending bookings, series ended, progress cards), concerns waiting
 * for a lead, then the outbox (which retries only what is due, so it never resends what the others just queued).
 * The digests add themselves here with their schedules from `config.schedules`.
 */
export function scheduledJobs(config: Pick<Config, 'schedules'>): Job[] {
  return [remindersJob(config.schedules.reminders), firstContactJob(config.schedules.reminders), milestonesJob(config.schedules.reminders), strategyMeetingsJob, concernNoticesJob, outboxJob];
}
