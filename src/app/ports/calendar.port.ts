import type { IsoDate } from '../../domain/academic-year.js';
import { DeliveryError } from '../../domain/errors.js';
import type { PersonSchedule } from '../../domain/free-slots.js';
import type { Attendee, MeetingLocation } from '../../domain/strategy-meeting.js';
import type { Zone } from '../../domain/time-zone.js';

/**
 * The organisation's calendars, for strategy meetings: read free/busy, book a recurring series with a Teams
 * meeting on the organiser's calendar, move one occurrence, end the series. Every method throws DeliveryError
 * when the calendar service fails after its own retries (`retryable` says whether a later try may work; a refusal
 * of the app's permissions is a non-retryable DeliveryError whose message names the permission), and
 * CalendarEventGoneError when the series or occurrence is no longer in the calendar.
 */
export interface Calendar {
  /** Free/busy of each person over the window, in the order asked; a calendar that cannot be read has `error` set. */
  getSchedule(request: ScheduleRequest): Promise<PersonSchedule[]>;
  /**
   * Books the series. Safe to call again with the same `transactionId` after a failure or a lost answer: the
   * calendar service returns the series it already made instead of booking a second one.
   */
  createSeries(series: NewSeries): Promise<BookedSeries>;
  /** Books one meeting (not a series), with a Teams meeting, on the organiser's calendar; as safe to repeat as createSeries. */
  createEvent(event: NewEvent): Promise<BookedSeries>;
  /** The occurrences of a series between two instants (cancelled ones included, marked), in time order. */
  occurrences(organiser: string, seriesId: string, window: { from: Date; to: Date; timeZone: Zone }): Promise<CalendarOccurrence[]>;
  /** Moves one occurrence to a new start (same length unless given); the rest of the series stays. */
  moveOccurrence(organiser: string, occurrenceId: string, to: { date: IsoDate; time: string; durationMinutes: number; timeZone: Zone }): Promise<CalendarOccurrence>;
  /**
   * Ends the series after `lastDate` (inclusive, in its time zone): later occurrences leave every attendee's
   * calendar, earlier ones stay. If the series has not started by then, the whole series is cancelled.
   */
  endSeries(organiser: string, seriesId: string, end: { lastDate: IsoDate; comment: string }): Promise<SeriesEnding>;
}

export interface ScheduleRequest {
  /** The mailbox whose calendar asks (the organiser); app-only access reads the others' free/busy through it. */
  organiser: string;
  /** E-mail addresses of the people whose free/busy is wanted. */
  people: string[];
  from: Date;
  to: Date;
  /** The time zone busy times are returned in. */
  timeZone: Zone;
  /** The length of one digit of `availabilityView`. Default 30 minutes. */
  intervalMinutes?: number;
}

/** One meeting: a series without the repeat. */
export type NewEvent = Omit<NewSeries, 'intervalWeeks'>;

export interface NewSeries {
  /** The organiser's mailbox: the series is created on its calendar and it sends the invitations. */
  organiser: string;
  subject: string;
  /** Plain text, shown in the invitation. */
  body: string;
  /** The first occurrence, a wall-clock date and time in `timeZone`. */
  start: { date: IsoDate; time: string };
  durationMinutes: number;
  timeZone: Zone;
  /** Weeks between occurrences (6 for strategy meetings). */
  intervalWeeks: number;
  location: MeetingLocation;
  attendees: ReadonlyArray<Pick<Attendee, 'email' | 'name' | 'required'>>;
  /** The same on every try for one booking, so that a retried create never books twice. */
  transactionId: string;
}

export interface BookedSeries {
  /** The calendar's id of the series master. */
  seriesId: string;
  /** The Teams meeting's join link, when the calendar service gave one. */
  joinUrl?: string;
  /** A link that opens the event in Outlook on the web. */
  webLink?: string;
}

export interface CalendarOccurrence {
  id: string;
  /** Its wall-clock date and start time in the time zone asked for. */
  date: IsoDate;
  time: string;
  start: Date;
  end: Date;
  cancelled: boolean;
}

/** How a series ended: shortened to end on the last date, or cancelled whole because it had not yet begun. */
export type SeriesEnding = 'shortened' | 'cancelled';

/**
 * The series or occurrence is no longer in the organiser's calendar (deleted in Outlook, or an id from another
 * mailbox). Not retryable: the booking must be made again.
 */
export class CalendarEventGoneError extends DeliveryError {
  constructor(organiser: string) {
    super(`The meeting is no longer in ${organiser}'s calendar (it may have been deleted in Outlook): book it again.`, false);
  }
}
