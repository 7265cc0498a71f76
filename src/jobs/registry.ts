import type { Config } from '../config.js';
import type { DigestKind } from '../domain/digest.js';
import type { JobSchedule } from '../domain/schedule.js';
import { concernNoticesJob } from './concern-notices.job.js';
import { digestJob, digestRetryJob, type DigestJobSettings } from './digests.job.js';
import type { Job } from './job.js';
import { outboxJob } from './outbox.job.js';
import { remindersJob } from './reminders.job.js';
import { firstContactJob } from './first-contact.job.js';
import { strategyMeetingsJob } from './strategy-meetings.job.js';
import { milestonesJob } from './milestones.job.js';

/** Which schedule setting each scheduled digest follows; the SACRE collation is on demand only. */
function digestSchedules(config: Pick<Config, 'schedules'>): [DigestKind, JobSchedule][] {
  return [
    ['sit', config.schedules.sitDigest],
    ['partnership', config.schedules.partnershipDigest],
    ['concerns', config.schedules.concernReview],
    ['committee', config.schedules.committeeDigest],
  ];
}

/**
 * Every job the bot runs on a schedule, in the order a tick runs them: the day's reminders, first contacts of term and milestone nudges (reminders, escalations, termly evaluations), strategy meetings (pending bookings, series ended, progress cards), concerns waiting
 * for a lead, the digests whose composers are registered (and their retries), then the outbox (which retries only what is due, so it never resends what the others just queued).
 */
export function scheduledJobs(config: Pick<Config, 'schedules'>, digests?: DigestJobSettings): Job[] {
  const digestJobs = digests
    ? [...digestSchedules(config).filter(([kind]) => digests.composers[kind]).map(([kind, schedule]) => digestJob(kind, schedule, digests)), digestRetryJob(digests)]
    : [];
  return [remindersJob(config.schedules.reminders), firstContactJob(config.schedules.reminders), milestonesJob(config.schedules.reminders), strategyMeetingsJob, concernNoticesJob, ...digestJobs, outboxJob];
}
