import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { GraphMailer } from '../../src/graph/mailer.js';
import { createGraphClient } from '../../src/graph/graph-client.js';
import type { AdaptiveCard } from '../../src/teams/cards/template.js';
import { aHeadteacherOf, anOfficer, aSchool, personalChatId, type NewPerson } from '../support/builders.js';
import { cardsOf, startTestBot, type TestBot } from '../support/bot.js';
import { cardText, inputs, validateCard, walk } from '../support/cards.js';
import { startFakeGraph, type FakeGraph } from '../support/fake-graph.js';
import { openAgenda, pressOn, requiredAnswers } from '../support/visit-cards.js';

/** What an officer might paste into an answer, meaning harm or not: a link that hides where it goes, bold, a Teams date. */
const TYPED = '[Reset your password](https://evil.example/login) **now** {{DATE(2026-11-23T09:30:00Z, SHORT)}}\n- a list\n1. numbered';

/**
 * Whether Teams would render `text` (TextBlock markdown, date macros) as nothing but the characters typed: no
 * unescaped link, emphasis, code, autolink, date macro or list marker at the start of a line.
 */
function isInert(text: string): boolean {
  const unescaped = (c: string) => `(?<!\\\\)\\${c}`;
  return ![
    new RegExp(`${unescaped('[')}[^\\]]*${unescaped(']')}\\(`),
    new RegExp(`${unescaped('*')}`),
    new RegExp(`${unescaped('{')}${unescaped('{')}`),
    /^\s*([-+]|\d+\.)\s/m,
  ].some((r) => r.test(text));
}

/** What the reader sees once Teams has taken the escapes away. */
const shown = (text: string) => text.replace(/\\(.)/g, '$1');

/** The TextBlocks and fact values of a card that show `typed` (as Teams would display it). */
function placesShowing(card: AdaptiveCard, typed: string): string[] {
  return [...walk(card)].flatMap((n) => [n.text, n.value].filter((t): t is string => typeof t === 'string' && n.type !== 'Input.Text' && shown(t).includes(typed)));
}

const school = aSchool(1);
const officer = anOfficer('Olivia Officer', { trainedFor: [{ templateId: 'sacre-re-visit' }] });

function cardsSentTo(bot: TestBot, person: NewPerson): AdaptiveCard[] {
  const chat = bot.connector.conversations.find((c) => (c.parameters.members as { id: string }[] | undefined)?.[0]?.id === person.aadObjectId);
  return chat ? cardsOf(bot.connector.activitiesIn(chat.id)) : [];
}

describe('what people type is shown, never obeyed (in Teams)', () => {
  const head = aHeadteacherOf(school, 'Hannah Head');
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot({ schools: [school], people: [officer, head] });
  });
  afterEach(() => bot.close());

  it('when an answer holds a markdown link, bold and a Teams date, then the school\'s copy shows it as typed, none of it live', async () => {
    const agenda = await openAgenda(bot, officer, school.urn, 'sacre-re-visit');
    await pressOn(bot, officer, agenda, 'Submit', { ...requiredAnswers(agenda), areasOfConfidence: TYPED, 'visit.otherAttendees': 'Governor: **Sam** [Patel](https://evil.example)' });
    const [copy] = cardsSentTo(bot, head);
    const places = placesShowing(validateCard(copy), TYPED);
    expect(places).toHaveLength(1);
    expect(places.every(isInert)).toBe(true);
    // The stored note keeps exactly what was typed: the escaping is the card's, not the record's.
    const [visit] = await bot.store.find('visits', bot.tenantId);
    expect(visit!.answers.areasOfConfidence).toBe(TYPED.trim());
    const attendee = placesShowing(copy!, '**Sam** [Patel](https://evil.example)');
    expect(attendee.length).toBeGreaterThan(0);
    expect(attendee.every(isInert)).toBe(true);
  });

  it('when the headteacher disputes with a link in the comment, then the note shows it inert and the officer\'s notice is plain text', async () => {
    const agenda = await openAgenda(bot, officer, school.urn, 'sacre-re-visit');
    await pressOn(bot, officer, agenda, 'Submit', requiredAnswers(agenda));
    const [copy] = cardsSentTo(bot, head);
    const comment = 'Wrong: see [the real note](https://evil.example/note)';
    const disputed = await pressOn(bot, head, copy!, 'Dispute', { 'visit.disputeComment': comment });
    const places = placesShowing(validateCard(disputed.card), comment);
    expect(places).toHaveLength(1);
    expect(places.every(isInert)).toBe(true);
    const notice = bot.connector.activitiesIn(personalChatId(officer)).find((a) => (a.activity.text ?? a.activity.summary)?.includes('disputed it'));
    expect(notice?.activity).toMatchObject({ textFormat: 'plain' });
    expect((notice?.activity.text ?? notice?.activity.summary)).toContain(comment);
  });

  it('when an answer is longer than its box takes, then the agenda comes back saying so, with everything typed kept and nothing submitted', async () => {
    const agenda = await openAgenda(bot, officer, school.urn, 'sacre-re-visit');
    expect(inputs(agenda).get('areasOfConfidence')).toBeDefined();
    const tooLong = 'x'.repeat(2001);
    const typed = { ...requiredAnswers(agenda), areasOfConfidence: tooLong, cpdNeeds: 'Training on the new syllabus' };
    const res = await pressOn(bot, officer, agenda, 'Submit', typed);
    const card = validateCard(res.card);
    expect(cardText(card)).toContain('The answer to "Areas of confidence in RE that the school could share with other schools" is too long: 2,001 characters, and at most 2,000 fit. Shorten it; what you typed is still in the box.');
    expect(inputs(card).get('areasOfConfidence')?.value).toBe(tooLong);
    expect(inputs(card).get('cpdNeeds')?.value).toBe('Training on the new syllabus');
    const [visit] = await bot.store.find('visits', bot.tenantId);
    expect(visit?.status).not.toBe('submitted');
    expect(cardsSentTo(bot, head)).toEqual([]);
  });

  it('when every answer fits but together they would not fit the school\'s copy, then the card says so and keeps them', async () => {
    const agenda = await openAgenda(bot, officer, school.urn, 'sacre-re-visit');
    const textItems = [...inputs(agenda).values()].filter((i) => i.type === 'Input.Text' && !i.id.startsWith('visit.') && i.id !== 'confidentialConcern');
    const long = Object.fromEntries(textItems.map((i, n) => [i.id, `${n}`.padEnd(1400, '.')]));
    const res = await pressOn(bot, officer, agenda, 'Submit', { ...requiredAnswers(agenda), ...long });
    expect(cardText(validateCard(res.card))).toMatch(/The answers together are too long for the school's copy: [\d,]+ characters, and at most 12,000 fit\./);
    for (const [id, value] of Object.entries(long)) expect(inputs(res.card).get(id)?.value).toBe(value);
    expect(cardsSentTo(bot, head)).toEqual([]);
  });

  it('when a card offers a box for typing, then it says how much the box takes', async () => {
    const agenda = await openAgenda(bot, officer, school.urn, 'sacre-re-visit');
    const boxes = [...walk(agenda)].filter((n) => n.type === 'Input.Text');
    expect(boxes.length).toBeGreaterThan(0);
    expect(boxes.filter((b) => typeof b.maxLength !== 'number')).toEqual([]);
  });
});

describe('what people type is shown, never obeyed (by e-mail)', () => {
  const head = aHeadteacherOf(school, 'Hannah Head', { aadObjectId: undefined, email: 'hannah.head@school.example.org' });
  let bot: TestBot;
  let graph: FakeGraph;
  beforeEach(async () => {
    graph = await startFakeGraph();
    bot = await startTestBot({ schools: [school], people: [officer, head], mailer: () => new GraphMailer(createGraphClient({ ...graph.connection }), 'school-improvement@la.example.org') });
  });
  afterEach(async () => {
    await bot.close();
    await graph.close();
  });

  it('when the copy goes by e-mail, then a typed link or tag arrives as text, never as a link or markup', async () => {
    const agenda = await openAgenda(bot, officer, school.urn, 'sacre-re-visit');
    await pressOn(bot, officer, agenda, 'Submit', { ...requiredAnswers(agenda), areasOfConfidence: '<a href="https://evil.example">Reset your password</a> [Reset](https://evil.example)' });
    const [mail] = graph.sentMail.filter((m) => m.to.includes('hannah.head@school.example.org'));
    expect(mail!.html).toContain('&lt;a href=&quot;https://evil.example&quot;&gt;Reset your password&lt;/a&gt; [Reset](https://evil.example)');
    expect(mail!.html).not.toMatch(/<a\s/i);
  });
});
