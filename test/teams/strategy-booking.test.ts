import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { aSchool } from '../support/builders.js';
import { startFakeGraph } from '../support/fake-graph.js';
import { playCalendar } from '../support/fake-graph-calendar.js';
import { cardsOf, startTestBot, texts } from '../support/bot.js';
import { cardText, inputs, validateCard } from '../support/cards.js';
import {
  eventPosts,
  graphEnv,
  headOfService,
  oakwood,
  oakwoodHead,
  officer,
  startStrategyWorld,
  stMarys,
  stMarysHead,
  hillside,
  type StrategyWorld,
} from '../support/strategy-world.js';

/** Strategy meetings booked over HTTP against a fake Microsoft Graph (over https, with its token endpoint). */
describe('strategy <school>: booking the six-weekly series', () => {
  let world: StrategyWorld;
  beforeEach(async () => {
    world = await startStrategyWorld();
  });
  afterEach(() => world.close());

  /** Types `strategy <school>` and returns the card it answers with. */
  async function slotsCard(school = oakwood) {
    const replies = await world.bot.say(officer, `strategy ${school.urn}`);
    const [card] = cardsOf(replies);
    if (!card) throw new Error(`No card: ${texts(replies).join(' / ')}`);
    return validateCard(card);
  }

  it('when the headteacher is busy all Monday, then the slots start on Tuesday at 09:00, read from getSchedule of every required attendee', async () => {
    world.calendar.setBusy(oakwoodHead.email, [{ status: 'busy', start: '2026-11-23T08:00:00Z', end: '2026-11-23T17:00:00Z' }]);

    const card = await slotsCard();

    const [schedule] = world.graph.requests.filter((r) => r.path.endsWith('/calendar/getSchedule'));
    expect(schedule!.path).toBe(`/v1.0/users/${officer.email}/calendar/getSchedule`);
    expect((schedule!.body as { schedules: string[] }).schedules.sort()).toEqual(
      [officer.email, oakwoodHead.email, 'chair@oakwood.example.org', headOfService.email].sort(),
    );
    const text = cardText(card);
    expect(text).toContain('Tuesday 24 November 2026 at 09:00');
    expect(text).not.toContain('Monday 23 November');
    expect(inputs(card).get('slot')!.choices![0]).toBe('2026-11-24T09:00');
  });

  it('when the officer books a slot, then one weekly series with interval 6 is made on their calendar at the school, with a Teams meeting and the right attendees (no diocese), and the confirmation shows date, place and join link', async () => {
    const card = await slotsCard();
    const booked = await world.bot.press(officer, card, 'Book the series', { slot: '2026-11-24T10:00', optionalEmails: 'sen.officer@council.example.org' });

    const confirmation = validateCard(booked.card);
    expect(world.calendar.events).toHaveLength(1);
    const event = world.calendar.events[0]!;
    expect(event.organiser).toBe(officer.email);
    expect(event.body).toMatchObject({
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      recurrence: { pattern: { type: 'weekly', interval: 6, daysOfWeek: ['tuesday'] } },
      location: { displayName: oakwood.name, address: { street: '1 School Lane', city: 'Oakham', postalCode: 'LE15 6AA' } },
    });
    const attendees = (event.body.attendees as Array<{ emailAddress: { address: string }; type: string }>).map((a) => `${a.emailAddress.address} ${a.type}`).sort();
    expect(attendees).toEqual(
      [`${oakwoodHead.email} required`, 'chair@oakwood.example.org required', `${officer.email} required`, `${headOfService.email} required`, 'sen.officer@council.example.org optional'].sort(),
    );
    const text = cardText(confirmation);
    expect(text).toContain('Booked in the calendars');
    expect(text).toContain('Tuesday 24 November 2026 at 10:00');
    expect(text).toContain('Oakwood Primary School, 1 School Lane, Oakham, LE15 6AA');
    expect(JSON.stringify(confirmation)).toContain(event.joinUrl!);
    const [meeting] = await world.bot.store.find('strategyMeetings', world.bot.tenantId);
    expect(meeting).toMatchObject({ status: 'booked', graphEventId: event.id, joinUrl: event.joinUrl, seriesStart: { date: '2026-11-24', time: '10:00' } });
  });

  it('when the school is a church school, then its diocese contact is invited too', async () => {
    const card = await slotsCard(stMarys);
    await world.bot.press(officer, card, 'Book the series');

    const emails = (world.calendar.events[0]!.body.attendees as Array<{ emailAddress: { address: string } }>).map((a) => a.emailAddress.address);
    expect(emails).toEqual(expect.arrayContaining(['schools@diocese.example.org', stMarysHead.email, 'chair@stmarys.example.org']));
  });

  it('when Graph answers 429 once and the officer presses Book twice, then one series is booked', async () => {
    const card = await slotsCard();
    world.graph.failNext(1, { status: 429, retryAfterSeconds: 0, code: 'ApplicationThrottled' }, /\/events$/);

    const first = await world.bot.press(officer, card, 'Book the series');
    const again = await world.bot.press(officer, card, 'Book the series');

    expect(cardText(validateCard(first.card))).toContain('Booked in the calendars');
    expect(cardText(validateCard(again.card))).toContain('Booked in the calendars');
    // The 429 and its retry; the second press finds the series already booked and asks Graph nothing.
    expect(eventPosts(world.graph)).toHaveLength(2);
    expect(world.calendar.events).toHaveLength(1);
    expect(await world.bot.store.find('strategyMeetings', world.bot.tenantId)).toHaveLength(1);
  });

  it('when Graph keeps failing, then the booking is kept, the officer is told it will be retried, and jobs run-due books it once and sends the confirmation', async () => {
    const card = await slotsCard();
    world.graph.failNext(3, { status: 503, code: 'ServiceUnavailable' }, /\/events$/);

    const pressed = await world.bot.press(officer, card, 'Book the series');

    expect(cardText(validateCard(pressed.card))).toContain('The booking is kept and I will try again');
    expect(world.calendar.events).toHaveLength(0);
    const [pending] = await world.bot.store.find('strategyMeetings', world.bot.tenantId);
    expect(pending).toMatchObject({ status: 'pending' });

    const mark = world.bot.connector.activities.length;
    const out = await world.runJobs('2026-11-23T10:00:00Z');
    await world.runJobs('2026-11-23T10:15:00Z');

    expect(out).toContain('strategy-meetings (due Monday 23 November 2026 at 10:00): ran: 1 of 1 pending booked');
    expect(world.calendar.events).toHaveLength(1);
    expect(world.calendar.events[0]!.body.transactionId).toBe(pending!.transactionId);
    expect(await world.bot.store.get('strategyMeetings', world.bot.tenantId, pending!.id)).toMatchObject({ status: 'booked' });
    const sent = world.bot.connector.activities.slice(mark).filter((a) => /booked/.test((a.activity.text ?? a.activity.summary) ?? ''));
    expect(sent).toHaveLength(1);
    expect(cardText(validateCard(cardsOf(sent)[0]))).toContain('Booked in your calendar now');
  });

  it('when the app lacks the calendar permission, then the officer is told which permission, and the booking is kept', async () => {
    const card = await slotsCard();
    world.graph.failNext(1, { status: 403, code: 'ErrorAccessDenied', message: 'Access is denied.' }, /\/events$/);

    const pressed = await world.bot.press(officer, card, 'Book the series');

    const text = cardText(validateCard(pressed.card));
    expect(text).toContain('Calendars.ReadWrite');
    expect(text).toContain('The booking is kept');
    expect(await world.bot.store.find('strategyMeetings', world.bot.tenantId, { status: 'pending' })).toHaveLength(1);
  });

  it('when an optional attendee is not an e-mail address, then nothing is booked and the card comes back with what was typed', async () => {
    const pressed = await world.bot.press(officer, await slotsCard(), 'Book the series', { optionalEmails: 'ey.adviser@council.example.org, sen officer' });

    const card = validateCard(pressed.card);
    expect(cardText(card)).toContain('"sen" is not an e-mail address');
    expect(inputs(card).get('optionalEmails')!.value).toBe('ey.adviser@council.example.org, sen officer');
    expect(world.calendar.events).toHaveLength(0);
    expect(await world.bot.store.find('strategyMeetings', world.bot.tenantId)).toHaveLength(0);
  });

  it('when the school is not causing concern, then nothing is read or booked, and the officer is told why', async () => {
    const replies = await world.bot.say(officer, `strategy ${hillside.urn}`);

    expect(texts(replies).join(' ')).toContain('is not on the list of schools causing concern');
    expect(world.graph.requests.filter((r) => r.path.includes('/calendar'))).toHaveLength(0);
  });

  it('when a headteacher types strategy, then it is refused and nothing is read', async () => {
    const replies = await world.bot.say(oakwoodHead, `strategy ${oakwood.urn}`);

    expect(texts(replies).join(' ')).toContain('Only a school improvement officer or a school improvement team (SIT) member can use "strategy"');
    expect(world.graph.requests).toHaveLength(0);
  });

  it('when the series is already booked, then strategy shows it instead of offering slots', async () => {
    await world.bot.press(officer, await slotsCard(), 'Book the series');

    const again = await slotsCard();

    expect(cardText(again)).toContain('already has a strategy meeting series');
    expect(world.calendar.events).toHaveLength(1);
  });
});

describe('the calendar as the server wires it from the settings', () => {
  it('when the Graph settings are given, then strategy reads free/busy through them', async () => {
    const graph = await startFakeGraph();
    playCalendar(graph);
    const school = aSchool(0, { causingConcern: true });
    const bot = await startTestBot({ schools: [school], people: [officer], env: graphEnv(graph) });
    try {
      const [card] = cardsOf(await bot.say(officer, `strategy ${school.urn}`));
      expect(cardText(validateCard(card))).toContain('Monday 23 November 2026 at 09:30');
      expect(graph.tokenRequests).toHaveLength(1);
    } finally {
      await bot.close();
      await graph.close();
    }
  });

  it('when Graph is not set up, then strategy says booking needs Microsoft Graph set up', async () => {
    const school = aSchool(0, { causingConcern: true });
    const bot = await startTestBot({ schools: [school], people: [officer] });
    try {
      const replies = await bot.say(officer, `strategy ${school.urn}`);
      expect(texts(replies).join(' ')).toContain('Booking strategy meetings needs Microsoft Graph set up');
    } finally {
      await bot.close();
    }
  });
});
