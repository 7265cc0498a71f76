import { z } from 'zod/v4';
import { addDays, localDate, type IsoDate } from './academic-year.js';
import { InvalidInputError } from './errors.js';
import type { Zone } from './time-zone.js';
import { instantOf, instantOfDateTime, minutesOf, timeOf, wallClock } from './zoned-time.js';

/**
 * Free slots for a strategy meeting, from what Microsoft Graph's getSchedule says of each required attendee:
 * the first times within school hours on weekdays, over the next two weeks, at which nobody is busy. Times are
 * wall-clock times in the organisation's time zone, turned into instants day by day, so a slot at 09:00 stays at
 * 09:00 on either side of a clock change.
 */

/** A time as Graph writes it: a wall-clock time and the zone it is in. */
export const DateTimeTimeZoneSchema = z.object({ dateTime: z.string().min(16), timeZone: z.string().optional() });

/** getSchedule's scheduleItem: `free` and `workingElsewhere` leave the person available; the rest do not. */
export const ScheduleItemSchema = z.object({
  status: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']),
  start: DateTimeTimeZoneSchema,
  end: DateTimeTimeZoneSchema,
});
export type ScheduleItem = z.infer<typeof ScheduleItemSchema>;

/**
 * One person's schedule as getSchedule returns it. `availabilityView` is one digit per interval from the start of
 * the window asked for (0 free, 1 tentative, 2 busy, 3 out of office, 4 working elsewhere); `error` is set when
 * Graph could not read the calendar (an address outside the organisation, a mailbox that does not exist).
 */
export interface PersonSchedule {
  scheduleId: string;
  scheduleItems?: ScheduleItem[];
  availabilityView?: string;
  error?: string;
}

const BUSY_STATUSES = new Set<ScheduleItem['status']>(['tentative', 'busy', 'oof']);
const BUSY_VIEW = new Set(['1', '2', '3']);

export interface SchoolHours {
  /** HH:MM, in the organisation's time zone. */
  start: string;
  end: string;
}

export const DEFAULT_SCHOOL_HOURS: SchoolHours = { start: '09:00', end: '15:30' };

export interface FreeSlotOptions {
  /** The start of the window; also the start the schedules were asked for, which `availabilityView` counts from. */
  from: Date;
  /** How many calendar days the window covers, from the day `from` falls on. Default 14. */
  days?: number;
  /** Weekdays only, within these hours. Default 09:00–15:30. */
  schoolHours?: SchoolHours;
  durationMinutes?: number;
  /** The organisation's IANA time zone. */
  timeZone: Zone;
  /** Slots start on these steps from the start of school hours. Default 30 minutes. */
  stepMinutes?: number;
  /** How many slots to offer. Default 5. */
  maxSlots?: number;
  /** The interval getSchedule was asked for (`availabilityViewInterval`). Default 30 minutes. */
  viewIntervalMinutes?: number;
}

export interface Slot {
  start: Date;
  end: Date;
  /** Its date and HH:MM start in the organisation's time zone. */
  date: IsoDate;
  time: string;
}

export interface FreeSlots {
  slots: Slot[];
  /** Schedules Graph could not read: their owners' availability is unknown and the slots do not account for it. */
  unknown: string[];
}

interface Interval {
  start: number;
  end: number;
}

/** The busy intervals of one schedule: its busy items, and, where the view says busy, its intervals. */
function busyOf(schedule: PersonSchedule, viewStart: number, viewIntervalMs: number, timeZone: Zone): Interval[] {
  const busy: Interval[] = (schedule.scheduleItems ?? [])
    .filter((i) => BUSY_STATUSES.has(i.status))
    .map((i) => ({ start: instantOfDateTime(i.start, timeZone).getTime(), end: instantOfDateTime(i.end, timeZone).getTime() }));
  [...(schedule.availabilityView ?? '')].forEach((code, i) => {
    if (BUSY_VIEW.has(code)) busy.push({ start: viewStart + i * viewIntervalMs, end: viewStart + (i + 1) * viewIntervalMs });
  });
  return busy;
}

/** The first free common slots in school hours (see the top of this file). */
export function freeSlots(schedules: readonly PersonSchedule[], options: FreeSlotOptions): FreeSlots {
  const { from, timeZone, days = 14, schoolHours = DEFAULT_SCHOOL_HOURS, durationMinutes = 60, stepMinutes = 30, maxSlots = 5, viewIntervalMinutes = 30 } = options;
  const opens = minutesOf(schoolHours.start);
  const closes = minutesOf(schoolHours.end);
  if (durationMinutes <= 0 || stepMinutes <= 0) throw new InvalidInputError('A meeting and its step must last some minutes.');
  if (opens + durationMinutes > closes) throw new InvalidInputError(`A ${durationMinutes}-minute meeting does not fit in school hours ${schoolHours.start}–${schoolHours.end}.`);

  const readable = schedules.filter((s) => !s.error);
  const busy = readable.flatMap((s) => busyOf(s, from.getTime(), viewIntervalMinutes * 60_000, timeZone));
  const slots: Slot[] = [];
  const firstDay = localDate(from, timeZone);
  for (let d = 0; d < days && slots.length < maxSlots; d++) {
    const date = addDays(firstDay, d);
    const weekday = wallClock(instantOf(date, '12:00', timeZone), timeZone).weekday;
    if (weekday === 0 || weekday === 6) continue;
    for (let m = opens; m + durationMinutes <= closes && slots.length < maxSlots; m += stepMinutes) {
      const start = instantOf(date, timeOf(m), timeZone);
      const end = instantOf(date, timeOf(m + durationMinutes), timeZone);
      if (start.getTime() < from.getTime()) continue;
      if (busy.some((b) => b.start < end.getTime() && b.end > start.getTime())) continue;
      slots.push({ start, end, date, time: timeOf(m) });
    }
  }
  return { slots, unknown: schedules.filter((s) => s.error).map((s) => s.scheduleId) };
}
