import { z } from 'zod/v4';
import { addDays, daysBetween, type IsoDate } from './academic-year.js';
import type { Zone } from './time-zone.js';
import { instantOf, wallClock } from './zoned-time.js';

/**
 * A schedule a cron pattern cannot say: "every 2 weeks on Monday at 08:00 from 2026-09-07" (the SIT meets
 * fortnightly; cron has no "every other week"). Read in the organisation's time zone. The first due time is the
 * first such weekday on or after the date; then every `weeks` weeks.
 */
export interface WeeklySchedule {
  weeks: number;
  /** 0 Sunday … 6 Saturday. */
  weekday: number;
  /** HH:MM. */
  time: string;
  from: IsoDate;
}

const WEEKDAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const PATTERN = /^every\s+(?:(\d{1,2})\s+weeks|week)\s+on\s+([a-z]+)\s+at\s+(\d{1,2}):(\d{2})\s+from\s+(\d{4}-\d{2}-\d{2})$/i;

/** The syntax in words, for an error message and the docs. */
export const WEEKLY_SCHEDULE_SYNTAX = 'every <n> weeks on <weekday> at <HH:MM> from <YYYY-MM-DD> (e.g. "every 2 weeks on Monday at 08:00 from 2026-09-07")';

const realDate = (s: string) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** Parses the weekly syntax; a message saying what is wrong otherwise. */
export const WeeklyScheduleSchema = z
  .string()
  .trim()
  .transform((text, ctx): WeeklySchedule => {
    const m = PATTERN.exec(text.replace(/\s+/g, ' '));
    const weekday = m ? WEEKDAY_NAMES.findIndex((d) => d === m[2]!.toLowerCase() || d.slice(0, 3) === m[2]!.toLowerCase()) : -1;
    const weeks = m?.[1] === undefined ? 1 : Number(m[1]);
    const hour = Number(m?.[3]);
    const minute = Number(m?.[4]);
    if (!m || weekday < 0 || weeks < 1 || hour > 23 || minute > 59 || !realDate(m[5]!)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `is not a schedule: write ${WEEKLY_SCHEDULE_SYNTAX}` });
      return z.NEVER;
    }
    return { weeks, weekday, time: `${String(hour).padStart(2, '0')}:${m[4]}`, from: m[5]! };
  });

/** Whether the text is meant as the weekly syntax (rather than a cron pattern). */
export const looksWeekly = (text: string): boolean => /^\s*every\b/i.test(text);

/** The latest due time at or before `at`, or undefined before the first. */
export function latestWeeklyDue(schedule: WeeklySchedule, timeZone: Zone, at: Date): Date | undefined {
  const fromWeekday = wallClock(instantOf(schedule.from, '12:00', timeZone), timeZone).weekday;
  const first = addDays(schedule.from, (schedule.weekday - fromWeekday + 7) % 7);
  const today = wallClock(at, timeZone).date;
  const days = daysBetween(first, today);
  if (days < 0) return undefined;
  const step = schedule.weeks * 7;
  for (let k = Math.floor(days / step); k >= 0; k--) {
    const due = instantOf(addDays(first, k * step), schedule.time, timeZone);
    if (due.getTime() <= at.getTime()) return due;
  }
  return undefined;
}

/** The schedule in words, for a line people read. */
export function describeWeekly(schedule: WeeklySchedule): string {
  const day = WEEKDAY_NAMES[schedule.weekday]!;
  const every = schedule.weeks === 1 ? 'every week' : `every ${schedule.weeks} weeks`;
  return `${every} on ${day[0]!.toUpperCase()}${day.slice(1)} at ${schedule.time} from ${schedule.from}`;
}

/** What a job's schedule may be: a five-field cron pattern, or the weekly syntax for what cron cannot say. */
export type JobSchedule = string | WeeklySchedule;
