import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createGraphCalendar, GraphCalendar } from '../../src/graph/calendar.js';
import { createGraphClient } from '../../src/graph/graph-client.js';
import { GraphPermissionError } from '../../src/graph/graph-errors.js';
import { CalendarEventGoneError, type NewSeries } from '../../src/app/ports/calendar.port.js';
import type { DeliveryError } from '../../src/domain/errors.js';
import { freeSlots } from '../../src/domain/free-slots.js';
import { meetingLocation, requiredAttendees, withOptionalAttendees } from '../../src/domain/strategy-meeting.js';
import { startFakeGraph, type FakeGraph } from '../support/fake-graph.js';
import { playCalendar, type FakeCalendar } from '../support/fake-graph-calendar.js';

const TZ = 'Europe/London';
const ORGANISER = 'link@la.example';
const quickRetry = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 2_000 };

const school = {
  urn: '110001',
  name: 'St Mary’s CE Primary',
  headteacherEmail: 'head@stmarys.example',
  headteacherName: 'Adele Vance',
  chairOfGovernorsEmail: 'chair@stmarys.example',
  linkOfficerEmail: ORGANISER,
  religiousCharacter: 'Church of England',
  dioceseContactEmail: 'schools@diocese.example',
  address: { street: 'School Lane', town: 'Derby', postcode: 'DE1 1AA' },
};
const people = [
  { email: ORGANISER, name: 'Lee Gu', roles: ['officer' as const], schools: [] },
  { email: 'hos@la.example', name: 'Megan Bowen', roles: ['headOfService' as const], schools: [] },
];
const attendees = withOptionalAttendees(requiredAttendees(school, people).attendees, [{ email: 'send@la.example', name: 'Sam SEN', why: 'SEN officer' }]);
const series = (overrides: Partial<NewSeries> = {}): NewSeries => ({
  organiser: ORGANISER,
  subject: 'Strategy meeting: St Mary’s CE Primary',
  body: 'Progress against the action plan’s priorities.',
  start: { date: '2026-09-10', time: '10:00' },
  durationMinutes: 60,
  timeZone: TZ,
  intervalWeeks: 6,
  location: meetingLocation(school),
  attendees,
  transactionId: 'strategy-meeting-sm-1',
  ...overrides,
});

describe('GraphCalendar against a fake Microsoft Graph over https', () => {
  let graph: FakeGraph;
  let calendar: FakeCalendar;
  let adapter: GraphCalendar;

  beforeEach(async () => {
    graph = await startFakeGraph();
    calendar = playCalendar(graph);
    adapter = new GraphCalendar(createGraphClient({ ...graph.connection, retry: quickRetry }));
  });
  afterEach(async () => {
    await graph.close();
  });

  const eventPosts = () => graph.requests.filter((r) => r.method === 'POST' && r.path === `/v1.0/users/${ORGANISER}/events`);

  it('when free/busy is read, then getSchedule is asked through the organiser with an app-only token, and the slots it leaves are free for all', async () => {
    calendar.setBusy('head@stmarys.example', [{ status: 'busy', start: '2026-03-27T09:00:00Z', end: '2026-03-27T12:00:00Z' }]);
    calendar.setBusy('hos@la.example', [{ status: 'oof', start: '2026-03-30T08:00:00Z', end: '2026-03-30T09:00:00Z' }]);
    calendar.unreadable('schools@diocese.example');
    const from = new Date('2026-03-26T16:00:00Z');
    const to = new Date('2026-04-09T16:00:00Z');
    const emails = attendees.filter((a) => a.required).map((a) => a.email);

    const schedules = await adapter.getSchedule({ organiser: ORGANISER, people: emails, from, to, timeZone: TZ });

    expect(graph.tokenRequests).toEqual([{ tenant: graph.tenantId, clientId: graph.clientId, grantType: 'client_credentials', scope: `${graph.url}/.default` }]);
    const request = graph.requests.find((r) => r.path.endsWith('/calendar/getSchedule'))!;
    expect(request.path).toBe(`/v1.0/users/${ORGANISER}/calendar/getSchedule`);
    expect(request.headers.prefer).toBe('outlook.timezone="Europe/London"');
    expect(request.body).toEqual({
      schedules: emails,
      startTime: { dateTime: '2026-03-26T16:00:00', timeZone: 'UTC' },
      endTime: { dateTime: '2026-04-09T16:00:00', timeZone: 'UTC' },
      availabilityViewInterval: 30,
    });
    expect(schedules.find((s) => s.scheduleId === 'head@stmarys.example')?.scheduleItems).toEqual([
      { status: 'busy', start: { dateTime: '2026-03-27T09:00:00.0000000', timeZone: TZ }, end: { dateTime: '2026-03-27T12:00:00.0000000', timeZone: TZ } },
    ]);
    const { slots, unknown } = freeSlots(schedules, { from, timeZone: TZ, maxSlots: 2 });
    expect(unknown).toEqual(['schools@diocese.example']);
    expect(slots.map((s) => `${s.date} ${s.time}`)).toEqual(['2026-03-27 12:00', '2026-03-27 12:30']);
    // After the clocks go forward, 09:00 is 08:00Z, when the head of service is away: Monday's first slot is 10:00.
    expect(freeSlots(schedules, { from: new Date('2026-03-29T12:00:00Z'), timeZone: TZ, maxSlots: 1 }).slots.map((s) => `${s.date} ${s.time}`)).toEqual(['2026-03-30 10:00']);
  });

  it('when a series is booked, then one six-weekly Teams meeting is created at the school, with the attendees required or optional and a transactionId', async () => {
    const booked = await adapter.createSeries(series());

    expect(calendar.events).toHaveLength(1);
    const [post] = eventPosts();
    expect(post!.headers.prefer).toBe('outlook.timezone="Europe/London"');
    expect(post!.body).toEqual({
      subject: 'Strategy meeting: St Mary’s CE Primary',
      body: { contentType: 'text', content: 'Progress against the action plan’s priorities.' },
      start: { dateTime: '2026-09-10T10:00:00', timeZone: TZ },
      end: { dateTime: '2026-09-10T11:00:00', timeZone: TZ },
      location: {
        displayName: 'St Mary’s CE Primary',
        locationType: 'default',
        address: { street: 'School Lane', city: 'Derby', postalCode: 'DE1 1AA', countryOrRegion: 'United Kingdom' },
      },
      attendees: [
        { emailAddress: { address: 'head@stmarys.example', name: 'Adele Vance' }, type: 'required' },
        { emailAddress: { address: 'chair@stmarys.example' }, type: 'required' },
        { emailAddress: { address: ORGANISER, name: 'Lee Gu' }, type: 'required' },
        { emailAddress: { address: 'hos@la.example', name: 'Megan Bowen' }, type: 'required' },
        { emailAddress: { address: 'schools@diocese.example' }, type: 'required' },
        { emailAddress: { address: 'send@la.example', name: 'Sam SEN' }, type: 'optional' },
      ],
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      recurrence: {
        pattern: { type: 'weekly', interval: 6, daysOfWeek: ['thursday'], firstDayOfWeek: 'monday' },
        range: { type: 'noEnd', startDate: '2026-09-10', recurrenceTimeZone: TZ },
      },
      transactionId: 'strategy-meeting-sm-1',
    });
    expect(booked.seriesId).toBe(calendar.events[0]!.id);
    expect(booked.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(booked.webLink).toContain(booked.seriesId);
  });

  it('when Graph throttles the booking with 429 and Retry-After, then it is retried and one series is booked', async () => {
    graph.failNext(1, { status: 429, retryAfterSeconds: 1 }, /\/events$/);

    const booked = await adapter.createSeries(series());

    expect(eventPosts()).toHaveLength(2);
    expect(eventPosts().map((r) => (r.body as { transactionId: string }).transactionId)).toEqual(['strategy-meeting-sm-1', 'strategy-meeting-sm-1']);
    expect(calendar.events.map((e) => e.id)).toEqual([booked.seriesId]);
  });

  it('when the same booking is made again (its answer was lost), then the transactionId returns the series already made, never a second', async () => {
    const first = await adapter.createSeries(series());
    const again = await adapter.createSeries(series());

    expect(again.seriesId).toBe(first.seriesId);
    expect(again.joinUrl).toBe(first.joinUrl);
    expect(calendar.events).toHaveLength(1);
  });

  it('when Graph refuses with 403, then a GraphPermissionError names Calendars.ReadWrite (and OnlineMeetings.ReadWrite.All for Teams meetings) and the app, and nothing is retried or booked', async () => {
    graph.failNext(1, { status: 403, code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' });

    const error = await adapter.createSeries(series()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GraphPermissionError);
    expect((error as DeliveryError).retryable).toBe(false);
    expect((error as Error).message).toContain('Calendars.ReadWrite');
    expect((error as Error).message).toContain('OnlineMeetings.ReadWrite.All');
    expect((error as Error).message).toContain(graph.clientId);
    expect(eventPosts()).toHaveLength(1);
    expect(calendar.events).toEqual([]);
  });

  it('when getSchedule is refused with 401, then the message names Calendars.ReadWrite', async () => {
    graph.failNext(1, { status: 401, code: 'InvalidAuthenticationToken' }, /getSchedule$/);

    const error = await adapter.getSchedule({ organiser: ORGANISER, people: ['head@stmarys.example'], from: new Date('2026-03-26T16:00:00Z'), to: new Date('2026-04-09T16:00:00Z'), timeZone: TZ }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GraphPermissionError);
    expect((error as Error).message).toContain('Calendars.ReadWrite');
  });

  it('when one occurrence is moved, then only it changes, at the same wall-clock hours either side of the clock change', async () => {
    const { seriesId } = await adapter.createSeries(series());
    const window = { from: new Date('2026-09-01T00:00:00Z'), to: new Date('2026-12-31T00:00:00Z'), timeZone: TZ };

    const before = await adapter.occurrences(ORGANISER, seriesId, window);
    expect(before.map((o) => [o.date, o.time, o.start.toISOString()])).toEqual([
      ['2026-09-10', '10:00', '2026-09-10T09:00:00.000Z'],
      ['2026-10-22', '10:00', '2026-10-22T09:00:00.000Z'],
      ['2026-12-03', '10:00', '2026-12-03T10:00:00.000Z'],
    ]);

    const moved = await adapter.moveOccurrence(ORGANISER, before[1]!.id, { date: '2026-10-20', time: '14:00', durationMinutes: 60, timeZone: TZ });

    expect(moved).toMatchObject({ id: before[1]!.id, date: '2026-10-20', time: '14:00', cancelled: false });
    const patch = graph.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.path).toBe(`/v1.0/users/${ORGANISER}/events/${before[1]!.id}`);
    expect(patch.body).toEqual({ start: { dateTime: '2026-10-20T14:00:00', timeZone: TZ }, end: { dateTime: '2026-10-20T15:00:00', timeZone: TZ } });
    const after = await adapter.occurrences(ORGANISER, seriesId, window);
    expect(after.map((o) => `${o.date} ${o.time}`)).toEqual(['2026-09-10 10:00', '2026-10-20 14:00', '2026-12-03 10:00']);
    const instances = graph.requests.find((r) => r.path.endsWith('/instances'))!;
    expect(Object.fromEntries(instances.query)).toMatchObject({ startDateTime: '2026-09-01T00:00:00.000Z', endDateTime: '2026-12-31T00:00:00.000Z' });
  });

  it('when the series ends, then its recurrence is given an end date: later occurrences leave the calendars, earlier ones stay', async () => {
    const { seriesId } = await adapter.createSeries(series());

    const ending = await adapter.endSeries(ORGANISER, seriesId, { lastDate: '2026-11-01', comment: 'The school has left the list of schools causing concern.' });

    expect(ending).toBe('shortened');
    const patch = graph.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.body).toEqual({
      recurrence: {
        pattern: { type: 'weekly', interval: 6, daysOfWeek: ['thursday'], firstDayOfWeek: 'monday' },
        range: { type: 'endDate', startDate: '2026-09-10', endDate: '2026-11-01', recurrenceTimeZone: TZ },
      },
    });
    const left = await adapter.occurrences(ORGANISER, seriesId, { from: new Date('2026-09-01T00:00:00Z'), to: new Date('2027-06-01T00:00:00Z'), timeZone: TZ });
    expect(left.map((o) => o.date)).toEqual(['2026-09-10', '2026-10-22']);
  });

  it('when a series that has not begun is ended, then it is cancelled whole, with the comment for the attendees', async () => {
    const { seriesId } = await adapter.createSeries(series());

    const ending = await adapter.endSeries(ORGANISER, seriesId, { lastDate: '2026-09-01', comment: 'No longer needed.' });

    expect(ending).toBe('cancelled');
    expect(calendar.events[0]).toMatchObject({ cancelled: true, cancelComment: 'No longer needed.' });
    expect(await adapter.occurrences(ORGANISER, seriesId, { from: new Date('2026-09-01T00:00:00Z'), to: new Date('2027-06-01T00:00:00Z'), timeZone: TZ })).toEqual([]);
  });

  it('when the occurrence is no longer in the calendar, then CalendarEventGoneError says to book again, and it is not retried', async () => {
    const error = await adapter.moveOccurrence(ORGANISER, 'AAMkDeletedInOutlook', { date: '2026-10-20', time: '14:00', durationMinutes: 60, timeZone: TZ }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CalendarEventGoneError);
    expect((error as DeliveryError).retryable).toBe(false);
    expect((error as Error).message).toContain(ORGANISER);
    expect(graph.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });
});

describe('createGraphCalendar', () => {
  it('when Graph is not configured, then there is no calendar, so callers know meetings cannot be booked', () => {
    expect(createGraphCalendar({ graphBaseUrl: 'https://graph.microsoft.com/v1.0', authorityHost: 'https://login.microsoftonline.com' })).toBeUndefined();
    expect(
      createGraphCalendar({ graphBaseUrl: 'https://graph.microsoft.com/v1.0', authorityHost: 'https://login.microsoftonline.com', tenantId: 't', clientId: 'c', clientSecret: 's' }),
    ).toBeInstanceOf(GraphCalendar);
  });
});
