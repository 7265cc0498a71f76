import { Cron } from 'croner';
import { latestWeeklyDue, type JobSchedule } from '../domain/schedule.js';
import { zoneName, type Zone } from '../domain/time-zone.js';

/**
 * The latest time at or before `at` that `schedule` (five-field cron or the weekly syntax, read in `timeZone`) names, or undefined
 * if it names none (e.g. 30 February). Only the latest: after downtime a job catches up once, not once per
 * missed day. A paused Cron sets no timer; it is only asked for dates.
 */
export function latestDueTime(schedule: JobSchedule, timeZone: Zone, at: Date): Date | undefined {
  if (typeof schedule !== 'string') return latestWeeklyDue(schedule, timeZone, at);
  const cron = new Cron(schedule, { timezone: zoneName(timeZone), paused: true });
  // croner's previousRuns leaves out a run exactly at the reference; a millisecond later makes `at` itself count.
  return cron.previousRuns(1, new Date(at.getTime() + 1))[0];
}
