import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { aHeadteacherOf, anOfficer, aPerson, aSchool } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { cardText, validateCard } from '../support/cards.js';
import { sentToPersonalChat } from '../support/personal-chat.js';
import { startFakeGraph, type FakeGraph } from '../support/fake-graph.js';
import { playCalendar, type FakeCalendar } from '../support/fake-graph-calendar.js';
import { GraphCalendar } from '../../src/graph/calendar.js';
import { createGraphClient } from '../../src/graph/graph-client.js';

const school = aSchool(0, { causingConcern: true, riskLevel: 'high', chairOfGovernorsEmail: 'gordon.governor@school.example.org' });
const calm = aSchool(1);
const esc = aPerson('Erin Trustee', ['escMember'], { email: 'erin.trustee@trust.example.org' });
const member = aPerson('Mo Member', ['officer'], { email: 'mo.member@trust.example.org' });
const head = aHeadteacherOf(school, 'Hannah Head', { email: 'hannah.head@school.example.org' });
const chair = aPerson('Gordon Governor', ['governor'], { email: 'gordon.governor@school.example.org', schools: [school.urn] });
const officer = anOfficer('Olivia Officer');

async function setUp(bot: TestBot, values: Record<string, string> = {}) {
  const card = validateCard(cardsOf(await bot.say(esc, `rab ${school.urn}`))[0]);
  return bot.press(esc, card, 'Set up the board', { members: 'mo.member@trust.example.org, erin.trustee@trust.example.org', date: '2026-12-07', time: '16:00', durationMinutes: '90', ...values });
}

describe('rab: a Raising Achievement Board, without Outlook', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot({ schools: [school, calm], people: [esc, member, head, chair, officer] });
  });
  afterEach(() => bot.close());

  it('when a committee member sets one up, then the board is recorded, the head and chair are invited in Teams, and the card says it is not in Outlook', async () => {
    const done = await setUp(bot);
    const shown = cardText(validateCard(done.card));
    expect(shown).toContain('Board set up. Hannah Head was sent the invitation in Teams. Gordon Governor was sent the invitation in Teams.');
    expect(shown).toContain('Outlook is not connected (no Microsoft Graph settings), so the meeting is recorded here but not booked in calendars.');
    expect(shown).toContain('Monday 7 December 2026 at 16:00 (90 minutes, Europe/London)');
    expect(shown).toContain('Mo Member (mo.member@trust.example.org); Erin Trustee (erin.trustee@trust.example.org)');
    for (const who of [head, chair]) {
      expect(texts(sentToPersonalChat(bot, who)).join('\n')).toContain(`set up a Raising Achievement Board for ${school.name}`);
    }
    const [board] = await bot.store.find('raisingAchievementBoards', bot.tenantId);
    expect(board).toMatchObject({ schoolUrn: school.urn, invitees: [{ role: 'headteacher' }, { role: 'chairOfGovernors' }] });
    expect(board!.graphEventId).toBeUndefined();
  });

  it('when a member named is not in the register, then nothing is set up and the form comes back as typed', async () => {
    const refused = await setUp(bot, { members: 'nobody@example.org' });
    const back = cardText(validateCard(refused.card));
    expect(back).toContain('Not in the register: nobody@example.org.');
    expect(await bot.store.find('raisingAchievementBoards', bot.tenantId)).toEqual([]);
  });

  it('when an officer or a headteacher tries, or the school is not causing concern, then they are refused', async () => {
    expect(texts(await bot.say(officer, `rab ${school.urn}`))[0]).toBe('Only a member of the Education and Standards Committee can set up a Raising Achievement Board.');
    expect(texts(await bot.say(head, `rab ${school.urn}`))[0]).toBe('Only a member of the Education and Standards Committee can set up a Raising Achievement Board.');
    expect(texts(await bot.say(esc, `rab ${calm.urn}`))[0]).toBe(`${calm.name} is not a school causing concern: a Raising Achievement Board is set up only for one.`);
    // Pressing the set-up card as someone else changes nothing.
    const card = validateCard(cardsOf(await bot.say(esc, `rab ${school.urn}`))[0]);
    const pressed = await bot.press(officer, card, 'Set up the board', { members: 'mo.member@trust.example.org', date: '2026-12-07', time: '16:00' });
    expect(pressed.message).toMatch(/^Only a member of the Education and Standards Committee can do this/);
    expect(await bot.store.find('raisingAchievementBoards', bot.tenantId)).toEqual([]);
  });

  it('when a board member records progress after the meeting, then it is kept and shown; without a RAG it is refused, what was typed kept', async () => {
    await setUp(bot);
    const card = validateCard(cardsOf(await bot.say(member, `rab ${school.urn}`))[0]);
    const missing = await bot.press(member, card, 'Record progress', { on: '2026-12-07', successes: 'Phonics plan agreed' }, { clientValidation: false });
    expect(cardText(validateCard(missing.card))).toContain('Choose a RAG rating.');
    const recorded = await bot.press(member, card, 'Record progress', { on: '2026-12-07', successes: 'Phonics plan agreed', barriers: 'Staff turnover', rag: 'amber' });
    const shown = cardText(validateCard(recorded.card));
    expect(shown).toContain('Progress recorded.');
    expect(shown).toContain('Monday 7 December 2026: Amber (Mo Member)');
    expect(shown).toContain('Barriers: Staff turnover');
    const [board] = await bot.store.find('raisingAchievementBoards', bot.tenantId);
    expect(board!.progress).toHaveLength(1);
    // What a member typed is shown as typed, never as a link; a box past its limit is refused, naming it.
    const linked = await bot.press(member, recorded.card, 'Record progress', { on: '2026-12-08', nextSteps: '[Open the plan](https://evil.example)', rag: 'red' });
    expect(cardText(validateCard(linked.card))).toContain('Next steps: \\[Open the plan\\](https://evil.example)');
    const long = await bot.press(member, linked.card, 'Record progress', { on: '2026-12-09', barriers: 'x'.repeat(2001), rag: 'red' });
    expect(cardText(validateCard(long.card))).toContain('Barriers is too long: 2,001 characters, and at most 2,000 fit.');
    // Someone neither on the committee nor on the board cannot open it.
    expect(texts(await bot.say(head, `rab ${school.urn}`))[0]).toBe('Only members of the Education and Standards Committee and of the board can open a Raising Achievement Board.');
  });
});

describe('rab: the meeting booked in Outlook through Graph', () => {
  let graph: FakeGraph;
  let calendar: FakeCalendar;
  let bot: TestBot;
  beforeEach(async () => {
    graph = await startFakeGraph();
    calendar = playCalendar(graph);
    bot = await startTestBot({ schools: [school], people: [esc, member, head, chair], calendar: () => new GraphCalendar(createGraphClient({ ...graph.connection })) });
  });
  afterEach(async () => {
    await bot.close();
    await graph.close();
  });

  it('when the board is set up, then one event (not a series) with a Teams meeting is on the committee member’s calendar, members and the head and chair invited', async () => {
    const done = await setUp(bot);
    const shown = cardText(validateCard(done.card));
    expect(shown).toContain('Booked, with a Teams meeting');
    expect(calendar.events).toHaveLength(1);
    const [event] = calendar.events;
    expect(event!.organiser).toBe('erin.trustee@trust.example.org');
    expect(event!.body.recurrence).toBeUndefined();
    expect(event!.body.transactionId).toMatch(/^rab-/);
    expect(event!.body).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness', start: { dateTime: '2026-12-07T16:00:00', timeZone: 'Europe/London' } });
    const invited = (event!.body.attendees as Array<{ emailAddress: { address: string } }>).map((a) => a.emailAddress.address);
    expect(invited).toEqual(['mo.member@trust.example.org', 'erin.trustee@trust.example.org', 'hannah.head@school.example.org', 'gordon.governor@school.example.org']);
    const [board] = await bot.store.find('raisingAchievementBoards', bot.tenantId);
    expect(board!.graphEventId).toBe(event!.id);
  });

  it('when the same set-up is pressed twice (a double click, a Teams retry), then one board and one event, and the head is invited once', async () => {
    const card = validateCard(cardsOf(await bot.say(esc, `rab ${school.urn}`))[0]);
    const values = { members: 'mo.member@trust.example.org', date: '2026-12-07', time: '16:00', durationMinutes: '90' };
    await bot.press(esc, card, 'Set up the board', values);
    await bot.press(esc, card, 'Set up the board', values);
    expect(calendar.events).toHaveLength(1);
    expect(await bot.store.find('raisingAchievementBoards', bot.tenantId)).toHaveLength(1);
    expect(texts(sentToPersonalChat(bot, head)).filter((t) => t.includes('Raising Achievement Board'))).toHaveLength(1);
  });

  it('when Graph refuses the booking (no calendar permission), then the board is still set up and the card says it is not in Outlook, naming the permission', async () => {
    graph.failNext(1, { status: 403, code: 'ErrorAccessDenied', message: 'Access is denied.' }, /\/events$/);
    const shown = cardText(validateCard((await setUp(bot)).card));
    expect(shown).toContain('The meeting could not be booked in Outlook:');
    expect(shown).toContain('Calendars.ReadWrite');
    expect(shown).toContain('Not booked in Outlook');
    expect(calendar.events).toEqual([]);
    expect(await bot.store.find('raisingAchievementBoards', bot.tenantId)).toHaveLength(1);
  });
});
