import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import type { IsoDate } from '../domain/academic-year.js';
import { ScheduleItemSchema, type PersonSchedule } from '../domain/free-slots.js';
import { zoneName, type Zone } from '../domain/time-zone.js';
import { instantOf, instantOfDateTime, wallClock } from '../domain/zoned-time.js';
import {
  CalendarEventGoneError,
  type BookedSeries,
  type Calendar,
  type CalendarOccurrence,
  type NewEvent,
  type NewSeries,
  type ScheduleRequest,
  type SeriesEnding,
} from '../app/ports/calendar.port.js';
import { createGraphClient, type GraphClient, type GraphConnection } from './graph-client.js';
import { RepeatablePost } from './retry-handler.js';

/**
 * The Calendar port on Microsoft Graph, app-only (the `Calendars.ReadWrite` application permission):
 * - free/busy: `POST /users/{organiser}/calendar/getSchedule` (findMeetingTimes is not available to app-only tokens);
 * - booking: `POST /users/{organiser}/events` with a weekly recurrence, a Teams meeting
 *   (`isOnlineMeeting`, `onlineMeetingProvider: teamsForBusiness`) and a `transactionId`, so that a create retried
 *   after a lost answer or a 5xx returns the event already made instead of booking a second series;
 * - one occurrence: `GET .../events/{series}/instances`, `PATCH .../events/{occurrence}`;
 * - the end: the series' recurrence range is given an end date (one PATCH of the series master), see endSeries.
 * Every request says `Prefer: outlook.timezone` so the times Graph returns are wall-clock times in that zone.
 * Retries (429 with Retry-After, 5xx) are the GraphClient's; refusals come out as GraphPermissionError naming the
 * permission, and a 404 on a known series or occurrence as CalendarEventGoneError.
 */

const PERMISSION = 'Calendars.ReadWrite';
const TEAMS_NOTE =
  'Teams meetings on events need no other permission, but where a tenant policy requires it for online meetings grant OnlineMeetings.ReadWrite.All too.';
const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

interface GraphDateTime {
  dateTime: string;
  timeZone?: string;
}

interface GraphEvent {
  id: string;
  webLink?: string;
  isCancelled?: boolean;
  start: GraphDateTime;
  end: GraphDateTime;
  onlineMeeting?: { joinUrl?: string } | null;
  recurrence?: { pattern: Record<string, unknown>; range: { type: string; startDate: string; endDate?: string; recurrenceTimeZone?: string } } | null;
}

interface ScheduleInformation {
  scheduleId: string;
  availabilityView?: string;
  scheduleItems?: unknown[];
  error?: { message?: string; responseCode?: string } | null;
}

const prefer = (timeZone: Zone) => `outlook.timezone="${zoneName(timeZone)}"`;
const user = (mailbox: string) => `/users/${encodeURIComponent(mailbox)}`;
/** A wall-clock date and time as Graph's dateTime (no offset: the timeZone beside it says where). */
const graphDateTime = (date: IsoDate, time: string) => `${date}T${time}:00`;

/** The end of a meeting as a wall-clock date and time: computed through the instant, so a clock change is honoured. */
function wallEnd(date: IsoDate, time: string, minutes: number, timeZone: Zone): { date: IsoDate; time: string } {
  const end = new Date(instantOf(date, time, timeZone).getTime() + minutes * 60_000);
  const wall = wallClock(end, timeZone);
  return { date: wall.date, time: wall.time };
}

function occurrenceOf(event: GraphEvent, timeZone: Zone): CalendarOccurrence {
  const start = instantOfDateTime({ dateTime: event.start.dateTime, timeZone: event.start.timeZone || zoneName(timeZone) }, timeZone);
  const end = instantOfDateTime({ dateTime: event.end.dateTime, timeZone: event.end.timeZone || zoneName(timeZone) }, timeZone);
  const wall = wallClock(start, timeZone);
  return { id: event.id, date: wall.date, time: wall.time, start, end, cancelled: !!event.isCancelled };
}

/** Turns Graph's 404 on an event the bot booked into CalendarEventGoneError; anything else goes on to GraphClient. */
async function onEvent<T>(organiser: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof GraphError && error.statusCode === 404) throw new CalendarEventGoneError(organiser);
    throw error;
  }
}

export class GraphCalendar implements Calendar {
  constructor(private readonly graph: GraphClient) {}

  async getSchedule(request: ScheduleRequest): Promise<PersonSchedule[]> {
    // The window is sent in UTC to the second, so availabilityView's first digit starts exactly at `from`.
    const utc = (d: Date) => ({ dateTime: d.toISOString().slice(0, 19), timeZone: 'UTC' });
    const body = { schedules: request.people, startTime: utc(request.from), endTime: utc(request.to), availabilityViewInterval: request.intervalMinutes ?? 30 };
    const answer = await this.graph.call({ action: `read the free/busy times of ${request.people.length} people through ${request.organiser}'s calendar`, permission: PERMISSION }, (client) =>
      client.api(`${user(request.organiser)}/calendar/getSchedule`).header('Prefer', prefer(request.timeZone)).middlewareOptions([new RepeatablePost()]).post(body) as Promise<{ value?: ScheduleInformation[] }>,
    );
    const byId = new Map((answer.value ?? []).map((s) => [s.scheduleId.toLowerCase(), s]));
    return request.people.map((person) => {
      const info = byId.get(person.toLowerCase());
      if (!info) return { scheduleId: person, error: 'Microsoft Graph returned no schedule for this person.' };
      if (info.error) return { scheduleId: person, error: info.error.message || info.error.responseCode || 'The calendar could not be read.' };
      const items = (info.scheduleItems ?? []).flatMap((i) => {
        const parsed = ScheduleItemSchema.safeParse(i);
        return parsed.success ? [parsed.data] : [];
      });
      return { scheduleId: person, scheduleItems: items, ...(info.availabilityView !== undefined ? { availabilityView: info.availabilityView } : {}) };
    });
  }

  async createSeries(series: NewSeries): Promise<BookedSeries> {
    const { date, time } = series.start;
    const weekday = wallClock(instantOf(date, time, series.timeZone), series.timeZone).weekday;
    const recurrence = {
      pattern: { type: 'weekly', interval: series.intervalWeeks, daysOfWeek: [DAY_NAMES[weekday]], firstDayOfWeek: 'monday' },
      range: { type: 'noEnd', startDate: date, recurrenceTimeZone: zoneName(series.timeZone) },
    };
    return this.book(series, 'a meeting series', { recurrence });
  }

  async createEvent(event: NewEvent): Promise<BookedSeries> {
    return this.book(event, 'a meeting', {});
  }

  /** One create (`POST /users/{organiser}/events`) with a Teams meeting and the transactionId; a series adds its recurrence. */
  private async book(event: NewEvent, what: string, extra: { recurrence?: unknown }): Promise<BookedSeries> {
    const { date, time } = event.start;
    const end = wallEnd(date, time, event.durationMinutes, event.timeZone);
    const body = {
      subject: event.subject,
      body: { contentType: 'text', content: event.body },
      start: { dateTime: graphDateTime(date, time), timeZone: zoneName(event.timeZone) },
      end: { dateTime: graphDateTime(end.date, end.time), timeZone: zoneName(event.timeZone) },
      location: { displayName: event.location.displayName, locationType: 'default', ...(event.location.address ? { address: event.location.address } : {}) },
      attendees: event.attendees.map((a) => ({ emailAddress: { address: a.email, ...(a.name ? { name: a.name } : {}) }, type: a.required ? 'required' : 'optional' })),
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      ...extra,
      transactionId: event.transactionId,
    };
    const created = await this.graph.call(
      { action: `book ${what} in ${event.organiser}'s calendar`, permission: PERMISSION, permissionNote: TEAMS_NOTE },
      // Repeatable: Graph returns the event already made for the same transactionId.
      (client) => client.api(`${user(event.organiser)}/events`).header('Prefer', prefer(event.timeZone)).middlewareOptions([new RepeatablePost()]).post(body) as Promise<GraphEvent>,
    );
    return { seriesId: created.id, ...(created.onlineMeeting?.joinUrl ? { joinUrl: created.onlineMeeting.joinUrl } : {}), ...(created.webLink ? { webLink: created.webLink } : {}) };
  }

  async occurrences(organiser: string, seriesId: string, window: { from: Date; to: Date; timeZone: Zone }): Promise<CalendarOccurrence[]> {
    const events = await this.graph.call({ action: `read a meeting series in ${organiser}'s calendar`, permission: PERMISSION }, (client) =>
      onEvent(organiser, () => allPages(client, `${user(organiser)}/events/${encodeURIComponent(seriesId)}/instances`, window)),
    );
    return events.map((e) => occurrenceOf(e, window.timeZone)).sort((a, b) => a.start.getTime() - b.start.getTime());
  }

  async moveOccurrence(organiser: string, occurrenceId: string, to: { date: IsoDate; time: string; durationMinutes: number; timeZone: Zone }): Promise<CalendarOccurrence> {
    const end = wallEnd(to.date, to.time, to.durationMinutes, to.timeZone);
    const zone = zoneName(to.timeZone);
    const body = { start: { dateTime: graphDateTime(to.date, to.time), timeZone: zone }, end: { dateTime: graphDateTime(end.date, end.time), timeZone: zone } };
    const event = await this.graph.call({ action: `move a meeting in ${organiser}'s calendar`, permission: PERMISSION }, (client) =>
      onEvent(organiser, () => client.api(`${user(organiser)}/events/${encodeURIComponent(occurrenceId)}`).header('Prefer', prefer(to.timeZone)).patch(body) as Promise<GraphEvent>),
    );
    return occurrenceOf(event, to.timeZone);
  }

  /**
   * Ends the series by giving its recurrence an end date: one PATCH of the series master, which Graph applies to the
   * whole series, so every later occurrence leaves the attendees' calendars with one update to them, and the
   * meetings already held stay in everyone's calendar with their notes. Cancelling each remaining occurrence instead
   * would take a call per occurrence (any of which could fail half way) and send a cancellation for each. Graph
   * needs the whole recurrence in the PATCH, so the series is read first. A series that has not begun by the last
   * date cannot end before it starts: it is cancelled whole (`POST .../cancel`, which tells the attendees).
   */
  async endSeries(organiser: string, seriesId: string, end: { lastDate: IsoDate; comment: string }): Promise<SeriesEnding> {
    const path = `${user(organiser)}/events/${encodeURIComponent(seriesId)}`;
    return this.graph.call({ action: `end a meeting series in ${organiser}'s calendar`, permission: PERMISSION }, (client) =>
      onEvent(organiser, async () => {
        const master = (await client.api(path).select(['id', 'recurrence', 'start']).get()) as GraphEvent;
        const recurrence = master.recurrence;
        if (!recurrence || end.lastDate < recurrence.range.startDate) {
          await client.api(`${path}/cancel`).post({ comment: end.comment });
          return 'cancelled';
        }
        if (recurrence.range.type === 'endDate' && recurrence.range.endDate && recurrence.range.endDate <= end.lastDate) return 'shortened';
        await client.api(path).patch({ recurrence: { pattern: recurrence.pattern, range: { ...recurrence.range, type: 'endDate', endDate: end.lastDate } } });
        return 'shortened';
      }),
    );
  }
}

/** Every page of a GET that lists events (Graph pages long lists with @odata.nextLink). */
async function allPages(client: Client, path: string, window: { from: Date; to: Date; timeZone: Zone }): Promise<GraphEvent[]> {
  const events: GraphEvent[] = [];
  let page = (await client
    .api(path)
    .header('Prefer', prefer(window.timeZone))
    .query({ startDateTime: window.from.toISOString(), endDateTime: window.to.toISOString() })
    .select(['id', 'start', 'end', 'isCancelled'])
    .get()) as { value?: GraphEvent[]; '@odata.nextLink'?: string };
  events.push(...(page.value ?? []));
  while (page['@odata.nextLink']) {
    page = (await client.api(page['@odata.nextLink']).header('Prefer', prefer(window.timeZone)).get()) as typeof page;
    events.push(...(page.value ?? []));
  }
  return events;
}

/**
 * The calendar, or undefined when Graph is not configured (no tenant, client id or secret): callers then say that
 * meetings cannot be booked instead of failing at booking time. The server passes its config's values.
 */
export function createGraphCalendar(settings: Partial<GraphConnection> & Pick<GraphConnection, 'graphBaseUrl' | 'authorityHost'>): Calendar | undefined {
  const { tenantId, clientId, clientSecret } = settings;
  if (!tenantId || !clientId || !clientSecret) return undefined;
  return new GraphCalendar(createGraphClient({ ...settings, tenantId, clientId, clientSecret }));
}
