import { localDate, type IsoDate } from '../../domain/academic-year.js';
import { longCalendarDate } from '../../domain/human-date.js';
import { DomainError, NotFoundError } from '../../domain/errors.js';
import type { School } from '../../domain/school.js';
import { sameZoneOr, type TimeZone, type Zone } from '../../domain/time-zone.js';
import { nextOccurrence, type StrategyMeeting } from '../../domain/strategy-meeting.js';
import type { DeliveryDeps } from '../delivery/attempt.js';
import type { Calendar } from '../ports/calendar.port.js';
import type { StoreReader } from '../ports/store.port.js';

/** What the strategy-meeting use cases need: delivery (store, Teams, mail, clock, logger, time zone) and the calendar, when Graph is set up. */
export interface StrategyDeps extends DeliveryDeps {
  /** Undefined when Microsoft Graph is not configured: nothing can be booked then. */
  calendar?: Calendar;
}

/** Said whenever a booking is asked of a bot with no calendar. */
export const CALENDAR_NOT_SET_UP =
  'Booking strategy meetings needs Microsoft Graph set up (GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET, with the Calendars.ReadWrite application permission): ask an administrator.';

/** The calendar, or a refusal in words when Graph is not set up. */
export function calendarOf(deps: Pick<StrategyDeps, 'calendar'>): Calendar {
  if (!deps.calendar) throw new DomainError('calendar-not-configured', CALENDAR_NOT_SET_UP);
  return deps.calendar;
}

export async function schoolByUrn(store: StoreReader, tenantId: string, urn: string): Promise<School> {
  const [school] = await store.find('schools', tenantId, { urn });
  if (!school) throw new NotFoundError('The school', urn);
  return school;
}

export async function meetingById(store: StoreReader, tenantId: string, id: string): Promise<StrategyMeeting> {
  const meeting = await store.get('strategyMeetings', tenantId, id);
  if (!meeting) throw new NotFoundError('The strategy meeting', id);
  return meeting;
}

/** The school's series still running or waiting to be booked, if any: one per school. */
export async function activeMeetingOf(store: StoreReader, tenantId: string, urn: string): Promise<StrategyMeeting | undefined> {
  return (await store.find('strategyMeetings', tenantId, { schoolUrn: urn })).find((m) => m.status !== 'ended');
}

/**
 * "Tuesday 24 November 2026 at 10:00": a wall-clock date and time in the meeting's zone, shown as they are (the day
 * is the date itself, so no zone is read).
 */
export function humanDateTime(date: IsoDate, time: string): string {
  return `${longCalendarDate(date)} at ${time}`;
}

/** What the strategy-meeting card shows of a series. */
export interface StrategyMeetingView {
  meetingId: string;
  urn: string;
  schoolName: string;
  status: StrategyMeeting['status'];
  firstMeeting: string;
  nextMeeting?: string;
  intervalWeeks: number;
  place: string;
  joinUrl?: string;
  attendees: Array<{ name: string; why: string; required: boolean }>;
  note?: string;
}

/** The zone a series was booked in, read with the held TIMEZONE's formatters when it is that zone (see `sameZoneOr`). */
export const meetingZone = (meeting: Pick<StrategyMeeting, 'timeZone'>, held: TimeZone): Zone => sameZoneOr(meeting.timeZone, held);

/** The card's view of a series at `now`; `held` is TIMEZONE (the series' own zone is read with it when the same). */
export function meetingView(meeting: StrategyMeeting, schoolName: string, now: Date, held: TimeZone, note?: string): StrategyMeetingView {
  const next = nextOccurrence(meeting, localDate(now, meetingZone(meeting, held)));
  const a = meeting.location.address;
  const place = [meeting.location.displayName, a?.street, a?.city, a?.postalCode].filter(Boolean).join(', ');
  return {
    meetingId: meeting.id,
    urn: meeting.schoolUrn,
    schoolName,
    status: meeting.status,
    firstMeeting: humanDateTime(meeting.seriesStart.date, meeting.seriesStart.time),
    ...(next && meeting.status !== 'ended' ? { nextMeeting: humanDateTime(next.date, next.time) } : {}),
    intervalWeeks: meeting.intervalWeeks,
    place,
    ...(meeting.joinUrl ? { joinUrl: meeting.joinUrl } : {}),
    attendees: meeting.attendees.map((p) => ({ name: p.name ? `${p.name} (${p.email})` : p.email, why: p.why, required: p.required })),
    ...(note ? { note } : {}),
  };
}

