import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { GraphMailer } from '../../src/graph/mailer.js';
import { createGraphClient } from '../../src/graph/graph-client.js';
import type { AdaptiveCard } from '../../src/teams/cards/template.js';
import { aGovernorOf, aHeadteacherOf, anOfficer, aPerson, aSchool, personalChatId, type NewPerson } from '../support/builders.js';
import { cardsOf, startTestBot, texts, type TestBot } from '../support/bot.js';
import { actions, cardText, inputs, validateCard } from '../support/cards.js';
import { startFakeGraph, type FakeGraph } from '../support/fake-graph.js';
import { openAgenda, pressOn, requiredAnswers } from '../support/visit-cards.js';

const stMarys = aSchool(1, { reLeadEmail: 'rita.re@stmarys.example.org' });
const oakwood = aSchool(0);
const officer = anOfficer('Olivia Officer', { trainedFor: [{ templateId: 'sacre-re-visit' }] });
const otherHead = aHeadteacherOf(oakwood, 'Harry Other');
const reLead = aPerson('Rita Re', [], { email: 'rita.re@stmarys.example.org' });
const governor = aGovernorOf(stMarys, 'Gina Governor');

/** The cards the bot sent in the 1:1 chat it opened with this person. */
function cardsSentTo(bot: TestBot, person: NewPerson): AdaptiveCard[] {
  const chat = bot.connector.conversations.find((c) => (c.parameters.members as { id: string }[] | undefined)?.[0]?.id === person.aadObjectId);
  return chat ? cardsOf(bot.connector.activitiesIn(chat.id)) : [];
}

async function submitSacreVisit(bot: TestBot) {
  const agenda = await openAgenda(bot, officer, stMarys.urn, 'sacre-re-visit');
  const submitted = await pressOn(bot, officer, agenda, 'Submit', { ...requiredAnswers(agenda), 'visit.attendee.0': 'Rita Re' });
  const [visit] = await bot.store.find('visits', bot.tenantId);
  return { summary: validateCard(submitted.card), visit: visit! };
}

describe("the school's copy in Teams and the headteacher's answer", () => {
  const head = aHeadteacherOf(stMarys, 'Hannah Head');
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood, stMarys], people: [officer, head, otherHead, reLead, governor] });
  });
  afterEach(() => bot.close());

  it('when a SACRE visit is submitted, then the headteacher and the RE lead get the note in Teams, the copy time is recorded and the officer is told', async () => {
    const { summary, visit } = await submitSacreVisit(bot);
    expect(visit.copySentAt).toBe('2026-11-23T09:30:00.000Z');
    // Answered before anything went out: the officer is told where it is going.
    expect(cardText(summary)).toContain("The school's copy is on its way to Hannah Head and Rita Re. I'll tell you if it cannot be delivered.");

    const [headCopy] = cardsSentTo(bot, head);
    expect(cardText(validateCard(headCopy))).toContain('SACRE RE visit: St Mary');
    expect(actions(headCopy).map((a) => a.title)).toEqual(['Refresh', 'Accurate', 'Dispute']);
    const [reLeadCopy] = cardsSentTo(bot, reLead);
    expect(actions(validateCard(reLeadCopy)).map((a) => a.title)).toEqual(['Refresh']);
  });

  it('when the headteacher marks the copy accurate, then it is stored on the visit and the officer is told in Teams', async () => {
    const { visit } = await submitSacreVisit(bot);
    const [copy] = cardsSentTo(bot, head);
    const answered = await pressOn(bot, head, copy!, 'Accurate');

    expect(cardText(validateCard(answered.card))).toContain("Hannah Head marked the school's copy accurate on Monday 23 November 2026.");
    expect(actions(answered.card).map((a) => a.title)).toEqual(['Refresh']);
    expect((await bot.store.get('visits', bot.tenantId, visit.id))!.schoolResponse).toMatchObject({ verdict: 'accurate', by: head.id });
    const told = bot.connector.activitiesIn(personalChatId(officer)).map((a) => (a.activity.text ?? a.activity.summary) ?? '');
    expect(told.some((t) => t.includes('Hannah Head (headteacher)') && t.includes('marked it accurate'))).toBe(true);
  });

  it('when the headteacher disputes the copy, then a comment is needed, and with one the dispute is stored and the officer told', async () => {
    const { visit } = await submitSacreVisit(bot);
    const [copy] = cardsSentTo(bot, head);
    // Refused in the card itself, which keeps Accurate and Dispute, not in a chat line the card never shows.
    const bare = await pressOn(bot, head, copy!, 'Dispute');
    const refused = validateCard(bare.card);
    expect(cardText(refused)).toContain('Say what is disputed in the comment box, then press Dispute again.');
    expect(actions(refused).map((a) => a.title)).toEqual(['Refresh', 'Accurate', 'Dispute']);
    expect((await bot.store.get('visits', bot.tenantId, visit.id))!.schoolResponse).toBeUndefined();

    const disputed = await pressOn(bot, head, copy!, 'Dispute', { 'visit.disputeComment': 'The governor present was Mrs Khan, not Mr Grant.' });
    expect(cardText(validateCard(disputed.card))).toContain('disputed the school');
    expect((await bot.store.get('visits', bot.tenantId, visit.id))!.schoolResponse).toMatchObject({ verdict: 'disputed', comment: 'The governor present was Mrs Khan, not Mr Grant.' });
    const told = bot.connector.activitiesIn(personalChatId(officer)).map((a) => (a.activity.text ?? a.activity.summary) ?? '');
    expect(told.some((t) => t.includes('disputed it: "The governor present was Mrs Khan, not Mr Grant."'))).toBe(true);
  });

  it("when another school's headteacher presses Accurate, then they are refused and nothing changes", async () => {
    const { visit } = await submitSacreVisit(bot);
    const [copy] = cardsSentTo(bot, head);
    const refused = await pressOn(bot, otherHead, copy!, 'Accurate');
    expect(refused.message).toBe("Only the school's headteacher can mark its copy of a visit note.");
    const stored = (await bot.store.get('visits', bot.tenantId, visit.id))!;
    expect(stored.schoolResponse).toBeUndefined();
    expect(stored.version).toBe(visit.version);

    // The other headteacher's refreshed view of the note offers no buttons either (nor can they read it at all).
    const view = await bot.invoke(otherHead, 'visit.view', { visitId: visit.id }, { trigger: 'automatic' });
    expect(view.message).toBe('Only its visitor, officers and the school can see this visit note.');
  });

  it("when someone who is not the school's headteacher presses Accurate or Dispute (the RE lead, a governor, the officer), then the use case refuses them and nothing changes", async () => {
    const { visit } = await submitSacreVisit(bot);
    const [copy] = cardsSentTo(bot, head);
    for (const who of [reLead, governor, officer]) {
      const refused = await pressOn(bot, who, copy!, 'Dispute', { 'visit.disputeComment': 'Not so' });
      expect(refused.message).toBe("Only the school's headteacher can mark its copy of a visit note.");
    }
    const stored = (await bot.store.get('visits', bot.tenantId, visit.id))!;
    expect(stored.schoolResponse).toBeUndefined();
    expect(stored.version).toBe(visit.version);
  });

  it("when the headteacher's card refreshes, then they see the buttons and the officer does not", async () => {
    const { visit } = await submitSacreVisit(bot);
    const theirs = await bot.invoke(head, 'visit.view', { visitId: visit.id }, { trigger: 'automatic' });
    expect(inputs(validateCard(theirs.card)).has('visit.disputeComment')).toBe(true);
    const mine = await bot.invoke(officer, 'visit.view', { visitId: visit.id }, { trigger: 'automatic' });
    expect(actions(validateCard(mine.card)).map((a) => a.title)).toEqual(['Refresh']);
  });
});

describe("a headteacher's visits: their school's copies, awaiting their answer first", () => {
  const hillside = aSchool(2, { headteacherEmail: 'erin.email@hillside.example.org' });
  const head = aHeadteacherOf(stMarys, 'Hannah Head');
  // Known to the bot only by the register's headteacher e-mail: no headteacher role.
  const erin = aPerson('Erin Email', [], { email: 'erin.email@hillside.example.org' });
  let bot: TestBot;

  beforeEach(async () => {
    bot = await startTestBot({ schools: [oakwood, stMarys, hillside], people: [officer, head, erin, governor] });
  });
  afterEach(() => bot.close());

  async function submitSupportVisit(urn: string) {
    const agenda = await openAgenda(bot, officer, urn, 'sit-support-visit');
    await pressOn(bot, officer, agenda, 'Submit', requiredAnswers(agenda));
  }

  it('when the headteacher types visits, then the copy awaiting their answer is listed, Open gives them Accurate and Dispute, and once answered it moves down', async () => {
    await submitSupportVisit(stMarys.urn);
    await submitSupportVisit(hillside.urn);
    const help = validateCard(cardsOf(await bot.say(head, 'help'))[0]);
    expect(cardText(help)).toContain('visits');

    const replies = await bot.say(head, 'visits');
    expect((replies[0]!.activity.text ?? replies[0]!.activity.summary)).toBe('1 visit note awaits your answer.');
    const list = validateCard(cardsOf(replies)[0]);
    expect(cardText(list)).toContain("Your school's visit notes");
    expect(cardText(list)).toContain(`${stMarys.name}: SIT support visit`);
    expect(cardText(list)).toContain('Awaiting your answer, visited 20 Nov');
    expect(cardText(list)).not.toContain(hillside.name);
    expect(actions(list).map((a) => a.title)).toEqual(['Open 20 Nov']);

    const opened = await pressOn(bot, head, list, 'Open 20 Nov');
    const copy = validateCard(opened.card);
    expect(actions(copy).map((a) => a.title)).toEqual(['Refresh', 'Accurate', 'Dispute']);
    await pressOn(bot, head, copy, 'Accurate');
    expect((await bot.store.find('visits', bot.tenantId, { schoolUrn: stMarys.urn }))[0]!.schoolResponse).toMatchObject({ verdict: 'accurate', by: head.id });

    const after = validateCard(cardsOf(await bot.say(head, 'visits'))[0]);
    expect(cardText(after)).toContain('No visit note is waiting for your answer.');
    expect(cardText(after)).toContain('Marked accurate, visited 20 Nov');
  });

  it("when a headteacher known only by the register's e-mail types visits, then they see their school's copy with Accurate and Dispute", async () => {
    await submitSupportVisit(stMarys.urn);
    await submitSupportVisit(hillside.urn);
    const list = validateCard(cardsOf(await bot.say(erin, 'visits'))[0]);
    expect(cardText(list)).toContain(`${hillside.name}: SIT support visit`);
    expect(cardText(list)).not.toContain(stMarys.name);
    const opened = await pressOn(bot, erin, list, 'Open 20 Nov');
    const copy = validateCard(opened.card);
    expect(inputs(copy).has('visit.disputeComment')).toBe(true);

    // The buttons they are shown work for them: the same predicate decides.
    const answered = await pressOn(bot, erin, copy, 'Dispute', { 'visit.disputeComment': 'The date is wrong.' });
    expect(cardText(validateCard(answered.card))).toContain("Erin Email disputed the school's copy on Monday 23 November 2026: The date is wrong.");
    const [stored] = await bot.store.find('visits', bot.tenantId, { schoolUrn: hillside.urn });
    expect(stored!.schoolResponse).toMatchObject({ verdict: 'disputed', by: erin.id });
  });

  it("when a governor types visits or a headteacher opens another school's note, then they are refused and shown nothing", async () => {
    await submitSupportVisit(hillside.urn);
    expect(texts(await bot.say(governor, 'visits'))).toEqual(["Only officers, SIT members and a school's headteacher have visit notes to see here."]);
    const [visit] = await bot.store.find('visits', bot.tenantId);
    const refused = await bot.invoke(head, 'visit.open', { visitId: visit!.id });
    expect(refused.message).toBe('Only its visitor, officers and the school can see this visit note.');
  });
});

describe('dates on the visit cards, in the configured time zone', () => {
  const head = aHeadteacherOf(stMarys, 'Hannah Head');
  let bot: TestBot;
  afterEach(() => bot.close());

  it("when the headteacher answers at 00:30 BST, then the note says they answered that day, not the day before (UTC)", async () => {
    // 23:30 UTC on 15 June is 00:30 on 16 June in London (TIMEZONE's default).
    bot = await startTestBot({ schools: [stMarys], people: [officer, head], clock: { now: () => new Date('2026-06-15T23:30:00Z') } });
    const agenda = await openAgenda(bot, officer, stMarys.urn, 'sit-support-visit', '2026-06-15');
    await pressOn(bot, officer, agenda, 'Submit', requiredAnswers(agenda, '2026-06-15'));
    const [copy] = cardsSentTo(bot, head);
    await pressOn(bot, head, copy!, 'Accurate');
    const [visit] = await bot.store.find('visits', bot.tenantId);
    const seen = await bot.invoke(officer, 'visit.view', { visitId: visit!.id }, { trigger: 'automatic' });
    expect(cardText(validateCard(seen.card))).toContain("Hannah Head marked the school's copy accurate on Tuesday 16 June 2026.");
  });

  it('when TIMEZONE is set elsewhere, then the days follow it', async () => {
    // 13:00 UTC on 15 June is 01:00 on 16 June in Auckland.
    bot = await startTestBot({ schools: [stMarys], people: [officer, head], env: { TIMEZONE: 'Pacific/Auckland' }, clock: { now: () => new Date('2026-06-15T13:00:00Z') } });
    const agenda = await openAgenda(bot, officer, stMarys.urn, 'sit-support-visit', '2026-06-16');
    await pressOn(bot, officer, agenda, 'Submit', requiredAnswers(agenda, '2026-06-16'));
    const [copy] = cardsSentTo(bot, head);
    const answered = await pressOn(bot, head, copy!, 'Accurate');
    // The headteacher's own answer comes back dated in TIMEZONE too (in London it was still 15 June).
    expect(cardText(validateCard(answered.card))).toContain("Hannah Head marked the school's copy accurate on Tuesday 16 June 2026.");
    const [visit] = await bot.store.find('visits', bot.tenantId);
    const seen = await bot.invoke(officer, 'visit.open', { visitId: visit!.id });
    expect(cardText(validateCard(seen.card))).toContain('accurate on Tuesday 16 June 2026.');
  });
});

describe("the school's copy by e-mail when Teams cannot reach the headteacher", () => {
  const head = aHeadteacherOf(stMarys, 'Hannah Head', { aadObjectId: undefined, email: 'hannah.head@stmarys.example.org' });
  let bot: TestBot;
  let graph: FakeGraph;

  beforeEach(async () => {
    graph = await startFakeGraph();
    bot = await startTestBot({
      schools: [stMarys],
      people: [officer, head],
      mailer: () => new GraphMailer(createGraphClient({ ...graph.connection }), 'school-improvement@la.example.org'),
    });
  });
  afterEach(async () => {
    await bot.close();
    await graph.close();
  });

  it('when the visit is submitted, then the headteacher and the RE lead get the note by e-mail through Graph and the officer is told', async () => {
    const { summary, visit } = await submitSacreVisit(bot);
    const mails = graph.sentMail.filter((m) => m.subject === 'Visit note for St Mary\'s CE Primary School, Friday 20 November 2026');
    expect(mails.map((m) => m.to)).toEqual([['hannah.head@stmarys.example.org'], ['rita.re@stmarys.example.org']]);
    expect(mails[0]!.html).toContain('Answer to areasOfConfidence');
    // The e-mail says where in Teams the headteacher can answer it.
    expect(mails[0]!.html).toContain('in a 1:1 chat with School Improvement Bot, type visits.');
    expect(mails[0]!.sender).toBe('school-improvement@la.example.org');
    expect(cardText(summary)).toContain("The school's copy is on its way to Hannah Head and rita.re@stmarys.example.org.");
    expect(visit.copySentAt).toBeDefined();
  });
});
