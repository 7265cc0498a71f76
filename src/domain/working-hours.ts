import type { Zone } from './time-zone.js';
import { wallClock } from './zoned-time.js';

/**
 * When the bot may nudge people unasked (milestone reminders, escalations, termly summaries): on working days,
 * Monday to Friday, between 08:00 and 18:00 on the organisation's clock. A run outside them sends nothing and the
 * next run inside them catches up, since each nudge is keyed by what it is about, not by when it was due.
 */
export const WORKING_HOURS = { start: '08:00', end: '18:00' } as const;

/** Whether the instant falls on a working day (Monday–Friday) within WORKING_HOURS in the time zone. */
export function isWorkingTime(instant: Date, timeZone: Zone): boolean {
  const { weekday, time } = wallClock(instant, timeZone);
  return weekday >= 1 && weekday <= 5 && time >= WORKING_HOURS.start && time < WORKING_HOURS.end;
}
