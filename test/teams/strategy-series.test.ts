import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { aSchool } from '../support/builders.js';
import { cardsOf } from '../support/bot.js';
import { cardText, inputs, validateCard } from '../support/cards.js';
import { oakwood, officer, otherOfficer, startStrategyWorld, type StrategyWorld } from '../support/strategy-world.js';

/** A booked series over time: one meeting moved, progress after each meeting, the end when the school leaves the list, the first contact of term. */
describe('a strategy meeting series once booked', () => {
  let world: StrategyWorld;
  beforeEach(async () => {
    world = await startStrategyWorld();
  });
  afterEach(() => world.close());

  /** Books Oakwood's series from Tuesday 24 November 2026 at 10:00 and returns the confirmation card. */
  async function bookOakwood() {
    const [slots] = cardsOf(await world.bot.say(officer, `strategy ${oakwood.urn}`));
    const booked = await world.bot.press(officer, slots, 'Book the series', { slot: '2026-11-24T10:00' });
    return validateCard(booked.card);
  }

  it('when the officer moves one meeting, then that occurrence alone moves in Graph and the record notes it', async () => {
    const confirmation = await bookOakwood();

    const listed = await world.bot.press(officer, confirmation, 'Move one meeting');
    const moveCard = validateCard(listed.card);
    const choices = inputs(moveCard).get('occurrenceId')!.choices!;
    expect(cardText(moveCard)).toContain('Tuesday 5 January 2027 at 10:00');
    const second = choices[1]!;
    const moved = await world.bot.press(officer, moveCard, 'Move it', { occurrenceId: second, newDate: '2027-01-07', newTime: '14:00' });

    expect(cardText(validateCard(moved.card))).toContain('The meeting of Tuesday 5 January 2027 at 10:00 is moved to Thursday 7 January 2027 at 14:00');
    const event = world.calendar.events[0]!;
    expect([...event.exceptions.entries()]).toEqual([['2027-01-05', { start: { dateTime: '2027-01-07T14:00:00', timeZone: 'Europe/London' }, end: { dateTime: '2027-01-07T15:00:00', timeZone: 'Europe/London' } }]]);
    const [meeting] = await world.bot.store.find('strategyMeetings', world.bot.tenantId);
    expect(meeting!.moved).toMatchObject([{ occurrenceId: second, originalDate: '2027-01-05', date: '2027-01-07', time: '14:00', movedBy: officer.id }]);
  });

  it('when another officer (neither organiser nor link officer) tries to move a meeting, then it is refused and nothing moves', async () => {
    const confirmation = await bookOakwood();

    const refused = await world.bot.press(otherOfficer, confirmation, 'Move one meeting');

    expect(refused.message).toContain('Only the officer who booked the strategy meetings for Oakwood Primary School, or its link officer, can change them.');
    expect(world.graph.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
  });

  it('when the school leaves the list of schools causing concern, then the job ends the series in Graph after today and the record is ended', async () => {
    await bookOakwood();
    const [meeting] = await world.bot.store.find('strategyMeetings', world.bot.tenantId);
    const [school] = await world.bot.store.find('schools', world.bot.tenantId, { urn: oakwood.urn });
    await world.bot.store.transact((tx) => tx.update('schools', world.bot.tenantId, school!.id, 'any', { causingConcern: false }), { actor: 'test' });

    const out = await world.runJobs('2026-12-10T12:00:00Z');

    expect(out).toContain('1 ended');
    expect(world.calendar.events[0]!.body.recurrence!.range).toMatchObject({ type: 'endDate', endDate: '2026-12-10' });
    expect(await world.bot.store.get('strategyMeetings', world.bot.tenantId, meeting!.id)).toMatchObject({ status: 'ended', endedOn: '2026-12-10' });
    await world.runJobs('2026-12-10T12:15:00Z');
    expect(world.graph.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it('when a meeting has ended, then its organiser gets the progress card once, and what they record is kept on the meeting', async () => {
    await bookOakwood();
    await world.runJobs('2026-11-24T10:45:00Z');
    const before = world.bot.connector.activities.length;
    expect(cardsOf(world.bot.connector.activities).filter((c) => cardText(c).includes('Progress:'))).toHaveLength(0);

    await world.runJobs('2026-11-24T11:15:00Z');
    await world.runJobs('2026-11-24T11:30:00Z');

    const progressCards = cardsOf(world.bot.connector.activities.slice(before)).filter((c) => cardText(c).includes('Progress:'));
    expect(progressCards).toHaveLength(1);
    const card = validateCard(progressCards[0]);
    expect(cardText(card)).toContain('Strategy meeting of Tuesday 24 November 2026 at 10:00');

    const refused = await world.bot.press(otherOfficer, card, 'Record progress', { successes: 'x', rag: 'green' });
    expect(refused.message).toContain('or its link officer, records their progress');
    const empty = await world.bot.press(officer, card, 'Record progress', { rag: 'amber' });
    expect(cardText(validateCard(empty.card))).toContain('Record at least one success, barrier or next step.');
    const recorded = await world.bot.press(officer, card, 'Record progress', { successes: 'Phonics screening up 12 points', nextSteps: 'Governor visit on reading', rag: 'amber' });
    expect(cardText(validateCard(recorded.card))).toContain('Progress recorded (AMBER)');

    const [meeting] = await world.bot.store.find('strategyMeetings', world.bot.tenantId);
    expect(meeting!.progress).toMatchObject([{ on: '2026-11-24', successes: 'Phonics screening up 12 points', barriers: '', nextSteps: 'Governor visit on reading', rag: 'amber', recordedBy: officer.id }]);
  });
});

describe('the first contact of term', () => {
  let world: StrategyWorld;
  const inCategory = aSchool(3, { linkOfficerEmail: officer.email, inspections: [{ framework: 'legacy', date: '2026-06-10', overall: 'Requires Improvement' }] });
  beforeEach(async () => {
    world = await startStrategyWorld({ schools: [inCategory, aSchool(4, { linkOfficerEmail: officer.email })], now: '2027-01-04T07:00:00Z' });
  });
  afterEach(() => world.close());

  it('when a term starts, then the link officer of a school in an Ofsted category is reminded once', async () => {
    await world.runJobs('2027-01-04T08:00:00Z');
    await world.runJobs('2027-01-05T08:00:00Z');
    await world.runJobs('2027-01-05T08:00:00Z');

    const reminders = world.bot.connector.activities.filter((a) => /First contact of the spring term/.test((a.activity.text ?? a.activity.summary) ?? ''));
    expect(reminders).toHaveLength(1);
    expect((reminders[0]!.activity.text ?? reminders[0]!.activity.summary)).toContain(`${inCategory.name} (URN ${inCategory.urn}) is in an Ofsted category`);
  });
});
