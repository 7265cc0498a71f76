import { NotAllowedError } from '../../domain/errors.js';
import { freeSlots } from '../../domain/free-slots.js';
import { isOfficer, type Person } from '../../domain/person.js';
import type { School } from '../../domain/school.js';
import { requiredAttendees, type Attendee, type AttendeeRole } from '../../domain/strategy-meeting.js';
import { activeMeetingOf, calendarOf, humanDateTime, meetingView, type StrategyDeps, type StrategyMeetingView } from './strategy-deps.js';

/** Two weeks ahead, as the free slots are offered. */
const WINDOW_DAYS = 14;

const ROLE_WORDS: Record<AttendeeRole, string> = {
  headteacher: 'the headteacher',
  chairOfGovernors: 'the chair of governors',
  linkOfficer: 'the link officer',
  headOfService: 'the head of service',
  diocese: 'the diocese contact',
  other: 'another attendee',
};

export interface SlotOffer {
  urn: string;
  schoolName: string;
  attendees: Attendee[];
  /** Who the meeting should have but nobody is known for, in words. */
  missing: string[];
  /** Attendees whose calendars could not be read: the slots do not account for them. */
  unknown: string[];
  slots: Array<{ date: string; time: string; label: string }>;
}

/** Only officers and SIT members book, and only for a school causing concern. */
export function checkMayBook(actor: Person, school: School): void {
  if (!isOfficer(actor)) throw new NotAllowedError('Only officers and SIT members book strategy meetings.');
  if (!school.causingConcern) {
    throw new NotAllowedError(
      `${school.name} is not on the list of schools causing concern, so it has no strategy meetings. A school joins the list when a risk level at or above the concern threshold is agreed, or at once when an Ofsted category of concern is recorded.`,
    );
  }
}

/**
 * `strategy <school>`: reads the free/busy of the required attendees (and the organiser) through the calendar and
 * offers the first free slots in school hours over the next two weeks, in the organisation's time zone. A school
 * whose series is already booked (or waiting to be) gets that series instead: one series per school.
 */
export async function offerStrategySlots(deps: StrategyDeps, tenantId: string, actor: Person, school: School): Promise<{ offer: SlotOffer } | { existing: StrategyMeetingView }> {
  checkMayBook(actor, school);
  const existing = await activeMeetingOf(deps.store, tenantId, school.urn);
  if (existing) return { existing: meetingView(existing, school.name, deps.clock.now(), deps.timeZone, `${school.name} already has a strategy meeting series: it is shown here.`) };
  const calendar = calendarOf(deps);
  const { attendees, missing } = requiredAttendees(school, await deps.store.find('people', tenantId));
  const emails = [...new Set([actor.email.toLowerCase(), ...attendees.map((a) => a.email)])];
  const from = deps.clock.now();
  const to = new Date(from.getTime() + WINDOW_DAYS * 86_400_000);
  const schedules = await calendar.getSchedule({ organiser: actor.email, people: emails, from, to, timeZone: deps.timeZone, intervalMinutes: 30 });
  const free = freeSlots(schedules, { from, timeZone: deps.timeZone, days: WINDOW_DAYS });
  return {
    offer: {
      urn: school.urn,
      schoolName: school.name,
      attendees,
      missing: missing.map((r) => ROLE_WORDS[r]),
      unknown: free.unknown,
      slots: free.slots.map((s) => ({ date: s.date, time: s.time, label: humanDateTime(s.date, s.time) })),
    },
  };
}
