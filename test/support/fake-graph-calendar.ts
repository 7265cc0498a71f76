import { randomUUID } from 'node:crypto';
import { addDays, daysBetween } from '../../src/domain/academic-year.js';
import { instantOfDateTime, wallClock } from '../../src/domain/zoned-time.js';
import type { FakeAnswer, FakeGraph, RecordedRequest } from './fake-graph.js';

/**
 * The calendar endpoints of the fake Microsoft Graph, played at the protocol level on top of `startFakeGraph`
 * through its `route(...)` (kept apart from the mail routes so each grows on its own):
 * - `POST /users/{id}/calendar/getSchedule`: busy items from `setBusy`, in the `Prefer: outlook.timezone` zone (UTC
 *   otherwise), with the availabilityView Graph derives from them; `unreadable` addresses get an error entry;
 * - `POST /users/{id}/events`: the event is stored and answered with an id, a Teams join URL for an online meeting
 *   and a webLink; a second create with a `transactionId` already used returns the event already made, as Graph does;
 * - `GET /users/{id}/events/{seriesId}/instances?startDateTime&endDateTime`: the occurrences of a weekly series
 *   (interval, days of week, noEnd or endDate range), moved and cancelled ones as such;
 * - `GET` and `PATCH /users/{id}/events/{id}` (series master or one occurrence), `POST .../cancel`.
 * 429 with Retry-After and other faults come from the fake's own `failNext`.
 */

export interface BusyItem {
  status: 'busy' | 'tentative' | 'oof' | 'workingElsewhere' | 'free';
  /** ISO instants. */
  start: string;
  end: string;
}

export interface StoredEvent {
  id: string;
  organiser: string;
  /** The create request's body, as Graph received it, with later PATCHes of the master merged in. */
  body: Record<string, unknown> & { recurrence?: Recurrence; start: Dt; end: Dt; transactionId?: string };
  joinUrl?: string;
  cancelled: boolean;
  cancelComment?: string;
  /** Per occurrence (by its original date): moved times or cancellation. */
  exceptions: Map<string, { start?: Dt; end?: Dt; cancelled?: boolean }>;
}

interface Dt {
  dateTime: string;
  timeZone: string;
}
interface Recurrence {
  pattern: { type: string; interval: number; daysOfWeek?: string[] };
  range: { type: string; startDate: string; endDate?: string; recurrenceTimeZone?: string };
}

export interface FakeCalendar {
  /** Every event created, including ones since cancelled. */
  events: StoredEvent[];
  setBusy(person: string, items: BusyItem[]): void;
  /** getSchedule answers an error entry for this address (e.g. outside the organisation). */
  unreadable(person: string): void;
}

const graphError = (status: number, code: string, message: string): FakeAnswer => ({ status, body: { error: { code, message } } });
const preferredZone = (request: RecordedRequest) => /outlook\.timezone="([^"]+)"/.exec(String(request.headers.prefer ?? ''))?.[1] ?? 'UTC';
const wallDt = (instant: Date, timeZone: string): Dt => {
  const w = wallClock(instant, timeZone);
  return { dateTime: `${w.date}T${w.time}:00.0000000`, timeZone };
};
const instantOf = (dt: Dt) => instantOfDateTime(dt);
const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const VIEW_CODES: Record<BusyItem['status'], string> = { free: '0', tentative: '1', busy: '2', oof: '3', workingElsewhere: '4' };

/** Adds the calendar routes to a running fake Graph and returns what it holds. */
export function playCalendar(graph: FakeGraph): FakeCalendar {
  const busy = new Map<string, BusyItem[]>();
  const unreadable = new Set<string>();
  const events: StoredEvent[] = [];
  const ids = new Map<string, { event: StoredEvent; occurrenceDate?: string }>();
  /** A series master by its id, or one occurrence by `<series id>_occ_<yyyymmdd>`, for the organiser whose path it is. */
  const resolve = (organiser: string, id: string): { event: StoredEvent; occurrenceDate?: string } | undefined => {
    const occ = /^(.+)_occ_(\d{4})(\d{2})(\d{2})$/.exec(id);
    const found = occ ? (() => {
      const master = ids.get(occ[1]!);
      const occurrenceDate = `${occ[2]}-${occ[3]}-${occ[4]}`;
      const exists = master && !master.occurrenceDate && occurrences(master.event).some((o) => o.originalDate === occurrenceDate);
      return exists ? { event: master.event, occurrenceDate } : undefined;
    })() : ids.get(id);
    return found && found.event.organiser === organiser.toLowerCase() ? found : undefined;
  };
  const notFound = () => graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');

  graph.route('POST', /^\/v1\.0\/users\/([^/]+)\/calendar\/getSchedule$/, (request) => {
    const body = request.body as { schedules?: string[]; startTime?: Dt; endTime?: Dt; availabilityViewInterval?: number };
    if (!body.schedules?.length || !body.startTime || !body.endTime) return graphError(400, 'ErrorInvalidRequest', 'schedules, startTime and endTime are required.');
    const zone = preferredZone(request);
    const from = instantOf(body.startTime).getTime();
    const to = instantOf(body.endTime).getTime();
    const step = (body.availabilityViewInterval ?? 30) * 60_000;
    const value = body.schedules.map((scheduleId) => {
      if (unreadable.has(scheduleId.toLowerCase())) return { scheduleId, availabilityView: '', scheduleItems: [], error: { message: 'The user is outside the organisation.', responseCode: 'ErrorMailRecipientNotFound' } };
      const items = (busy.get(scheduleId.toLowerCase()) ?? []).filter((i) => Date.parse(i.end) > from && Date.parse(i.start) < to);
      let view = '';
      for (let t = from; t < to; t += step) {
        const here = items.filter((i) => Date.parse(i.start) < t + step && Date.parse(i.end) > t).map((i) => VIEW_CODES[i.status]);
        view += here.length ? [...here].sort().at(-1)! : '0';
      }
      return {
        scheduleId,
        availabilityView: view,
        scheduleItems: items.map((i) => ({ isPrivate: false, status: i.status, subject: 'Busy', start: wallDt(new Date(i.start), zone), end: wallDt(new Date(i.end), zone) })),
      };
    });
    return { status: 200, body: { value } };
  });

  graph.route('POST', /^\/v1\.0\/users\/([^/]+)\/events$/, (request, match) => {
    const body = request.body as StoredEvent['body'] & { isOnlineMeeting?: boolean; subject?: string };
    if (!body.start?.dateTime || !body.end?.dateTime || !body.subject) return graphError(400, 'ErrorInvalidRequest', 'subject, start and end are required.');
    const organiser = match[1]!.toLowerCase();
    const again = body.transactionId ? events.find((e) => e.organiser === organiser && e.body.transactionId === body.transactionId) : undefined;
    if (again) return { status: 201, body: eventJson(again, preferredZone(request)) };
    const event: StoredEvent = {
      id: `AAMkFake${randomUUID().replace(/-/g, '')}`,
      organiser,
      body,
      ...(body.isOnlineMeeting ? { joinUrl: `https://teams.microsoft.com/l/meetup-join/${randomUUID()}` } : {}),
      cancelled: false,
      exceptions: new Map(),
    };
    events.push(event);
    ids.set(event.id, { event });
    return { status: 201, body: eventJson(event, preferredZone(request)) };
  });

  graph.route('GET', /^\/v1\.0\/users\/([^/]+)\/events\/([^/]+)\/instances$/, (request, match) => {
    const found = resolve(match[1]!, match[2]!);
    if (!found || found.occurrenceDate) return notFound();
    const from = Date.parse(request.query.get('startDateTime') ?? '');
    const to = Date.parse(request.query.get('endDateTime') ?? '');
    if (Number.isNaN(from) || Number.isNaN(to)) return graphError(400, 'ErrorInvalidParameter', 'startDateTime and endDateTime are required.');
    const zone = preferredZone(request);
    const value = occurrences(found.event)
      .filter((o) => instantOf(o.start).getTime() < to && instantOf(o.end).getTime() > from)
      .map((o) => occurrenceJson(found.event, o.originalDate, zone));
    return { status: 200, body: { value } };
  });

  graph.route('GET', /^\/v1\.0\/users\/([^/]+)\/events\/([^/]+)$/, (request, match) => {
    const found = resolve(match[1]!, match[2]!);
    if (!found) return notFound();
    const zone = preferredZone(request);
    return { status: 200, body: found.occurrenceDate ? occurrenceJson(found.event, found.occurrenceDate, zone) : eventJson(found.event, zone) };
  });

  graph.route('PATCH', /^\/v1\.0\/users\/([^/]+)\/events\/([^/]+)$/, (request, match) => {
    const found = resolve(match[1]!, match[2]!);
    if (!found) return notFound();
    const patch = request.body as Partial<StoredEvent['body']>;
    const zone = preferredZone(request);
    if (found.occurrenceDate) {
      const before = found.event.exceptions.get(found.occurrenceDate) ?? {};
      found.event.exceptions.set(found.occurrenceDate, { ...before, ...(patch.start ? { start: patch.start } : {}), ...(patch.end ? { end: patch.end } : {}) });
      return { status: 200, body: occurrenceJson(found.event, found.occurrenceDate, zone) };
    }
    found.event.body = { ...found.event.body, ...patch };
    return { status: 200, body: eventJson(found.event, zone) };
  });

  graph.route('POST', /^\/v1\.0\/users\/([^/]+)\/events\/([^/]+)\/cancel$/, (request, match) => {
    const found = resolve(match[1]!, match[2]!);
    if (!found) return notFound();
    const comment = (request.body as { comment?: string } | undefined)?.comment;
    if (found.occurrenceDate) found.event.exceptions.set(found.occurrenceDate, { ...found.event.exceptions.get(found.occurrenceDate), cancelled: true });
    else Object.assign(found.event, { cancelled: true, cancelComment: comment });
    return { status: 202 };
  });

  return {
    events,
    setBusy: (person, items) => void busy.set(person.toLowerCase(), items),
    unreadable: (person) => void unreadable.add(person.toLowerCase()),
  };
}

function eventJson(event: StoredEvent, zone: string) {
  const { transactionId: _t, ...body } = event.body;
  return {
    ...body,
    id: event.id,
    isCancelled: event.cancelled,
    type: event.body.recurrence ? 'seriesMaster' : 'singleInstance',
    start: wallDt(instantOf(event.body.start), zone),
    end: wallDt(instantOf(event.body.end), zone),
    webLink: `https://outlook.office365.com/owa/?itemid=${event.id}`,
    onlineMeeting: event.joinUrl ? { joinUrl: event.joinUrl } : null,
    transactionId: event.body.transactionId ?? null,
  };
}

/** One occurrence as Graph lists it, its times in the zone asked for. */
function occurrenceJson(event: StoredEvent, originalDate: string, zone: string) {
  const o = occurrences(event).find((x) => x.originalDate === originalDate)!;
  return { id: o.id, seriesMasterId: event.id, type: o.type, isCancelled: o.cancelled, start: wallDt(instantOf(o.start), zone), end: wallDt(instantOf(o.end), zone) };
}

/** The occurrences of a series, every one up to its end (or two years when it has none), with moves and cancellations. */
function occurrences(event: StoredEvent): Array<{ id: string; originalDate: string; start: Dt; end: Dt; cancelled: boolean; type: string }> {
  const r = event.body.recurrence;
  if (!r || event.cancelled) return [];
  const startDate = event.body.start.dateTime.slice(0, 10);
  const time = event.body.start.dateTime.slice(10);
  const lengthDays = daysBetween(startDate, event.body.end.dateTime.slice(0, 10));
  const endTime = event.body.end.dateTime.slice(10);
  const last = r.range.type === 'endDate' && r.range.endDate ? r.range.endDate : addDays(r.range.startDate, 730);
  const days = r.pattern.daysOfWeek ?? [DAY_NAMES[new Date(`${startDate}T12:00:00Z`).getUTCDay()]!];
  const out = [];
  for (let week = 0; ; week += r.pattern.interval) {
    const weekStart = addDays(r.range.startDate, week * 7);
    if (weekStart > last) break;
    for (let d = 0; d < 7; d++) {
      const date = addDays(weekStart, d);
      if (date < r.range.startDate || date > last || !days.includes(DAY_NAMES[new Date(`${date}T12:00:00Z`).getUTCDay()]!)) continue;
      const ex = event.exceptions.get(date);
      const start = ex?.start ?? { dateTime: `${date}${time}`, timeZone: event.body.start.timeZone };
      const end = ex?.end ?? { dateTime: `${addDays(date, lengthDays)}${endTime}`, timeZone: event.body.end.timeZone };
      out.push({ id: `${event.id}_occ_${date.replace(/-/g, '')}`, originalDate: date, start, end, cancelled: !!ex?.cancelled, type: ex?.start ? 'exception' : 'occurrence' });
    }
  }
  return out;
}
